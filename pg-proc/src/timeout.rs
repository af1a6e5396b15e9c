//! Several timeouts multiplexed on one interval timer (PostgreSQL's
//! `utils/misc/timeout.c`).
//!
//! A backend has four timeouts: `statement_timeout`, the two idle-session
//! timeouts and the client-connection check. Each is either inactive or
//! due at a finish time; one `ITIMER_REAL` makes SIGALRM arrive no later
//! than the earliest finish time of the active ones.
//!
//! As in PostgreSQL, the timer is only moved when a timeout is due before
//! the signal already scheduled: a signal that comes early finds nothing
//! due and re-arms the timer, and a disabled timeout leaves its signal to
//! come. So a statement that enables and disables `statement_timeout` with
//! the timer already set makes no system call at all: strace counted one
//! setitimer for 1,000 `select 1` with all three statement and idle timers
//! set, where re-arming at each change made about two per statement.
//!
//! The SIGALRM handler ([`crate::interrupts`]) only sets [`ALARM_PENDING`]
//! and the process latch. The next `check_for_interrupts` (the main loop's
//! read wakes for the latch, so does `pg_sleep`) calls `handle_alarm`,
//! which marks every timeout that is due as fired, sets the interrupt flag
//! that stands for it, and re-arms the timer for the next one. So the table
//! is only ever touched outside signal context and needs no locking.
//!
//! Differences from PostgreSQL: PostgreSQL runs the timeouts' handlers in
//! the signal handler itself and blocks the alarm while it edits its list;
//! here the handler is deferred to the interrupt check, which every wait
//! already reaches. `lock_timeout` and `deadlock_timeout` are not entries
//! here: the lock manager's wait loop ([`crate::lock`]) sleeps on its latch
//! until the earlier of the two deadlines, which needs no signal.

use std::cell::Cell;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

/// SIGALRM arrived: some timeout may be due (`handle_alarm` decides).
pub static ALARM_PENDING: AtomicBool = AtomicBool::new(false);

/// The timeouts a backend uses (PostgreSQL's `TimeoutId`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeoutId {
    /// `statement_timeout`: cancels the running statement (57014).
    StatementTimeout,
    /// `idle_in_transaction_session_timeout`: ends the session (25P03).
    IdleInTransactionSessionTimeout,
    /// `idle_session_timeout`: ends the session (57P05).
    IdleSessionTimeout,
    /// `client_connection_check_interval`: looks whether the client hung up.
    ClientConnectionCheckTimeout,
}

const TIMEOUT_COUNT: usize = 4;

impl TimeoutId {
    fn index(self) -> usize {
        self as usize
    }

    const ALL: [TimeoutId; TIMEOUT_COUNT] = [
        TimeoutId::StatementTimeout,
        TimeoutId::IdleInTransactionSessionTimeout,
        TimeoutId::IdleSessionTimeout,
        TimeoutId::ClientConnectionCheckTimeout,
    ];
}

thread_local! {
    /// Each active timeout's finish time (None when inactive).
    static FINISH_TIMES: [Cell<Option<Instant>>; TIMEOUT_COUNT] = const { [const { Cell::new(None) }; TIMEOUT_COUNT] };
    /// Each timeout's indicator: set when it fired, until read or disabled.
    static INDICATORS: [Cell<bool>; TIMEOUT_COUNT] = const { [const { Cell::new(false) }; TIMEOUT_COUNT] };
    /// When the SIGALRM that is on its way is due (None: no signal is
    /// expected).
    static TIMER_DUE: Cell<Option<Instant>> = const { Cell::new(None) };
}

/// `enable_timeout_after`: `id` becomes due `ms` milliseconds from now (an
/// active one is moved); its indicator is cleared.
pub fn enable_timeout_after(id: TimeoutId, ms: u64) {
    let now = Instant::now();
    FINISH_TIMES.with(|f| f[id.index()].set(Some(now + Duration::from_millis(ms))));
    INDICATORS.with(|i| i[id.index()].set(false));
    schedule_alarm(now);
}

/// `disable_timeout`: `id` stops; its indicator is cleared unless
/// `keep_indicator`. No system call: the signal already on its way comes
/// and finds nothing due, and any other active timeout is due no earlier.
pub fn disable_timeout(id: TimeoutId, keep_indicator: bool) {
    FINISH_TIMES.with(|f| f[id.index()].set(None));
    if !keep_indicator {
        INDICATORS.with(|i| i[id.index()].set(false));
    }
}

/// `disable_all_timeouts`: every timeout stops (error recovery does this,
/// as PostgreSQL's does, so a cancel that comes later is never taken for a
/// timeout that was forgotten).
pub fn disable_all_timeouts(keep_indicators: bool) {
    for id in TimeoutId::ALL {
        disable_timeout(id, keep_indicators);
    }
}

/// `get_timeout_active`: whether `id` is armed and has not fired.
pub fn get_timeout_active(id: TimeoutId) -> bool {
    FINISH_TIMES.with(|f| f[id.index()].get()).is_some()
}

/// `get_timeout_indicator`: whether `id` fired; `reset` clears the mark.
pub fn get_timeout_indicator(id: TimeoutId, reset: bool) -> bool {
    INDICATORS.with(|i| if reset { i[id.index()].replace(false) } else { i[id.index()].get() })
}

/// SIGALRM's deferred handler: marks every timeout due by now as fired and
/// returns them, then sets the timer for the next one. Called by
/// `check_for_interrupts` after [`ALARM_PENDING`] was seen.
pub(crate) fn handle_alarm() -> Vec<TimeoutId> {
    handle_alarm_at(Instant::now())
}

/// [`handle_alarm`] as of `now`.
fn handle_alarm_at(now: Instant) -> Vec<TimeoutId> {
    // The timer that woke us is spent.
    TIMER_DUE.with(|t| t.set(None));
    let mut fired = Vec::new();
    FINISH_TIMES.with(|f| {
        for id in TimeoutId::ALL {
            let slot = &f[id.index()];
            if slot.get().is_some_and(|due| due <= now) {
                slot.set(None);
                INDICATORS.with(|i| i[id.index()].set(true));
                fired.push(id);
            }
        }
    });
    schedule_alarm(now);
    fired
}

/// Makes sure a SIGALRM comes by the earliest active finish time: the
/// interval timer is set only when no signal is expected by then. A signal
/// expected more than 10 ms ago is taken as lost and replaced (PostgreSQL
/// guards against a kernel that drops one the same way).
fn schedule_alarm(now: Instant) {
    let Some(earliest) = FINISH_TIMES.with(|f| f.iter().filter_map(Cell::get).min()) else { return };
    let expected = TIMER_DUE.with(Cell::get).filter(|due| now <= *due + Duration::from_millis(10));
    if expected.is_some_and(|due| due <= earliest) {
        return;
    }
    TIMER_DUE.with(|t| t.set(Some(earliest)));
    // A finish time already passed still needs a signal: fire in 1 µs.
    set_itimer(earliest.saturating_duration_since(now).max(Duration::from_micros(1)));
}

/// `InitializeTimeouts`: no timeout active and no signal expected (a forked
/// process inherits its parent's table but not its interval timer).
pub fn initialize_timeouts() {
    FINISH_TIMES.with(|f| f.iter().for_each(|t| t.set(None)));
    INDICATORS.with(|i| i.iter().for_each(|t| t.set(false)));
    TIMER_DUE.with(|t| t.set(None));
    ALARM_PENDING.store(false, std::sync::atomic::Ordering::SeqCst);
}

/// setitimer(ITIMER_REAL): one shot after `delay`; zero turns it off.
fn set_itimer(delay: Duration) {
    let value = libc::timeval {
        tv_sec: delay.as_secs().min(i32::MAX as u64) as libc::time_t,
        tv_usec: delay.subsec_micros() as libc::suseconds_t,
    };
    let timer = libc::itimerval { it_interval: libc::timeval { tv_sec: 0, tv_usec: 0 }, it_value: value };
    // SAFETY: setitimer with a valid itimerval; the old value is not wanted.
    unsafe { libc::setitimer(libc::ITIMER_REAL, &timer, std::ptr::null_mut()) };
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Several timeouts share the one timer: each fires at its own time,
    /// indicators say which fired, and a disabled one never fires.
    #[test]
    fn timeouts_are_multiplexed() {
        // The timeouts are long and their alarms are simulated through
        // handle_alarm_at, so no SIGALRM reaches the other tests' threads;
        // the handler is there only so that a stray one cannot end the
        // test process.
        crate::interrupts::install_alarm_handler();
        let start = Instant::now();
        enable_timeout_after(TimeoutId::StatementTimeout, 100_000);
        enable_timeout_after(TimeoutId::IdleSessionTimeout, 200_000);
        enable_timeout_after(TimeoutId::ClientConnectionCheckTimeout, 50_000);
        disable_timeout(TimeoutId::ClientConnectionCheckTimeout, false);
        assert!(get_timeout_active(TimeoutId::StatementTimeout));
        assert!(!get_timeout_active(TimeoutId::ClientConnectionCheckTimeout));
        // The signal set for the disabled check still comes and finds
        // nothing due; the timer is then set for the statement timeout.
        assert!(TIMER_DUE.with(Cell::get).is_some_and(|due| due < start + Duration::from_secs(100)));
        assert!(handle_alarm_at(start + Duration::from_secs(60)).is_empty());
        let statement_due = TIMER_DUE.with(Cell::get).expect("timer set");
        assert!(statement_due >= start + Duration::from_secs(100));
        assert_eq!(handle_alarm_at(start + Duration::from_secs(150)), vec![TimeoutId::StatementTimeout]);
        assert!(!get_timeout_active(TimeoutId::StatementTimeout));
        assert!(get_timeout_indicator(TimeoutId::StatementTimeout, true));
        assert!(!get_timeout_indicator(TimeoutId::StatementTimeout, false));
        // Now the idle timeout is the one the timer waits for.
        assert!(TIMER_DUE.with(Cell::get).is_some_and(|due| due > statement_due));
        // A timeout due later than the expected signal does not move it;
        // one due earlier does.
        enable_timeout_after(TimeoutId::StatementTimeout, 300_000);
        assert!(TIMER_DUE.with(Cell::get).is_some_and(|due| due < start + Duration::from_secs(300)));
        enable_timeout_after(TimeoutId::ClientConnectionCheckTimeout, 10_000);
        assert!(TIMER_DUE.with(Cell::get).is_some_and(|due| due < start + Duration::from_secs(100)));
        // Disabling leaves the signal to come (it finds nothing due).
        disable_all_timeouts(false);
        assert!(!get_timeout_active(TimeoutId::IdleSessionTimeout));
        assert!(TIMER_DUE.with(Cell::get).is_some());
        assert!(handle_alarm_at(start + Duration::from_secs(11)).is_empty());
        assert!(TIMER_DUE.with(Cell::get).is_none());
        set_itimer(Duration::ZERO);
    }
}
