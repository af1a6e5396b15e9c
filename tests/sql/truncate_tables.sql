-- TRUNCATE empties tables transactionally (a new relation file; the old one goes at commit).
create table exec_tr (a int, b text);
insert into exec_tr select g, 'x' from generate_series(1, 1000) g;
begin;
truncate exec_tr;
select count(*) from exec_tr;
rollback;
select count(*) from exec_tr;
truncate table exec_tr;
select count(*) from exec_tr;
insert into exec_tr values (1, 'after');
select * from exec_tr;
truncate exec_nosuch;
truncate pg_class;
drop table exec_tr;
