//! For tests of reads that must end: a FIFO to point a reader at, and a bound on how long the
//! call may take, so that a regression fails the test instead of hanging the suite.

use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

/// Runs `call` on a thread of its own and returns what it returned; panics when it has not
/// returned within a second (generous for a call that should fail at once, as it would
/// otherwise block or read for many seconds).
pub fn within_a_second<T: Send + 'static>(call: impl FnOnce() -> T + Send + 'static) -> T {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = sender.send(call());
    });
    receiver
        .recv_timeout(Duration::from_secs(1))
        .unwrap_or_else(|error| panic!("the call did not return within a second: {error}"))
}

/// A new, empty directory under the system's temporary directory, named for the test and the
/// process.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("yoti-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    dir
}

/// Makes a FIFO (a named pipe) at `path` with `mkfifo`: opening it for reading blocks until a
/// writer opens it.
#[cfg(unix)]
pub fn make_fifo(path: &std::path::Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap_or_else(|e| panic!("mkfifo: {e}"));
    assert!(status.success(), "mkfifo {}: {status}", path.display());
}
