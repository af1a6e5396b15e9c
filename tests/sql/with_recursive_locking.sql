-- FOR UPDATE/SHARE on the recursive UNION is refused, as PostgreSQL does;
-- ignoring it made the recursion run on without end.
WITH RECURSIVE x(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM x FOR UPDATE)
  SELECT * FROM x;
WITH RECURSIVE x(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM x WHERE n < 3 FOR SHARE)
  SELECT * FROM x;
WITH RECURSIVE x(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM x WHERE n < 3 FOR KEY SHARE)
  SELECT * FROM x;
-- The checks come in PostgreSQL's order: ORDER BY, OFFSET, LIMIT, then locking.
WITH RECURSIVE x(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM x LIMIT 3 FOR UPDATE)
  SELECT * FROM x;
SELECT 1 AS still_usable;
