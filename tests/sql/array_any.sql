-- x op ANY/ALL (array) and array comparison, as psql's catalog queries use them.
SELECT 1 = ANY ('{1,2}'::int[]) AS a, 3 = ANY ('{1,2}') AS b, 3 = ALL ('{1,NULL}'::int[]) AS c;
SELECT 1 = ANY (NULL::int[]) AS a, 1 = ANY ('{}'::int[]) AS b, NULL::int = ALL ('{}'::int[]) AS c, 2 = ANY ('{1,NULL}'::int[]) AS d;
SELECT 1 < ALL ('{2,3}'::int[]) AS a, 'b' <> ALL ('{a,c}'::text[]) AS b;
SELECT relname FROM pg_class WHERE oid = ANY ('{1259,1249}') ORDER BY 1;
SELECT array(SELECT rolname FROM pg_roles WHERE oid = ANY ('{10}'::oid[]));
SELECT '{0}'::oid[] = '{0}' AS a, '{1,2}'::int[] < '{1,3}'::int[] AS b, '{1}'::int[] = '{1,2}' AS c;
SELECT 1 = ANY (1);
SELECT 1 + ANY ('{1}'::int[]);
SELECT 1 = ANY ('{x}'::text[]);
