-- VALUES lists, as a statement and in FROM (checked against PostgreSQL 15).
values (1, 'a'), (2, 'b');
values (1), (2.5), (null);
values ('x'), ('y');
values (1, null), (null, 'z');
values (3), (1), (2) order by 1 desc;
values (3), (1), (2) order by column1 limit 2;
values (1 + 1, 'a' || 'b');
select * from (values (1), (2)) v(x);
select x * 10 as y from (values (1), (2), (3)) v(x) where x > 1 order by y desc;
select * from (values (1, 'one'), (2, 'two')) as t(n, word) order by word;
select * from (values (1, 'one'), (2, 'two')) as t;
select column2 from (values (1, 'one'), (2, 'two')) as t where column1 = 2;
select count(*), sum(x) from (values (1), (2), (3)) v(x);
select * from (values (1), (2)) v(x, y);
explain (costs off) values (1, 'a'), (2, 'b');
explain (costs off) select * from (values (1), (2)) v(x) where x > 1;
-- Errors.
values (1), (1, 2);
values (1), ('a');
values (1), ('a'::text);
values (true), (1);
values (count(*));
values (1/0);
