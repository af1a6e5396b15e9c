-- Subqueries in expressions: scalar, EXISTS, IN / NOT IN, ANY / SOME / ALL,
-- ARRAY(...), correlated at any depth, and their errors and plans.
select (select 1);
select (select (select 1)) as deep;
select (select 1) + (select 2) as three;
select x, (select x + 1) as next from generate_series(1, 3) x;
select x, (select y from generate_series(1, 3) y where y = x + 1) from generate_series(1, 3) x;
select x, exists (select 1 from generate_series(1, 2) y where y = x) as e from generate_series(1, 3) x;
select x from generate_series(1, 5) x where not exists (select 1 from generate_series(2, 4) y where y = x);
select x from generate_series(1, 5) x where x = any (select y * 2 from generate_series(1, 2) y);
select x from generate_series(1, 5) x where x <> all (select y * 2 from generate_series(1, 2) y);
select x, x > some (select y from generate_series(2, 3) y) as gt_some, x >= all (select y from generate_series(2, 3) y) as ge_all from generate_series(1, 4) x;
-- IN / NOT IN with NULLs: SQL's three-valued answers.
select 1 in (select null::int) as a, 1 not in (select null::int) as b, 1 in (select 1 union all select null) as c;
select 3 not in (select v from (values (1), (null)) t(v)) as d, 3 in (select v from (values (1), (2)) t(v)) as e;
select null::int in (select 1) as f, null::int in (select 1 where false) as g, null::int not in (select 1 where false) as h;
select 1 = all (select 1 where false) as empty_all, 1 = any (select 1 where false) as empty_any;
-- Scalar subqueries returning no row give NULL.
select (select 1 where false) is null as is_null;
select x, (select y from generate_series(1, 3) y where y = x * 2) as doubled from generate_series(1, 3) x;
-- ARRAY(subquery).
select array(select x * 2 from generate_series(1, 4) x) as evens;
select array(select 1 where false) as empty;
select x, array(select y from generate_series(1, x) y) as upto from generate_series(1, 3) x;
-- Correlation across several levels.
select x, (select (select x + y) from generate_series(10, 10) y) as s from generate_series(1, 2) x;
select x, (select count(*) from generate_series(1, 3) y where y <= x and exists (select 1 where y > 1)) as c from generate_series(1, 3) x;
-- In aggregates and grouped queries.
select g, (select g + count(*)) as c from (select x % 2 as g from generate_series(1, 5) x) s group by g order by g;
select sum((select 1)) as one_each from generate_series(1, 4);
-- In WHERE, ORDER BY, LIMIT, CASE and joins.
select x from generate_series(1, 5) x where x > (select 3);
select x from generate_series(1, 3) x order by (select 0), x desc;
select x from generate_series(1, 10) x order by x limit (select 2);
select case when exists (select 1) then 'yes' else 'no' end as answer;
select a.x, b.y from generate_series(1, 3) a(x) join generate_series(1, 3) b(y) on b.y = (select a.x);
select (select count(*) from pg_stat_activity where pid = pg_backend_pid()) as me;
-- Subquery over a set operation.
select (select max(v) from (select 1 as v union select 5) s) as m;
select x, x in (select 1 union select 3) as odd from generate_series(1, 3) x;
-- Aggregates of an enclosing query written inside a subquery.
select (select max(x)) from generate_series(1, 3) x;
select (select max(x) + y from generate_series(10, 11) y limit 1) from generate_series(1, 3) x;
select x % 2 as g, (select sum(x) + count(*)) from generate_series(1, 5) x group by x % 2 order by 1;
select (select (select count(x))) from generate_series(1, 4) x;
select count(*), (select max(x) where max(x) > 2) from generate_series(1, 3) x;
select x from generate_series(1, 3) x where x > (select max(x));
select * from generate_series(1, 3) x, lateral (select max(x)) s;
select (select max(x)), x from generate_series(1, 3) x;
select array(select sum(x) from generate_series(1, 2) y) from generate_series(1, 3) x;
select (select max(y) from generate_series(1, x) y) from generate_series(1, 3) x;
select x, (select count(*) from generate_series(1, 3) y where y < x group by y % 1) from generate_series(1, 3) x;
-- Row comparisons with subqueries.
select (1, 2) in (select 1, 2) as a, (1, 3) in (select 1, 2) as b, (1, null::int) in (select 1, 2) as c;
select (1, 2) not in (select 1, 2) as a, (1, 3) not in (select 1, 2) as b, (1, null::int) not in (select 1, 2) as c;
select (1, 2) = any (select x, x + 1 from generate_series(0, 3) x) as d, (5, 5) <> all (select x, x from generate_series(1, 3) x) as e;
select x from generate_series(1, 4) x where (x, x * 2) in (select y, y + y from generate_series(2, 3) y);
-- Large uncorrelated IN / NOT IN (hashed SubPlan).
select count(*) from generate_series(1, 20000) x where x in (select generate_series(1, 20000, 3));
select count(*) from generate_series(1, 20000) x where x not in (select generate_series(1, 20000, 3));
select count(*) from generate_series(1, 100) x where x not in (select g from generate_series(1, 50) g union all select null);
select null::int in (select 1) as n1, null::int in (select 1 where false) as n2, 2 in (select null::int union all select 2) as n3;
-- A subquery uncorrelated at its own level but reading an outer level's
-- column is computed again for each outer row.
select x, (select count(*) from generate_series(1, 5) y where y in (select z from generate_series(1, 5) z where z <= x)) as c from generate_series(1, 3) x;
select x, (select count(*) from generate_series(1, 5) y where y <> all (select z from generate_series(1, 5) z where z <= x)) as c from generate_series(1, 3) x;
select x, (select array(select z from generate_series(1, x) z)) as a from generate_series(1, 3) x;
select x, (with w as materialized (select x * 2 as d) select d from w) as d from generate_series(1, 3) x;
-- 200 nested scalar subqueries.
select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select (select 1)))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))) as deep200;
-- Errors.
select (select 1, 2);
select (select x from generate_series(1, 2) x);
select x, (select y from generate_series(1, 2) y) from generate_series(1, 2) x;
select 1 in (select 1, 2);
select (1, 2) in (select 1);
select (1, 2) in (select 1, 2, 3);
select (select);
select 1 = any (select 'a'::text);
select x from generate_series(1, 3) x group by x having (select x + y) > 0;
select g from generate_series(1, 3) g group by g order by (select x);
select (select x) from generate_series(1, 3) g group by g;
select 'still fine' as after_errors;
-- Plans.
explain (costs off) select (select 1);
explain (costs off) select (select (select 1));
explain (costs off) select x, (select y from generate_series(1, 2) y where y = x) from generate_series(1, 3) x where x > (select 1);
explain (costs off) select x from generate_series(1, 3) x where x > (select 1) or x < 0;
explain (costs off) select exists (select 1);
explain (costs off) select x from generate_series(1, 3) x where x not in (select generate_series(1, 2));
explain (costs off) select x, x = any (select y from generate_series(1, 2) y where y < x) from generate_series(1, 3) x;
explain (costs off) select x from generate_series(1, 3) x where (select x) > 1 order by x limit (select 2);
explain (analyze, costs off, timing off, summary off) select (select 1), x, (select count(*) from generate_series(1, x)) from generate_series(1, 3) x;
explain (analyze, costs off, timing off, summary off) select (select 1) limit 0;
