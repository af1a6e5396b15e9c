//! The shared invalidation queue (PostgreSQL's `sinval.c` / `sinvaladt.c`):
//! how a committed transaction's cache invalidation messages reach every
//! other backend.
//!
//! One ring of [`SINVAL_QUEUE_SIZE`] message slots in shared memory and a
//! counter of messages ever written (`maxMsgNum`). Committing backends
//! append under `SInvalWriteLock`; readers take no lock: each backend keeps
//! its own next message number (process-local, starting at the counter's
//! value when it attached, since a new backend's caches are empty), and
//! each slot carries the number of the message in it, written last, so a
//! reader that finds another number there knows the writers lapped it.
//! A backend that fell more than a ring behind (it was idle while many
//! transactions committed) cannot know what it missed and resets all its
//! caches (PostgreSQL's `resetState`), which is always correct.
//!
//! Readers call [`accept_invalidation_messages`] at transaction start and
//! after each new relation lock (the lock manager's hook, see
//! [`crate::register_hooks`]).

#![allow(unsafe_code)]

use crate::inval::{apply, InvalMessage};
use crate::syscache::SysCacheId;
use pg_error::PgResult;
use pg_shmem::{LWLock, ShmemSafe};
use std::cell::Cell;
use std::sync::atomic::{AtomicPtr, AtomicU64, Ordering};

/// Slots in the ring (PostgreSQL's `MAXNUMMESSAGES`).
pub const SINVAL_QUEUE_SIZE: usize = 4096;

/// One slot: the number of the message in it (+1; 0 = never written) and
/// the message in two words.
#[repr(C)]
struct Slot {
    number: AtomicU64,
    word1: AtomicU64,
    word2: AtomicU64,
}

#[repr(C)]
struct SinvalShared {
    /// `SInvalWriteLock`.
    write_lock: LWLock,
    /// Messages ever written (`maxMsgNum`).
    max_msg_num: AtomicU64,
    slots: [Slot; SINVAL_QUEUE_SIZE],
}

// SAFETY: repr(C) of an LWLock and atomics; all zeros is an empty queue
// with an unlocked lock; no pointers.
unsafe impl ShmemSafe for Slot {}
// SAFETY: as above.
unsafe impl ShmemSafe for SinvalShared {}

static QUEUE: AtomicPtr<SinvalShared> = AtomicPtr::new(std::ptr::null_mut());

thread_local! {
    /// The number of the next message this backend reads (`nextMsgNum`).
    static NEXT: Cell<u64> = const { Cell::new(0) };
}

fn queue() -> Option<&'static SinvalShared> {
    let p = QUEUE.load(Ordering::Acquire);
    // SAFETY: a non-null pointer was stored by `shmem_init` from a
    // `&'static` reference into the shared segment, which stays mapped for
    // the life of this process (a crash restart re-runs the init in the
    // postmaster before forking new children).
    (!p.is_null()).then(|| unsafe { &*p })
}

/// Shared memory for the queue.
pub fn shmem_size() -> PgResult<usize> {
    pg_shmem::add_size(std::mem::size_of::<SinvalShared>(), 64)
}

/// Finds or creates the queue in the current segment.
pub fn shmem_init() -> PgResult<()> {
    let tranche = pg_shmem::lwlock_register_tranche("SInvalWrite");
    let (q, _) = pg_shmem::shmem_init_struct_typed::<SinvalShared>("shmInvalBuffer", |q| q.write_lock.init(tranche))?;
    QUEUE.store(q as *const _ as *mut _, Ordering::Release);
    NEXT.with(|n| n.set(q.max_msg_num.load(Ordering::Acquire)));
    Ok(())
}

/// Starts this backend reading at the queue's current end
/// (`SharedInvalBackendInit`): its caches are empty.
pub fn backend_init() {
    if let Some(q) = queue() {
        NEXT.with(|n| n.set(q.max_msg_num.load(Ordering::Acquire)));
    }
}

impl InvalMessage {
    /// The message as two words (for the queue and the commit record).
    pub fn encode(&self) -> [u64; 2] {
        match *self {
            InvalMessage::Catcache { id, hash, db } => [(id as u64) << 40 | u64::from(db), u64::from(hash)],
            InvalMessage::Relcache { relid, db } => [1 << 32 | u64::from(db), u64::from(relid)],
            InvalMessage::ResetAll => [2 << 32, 0],
        }
    }

    /// The message [`encode`](Self::encode) made, `None` for garbage.
    pub fn decode(w: [u64; 2]) -> Option<InvalMessage> {
        let db = w[0] as u32;
        match (w[0] >> 32) & 0xff {
            0 => {
                let id = SysCacheId::ALL.into_iter().find(|c| *c as u64 == w[0] >> 40)?;
                Some(InvalMessage::Catcache { id, hash: w[1] as u32, db })
            }
            1 => Some(InvalMessage::Relcache { relid: w[1] as u32, db }),
            2 => Some(InvalMessage::ResetAll),
            _ => None,
        }
    }
}

/// Appends `msgs` to the queue (`SendSharedInvalidMessages`), for every
/// other backend. Without shared memory (a lone process) there is nobody
/// to tell.
pub fn send_invalidation_messages(msgs: &[InvalMessage]) {
    let Some(q) = queue() else { return };
    if msgs.is_empty() {
        return;
    }
    let _guard = q.write_lock.acquire_exclusive();
    let mut n = q.max_msg_num.load(Ordering::Relaxed);
    for m in msgs {
        let slot = &q.slots[(n % SINVAL_QUEUE_SIZE as u64) as usize];
        // Readers check the number before and after reading the words.
        slot.number.store(0, Ordering::Release);
        let [a, b] = m.encode();
        slot.word1.store(a, Ordering::Release);
        slot.word2.store(b, Ordering::Release);
        slot.number.store(n + 1, Ordering::Release);
        n += 1;
    }
    q.max_msg_num.store(n, Ordering::Release);
    // Our own next message number moves past what we wrote: we applied
    // them already.
    NEXT.with(|next| {
        if next.get() + msgs.len() as u64 == n {
            next.set(n);
        }
    });
}

/// Reads and applies every message other backends sent since the last call
/// (`AcceptInvalidationMessages`); a backend that was lapped resets all
/// its caches instead.
pub fn accept_invalidation_messages() -> PgResult<()> {
    let Some(q) = queue() else { return Ok(()) };
    let max = q.max_msg_num.load(Ordering::Acquire);
    let mut next = NEXT.with(Cell::get);
    while next < max {
        if max - next > SINVAL_QUEUE_SIZE as u64 {
            apply(&InvalMessage::ResetAll);
            next = max;
            break;
        }
        let slot = &q.slots[(next % SINVAL_QUEUE_SIZE as u64) as usize];
        let before = slot.number.load(Ordering::Acquire);
        let words = [slot.word1.load(Ordering::Acquire), slot.word2.load(Ordering::Acquire)];
        let after = slot.number.load(Ordering::Acquire);
        if before != next + 1 || after != next + 1 {
            // Overwritten while we looked: we were lapped.
            apply(&InvalMessage::ResetAll);
            next = q.max_msg_num.load(Ordering::Acquire);
            break;
        }
        if let Some(m) = InvalMessage::decode(words) {
            apply(&m);
        }
        next += 1;
    }
    NEXT.with(|n| n.set(next));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_round_trip_through_their_encoding() {
        for m in [
            InvalMessage::Catcache { id: SysCacheId::AttName, hash: 0xdead_beef, db: 5 },
            InvalMessage::Catcache { id: SysCacheId::AuthOid, hash: 1, db: 0 },
            InvalMessage::Relcache { relid: 16384, db: 5 },
            InvalMessage::Relcache { relid: 0, db: 0 },
            InvalMessage::ResetAll,
        ] {
            assert_eq!(InvalMessage::decode(m.encode()), Some(m));
        }
        assert_eq!(InvalMessage::decode([7 << 32, 0]), None);
    }
}
