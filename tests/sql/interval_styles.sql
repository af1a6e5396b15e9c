-- interval output in every IntervalStyle, including mixed signs, fractions,
-- year-month and day-time values and zero
CREATE TEMP TABLE ivs (i interval);
INSERT INTO ivs VALUES ('0'), ('1 year 2 mons'), ('-1 year -2 mons'), ('3 days 04:05:06.5'),
  ('-3 days -04:05:06.5'), ('1 year 2 days 3 hours'), ('1 year -2 days'), ('-1 day +2 hours'),
  ('1 sec'), ('-1 sec'), ('0.000001 sec'), ('-0.25 sec'), ('1 day'), ('25 hours'), ('-1 mon'),
  ('100 years 11:59:59.999999'), ('1 mon -1 sec'), ('2 hours 1.5 sec'), ('-178956970 years -7 mons'),
  ('-2147483648 days'), ('@ 1 min ago'), ('1 year 1 sec');
SET IntervalStyle = sql_standard;
SELECT i FROM ivs;
SET IntervalStyle = postgres_verbose;
SELECT i FROM ivs;
SET IntervalStyle = iso_8601;
SELECT i FROM ivs;
SET IntervalStyle = postgres;
SELECT i FROM ivs;
