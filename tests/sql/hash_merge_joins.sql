-- Hash joins and merge joins, chosen by cost against nested loops, over
-- VALUES lists, functions and subqueries.
set work_mem = '4MB';
set jit = off;
-- Small inputs: a hash join hashing the smaller side.
explain select * from generate_series(1, 3) a join generate_series(1, 2) b on a = b;
explain (costs off) select * from generate_series(1, 3) a left join generate_series(1, 5) b on a = b;
explain (costs off) select * from generate_series(1, 3) a right join generate_series(1, 5) b on a = b;
explain (costs off) select * from generate_series(1, 3) a full join generate_series(1, 5) b on a = b;
explain (costs off) select * from generate_series(1, 30) a left join generate_series(1, 5) b on a = b;
explain (costs off) select * from generate_series(1, 30) a right join generate_series(1, 5) b on a = b;
explain (costs off) select * from generate_series(1, 3) a join generate_series(1, 5) b on a = b and a < b - 1;
explain (costs off) select * from generate_series(1, 3) a full join generate_series(1, 5) b on a = b and a < b - 1;
explain (costs off) select * from generate_series(1, 3) a join generate_series(1, 5) b on a = b where a + b > 2;
explain (costs off) select * from generate_series(1, 3) a left join generate_series(1, 5) b on a = b where coalesce(b, 0) < 2;
select * from (values (1, 'a'), (2, 'b'), (3, 'c')) a(x, y) join (values (1, 'p'), (3, 'q')) b(x, z) on a.x = b.x order by 1;
select * from (values (1, 'a'), (2, 'b'), (3, 'c')) a(x, y) left join (values (1, 'p'), (3, 'q'), (3, 'r')) b(x, z) on a.x = b.x order by 1, 3, 4;
select * from (values (1, 'a'), (2, 'b'), (null, 'c')) a(x, y) full join (values (1, 'p'), (4, 'q'), (null, 'r')) b(x, z) on a.x = b.x order by 1, 2, 3, 4;
select * from (values (1, 'a'), (2, 'b')) a(x, y) right join (values (1, 'p'), (4, 'q'), (null, 'r')) b(x, z) on a.x = b.x order by 3, 4;
-- Other join conditions beside the hash condition.
select * from (values (1, 'a'), (2, 'b'), (3, 'c')) a(x, y) join (values (1, 'p'), (3, 'b'), (3, 'd')) b(x, z) on a.x = b.x and a.y < b.z order by 1, 4;
select * from (values (1, 'a'), (2, 'b'), (3, 'c')) a(x, y) full join (values (1, 'p'), (3, 'b'), (3, 'd')) b(x, z) on a.x = b.x and a.y < b.z order by 1, 2, 3, 4;
-- Two keys, text keys, keys that are expressions, mixed integer types.
select * from (values (1, 'a'), (2, 'b')) a(x, y) join (values (1, 'a'), (2, 'c')) b(x, z) on a.x = b.x and a.y = b.z;
select * from (values ('x'), ('y')) a(t) join (values ('y'), ('z')) b(t) on a.t = b.t;
explain (costs off) select * from generate_series(1, 10) a join generate_series(1, 20) b on a + 1 = b * 2;
select * from generate_series(1, 10) a join generate_series(1, 20) b on a + 1 = b * 2 order by 1;
select * from (values (1::int8), (2)) a(x) join (values (2::int4), (3)) b(y) on a.x = b.y;
select * from (values (1.0::numeric), (2.50)) a(x) join (values (2.5::numeric), (1)) b(y) on a.x = b.y order by 1;
-- Larger inputs: merge joins over sorts, hash joins hashing the smaller side.
explain select * from generate_series(1, 1000) a join generate_series(1, 1000) b on a = b;
select count(*), sum(a), sum(b) from generate_series(1, 1000) a join generate_series(1, 1000) b on a = b;
explain select * from generate_series(1, 300) a join generate_series(1, 2000) b on a = b;
select count(*), sum(a), sum(b) from generate_series(1, 300) a join generate_series(1, 2000) b on a = b;
explain select * from generate_series(1, 10) a left join generate_series(1, 100000) b on a = b;
select count(*), sum(a), sum(b) from generate_series(1, 10) a left join generate_series(1, 100000) b on a = b;
explain (costs off) select * from generate_series(1, 20000) a full join generate_series(1, 20000) b on a = b;
select count(*), count(a), count(b) from generate_series(1, 20000) a full join generate_series(5001, 25000) b on a = b;
select count(*), count(a), count(b) from generate_series(1, 20000) a left join generate_series(5001, 25000) b on a = b;
select count(*), count(a), count(b) from generate_series(1, 20000) a right join generate_series(5001, 25000) b on a = b;
-- Duplicate keys on both sides.
select a.x, count(*) from (select g % 5 as x from generate_series(1, 100) g) a join (select g % 3 as x from generate_series(1, 30) g) b on a.x = b.x group by a.x order by 1;
-- Subqueries as inputs, and a join of joins.
select * from (select g from generate_series(1, 5) g) s join (values (2), (3), (7)) v(x) on s.g = v.x order by 1;
select * from (values (1), (2), (3)) a(x) join (values (2), (3), (4)) b(x) on a.x = b.x join (values (3), (4)) c(x) on b.x = c.x;
-- The cost of each method decides; disabling one picks another.
set enable_hashjoin = off;
explain (costs off) select * from generate_series(1, 3) a join generate_series(1, 5) b on a = b;
explain (costs off) select * from generate_series(1, 3) a full join generate_series(1, 5) b on a = b;
select * from (values (1, 'a'), (2, 'b'), (3, 'c')) a(x, y) join (values (1, 'p'), (3, 'q')) b(x, z) on a.x = b.x order by 1;
select * from (values (1, 'a'), (2, 'b'), (null, 'c')) a(x, y) full join (values (1, 'p'), (4, 'q'), (null, 'r')) b(x, z) on a.x = b.x order by 1, 2, 3, 4;
set enable_mergejoin = off;
explain (costs off) select * from generate_series(1, 3) a join generate_series(1, 5) b on a = b;
reset enable_hashjoin;
reset enable_mergejoin;
-- A hash join that spills its batches to temporary files.
set work_mem = '64kB';
set enable_mergejoin = off;
select count(*), sum(a), sum(b) from generate_series(1, 50000) a join generate_series(1, 50000) b on a = b;
select count(*), count(a), count(b.g) from generate_series(1, 30000) a full join (select g from generate_series(10001, 40000) g) b on a = b.g;
select count(*), count(a), count(b.g) from generate_series(1, 30000) a left join (select g % 1000 as g from generate_series(1, 3000) g) b on a = b.g;
reset work_mem;
reset enable_mergejoin;
