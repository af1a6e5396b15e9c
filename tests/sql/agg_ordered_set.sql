-- Ordered-set aggregates: percentile_cont, percentile_disc (one fraction
-- or an array of them) and mode, WITHIN GROUP (ORDER BY ...) with NULL
-- inputs ignored, FILTER, GROUP BY, and the errors.
CREATE TABLE aggos (g int, x int, f float8, t text);
INSERT INTO aggos VALUES (1, 1, 0.5, 'b'), (1, 2, 1.5, 'a'), (1, 2, NULL, 'b'), (1, 10, 'NaN', NULL),
  (2, NULL, -1, 'z'), (2, 7, 2.25, 'y'), (3, NULL, NULL, NULL);
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x), percentile_disc(0.5) WITHIN GROUP (ORDER BY x),
  mode() WITHIN GROUP (ORDER BY x) FROM aggos;
SELECT percentile_cont(0.25) WITHIN GROUP (ORDER BY x DESC), percentile_disc(0.25) WITHIN GROUP (ORDER BY x DESC)
  FROM aggos;
SELECT percentile_cont(ARRAY[0, 0.3, 1, NULL]) WITHIN GROUP (ORDER BY x),
  percentile_disc(ARRAY[0, 0.3, 1, NULL]) WITHIN GROUP (ORDER BY x) FROM aggos;
SELECT percentile_cont(ARRAY[[0.1, 0.2], [0.9, 1]]) WITHIN GROUP (ORDER BY f) FROM aggos;
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY f), percentile_disc(1) WITHIN GROUP (ORDER BY f),
  percentile_disc(0) WITHIN GROUP (ORDER BY f) FROM aggos;
SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY t), mode() WITHIN GROUP (ORDER BY t),
  mode() WITHIN GROUP (ORDER BY t DESC) FROM aggos;
SELECT g, percentile_cont(0.5) WITHIN GROUP (ORDER BY x), percentile_disc(0.9) WITHIN GROUP (ORDER BY f),
  mode() WITHIN GROUP (ORDER BY x) FROM aggos GROUP BY g ORDER BY g;
SELECT g, percentile_cont(g / 4.0) WITHIN GROUP (ORDER BY x) FROM aggos GROUP BY g ORDER BY g;
SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY x) FILTER (WHERE x > 1) FROM aggos;
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM aggos WHERE false;
SELECT percentile_cont(NULL) WITHIN GROUP (ORDER BY x) FROM aggos;
SELECT pg_typeof(percentile_cont(0.5) WITHIN GROUP (ORDER BY x)), pg_typeof(percentile_disc(0.5) WITHIN GROUP (ORDER BY x)),
  pg_typeof(percentile_disc(ARRAY[0.5]) WITHIN GROUP (ORDER BY t)), pg_typeof(mode() WITHIN GROUP (ORDER BY t)) FROM aggos;
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x), percentile_cont(ARRAY[0, 0.25, 0.6, 1]) WITHIN GROUP (ORDER BY x),
  percentile_disc(0.5) WITHIN GROUP (ORDER BY x), mode() WITHIN GROUP (ORDER BY x)
  FROM (VALUES (interval '1 day'), ('3 days 5 hours'), ('1 mon 7 sec'), (NULL)) v(x);
SELECT percentile_cont(0.3) WITHIN GROUP (ORDER BY x DESC) FROM (VALUES (interval '1 year'), ('-2 days 3 hours')) v(x);
-- hypothetical-set aggregates
SELECT rank(3) WITHIN GROUP (ORDER BY x), dense_rank(3) WITHIN GROUP (ORDER BY x),
  percent_rank(3) WITHIN GROUP (ORDER BY x), cume_dist(3) WITHIN GROUP (ORDER BY x)
  FROM (VALUES (1), (3), (3), (5), (NULL), (1)) v(x);
SELECT rank(3.5) WITHIN GROUP (ORDER BY x DESC NULLS LAST), rank(NULL::int) WITHIN GROUP (ORDER BY x),
  dense_rank(NULL::int) WITHIN GROUP (ORDER BY x NULLS FIRST) FROM (VALUES (1), (3), (4), (NULL)) v(x);
SELECT rank(3, 'b') WITHIN GROUP (ORDER BY x, y), cume_dist(3, 'b') WITHIN GROUP (ORDER BY x, y DESC),
  dense_rank(3, 'b') WITHIN GROUP (ORDER BY x, y), percent_rank(4, 'a') WITHIN GROUP (ORDER BY x, y)
  FROM (VALUES (1, 'a'), (3, 'a'), (3, 'c'), (3, 'a')) v(x, y);
SELECT rank(3) WITHIN GROUP (ORDER BY x), dense_rank(3) WITHIN GROUP (ORDER BY x),
  percent_rank(3) WITHIN GROUP (ORDER BY x), cume_dist(3) WITHIN GROUP (ORDER BY x) FROM aggos WHERE false;
SELECT g, rank(5) WITHIN GROUP (ORDER BY x), cume_dist('b') WITHIN GROUP (ORDER BY t) FILTER (WHERE t IS NOT NULL)
  FROM aggos GROUP BY g ORDER BY g;
SELECT rank(3, 'a') WITHIN GROUP (ORDER BY x) FROM aggos;
SELECT rank('a') WITHIN GROUP (ORDER BY x) FROM aggos;
SELECT rank(1) WITHIN GROUP (ORDER BY t) FROM aggos;
SELECT rank(x) WITHIN GROUP (ORDER BY x) FROM aggos;
-- errors
SELECT percentile_cont(1.5) WITHIN GROUP (ORDER BY x) FROM aggos;
SELECT percentile_disc(-0.1) WITHIN GROUP (ORDER BY x) FROM aggos;
SELECT percentile_cont(ARRAY[0.5, 2]) WITHIN GROUP (ORDER BY x) FROM aggos;
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY t) FROM aggos;
SELECT percentile_cont(0.5) FROM aggos;
SELECT mode(x) FROM aggos;
SELECT percentile_disc(0.5, x) FROM aggos;
SELECT sum(x) WITHIN GROUP (ORDER BY x) FROM aggos;
SELECT percentile_cont(x) WITHIN GROUP (ORDER BY x) FROM aggos;
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY max(x)) FROM aggos;
DROP TABLE aggos;
