-- The system views: their columns, filtering, ordering and limits.
select count(*) from pg_stat_activity where pid = pg_backend_pid();
select state, query from pg_stat_activity where pid = pg_backend_pid();
select datname, usename, application_name, backend_type from pg_stat_activity where pid = pg_backend_pid();
select name from pg_backend_memory_contexts where level = 0;
select level, parent from pg_backend_memory_contexts where name = 'TopMemoryContext';
select name from pg_backend_memory_contexts where name = 'MessageContext' limit 1;
select name, parent, level from pg_backend_memory_contexts where name in ('PortalContext', 'ExecutorState', 'ExprContext') order by level;
select count(*) > 0 from pg_shmem_allocations;
select count(*) from pg_shmem_allocations where name is null;
select current_user, current_database(), session_user;
select version() like 'PostgreSQL 15.% on %';
select pg_sleep(0.01);
select nosuch from pg_stat_activity;
select 1 from pg_stat_activity order by 1 limit 1 offset 0;
