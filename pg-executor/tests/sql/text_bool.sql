-- Text, comparison and three-valued boolean logic.
SELECT 'abc' || 'def', 'x' || 1, 1 || 'x', 'n=' || NULL;
SELECT 'abc' < 'abd', 'b' > 'abc', 'a' = 'a', 'a' <> 'b';
SELECT 1 < 2, 2 <= 2, 3 > 4, 1 = 1.0, 2 <> 2;
SELECT true AND NULL, false AND NULL, true OR NULL, false OR NULL, NOT NULL::bool;
SELECT NULL::bool AND NULL, NULL::bool OR true;
SELECT NULL IS NULL, 1 IS NULL, 1 IS NOT NULL, NULL IS NOT NULL;
SELECT true IS TRUE, NULL::bool IS TRUE, NULL::bool IS NOT TRUE, false IS FALSE, NULL::bool IS UNKNOWN, true IS NOT UNKNOWN;
SELECT 1 IS DISTINCT FROM 2, 1 IS DISTINCT FROM NULL, NULL IS NOT DISTINCT FROM NULL, 2 IS NOT DISTINCT FROM 2;
SELECT 5 BETWEEN 1 AND 10, 5 NOT BETWEEN 1 AND 4, 5 BETWEEN SYMMETRIC 10 AND 1;
SELECT 2 IN (1, 2, 3), 4 IN (1, 2, 3), 4 NOT IN (1, 2, 3), NULL IN (1, 2), 1 IN (2, NULL);
SELECT 'hello' LIKE 'h%', 'hello' LIKE 'H%', 'hello' ILIKE 'H%', 'hello' NOT LIKE '%z%', 'a_c' LIKE 'a\_c';
SELECT 'abc' = 'abc '::text, 'abc'::varchar = 'abc';
