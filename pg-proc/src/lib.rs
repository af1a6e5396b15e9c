//! pg-proc: per-process and cross-process bookkeeping of server processes.
//!
//! PostgreSQL source areas: `storage/lmgr/proc.c` and `storage/ipc/procarray.c`
//! (the PGPROC array), `utils/activity/backend_status.c` (what
//! `pg_stat_activity` shows), `storage/ipc/procsignal.c`, `pmsignal.c` and `latch.c`,
//! `tcop/postgres.c`'s interrupt handling, `utils/misc/timeout.c`
//! ([`timeout`]: several timeouts on one timer), `utils/misc/ps_status.c`, and
//! `utils/resowner/resowner.c` ([`resowner`]: the resource owner tree that
//! transactions, subtransactions and portals release at commit and abort;
//! here because every layer that acquires resources, storage included, sits
//! above it), and the lock manager: `storage/lmgr/lock.c`, `proc.c`'s lock
//! waits, `deadlock.c` and `lmgr.c` ([`lock`]), shared latches ([`latch`])
//! and lock-only multixacts (`access/transam/multixact.c`, [`multixact`]).
//! The README's "Heavyweight locks" section says what the next session must
//! know about them.
//!
//! Dependencies: pg-error, pg-guc (the timeouts' settings), pg-shmem (the
//! segment, spinlocks), pg-mcxt (memory contexts as owned resources), libc.
//!
//! Invariants:
//! - everything this crate puts in shared memory is `#[repr(C)]` atomics and
//!   fixed arrays of atomics: a reader racing a writer sees a retry, never UB;
//! - signal handlers only set flags and write to the latch pipe; all work
//!   happens at `check_for_interrupts()`;
//! - a slot is claimed and released under the proc array's spinlock, and only
//!   its owning process writes its status fields.

pub mod interrupts;
pub mod latch;
pub mod lock;
pub mod mcxt_report;
pub mod multixact;
pub mod pmsignal;
pub mod procarray;
pub mod ps_status;
pub mod resowner;
pub mod snapshot;
pub mod timeout;
pub mod xid;

/// Tests that make a shared segment take this first: the current segment
/// is process-wide and the test harness runs tests on several threads.
#[cfg(test)]
pub(crate) static SHMEM_TEST_LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
