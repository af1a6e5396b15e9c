-- Interval type modifiers: interval(p) rounds the seconds, a field
-- qualifier (YEAR, DAY TO MINUTE, MINUTE TO SECOND(p), ...) drops the
-- fields below it, and a literal under a qualifier reads a bare number as
-- the qualifier's last field. Columns apply the typmod on INSERT/UPDATE.
select '1.23456 sec'::interval(2), '-1.23456 sec'::interval(2), '1.5 sec'::interval(0), '-1.5 sec'::interval(0);
select '1 day 02:03:04.5678'::interval(2), '1 day 02:03:04.5678'::interval(6), interval(3) '0.0005 sec';
select interval '1' year, interval '2' month, interval '3' day, interval '2' hour, interval '5' minute, interval '7' second;
select interval '1.5' year, interval '1.5' month, interval '1.5' day, interval '1.5' hour, interval '1.5' minute;
select interval '1 2:03:04' day to minute, interval '1 2:03:04' day to hour, interval '1 2:03:04.567' day to second;
select interval '1 2:03:04.567' day to second(1), interval '2:03:04.567' hour to minute, interval '2:03:04.567' hour to second(0);
select interval '1:2' minute to second, interval '1:2' hour to minute, interval '1:2' hour to second, interval '1:2.5' hour to second;
select interval '1:2' minute to second(1), interval '12:34.5678' minute to second(2), interval '3' minute to second;
select interval '1-2' year to month, interval '1-2' year, interval '1 year 5 months 3 days' year, interval '1 year 5 months 3 days' month;
select interval '1 year 5 months 3 days 04:05:06' day, interval '1 year 5 months 3 days 04:05:06' hour, interval '3 days 04:05:06.7' minute;
select interval '1 year 5 months 3 days 04:05:06.789' second, interval '04:05:06.789' second(1), interval '2' day to hour;
select interval '2' day to minute, interval '2' day to second, interval '2' hour to minute, interval '2' hour to second;
select interval '-1 2:03:04' day to minute, interval '-1.5' year, interval '1 day ago' day, interval '@ 1 hour 30 mins' hour;
select '1 2:03:04'::interval day to minute, cast('1 day 02:03:04.567' as interval hour to second(1)), '5'::interval year;
-- A value that is not a literal is cut after its own input.
select ('1 day 02:03:04.5678'::text)::interval(1), ('5'::text)::interval year, (interval '1 day 02:03:04.5678')::interval day to minute;
select (interval '14 months 3 days')::interval year, (interval '14 months 3 days')::interval month, (interval '-14 months')::interval year;
select (interval '-1.5 sec')::interval(0), (interval '-2.5 sec')::interval(0), (interval '0.0000005 sec')::interval(6);
-- Type names.
select format_type('interval'::regtype, -1), pg_typeof('1'::interval(3)), pg_typeof(interval '1' day);
create table iv_t (a interval(2), b interval year, c interval day to second(3), d interval hour to minute, e interval minute to second, f interval month, g interval second(0), h interval year to month);
select attname, format_type(atttypid, atttypmod), atttypmod from pg_attribute where attrelid = 'iv_t'::regclass and attnum > 0 order by attnum;
\d iv_t
insert into iv_t values ('1.23456 sec', '3 years 5 months 2 days', '1 day 2:03:04.56789', '1 day 2:03:04', '1:2.345', '14 months 3 days', '1.5 sec', '1 year 13 months 4 days');
insert into iv_t values ('1', '1', '1', '1', '1', '1', '1', '1');
insert into iv_t values ('1:2', '1:2', '1:2', '1:2', '1:2', '1:2', '1:2', '1:2');
insert into iv_t (a, c) values (interval '3.14159 sec', interval '1 day 01:02:03.4567');
insert into iv_t (b, d, e) values ('2', '3', '4'), ('5', '6', '7:8');
copy iv_t (b, d, g) from stdin;
9	10	11.5
\.
select * from iv_t;
update iv_t set a = a + interval '0.005 sec', b = b + interval '7 months', d = d + interval '59 seconds' where a is not null;
select * from iv_t;
select cast(c as interval day to minute), c::interval(1) from iv_t;
create table iv_t2 as select a, b, c from iv_t;
select attname, format_type(atttypid, atttypmod) from pg_attribute where attrelid = 'iv_t2'::regclass and attnum > 0 order by attnum;
drop table iv_t, iv_t2;
-- Precision warnings and errors.
select '1.23456789 sec'::interval(7);
select interval '1.23456789' second(8);
select '1 sec'::interval(-1);
select interval '1' day to second(-2);
select '1 sec'::"interval"(1000);
select '1 sec'::"interval"(0, 1, 2);
select '1 sec'::"interval"(4, 7);
select '5'::"interval"(4, 2), '5'::"interval"(32767, 2), '5'::"interval"(32767);
select interval '1 day 2 hours' day to minute(2);
select interval '1' year to day;
select interval '1' hour to day;
select interval(2) '1' year;
select interval '1 2' day;
select interval 'x' year;
select interval '1:2:3:4' minute to second;
-- ISO 8601 durations, designators and the alternative format, under qualifiers.
select interval 'P1Y2M3DT4H5M6.789S' month, interval 'P1Y2M3DT4H5M6.789S' second(1), interval 'P0001-02-03T04:05:06' day;
select interval 'P0001-02-03', interval 'P00010203', interval 'PT04:05:06.5', interval 'PT040506', interval 'P0001-02', interval 'P1-2-3T4:5:6';
select interval 'P1Y2MT04:05:06', interval 'P0001-02-03T04:05', interval 'PT04', interval 'P1.5-02', interval 'P12345', interval 'PT0405';
select interval 'P1.5', interval 'PT1.5', interval 'P1-2.5', interval 'PT1:2.5', interval 'P1-2-3.5', interval 'P', interval 'PT', interval 'P1DT';
select interval 'P-1-2', interval 'P-1.5', interval 'PT-1:30', interval 'P-00010203', interval 'P1--2', interval 'P1-2-3T-4:5:6';
select interval 'P1-2-3-4';
select interval 'P+1-2';
select interval 'PT1:-2:3';
