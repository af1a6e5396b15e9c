-- x IN (SELECT ...) over an uncorrelated subquery runs as a semi join
-- (PostgreSQL's convert_ANY_sublink_to_join): its FROM item joins the
-- query's, its WHERE and the comparison are the join's conditions.
-- NOT IN is no anti join: a NULL from the subquery makes it NULL.
set work_mem = '4MB';
set jit = off;
explain (costs off) select * from generate_series(1, 10) g where g in (select h from generate_series(1, 5) h);
select * from generate_series(1, 10) g where g in (select h from generate_series(1, 5) h) order by 1;
explain (costs off) select * from generate_series(1, 10) g where g in (select h from generate_series(1, 5) h where h > 2);
select * from generate_series(1, 10) g where g in (select h from generate_series(1, 5) h where h > 2) order by 1;
explain (costs off) select * from generate_series(1, 10) g where g in (select h + 1 from generate_series(1, 5) h);
select * from generate_series(1, 10) g where g in (select h + 1 from generate_series(1, 5) h) order by 1;
explain (costs off) select * from generate_series(1, 10) g where (g, g + 1) in (select h, h + 1 from generate_series(1, 5) h);
select * from generate_series(1, 10) g where (g, g + 1) in (select h, h + 1 from generate_series(1, 5) h) order by 1;
explain (costs off) select * from generate_series(1, 10) g where g in (select h from generate_series(1, 5) h) and g in (select k from generate_series(3, 8) k);
select * from generate_series(1, 10) g where g in (select h from generate_series(1, 5) h) and g in (select k from generate_series(3, 8) k) order by 1;
explain (costs off) select * from generate_series(1, 10) g where g = any (select h from generate_series(1, 5) h);
explain (costs off) select * from generate_series(1, 10) g where g < any (select h from generate_series(1, 5) h);
select * from generate_series(1, 10) g where g < any (select h from generate_series(1, 5) h) order by 1;
explain (costs off) select * from generate_series(1, 10) g where g::text in (select h::text from generate_series(1, 5) h);
select * from generate_series(1, 10) g where g in (select h from generate_series(1, 5) h, generate_series(1, 2) k where k = 1) order by 1;
-- Duplicates in the subquery return each outer row once; NULLs match nothing.
select * from (values (1), (2), (null)) v(x) where x in (select y from (values (1), (2), (2), (null::int)) w(y)) order by 1;
select count(*) from generate_series(1, 1000) g where g in (select h % 100 from generate_series(1, 1000) h);
-- NOT IN stays a hashed SubPlan: one NULL from the subquery and no row qualifies.
explain (costs off) select * from generate_series(1, 10) g where g not in (select h from generate_series(1, 5) h);
select * from generate_series(1, 10) g where g not in (select h from generate_series(1, 5) h) order by 1;
select * from generate_series(1, 10) g where g not in (select h from (values (1), (null::int)) v(h));
select * from (values (1), (null)) v(x) where x not in (select h from generate_series(2, 3) h) order by 1;
-- Not pulled up: under OR, correlated, or in the select list.
explain (costs off) select * from generate_series(1, 10) g where g in (select h from generate_series(1, 5) h) or g = 10;
explain (costs off) select * from generate_series(1, 10) g where g in (select h from generate_series(1, 5) h where h < g);
select g, g in (select h from generate_series(1, 5) h) from generate_series(4, 6) g order by 1;
-- Every join method gives the same rows.
set enable_hashjoin = off;
explain (costs off) select * from generate_series(1, 10) g where g in (select h from generate_series(1, 5) h);
select count(*) from generate_series(1, 1000) g where g in (select h from generate_series(1, 500) h);
set enable_mergejoin = off;
explain (costs off) select * from generate_series(1, 10) g where g in (select h from generate_series(1, 5) h);
select count(*) from generate_series(1, 1000) g where g in (select h from generate_series(1, 500) h);
reset enable_hashjoin;
reset enable_mergejoin;
-- Semi and anti join estimates without statistics (eqjoinsel_semi): half
-- the outer rows when the inner side's distinct count is a default guess,
-- else nd2 / nd1 of them; a hash semi or anti join stops at the first match.
explain select * from generate_series(1, 1000) g where exists (select 1 from generate_series(1, 1000) h where h = g and h % 2 = 0);
explain select * from generate_series(1, 1000) g where not exists (select 1 from generate_series(1, 1000) h where h = g and h % 2 = 0);
explain select * from generate_series(1, 10) g where not exists (select 1 from generate_series(1, 1000) h where h = g);
explain select * from generate_series(1, 1000) g where not exists (select 1 from generate_series(1, 10) h where h = g);
explain select * from generate_series(1, 300) g where not exists (select 1 from generate_series(1, 300) h where h = g);
explain select * from generate_series(1, 100) g where g in (select h from generate_series(1, 50) h);
-- A nested-loop semi or anti join scans the inner side up to the first match.
set enable_hashjoin = off;
set enable_mergejoin = off;
explain select * from generate_series(1, 10) g where exists (select 1 from generate_series(1, 5) h where g = h);
explain select * from generate_series(1, 10) g where not exists (select 1 from generate_series(1, 5) h where g = h);
explain select * from generate_series(1, 300) g where not exists (select 1 from generate_series(1, 1000) h where g = h);
explain select * from generate_series(1, 10) g where g < any (select h from generate_series(1, 5) h);
