-- Statements outside the slice answer 0A000 (expected output recorded from
-- our server with `cargo xtask bless-sql --only unsupported`: PostgreSQL
-- would run these).
create table t (a int);
insert into t values (1);
update t set a = 2;
delete from t;
vacuum;
listen chan;
select 'after errors, still fine';
