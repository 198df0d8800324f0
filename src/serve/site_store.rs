//! The site being served: the current [`ServedSite`], a version that changes with every
//! rebuild that changed something, and the problems of the last rebuild if it failed (the last
//! good site stays served meanwhile).

use super::served_site::ServedSite;
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::Duration;

/// What one request sees: the site, the version and the current problem, all consistent.
#[derive(Clone, Default)]
pub struct Snapshot {
    pub site: Option<Arc<ServedSite>>,
    pub version: u64,
    /// The diagnostics of the failed rebuild, as `faircat check` prints them.
    pub error: Option<Arc<str>>,
}

#[derive(Default)]
pub struct SiteStore {
    current: RwLock<Snapshot>,
    /// The version again, for waiting on changes without holding the site's lock.
    version: Mutex<u64>,
    changed: Condvar,
}

/// What a rebuild gave: the site, or the problems that stopped it.
pub type BuildResult = Result<ServedSite, String>;

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

    /// Take a rebuild's result: serve the new site, or keep the last good one and remember
    /// the problem. Returns a one-line summary for the terminal. The version changes only
    /// when something changed (a save without changes reloads no tab).
    pub fn apply(&self, result: BuildResult) -> String {
        let Ok(mut current) = self.current.write() else {
            return "error: the site store is poisoned".into();
        };
        let mut next = current.clone();
        let summary = match result {
            Ok(site) => {
                let same = current
                    .site
                    .as_ref()
                    .is_some_and(|s| s.fingerprint == site.fingerprint);
                let was_broken = current.error.is_some();
                let datasets = site.catalog().datasets.len();
                if !same {
                    next.site = Some(Arc::new(site));
                }
                next.error = None;
                if !same || was_broken {
                    next.version += 1;
                }
                if same {
                    format!("{datasets} datasets, nothing changed")
                } else {
                    format!("{datasets} datasets ready")
                }
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
    use crate::theme::Theme;

    fn site(fingerprint: u64) -> ServedSite {
        let catalog = crate::synth::catalog(3, 7);
        ServedSite::new(catalog, &Theme::embedded(), fingerprint).expect("site")
    }

    #[test]
    fn a_new_site_changes_the_version_an_identical_one_does_not() {
        let store = SiteStore::new();
        store.apply(Ok(site(1)));
        let first = store.snapshot();
        assert_eq!(first.version, 1);
        assert_eq!(store.apply(Ok(site(2))), "3 datasets ready");
        let second = store.snapshot();
        assert_eq!(second.version, 2);
        // Nothing changed: same version, same site, tabs are not reloaded.
        assert_eq!(store.apply(Ok(site(2))), "3 datasets, nothing changed");
        assert_eq!(store.version(), 2);
        let third = store.snapshot();
        assert!(Arc::ptr_eq(
            second.site.as_ref().unwrap(),
            third.site.as_ref().unwrap()
        ));
    }

    #[test]
    fn a_failed_rebuild_keeps_the_last_good_site() {
        let store = SiteStore::new();
        store.apply(Ok(site(1)));
        let home = store.snapshot().site.unwrap().get("index.html").unwrap();
        store.apply(Err("x.yaml:1:1: error: bad".into()));
        let s = store.snapshot();
        assert_eq!(s.site.unwrap().get("index.html").unwrap(), home);
        assert_eq!(s.error.as_deref(), Some("x.yaml:1:1: error: bad"));
        assert_eq!(s.version, 2);
        store.apply(Ok(site(1)));
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
        store.apply(Ok(site(1)));
        assert_eq!(t.join().unwrap(), 1);
    }
}
