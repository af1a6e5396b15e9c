-- A qualified t.* may name a FROM item of an enclosing query level (LATERAL or
-- correlated subqueries), and a scalar subquery's output column is named after
-- the analyzed subquery's first column; errors as PostgreSQL gives them.
select t.*;
select x.* from (select 1) s;
select (select s.*) from (select 1 a, 2 b) s;
select (select s.*) from (select 1 a) s;
select * from (select 1 a, 2 b) s, lateral (select s.*, s.a + 1) q;
select * from (select 1 a) s, (select s.*) q;
select * from (select 1 a, 2 b) s, lateral (select s.* from generate_series(1, 2) g) q;
select * from (select 1 a) s join (select 2 b) t on true, lateral (select s.*, t.*) q;
select * from (select 1 a) s join lateral (select s.*) q on true;
select x, (select y.* from (select x * 10) y) from generate_series(1, 2) x;
select x, array(select s.* from generate_series(1, x) g) from (select 5) s(x);
select (select g.* ) from generate_series(3, 4) g;
select * from generate_series(1, 2) g, lateral (select g.*) q;
select (select s.* from (select 1) s);
select s.*, (select s.* limit 1) from (select 1 a) s;
select (select 1 as a union select 2);
select (select s.*) as named from (select 1 a) s;
select x, (select 'lit') from generate_series(1, 1) x;
select * from (select (select g.* from generate_series(7, 7) g)) s;
select * from (select 1 a) s, lateral (select * from (select s.*) q2) q;
select * from (select 1 a) s, lateral (select * from (select 1 b) z, (select s.*, z.*) q2) q;
