-- The session TimeZone in conversions and calendar arithmetic, time zone
-- names, abbreviations, POSIX strings and numeric offsets, AT TIME ZONE.
SET TimeZone = 'America/New_York';
SHOW TimeZone;
-- timestamp <-> timestamptz in the session zone
SELECT timestamp '2020-07-01 12:00'::timestamptz, timestamp '2020-01-01 12:00'::timestamptz;
SELECT timestamptz '2020-07-01 12:00+00'::timestamp, timestamptz '2020-07-01 02:00+00'::date,
       timestamptz '2020-07-01 12:00+00'::time;
SELECT timestamptz '2020-01-01 03:00+00'::date, timestamptz '2020-01-01 03:00+00'::timestamp;
-- DST gap and overlap: PostgreSQL's choice of offset
SELECT timestamp '2020-03-08 02:30'::timestamptz, timestamp '2020-11-01 01:30'::timestamptz;
SELECT '2020-03-08 02:30'::timestamptz, '2020-11-01 01:30'::timestamptz, '2020-11-01 01:30 EDT'::timestamptz;
-- extract and date_part
SELECT extract(hour FROM timestamptz '2020-07-01 12:00+00'), extract(timezone FROM timestamptz '2020-07-01 12:00+00'),
       extract(timezone_hour FROM timestamptz '2020-01-01 12:00+00'), extract(timezone_minute FROM timestamptz '2020-01-01 12:00+00');
SELECT extract(day FROM timestamptz '2020-07-01 02:00+00'), extract(dow FROM timestamptz '2020-07-01 02:00+00'),
       extract(epoch FROM timestamptz '2020-07-01 02:00+00'), date_part('hour', timestamptz '2020-07-01 02:00+00');
-- date_trunc, with and without a zone
SELECT date_trunc('day', timestamptz '2020-07-01 02:00+00'), date_trunc('month', timestamptz '2020-07-01 02:00+00'),
       date_trunc('hour', timestamptz '2020-11-01 05:30+00'), date_trunc('hour', timestamptz '2020-11-01 06:30+00');
SELECT date_trunc('day', timestamptz '2020-07-01 02:00+00', 'Asia/Tokyo'), date_trunc('day', timestamptz '2020-07-01 02:00+00', 'UTC');
SELECT date_trunc('week', timestamptz '2020-03-10 02:00+00'), date_trunc('year', timestamptz '2021-01-01 02:00+00');
-- date -> timestamptz
SELECT date '2020-07-01'::timestamptz, date '2020-03-08'::timestamptz, date '2020-07-01' + time '10:00';
-- timestamptz +/- interval across DST: days and months move in local time
SELECT timestamptz '2020-03-07 12:00-05' + interval '1 day', timestamptz '2020-03-07 12:00-05' + interval '24 hours',
       timestamptz '2020-02-08 12:00-05' + interval '1 mon', timestamptz '2020-11-01 00:30-04' + interval '1 day';
SELECT timestamptz '2020-03-09 12:00-04' - interval '1 day', timestamptz '2020-03-31 12:00-04' - interval '1 mon';
SELECT timestamptz '2020-11-02 00:00' - timestamptz '2020-11-01 00:00';
-- generate_series over timestamptz
SELECT * FROM generate_series(timestamptz '2020-03-07 00:00', timestamptz '2020-03-10 00:00', interval '1 day');
SELECT * FROM generate_series(timestamptz '2020-10-31 23:00', timestamptz '2020-11-01 03:00', interval '1 hour');
-- comparisons with date and timestamp
SELECT timestamptz '2020-07-01 03:00+00' < date '2020-07-01', timestamptz '2020-07-01 03:00+00' = timestamp '2020-06-30 23:00',
       date '2020-07-01' = timestamptz '2020-07-01 04:00+00', timestamp '2020-07-01 00:00' > timestamptz '2020-07-01 03:00+00';
-- text output inside expressions
SELECT concat(timestamptz '2020-07-01 12:00+00'), 'x' || timestamptz '2020-07-01 12:00+00', timestamptz '2020-01-01 12:00+00'::text;
-- AT TIME ZONE and timezone() in all forms
SELECT timestamptz '2020-07-01 12:00+00' AT TIME ZONE 'Asia/Tokyo', timestamp '2020-07-01 12:00' AT TIME ZONE 'Asia/Tokyo';
SELECT timestamptz '2020-07-01 12:00+00' AT TIME ZONE 'PST', timestamp '2020-07-01 12:00' AT TIME ZONE 'pst',
       timestamptz '2020-07-01 12:00+00' AT TIME ZONE 'EST5EDT';
SELECT timestamptz '2020-07-01 12:00+00' AT TIME ZONE '+05', timestamptz '2020-07-01 12:00+00' AT TIME ZONE '-03:30',
       timestamptz '2020-07-01 12:00+00' AT TIME ZONE 'UTC+2', timestamptz '2020-07-01 12:00+00' AT TIME ZONE '<+0330>-03:30';
SELECT timestamptz '2020-07-01 12:00+00' AT TIME ZONE interval '-02:30', timestamp '2020-07-01 12:00' AT TIME ZONE interval '05:00';
SELECT timezone('Europe/Paris', timestamptz '2020-01-01 12:00+00'), timezone('Europe/Paris', timestamp '2020-01-01 12:00'),
       timezone(interval '1 hour', timestamptz '2020-01-01 12:00+00');
SELECT timestamp '2020-03-29 02:30' AT TIME ZONE 'Europe/Paris', timestamp '2020-10-25 02:30' AT TIME ZONE 'Europe/Paris';
SELECT timestamptz 'infinity' AT TIME ZONE 'UTC', timestamp '-infinity' AT TIME ZONE 'Asia/Tokyo';
SELECT timestamptz '2020-07-01 12:00+00' AT TIME ZONE 'Mars/Olympus';
SELECT timestamptz '2020-07-01 12:00+00' AT TIME ZONE interval '1 day';
SELECT timestamptz '2020-07-01 12:00+00' AT TIME ZONE 'UTC' = timestamp '2020-07-01 12:00', timestamp '2020-07-01 12:00' AT TIME ZONE 'UTC' = timestamptz '2020-07-01 12:00+00';
-- make_timestamptz
SELECT make_timestamptz(2020, 7, 1, 12, 30, 15.5), make_timestamptz(2020, 7, 1, 12, 30, 15.5, 'Asia/Tokyo'),
       make_timestamptz(2020, 3, 8, 2, 30, 0), make_timestamptz(2020, 1, 1, 0, 0, 0, '+05');
SELECT make_timestamptz(2020, 13, 1, 0, 0, 0);
SELECT make_timestamptz(2020, 1, 1, 0, 0, 0, 'Nowhere/Else');
-- time zone names as input
SELECT '2020-07-01 12:00 Europe/Paris'::timestamptz, '2020-07-01 12:00 PST'::timestamptz, '2020-07-01 12:00 MSK'::timestamptz,
       '2020-07-01 12:00 +05:30'::timestamptz, '2020-07-01 12:00 -0330'::timestamptz;
SELECT '2020-07-01 12:00 CEST'::timestamptz, '2020-01-01 12:00 AEDT'::timestamptz, '2020-01-01 12:00 NZDT'::timestamptz,
       '2020-01-01 12:00 IST'::timestamptz, '2020-01-01 12:00 z'::timestamptz;
-- SET TIME ZONE forms
SET TIME ZONE 5;
SHOW TimeZone;
SELECT timestamp '2020-07-01 12:00'::timestamptz, extract(timezone FROM now()) = 18000;
SET TIME ZONE -3.5;
SHOW TimeZone;
SELECT timestamptz '2020-07-01 12:00+00';
SET TIME ZONE INTERVAL '+02:00' HOUR TO MINUTE;
SHOW TimeZone;
SELECT timestamptz '2020-07-01 12:00+00';
SET TIME ZONE 'PST8PDT';
SELECT timestamptz '2020-07-01 12:00+00', timestamptz '2020-01-01 12:00+00';
SET TIME ZONE 'EST5EDT,M3.2.0,M11.1.0';
SELECT timestamptz '2020-07-01 12:00+00', timestamptz '2020-01-01 12:00+00';
SET TIME ZONE '+05:30';
SHOW TimeZone;
SELECT timestamptz '2020-07-01 12:00+00', timestamp '2020-07-01 12:00'::timestamptz;
SET TIME ZONE 'Australia/Lord_Howe';
SELECT timestamptz '2020-07-01 12:00+00', timestamptz '2020-01-01 12:00+00', extract(timezone FROM timestamptz '2020-01-01 12:00+00');
SET TIME ZONE 'Mars/Olympus';
SET TIME ZONE LOCAL;
SET TIME ZONE DEFAULT;
SET TimeZone = 'Asia/Kathmandu';
SELECT timestamptz '2020-07-01 12:00+00', date '2020-07-01'::timestamptz;
-- far from the present: the zone's rules continue, and before its first transition local mean time
SET TimeZone = 'America/New_York';
SELECT timestamptz '2200-07-01 12:00+00', timestamptz '12000-07-01 12:00+00', timestamptz '1800-01-01 12:00+00';
-- SET LOCAL and rollback restore the session zone used by conversions
BEGIN;
SET LOCAL TimeZone = 'Asia/Tokyo';
SELECT timestamp '2020-07-01 12:00'::timestamptz::text;
ROLLBACK;
SELECT timestamp '2020-07-01 12:00'::timestamptz::text;
-- conversions that leave the timestamp range
SELECT '4714-11-24 00:00:00+00 BC'::timestamptz::timestamp;
SELECT '4714-11-24 00:00:00+00 BC'::timestamptz::date, '4714-11-24 01:00:00 BC'::timestamp::timestamptz;
SELECT '294276-12-31 23:00:00'::timestamp::timestamptz;
SET TimeZone = 'Asia/Tokyo';
SELECT '294276-12-31 20:00:00+00'::timestamptz::timestamp;
SELECT date '4714-11-24 BC'::timestamptz;
SELECT '294276-12-31 20:00:00+00'::timestamptz AT TIME ZONE 'Asia/Tokyo';
-- make_timestamp and make_timestamptz checks
SELECT make_timestamp(2020, 2, 29, 23, 59, 59.999999), make_timestamp(-44, 3, 15, 0, 0, 0), make_timestamp(2020, 1, 1, 24, 0, 0);
SELECT make_timestamp(2020, 2, 30, 0, 0, 0);
SELECT make_timestamp(0, 2, 3, 10, 0, 0);
SELECT make_timestamp(2020, 2, 3, 24, 0, 0.5);
SELECT make_timestamp(2020, 2, 3, 10, 0, 'NaN');
SELECT make_timestamp(2020, 2, 3, 10, 60, 0);
SELECT make_timestamp(294277, 1, 1, 0, 0, 0);
SELECT make_timestamp(-4714, 11, 23, 10, 0, 0);
SELECT make_timestamp(5874898, 7, 1, 0, 0, 0);
SELECT make_timestamptz(2020, 2, 3, 10, 0, 0, '5');
SELECT make_timestamptz(2020, 2, 3, 10, 0, 0, '+16');
SELECT make_timestamptz(2020, 2, 3, 10, 0, 0, 'msk'), make_timestamptz(2020, 2, 3, 10, 0, 0, '-03:30'),
       make_timestamptz(2020, 2, 3, 10, 0, 0, 'America/New_York');
SELECT timezone('5', timestamp '2020-01-01 00:00'), timezone('UTC+3', timestamp '2020-01-01 00:00');
SELECT timezone('', timestamp '2020-01-01 00:00');
-- dynamic abbreviations mean what their zone used them for at the time
SET TimeZone = 'UTC';
SELECT '2012-07-01 12:00 MSK'::timestamptz, '1995-07-01 12:00 MSK'::timestamptz, '1995-07-01 12:00 MSD'::timestamptz,
       '2000-01-01 12:00 IRKT'::timestamptz, '2010-07-01 12:00 IRKT'::timestamptz;
SELECT timestamp '2012-07-01 12:00' AT TIME ZONE 'MSK', timestamptz '2012-07-01 12:00+00' AT TIME ZONE 'msk',
       timestamptz '2020-07-01 12:00+00' AT TIME ZONE 'MSK';
-- the views
SELECT * FROM pg_timezone_abbrevs WHERE abbrev IN ('EST', 'CEST', 'MSK', 'NZDT', 'Z', 'IRKT', 'LHDT') ORDER BY abbrev;
SELECT count(*) > 190 AS many, count(DISTINCT abbrev) = count(*) AS distinct_names FROM pg_timezone_abbrevs;
SELECT name, abbrev, utc_offset, is_dst FROM pg_timezone_names
  WHERE name IN ('Asia/Tokyo', 'Asia/Kolkata', 'Etc/GMT+12', 'UTC', 'Asia/Kathmandu') ORDER BY name;
SELECT count(*) > 400 AS many FROM pg_timezone_names WHERE name NOT LIKE 'posix/%';
SELECT name, abbrev FROM pg_timezone_names WHERE name LIKE 'right/%' OR name IN ('Factory', 'zone.tab', 'leapseconds');
RESET TimeZone;
-- age works on local fields: in the session zone for timestamptz
SET TimeZone = 'America/New_York';
SELECT age(timestamptz '2020-11-02 00:00', timestamptz '2020-11-01 00:00'), age(timestamptz '2020-03-09 00:00', timestamptz '2020-03-08 00:00'),
       age(timestamptz '2020-03-08 12:00+00', timestamptz '2020-03-07 12:00+00');
SELECT age(timestamp '2020-03-31', timestamp '2020-02-29 12:00'), age(timestamp '2020-01-31', timestamp '2020-03-01 01:02:03.5'),
       age(timestamp '0044-03-15 BC', timestamp '2020-01-01');
SELECT age(timestamp '-infinity', timestamp '2020-01-01');
SELECT age(current_date::timestamp) = interval '0', age(current_date::timestamptz) = interval '0';
RESET TimeZone;
-- date_trunc results before the first valid timestamp
SELECT date_trunc('millennium', timestamp '4270-03-09 09:47:16 BC');
SELECT date_trunc('century', timestamptz '4714-11-24 12:00+00 BC');
SET TimeZone = 'Asia/Tokyo';
SELECT date_trunc('day', timestamptz '4714-11-24 12:00+00 BC');
SELECT date_trunc('hour', timestamptz '4714-11-24 12:00+00 BC'), date_trunc('day', timestamptz '4714-11-25 12:00+00 BC');
RESET TimeZone;
