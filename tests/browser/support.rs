//! What the browser tests stand on: the bundled catalog built once into a temp folder, a tiny
//! static file server on 127.0.0.1, and headless Chromium (Debian's `chromium`) driven over the
//! DevTools protocol, recording every request and every console error.

use headless_chrome::protocol::cdp::Network;
use headless_chrome::protocol::cdp::types::Event;
use headless_chrome::{Browser, LaunchOptions, Tab};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

/// The built bundled catalog, served for the whole test binary.
pub struct Site {
    _dir: tempfile::TempDir,
    pub out: PathBuf,
    pub base: String,
}

pub fn site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("public");
        let report = faircat::site::build(&faircat::site::BuildOptions {
            root: crate::common::repo_root(),
            out: out.clone(),
            base_url: None,
            deny_warnings: false,
            progress: false,
        })
        .unwrap_or_else(|e| panic!("the bundled catalog does not build: {e}"));
        assert!(
            report.datasets > 10,
            "bundled catalog has {} datasets",
            report.datasets
        );
        let (base, _stopper) = faircat::serve::serve_directory(out.clone(), "127.0.0.1")
            .unwrap_or_else(|e| panic!("cannot serve the built site: {e}"));
        Site {
            _dir: dir,
            out,
            base,
        }
    })
}

/// Take this at the start of every test that starts Chromium or another heavy checker: the
/// tests of one binary then run one after the other. On CI's two cores, two Chromiums and the
/// Java HTML checker at once starve each other until page loads time out.
pub fn one_at_a_time() -> MutexGuard<'static, ()> {
    static TURN: Mutex<()> = Mutex::new(());
    TURN.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// How long a page may take to reach a state: generous, as a loaded CI machine is slow.
const PATIENCE: Duration = Duration::from_secs(60);

/// A headless Chromium with one tab that records requests and console errors.
pub struct Page {
    _browser: Browser,
    _profile: tempfile::TempDir,
    pub tab: Arc<Tab>,
    pub requests: Arc<Mutex<Vec<String>>>,
    pub errors: Arc<Mutex<Vec<String>>>,
    /// Requests sent and not yet finished or failed, by request id: (url, response seen?).
    pending: Arc<Mutex<std::collections::BTreeMap<String, (String, bool)>>>,
}

/// Where Debian's `chromium` lives; the tests fail (never skip) without it.
fn chromium() -> PathBuf {
    for p in ["/usr/bin/chromium", "/usr/bin/chromium-browser"] {
        if Path::new(p).exists() {
            return PathBuf::from(p);
        }
    }
    panic!(
        "headless Chromium is required for the browser tests and was not found at /usr/bin/chromium: \
         install Debian's `chromium` package (apt-get install -y chromium chromium-driver)"
    );
}

impl Page {
    pub fn open() -> Page {
        let profile = tempfile::tempdir().expect("profile dir");
        let args: Vec<&OsStr> = [
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-quic",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-default-apps",
            "--disable-extensions",
        ]
        .iter()
        .map(OsStr::new)
        .collect();
        let options = LaunchOptions::default_builder()
            .path(Some(chromium()))
            .headless(true)
            .sandbox(false)
            .user_data_dir(Some(profile.path().to_path_buf()))
            .window_size(Some((1200, 900)))
            .args(args)
            .idle_browser_timeout(Duration::from_secs(120))
            .build()
            .expect("launch options");
        let browser = Browser::new(options).expect("launch chromium");
        let tab = browser.new_tab().expect("new tab");
        tab.set_default_timeout(PATIENCE);
        let requests = Arc::new(Mutex::new(Vec::new()));
        let errors = Arc::new(Mutex::new(Vec::new()));
        let enable: Network::Enable =
            serde_json::from_value(serde_json::json!({})).expect("enable");
        tab.call_method(enable).expect("Network.enable");
        tab.enable_runtime().expect("Runtime.enable");
        tab.enable_log().expect("Log.enable");
        let pending = Arc::new(Mutex::new(std::collections::BTreeMap::new()));
        let (r, e, p) = (requests.clone(), errors.clone(), pending.clone());
        tab.add_event_listener(Arc::new(move |event: &Event| match event {
            Event::NetworkRequestWillBeSent(ev) => {
                r.lock().unwrap().push(ev.params.request.url.clone());
                p.lock().unwrap().insert(
                    ev.params.request_id.clone(),
                    (ev.params.request.url.clone(), false),
                );
            }
            Event::NetworkResponseReceived(ev) => {
                if let Some(entry) = p.lock().unwrap().get_mut(&ev.params.request_id) {
                    entry.1 = true;
                }
            }
            Event::NetworkLoadingFinished(ev) => {
                p.lock().unwrap().remove(&ev.params.request_id);
            }
            Event::NetworkLoadingFailed(ev) => {
                p.lock().unwrap().remove(&ev.params.request_id);
            }
            Event::RuntimeExceptionThrown(ev) => e
                .lock()
                .unwrap()
                .push(format!("exception: {:?}", ev.params.exception_details)),
            Event::RuntimeConsoleAPICalled(ev) if format!("{:?}", ev.params.Type) == "Error" => e
                .lock()
                .unwrap()
                .push(format!("console.error: {:?}", ev.params.args)),
            Event::LogEntryAdded(ev) if format!("{:?}", ev.params.entry.level) == "Error" => e
                .lock()
                .unwrap()
                .push(format!("log: {}", ev.params.entry.text)),
            _ => {}
        }))
        .expect("listen");
        Page {
            _browser: browser,
            _profile: profile,
            tab,
            requests,
            errors,
            pending,
        }
    }

    pub fn goto(&self, rel: &str) {
        let url = format!("{}{}", site().base, rel);
        self.tab.navigate_to(&url).expect("navigate");
        // Chromium does not always report the end of a navigation that differs only in the
        // query string; the document itself says when it is there.
        let _ = self.tab.wait_until_navigated();
        self.wait_for(&format!(
            "location.href === {} && document.readyState === 'complete'",
            serde_json::to_string(&url).expect("url")
        ));
    }

    /// Evaluate the expression `js` (awaiting a promise) and return its value as JSON.
    pub fn eval(&self, js: &str) -> serde_json::Value {
        let wrapped = format!("(async () => JSON.stringify(await ({js})))()");
        let r = self
            .tab
            .evaluate(&wrapped, true)
            .unwrap_or_else(|e| panic!("{js}: {e}"));
        match r.value {
            Some(serde_json::Value::String(s)) => {
                serde_json::from_str(&s).unwrap_or(serde_json::Value::Null)
            }
            _ => serde_json::Value::Null,
        }
    }

    /// Wait until `js` is truthy.
    pub fn wait_for(&self, js: &str) {
        let start = Instant::now();
        loop {
            let v = self.eval(js);
            if v.as_bool() == Some(true) {
                return;
            }
            if start.elapsed() > PATIENCE {
                let state = self.eval(
                    "[location.href, document.readyState, document.title, \
                      performance.getEntriesByType('resource').map(e => e.name)]",
                );
                let pending = self.pending.lock().unwrap().clone();
                panic!(
                    "timed out after {PATIENCE:?} waiting for {js}; the page is at {state}; \
                     requests not finished (url, response seen): {pending:?}"
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Wait until `js` gives the same value twice in a row, 200 ms apart; return it.
    pub fn settled(&self, js: &str) -> serde_json::Value {
        let mut last = self.eval(js);
        let start = Instant::now();
        loop {
            std::thread::sleep(Duration::from_millis(200));
            let now = self.eval(js);
            if now == last {
                return now;
            }
            assert!(start.elapsed() < PATIENCE, "{js} never settled");
            last = now;
        }
    }

    pub fn type_into(&self, selector: &str, text: &str) {
        self.tab
            .find_element(selector)
            .expect(selector)
            .click()
            .expect("click");
        self.tab.type_str(text).expect("type");
    }

    pub fn press(&self, key: &str) {
        self.tab.press_key(key).expect(key);
    }

    /// No console errors, and every request went to 127.0.0.1.
    pub fn assert_clean(&self) {
        let errors = self.errors.lock().unwrap().clone();
        assert!(errors.is_empty(), "console errors: {errors:#?}");
        let requests = self.requests.lock().unwrap().clone();
        assert!(!requests.is_empty(), "no requests recorded");
        let outside: Vec<&String> = requests
            .iter()
            .filter(|u| !u.starts_with("http://127.0.0.1:"))
            .collect();
        assert!(
            outside.is_empty(),
            "requests leaving 127.0.0.1: {outside:#?}"
        );
    }
}
