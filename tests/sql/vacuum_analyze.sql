-- VACUUM and ANALYZE store relpages / reltuples in pg_class; VACUUM
-- refuses to run inside a transaction block. (relpages is compared as
-- nonzero only: our tuple headers are wider, and VACUUM does not yet
-- truncate empty tail pages.)
create table regress_vac (a int, b text);
select relpages, reltuples from pg_class where relname = 'regress_vac';
insert into regress_vac select g, repeat('x', 100) from generate_series(1, 1000) g;
analyze regress_vac;
select relpages > 0 as has_pages, reltuples from pg_class where relname = 'regress_vac';
delete from regress_vac where a > 500;
vacuum regress_vac;
select relpages > 0 as has_pages, reltuples from pg_class where relname = 'regress_vac';
select count(*) from regress_vac;
update regress_vac set b = 'short' where a <= 100;
vacuum analyze regress_vac;
select relpages > 0 as has_pages, reltuples from pg_class where relname = 'regress_vac';
select count(*), sum(length(b)) from regress_vac;
insert into regress_vac select g, 'again' from generate_series(1001, 1200) g;
vacuum (analyze) regress_vac;
select count(*) from regress_vac;
begin;
vacuum regress_vac;
rollback;
begin;
analyze regress_vac;
commit;
vacuum regress_vac_missing;
analyze regress_vac_missing;
drop table regress_vac;
