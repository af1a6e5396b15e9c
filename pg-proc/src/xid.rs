//! Transaction and command identifiers (PostgreSQL's `transam.h`), shared by
//! the proc array, the commit log and the heap.
//!
//! Transaction ids are 64-bit (PostgreSQL's `FullTransactionId` everywhere):
//! they are never reused and never wrap, so there is no freezing and no
//! wraparound horizon. The reserved values keep PostgreSQL's meaning.

/// A transaction id: 64 bits, never wraps.
pub type TransactionId = u64;

/// No transaction (`InvalidTransactionId`).
pub const INVALID_TRANSACTION_ID: TransactionId = 0;
/// The bootstrap transaction that wrote initdb's catalog rows: always
/// committed (`BootstrapTransactionId`).
pub const BOOTSTRAP_TRANSACTION_ID: TransactionId = 1;
/// Always committed and older than every snapshot (`FrozenTransactionId`).
pub const FROZEN_TRANSACTION_ID: TransactionId = 2;
/// The first id handed to a real transaction (`FirstNormalTransactionId`).
pub const FIRST_NORMAL_TRANSACTION_ID: TransactionId = 3;

/// Whether `xid` is a real transaction's id, not a reserved value
/// (`TransactionIdIsNormal`).
pub fn transaction_id_is_normal(xid: TransactionId) -> bool {
    xid >= FIRST_NORMAL_TRANSACTION_ID
}

/// A command within a transaction (`CommandId`).
pub type CommandId = u32;

/// The first command of a transaction (`FirstCommandId`).
pub const FIRST_COMMAND_ID: CommandId = 0;
/// No command (`InvalidCommandId`).
pub const INVALID_COMMAND_ID: CommandId = u32::MAX;
