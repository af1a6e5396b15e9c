-- IN lists of constants: answered by hash lookup (PostgreSQL's hashed
-- ScalarArrayOpExpr), shown as = ANY / <> ALL, with SQL's NULL semantics.
select count(*) from generate_series(1, 20) g where g in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
select count(*) from generate_series(1, 20) g where g not in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
select g, g in (1, 2, 3, 4, 5, 6, 7, 8, null) as in_list, g not in (1, 2, 3, 4, 5, 6, 7, 8, null) as not_in_list
  from generate_series(7, 10) g;
select null::int in (1, 2, 3), null::int not in (1, 2, 3);
select 'b' in ('a', 'b', 'c'), 'z' in ('a', 'b', 'c'), 'z' not in ('a', 'b', 'c');
select 3::int8 in (1, 2, 3), 3 in (1, 2, 3.5), 2.0 in (1, 2, 3);
select true in (false, false), 5 in (5);
explain (costs off) select * from generate_series(1, 20) g where g in (1, 2, 3);
explain (costs off) select * from generate_series(1, 20) g where g::text not in ('a', 'b c', 'd,e', 'f"g', '', 'NULL', 'h''i');
explain (costs off) select * from generate_series(1, 20) g where g in (1, null, 3);
