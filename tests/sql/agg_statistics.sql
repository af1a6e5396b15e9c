-- stddev, variance and their _pop/_samp forms over every numeric input
-- type, corr, covar_*, regr_*, bit_and/bit_or/bit_xor and bool_and/
-- bool_or/every: result types, exact numeric scales, float results to the
-- last digit, empty input, NULLs, one row, NaN and infinities, overflow,
-- grouping and the resolution errors.
CREATE TABLE aggstat (g int, s smallint, i int, b bigint, r real, f float8, n numeric);
INSERT INTO aggstat VALUES
  (1, 1::smallint, 1, 1, 1.5, 1.5, 1.5),
  (1, 2::smallint, 2, 2, 2.25, 2.25, 2.25),
  (1, 7::smallint, 7, 7, 7, 7, 7),
  (2, NULL, NULL, NULL, NULL, NULL, NULL),
  (2, (-32768)::smallint, -2147483648, -9223372036854775808, -3.4e38, -1.7e150, -123456789012345678901234567890.123456789),
  (2, 32767::smallint, 2147483647, 9223372036854775807, 3.4e38, 1.7e150, 0.000000000000000000001),
  (3, 5::smallint, 5, 5, 0.1, 0.1, 0.1),
  (4, NULL, NULL, NULL, NULL, NULL, NULL);
SELECT variance(s), variance(i), variance(b), variance(r), variance(f), variance(n) FROM aggstat;
SELECT var_samp(s), var_samp(i), var_samp(b), var_samp(r), var_samp(f), var_samp(n) FROM aggstat;
SELECT var_pop(s), var_pop(i), var_pop(b), var_pop(r), var_pop(f), var_pop(n) FROM aggstat;
SELECT stddev(s), stddev(i), stddev(b), stddev(r), stddev(f), stddev(n) FROM aggstat;
SELECT stddev_samp(s), stddev_samp(i), stddev_samp(b), stddev_samp(r), stddev_samp(f), stddev_samp(n) FROM aggstat;
SELECT stddev_pop(s), stddev_pop(i), stddev_pop(b), stddev_pop(r), stddev_pop(f), stddev_pop(n) FROM aggstat;
SELECT g, variance(n), stddev(n), var_pop(n), stddev_pop(n), variance(f), stddev_pop(f), variance(i), stddev(b)
  FROM aggstat GROUP BY g ORDER BY g;
SELECT pg_typeof(variance(s)), pg_typeof(stddev(i)), pg_typeof(var_pop(b)), pg_typeof(stddev_pop(r)),
  pg_typeof(var_samp(f)), pg_typeof(stddev_samp(n)) FROM aggstat;
SELECT variance(x), stddev(x), var_pop(x), stddev_pop(x) FROM (VALUES (1.5), (1.5)) v(x);
SELECT variance(x), stddev(x), var_pop(x), stddev_pop(x) FROM (VALUES (1), (2), (7)) v(x);
SELECT variance(x), stddev(x), var_pop(x), stddev_pop(x) FROM (VALUES (3.14159::numeric)) v(x);
SELECT variance(x), stddev(x), var_pop(x), stddev_pop(x) FROM (VALUES (3.14159::float8)) v(x);
SELECT variance(x), stddev(x), var_pop(x), stddev_pop(x) FROM (VALUES (1::numeric)) v(x) WHERE false;
SELECT variance(x), stddev(x), var_pop(x), stddev_pop(x) FROM (VALUES (0.1::numeric), (0.2), (0.30)) v(x);
SELECT variance(x), stddev(x), var_pop(x), stddev_pop(x) FROM (VALUES (1e-20::numeric), (3e-20)) v(x);
SELECT variance(x), stddev(x) FROM (VALUES (123456789.987654321::numeric), (-98765.4321), (5)) v(x);
SELECT variance(x), stddev(x), var_pop(x) FROM (VALUES ('NaN'::numeric), (1), (2)) v(x);
SELECT variance(x), stddev(x), var_pop(x) FROM (VALUES ('Infinity'::numeric), (1), (2)) v(x);
SELECT variance(x), stddev_pop(x) FROM (VALUES ('-Infinity'::numeric)) v(x);
SELECT variance(x), stddev(x), var_pop(x) FROM (VALUES ('NaN'::float8), (1), (2)) v(x);
SELECT variance(x), stddev(x), var_pop(x) FROM (VALUES ('Infinity'::float8), (1), (2)) v(x);
SELECT var_pop(x) FROM (VALUES ('Infinity'::float8)) v(x);
SELECT variance(x) FROM (VALUES (1e308::float8), (-1e308)) v(x);
SELECT variance(x) FROM (VALUES (1e200::float8), (-1e200)) v(x);
SELECT variance(x::float4), stddev(x::float4) FROM (VALUES (0.1), (0.2), (0.3)) v(x);
SELECT variance('1'), stddev('2');
SELECT stddev(1::oid);
SELECT variance(true);
SELECT var_pop('a'::text);
SELECT stddev(x, x) FROM (VALUES (1)) v(x);
-- regression aggregates: (Y, X) pairs, rows with a NULL skipped
SELECT corr(y, x), covar_pop(y, x), covar_samp(y, x), regr_avgx(y, x), regr_avgy(y, x), regr_count(y, x)
  FROM (VALUES (1, 2), (3, 5), (4, 4.5), (NULL, 1), (6, NULL)) v(x, y);
SELECT regr_intercept(y, x), regr_r2(y, x), regr_slope(y, x), regr_sxx(y, x), regr_sxy(y, x), regr_syy(y, x)
  FROM (VALUES (1, 2), (3, 5), (4, 4.5), (NULL, 1), (6, NULL)) v(x, y);
SELECT corr(y, x), covar_pop(y, x), covar_samp(y, x), regr_avgx(y, x), regr_count(y, x), regr_intercept(y, x),
  regr_r2(y, x), regr_slope(y, x), regr_sxx(y, x), regr_sxy(y, x), regr_syy(y, x)
  FROM (VALUES (1.0::float8, 2.0::float8)) v(x, y);
SELECT corr(y, x), covar_pop(y, x), covar_samp(y, x), regr_avgx(y, x), regr_count(y, x), regr_intercept(y, x),
  regr_r2(y, x), regr_slope(y, x), regr_sxx(y, x), regr_sxy(y, x), regr_syy(y, x)
  FROM (VALUES (1.0::float8, 2.0::float8)) v(x, y) WHERE false;
SELECT corr(y, x), regr_r2(y, x), regr_slope(y, x), regr_intercept(y, x)
  FROM (VALUES (1, 5), (2, 5), (3, 5)) v(x, y);
SELECT corr(y, x), regr_r2(y, x), regr_slope(y, x), regr_intercept(y, x)
  FROM (VALUES (5, 1), (5, 2), (5, 3)) v(x, y);
SELECT corr(x, x), corr(x, -x), regr_r2(x, x) FROM (VALUES (1::float8), (2), (4)) v(x);
SELECT corr(y, x), covar_samp(y, x), regr_sxy(y, x) FROM (VALUES (0.1::real, 0.3::real), (0.2, 0.1), (0.7, 0.9)) v(x, y);
SELECT g, corr(f, i), covar_pop(n, s), regr_count(b, r), regr_slope(i, n) FROM aggstat GROUP BY g ORDER BY g;
SELECT corr(y, x), regr_sxx(y, x), regr_syy(y, x) FROM (VALUES ('NaN'::float8, 1::float8), (1, 2)) v(x, y);
SELECT corr(y, x), regr_sxx(y, x), regr_syy(y, x), regr_avgx(y, x) FROM (VALUES ('Infinity'::float8, 1::float8), (1, 2)) v(x, y);
SELECT corr(y, x) FROM (VALUES (1e200::float8, 1e200::float8), (-1e200, 1e200), (5, 1e200)) v(x, y);
SELECT regr_sxy(y, x) FROM (VALUES (1e300::float8, 1e300::float8), (-1e300, -1e300)) v(x, y);
SELECT corr('1', '2'), regr_count(1, NULL), pg_typeof(regr_count(1, 2)), covar_pop(1, 2.5);
SELECT corr(1, 'a'::text);
SELECT corr(1);
SELECT regr_count(*) FROM aggstat;
-- bit_and, bit_or, bit_xor
SELECT bit_and(s), bit_or(s), bit_xor(s), bit_and(i), bit_or(i), bit_xor(i), bit_and(b), bit_or(b), bit_xor(b)
  FROM aggstat;
SELECT g, bit_and(i), bit_or(i), bit_xor(i), bit_xor(b) FROM aggstat GROUP BY g ORDER BY g;
SELECT bit_and(x), bit_or(x), bit_xor(x), pg_typeof(bit_and(x)) FROM (VALUES (12::int2), (10::int2), (NULL)) v(x);
SELECT bit_and(x), bit_or(x), bit_xor(x) FROM (VALUES (12::int8)) v(x) WHERE false;
SELECT bit_xor(DISTINCT x), bit_xor(x) FROM (VALUES (3), (3), (5)) v(x);
SELECT bit_and('1');
SELECT bit_or(1.5);
-- bool_and, bool_or, every
SELECT bool_and(x), bool_or(x), every(x) FROM (VALUES (true), (NULL), (false)) v(x);
SELECT bool_and(x), bool_or(x), every(x) FROM (VALUES (true), (NULL)) v(x);
SELECT bool_and(x), bool_or(x), every(x) FROM (VALUES (NULL::bool)) v(x);
SELECT g, bool_and(i > 1), bool_or(i > 6), every(i IS NOT NULL) FROM aggstat GROUP BY g ORDER BY g;
SELECT bool_and(1);
DROP TABLE aggstat;
