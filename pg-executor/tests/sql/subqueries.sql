-- Subqueries in FROM (checked against PostgreSQL 15).
SELECT a FROM (SELECT 1 AS a) s;
SELECT s.a + 1 AS b FROM (SELECT 1 AS a) AS s;
SELECT * FROM (SELECT 1 AS a, 'x' AS b) s;
SELECT * FROM (SELECT 1, 2) s;
SELECT p, q FROM (SELECT 1, 2) s(p, q);
SELECT x FROM (SELECT x FROM generate_series(1, 10) x WHERE x % 2 = 0) s WHERE x > 4 ORDER BY x DESC;
SELECT r, n FROM (SELECT x % 3 AS r, count(*) AS n FROM generate_series(1, 10) x GROUP BY 1) g ORDER BY n DESC, r;
SELECT count(*), sum(n) FROM (SELECT x AS n FROM generate_series(1, 100) x ORDER BY x LIMIT 10) t;
SELECT max(c) FROM (SELECT count(*) AS c FROM generate_series(1, 10) x GROUP BY x % 4) t;
SELECT * FROM (SELECT * FROM (SELECT 42 AS answer) a) b;
SELECT x FROM (SELECT x, x * 2 AS y FROM generate_series(1, 3) x ORDER BY y DESC) s;
SELECT datname, count(*) FROM (SELECT datname FROM pg_stat_activity) s GROUP BY datname ORDER BY 1;
EXPLAIN (COSTS OFF) SELECT x FROM (SELECT x FROM generate_series(1, 10) x ORDER BY x LIMIT 3) s WHERE x > 1;
-- Errors.
SELECT a FROM (SELECT 1 AS a);
SELECT b FROM (SELECT 1 AS a) s;
SELECT s.a FROM (SELECT 1 AS a) t;
SELECT * FROM (SELECT 1 AS a) s(p, q);
SELECT x FROM (SELECT 1 AS a) s, generate_series(1, 2) x;
-- Kept subplan states and WITH query stores are released before the portal's context is deleted (checked after every statement).
with w as materialized (select 1 as x) select (select x + 1 from w) as next;
with w as (select g from generate_series(1, 5) g) select g, exists (select 1 from w where w.g = s.g * 2) as has_double from generate_series(1, 3) s(g);
select x, s.d from generate_series(1, 3) x, lateral (with w as materialized (select x * 2 as d) select d from w) s;
with recursive r(n) as (select 1 union all select n + 1 from r where n < 5) select n, (select count(*) from r r2 where r2.n <= r.n) from r limit 3;
