//! End-to-end test harness: helpers to build and start `pg-server` on a temporary data directory.
