-- date_part computes seconds, milliseconds, the epoch and the Julian day
-- in float8 arithmetic (not as extract's numeric rounded to float8).
set extra_float_digits = 3;
select date_part('epoch', interval '1 year 2 mons 3 days 04:05:06.789');
select date_part('epoch', interval '-7 years -5 mons 9 days -04:05:06.000001');
select date_part('epoch', timestamp '2001-02-03 04:05:06.789'), date_part('julian', timestamp '2001-02-03 04:05:06.789');
select date_part('ms', timestamp '2001-02-03 04:05:06.789'), date_part('second', time '04:05:06.789');
select date_part('epoch', time '04:05:06.789'), date_part('julian', date '2001-02-03');
select date_part('epoch', timestamptz '2001-02-03 04:05:06.789+03'), date_part('second', interval '-1.234567 s');
select date_part('epoch', timestamp 'infinity'), date_part('julian', timestamp '-infinity');
reset extra_float_digits;
