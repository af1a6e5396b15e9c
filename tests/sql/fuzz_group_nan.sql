-- GROUP BY matches select-list expressions whose constants are the same
-- datum: a NaN constant equals itself, -0 and 0 are different constants
SELECT k * 'NaN'::float8, count(*) FROM (VALUES (1::float8), (2), (NULL)) v(k) GROUP BY k * 'NaN'::float8 ORDER BY 1;
SELECT k * 'NaN'::float8 FROM (VALUES (1::float8)) v(k) GROUP BY 1;
SELECT (k + 'NaN'::float4), count(*) FROM (VALUES (1::float4)) v(k) GROUP BY (k + 'NaN'::float4) HAVING count(*) > 0;
SELECT k * '-0'::float8 FROM (VALUES (1::float8)) v(k) GROUP BY k * '0'::float8;
SELECT k * '-0'::float8 FROM (VALUES (1::float8)) v(k) GROUP BY k * '-0'::float8;
