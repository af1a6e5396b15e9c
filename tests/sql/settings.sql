-- SHOW, SET and RESET of settings.
show work_mem;
set work_mem = '64MB';
show work_mem;
set work_mem to 1024;
show work_mem;
reset work_mem;
show work_mem;
show DateStyle;
show server_version_num;
show integer_datetimes;
show max_connections;
set max_connections = 5;
set nosuch = 1;
set work_mem = 'lots';
set extra_float_digits = 5;
set application_name = 'golden';
show application_name;
set myapp.custom = 'x';
show myapp.custom;
show nosuch;
set search_path = public, pg_catalog;
show search_path;
reset all;
show search_path;
show application_name;
-- Settings this server accepts whether or not they have an effect yet.
show enable_seqscan;
set enable_seqscan = off;
show enable_seqscan;
set random_page_cost = 1.1;
show random_page_cost;
set vacuum_cost_delay = '1500us';
show vacuum_cost_delay;
set effective_cache_size = '1GB';
show effective_cache_size;
set log_min_duration_statement = '2s';
show log_min_duration_statement;
set bytea_output = escape;
show bytea_output;
set synchronous_commit = yes;
show synchronous_commit;
set constraint_exclusion = 1;
show constraint_exclusion;
set wal_compression = on;
show wal_compression;
set client_min_messages = info;
show client_min_messages;
set geqo_threshold = 1;
set cpu_tuple_cost = -1;
set jit = maybe;
set xmloption = nonsense;
set default_with_oids = true;
set default_with_oids = false;
show seed;
reset all;
show enable_seqscan;
show synchronous_commit;
show archive_command;
-- Contexts: internal, postmaster, sighup, superuser-backend, backend.
set data_checksums = on;
set lc_collate = 'C';
set server_version = '16';
set shared_buffers = '1GB';
set wal_level = minimal;
set archive_command = 'cp %p /nowhere';
set trace_recovery_messages = log;
set log_connections = on;
set log_disconnections = off;
set ignore_system_indexes = on;
set post_auth_delay = 1;
begin;
set local max_connections = 5;
rollback;
-- Several values: only list settings take them; names are quoted as identifiers.
set work_mem = 1, 2;
set search_path = 'A', b, "C d", 3, 'data', 'select', 'x"y', 1.5;
show search_path;
set search_path = '';
show search_path;
set datestyle = iso, 'dmy';
show datestyle;
set ssl_renegotiation_limit = 1;
-- Session defaults of transaction modes.
set session characteristics as transaction repeatable read, deferrable;
show default_transaction_isolation;
show default_transaction_deferrable;
show transaction_isolation;
reset all;
-- The functions behind SET and SHOW.
select current_setting('work_mem'), current_setting('nosuch', true);
select current_setting('nosuch');
select set_config('work_mem', '3MB', false);
show work_mem;
begin;
select set_config('work_mem', '5MB', true);
show work_mem;
commit;
show work_mem;
select set_config('max_connections', '5', false);
reset work_mem;
-- Values checked as PostgreSQL checks them.
set default_text_search_config = 'ENGLISH';
show default_text_search_config;
set default_text_search_config = 'public.english';
set default_tablespace = pg_global;
set default_tablespace = 'PG_global';
set temp_tablespaces = pg_default, pg_global;
show temp_tablespaces;
set temp_tablespaces = nowhere;
set default_table_access_method = '';
set default_table_access_method = btree2;
set wal_consistency_checking = 'heap, ALL';
set wal_consistency_checking = xlog;
set restrict_nonsystem_relation_kind = 'VIEW, foreign-table';
set restrict_nonsystem_relation_kind = tables;
set backtrace_functions = 'a-b';
set time zone 1.5;
show timezone;
set timezone = -3.75;
show timezone;
set timezone = 168;
set timezone = 'europe/paris';
show timezone;
reset transaction_isolation;
reset all;
-- Transaction modes: BEGIN, SET TRANSACTION, and when they may change.
begin isolation level serializable, read only;
show transaction_isolation;
show transaction_read_only;
commit;
start transaction isolation level repeatable read;
show transaction_isolation;
commit;
set transaction isolation level serializable;
begin;
set transaction isolation level repeatable read;
show transaction_isolation;
select 1;
set transaction isolation level serializable;
rollback;
begin;
set transaction read only;
show transaction_read_only;
set transaction_isolation = 'serializable';
show transaction_isolation;
commit;
begin transaction read only;
set transaction read write;
show transaction_read_only;
select 1;
set transaction read only;
set transaction read write;
savepoint a;
set transaction isolation level read committed;
set transaction isolation level serializable;
set transaction deferrable;
rollback;
begin;
savepoint a;
set transaction read only;
set transaction read write;
rollback;
set session characteristics as transaction isolation level repeatable read;
begin;
show transaction_isolation;
set transaction isolation level serializable;
show transaction_isolation;
savepoint s;
set transaction_isolation = 'serializable';
rollback to s;
show transaction_isolation;
commit;
show transaction_isolation;
reset all;
set transaction isolation level serializable;
-- SET ... FROM CURRENT.
set work_mem = '2MB';
set work_mem from current;
select setting, source from pg_settings where name = 'work_mem';
set max_connections from current;
set nosuch from current;
reset work_mem;
-- application_name keeps printable ASCII only.
set application_name = 'café';
show application_name;
reset application_name;
-- The flags PostgreSQL exposes.
select pg_settings_get_flags(NULL);
select pg_settings_get_flags('does_not_exist');
select pg_settings_get_flags('enable_material');
select pg_settings_get_flags('is_superuser');
select pg_settings_get_flags('data_checksums');
-- A user who is not a superuser.
create role regress_guc_user login;
\c - regress_guc_user
set log_min_messages = debug1;
set lc_messages = 'C';
set session_replication_role = replica;
show data_directory;
show work_mem;
select count(*) from pg_settings where name in ('data_directory', 'work_mem', 'unix_socket_directories');
\c - postgres
drop role regress_guc_user;
-- Every setting whose default does not depend on the environment
-- (paths, port, locale, time zone, memory sizing, and the TCP settings, which
-- show the client socket's options), as pg_settings shows it.
select name, setting, unit, category, context, vartype, source, min_val, max_val, enumvals, boot_val, reset_val,
       pending_restart
  from pg_settings
 where name not in ('config_file', 'data_directory', 'hba_file', 'ident_file', 'port', 'unix_socket_directories',
                    'listen_addresses', 'TimeZone', 'log_timezone', 'server_version', 'shared_memory_size',
                    'shared_memory_size_in_huge_pages', 'application_name', 'tcp_keepalives_idle',
                    'tcp_keepalives_interval', 'tcp_keepalives_count', 'tcp_user_timeout')
 order by name;
select count(*) from pg_settings;
