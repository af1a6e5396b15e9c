-- COMMIT / ROLLBACK AND CHAIN (the next transaction keeps the modes), BEGIN
-- inside a block, and two-phase commit with max_prepared_transactions = 0
-- (PostgreSQL's default).
begin;
begin isolation level serializable;
show transaction_isolation;
commit;
commit and chain;
rollback and chain;
begin isolation level repeatable read read only;
set work_mem = '3MB';
commit and chain;
show transaction_isolation;
show transaction_read_only;
show work_mem;
select 1 / 0;
commit and chain;
show transaction_isolation;
rollback and chain;
show transaction_isolation;
savepoint a;
commit and chain;
show transaction_isolation;
rollback;
show transaction_isolation;
reset work_mem;
-- Two-phase commit.
prepare transaction 'x';
begin;
prepare transaction 'x';
show transaction_isolation;
commit prepared 'x';
rollback prepared 'x';
begin;
commit prepared 'x';
rollback;
begin;
select 1 / 0;
prepare transaction 'x';
select 1;
