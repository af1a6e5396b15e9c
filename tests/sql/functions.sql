-- The function registry holds pg_proc's functions only: CURRENT_ROLE, USER
-- and CURRENT_CATALOG are SQL value functions of the grammar, not callable
-- by name; the system views call their functions as PostgreSQL's
-- definitions do (pg_stat_get_activity(NULL) for every backend).
select current_role = current_user, user = current_user, session_user = current_user;
select current_catalog = current_database();
select "user"();
select "current_role"();
select pg_catalog.current_catalog();
select count(*) > 0 from pg_stat_get_activity(NULL);
select count(*) from pg_stat_get_activity(pg_backend_pid());
select * from pg_stat_get_activity();
select version() like 'PostgreSQL 15.%, 64-bit%';
-- Parameters with defaults (proargdefaults): the call may leave them out.
select pg_terminate_backend(-1);
select pg_terminate_backend(-1, 0);
select pg_terminate_backend(-1, -5);
select pg_terminate_backend();
select pg_terminate_backend(1, 2, 3);
