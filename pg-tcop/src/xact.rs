//! Transaction-block state (PostgreSQL's `access/transam/xact.c`, the
//! TBLOCK_* part). Until the storage issue there are no transaction ids or
//! snapshots: this tracks exactly what the protocol and the client see (the
//! ReadyForQuery status byte, the 25P02 aborted state, BEGIN/COMMIT
//! warnings) and scopes `SET LOCAL` and rollback of `SET`.

use pg_error::{PgError, PgResult, Severity, SqlState};
use pg_protocol::backend::TransactionStatus;

/// The transaction block state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockState {
    /// No transaction block: each statement is its own transaction.
    Default,
    /// Inside BEGIN ... COMMIT.
    InProgress,
    /// A statement in the block failed; only ROLLBACK (or COMMIT) ends it.
    Failed,
}

/// The backend's transaction state.
pub struct Transaction {
    /// Block state.
    pub block: BlockState,
    /// Whether a (single-statement or block) transaction is open now.
    pub open: bool,
}

impl Default for Transaction {
    fn default() -> Self {
        Transaction { block: BlockState::Default, open: false }
    }
}

impl Transaction {
    /// The ReadyForQuery status byte.
    pub fn status(&self) -> TransactionStatus {
        match self.block {
            BlockState::Default => TransactionStatus::Idle,
            BlockState::InProgress => TransactionStatus::InBlock,
            BlockState::Failed => TransactionStatus::Failed,
        }
    }

    /// StartTransactionCommand(): opens a transaction if none is open.
    pub fn start_command(&mut self) {
        if !self.open {
            self.open = true;
            let now = pg_proc::procarray::now_timestamptz();
            pg_types::set_transaction_timestamp(now);
            pg_proc::procarray::report_xact_start(now);
            pg_guc::at_transaction_start();
        }
        pg_types::set_statement_timestamp(pg_proc::procarray::now_timestamptz());
    }

    /// CommitTransactionCommand(): outside a block, the statement's
    /// transaction ends here.
    pub fn finish_command(&mut self) {
        if self.block == BlockState::Default && self.open {
            self.end(true);
        }
    }

    fn end(&mut self, commit: bool) {
        if commit {
            pg_guc::at_transaction_commit();
        } else {
            pg_guc::at_transaction_abort();
        }
        self.open = false;
        self.block = BlockState::Default;
        pg_proc::procarray::report_xact_start(0);
    }

    /// AbortCurrentTransaction(): after an error. Inside a block the block
    /// becomes Failed; otherwise the statement's transaction is rolled back.
    pub fn abort_on_error(&mut self) {
        match self.block {
            BlockState::Default => {
                if self.open {
                    self.end(false);
                }
            }
            BlockState::InProgress | BlockState::Failed => {
                // PostgreSQL keeps the block open (TBLOCK_ABORT) but undoes
                // the failed transaction's effects at once.
                self.block = BlockState::Failed;
            }
        }
    }

    /// BEGIN / START TRANSACTION. Returns a warning to send, if any.
    pub fn begin(&mut self) -> Option<PgError> {
        match self.block {
            BlockState::Default => {
                self.block = BlockState::InProgress;
                None
            }
            _ => Some(PgError::notice(
                Severity::Warning,
                SqlState::ACTIVE_SQL_TRANSACTION,
                "there is already a transaction in progress",
            )),
        }
    }

    /// COMMIT / END. Returns (command tag, warning).
    pub fn commit(&mut self) -> (&'static str, Option<PgError>) {
        match self.block {
            BlockState::Default => {
                self.end(true);
                ("COMMIT", Some(no_transaction_warning()))
            }
            BlockState::InProgress => {
                self.end(true);
                ("COMMIT", None)
            }
            BlockState::Failed => {
                // COMMIT of a failed block rolls it back, as PostgreSQL does.
                self.end(false);
                ("ROLLBACK", None)
            }
        }
    }

    /// ROLLBACK / ABORT. Returns the warning to send, if any.
    pub fn rollback(&mut self) -> Option<PgError> {
        let warn = (self.block == BlockState::Default).then(no_transaction_warning);
        self.end(false);
        warn
    }

    /// Refuses everything but transaction-ending commands in a failed block.
    pub fn check_not_failed(&self) -> PgResult<()> {
        if self.block == BlockState::Failed {
            return Err(PgError::new(
                SqlState::IN_FAILED_SQL_TRANSACTION,
                "current transaction is aborted, commands ignored until end of transaction block",
            ));
        }
        Ok(())
    }
}

fn no_transaction_warning() -> PgError {
    PgError::notice(Severity::Warning, SqlState::NO_ACTIVE_SQL_TRANSACTION, "there is no transaction in progress")
}
