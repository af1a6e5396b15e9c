-- Set-returning functions in the select list (ProjectSet, PostgreSQL 10+).
select generate_series(1, 3);
select generate_series(1, 3) as g, 'x' as tag;
-- Several functions run in lockstep; the shorter ones are padded with NULL.
select generate_series(1, 3) as a, generate_series(1, 2) as b;
select generate_series(1, 2) as a, generate_series(1, 4) as b, generate_series(5, 5) as c;
-- A row whose functions all return nothing produces no row.
select generate_series(1, 0), 1;
select x, generate_series(1, x) as n from generate_series(0, 3) x;
select generate_series(1, null::int) as none;
-- Nested and inside expressions.
select generate_series(1, generate_series(1, 3)) as nested;
select generate_series(1, 3) + 1 as plus_one;
select generate_series(1, 3) * generate_series(1, 2) as product;
select -generate_series(1, 2) as neg, x from generate_series(7, 8) x;
-- With aggregates, ORDER BY, DISTINCT, LIMIT and subqueries.
select count(*), generate_series(1, 3) as g from generate_series(1, 5);
select sum(x), generate_series(1, 2) as g from generate_series(1, 3) x group by x % 2 order by 1, 2;
select generate_series(1, 3) as g order by g desc;
select generate_series(1, 5) as g order by g desc limit 2;
select x, generate_series(1, 2) as g from generate_series(1, 3) x order by x desc;
select distinct generate_series(1, 6) % 3 as r order by r;
select generate_series(1, 10) as g limit 3 offset 2;
select (select generate_series(1, 1)) as one;
select array(select generate_series(1, 4)) as arr;
select x from generate_series(1, 5) x where x in (select generate_series(2, 3));
select s.g * 10 as tens from (select generate_series(1, 3) as g) s;
select generate_series(1, 2) as g, generate_series('2024-01-01'::timestamp, '2024-01-02', '1 day') as ts;
select generate_series(1, 1000000) as big limit 2;
-- Errors.
select 1 where generate_series(1, 2) > 1;
select count(generate_series(1, 2));
select 1 from generate_series(1, 2) x join generate_series(1, 2) y on generate_series(1, 2) = 1;
select 1 limit generate_series(1, 2);
select 1 having generate_series(1, 2) > 1;
select case when true then generate_series(1, 2) end;
select coalesce(generate_series(1, 2), 1);
select * from generate_series(1, generate_series(1, 2));
values (generate_series(1, 2));
select 'still fine' as after_errors;
-- Plans.
explain (costs off) select generate_series(1, 3);
explain (costs off) select generate_series(1, 3) + 1;
explain (costs off) select generate_series(1, generate_series(1, 3));
explain (costs off) select x, generate_series(1, x) from generate_series(1, 3) x order by x desc;
explain (costs off) select count(*), generate_series(1, 3) from generate_series(1, 3);
explain (costs off) select generate_series(1, 3) as g order by g desc limit 2;
-- Long-running set-returning functions and subqueries stop at statement_timeout.
set statement_timeout = '200ms';
select count(*) from (select generate_series(1, 1000000000) as g) s;
select count(*) from (select generate_series(1, 1000000000) as g) s where exists (select 1 where g < 0);
reset statement_timeout;
select 'still fine' as after_timeouts;
