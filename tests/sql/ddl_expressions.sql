-- DEFAULT and CHECK expressions: checked at CREATE TABLE and stored as pg_get_expr prints them.
create table dx (a numeric default 1, b int8 default 5, c text default 'x', d int default -1, e float8 default 1.5, f date default '2020-01-01', g int default 1+2, h varchar(5) default 'abc', i bool default true, j int default length('ab'), k timestamptz default current_timestamp, l numeric(10,2) default 1.5, m int check (m > 0 and m < 10), n text check (n <> ''), o int2 default 1, p char(3) default 'ab', q int default null, r timestamptz default now());
create table dy (a int default 'x'::text);
create table dz (a int default b);
create table dw (a int check (a + 1));
create table dv (a int, b numeric, check (b > a));
select attname, pg_get_expr(adbin, adrelid) from pg_attrdef join pg_attribute on attrelid=adrelid and attnum=adnum where adrelid='dx'::regclass order by adnum;
select conname, pg_get_constraintdef(oid) from pg_constraint where conrelid in ('dx'::regclass, 'dv'::regclass) order by conname;
drop table dx; drop table dv;
