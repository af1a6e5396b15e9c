-- Arrays: ARRAY[...] constructors, subscripts and slices, lower bounds,
-- several dimensions, NULL elements, and the errors PostgreSQL gives.
SELECT ARRAY[1, 2, 3] AS a, ARRAY['x', NULL] AS b, ARRAY[1, 2.5] AS c, ARRAY[[1, 2], [3, 4]] AS d;
SELECT ARRAY[]::int[] AS empty, ARRAY[1, 2]::text[] AS t, ARRAY[ARRAY[1], ARRAY[2]] AS nested;
SELECT ARRAY[NULL] AS n, ARRAY[NULL::int, 2] AS m;
SELECT ARRAY[];
SELECT ARRAY[1, 'x'];
SELECT ARRAY[1, true];
SELECT ARRAY[[1, 2], [3]];
SELECT ARRAY[[1, 2], 3];
-- Literals with explicit bounds and several dimensions.
SELECT '[0:2]={7,8,9}'::int[] AS a, '[1:2]={7,8}'::int[] AS b, '{{1,2},{3,4}}'::int[] AS c, '[-1:0][2:3]={{1,2},{3,4}}'::int[] AS d;
SELECT '{{{1}},{{2}}}'::int[] AS a, ' { 1 , NULL , "NULL" } '::text[] AS b, '{"a b", c\,d, ""}'::text[] AS c, '{}'::int[] AS e;
SELECT '{1,2'::int[];
SELECT '{{1,2},{3}}'::int[];
SELECT '{1,{2}}'::int[];
SELECT '{1}x'::int[];
SELECT '[2:1]={}'::int[];
SELECT '[1:2]={1}'::int[];
SELECT '[1:2]{1,2}'::int[];
SELECT '{{}}'::int[];
SELECT '{a}'::int[];
-- Subscripts: the bounds decide, out of range is NULL.
SELECT (ARRAY[10, 20, 30])[1] AS first, (ARRAY[10, 20, 30])[3] AS last, (ARRAY[10, 20, 30])[0] AS zero, (ARRAY[10, 20, 30])[4] AS past;
SELECT ('[0:2]={7,8,9}'::int[])[0] AS a, ('[0:2]={7,8,9}'::int[])[3] AS b, (ARRAY[1, 2])[NULL] AS c, (NULL::int[])[1] AS d;
SELECT ('{{1,2},{3,4}}'::int[])[2][1] AS a, ('{{1,2},{3,4}}'::int[])[2] AS b, ('{{1,2},{3,4}}'::int[])[1][2][1] AS c;
SELECT (ARRAY[1, 2, 3])[2:3] AS a, (ARRAY[1, 2, 3])[:2] AS b, (ARRAY[1, 2, 3])[2:] AS c, (ARRAY[1, 2, 3])[5:6] AS d, (ARRAY[1, 2, 3])[3:1] AS e;
SELECT ('[0:2]={7,8,9}'::int[])[:1] AS a, ('{{1,2,3},{4,5,6}}'::int[])[2:2] AS b, ('{{1,2,3},{4,5,6}}'::int[])[1:2][2] AS c, ('{{1,2,3},{4,5,6}}'::int[])[:][2:] AS d;
SELECT (ARRAY[1, 2])['1'] AS a, (ARRAY[1, 2])[1.6] AS b, (ARRAY[1, 2])[2::int8] AS c, (ARRAY['a', 'b'])[1] || 'x' AS d;
SELECT (1)[1];
SELECT (ARRAY[1])['x'];
SELECT (ARRAY[1])[true];
SELECT (ARRAY[1])[1][1][1][1][1][1][1];
-- int2vector and oidvector keep subscripts from 0.
SELECT '1 2 3'::int2vector AS v, ('1 2 3'::int2vector)[0] AS first, '1 2 3'::int2vector::int2[] AS a, array_upper('1 2'::int2vector::int2[], 1) AS up;
SELECT '26 23'::oidvector AS o, ('26 23'::oidvector)[1] AS second, '26 23'::oidvector::oid[] AS a, ('1 2 3'::int2vector)[1:2] AS s;
-- Array functions over shapes.
SELECT array_lower('[0:2]={1,2,3}'::int[], 1) AS lo, array_upper('[0:2]={1,2,3}'::int[], 1) AS hi, array_length('{{1,2,3},{4,5,6}}'::int[], 2) AS len2;
SELECT array_dims('[0:2]={1,2,3}'::int[]) AS d1, array_dims('{{1,2},{3,4}}'::int[]) AS d2, array_dims('{}'::int[]) AS d0, array_ndims('{{1},{2}}'::int[]) AS nd, cardinality('{{1,2},{3,4}}'::int[]) AS card, cardinality('{}'::int[]) AS card0;
SELECT unnest('{{1,2},{3,NULL}}'::int[]) AS u;
SELECT x FROM unnest(ARRAY['a', 'b']) AS x;
SELECT ARRAY[1, 2] || ARRAY[3] AS a, NULL::int[] || ARRAY[3] AS b, '{}'::int[] || ARRAY[3] AS c, ARRAY[[1, 2]] || ARRAY[3, 4] AS d, '[0:1]={1,2}'::int[] || ARRAY[3] AS e;
SELECT ARRAY[[1, 2]] || ARRAY[3];
SELECT ARRAY[1, 2] = ARRAY[1, 2] AS eq, '[0:1]={1,2}'::int[] = ARRAY[1, 2] AS eq_bounds, ARRAY[1, 2] < ARRAY[1, 2, 0] AS lt, '{{1,2}}'::int[] = ARRAY[1, 2] AS eq_dims;
SELECT array_to_string(ARRAY[[1, 2], [3, NULL]], ',', '*') AS s, 3 = ANY ('{{1,2},{3,4}}'::int[]) AS any_md;
-- array_append / array_prepend keep the lower bound; untyped literals take the element type.
SELECT array_append(ARRAY[1, 2], 3) AS a, array_append(NULL::int[], 3) AS b, array_append('{}'::int[], NULL) AS c, array_append('[0:1]={1,2}'::int[], 3) AS d, array_append(ARRAY['x'], 'y') AS e;
SELECT array_prepend(0, ARRAY[1, 2]) AS a, array_prepend(0, NULL::int[]) AS b, array_prepend(0, '[5:6]={1,2}'::int[]) AS c, array_prepend(NULL, ARRAY[1]) AS d;
SELECT array_append('{{1,2}}'::int[], 3);
SELECT array_prepend(1, '{{1,2}}'::int[]);
SELECT array_append(ARRAY[1], 'x');
-- ARRAY(subquery) over an array column adds a dimension.
SELECT ARRAY(SELECT ARRAY[x, x * 10] FROM generate_series(1, 3) x) AS a;
SELECT ARRAY(SELECT ARRAY[x] FROM generate_series(1, 0) x) AS empty;
SELECT (SELECT ARRAY(SELECT ARRAY[y, x] FROM generate_series(1, 2) y)) FROM generate_series(5, 6) x;
SELECT ARRAY(SELECT NULL::int[]);
SELECT ARRAY(SELECT '{}'::int[]);
SELECT ARRAY(SELECT a FROM (VALUES ('{1}'::int[]), ('{1,2}')) v(a));
EXPLAIN (COSTS OFF) SELECT ARRAY(SELECT ARRAY[x] FROM generate_series(1, 3) x);
-- Arrays in tables keep their shape.
CREATE TABLE psqld_arr (id int, a int[], t text[]);
INSERT INTO psqld_arr VALUES (1, '[0:1]={5,6}', ARRAY['x', NULL]), (2, '{{1,2},{3,4}}', '{}'), (3, NULL, ARRAY['a b', '"q"']);
SELECT id, a, t, a[0] AS a0, a[1] AS a1, array_dims(a) AS dims, t[1] AS t1 FROM psqld_arr ORDER BY id;
SELECT id, a[1:1] AS s FROM psqld_arr ORDER BY a;
DROP TABLE psqld_arr;
