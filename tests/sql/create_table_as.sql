-- CREATE TABLE AS, SELECT INTO and WITH [NO] DATA: columns and types
-- (typmods kept) from the query's target list, tag SELECT n.
create table regress_ctas_src (x varchar(4), y numeric(6,2), z int);
insert into regress_ctas_src values ('ab', 1.25, 1), ('cd', null, 2), ('ef', 3, 3);
create table regress_ctas1 as select * from regress_ctas_src;
select * from regress_ctas1 order by z;
select a.attname, format_type(a.atttypid, a.atttypmod)
  from pg_attribute a join pg_class c on c.oid = a.attrelid
  where c.relname = 'regress_ctas1' and a.attnum > 0 order by a.attnum;
create table regress_ctas2 (p, q) as select z, x from regress_ctas_src where z > 1;
select * from regress_ctas2 order by p;
create table regress_ctas3 as select * from regress_ctas_src with no data;
select count(*) from regress_ctas3;
create table regress_ctas4 as select * from regress_ctas_src with data;
select count(*) from regress_ctas4;
select x, z * 2 as dbl, 'lit' as l into regress_ctas5 from regress_ctas_src where z < 3;
select * from regress_ctas5 order by dbl;
select a.attname, format_type(a.atttypid, a.atttypmod)
  from pg_attribute a join pg_class c on c.oid = a.attrelid
  where c.relname = 'regress_ctas5' and a.attnum > 0 order by a.attnum;
create table if not exists regress_ctas1 as select 1;
create table regress_ctas1 as select 1;
create table regress_ctas6 (a, b, c) as select 1, 2;
select 1, 2 into regress_ctas7;
select x, 'lit', 1 + 1 into regress_ctas8 from regress_ctas_src;
create table regress_ctas9 as select * from regress_ctas_missing;
begin;
create table regress_ctas10 as select z from regress_ctas_src;
select count(*) from regress_ctas10;
rollback;
select count(*) from pg_class where relname = 'regress_ctas10';
drop table regress_ctas1;
drop table regress_ctas2;
drop table regress_ctas3;
drop table regress_ctas4;
drop table regress_ctas5;
drop table regress_ctas_src;
