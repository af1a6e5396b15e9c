-- Statements outside the slice answer 0A000 (expected output recorded from
-- our server: PostgreSQL would run these).
create table t (a int);
insert into t values (1);
select 1 union select 2;
select a from (select 1 as a) s;
select count(*) from pg_stat_activity group by state;
savepoint s1;
select 'after errors, still fine';
