-- Descriptions of built-in objects, as psql and drivers read them.
select obj_description('pg_catalog'::regnamespace, 'pg_namespace') as pg_catalog,
       obj_description('public'::regnamespace, 'pg_namespace') as public;
select d.datname, shobj_description(d.oid, 'pg_database') from pg_database d
 where d.datname in ('postgres', 'template0', 'template1') order by 1;
select p.oid, p.proname, obj_description(p.oid, 'pg_proc')
  from pg_proc p where p.oid in (89, 870, 1299, 1317, 1397, 2026) order by 1;
select obj_description(96, 'pg_operator') as int4eq, obj_description(98, 'pg_operator') as texteq;
select a.amname, obj_description(a.oid, 'pg_am') from pg_am a where a.amname = 'heap';
select l.lanname, obj_description(l.oid, 'pg_language') from pg_language l
 where l.lanname in ('internal', 'c', 'sql') order by 1;
select c.collname, obj_description(c.oid, 'pg_collation') from pg_collation c
 where c.collname in ('C', 'POSIX', 'default') order by 1;
select t.typname, obj_description(t.oid, 'pg_type') from pg_type t
 where t.typname in ('int4', 'text', 'bool', 'timestamptz', '_int4') order by 1;
select col_description('pg_class'::regclass, 1) is null as no_column_comment,
       obj_description(0, 'pg_proc') is null as no_object;
\dT int4
\dT boolean
