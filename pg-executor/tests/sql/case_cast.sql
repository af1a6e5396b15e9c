-- CASE, COALESCE/NULLIF/GREATEST/LEAST, casts, typmods and column names.
SELECT CASE WHEN 1 > 2 THEN 'a' WHEN 2 > 1 THEN 'b' ELSE 'c' END;
SELECT CASE 2 WHEN 1 THEN 'one' WHEN 2 THEN 'two' END, CASE 3 WHEN 1 THEN 'one' END;
SELECT CASE WHEN NULL THEN 1 ELSE 2 END, CASE WHEN true THEN 1 ELSE 2.5 END;
SELECT COALESCE(NULL, 2, 3), COALESCE(NULL, NULL), COALESCE(NULL::int, 1.5);
SELECT NULLIF(1, 1), NULLIF(1, 2), NULLIF('a', 'b');
SELECT GREATEST(1, 2.5, NULL), LEAST('b', 'a', 'c'), GREATEST(NULL::int, NULL);
SELECT 1::int4, '42'::int8, 3.7::int4, 2.5::int4, -2.5::int4, '1.25'::numeric(3,1);
SELECT 'abc'::varchar(2), CAST('xyz' AS char(5)) || '|', 'true'::boolean, 1::boolean, true::int;
SELECT 3.14159::numeric(4,2), 12.5::float8::int4, 1e10::int4;
SELECT '2020-01-02'::date, '2020-01-02 03:04:05+02'::timestamptz, '1 day 2 hours'::interval;
SELECT 'abc'::int;
SELECT 99999999999::int4;
SELECT 123.456::numeric(4,2);
SELECT 1 AS a, 2 b, 1 + 1, 1::int4, (1 + 2)::int, CASE WHEN true THEN 1 END, CASE WHEN true THEN 1 END::text;
SELECT COALESCE(1), NULLIF(1, 2), GREATEST(1), LEAST(1), 'x'::text, CAST(1 AS bigint);
SELECT current_user, session_user, user, current_role, current_catalog, current_schema;
SELECT current_timestamp, now(), pg_backend_pid();
