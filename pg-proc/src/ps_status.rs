//! Process titles, as PostgreSQL's `utils/misc/ps_status.c` sets them.
//!
//! `ps` and `/proc/PID/cmdline` show the memory the kernel recorded as the
//! argument area at exec time. As PostgreSQL does on Linux, we capture
//! `argv` at start-up (glibc passes `argc, argv, envp` to `.init_array`
//! functions), move the environment strings out of the way, and then
//! overwrite the contiguous argv+environ area with the title. The short
//! kernel name (`comm`, 15 bytes) is set with `prctl(PR_SET_NAME)` as well.

use std::ffi::CStr;
use std::sync::atomic::{AtomicPtr, AtomicUsize, Ordering};

/// Start of the writable argument area (argv[0]), captured before `main`.
static ARG_AREA_START: AtomicPtr<u8> = AtomicPtr::new(std::ptr::null_mut());
/// Length of the area we may overwrite (argv strings plus environ strings).
static ARG_AREA_LEN: AtomicUsize = AtomicUsize::new(0);
static ARGC: AtomicUsize = AtomicUsize::new(0);
static ARGV: AtomicPtr<*const libc::c_char> = AtomicPtr::new(std::ptr::null_mut());

/// Called by the dynamic loader before `main` with the real argv/envp.
extern "C" fn capture_args(argc: libc::c_int, argv: *const *const libc::c_char, _envp: *const *const libc::c_char) {
    ARGC.store(argc.max(0) as usize, Ordering::Relaxed);
    ARGV.store(argv as *mut *const libc::c_char, Ordering::Relaxed);
}

#[used]
#[link_section = ".init_array"]
static CAPTURE_ARGS: extern "C" fn(libc::c_int, *const *const libc::c_char, *const *const libc::c_char) = capture_args;

/// Prepares the argument area for overwriting. Call once, early in the
/// postmaster, before any title is set (children inherit the prepared area).
/// Returns false when the area could not be found (titles then only change
/// the kernel's short name).
pub fn init_ps_display() -> bool {
    let argc = ARGC.load(Ordering::Relaxed);
    let argv = ARGV.load(Ordering::Relaxed);
    if argc == 0 || argv.is_null() || !ARG_AREA_START.load(Ordering::Relaxed).is_null() {
        return !ARG_AREA_START.load(Ordering::Relaxed).is_null();
    }
    // SAFETY: argv/argc come from the loader and stay valid for the process
    // lifetime; environ is the C library's environment array. We only read
    // the strings here and copy environ to heap memory that we leak on
    // purpose (the environment must outlive every later getenv()).
    unsafe {
        let first = *argv as *mut u8;
        let mut end = first;
        // The argv strings are laid out contiguously; find where they end.
        for i in 0..argc {
            let s = *argv.add(i);
            if s as *mut u8 != end && i > 0 {
                break;
            }
            end = (s as *mut u8).add(CStr::from_ptr(s).to_bytes().len() + 1);
        }
        // The environment strings usually follow; include them and move
        // the environment to the heap so overwriting the area is safe.
        extern "C" {
            static mut environ: *mut *mut libc::c_char;
        }
        let env = environ;
        if !env.is_null() {
            let mut n = 0;
            while !(*env.add(n)).is_null() {
                n += 1;
            }
            let mut copies: Vec<*mut libc::c_char> = Vec::with_capacity(n + 1);
            for i in 0..n {
                let s = *env.add(i);
                if s as *mut u8 == end {
                    end = (s as *mut u8).add(CStr::from_ptr(s).to_bytes().len() + 1);
                }
                copies.push(libc::strdup(s));
            }
            copies.push(std::ptr::null_mut());
            let leaked = Box::leak(copies.into_boxed_slice());
            environ = leaked.as_mut_ptr();
        }
        ARG_AREA_LEN.store(end.offset_from(first) as usize, Ordering::Relaxed);
        ARG_AREA_START.store(first, Ordering::Relaxed);
    }
    true
}

/// Sets the process title shown by `ps`, e.g. `postgres: postgres db 127.0.0.1(50432) idle`.
pub fn set_ps_display(title: &str) {
    let start = ARG_AREA_START.load(Ordering::Relaxed);
    let len = ARG_AREA_LEN.load(Ordering::Relaxed);
    if !start.is_null() && len > 1 {
        let bytes = title.as_bytes();
        let n = bytes.len().min(len - 1);
        // SAFETY: [start, start+len) is the argv/environ area captured in
        // init_ps_display, which no Rust object refers to (the environment
        // was moved to the heap). We write at most len bytes.
        unsafe {
            std::ptr::copy_nonoverlapping(bytes.as_ptr(), start, n);
            std::ptr::write_bytes(start.add(n), 0, len - n);
        }
    }
    let short: Vec<u8> = title.bytes().filter(|&b| b != 0).take(15).chain(std::iter::once(0)).collect();
    // SAFETY: PR_SET_NAME reads a NUL-terminated string of at most 16 bytes.
    unsafe {
        libc::prctl(libc::PR_SET_NAME, short.as_ptr() as libc::c_ulong, 0, 0, 0);
    }
}
