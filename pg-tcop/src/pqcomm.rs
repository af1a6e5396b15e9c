//! The client socket (PostgreSQL's `libpq/pqcomm.c`): buffered, latch-aware
//! reads and blocking writes on a non-blocking socket.
//!
//! Reads wait with `wait_latch` on the socket, so a backend idle on its
//! socket still wakes for a cancel, a terminate, a timeout, a procsignal
//! (memory context report) or the postmaster's death. Writes are buffered
//! and flushed before every wait for input; a write that the client does
//! not take waits for room, giving up only for a terminate or the
//! postmaster's death. Both waits show in `pg_stat_activity` as PostgreSQL's
//! do: wait event type Client, `ClientRead` or `ClientWrite`.

use pg_error::{PgError, PgResult, SqlState};
use pg_proc::interrupts::{self, SocketWait};
use pg_proc::procarray::{self, WaitEvent};
use std::os::fd::{AsRawFd, OwnedFd, RawFd};
use std::time::{Duration, Instant};

/// What a read attempt produced besides data.
#[derive(Debug, PartialEq, Eq)]
pub enum ReadOutcome {
    /// Bytes were appended to the input buffer.
    Data,
    /// The client closed the connection.
    Eof,
    /// The deadline passed (authentication timeout).
    Timeout,
    /// An interrupt is pending: the caller must run `check_for_interrupts`.
    Interrupted,
}

/// Capacity the input and output buffers start with and shrink back to
/// (PostgreSQL's `PQ_RECV_BUFFER_SIZE` and `PQ_SEND_BUFFER_SIZE`).
pub const PQ_BUFFER_SIZE: usize = 8192;

/// A buffer whose capacity exceeds this after a message is cut back to
/// [`PQ_BUFFER_SIZE`], so that one large message or result row does not
/// keep its memory for the rest of the session.
const PQ_BUFFER_SHRINK_ABOVE: usize = 64 * 1024;

/// The connection to the client: socket plus input and output buffers.
pub struct Port {
    fd: OwnedFd,
    /// Bytes read from the socket and not consumed yet.
    pub inbuf: Vec<u8>,
    /// Bytes waiting to be written.
    pub outbuf: Vec<u8>,
    /// Set once a write failed: the client is gone, further output is dropped.
    pub broken: bool,
}

impl Port {
    /// Wraps an accepted socket and makes it non-blocking.
    pub fn new(fd: OwnedFd) -> Port {
        // SAFETY: fcntl on a descriptor we own.
        unsafe {
            let flags = libc::fcntl(fd.as_raw_fd(), libc::F_GETFL);
            libc::fcntl(fd.as_raw_fd(), libc::F_SETFL, flags | libc::O_NONBLOCK);
            let one: libc::c_int = 1;
            // TCP_NODELAY, as PostgreSQL sets it; harmless failure on Unix sockets.
            libc::setsockopt(
                fd.as_raw_fd(),
                libc::IPPROTO_TCP,
                libc::TCP_NODELAY,
                &one as *const _ as *const libc::c_void,
                std::mem::size_of::<libc::c_int>() as libc::socklen_t,
            );
        }
        Port {
            fd,
            inbuf: Vec::with_capacity(PQ_BUFFER_SIZE),
            outbuf: Vec::with_capacity(PQ_BUFFER_SIZE),
            broken: false,
        }
    }

    /// Drops the first `used` bytes of the input buffer (a message that has
    /// been copied out). A buffer that grew for a large message gives its
    /// memory back at once, as PostgreSQL reads such a message into
    /// MessageContext rather than keeping it in `PqRecvBuffer`.
    pub fn consume_input(&mut self, used: usize) {
        self.inbuf.drain(..used);
        if self.inbuf.capacity() > PQ_BUFFER_SHRINK_ABOVE {
            pg_mcxt::note_transient_bytes(self.inbuf.capacity());
            self.inbuf.shrink_to(PQ_BUFFER_SIZE.max(self.inbuf.len()));
        }
    }

    /// The type and body length of a message whose header starts the input
    /// buffer, when the body is larger than the buffer's usual size: such
    /// a message is read straight into MessageContext. The caller has
    /// checked the length word (`decode_frame`).
    pub fn large_message_header(&self) -> Option<(u8, usize)> {
        let h = self.inbuf.get(..5)?;
        let body_len = (u32::from_be_bytes([h[1], h[2], h[3], h[4]]) as usize).checked_sub(4)?;
        (body_len > PQ_BUFFER_SHRINK_ABOVE).then_some((h[0], body_len))
    }

    /// The raw descriptor (for waits).
    pub fn raw_fd(&self) -> RawFd {
        self.fd.as_raw_fd()
    }

    /// Reads more bytes into `inbuf`, waiting until data, EOF, the deadline
    /// or an interrupt. Flushes pending output first.
    pub fn fill(&mut self, deadline: Option<Instant>) -> PgResult<ReadOutcome> {
        self.flush()?;
        self.fill_unflushed(deadline)
    }

    /// `fill` without the flush: the backend main loop's read, since
    /// PostgreSQL sends an extended-protocol reply only at Sync, Flush, an
    /// error or a full buffer (a client that pipelines without Flush sees
    /// nothing before its Sync).
    pub fn fill_unflushed(&mut self, deadline: Option<Instant>) -> PgResult<ReadOutcome> {
        loop {
            let mut buf = [0u8; 8192];
            // SAFETY: reading into a stack buffer of the stated length.
            let n = unsafe { libc::read(self.raw_fd(), buf.as_mut_ptr() as *mut libc::c_void, buf.len()) };
            if n > 0 {
                self.inbuf.extend_from_slice(&buf[..n as usize]);
                return Ok(ReadOutcome::Data);
            }
            if n == 0 {
                return Ok(ReadOutcome::Eof);
            }
            let err = std::io::Error::last_os_error();
            match err.raw_os_error() {
                Some(libc::EAGAIN) | Some(libc::EINTR) => {}
                // A reset connection is the client going away: logged
                // (PostgreSQL's COMMERROR), then read as EOF.
                _ => {
                    tracing::info!(
                        sqlstate = SqlState::CONNECTION_FAILURE.code(),
                        "could not receive data from client: {}",
                        crate::os_error_text(&err)
                    );
                    return Ok(ReadOutcome::Eof);
                }
            }
            if interrupts::INTERRUPT_PENDING.load(std::sync::atomic::Ordering::SeqCst) {
                return Ok(ReadOutcome::Interrupted);
            }
            let timeout = match deadline {
                Some(d) => {
                    let now = Instant::now();
                    if now >= d {
                        return Ok(ReadOutcome::Timeout);
                    }
                    Some(d - now)
                }
                None => None,
            };
            // secure_read's wait, shown as Client/ClientRead in pg_stat_activity.
            procarray::report_wait_event(Some(WaitEvent::ClientRead));
            let ev = interrupts::wait_latch(Some(self.raw_fd()), timeout);
            procarray::report_wait_event(None);
            if ev.postmaster_death {
                return Err(PgError::fatal(
                    SqlState::ADMIN_SHUTDOWN,
                    "terminating connection due to unexpected postmaster exit",
                ));
            }
            if ev.latch {
                return Ok(ReadOutcome::Interrupted);
            }
        }
    }

    /// Writes all buffered output, waiting for the socket as needed.
    pub fn flush(&mut self) -> PgResult<()> {
        let mut off = 0;
        while off < self.outbuf.len() && !self.broken {
            // SAFETY: writing from our own buffer within its bounds.
            let n = unsafe {
                libc::write(self.raw_fd(), self.outbuf[off..].as_ptr() as *const libc::c_void, self.outbuf.len() - off)
            };
            if n > 0 {
                off += n as usize;
                continue;
            }
            let err = std::io::Error::last_os_error();
            match err.raw_os_error() {
                Some(libc::EAGAIN) => {
                    // A client that stops reading must not make the backend
                    // immune to pg_terminate_backend or postmaster death
                    // (PostgreSQL's ProcessClientWriteInterrupt): give up
                    // on the output; the next interrupt check ends the
                    // session. Other interrupts wait until the write is done.
                    if interrupts::PROC_DIE_PENDING.load(std::sync::atomic::Ordering::SeqCst) {
                        self.broken = true;
                        continue;
                    }
                    // secure_write's wait, shown as Client/ClientWrite.
                    procarray::report_wait_event(Some(WaitEvent::ClientWrite));
                    let ev = interrupts::wait_latch_or_socket(Some((self.raw_fd(), SocketWait::Writable)), None);
                    procarray::report_wait_event(None);
                    if ev.postmaster_death {
                        self.broken = true;
                    }
                }
                Some(libc::EINTR) => {}
                _ => {
                    // PostgreSQL logs "could not send data to client" and
                    // ends the session at the next read; we do the same.
                    self.broken = true;
                }
            }
        }
        self.outbuf.clear();
        if self.outbuf.capacity() > PQ_BUFFER_SHRINK_ABOVE {
            pg_mcxt::note_transient_bytes(self.outbuf.capacity());
            self.outbuf.shrink_to(PQ_BUFFER_SIZE);
        }
        if self.broken {
            return Err(PgError::fatal(SqlState::CONNECTION_FAILURE, "could not send data to client: Broken pipe"));
        }
        Ok(())
    }

    /// Sends bytes immediately (used for the one-byte SSL refusal).
    pub fn send_now(&mut self, bytes: &[u8]) -> PgResult<()> {
        self.outbuf.extend_from_slice(bytes);
        self.flush()
    }
}

/// Writes an error to a socket we are about to drop, without waiting long.
pub fn send_and_close(fd: OwnedFd, bytes: &[u8]) {
    let mut port = Port::new(fd);
    port.outbuf.extend_from_slice(bytes);
    let deadline = Instant::now() + Duration::from_millis(100);
    while !port.outbuf.is_empty() && Instant::now() < deadline {
        // SAFETY: writing from our own buffer.
        let n = unsafe { libc::write(port.raw_fd(), port.outbuf.as_ptr() as *const libc::c_void, port.outbuf.len()) };
        if n <= 0 {
            break;
        }
        port.outbuf.drain(..n as usize);
    }
}
