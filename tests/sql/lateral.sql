-- LATERAL subqueries and functions in FROM (functions are implicitly LATERAL).
select x, y from generate_series(1, 3) x, lateral (select x + 1 as y) s;
select x, y from generate_series(1, 3) x, lateral generate_series(1, x) y;
select x, y from generate_series(1, 3) x, generate_series(1, x) y;
select x, s.* from generate_series(1, 3) x, lateral (select count(*) as c, max(g) as m from generate_series(1, x) g) s;
select x, s.y from generate_series(1, 3) x left join lateral (select y from generate_series(1, x - 1) y) s on true;
select x, s.y from generate_series(1, 3) x join lateral (select x * 10 as y) s on s.y > 10;
select * from generate_series(1, 2) a, lateral (select a * 10 as b) s1, lateral (select a + b as c) s2;
select x, s.y from generate_series(1, 3) x, lateral (select y from generate_series(1, 5) y where y > x order by y limit 1) s;
select x, s.v from generate_series(1, 2) x, lateral (select (select x * 100) as v) s;
select x, z from generate_series(1, 2) x, lateral (select y from generate_series(1, x) y) s(z), generate_series(1, 1) w;
select x, s.n from generate_series(1, 3) x, lateral (with w as (select x * 2 as n) select n from w) s;
select x, s.total from generate_series(1, 4) x, lateral (select sum(g) as total from generate_series(1, x) g where g % 2 = 0) s order by x desc;
select (select string_agg(y::text, ',') from generate_series(1, x) y) as list from generate_series(1, 3) x;
select count(*) from generate_series(1, 100) x, lateral generate_series(1, x) y;
select x, s.c from generate_series(1, 3) x, lateral (select count(*) as c from generate_series(1, 5) y where y in (select z from generate_series(1, 5) z where z <= x)) s;
select x, s.d from generate_series(1, 3) x, lateral (with w as materialized (select x * 2 as d) select d from w) s;
-- Errors.
select * from generate_series(1, 3) x, (select x) s;
select * from generate_series(1, 3) x, (select x.x) s;
select * from (select x) s, generate_series(1, 3) x;
select 'still fine' as after_errors;
-- Plans.
explain (costs off) select x, y from generate_series(1, 3) x, lateral generate_series(1, x) y;
