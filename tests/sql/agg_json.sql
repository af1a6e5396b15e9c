-- json_agg, jsonb_agg, json_object_agg and jsonb_object_agg: values as
-- to_json/to_jsonb make them (numbers bare, NaN and infinities quoted,
-- text escaped, dates and timestamps in ISO 8601, arrays nested), jsonb's
-- normalized output (spacing, numeric numbers, object keys ordered and
-- deduplicated), ORDER BY and FILTER, empty input and the errors.
SET TimeZone = 'America/New_York';
CREATE TABLE aggj (g int, i int, n numeric, f float8, t text, b bool, d date, ts timestamp, tz timestamptz, a int[]);
INSERT INTO aggj VALUES
  (1, 1, 1.50, 0.1, 'plain', true, '2020-01-01', '2020-01-01 10:00', '2020-01-01 10:00:00.5+02', '{1,2}'),
  (1, NULL, -2e3, 'NaN', E'quote " back \\ nl \n tab \t bell \x07', false, 'infinity', '-infinity', 'infinity', '{}'),
  (2, 3, NULL, 1e20, NULL, NULL, '0044-03-15 BC', '1999-12-31 23:59:59.999999', '1880-01-01 00:00', NULL),
  (2, -4, 1e-7, '-Infinity', 'é ünïcode', true, NULL, NULL, NULL, '{{1,2},{3,4}}');
SELECT json_agg(i), jsonb_agg(i) FROM aggj;
SELECT json_agg(n), jsonb_agg(n) FROM aggj;
SELECT json_agg(f), jsonb_agg(f) FROM aggj;
SELECT json_agg(t), jsonb_agg(t) FROM aggj;
SELECT json_agg(b), jsonb_agg(b) FROM aggj;
SELECT json_agg(d), jsonb_agg(d) FROM aggj;
SELECT json_agg(ts), jsonb_agg(ts) FROM aggj;
SELECT json_agg(tz), jsonb_agg(tz) FROM aggj;
SELECT json_agg(a), jsonb_agg(a) FROM aggj;
SELECT json_agg(x), jsonb_agg(x) FROM (VALUES (ARRAY['a', NULL]), (ARRAY[]::text[])) v(x);
SELECT json_agg(x), jsonb_agg(x) FROM (VALUES (NULL::int[]), (ARRAY[2]), (NULL), (ARRAY[3])) v(x);
SELECT json_agg(x), jsonb_agg(x) FROM (VALUES (interval '1 day 02:00'), (NULL)) v(x);
SELECT json_agg(x), jsonb_agg(x) FROM (VALUES ('a'::char(3)), ('b'::varchar)) v(x);
SELECT json_agg(x), jsonb_agg(x) FROM (VALUES ('\x01ff'::bytea)) v(x);
SELECT json_agg(x), jsonb_agg(x) FROM (VALUES (1::oid), (2::oid)) v(x);
SELECT json_agg(x), jsonb_agg(x) FROM (VALUES (1e-7::float8), (-0::float8), (1.5e300::float8), (123.456::float4)) v(x);
SELECT json_agg(x), jsonb_agg(x) FROM (VALUES (time '10:00:01.25')) v(x);
SELECT g, json_agg(i ORDER BY i DESC NULLS LAST), jsonb_agg(t ORDER BY t) FILTER (WHERE t IS NOT NULL)
  FROM aggj GROUP BY g ORDER BY g;
SELECT json_agg(DISTINCT x ORDER BY x), jsonb_agg(DISTINCT x) FROM (VALUES (2), (1), (2), (NULL)) v(x);
SELECT json_agg(i), jsonb_agg(i), json_object_agg(t, i), jsonb_object_agg(t, i) FROM aggj WHERE false;
SELECT pg_typeof(json_agg(i)), pg_typeof(jsonb_agg(i)), pg_typeof(json_object_agg(t, i)),
  pg_typeof(jsonb_object_agg(t, i)) FROM aggj WHERE t IS NOT NULL;
SELECT json_agg(i)::text, jsonb_agg(i)::text FROM aggj;
SELECT jsonb_agg(j) FROM (SELECT json_agg(i ORDER BY i) AS j FROM aggj GROUP BY g) s;
SELECT json_agg(j ORDER BY j::text) FROM (SELECT jsonb_agg(t) AS j FROM aggj GROUP BY g) s;
-- objects
SELECT json_object_agg(k, v), jsonb_object_agg(k, v) FROM (VALUES ('b', 1), ('a', 2), ('b', 3), ('aa', NULL)) v(k, v);
SELECT json_object_agg(k, v ORDER BY k), jsonb_object_agg(k, v) FROM (VALUES ('ccc', 'x'), ('a', 'y'), ('bb', 'z'), ('b', 'w')) v(k, v);
SELECT json_object_agg('a', 'b'), jsonb_object_agg('a', 'b');
SELECT json_object_agg(k, v), jsonb_object_agg(k, v) FROM (VALUES (1, true), (2.5, false), (-3, NULL)) v(k, v);
SELECT json_object_agg(k, v), jsonb_object_agg(k, v) FROM (VALUES (true, date '2020-02-02'), (false, NULL)) v(k, v);
SELECT json_object_agg(t, a), jsonb_object_agg(t, a) FROM aggj WHERE t IS NOT NULL AND g = 1;
SELECT json_object_agg(d, ts) FILTER (WHERE d IS NOT NULL), jsonb_object_agg(ts, d) FILTER (WHERE ts IS NOT NULL) FROM aggj;
SELECT g, json_object_agg(i, n ORDER BY i) FILTER (WHERE i IS NOT NULL), jsonb_object_agg(g, t) FROM aggj GROUP BY g ORDER BY g;
-- errors
SELECT json_agg('a');
SELECT jsonb_agg('a');
SELECT json_object_agg(t, i) FROM aggj;
SELECT jsonb_object_agg(t, i) FROM aggj;
SELECT json_object_agg(a, i) FROM aggj;
SELECT jsonb_object_agg(a, i) FROM aggj;
SELECT json_agg(i, i) FROM aggj;
SELECT json_object_agg(i) FROM aggj;
DROP TABLE aggj;
