-- WHERE [NOT] EXISTS over a correlated subquery runs as a semi (anti) join:
-- nested loop, hash or merge join by cost, as PostgreSQL pulls such sublinks up.
set work_mem = '4MB';
set jit = off;
explain (costs off) select * from generate_series(1, 10) a where exists (select 1 from generate_series(1, 5) b where b = a);
select * from generate_series(1, 10) a where exists (select 1 from generate_series(1, 5) b where b = a) order by 1;
explain (costs off) select * from generate_series(1, 10) a where not exists (select 1 from generate_series(1, 5) b where b = a);
select * from generate_series(1, 10) a where not exists (select 1 from generate_series(1, 5) b where b = a) order by 1;
explain (costs off) select * from generate_series(1, 1000) a where exists (select 1 from generate_series(1, 1000) b where b = a and b % 2 = 0);
select count(*) from generate_series(1, 1000) a where exists (select 1 from generate_series(1, 1000) b where b = a and b % 2 = 0);
select count(*) from generate_series(1, 1000) a where not exists (select 1 from generate_series(1, 1000) b where b = a and b % 2 = 0);
select * from (values (1), (2), (null)) v(x) where not exists (select 1 from (values (1), (null::int)) w(y) where w.y = v.x) order by 1;
select * from (values (1), (2), (2)) v(x) where exists (select 1 from (values (2), (2), (3)) w(y) where w.y = v.x);
explain (costs off) select * from generate_series(1, 10) a where exists (select 1 from generate_series(1, 5) b where b < a);
select * from generate_series(1, 5) a where exists (select 1 from generate_series(1, 5) b where b < a) order by 1;
select * from generate_series(1, 5) a where not exists (select 1 from generate_series(1, 5) b where b < a) order by 1;
select * from generate_series(1, 5) a where a > 2 and exists (select 1 from generate_series(1, 5) b where b = a - 1) and not exists (select 1 from generate_series(4, 5) c where c = a);
set enable_hashjoin = off;
select count(*) from generate_series(1, 1000) a where exists (select 1 from generate_series(1, 1000) b where b = a);
select count(*) from generate_series(1, 1000) a where not exists (select 1 from generate_series(1, 900) b where b = a);
set enable_mergejoin = off;
select count(*) from generate_series(1, 1000) a where exists (select 1 from generate_series(1, 1000) b where b = a);
select count(*) from generate_series(1, 1000) a where not exists (select 1 from generate_series(1, 900) b where b = a);
