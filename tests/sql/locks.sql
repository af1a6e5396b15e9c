-- LOCK TABLE, pg_locks and advisory locks, as one session sees them.
LOCK TABLE pg_locks;
begin;
lock table pg_locks in access share mode;
lock pg_locks in row share mode nowait;
lock table only pg_locks, pg_cursors in share update exclusive mode;
select locktype, relation::regclass, mode, granted, fastpath
  from pg_locks
 where pid = pg_backend_pid() and relation in ('pg_locks'::regclass, 'pg_cursors'::regclass)
 order by relation::regclass::text, mode;
select count(*) from pg_locks where pid = pg_backend_pid() and locktype = 'virtualxid' and granted and fastpath;
rollback;
select count(*) from pg_locks where pid = pg_backend_pid() and locktype = 'relation' and relation = 'pg_cursors'::regclass;
begin;
lock table pg_locks in access exclusive mode;
lock table pg_locks in access share mode;
select mode, granted, fastpath from pg_locks where pid = pg_backend_pid() and relation = 'pg_locks'::regclass order by mode;
commit;
begin;
lock table nosuch;
rollback;
begin;
lock table pg_catalog.nosuch;
rollback;
begin;
lock table nosuch_schema.t;
rollback;
begin;
lock a.b.c;
rollback;
-- Advisory locks: session level survives the transaction, xact level does not.
select pg_advisory_lock(42), pg_try_advisory_lock(1, 2), pg_advisory_lock_shared(7), pg_advisory_lock(42);
select locktype, classid, objid, objsubid, mode, granted, fastpath
  from pg_locks where locktype = 'advisory' and pid = pg_backend_pid() order by objid, mode;
select pg_advisory_unlock(42), pg_advisory_unlock(42), pg_advisory_unlock_shared(7);
select pg_advisory_unlock(42);
select pg_advisory_unlock_shared(1, 2);
select pg_advisory_unlock_all();
select count(*) from pg_locks where locktype = 'advisory' and pid = pg_backend_pid();
begin;
select pg_advisory_xact_lock(5), pg_try_advisory_xact_lock_shared(6, 7), pg_advisory_lock(-1);
select classid, objid, objsubid, mode from pg_locks
 where locktype = 'advisory' and pid = pg_backend_pid() order by objid;
rollback;
select classid, objid, objsubid, mode from pg_locks where locktype = 'advisory' and pid = pg_backend_pid();
select pg_advisory_unlock(-1);
select pg_blocking_pids(pg_backend_pid());
-- A table: LOCK takes the mode asked for, weak ones through the fast path.
create table lock_t (a int);
begin;
lock table lock_t in row exclusive mode;
lock table lock_t in share update exclusive mode nowait;
select locktype, relation::regclass, mode, granted, fastpath from pg_locks
 where relation = 'lock_t'::regclass order by mode;
commit;
begin;
lock lock_t, lock_t in exclusive mode;
select relation::regclass, mode, granted, fastpath from pg_locks where relation = 'lock_t'::regclass order by mode;
rollback;
drop table lock_t;
