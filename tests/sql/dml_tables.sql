-- INSERT, UPDATE, DELETE and SELECT over tables: VALUES lists, INSERT ...
-- SELECT, DEFAULT, RETURNING, FROM / USING, constraint errors, FOR UPDATE.
create table exec_t (a int not null, b text default 'none', c varchar(3), d numeric(5,2) check (d > 0));
insert into exec_t values (1, 'x', 'abc', 1.5);
insert into exec_t (a) values (2);
insert into exec_t (a, c) values (3, 'ab'), (4, default), (5, 'z') returning *;
insert into exec_t default values;
insert into exec_t (a, b) values (null, 'n');
insert into exec_t values (6, 'y', 'abcd');
insert into exec_t values (7, 'y', 'ab', -1);
insert into exec_t values (8, 'y', 'ab', 1234.567);
insert into exec_t (a, a) values (1, 2);
insert into exec_t (a, nosuch) values (1, 2);
insert into exec_t (a) values (true);
insert into exec_t (a) values ('x');
insert into exec_t values (1, 2, 3, 4, 5);
insert into exec_t (a, b) values (1);
insert into exec_t select g, 'g' || g from generate_series(10, 12) g;
insert into exec_t (a, d) select g, g * 1.25 from generate_series(20, 21) g returning a, d, d * 2 as dd;
select * from exec_t order by a;
select count(*), sum(a), min(b), max(d) from exec_t;
update exec_t set b = 'upd', d = d + 1 where a < 3 returning a, b, d;
update exec_t set (b, c) = ('two', 'tw') where a = 2;
update exec_t set a = a + 100 where a >= 20;
update exec_t set a = null where a = 1;
update exec_t set d = -5 where a = 1;
update exec_t set c = 'toolong' where a = 1;
update exec_t set nosuch = 1;
update exec_t set a = 1, a = 2;
update exec_t set b = default where a = 10 returning *;
select * from exec_t order by a;
delete from exec_t where a > 100 returning a, b;
delete from exec_t where b = 'nothing';
select * from exec_t order by a;
-- FROM and USING.
create table exec_u (k int, v text);
insert into exec_u values (2, 'from u'), (3, 'also u'), (99, 'none');
update exec_t set b = exec_u.v from exec_u where exec_t.a = exec_u.k;
delete from exec_t using exec_u where exec_t.a = exec_u.k and exec_u.v = 'also u';
select a, b from exec_t order by a;
-- Plans.
explain (costs off) select * from exec_t where a = 1;
explain (costs off) update exec_t set b = 'q' where a = 1;
explain (costs off) delete from exec_t where a = 1;
explain (costs off) insert into exec_t (a) values (1);
explain (costs off) insert into exec_t (a) values (1), (2);
explain (costs off) insert into exec_t (a, b) select g, 'x' || g from generate_series(1, 3) g where g > 1;
explain (costs off) select * from exec_t order by a for update;
explain (costs off) select * from exec_t for share limit 1;
-- Row locks.
begin;
select a from exec_t where a = 2 for update;
select a from exec_t where a = 3 for no key update nowait;
select a from exec_t order by a for share skip locked;
select a from exec_t for key share of exec_t;
commit;
select distinct a from exec_t for update;
select count(*) from exec_t for update;
-- Transactions: rolled back rows vanish, savepoints undo what followed them.
begin;
insert into exec_t (a) values (50);
savepoint s1;
insert into exec_t (a) values (51);
delete from exec_t where a = 50;
rollback to s1;
insert into exec_t (a) values (52);
select a from exec_t where a >= 50 order by a;
rollback;
select a from exec_t where a >= 50 order by a;
-- Joins over tables.
select t.a, u.v from exec_t t join exec_u u on t.a = u.k order by 1;
select t.a, u.v from exec_t t left join exec_u u on t.a = u.k order by 1;
drop table exec_t;
drop table exec_u;
