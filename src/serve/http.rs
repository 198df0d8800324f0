//! A small HTTP/1.1 server for `faircat serve` and the tests: GET and HEAD only, one thread per
//! connection, keep-alive, and a streaming reply for Server-Sent Events.
//!
//! It replaces tiny_http, whose connection pool can leave a new connection queued behind a
//! kept-alive one: Chromium then waits until an old connection closes before a page finishes
//! loading (seen as browser tests stuck at `readyState == "interactive"`). `httparse` parses the
//! request head; everything else is std.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// How long a kept-alive connection may sit idle, and a slow client may take to read.
const IDLE: Duration = Duration::from_secs(30);
/// The largest request head accepted (request line and headers).
const MAX_HEAD: usize = 16 * 1024;
/// The largest request body read (and thrown away): GET and HEAD carry none.
const MAX_BODY: u64 = 64 * 1024;

/// What the handler sees of a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub method: String,
    /// The request target as sent: path and query, not decoded.
    pub target: String,
}

/// Writes a streamed body; returns when the stream ends (or the client has gone).
pub type StreamWriter = Box<dyn FnOnce(&mut dyn Write) + Send>;

/// What the handler answers.
pub enum Reply {
    /// A complete body, sent with its length; the connection stays open for the next request.
    Full {
        status: u16,
        content_type: String,
        body: Vec<u8>,
    },
    /// A body written bit by bit until `write` returns (an event stream); the connection closes
    /// after it.
    Stream {
        content_type: &'static str,
        write: StreamWriter,
    },
}

impl Reply {
    pub fn full(status: u16, content_type: &str, body: Vec<u8>) -> Reply {
        Reply::Full {
            status,
            content_type: content_type.to_string(),
            body,
        }
    }
}

/// A bound listening socket; [`Listener::run`] serves on it.
pub struct Listener {
    listener: TcpListener,
    addr: SocketAddr,
    stopped: Arc<AtomicBool>,
}

/// Stops a running [`Listener`] from another thread.
#[derive(Clone)]
pub struct Stopper {
    addr: SocketAddr,
    stopped: Arc<AtomicBool>,
}

impl Stopper {
    /// Stop accepting connections; connections already open finish what they are doing.
    pub fn stop(&self) {
        self.stopped.store(true, Ordering::SeqCst);
        // Wake the accepting thread up so that it sees the flag.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
    }
}

impl Listener {
    pub fn bind(addr: impl ToSocketAddrs) -> io::Result<Listener> {
        let listener = TcpListener::bind(addr)?;
        let addr = listener.local_addr()?;
        Ok(Listener {
            listener,
            addr,
            stopped: Arc::new(AtomicBool::new(false)),
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn stopper(&self) -> Stopper {
        Stopper {
            addr: self.addr,
            stopped: Arc::clone(&self.stopped),
        }
    }

    /// Accept connections until stopped, each on a thread of its own. Blocks.
    pub fn run<H>(self, handler: H)
    where
        H: Fn(&Request) -> Reply + Send + Sync + 'static,
    {
        let handler = Arc::new(handler);
        for stream in self.listener.incoming() {
            if self.stopped.load(Ordering::SeqCst) {
                return;
            }
            let Ok(stream) = stream else { continue };
            let handler = Arc::clone(&handler);
            // A failed spawn drops the connection; the client sees it closed.
            let _ = std::thread::Builder::new()
                .name("faircat-http".into())
                .spawn(move || {
                    let _ = connection(stream, handler.as_ref());
                });
        }
    }

    /// Serve on a thread of its own; returns the stopper.
    pub fn spawn<H>(self, handler: H) -> Stopper
    where
        H: Fn(&Request) -> Reply + Send + Sync + 'static,
    {
        let stopper = self.stopper();
        std::thread::spawn(move || self.run(handler));
        stopper
    }
}

/// Serve the requests of one connection, one after another, until it closes or idles.
fn connection<H>(stream: TcpStream, handler: &H) -> io::Result<()>
where
    H: Fn(&Request) -> Reply + ?Sized,
{
    stream.set_read_timeout(Some(IDLE))?;
    stream.set_write_timeout(Some(IDLE))?;
    stream.set_nodelay(true)?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut writer = stream;
    loop {
        let Some(head) = read_head(&mut reader)? else {
            return Ok(());
        };
        let mut headers = [httparse::EMPTY_HEADER; 64];
        let mut parsed = httparse::Request::new(&mut headers);
        let complete = matches!(parsed.parse(&head), Ok(httparse::Status::Complete(_)));
        let (Some(method), Some(target), Some(version), true) =
            (parsed.method, parsed.path, parsed.version, complete)
        else {
            write_plain(&mut writer, 400, "bad request\n", false)?;
            return Ok(());
        };
        let header = |name: &str| {
            parsed
                .headers
                .iter()
                .find(|h| h.name.eq_ignore_ascii_case(name))
                .map(|h| String::from_utf8_lossy(h.value).to_ascii_lowercase())
        };
        let connection_header = header("connection").unwrap_or_default();
        let keep_alive = if version >= 1 {
            !connection_header.contains("close")
        } else {
            connection_header.contains("keep-alive")
        };
        let body_length: u64 = header("content-length")
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0);
        if body_length > MAX_BODY || header("transfer-encoding").is_some() {
            write_plain(&mut writer, 413, "request body too large\n", false)?;
            return Ok(());
        }
        io::copy(&mut (&mut reader).take(body_length), &mut io::sink())?;

        let request = Request {
            method: method.to_string(),
            target: target.to_string(),
        };
        if method != "GET" && method != "HEAD" {
            write_plain(&mut writer, 405, "only GET and HEAD\n", keep_alive)?;
        } else {
            match handler(&request) {
                Reply::Full {
                    status,
                    content_type,
                    body,
                } => {
                    let head = response_head(status, &content_type, Some(body.len()), keep_alive);
                    writer.write_all(head.as_bytes())?;
                    if method == "GET" {
                        writer.write_all(&body)?;
                    }
                    writer.flush()?;
                }
                Reply::Stream {
                    content_type,
                    write,
                } => {
                    let head = response_head(200, content_type, None, false);
                    writer.write_all(head.as_bytes())?;
                    writer.flush()?;
                    if method == "GET" {
                        write(&mut writer);
                    }
                    let _ = writer.shutdown(Shutdown::Both);
                    return Ok(());
                }
            }
        }
        if !keep_alive {
            let _ = writer.shutdown(Shutdown::Both);
            return Ok(());
        }
    }
}

/// Read a request head up to its empty line. `None` when the client closed (or idled) before
/// sending one; an error when it is too long.
fn read_head(reader: &mut impl BufRead) -> io::Result<Option<Vec<u8>>> {
    let mut head = Vec::new();
    loop {
        let before = head.len();
        let read = match reader
            .take((MAX_HEAD - before + 1) as u64)
            .read_until(b'\n', &mut head)
        {
            Ok(n) => n,
            Err(e) if head.is_empty() && is_idle(&e) => return Ok(None),
            Err(e) => return Err(e),
        };
        if read == 0 {
            return Ok(None);
        }
        if head.len() > MAX_HEAD {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "request head too long",
            ));
        }
        let line = &head[before..];
        if line == b"\r\n" || line == b"\n" {
            if before == 0 {
                // Empty lines before a request line are allowed (RFC 9112, 2.2).
                head.clear();
                continue;
            }
            return Ok(Some(head));
        }
    }
}

fn is_idle(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::WouldBlock
            | io::ErrorKind::TimedOut
            | io::ErrorKind::ConnectionReset
            | io::ErrorKind::ConnectionAborted
    )
}

fn response_head(
    status: u16,
    content_type: &str,
    length: Option<usize>,
    keep_alive: bool,
) -> String {
    let mut head = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: {content_type}\r\nCache-Control: no-store\r\n\
         X-Content-Type-Options: nosniff\r\n",
        reason(status)
    );
    if let Some(length) = length {
        head.push_str(&format!("Content-Length: {length}\r\n"));
    }
    head.push_str(if keep_alive {
        "Connection: keep-alive\r\n\r\n"
    } else {
        "Connection: close\r\n\r\n"
    });
    head
}

fn write_plain(
    writer: &mut impl Write,
    status: u16,
    text: &str,
    keep_alive: bool,
) -> io::Result<()> {
    let head = response_head(
        status,
        "text/plain; charset=utf-8",
        Some(text.len()),
        keep_alive,
    );
    writer.write_all(head.as_bytes())?;
    writer.write_all(text.as_bytes())?;
    writer.flush()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        304 => "Not Modified",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        413 => "Content Too Large",
        500 => "Internal Server Error",
        _ => "Status",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn start() -> (SocketAddr, Stopper) {
        let listener = Listener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr();
        let stopper = listener.spawn(|req: &Request| match req.target.as_str() {
            "/stream" => Reply::Stream {
                content_type: "text/event-stream",
                write: Box::new(|w: &mut dyn Write| {
                    let _ = w.write_all(b"data: 1\n\n");
                }),
            },
            "/missing" => Reply::full(404, "text/plain", b"nope".to_vec()),
            target => Reply::full(200, "text/plain", target.as_bytes().to_vec()),
        });
        (addr, stopper)
    }

    fn exchange(addr: SocketAddr, raw: &str) -> String {
        let mut s = TcpStream::connect(addr).expect("connect");
        s.write_all(raw.as_bytes()).expect("send");
        let mut out = String::new();
        s.read_to_string(&mut out).expect("read");
        out
    }

    #[test]
    fn answers_requests_on_one_kept_alive_connection_in_order() {
        let (addr, stopper) = start();
        let out = exchange(
            addr,
            "GET /a?x=1 HTTP/1.1\r\nHost: h\r\n\r\nGET /bb HTTP/1.1\r\nConnection: close\r\n\r\n",
        );
        let first = out.find("/a?x=1").expect("first body");
        let second = out.rfind("/bb").expect("second body");
        assert!(first < second, "{out}");
        assert!(out.starts_with("HTTP/1.1 200 OK\r\n"), "{out}");
        assert!(
            out.contains("Content-Length: 6\r\nConnection: keep-alive\r\n"),
            "{out}"
        );
        assert!(
            out.contains("Content-Length: 3\r\nConnection: close\r\n"),
            "{out}"
        );
        stopper.stop();
    }

    #[test]
    fn a_new_connection_is_served_while_another_stays_idle() {
        let (addr, stopper) = start();
        // Many idle connections must not hold a new one up (tiny_http's pool could).
        let idle: Vec<TcpStream> = (0..12)
            .map(|_| TcpStream::connect(addr).expect("connect"))
            .collect();
        let out = exchange(addr, "GET /x HTTP/1.1\r\nConnection: close\r\n\r\n");
        assert!(out.ends_with("\r\n\r\n/x"), "{out}");
        drop(idle);
        stopper.stop();
    }

    #[test]
    fn head_has_no_body_other_methods_and_garbage_are_refused() {
        let (addr, stopper) = start();
        let head = exchange(addr, "HEAD /x HTTP/1.1\r\nConnection: close\r\n\r\n");
        assert!(
            head.starts_with("HTTP/1.1 200 OK") && head.ends_with("Connection: close\r\n\r\n"),
            "{head}"
        );
        let post = exchange(
            addr,
            "POST /x HTTP/1.1\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc",
        );
        assert!(
            post.starts_with("HTTP/1.1 405 Method Not Allowed"),
            "{post}"
        );
        let bad = exchange(addr, "\u{1}\u{2} nonsense\r\n\r\n");
        assert!(bad.starts_with("HTTP/1.1 400 Bad Request"), "{bad}");
        let huge = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(MAX_HEAD * 2));
        let mut s = TcpStream::connect(addr).expect("connect");
        let _ = s.write_all(huge.as_bytes());
        let mut out = String::new();
        let _ = s.read_to_string(&mut out);
        assert!(
            !out.contains("200 OK"),
            "an over-long head was served: {out}"
        );
        stopper.stop();
    }

    #[test]
    fn a_stream_is_written_and_then_the_connection_closes() {
        let (addr, stopper) = start();
        let out = exchange(addr, "GET /stream HTTP/1.1\r\n\r\n");
        assert!(
            out.starts_with("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"),
            "{out}"
        );
        assert!(!out.contains("Content-Length"), "{out}");
        assert!(
            out.ends_with("Connection: close\r\n\r\ndata: 1\n\n"),
            "{out}"
        );
        let missing = exchange(addr, "GET /missing HTTP/1.0\r\n\r\n");
        assert!(missing.starts_with("HTTP/1.1 404 Not Found"), "{missing}");
        assert!(missing.contains("Connection: close"), "{missing}");
        stopper.stop();
    }
}
