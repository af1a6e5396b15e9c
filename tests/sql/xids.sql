-- Transaction ids and snapshots (xid8funcs.c): values that do not depend on
-- how many transactions ran before.
SELECT txid_current_if_assigned() IS NULL AS no_xid_outside, pg_current_xact_id_if_assigned() IS NULL;
BEGIN;
SELECT txid_current_if_assigned() IS NULL AS read_only_so_far;
SELECT txid_current() = txid_current() AS stable, pg_current_xact_id() = txid_current()::text::xid8 AS same_id;
SELECT txid_current_if_assigned() = txid_current() AS assigned_now;
SELECT pg_xact_status(pg_current_xact_id()) AS own_status;
SAVEPOINT s1;
SELECT txid_current() = txid_current_if_assigned() AS still_the_top_id;
ROLLBACK TO s1;
SELECT pg_xact_status(pg_current_xact_id());
COMMIT;
SELECT pg_xact_status(pg_current_xact_id_if_assigned());
-- An id's fate after commit and rollback.
BEGIN;
SELECT pg_current_xact_id() AS xid \gset
ROLLBACK;
SELECT pg_xact_status(:'xid'::xid8) AS after_rollback;
BEGIN;
SELECT pg_current_xact_id() AS xid \gset
COMMIT;
SELECT pg_xact_status(:'xid'::xid8) AS after_commit, txid_status(:'xid'::text::bigint);
SELECT pg_xact_status('0'::xid8), pg_xact_status('1'::xid8), pg_xact_status('2'::xid8);
SELECT pg_xact_status('18446744073709551615'::xid8);
SELECT txid_status(-1);
-- The snapshot of a statement lists neither the own transaction nor ids
-- that started after it.
BEGIN;
SELECT pg_visible_in_snapshot(pg_current_xact_id(), pg_current_snapshot()) AS own_id_visible,
       pg_snapshot_xmax(pg_current_snapshot()) >= pg_snapshot_xmin(pg_current_snapshot()) AS ordered;
COMMIT;
-- pg_snapshot and txid_snapshot input, output and accessors.
SELECT '10:20:10,12'::pg_snapshot, '10:20:'::pg_snapshot, '10:20:12,12,15'::pg_snapshot, ' 10:20:'::txid_snapshot;
SELECT '10:20:21'::pg_snapshot;
SELECT '0:20:'::pg_snapshot;
SELECT '10:20:15,12'::pg_snapshot;
SELECT '20:10:'::pg_snapshot;
SELECT '10:20:11;'::txid_snapshot;
SELECT pg_snapshot_xip('10:20:11,13');
SELECT txid_snapshot_xip('10:20:11,13');
SELECT pg_snapshot_xmin('10:20:11,13'), pg_snapshot_xmax('10:20:11,13'), txid_snapshot_xmin('10:20:11,13'), txid_snapshot_xmax('10:20:11,13');
SELECT pg_visible_in_snapshot('9', '10:20:11,13'), pg_visible_in_snapshot('11', '10:20:11,13'),
       pg_visible_in_snapshot('12', '10:20:11,13'), pg_visible_in_snapshot('20', '10:20:11,13');
SELECT txid_visible_in_snapshot(12, '10:20:11,13'), txid_visible_in_snapshot(13, '10:20:11,13');
-- Isolation levels: the transaction's modes are fixed by its first query.
BEGIN ISOLATION LEVEL REPEATABLE READ;
SHOW transaction_isolation;
SELECT 1;
SET TRANSACTION ISOLATION LEVEL READ COMMITTED;
ROLLBACK;
BEGIN;
SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;
SHOW transaction_isolation;
SAVEPOINT a;
SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;
ROLLBACK;
SET default_transaction_isolation = 'repeatable read';
BEGIN;
SHOW transaction_isolation;
COMMIT;
RESET default_transaction_isolation;
-- Importing a snapshot: PostgreSQL's checks; none is ever exported here.
SET TRANSACTION SNAPSHOT '00000003-00000002-1';
BEGIN;
SET TRANSACTION SNAPSHOT '00000003-00000002-1';
ROLLBACK;
BEGIN ISOLATION LEVEL REPEATABLE READ;
SET TRANSACTION SNAPSHOT 'not-an-id';
ROLLBACK;
BEGIN ISOLATION LEVEL REPEATABLE READ;
SET TRANSACTION SNAPSHOT '00000003-0000000A-1';
ROLLBACK;
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT 1;
SET TRANSACTION SNAPSHOT '00000003-0000000A-1';
ROLLBACK;
