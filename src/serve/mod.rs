//! `faircat serve`: build the site into memory, serve it on 127.0.0.1, rebuild when the catalog
//! changes and reload open tabs.
//!
//! [`site_store`] holds the served files and the last problem; [`rebuild`] watches the catalog
//! and rebuilds (re-reading only changed entries); [`live`] is what is added to pages in serve
//! mode only: the reload script and, while the catalog is broken, an overlay with the same
//! diagnostics `faircat check` prints. The server keeps running whatever the catalog holds.
//!
//! [`http`] is the HTTP server: small, synchronous, a thread per connection.

pub mod http;
pub mod live;
pub mod rebuild;
pub mod served_site;
pub mod site_store;

use site_store::SiteStore;
use std::io::Write as _;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    /// Address to listen on; 127.0.0.1 unless the user asks otherwise.
    pub bind: String,
    /// 0 picks a free port.
    pub port: u16,
}

/// A server that is running in threads of its own.
pub struct RunningServer {
    /// `http://127.0.0.1:PORT/`.
    pub base_url: String,
    stopper: http::Stopper,
    store: Arc<SiteStore>,
    _watcher: rebuild::WatchGuard,
}

/// Build the site, start watching and listening; returns once the first build is served.
pub fn start(opts: &ServeOptions) -> Result<RunningServer, String> {
    let listener = http::Listener::bind((opts.bind.as_str(), opts.port))
        .map_err(|e| format!("cannot listen on {}:{}: {e}", opts.bind, opts.port))?;
    let addr = listener.local_addr();
    let base_url = format!("http://{addr}/");
    let store = Arc::new(SiteStore::new());

    let mut builder = rebuild::Builder::new(opts.root.clone(), base_url.clone());
    let started = std::time::Instant::now();
    let summary = store.apply(builder.build(&[]));
    eprintln!("{summary} in {} ms", started.elapsed().as_millis());
    let watcher = rebuild::watch(builder, Arc::clone(&store))?;

    let requests_store = Arc::clone(&store);
    let stopper = listener.spawn(move |request| handle(request, &requests_store));
    Ok(RunningServer {
        base_url,
        stopper,
        store,
        _watcher: watcher,
    })
}

impl RunningServer {
    /// The version of the served site: it changes with every rebuild that changed something.
    pub fn version(&self) -> u64 {
        self.store.version()
    }

    /// Stop listening (the watcher stops when the value is dropped).
    pub fn stop(self) {
        self.stopper.stop();
    }
}

/// Serve the files of a built site folder as they are (no watching, no reload script): for
/// tests and benchmarks that need a real HTTP origin. Returns `http://ADDR/` and the stopper.
pub fn serve_directory(root: PathBuf, bind: &str) -> Result<(String, http::Stopper), String> {
    let listener =
        http::Listener::bind((bind, 0)).map_err(|e| format!("cannot listen on {bind}: {e}"))?;
    let base_url = format!("http://{}/", listener.local_addr());
    let root = root
        .canonicalize()
        .map_err(|e| format!("{}: {e}", root.display()))?;
    let stopper = listener.spawn(move |request| {
        let path = request.target.split(['?', '#']).next().unwrap_or("/");
        let key = file_key(&percent_decode(path));
        match std::fs::read(root.join(&key)) {
            Ok(body) => http::Reply::full(200, content_type(&key), body),
            Err(_) => http::Reply::full(404, "text/plain; charset=utf-8", b"not found\n".to_vec()),
        }
    });
    Ok((base_url, stopper))
}

/// Serve until the process is stopped. Returns only when the server cannot start.
pub fn serve(opts: &ServeOptions) -> Result<(), String> {
    let running = start(opts)?;
    println!(
        "Serving {} at {} (Ctrl-C to stop)",
        opts.root.display(),
        running.base_url
    );
    let _ = std::io::stdout().flush();
    loop {
        std::thread::park();
    }
}

/// The address of the live-reload event stream and of the served assets of serve mode.
pub const EVENTS_PATH: &str = "/__faircat/events";
pub const SCRIPT_PATH: &str = "/__faircat/live.js";
pub const STYLE_PATH: &str = "/__faircat/overlay.css";
pub const VERSION_PATH: &str = "/__faircat/version";

fn handle(request: &http::Request, store: &Arc<SiteStore>) -> http::Reply {
    let url = request.target.as_str();
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let path = percent_decode(path);
    match path.as_str() {
        EVENTS_PATH => {
            let since = query
                .split('&')
                .find_map(|kv| kv.strip_prefix("since="))
                .and_then(|v| v.parse().ok());
            let store = Arc::clone(store);
            http::Reply::Stream {
                content_type: "text/event-stream",
                write: Box::new(move |writer| events(writer, &store, since)),
            }
        }
        SCRIPT_PATH => {
            http::Reply::full(200, "text/javascript; charset=utf-8", live::SCRIPT.to_vec())
        }
        STYLE_PATH => http::Reply::full(200, "text/css; charset=utf-8", live::STYLE.to_vec()),
        VERSION_PATH => http::Reply::full(
            200,
            "text/plain; charset=utf-8",
            store.version().to_string().into_bytes(),
        ),
        _ => {
            let (status, content_type, body) = page(store, &path);
            http::Reply::full(status, &content_type, body)
        }
    }
}

/// The file for a URL path, with the serve-mode script (and overlay) in HTML pages.
fn page(store: &SiteStore, path: &str) -> (u16, String, Vec<u8>) {
    let snapshot = store.snapshot();
    let key = file_key(path);
    let found = match &snapshot.site {
        None => Ok(None),
        Some(site) => site.get(&key).and_then(|bytes| match bytes {
            Some(bytes) => Ok(Some((200, key.clone(), bytes))),
            None => Ok(site
                .get("404.html")?
                .map(|bytes| (404, "404.html".to_string(), bytes))),
        }),
    };
    let (status, key, bytes) = match found {
        Ok(Some((status, key, bytes))) => (status, key, Some(bytes)),
        Ok(None) => (404, key, None),
        Err(problem) => {
            let message = format!("error: {key}: {problem}");
            return (
                500,
                "text/html; charset=utf-8".to_string(),
                live::bare_page(snapshot.version, Some(&message), path),
            );
        }
    };
    let content_type = content_type(&key);
    let is_html = content_type.starts_with("text/html");
    match bytes {
        Some(bytes) if is_html => (
            status,
            content_type.to_string(),
            live::inject(&bytes, snapshot.version, snapshot.error.as_deref()),
        ),
        Some(bytes) => (status, content_type.to_string(), bytes.to_vec()),
        None => (
            status,
            "text/html; charset=utf-8".to_string(),
            live::bare_page(snapshot.version, snapshot.error.as_deref(), path),
        ),
    }
}

/// `/datasets/x/` → `datasets/x/index.html`; `/style.css` → `style.css`. `..` is dropped.
pub fn file_key(path: &str) -> String {
    let segments: Vec<&str> = path
        .split('/')
        .filter(|s| !s.is_empty() && *s != "." && *s != "..")
        .collect();
    let mut key = segments.join("/");
    if path.ends_with('/') || key.is_empty() {
        if !key.is_empty() {
            key.push('/');
        }
        key.push_str("index.html");
    } else if !segments.last().is_some_and(|s| s.contains('.')) {
        key.push_str("/index.html");
    }
    key
}

fn content_type(key: &str) -> &'static str {
    let ext = key.rsplit_once('.').map_or("", |(_, e)| e);
    match ext {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "jsonld" => "application/json",
        "xml" => "application/xml",
        "atom" => "application/atom+xml",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "tsv" => "text/tab-separated-values; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "woff2" => "font/woff2",
        "wasm" => "application/wasm",
        "ttl" => "text/turtle",
        _ => "application/octet-stream",
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && bytes[i + 1].is_ascii_hexdigit()
            && bytes[i + 2].is_ascii_hexdigit()
        {
            let hex = |b: u8| (b as char).to_digit(16).unwrap_or(0) as u8;
            out.push(hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Server-Sent Events: one `data: <version>` line whenever the site changes (at once if the
/// page's version is already old). The connection stays open; a comment every 15 seconds
/// finds out when the tab has gone.
fn events(writer: &mut dyn std::io::Write, store: &SiteStore, since: Option<u64>) {
    let mut seen = since.unwrap_or_else(|| store.version());
    loop {
        let current = store.wait_for_change(seen, Duration::from_secs(15));
        let message = if current != seen {
            seen = current;
            format!("data: {current}\n\n")
        } else {
            ": ping\n\n".to_string()
        };
        if writer.write_all(message.as_bytes()).is_err() || writer.flush().is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_paths_map_to_files() {
        assert_eq!(file_key("/"), "index.html");
        assert_eq!(file_key("/datasets/x/"), "datasets/x/index.html");
        assert_eq!(file_key("/datasets/x"), "datasets/x/index.html");
        assert_eq!(file_key("/static/app.1234.js"), "static/app.1234.js");
        assert_eq!(file_key("/../../etc/passwd"), "etc/passwd/index.html");
        assert_eq!(percent_decode("/a%20b/"), "/a b/");
        assert_eq!(percent_decode("/a%2"), "/a%2");
    }
}
