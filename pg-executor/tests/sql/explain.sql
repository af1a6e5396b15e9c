-- EXPLAIN in PostgreSQL's text format. COSTS OFF output is compared with
-- PostgreSQL 15 by the differential test; costs are simple estimates.
EXPLAIN (COSTS OFF) SELECT 1;
EXPLAIN (COSTS OFF) SELECT x FROM generate_series(1, 10) x WHERE x > 3;
EXPLAIN (COSTS OFF) SELECT x * 2 AS y FROM generate_series(1, 3) x WHERE x <> 2 AND x::text LIKE '1%';
EXPLAIN (COSTS OFF) SELECT x FROM generate_series(1, 10) x ORDER BY x DESC LIMIT 3;
EXPLAIN (COSTS OFF) SELECT x FROM generate_series(1, 10) x ORDER BY x NULLS FIRST OFFSET 2;
EXPLAIN (COSTS OFF) SELECT x, count(*) FROM generate_series(1, 10) x WHERE x > 3 GROUP BY x ORDER BY 2 DESC LIMIT 3;
EXPLAIN (COSTS OFF) SELECT count(*) FROM pg_stat_activity;
EXPLAIN (COSTS OFF) SELECT sum(x) FROM generate_series(1, 10) x HAVING sum(x) > 3;
EXPLAIN (COSTS OFF) SELECT x % 3, count(DISTINCT x) FROM generate_series(1, 10) x GROUP BY x % 3;
EXPLAIN (COSTS OFF) SELECT x % 3 AS r, max(x) FROM generate_series(1, 10) x GROUP BY 1 HAVING max(x) > 5 ORDER BY r;
EXPLAIN (COSTS OFF) SELECT name FROM pg_settings WHERE name = 'work_mem';
EXPLAIN (COSTS OFF) SELECT upper(x::text) FROM generate_series(1, 3) x GROUP BY 1;
EXPLAIN (COSTS OFF) SELECT x FROM generate_series(1, 3) x ORDER BY upper(x::text), x + 1;
EXPLAIN (COSTS OFF) SELECT upper(x::text), count(DISTINCT x) FROM generate_series(1, 3) x GROUP BY 1;
EXPLAIN (COSTS OFF) SELECT DISTINCT x, x + 1 FROM generate_series(1, 3) x ORDER BY x;
EXPLAIN (COSTS OFF) SELECT count(*) FROM generate_series(1, 3) x WHERE x::text = 'a';
EXPLAIN (COSTS OFF) SELECT count(*);
EXPLAIN (COSTS OFF) SELECT 1 WHERE false;
EXPLAIN SELECT 1;
EXPLAIN SELECT x FROM generate_series(1, 10) x WHERE x > 3;
EXPLAIN SELECT count(*) FROM pg_stat_activity;
EXPLAIN SELECT x, count(*) FROM generate_series(1, 10) x GROUP BY x ORDER BY x LIMIT 5;
EXPLAIN (ANALYZE, TIMING OFF, SUMMARY OFF) SELECT x FROM generate_series(1, 3) x ORDER BY x;
EXPLAIN (ANALYZE, TIMING OFF, SUMMARY OFF, COSTS OFF) SELECT x % 2, count(*) FROM generate_series(1, 10) x GROUP BY 1 LIMIT 1;
EXPLAIN (ANALYZE false) SELECT 1;
-- Errors.
EXPLAIN (FORMAT JSON) SELECT 1;
EXPLAIN (FORMAT foo) SELECT 1;
EXPLAIN (TIMING) SELECT 1;
EXPLAIN (COSTS maybe) SELECT 1;
EXPLAIN (nosuch) SELECT 1;
EXPLAIN SELECT nosuch;
