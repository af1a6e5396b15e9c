-- Constant folding (eval_const_expressions): immutable calls over
-- constants are computed by the planner; stable and volatile ones are not.
explain (costs off) select * from generate_series(1, 3) g where g > 1 + 2;
explain (costs off) select * from generate_series(1, 3) g where g > abs(-3) or false or g < 0;
explain (costs off) select * from generate_series(1, 3) g where g::text = lower('A');
explain (costs off) select * from generate_series(1, 3) g where g::text = 'a' || 'b';
explain (costs off) select * from generate_series(1, 3) g where 'a' || 1 = g::text;
explain (costs off) select * from generate_series(1, 3) g where g > 1 + 2 and true;
explain (costs off) select * from generate_series(1, 3) g where g > 1 + 2 and (g < 5 and g <> 1 + 1);
explain (costs off) select * from generate_series(1, 3) g where g = coalesce(null, 2 + 3, g);
explain (costs off) select * from generate_series(1, 3) g where g = case when 1 > 2 then 1/0 else 7 end;
explain (costs off) select * from generate_series(1, 3) g where case when g = 1 then 1 + 1 when true then 3 else 1/0 end = 2;
explain (costs off) select * from generate_series(1, 3) g where g::numeric > 1.5::int + '2'::int8;
explain (costs off) select * from generate_series(1, 3) g where g::numeric > 1.50 and g::numeric <> 4::numeric;
explain (costs off) select * from generate_series(1, 3) g where g::float8 > 0.5;
explain (costs off) select * from generate_series(1, 3) g where g::text = 12.5::text;
explain (costs off) select * from generate_series(1, 3) g where g::text = 'x'::varchar(3);
explain (costs off) select * from generate_series(1, 3) g where (g > 0) is true and null::bool is null;
explain (costs off) select * from generate_series(1, 3) g where not (1 = 2) and g > 0;
-- volatile and stable calls stay as they are
explain (costs off) select * from generate_series(1, 3) g where g::float8 > random() + 1;
explain (costs off) select * from generate_series(1, 3) g where g::text > current_setting('TimeZone');
explain (costs off) select * from generate_series(1, 3) g where g > date_part('day', '2020-01-02'::timestamptz + interval '1 day');
explain (costs off) select * from generate_series(1, 3) g where g <> pg_backend_pid();
-- errors while folding are the planner's
select 1/0;
select case when g > 0 then 1 else 1/0 end from generate_series(1, 2) g;
select 1 where 1/0 = 1 and false;
-- branches that can never be taken are not folded
select case when false then 1/0 else 2 end;
select case when true then 1 else 1/0 end;
select coalesce(1, 1/0);
select coalesce(null, 2, 1/0);
select 1 where false and 1/0 = 1;
select 1 where true or 1/0 = 1;
select not (1 = 2), (null::int is null), (true is not false), (null::bool is unknown);
select abs(null::int) is null, lower(null) is null;
-- a WHERE that folds to true is no filter; HAVING true still groups
explain (costs off) select 1 where true;
explain (costs off) select * from generate_series(1, 2) g where 1 = 1;
explain (costs off) select * from generate_series(1, 2) g where g > 0 and 1 = 1;
select count(*) from generate_series(1, 3) g where 2 > 1;
select 1 from generate_series(1, 3) having true;
-- a one-row VALUES list in FROM is pulled up: its constants fold
explain (costs off) select x+1 from (values (1)) v(x) where x > 0;
explain (costs off) select * from (values (1, 'a')) v(x, y);
explain (costs off) select x from (values (random())) v(x);
explain (costs off) select * from (values (1), (2)) v(x);
select case when x > 0 then 1 else 1/0 end from (values (1)) v(x);
select x, y, x * 2 from (values (3, 'b')) v(x, y) where y = 'b';
select x from (values (3)) v(x) where x > 5;
select * from (values (1, 'a')) v(x, y);
select x from (values (1)) v(x) order by x limit 1;
select x, (select x + 1) from (values (1)) v(x);
select * from (values (1)) v(x), lateral (select x + 1) s(y);
select * from (values (now() is not null)) v(x);
