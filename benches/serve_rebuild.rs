//! Benchmark: with `faircat serve` running on a 10,000-entry synthetic catalog, how long from
//! saving a changed entry to the server answering with the new bytes of its page?
//! (The target is 200 ms.) Run with `cargo bench --bench serve_rebuild [-- ENTRIES EDITS]`.
//!
//! A bench binary, not a test: timings depend on the machine.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

fn get(address: &str, path: &str) -> String {
    let mut stream = TcpStream::connect(address).expect("connect");
    write!(stream, "GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").unwrap();
    let mut body = Vec::new();
    stream.read_to_end(&mut body).unwrap();
    String::from_utf8_lossy(&body).into_owned()
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let entries: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let edits: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(20);

    let dir = tempfile::tempdir().expect("temp dir");
    let datasets = faircat::synth::datasets(entries, 42);
    faircat::synth::write_catalog(dir.path(), &datasets).expect("write catalog");
    let started = Instant::now();
    let server = faircat::serve::start(&faircat::serve::ServeOptions {
        root: dir.path().to_path_buf(),
        bind: "127.0.0.1".into(),
        port: 0,
    })
    .expect("start server");
    println!(
        "{entries} entries: first build and serve in {} ms",
        started.elapsed().as_millis()
    );
    let address = server
        .base_url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();

    let mut timings = Vec::with_capacity(edits);
    for i in 0..edits {
        let d = &datasets[(i * 7919) % datasets.len()];
        let path = dir
            .path()
            .join("content/datasets")
            .join(format!("{}.yaml", d.slug));
        let text = std::fs::read_to_string(&path).unwrap();
        let marker = format!("Edited name number {i}");
        let edited = text.replacen(
            &format!("name: {}", serde_json::to_string(&d.name).unwrap()),
            &format!("name: \"{marker}\""),
            1,
        );
        assert_ne!(edited, text, "the name line was found");
        let page = format!("/datasets/{}/", d.slug);
        let t0 = Instant::now();
        std::fs::write(&path, edited).unwrap();
        loop {
            if get(&address, &page).contains(&marker) {
                break;
            }
            assert!(
                t0.elapsed() < Duration::from_secs(120),
                "the edit never showed"
            );
            std::thread::sleep(Duration::from_millis(1));
        }
        let ms = t0.elapsed().as_secs_f64() * 1000.0;
        timings.push(ms);
        println!(
            "edit {i:>2} ({}): new bytes served after {ms:.0} ms",
            d.slug
        );
        // Let the watcher settle before the next edit.
        std::thread::sleep(Duration::from_millis(100));
    }
    timings.sort_by(f64::total_cmp);
    let pct = |p: f64| timings[((timings.len() - 1) as f64 * p).round() as usize];
    println!(
        "edit → new bytes served, {} edits of a {entries}-entry catalog: median {:.0} ms, p90 {:.0} ms, max {:.0} ms (target 200 ms)",
        timings.len(),
        pct(0.5),
        pct(0.9),
        timings[timings.len() - 1]
    );
    server.stop();
}
