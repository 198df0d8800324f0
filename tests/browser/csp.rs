//! The Content-Security-Policy in a real browser (Debian's `chromium`): it is enforced on the
//! pages (an inline script or a resource from another host is refused), the site's own search
//! works under it, and the hostile fixture's pages, full of injection attempts, run nothing and
//! trip the policy nowhere. Fails, never skips, without Chromium.

use crate::{common, support};

use support::{Page, site};

/// Recorded from the first script of every document: policy violations and any call of
/// alert/confirm/prompt (what the hostile fixture's payloads call).
const RECORDER: &str = "window.__violations = []; window.__alerts = [];\
    document.addEventListener('securitypolicyviolation', e =>\
      window.__violations.push(e.effectiveDirective + ' ' + e.blockedURI));\
    for (const f of ['alert', 'confirm', 'prompt']) {\
      window[f] = (...a) => { window.__alerts.push(f + ':' + a.join(',')); };\
    }";

fn record_every_document(page: &Page) {
    let add: headless_chrome::protocol::cdp::Page::AddScriptToEvaluateOnNewDocument =
        serde_json::from_value(serde_json::json!({ "source": RECORDER })).expect("command");
    page.tab
        .call_method(add)
        .expect("Page.addScriptToEvaluateOnNewDocument");
}

#[test]
fn the_policy_refuses_inline_script_and_other_hosts_and_search_still_works() {
    let _turn = support::one_at_a_time();
    site();
    let page = Page::open();
    record_every_document(&page);
    page.goto("");
    let policy = page.eval(
        "document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]')?.content ?? ''",
    );
    assert!(
        policy
            .as_str()
            .is_some_and(|p| p.starts_with("default-src 'self'; script-src 'self';")),
        "policy: {policy}"
    );

    // An inline script, as an injected entry would carry, does not run.
    page.eval(
        "(() => { const s = document.createElement('script');\
           s.textContent = 'window.__inlineRan = true'; document.body.append(s); return 1; })()",
    );
    // An image from another origin (another port here, a listener that counts connections)
    // is never fetched.
    let other = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    other.set_nonblocking(true).expect("nonblocking");
    let other_url = format!("http://{}/pixel.png", other.local_addr().expect("addr"));
    page.eval(&format!(
        "(() => {{ const i = new Image(); i.src = {}; document.body.append(i); return 1; }})()",
        serde_json::to_string(&other_url).expect("url")
    ));
    page.wait_for("window.__violations.length >= 2");
    assert_eq!(page.eval("window.__inlineRan === true"), false);
    let text = page.eval("window.__violations").to_string();
    assert!(text.contains("script-src"), "{text}");
    assert!(text.contains(&format!("img-src {other_url}")), "{text}");
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert!(
        other.accept().is_err(),
        "the page connected to another origin despite the policy"
    );

    // The site's own search works under the policy, without tripping it.
    page.goto("search/?q=kidney");
    page.wait_for("document.querySelectorAll('#search-page-results li').length > 0");
    page.type_into("input[type=search]", " tumour");
    page.wait_for("document.querySelectorAll('[role=option], #search-page-results li').length > 0");
    assert_eq!(
        page.eval("window.__violations"),
        serde_json::json!([]),
        "the site's own pages and search trip the policy"
    );
}

#[test]
fn hostile_entries_run_nothing_and_trip_the_policy_nowhere() {
    let _turn = support::one_at_a_time();
    let cat = common::TestCatalog::fixture("hostile");
    let out = cat.root().join("public");
    faircat::site::build(&faircat::site::BuildOptions {
        root: cat.root().to_path_buf(),
        out: out.clone(),
        base_url: None,
        deny_warnings: false,
        progress: false,
    })
    .unwrap_or_else(|e| panic!("the hostile fixture does not build: {e}"));
    let (base, _stopper) =
        faircat::serve::serve_directory(out.clone(), "127.0.0.1").expect("serve");

    let mut pages: Vec<String> = vec![String::new(), "search/?q=alert".into()];
    for dir in std::fs::read_dir(out.join("datasets")).expect("datasets") {
        let name = dir
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        pages.push(format!("datasets/{name}/"));
    }
    assert!(pages.len() >= 4, "{pages:?}");

    let page = Page::open();
    record_every_document(&page);
    for rel in &pages {
        let url = format!("{base}{rel}");
        page.tab.navigate_to(&url).expect("navigate");
        let _ = page.tab.wait_until_navigated();
        page.wait_for(&format!(
            "location.href === {} && document.readyState === 'complete'",
            serde_json::to_string(&url).expect("url")
        ));
        // Give timers, lazy handlers and the search client a moment to do whatever they do.
        std::thread::sleep(std::time::Duration::from_millis(300));
        let state = page.eval("({ alerts: window.__alerts, violations: window.__violations })");
        assert_eq!(
            state,
            serde_json::json!({ "alerts": [], "violations": [] }),
            "/{rel}"
        );
    }
    let outside: Vec<String> = page
        .requests
        .lock()
        .unwrap()
        .iter()
        .filter(|u| !u.starts_with("http://127.0.0.1:"))
        .cloned()
        .collect();
    assert!(outside.is_empty(), "requests to other hosts: {outside:?}");
}
