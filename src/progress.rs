//! The progress line of `faircat build`: on a terminal, a build that takes longer than a second
//! shows one line, redrawn in place, with the stage, the files and bytes written so far and the
//! time taken; it is erased when the build ends, before the summary. Nothing is shown when
//! standard error is not a terminal (piped, redirected) or in CI (`CI` set, as GitHub Actions,
//! GitLab CI and most others do), so logs stay clean.

use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// Whether to show progress: only for a person watching a terminal.
pub fn should_show(stderr_is_terminal: bool, ci: Option<&std::ffi::OsStr>) -> bool {
    stderr_is_terminal && ci.is_none()
}

/// [`should_show`] for this process.
pub fn wanted() -> bool {
    use std::io::IsTerminal;
    should_show(
        std::io::stderr().is_terminal(),
        std::env::var_os("CI").as_deref(),
    )
}

/// What the writer has written so far; updated by every job as it writes a file.
#[derive(Debug, Default)]
pub struct Counter {
    files: AtomicU64,
    bytes: AtomicU64,
}

impl Counter {
    pub fn add(&self, bytes: u64) {
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes, Ordering::Relaxed);
    }

    pub fn files(&self) -> u64 {
        self.files.load(Ordering::Relaxed)
    }

    pub fn bytes(&self) -> u64 {
        self.bytes.load(Ordering::Relaxed)
    }
}

/// The line as shown (without the carriage return and erase sequence around it).
pub fn line(stage: &str, files: u64, bytes: u64, elapsed: Duration) -> String {
    format!(
        "{stage}: {} files, {}, {:.0} s",
        crate::hosts::thousands(files),
        crate::hosts::bytes(bytes),
        elapsed.as_secs_f64().floor()
    )
}

struct State {
    stage: &'static str,
    done: bool,
}

struct Shared {
    state: Mutex<State>,
    wake: Condvar,
}

/// A running progress display (or none, when not shown).
pub struct Progress {
    counter: Arc<Counter>,
    shared: Arc<Shared>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Progress {
    /// Progress on standard error when `show`: the first line after a second, then redrawn
    /// five times a second.
    pub fn start(show: bool) -> Progress {
        let out: Option<Box<dyn Write + Send>> = if show {
            Some(Box::new(std::io::stderr()))
        } else {
            None
        };
        Progress::start_with(out, Duration::from_secs(1), Duration::from_millis(200))
    }

    /// Progress written to `out` (none when `None`), first after `delay`, then every `every`.
    pub fn start_with(
        out: Option<Box<dyn Write + Send>>,
        delay: Duration,
        every: Duration,
    ) -> Progress {
        let counter = Arc::new(Counter::default());
        let shared = Arc::new(Shared {
            state: Mutex::new(State {
                stage: "loading",
                done: false,
            }),
            wake: Condvar::new(),
        });
        let thread = out.map(|mut out| {
            let counter = Arc::clone(&counter);
            let shared = Arc::clone(&shared);
            std::thread::spawn(move || {
                let started = Instant::now();
                let mut wait = delay;
                let mut drawn = false;
                let mut state = shared.state.lock().expect("progress lock");
                loop {
                    state = shared
                        .wake
                        .wait_timeout_while(state, wait, |s| !s.done)
                        .expect("progress lock")
                        .0;
                    if state.done {
                        break;
                    }
                    let text = line(
                        state.stage,
                        counter.files(),
                        counter.bytes(),
                        started.elapsed(),
                    );
                    // A failed write to the terminal only loses the progress line.
                    let _ = write!(out, "\r{text}\x1b[K");
                    let _ = out.flush();
                    drawn = true;
                    wait = every;
                }
                if drawn {
                    let _ = write!(out, "\r\x1b[K");
                    let _ = out.flush();
                }
            })
        });
        Progress {
            counter,
            shared,
            thread,
        }
    }

    /// The counter the writer adds every file to.
    pub fn counter(&self) -> Arc<Counter> {
        Arc::clone(&self.counter)
    }

    /// The stage the build is in now (shown at the start of the line).
    pub fn stage(&self, stage: &'static str) {
        self.shared.state.lock().expect("progress lock").stage = stage;
    }

    /// Stop and erase the line (if one was drawn).
    pub fn finish(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        self.shared.state.lock().expect("progress lock").done = true;
        self.shared.wake.notify_all();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.stop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer the test can read afterwards.
    #[derive(Clone, Default)]
    struct Shared(Arc<Mutex<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn shown_only_on_a_terminal_outside_ci() {
        assert!(should_show(true, None));
        assert!(!should_show(false, None));
        assert!(!should_show(true, Some("true".as_ref())));
        assert!(!should_show(false, Some("1".as_ref())));
    }

    #[test]
    fn the_line_counts_files_bytes_and_seconds() {
        assert_eq!(
            line(
                "generating",
                12_345,
                3_456_789,
                Duration::from_millis(2_900)
            ),
            "generating: 12,345 files, 3.5 MB, 2 s"
        );
    }

    #[test]
    fn a_build_shorter_than_the_delay_shows_nothing() {
        let out = Shared::default();
        let p = Progress::start_with(
            Some(Box::new(out.clone())),
            Duration::from_secs(60),
            Duration::from_millis(1),
        );
        p.counter().add(100);
        p.finish();
        assert!(out.0.lock().unwrap().is_empty());
    }

    #[test]
    fn a_long_build_redraws_one_line_and_erases_it() {
        let out = Shared::default();
        let p = Progress::start_with(
            Some(Box::new(out.clone())),
            Duration::ZERO,
            Duration::from_millis(5),
        );
        p.stage("generating");
        let counter = p.counter();
        let deadline = Instant::now() + Duration::from_secs(30);
        while !String::from_utf8_lossy(&out.0.lock().unwrap()).contains("2 files") {
            counter.add(1_000);
            assert!(Instant::now() < deadline, "no progress line drawn");
            std::thread::sleep(Duration::from_millis(5));
        }
        p.finish();
        let text = String::from_utf8(out.0.lock().unwrap().clone()).unwrap();
        assert!(text.starts_with('\r'), "{text:?}");
        assert!(!text.contains('\n'), "one line, redrawn: {text:?}");
        assert!(text.contains("generating: "), "{text:?}");
        assert!(text.ends_with("\r\x1b[K"), "erased at the end: {text:?}");
    }

    #[test]
    fn not_shown_means_no_thread_and_no_output() {
        let p = Progress::start(false);
        assert!(p.thread.is_none());
        p.counter().add(5);
        assert_eq!(p.counter().files(), 1);
        p.finish();
    }
}
