-- ORDER BY and FILTER inside aggregate calls, DISTINCT with ORDER BY,
-- array_agg over scalars and arrays, and their errors.
CREATE TABLE aggof (g int, x int, t text, d date, a int[]);
INSERT INTO aggof VALUES
  (1, 3, 'c', '2020-01-03', '{1,2}'), (1, 1, 'a', '2020-01-01', '{3,4}'), (1, 2, 'b', NULL, '{5,6}'),
  (2, 5, NULL, '2021-05-05', NULL), (2, NULL, 'e', '2019-12-31', '{7,8}'), (2, 5, 'e', '2021-05-05', '{9,10}'),
  (3, 9, 'z', '2000-01-01', '{}');
SELECT string_agg(t, ',' ORDER BY t), string_agg(t, ',' ORDER BY t DESC), string_agg(t, ',' ORDER BY x, t) FROM aggof;
SELECT string_agg(t, ',' ORDER BY t NULLS FIRST), string_agg(t, '' ORDER BY t DESC NULLS LAST) FROM aggof;
SELECT g, string_agg(t, '-' ORDER BY x DESC NULLS LAST, t), array_agg(x ORDER BY x), array_agg(d ORDER BY d DESC)
  FROM aggof GROUP BY g ORDER BY g;
SELECT array_agg(x ORDER BY t, x), array_agg(t ORDER BY d NULLS FIRST, t) FROM aggof;
SELECT count(*) FILTER (WHERE x > 2), count(x) FILTER (WHERE t = 'e'), sum(x) FILTER (WHERE g <> 2), count(*) FROM aggof;
SELECT g, count(*) FILTER (WHERE x IS NULL), avg(x) FILTER (WHERE x < 5), max(t) FILTER (WHERE x > 1),
  array_agg(x ORDER BY x DESC) FILTER (WHERE t IS NOT NULL)
  FROM aggof GROUP BY g ORDER BY g;
SELECT count(*) FILTER (WHERE false), sum(x) FILTER (WHERE NULL), array_agg(x) FILTER (WHERE x > 100) FROM aggof;
SELECT count(*) FILTER (WHERE x > 2) FROM aggof WHERE false;
SELECT g FROM aggof GROUP BY g HAVING count(*) FILTER (WHERE x = 5) = 2;
SELECT count(DISTINCT x) FILTER (WHERE g = 2), array_agg(DISTINCT t ORDER BY t) FILTER (WHERE x < 9) FROM aggof;
-- DISTINCT with ORDER BY
SELECT array_agg(DISTINCT x ORDER BY x), array_agg(DISTINCT x ORDER BY x DESC), array_agg(DISTINCT x) FROM aggof;
SELECT array_agg(DISTINCT x ORDER BY x DESC NULLS LAST), array_agg(DISTINCT t ORDER BY t NULLS FIRST) FROM aggof;
SELECT string_agg(DISTINCT t, '|' ORDER BY t DESC) FROM aggof;
SELECT string_agg(DISTINCT t::varchar, '|' ORDER BY t::varchar) FROM aggof;
SELECT g, count(DISTINCT t), array_agg(DISTINCT t ORDER BY t) FROM aggof GROUP BY g ORDER BY g;
SELECT array_agg(DISTINCT x ORDER BY t) FROM aggof;
SELECT string_agg(DISTINCT t, ',' ORDER BY x) FROM aggof;
-- array_agg
SELECT array_agg(x), array_agg(t), array_agg(d) FROM (SELECT * FROM aggof ORDER BY g, x, t) s;
SELECT array_agg(a ORDER BY g, x) FROM aggof WHERE cardinality(a) > 0;
SELECT array_agg(a) FROM aggof;
SELECT array_agg(a ORDER BY x) FROM aggof WHERE g = 3;
SELECT array_agg(y) FROM (VALUES (ARRAY[1, 2]), (ARRAY[3])) v(y);
SELECT array_agg(y) FROM (VALUES (ARRAY[[1, 2], [3, 4]]), (ARRAY[[5, 6], [7, 8]])) v(y);
SELECT array_agg(x) FROM aggof WHERE false;
SELECT array_agg(NULL::int), array_agg(NULL::text ORDER BY 1);
SELECT pg_typeof(array_agg(x)), pg_typeof(array_agg(a)), pg_typeof(array_agg(t)) FROM aggof WHERE g = 1;
SELECT array_agg('a');
SELECT array_agg(x ORDER BY 1) FROM aggof;
-- aggregate syntax on functions that are not aggregates
SELECT abs(x) FILTER (WHERE x > 1) FROM aggof;
SELECT abs(x ORDER BY x) FROM aggof;
SELECT abs(DISTINCT x) FROM aggof;
SELECT no_such_function(x) FILTER (WHERE true) FROM aggof;
-- errors in FILTER and ORDER BY
SELECT count(*) FILTER (WHERE count(*) > 1) FROM aggof;
SELECT count(*) FILTER (WHERE 1) FROM aggof;
SELECT count(*) FILTER (WHERE 'yes') FROM aggof;
SELECT count(*) FILTER (WHERE nosuchcolumn) FROM aggof;
SELECT array_agg(x ORDER BY max(x)) FROM aggof;
SELECT array_agg(x ORDER BY nosuchcolumn) FROM aggof;
SELECT sum(x) FILTER (WHERE t = 1) FROM aggof;
SELECT x, count(*) FILTER (WHERE g = 1) FROM aggof;
-- FILTER and ORDER BY with GROUP BY, HAVING and a subquery
SELECT g, string_agg(t, ',' ORDER BY t) FILTER (WHERE x IS NOT NULL) AS s
  FROM aggof GROUP BY g HAVING count(*) FILTER (WHERE t IS NOT NULL) > 1 ORDER BY g;
SELECT (SELECT string_agg(t, '' ORDER BY t DESC) FILTER (WHERE x > o.g) FROM aggof) FROM (VALUES (1), (4)) o(g);
DROP TABLE aggof;
