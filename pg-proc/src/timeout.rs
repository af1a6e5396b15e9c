//! Several timeouts multiplexed on one interval timer (PostgreSQL's
//! `utils/misc/timeout.c`).
//!
//! A backend has four timeouts: `statement_timeout`, the two idle-session
//! timeouts and the client-connection check. Each is either inactive or
//! due at a finish time; one `ITIMER_REAL` is always set for the earliest
//! finish time of the active ones, so SIGALRM arrives when the first is due.
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
//! already reaches. `lock_timeout` has no timeout here, because the server
//! has no lock waits for it to bound yet.

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
    /// The time the interval timer is set for (None when it is off).
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
/// `keep_indicator`. Costs no system call when no timer must move.
pub fn disable_timeout(id: TimeoutId, keep_indicator: bool) {
    let was_active = FINISH_TIMES.with(|f| f[id.index()].take()).is_some();
    if !keep_indicator {
        INDICATORS.with(|i| i[id.index()].set(false));
    }
    if was_active {
        schedule_alarm(Instant::now());
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
    let now = Instant::now();
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

/// Sets the interval timer for the earliest active finish time, or turns
/// it off when none is active. The timer is left alone when it is already
/// set for that time.
fn schedule_alarm(now: Instant) {
    let earliest = FINISH_TIMES.with(|f| f.iter().filter_map(Cell::get).min());
    if earliest == TIMER_DUE.with(Cell::get) {
        return;
    }
    TIMER_DUE.with(|t| t.set(earliest));
    // A finish time already passed still needs a signal: fire in 1 µs.
    let delay = earliest.map(|due| due.saturating_duration_since(now).max(Duration::from_micros(1)));
    set_itimer(delay.unwrap_or(Duration::ZERO));
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
        // SIGALRM's default action would end the test process: take the
        // backend's handler, and poll the alarms through handle_alarm.
        crate::interrupts::install_alarm_handler();
        enable_timeout_after(TimeoutId::StatementTimeout, 20);
        enable_timeout_after(TimeoutId::IdleSessionTimeout, 60_000);
        enable_timeout_after(TimeoutId::ClientConnectionCheckTimeout, 1);
        disable_timeout(TimeoutId::ClientConnectionCheckTimeout, false);
        assert!(get_timeout_active(TimeoutId::StatementTimeout));
        assert!(!get_timeout_active(TimeoutId::ClientConnectionCheckTimeout));
        assert!(handle_alarm().is_empty());
        std::thread::sleep(Duration::from_millis(40));
        assert_eq!(handle_alarm(), vec![TimeoutId::StatementTimeout]);
        assert!(!get_timeout_active(TimeoutId::StatementTimeout));
        assert!(get_timeout_indicator(TimeoutId::StatementTimeout, true));
        assert!(!get_timeout_indicator(TimeoutId::StatementTimeout, false));
        // The idle timer is the one still scheduled.
        assert!(TIMER_DUE.with(Cell::get).is_some());
        disable_all_timeouts(false);
        assert!(TIMER_DUE.with(Cell::get).is_none());
        assert!(!get_timeout_active(TimeoutId::IdleSessionTimeout));
    }
}
