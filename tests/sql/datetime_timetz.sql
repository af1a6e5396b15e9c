-- time with time zone: input, output, typmod, ordering (UTC time, then
-- zone), arithmetic, casts, AT TIME ZONE, extract, CURRENT_TIME/LOCALTIME
-- and precision warnings. The session zone has no DST (stable output).
SET TimeZone = 'Asia/Tokyo';
SELECT timetz '12:00+05', timetz '12:00:00.123456-03:30', timetz '12:00', timetz '24:00+00', timetz '12:00 +05:30:15';
SELECT timetz '12:00 z', timetz 'allballs', timetz '2020-07-01 12:00 America/New_York', timetz '2020-01-01 12:00 America/New_York';
SELECT timetz '12:00 EST', timetz '12:00 PDT', timetz '12:00:00.1234567+01', timetz '12:00:00.1234565+01';
SELECT timetz(2) '12:00:00.126+01', '12:00:00.125+01'::timetz(2), '23:59:59.9999999+01'::timetz;
SELECT timetz '12:00+15:00', timetz '12:00-15:59', timetz '1:02 pm -03', timetz '2020-01-01 10:00 BC+05';
SELECT timetz '12:00 Asia/Tokyo', timetz '12:00 UTC';
SELECT timetz '25:00+00';
SELECT timetz '12:60+00';
SELECT timetz 'foo';
SELECT timetz '12:00+16';
SELECT timetz '12:00-16:00';
SELECT timetz '2020-01-01';
SELECT timetz '04:05:06 PST8PDT';
SELECT timetz '12:00 America/New_York';
SELECT timetz '12:00 foo/bar';
SELECT timetz 'now' IS NOT NULL, timetz '12:00' = '12:00+09';
SELECT '12:00+05'::time with time zone, '12:00:01.56789-02'::time(3) with time zone, pg_typeof('12:00'::timetz);
-- comparison and ordering
SELECT timetz '12:00+05' = timetz '08:00+01', timetz '12:00+05' < timetz '08:00+01', timetz '12:00+05' > timetz '11:00+05';
SELECT timetz '12:00+05' = timetz '12:00+05', timetz '12:00+05' <> timetz '12:00+05:00:01', timetz '12:00+05' <= timetz '12:00+05', timetz '00:00+00' >= timetz '23:59-00:01';
SELECT x FROM (VALUES (timetz '12:00+05'), (timetz '08:00+01'), (timetz '07:00+00'), (timetz '06:00-01'), (timetz '23:00-10'), (NULL), (timetz '00:00+00')) v(x) ORDER BY x;
SELECT x FROM (VALUES (timetz '12:00+05'), (timetz '08:00+01'), (timetz '07:00+00')) v(x) ORDER BY x DESC;
SELECT max(x), min(x), count(DISTINCT x) FROM (VALUES (timetz '12:00+05'), (timetz '08:00+01'), (timetz '12:00+05')) v(x);
SELECT x, count(*) FROM (VALUES (timetz '12:00+05'), (timetz '07:00+00'), (timetz '12:00+05')) v(x) GROUP BY x ORDER BY x;
SELECT timetz '12:00+05' IN (timetz '07:00+00', timetz '12:00+05'), timetz_cmp('12:00+05', '08:00+01'), timetz_cmp('08:00+01', '12:00+05'), timetz_cmp('1:00+00', '1:00+00');
SELECT timetz_larger('12:00+05', '08:00+01'), timetz_smaller('12:00+05', '08:00+01'), timetz_eq('12:00+05', '12:00+05'), timetz_lt('12:00+05', '08:00+01');
-- arithmetic
SELECT timetz '23:00+05' + interval '2 hours', timetz '01:00+05' - interval '2 hours 1 day 1 month', interval '1 hour' + timetz '12:00-03';
SELECT timetz '12:00+05' + interval '-25 hours', timetz '12:00+05' - interval '36:30', timetz '24:00+00' + interval '0';
SELECT date '2020-07-01' + timetz '12:00+05', timetz '12:00+05' + date '2020-07-01', date 'infinity' + timetz '12:00+05', timetz '12:00+05' + date '-infinity';
SELECT timestamptz(date '2020-07-01', timetz '23:30-02'), datetimetz_pl('2020-01-01', '00:00+00'), timetz_pl_interval('10:00+01', '1 hour'), interval_pl_timetz('1 hour', '10:00+01');
SELECT timetz '12:00:00+05' - timetz '11:00+05';
SELECT date '2020-07-01' + time '10:00', time '10:00' + date '2020-07-01', date 'infinity' + time '10:00', datetime_pl('2020-01-01', '24:00'), timedate_pl('1:00', '2020-01-01');
SELECT date '5874897-12-31' + time '10:00';
SELECT date '5874897-12-31' + timetz '23:00+00';
-- casts
SELECT timetz '12:34:56.5+05'::time, time '12:00'::timetz, time '24:00'::timetz, timestamptz '2020-01-01 12:00+00'::timetz, timestamptz '2020-07-01 12:00+00'::timetz;
SELECT timestamptz 'infinity'::timetz IS NULL, time(timetz '10:00-01'), timetz(time '10:00'), timetz(timestamptz '2000-01-01 00:00+00');
SELECT timetz '12:34:56.789+05'::timetz(1), timetz '12:34:56.789+05'::timetz(0), timetz(timetz '12:34:56.789+05', 2);
SELECT time '12:00' = timetz '12:00+09', time '12:00' < timetz '12:00+10';
SELECT timetz '12:00+05'::text, '10:00-01'::text::timetz, cast(timetz '12:00+05' AS varchar);
-- AT TIME ZONE
SELECT timetz '12:00+05' AT TIME ZONE 'UTC', timetz '12:00+05' AT TIME ZONE 'Asia/Kolkata', timetz '12:00+05' AT TIME ZONE interval '-03:30', timezone('Asia/Tokyo', timetz '12:00+05');
SELECT timetz '23:00-05' AT TIME ZONE '+03', timetz '01:00+05' AT TIME ZONE 'EST', timetz '12:00+05' AT TIME ZONE interval '90 minutes 30 seconds';
SELECT timetz '12:00+05' AT TIME ZONE interval '1 day';
SELECT timetz '12:00+05' AT TIME ZONE 'foo/bar';
-- extract and date_part
SELECT extract(hour from timetz '12:34:56.5+05:30'), extract(minute from timetz '12:34:56.5+05:30'), extract(second from timetz '12:34:56.5+05:30'), extract(epoch from timetz '12:34:56.5+05:30');
SELECT extract(timezone from timetz '12:34:56.5-05:30'), extract(timezone_hour from timetz '12:34:56.5-05:30'), extract(timezone_minute from timetz '12:34:56.5-05:30'), extract(timezone_m from timetz '1:00+01:15');
SELECT extract(milliseconds from timetz '12:34:56.5+05:30'), extract(microseconds from timetz '12:34:56.5+05:30'), date_part('epoch', timetz '12:00+05'), date_part('hour', timetz '24:00+05'), date_part('sec', timetz '1:02:03.25-01');
SELECT extract(day from timetz '12:00+05');
SELECT extract(dow from timetz '12:00+05');
SELECT extract(foo from timetz '12:00+05');
SELECT date_part('year', timetz '12:00+05');
-- CURRENT_TIME, LOCALTIME, LOCALTIMESTAMP, CURRENT_TIMESTAMP and their precisions
SELECT pg_typeof(current_time), pg_typeof(current_time(2)), pg_typeof(localtime), pg_typeof(localtime(3)), pg_typeof(localtimestamp), pg_typeof(localtimestamp(1)), pg_typeof(current_timestamp(0));
SELECT current_time(7) IS NOT NULL;
SELECT localtime(10) IS NOT NULL;
SELECT localtimestamp(8) IS NOT NULL;
SELECT current_timestamp(9) IS NOT NULL;
SELECT extract(microseconds from localtime(0)) % 1000000 = 0, extract(microseconds from current_time(0)) % 1000000 = 0, date_trunc('second', localtimestamp(0)) = localtimestamp(0), date_trunc('second', current_timestamp(0)) = current_timestamp(0);
SELECT current_time = current_time, localtime = current_time::time, localtimestamp = now()::timestamp, current_timestamp = now();
SELECT extract(timezone from current_time), current_date = now()::date;
SELECT '12:00'::time(7), '12:00+01'::timetz(8), '2020-01-01'::timestamp(7), '2020-01-01'::timestamptz(7);
SELECT '12:00+01'::timetz(-1);
-- arrays and tables
SELECT array[timetz '12:00+05', '13:00-01'], '{12:00+05,"14:30:00.5-02"}'::timetz[], pg_typeof('{}'::timetz[]);
SELECT format_type(1266, 3), format_type(1266, -1), format_type(1270, 2);
CREATE TEMP TABLE tz_t (id int, t timetz, t2 time(2) with time zone);
INSERT INTO tz_t VALUES (1, '12:00+05', '12:00:00.555+05'), (2, '08:00+01', '00:00:00.001-11'), (3, NULL, NULL), (4, '07:00:00+00', '23:59:59.999+14');
SELECT * FROM tz_t ORDER BY t, id;
SELECT id, t + interval '13 hours' AS later, t AT TIME ZONE 'UTC' AS utc FROM tz_t WHERE t > '06:00-01' ORDER BY id;
SELECT a.id, b.id FROM tz_t a JOIN tz_t b ON a.t = b.t ORDER BY 1;
SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'tz_t'::regclass AND attnum > 0 ORDER BY attnum;
SELECT oid, typname, typlen, typbyval, typalign, typcategory, typarray FROM pg_type WHERE oid IN (1266, 1270) ORDER BY oid;
SELECT o.oprname, o.oprleft::regtype, o.oprright::regtype, o.oprresult::regtype FROM pg_operator o WHERE o.oid IN (1361, 1366, 1550, 1551, 1552, 1553, 1554, 1555, 1802, 1803, 2552) ORDER BY o.oid;
SELECT castsource::regtype, casttarget::regtype, castcontext FROM pg_cast WHERE (castsource = 1266 OR casttarget = 1266) AND castsource <> casttarget ORDER BY 1, 2;
DROP TABLE tz_t;
-- times written without colons, an era on a time alone
SELECT timetz '040506+02', timetz '040506.5 +02', timetz '0405 -01', timetz '123456.789+01:30', timetz '12:00:00 +05 BC';
SELECT timetz '250000+00';
SELECT timetz '0405x';
-- OVERLAPS over timetz, time, timestamp and timestamptz, with intervals and NULLs
SELECT (timetz '12:00+05', timetz '13:00+01') OVERLAPS (timetz '12:30+05', timetz '14:00+05'), (timetz '12:00+00', timetz '13:00+00') OVERLAPS (timetz '13:00+00', timetz '14:00+00');
SELECT (time '12:00', time '13:00') OVERLAPS (time '12:30', time '14:00'), (time '13:00', time '12:00') OVERLAPS (time '12:30', interval '1 hour'), (time '10:00', interval '1 hour') OVERLAPS (time '11:00', time '12:00');
SELECT (timestamp '2020-01-01', timestamp '2020-02-01') OVERLAPS (timestamp '2020-01-15', interval '1 day'), (timestamptz '2020-01-01', interval '1 month') OVERLAPS (timestamptz '2020-02-01', interval '1 day');
SELECT (date '2020-01-01', date '2020-02-01') OVERLAPS (date '2020-01-31', date '2020-03-01'), (timestamptz '2020-01-01', timestamptz '2020-01-05') OVERLAPS (timestamptz '2020-01-03', timestamptz '2020-01-04');
SELECT (NULL::time, NULL::time) OVERLAPS (time '1:00', time '2:00'), (NULL::time, time '3:00') OVERLAPS (time '1:00', time '2:00'), (time '1:30', NULL::time) OVERLAPS (time '1:00', time '2:00');
SELECT (time '0:30', NULL::time) OVERLAPS (time '1:00', time '2:00'), (time '1:00', NULL::time) OVERLAPS (time '1:00', time '2:00'), (time '3:00', time '2:30') OVERLAPS (time '1:00', NULL::time);
SELECT (time '1:00', time '2:00') OVERLAPS (time '1:00', NULL::interval), (timestamp '2020-01-01', NULL::interval) OVERLAPS (timestamp '2019-01-01', timestamp '2021-01-01');
SELECT (time '1:00', time '2:00', time '3:00') OVERLAPS (time '1:00', time '2:00');
