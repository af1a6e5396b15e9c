-- justify_days, justify_hours, justify_interval, make_interval (positional
-- and named notation), make_time, date_bin, isfinite, extract of infinite
-- values, 'BC+05' input tokens, and the clock functions' relations.
SET TimeZone = 'UTC';
SELECT justify_days(interval '35 days'), justify_days(interval '-35 days 1 hour'), justify_days(interval '1 mon -31 days');
SELECT justify_hours(interval '27 hours'), justify_hours(interval '-25 hours 1 day'), justify_hours(interval '1 day -25 hours');
SELECT justify_interval(interval '1 mon -1 hour'), justify_interval(interval '-1 month 1 day -1 hour');
SELECT justify_interval(interval '2147483647 days 24 hours');
SELECT justify_interval(interval '1 year 65 days 100 hours'), justify_interval(interval '-1 year -65 days -100 hours');
SELECT justify_hours(interval '2147483647 days 24 hours');
SELECT justify_days(interval '2147483647 months 30 days');
SELECT justify_interval(interval '2147483647 months 30 days');
SELECT justify_days(NULL), justify_hours(NULL::interval);
-- make_interval
SELECT make_interval(), make_interval(1), make_interval(1, 2), make_interval(1, 2, 3, 4, 5, 6, 7.5);
SELECT make_interval(years => 2147483647);
SELECT make_interval(weeks => 2147483647);
SELECT make_interval(0, 0, 0, 0, 2147483647, 0, 1e18);
SELECT make_interval(0, 0, 0, 0, 0, 0, 'infinity');
SELECT make_interval(0, 0, 0, 0, 0, 0, 'nan');
SELECT make_interval(secs => -1.5), make_interval(hours => -1, secs => 0.0000005), make_interval(secs => 0.0000015);
SELECT make_interval(days => 3), make_interval(secs := 1.5), make_interval(secs => 1.5, days => 2);
SELECT make_interval(1, secs => 1.5), make_interval(1, 2, mins => 30, hours => 4);
SELECT make_interval(days => NULL), make_interval(years => 1, months => NULL);
SELECT make_interval(secs => '2.5'), make_interval(days => 2::smallint);
SELECT make_interval(secs => 1.5, 1);
SELECT make_interval(foo => 1);
SELECT make_interval(days => 1, days => 2);
SELECT make_interval(1, years => 2);
SELECT make_interval(days => 'x');
SELECT make_interval(1, 2, 3, 4, 5, 6, 7, 8);
SELECT abs(x => 1);
SELECT make_time(hour => 1, min => 2, sec => 3.5), make_time(sec => 0, hour => 23, min => 59);
SELECT make_time(hour => 1, min => 2);
-- make_time
SELECT make_time(8, 15, 23.5), make_time(24, 0, 0), make_time(23, 59, 59.9999999), make_time(12, 30, 59.9999995);
SELECT make_time(0, 0, 0.0000005), make_time(0, 0, 60);
SELECT make_time(25, 0, 0);
SELECT make_time(1, 60, 0);
SELECT make_time(1, 2, 60.5);
SELECT make_time(1, 2, -1);
SELECT make_time(1, 2, 1e10);
SELECT make_time(1, 2, 'nan');
SELECT make_time(24, 0, 0.5);
SELECT make_time(-1, 2, 5);
SELECT make_time(1, -2, 5);
SELECT make_time(10, 5, 0.00001);
-- date_bin
SELECT date_bin('15 minutes', timestamp '2020-02-11 15:44:17', timestamp '2001-01-01');
SELECT date_bin('15 minutes', timestamp '2020-02-11 15:44:17', timestamp '2001-01-01 00:02:30');
SELECT date_bin('1 day 1 hour', timestamp '2020-02-11 15:44:17', timestamp '2001-01-01');
SELECT date_bin('7 days', timestamp '2020-01-01', timestamp '2021-01-01'), date_bin('7 days', timestamp '2020-01-03', timestamp '2021-01-01');
SELECT date_bin('1 microsecond', timestamp '2020-01-01 00:00:00.123456', timestamp '2021-01-01');
SELECT date_bin('1 day', timestamp '4713-11-25 BC', timestamp '4713-11-24 12:00 BC');
SELECT date_bin('1 day', timestamp '294276-12-31 23:00', timestamp '294276-12-31 23:30');
SELECT date_bin('2 days', timestamp '294276-12-31 23:00', timestamp '2000-01-01');
SELECT date_bin('106751991 days 4 hours', timestamp '2020-01-01', timestamp '2001-01-01');
SELECT date_bin('15 minutes', timestamptz '2020-02-11 15:44:17+00', timestamptz '2001-01-01 00:00:00+00');
SELECT date_bin('1 hour', timestamptz '2020-02-11 15:44:17+05:30', timestamptz '2001-01-01 00:00:00+00');
SELECT date_bin('1 day', timestamp 'infinity', timestamp '2001-01-01'), date_bin('1 day', timestamptz '-infinity', timestamptz '2001-01-01');
SELECT date_bin('1 month', timestamp '2020-02-11 15:44:17', timestamp '2001-01-01');
SELECT date_bin('1 year', timestamptz '2020-02-11 15:44:17', timestamptz '2001-01-01');
SELECT date_bin('0 days', timestamp '2020-02-11 15:44:17', timestamp '2001-01-01');
SELECT date_bin('-1 day', timestamp '2020-01-01', timestamp '2001-01-01');
SELECT date_bin('1 day', timestamp '2020-01-01', timestamp 'infinity');
SELECT date_bin('1 day', timestamptz '2020-01-01', timestamptz '-infinity');
SELECT date_bin('1 day', timestamp '294276-01-01', timestamp '4713-01-01 BC');
SELECT date_bin('1 day', '2020-01-01', '2000-01-01');
SELECT pg_typeof(date_bin('1 day', now(), now())), pg_typeof(date_bin('1 day', localtimestamp, localtimestamp));
-- isfinite
SELECT isfinite(date '2020-01-01'), isfinite(date 'infinity'), isfinite(date '-infinity');
SELECT isfinite(timestamp '2020-01-01'), isfinite(timestamp 'infinity'), isfinite(timestamp '-infinity');
SELECT isfinite(timestamptz '2020-01-01'), isfinite(timestamptz 'infinity'), isfinite(now());
SELECT isfinite(interval '1 day'), isfinite(NULL::date);
-- extract and date_part of infinite values
SELECT extract(epoch from date 'infinity'), extract(year from date '-infinity'), extract(day from date 'infinity');
SELECT extract(minute from date 'infinity');
SELECT extract(timezone from date 'infinity');
SELECT extract(timezone from timestamptz 'infinity'), extract(hour from timestamp '-infinity'), extract(julian from timestamp 'infinity');
SELECT date_part('timezone', timestamptz 'infinity'), date_part('year', timestamp 'infinity'), date_part('minute', date 'infinity');
SELECT extract(isoyear from timestamptz '-infinity'), extract(century from date 'infinity'), extract(dow from timestamp 'infinity');
SELECT extract(foo from date 'infinity');
-- BC run into an offset
SELECT timestamptz '2020-01-01 00:00 BC+05', timestamptz '2020-01-01 12:00 +05 BC';
SELECT timestamp '2020-01-01 00:00 BC+05', date '2020-01-01 BC';
SELECT timestamptz '2020-01-01 12:00 pm+05';
-- the clock functions
SELECT clock_timestamp() >= statement_timestamp(), statement_timestamp() >= transaction_timestamp(), now() = transaction_timestamp();
SELECT pg_typeof(clock_timestamp()), pg_typeof(statement_timestamp()), pg_typeof(transaction_timestamp()), pg_typeof(timeofday());
BEGIN;
SELECT now() AS t0 \gset
SELECT pg_sleep(0.01);
SELECT now() = :'t0'::timestamptz AS same_now, transaction_timestamp() = :'t0'::timestamptz AS same_xact, statement_timestamp() > :'t0'::timestamptz AS later_stmt;
COMMIT;
SELECT length(timeofday()) > 20, timeofday()::timestamptz <= clock_timestamp();
SELECT p.proname, p.provolatile, p.proisstrict, pg_get_function_arguments(p.oid), pg_get_function_result(p.oid)
  FROM pg_proc p WHERE p.proname IN ('justify_days', 'justify_hours', 'justify_interval', 'make_time', 'date_bin', 'isfinite', 'clock_timestamp', 'statement_timestamp', 'transaction_timestamp', 'timeofday')
  ORDER BY p.oid;
SELECT oid, proargnames, pronargdefaults, proargtypes FROM pg_proc WHERE proname = 'make_interval';
-- date_part computes in floating point as PostgreSQL does (last digits)
SET TimeZone = 'Europe/Paris';
SELECT date_part('second', timestamp '2021-03-04 12:34:56.789123'), date_part('milliseconds', timestamptz '2021-03-04 12:34:56.789123'), date_part('second', time '07:08:09.123457');
SELECT date_part('epoch', interval '1 year 2 mons 3 days 04:05:06.789'), date_part('epoch', interval '-8 years 8 mons -10 days -6:12:56.407589'), date_part('second', interval '-1 min -2.345678 sec');
SELECT date_part('epoch', timestamp '0831-03-24 10:12:56.407589'), date_part('epoch', timestamptz '0831-03-24 10:12:56.407589'), date_part('epoch', timestamp '294276-12-31 23:59:59.999999');
SELECT date_part('julian', timestamp '1850-03-04 23:59:59.999999'), date_part('julian', timestamptz '2021-03-04 12:34:56.789123'), date_part('epoch', timetz '10:12:56.407589-07:45'), date_part('second', timetz '10:12:56.407589-07:45');
SELECT extract(epoch from timestamp '0831-03-24 10:12:56.407589'), extract(second from timestamp '2021-03-04 12:34:56.789123'), extract(julian from timestamp '1850-03-04 23:59:59.999999');
-- named notation for the other make_* functions
SELECT make_date(year => 2020, month => 2, day => 29), make_date(day => 1, month => 3, year => -44);
SELECT make_timestamp(2020, 1, 2, hour => 3, min => 4, sec => 5.5), make_timestamptz(2020, 1, 2, 3, 4, 5, timezone => 'Asia/Tokyo');
SELECT make_timestamptz(year => 2020, month => 1, mday => 2, hour => 3, min => 4, sec => 5);
SELECT make_date(year => 2020, month => 2);
SELECT p.proname, pg_get_function_arguments(p.oid) FROM pg_proc p WHERE p.proname IN ('make_date', 'make_timestamp', 'make_timestamptz') ORDER BY p.oid;
SELECT * FROM make_interval(days => 3, hours => 2);
SELECT * FROM make_time(min => 5, hour => 4, sec => 3) AS t(x);
