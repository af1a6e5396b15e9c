-- Causes found by differential fuzzing (difffuzz) in date, time and interval
-- types (time zones aside); each case answers as PostgreSQL 15 does.
set timezone = 'UTC';
-- interval + time is a time.
select interval '1 day' + time '10:00', interval '-1 hour' + time '00:30', (interval '1 hour' + time '10:00')::text;
-- interval * and / cascade fractions of months to days and days to seconds, rounded
-- to microseconds at each step.
select interval '1 mon' / 7, interval '1 mon' * 0.3, interval '1 day' * 0.123456789, interval '1 mon 1 day' / 3.3;
select interval '1 year 2 mons 3 days 04:05:06.789' * 1.7, interval '7 mons' / 3, interval '-1 mon -1 day' * 0.55;
select interval '1 mon' / 0;
select avg(x) from (values (interval '1 mon'), (interval '1 day'), (interval '1 sec')) v(x);
select avg(x) from (values (interval '1 mon'), (interval '2 day'), (interval '3 sec')) v(x);
-- Fractional seconds past six digits: time and timestamp round the double half to
-- even; interval rounds the remainder after the whole microseconds.
select time '10:00:00.1234565', time '10:00:00.1234575', time '10:00:00.12345650001', time '23:59:59.9999995';
select timestamp '2020-01-01 10:00:00.1234565', timestamp '2020-01-01 10:00:00.1234575';
select interval '0.1234565 sec', interval '0.1234575 sec', interval '1.0000005 sec', interval '00:00:01.0000005';
select interval '1.5 min', interval '0.1234567 hours', interval '1.5 weeks', interval '0.3 mons', interval '1.05 years';
-- extract from time: only time-of-day units; 24:00 is hour 24; epoch counts from midnight.
select extract(epoch from time '01:02:03'), extract(hour from time '24:00'), extract(second from time '01:02:03.5');
select extract(milliseconds from time '01:02:03.5'), extract(microseconds from time '01:02:03.5'), extract(minute from time '01:02:03');
select date_part('epoch', time '01:02:03.5'), date_part('hour', time '24:00:00');
select extract(dow from time '10:00');
select extract(day from time '10:00');
select extract(julian from time '10:00');
select extract(foo from time '10:00');
-- julian of a timestamp has numeric division's scale.
select extract(julian from date '2020-01-01'), extract(julian from timestamp '2020-01-01 12:00'), extract(julian from timestamp '2020-01-01 00:00:00.000001');
-- date_part on a date goes through timestamp, so time units are zero.
select date_part('second', date '2020-01-01'), date_part('hour', date '2020-01-01'), date_part('epoch', date '2020-01-01'), date_part('dow', date '2020-01-01');
select extract(second from date '2020-01-01');
-- An infinite timestamp has no time of day.
select 'infinity'::timestamp::time, '-infinity'::date::timestamp::time, 'infinity'::timestamptz::time;
-- interval to time keeps the time field modulo a day.
select interval '10:00'::time, interval '1 day 10:00'::time, interval '-1 hour'::time, interval '49:30'::time;
-- interval fields take the whole int32 range.
select interval '-2147483648 months', interval '2147483647 months', interval '-2147483648 days';
select interval '2147483648 months';
-- Time input as a run of digits; Julian day dates.
select '235959'::time, '2359'::time, '235959.5'::time, '000000'::time;
select '101'::time;
select date 'J2451545', timestamp 'J2451545', date 'j2440588', date 'J0';
-- Out-of-range dates and timestamps.
select date '5874897-12-31', date '4714-11-24 BC';
select date '5874897-12-31'::timestamp;
select date '5874898-01-01';
select date '4714-11-23 BC';
select timestamp '294277-01-01';
select date '294276-12-31'::timestamp, date '294277-01-01'::timestamptz;
select date '2020-01-01' + 2147483000;
select date '5874897-12-31' + interval '-2 years -3 mons';
select date '5874897-12-31' - interval '1 day';
select date '294276-12-31' + interval '1 day' > date '5874897-12-31';
-- timestamp - timestamp wraps around in int64 as PostgreSQL 15's does.
select timestamp '294276-12-31 23:59:59' - timestamp '4713-01-01 00:00 BC', time '12:00' - (timestamp '294276-12-31 23:59:59' - timestamp '1970-01-01 00:00:00');
