//! `faircat serve` as a user runs it: the real binary on 127.0.0.1 and a free port. Edit an
//! entry and the page changes; break it and the page shows check's diagnostic in an overlay
//! (escaped) over the last good site; fix it and the page is back. The server never exits
//! on its own; the test stops it.

use crate::common;

use common::{TestCatalog, faircat};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The server process, stopped when the test ends however it ends.
struct Server {
    child: Child,
    address: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(cat: &TestCatalog) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_faircat"))
        .args([
            "serve",
            "--root",
            cat.root().to_str().unwrap(),
            "--port",
            "0",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start faircat serve");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let address = line
        .split_whitespace()
        .find(|w| w.starts_with("http://127.0.0.1:"))
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    Server { child, address }
}

/// GET a path: (status, body).
fn get(server: &Server, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(&server.address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let response = String::from_utf8_lossy(&response).into_owned();
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, body.to_string())
}

/// Poll a page until `ok` holds for its body (the rebuild takes its time); the last body.
fn wait_for(server: &Server, path: &str, what: &str, ok: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let (_, body) = get(server, path);
        if ok(&body) {
            return body;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {what}; last page:\n{body}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

const ENTRY: &str = "name: NAME
description: A synthetic chest CT collection used by faircat's tests; it exists only here.
modalities: [CT]
";

#[test]
fn edit_break_and_fix_an_entry_while_serving() {
    let cat = TestCatalog::fixture("minimal");
    let mut server = start(&cat);
    let page = "/datasets/tiny-ct/";

    let (status, body) = get(&server, page);
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("Tiny CT"));
    assert!(
        body.contains("<script src=\"/__faircat/live.js\""),
        "reload script in serve mode"
    );
    assert!(!body.contains("faircat-overlay"));
    let (status, script) = get(&server, "/__faircat/live.js");
    assert_eq!(status, 200);
    assert!(script.contains("EventSource"));

    // Edit: the page changes.
    cat.entry("tiny-ct", &ENTRY.replace("NAME", "Tiny CT Edited"));
    wait_for(&server, page, "the edited name", |b| {
        b.contains("Tiny CT Edited")
    });

    // Break: the overlay shows check's diagnostic, escaped, over the last good page.
    cat.entry(
        "tiny-ct",
        &format!(
            "{}license: \"<b>CC BY</b>\"\n",
            ENTRY.replace("NAME", "Tiny CT Broken")
        ),
    );
    let body = wait_for(&server, page, "the overlay", |b| {
        b.contains("id=\"faircat-overlay\"")
    });
    assert!(
        body.contains("content/datasets/tiny-ct.yaml:4:10: error: unknown licence &#39;&lt;b&gt;CC BY&lt;/b&gt;&#39;"),
        "{body}"
    );
    assert!(
        !body.contains("<b>CC BY</b>"),
        "contributor text is escaped"
    );
    let (page_part, _overlay) = body.split_once("id=\"faircat-overlay\"").unwrap();
    assert!(
        page_part.contains("Tiny CT Edited"),
        "the last good page stays"
    );
    assert!(!page_part.contains("Tiny CT Broken"));
    assert!(
        server.child.try_wait().unwrap().is_none(),
        "a broken entry does not stop the server"
    );

    // Other pages show the overlay too, and the server answers everything as before.
    let (status, home) = get(&server, "/");
    assert_eq!(status, 200);
    assert!(home.contains("id=\"faircat-overlay\""));

    // Fix: the page is back, without the overlay.
    cat.entry("tiny-ct", &ENTRY.replace("NAME", "Tiny CT Fixed"));
    let body = wait_for(&server, page, "the fixed page", |b| {
        b.contains("Tiny CT Fixed") && !b.contains("faircat-overlay")
    });
    assert!(body.contains("<script src=\"/__faircat/live.js\""));

    // A new entry appears as a new page.
    cat.entry("second-ct", &ENTRY.replace("NAME", "Second CT"));
    wait_for(&server, "/datasets/second-ct/", "the new page", |b| {
        b.contains("Second CT")
    });
    // The exports (made on first request after a change) have it too.
    let (status, api) = get(&server, "/api/catalog.json");
    assert_eq!(status, 200);
    assert!(api.contains("Second CT"), "{api}");

    // A removed entry is gone: its page, and its row on the home page.
    std::fs::remove_file(cat.root().join("content/datasets/second-ct.yaml")).unwrap();
    wait_for(
        &server,
        "/",
        "the home page without the removed entry",
        |b| !b.contains("Second CT"),
    );
    let (status, _) = get(&server, "/datasets/second-ct/");
    assert_eq!(status, 404);

    // A change outside the entries (the about text) is read too.
    cat.write(
        "content/_index.md",
        "An about text changed while serving.\n",
    );
    wait_for(&server, "/", "the new about text", |b| {
        b.contains("An about text changed while serving.")
    });

    assert!(
        server.child.try_wait().unwrap().is_none(),
        "the server never exits on its own"
    );
}

#[test]
fn open_tabs_are_told_to_reload_when_the_site_changes() {
    let cat = TestCatalog::fixture("minimal");
    let server = start(&cat);
    let (_, version) = get(&server, "/__faircat/version");
    let version: u64 = version.trim().parse().unwrap();

    let mut events = TcpStream::connect(&server.address).unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        events,
        "GET /__faircat/events?since={version} HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )
    .unwrap();
    let mut reader = BufReader::new(events);
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    assert!(line.starts_with("HTTP/1.1 200"), "{line}");
    loop {
        line.clear();
        reader.read_line(&mut line).unwrap();
        if line == "\r\n" {
            break;
        }
        if line.to_ascii_lowercase().starts_with("content-type") {
            assert!(line.contains("text/event-stream"), "{line}");
        }
    }

    cat.entry("tiny-ct", &ENTRY.replace("NAME", "Tiny CT Edited"));
    line.clear();
    reader.read_line(&mut line).unwrap();
    assert_eq!(line.trim_end(), format!("data: {}", version + 1));
}

#[test]
fn build_output_never_contains_the_serve_mode_script() {
    let cat = TestCatalog::fixture("full");
    let (code, _, err) = faircat(cat.root(), &["build", "--root", "."]);
    assert_eq!(code, 0, "{err}");
    let files = cat.out_files();
    assert!(!files.is_empty());
    for (path, bytes) in files {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("__faircat"), "{path} has serve-mode code");
    }
}

#[test]
fn a_catalog_that_is_broken_from_the_start_is_served_with_the_overlay() {
    let cat = TestCatalog::fixture("minimal");
    cat.entry("tiny-ct", "name: [unclosed\n");
    let server = start(&cat);
    let (_, body) = get(&server, "/");
    assert!(body.contains("id=\"faircat-overlay\""), "{body}");
    assert!(body.contains("content/datasets/tiny-ct.yaml:1:"), "{body}");
    cat.entry("tiny-ct", &ENTRY.replace("NAME", "Tiny CT"));
    wait_for(&server, "/datasets/tiny-ct/", "the page", |b| {
        b.contains("Tiny CT") && !b.contains("faircat-overlay")
    });
}
