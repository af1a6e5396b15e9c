-- float input with trailing garbage: a number at the front that is out of
-- range is reported as out of range (strtod's ERANGE comes first)
SELECT '594e36e3'::float4;
SELECT '1e400x'::float8;
SELECT '1e-400abc'::float8;
SELECT '1e39.5'::float4;
SELECT '12abc'::float8;
SELECT '1e5e'::float4;
SELECT '.e5'::float8;
SELECT '-1e309 '::float8;
SELECT '1e308'::float8, '3.4e38'::float4;
SELECT ' 3e39 '::float4;
SELECT ' 3e400 '::float8;
SELECT ' 0x1p99999 '::float8;
