-- The system views are views: pg_class rows of relkind 'v' with
-- PostgreSQL 15's OIDs, columns in pg_attribute and a _RETURN rule.
select c.oid, c.relname, c.relkind, c.reltype, c.relnatts, c.relhasrules
  from pg_class c
 where c.relnamespace = 'pg_catalog'::regnamespace
   and c.relname in ('pg_settings', 'pg_stat_activity', 'pg_locks', 'pg_cursors',
                     'pg_shmem_allocations', 'pg_backend_memory_contexts', 'pg_stat_ssl',
                     'pg_stat_gssapi', 'pg_group', 'pg_views', 'pg_matviews', 'pg_roles',
                     'pg_user', 'pg_shadow', 'pg_tables')
 order by c.oid;
select r.rulename, r.ev_type, r.is_instead, c.relname
  from pg_rewrite r join pg_class c on c.oid = r.ev_class
 where c.relname in ('pg_stat_activity', 'pg_locks', 'pg_backend_memory_contexts')
 order by c.relname;
select a.attnum, a.attname, a.atttypid::regtype
  from pg_attribute a
 where a.attrelid = 'pg_stat_activity'::regclass and a.attnum > 0
 order by a.attnum;
select attname, atttypid::regtype from pg_attribute
 where attrelid = 'pg_settings'::regclass and attnum > 0 order by attnum;
select attname, atttypid::regtype from pg_attribute
 where attrelid = 'pg_locks'::regclass and attnum > 0 order by attnum;
select t.typname, t.typtype, t.typrelid::regclass from pg_type t
 where t.oid = 'pg_locks'::regclass::oid + 2;
-- pg_views lists them.
select viewname, viewowner from pg_views
 where schemaname = 'pg_catalog'
   and viewname in ('pg_settings', 'pg_stat_activity', 'pg_locks', 'pg_group')
 order by 1;
-- They answer, and join like tables.
select count(*) from pg_stat_activity where pid = pg_backend_pid();
select datname, usename, backend_type, state from pg_stat_activity where pid = pg_backend_pid();
select s.ssl, g.gss_authenticated, g.encrypted
  from pg_stat_ssl s join pg_stat_gssapi g using (pid)
 where pid = pg_backend_pid();
select name, vartype, context from pg_settings where name in ('work_mem', 'search_path') order by 1;
select groname, grolist from pg_group where grolist <> '{}' order by 1;
select count(*) > 0 as has_rows from pg_shmem_allocations;
select name, level from pg_backend_memory_contexts where level = 0;
begin;
lock table pg_class in access share mode;
select l.locktype, l.mode, l.granted, c.relname
  from pg_locks l join pg_class c on c.oid = l.relation
 where l.pid = pg_backend_pid() and c.relname = 'pg_class';
declare c1 cursor for select 1;
select name, statement, is_holdable from pg_cursors;
commit;
explain (costs off) select name from pg_settings where name = 'work_mem';
explain (costs off) select * from pg_locks where granted;
-- Not automatically updatable.
delete from pg_locks;
update pg_stat_activity set pid = 0;
insert into pg_cursors values ('x');
