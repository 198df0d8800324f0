//! The site being served: its files in memory, a version that changes with every rebuild, and
//! the problems of the last rebuild if it failed (the last good files stay served meanwhile).

use crate::output::Output;
use std::collections::HashMap;
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::Duration;

/// What one request sees: the files, the version and the current problem, all consistent.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    pub files: Arc<HashMap<String, Arc<[u8]>>>,
    pub version: u64,
    /// The diagnostics of the failed rebuild, as `faircat check` prints them.
    pub error: Option<Arc<str>>,
}

#[derive(Debug, Default)]
pub struct SiteStore {
    current: RwLock<Snapshot>,
    /// The version again, for waiting on changes without holding the files' lock.
    version: Mutex<u64>,
    changed: Condvar,
}

/// What a rebuild gave: the site's files, or the problems that stopped it.
pub type BuildResult = Result<Output, String>;

impl SiteStore {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn snapshot(&self) -> Snapshot {
        self.current.read().map(|s| s.clone()).unwrap_or_default()
    }

    pub fn version(&self) -> u64 {
        self.version.lock().map(|v| *v).unwrap_or(0)
    }

    /// Take a rebuild's result: replace the files whose bytes changed (and drop the ones that
    /// are gone), or keep the last good files and remember the problem. Returns a one-line
    /// summary for the terminal. The version changes only when something visible changed.
    pub fn apply(&self, result: BuildResult) -> String {
        let Ok(mut current) = self.current.write() else {
            return "error: the site store is poisoned".into();
        };
        let mut next = current.clone();
        let summary = match result {
            Ok(output) => {
                let mut files: HashMap<String, Arc<[u8]>> = HashMap::with_capacity(output.len());
                let mut changed = 0usize;
                for path in output.paths() {
                    let bytes = output.get(path).unwrap_or_default();
                    match current.files.get(path) {
                        Some(old) if **old == *bytes => {
                            files.insert(path.to_string(), Arc::clone(old));
                        }
                        _ => {
                            changed += 1;
                            files.insert(path.to_string(), Arc::from(bytes));
                        }
                    }
                }
                let removed = current
                    .files
                    .keys()
                    .filter(|k| !files.contains_key(*k))
                    .count();
                let was_broken = current.error.is_some();
                next.files = Arc::new(files);
                next.error = None;
                if changed + removed > 0 || was_broken {
                    next.version += 1;
                }
                format!(
                    "built {} files: {changed} changed, {removed} removed",
                    next.files.len()
                )
            }
            Err(problems) => {
                let same = current.error.as_deref() == Some(problems.as_str());
                next.error = Some(Arc::from(problems.as_str()));
                if !same {
                    next.version += 1;
                }
                format!(
                    "{}\nthe catalog has errors; still serving the last good site",
                    problems.trim_end()
                )
            }
        };
        let version = next.version;
        *current = next;
        drop(current);
        if let Ok(mut v) = self.version.lock() {
            *v = version;
        }
        self.changed.notify_all();
        summary
    }

    /// Block until the version differs from `seen` or `timeout` passes; the version then.
    pub fn wait_for_change(&self, seen: u64, timeout: Duration) -> u64 {
        let Ok(guard) = self.version.lock() else {
            return seen;
        };
        match self
            .changed
            .wait_timeout_while(guard, timeout, |v| *v == seen)
        {
            Ok((v, _)) => *v,
            Err(_) => seen,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn output(files: &[(&str, &str)]) -> Output {
        let mut out = Output::new();
        for (p, b) in files {
            out.add(*p, *b).unwrap();
        }
        out
    }

    #[test]
    fn keeps_unchanged_bytes_and_counts_changes() {
        let store = SiteStore::new();
        store.apply(Ok(output(&[("a.html", "1"), ("b.html", "2")])));
        let first = store.snapshot();
        assert_eq!(first.version, 1);
        let summary = store.apply(Ok(output(&[("a.html", "1"), ("b.html", "3")])));
        assert_eq!(summary, "built 2 files: 1 changed, 0 removed");
        let second = store.snapshot();
        assert_eq!(second.version, 2);
        assert!(Arc::ptr_eq(&first.files["a.html"], &second.files["a.html"]));
        // Nothing changed: same version, tabs are not reloaded.
        store.apply(Ok(output(&[("a.html", "1"), ("b.html", "3")])));
        assert_eq!(store.version(), 2);
    }

    #[test]
    fn a_failed_rebuild_keeps_the_last_good_site() {
        let store = SiteStore::new();
        store.apply(Ok(output(&[("a.html", "1")])));
        store.apply(Err("x.yaml:1:1: error: bad".into()));
        let s = store.snapshot();
        assert_eq!(&*s.files["a.html"], b"1");
        assert_eq!(s.error.as_deref(), Some("x.yaml:1:1: error: bad"));
        assert_eq!(s.version, 2);
        store.apply(Ok(output(&[("a.html", "1")])));
        let s = store.snapshot();
        assert!(s.error.is_none());
        assert_eq!(s.version, 3, "fixing the error reloads the tabs");
    }

    #[test]
    fn waiting_returns_on_change_or_timeout() {
        let store = Arc::new(SiteStore::new());
        assert_eq!(store.wait_for_change(0, Duration::from_millis(10)), 0);
        let s2 = Arc::clone(&store);
        let t = std::thread::spawn(move || s2.wait_for_change(0, Duration::from_secs(10)));
        std::thread::sleep(Duration::from_millis(20));
        store.apply(Ok(output(&[("a.html", "1")])));
        assert_eq!(t.join().unwrap(), 1);
    }
}
