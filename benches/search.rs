//! Search benchmark: faircat's static index against Pagefind on the same generated catalogs.
//!
//! `cargo bench --bench search -- [--sizes 100,10000,100000] [--pagefind-max 10000]
//! [--pagefind PATH]`
//!
//! For each size N it generates a synthetic catalog (`faircat::synth`), builds the search index
//! in a child process under `/usr/bin/time -v` (build time and peak RSS), writes one HTML page
//! per dataset for Pagefind and runs Pagefind on them (from npm: `npm install pagefind`; the
//! binary is looked up in `$PAGEFIND`, then `/tmp/pf/node_modules/...`), then serves both on
//! 127.0.0.1 and runs the same queries in headless Chromium: every file a cold first query
//! fetches is counted, gzipped (what a host sends), client included. Query CPU is measured for
//! the Rust reference and for the JS client in Chromium. Prints one table.

use faircat::model::{Catalog, Dataset};
use faircat::search::query::{self, Query};
use faircat::search::reader::StaticIndex;
use faircat::search::{Layout, index_files};
use faircat::synth;
use flate2::Compression;
use flate2::write::GzEncoder;
use headless_chrome::{Browser, LaunchOptions};
use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const SEED: u64 = 2026;
const COLD_QUERIES: usize = 20;
const TYPO_QUERIES: usize = 200;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--child-build") {
        return child_build(args[2].parse().expect("size"), Path::new(&args[3]));
    }
    let opt = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1).cloned())
    };
    let sizes: Vec<usize> = opt("--sizes")
        .unwrap_or_else(|| "100,10000,100000".into())
        .split(',')
        .map(|s| s.trim().parse().expect("size"))
        .collect();
    let pagefind_max: usize = opt("--pagefind-max")
        .map(|s| s.parse().expect("number"))
        .unwrap_or(10_000);
    let pagefind = opt("--pagefind")
        .or_else(|| std::env::var("PAGEFIND").ok())
        .map(PathBuf::from)
        .or_else(|| {
            let p = PathBuf::from("/tmp/pf/node_modules/@pagefind/linux-x64/bin/pagefind_extended");
            p.exists().then_some(p)
        });

    let mut rows: Vec<(String, Vec<String>)> = Vec::new();
    let client = include_bytes!("../themes/default/static/search.js");
    for &n in &sizes {
        eprintln!("== {n} datasets");
        let work = tempfile::tempdir().expect("temp dir");
        let site = work.path().join("site");
        let catalog = synth::catalog(n, SEED);

        // faircat: build in a child process to measure its own time and peak memory.
        let search_dir = site.join("search");
        let exe = std::env::current_exe().expect("exe");
        let (rss_kb, stderr) = timed(
            Command::new("/usr/bin/time")
                .arg("-v")
                .arg(&exe)
                .arg("--child-build")
                .arg(n.to_string())
                .arg(&search_dir),
        );
        let build_secs: f64 = stderr
            .lines()
            .find_map(|l| l.strip_prefix("faircat-build-seconds "))
            .and_then(|s| s.trim().parse().ok())
            .expect("child reports its build time");
        std::fs::write(site.join("search.js"), client).unwrap();
        let files = dir_files(&search_dir);
        let gz_total: usize = files.values().map(|b| gz(b)).sum();
        let raw_total: usize = files.values().map(Vec::len).sum();
        let manifest_gz = gz(&files["manifest.json"]);
        let client_gz = gz(client);

        // Pages for Pagefind, and Pagefind itself.
        write_pages(&site, &catalog);
        let pf = match (&pagefind, n <= pagefind_max) {
            (Some(bin), true) => Some(run_pagefind(bin, &site)),
            _ => None,
        };

        // Queries: real words of the catalog, as people type them, and one-typo variants.
        let queries = cold_queries(&catalog);

        // Rust reference: cold bytes, warm CPU, typo hits.
        let dir = search_dir.clone();
        let mut cold_rust = Vec::new();
        for q in &queries {
            let d = dir.clone();
            let ix = StaticIndex::open(move |p| std::fs::read(d.join(p)).ok()).unwrap();
            let r = query::search(&ix, &typing(q)).unwrap();
            for (doc, _) in r.hits.iter().take(8) {
                ix.card(*doc).unwrap();
            }
            let bytes: usize = ix
                .fetched
                .borrow()
                .keys()
                .map(|p| gz(&files[p.as_str()]))
                .sum();
            cold_rust.push(bytes + client_gz);
        }
        let d = dir.clone();
        let warm = StaticIndex::open(move |p| std::fs::read(d.join(p)).ok()).unwrap();
        // One-typo queries, of the exact queries that find their dataset in the top five: at
        // 100,000 synthetic datasets many share a name word and a target, and no ranking can
        // tell them apart without a typo either. How often the exact query finds it is
        // reported beside.
        let candidates = typo_candidates(&catalog, TYPO_QUERIES * 4);
        let baseline = candidates[..TYPO_QUERIES.min(candidates.len())]
            .iter()
            .filter(|(exact, _, slug)| in_top5(&warm, exact, slug))
            .count();
        let typos: Vec<(String, String)> = candidates
            .iter()
            .filter(|(exact, _, slug)| in_top5(&warm, exact, slug))
            .take(TYPO_QUERIES)
            .map(|(_, typo, slug)| (typo.clone(), slug.clone()))
            .collect();
        let mut times = Vec::new();
        for q in queries.iter().chain(typos.iter().map(|(q, _)| q)) {
            let qq = typing(q);
            query::search(&warm, &qq).unwrap();
            let t = Instant::now();
            query::search(&warm, &qq).unwrap();
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        let mut typo_hits = 0;
        for (q, slug) in &typos {
            let r = query::search(
                &warm,
                &Query {
                    text: q.clone(),
                    ..Query::default()
                },
            )
            .unwrap();
            if r.hits
                .iter()
                .take(5)
                .any(|(d, _)| warm.card(*d).unwrap().slug == *slug)
            {
                typo_hits += 1;
            }
        }

        // The JS client and Pagefind in Chromium.
        let browser = BenchBrowser::new(&site);
        let js = browser.faircat(&queries, &typos, &files, client_gz);
        let pfm = pf.as_ref().map(|pf| {
            let m = browser.pagefind(&queries, &typos, &site);
            (pf, m)
        });

        let file_count = files.len();
        let mut col = vec![
            format!("{:.2} s", build_secs),
            format!("{:.0} MB", rss_kb as f64 / 1024.0),
            format!("{:.1} MB raw / {:.1} MB gz", mb(raw_total), mb(gz_total)),
            format!("{:.0} B", gz_total as f64 / n as f64),
            format!("{file_count} (limit {})", n / 8 + 2000),
            format!("{:.1} KB", kb(manifest_gz)),
            format!(
                "{:.1} / {:.1} KB",
                kb(percentile(&js.cold, 50.0) as usize),
                kb(percentile(&js.cold, 100.0) as usize)
            ),
            format!(
                "{:.1} / {:.1} KB",
                kb(percentile(
                    &cold_rust.iter().map(|&x| x as f64).collect::<Vec<_>>(),
                    50.0
                ) as usize),
                kb(percentile(
                    &cold_rust.iter().map(|&x| x as f64).collect::<Vec<_>>(),
                    100.0
                ) as usize)
            ),
            format!(
                "{:.2} / {:.2} ms",
                percentile(&times, 50.0),
                percentile(&times, 95.0)
            ),
            format!(
                "{:.2} / {:.2} ms",
                percentile(&js.times, 50.0),
                percentile(&js.times, 95.0)
            ),
            format!(
                "{}/{} (Rust) {}/{} (JS)",
                typo_hits,
                typos.len(),
                js.typo_hits,
                typos.len()
            ),
            format!("{baseline}/{} (Rust)", TYPO_QUERIES.min(candidates.len())),
        ];
        let pf_col = match &pfm {
            Some((pf, m)) => vec![
                format!("{:.2} s", pf.secs),
                format!("{:.0} MB", pf.rss_kb as f64 / 1024.0),
                format!("{:.1} MB raw / {:.1} MB gz", mb(pf.raw), mb(pf.gz)),
                format!("{:.0} B", pf.gz as f64 / n as f64),
                format!("{}", pf.files),
                format!("{:.1} KB", kb(pf.startup_gz)),
                format!(
                    "{:.1} / {:.1} KB",
                    kb(percentile(&m.cold, 50.0) as usize),
                    kb(percentile(&m.cold, 100.0) as usize)
                ),
                "-".into(),
                "-".into(),
                format!(
                    "{:.2} / {:.2} ms",
                    percentile(&m.times, 50.0),
                    percentile(&m.times, 95.0)
                ),
                format!("{}/{} (JS)", m.typo_hits, typos.len()),
                "-".into(),
            ],
            None => vec!["not run".into(); 12],
        };
        rows.push((format!("faircat {n}"), std::mem::take(&mut col)));
        rows.push((format!("Pagefind {n}"), pf_col));
    }
    print_table(&rows);
}

fn typing(q: &str) -> Query {
    Query {
        text: q.to_string(),
        typing: true,
        ..Query::default()
    }
}

/// The child: generate the catalog, build the index (timed), write the files.
fn child_build(n: usize, out: &Path) {
    let catalog = synth::catalog(n, SEED);
    let t = Instant::now();
    let files = index_files(&catalog, Layout::for_size(n)).expect("index");
    let secs = t.elapsed().as_secs_f64();
    for (path, bytes) in files {
        let p = out.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
    eprintln!("faircat-build-seconds {secs}");
}

/// Run under `/usr/bin/time -v`; returns (peak RSS in KB, stderr).
fn timed(cmd: &mut Command) -> (u64, String) {
    let out = cmd.output().expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stderr}");
    let rss = stderr
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("Maximum resident set size (kbytes): ")
        })
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(0);
    (rss, stderr)
}

fn wall_seconds(stderr: &str) -> f64 {
    let v = stderr
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("Elapsed (wall clock) time (h:mm:ss or m:ss): ")
        })
        .unwrap_or("0:0");
    v.split(':')
        .map(|p| p.parse::<f64>().unwrap_or(0.0))
        .fold(0.0, |acc, x| acc * 60.0 + x)
}

struct PagefindBuild {
    secs: f64,
    rss_kb: u64,
    raw: usize,
    gz: usize,
    files: usize,
    startup_gz: usize,
}

fn run_pagefind(bin: &Path, site: &Path) -> PagefindBuild {
    eprintln!("   pagefind…");
    let (rss_kb, stderr) = timed(
        Command::new("/usr/bin/time")
            .arg("-v")
            .arg(bin)
            .arg("--site")
            .arg(site)
            .arg("--glob")
            .arg("datasets/**/*.html"),
    );
    let files = dir_files(&site.join("pagefind"));
    let startup_gz = files
        .iter()
        .filter(|(p, _)| p.as_str() == "pagefind-entry.json" || p.ends_with(".pf_meta"))
        .map(|(_, b)| transfer(b))
        .sum();
    PagefindBuild {
        secs: wall_seconds(&stderr),
        rss_kb,
        raw: files.values().map(Vec::len).sum(),
        gz: files.values().map(|b| transfer(b)).sum(),
        files: files.len(),
        startup_gz,
    }
}

/// One page per dataset with the text faircat indexes, and filters for Pagefind.
fn write_pages(site: &Path, catalog: &Catalog) {
    for d in &catalog.datasets {
        let dir = site.join("datasets").join(&d.slug);
        std::fs::create_dir_all(&dir).unwrap();
        let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;");
        let mut filters = String::new();
        for m in &d.modalities {
            filters.push_str(&format!(
                "<span data-pagefind-filter=\"modality\">{}</span>",
                m.code
            ));
        }
        for a in &d.anatomy {
            filters.push_str(&format!(
                "<span data-pagefind-filter=\"anatomy\">{}</span>",
                a.label
            ));
        }
        let html = format!(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{name}</title></head>\
             <body><main data-pagefind-body><h1>{name}</h1><p>{acr} {alt}</p><p>{kw}</p><p>{topic}</p>\
             <div>{desc}</div><div>{filters}</div></main></body></html>",
            name = esc(&d.name),
            acr = esc(d.acronym.as_deref().unwrap_or("")),
            alt = esc(&d.alternate_names.join(", ")),
            kw = esc(&d.keywords.join(", ")),
            topic = esc(d.topic.as_deref().unwrap_or("")),
            desc = esc(&faircat::markdown::to_plain_text(&d.description)),
        );
        std::fs::write(dir.join("index.html"), html).unwrap();
    }
}

/// Queries of one to three words a person might type: names, organs, findings, tasks.
fn cold_queries(catalog: &Catalog) -> Vec<String> {
    let mut rng = synth::Rng::new(7);
    let n = catalog.datasets.len();
    (0..COLD_QUERIES)
        .map(|i| {
            let d = &catalog.datasets[rng.below(n)];
            let w: Vec<String> = d.name.split(' ').map(str::to_lowercase).collect();
            match i % 4 {
                0 => format!("{} {}", w[1], d.targets.pixel.last().unwrap()),
                1 => w[0].clone(),
                2 => format!("{} {}", d.targets.pixel.last().unwrap(), d.keywords[1]),
                _ => format!("{} {} {}", w[1], w[2], w[3]),
            }
        })
        .collect()
}

/// (query with one typo in the dataset's distinctive name word, the dataset's slug).
/// Queries of a dataset's first name word and one of its targets, as (exact, one-typo, slug).
fn typo_candidates(catalog: &Catalog, count: usize) -> Vec<(String, String, String)> {
    let mut rng = synth::Rng::new(11);
    let n = catalog.datasets.len();
    let mut out = Vec::new();
    while out.len() < count.min(n) {
        let d: &Dataset = &catalog.datasets[rng.below(n)];
        let word = d.name.split(' ').next().unwrap().to_lowercase();
        if word.chars().count() < 5 {
            continue;
        }
        let target = &d.targets.pixel[0];
        out.push((
            format!("{word} {target}"),
            format!("{} {target}", synth::one_edit(&word, &mut rng)),
            d.slug.clone(),
        ));
    }
    out
}

/// Whether `slug` is among the top five of `text`.
fn in_top5(index: &StaticIndex, text: &str, slug: &str) -> bool {
    let q = Query {
        text: text.to_string(),
        ..Query::default()
    };
    let r = query::search(index, &q).unwrap();
    r.hits
        .iter()
        .take(5)
        .any(|(d, _)| index.card(*d).unwrap().slug == slug)
}

fn dir_files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
    {
        if e.file_type().is_file() {
            let rel = e
                .path()
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.insert(rel, std::fs::read(e.path()).unwrap());
        }
    }
    out
}

fn gz(bytes: &[u8]) -> usize {
    let mut e = GzEncoder::new(Vec::new(), Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap().len()
}

/// Bytes sent by a host that compresses: Pagefind's index files are gzipped on disk already.
fn transfer(bytes: &[u8]) -> usize {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        bytes.len()
    } else {
        gz(bytes)
    }
}

fn mb(b: usize) -> f64 {
    b as f64 / 1_048_576.0
}
fn kb(b: usize) -> f64 {
    b as f64 / 1024.0
}

fn percentile(xs: &[f64], p: f64) -> f64 {
    if xs.is_empty() {
        return 0.0;
    }
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    let i = ((p / 100.0) * (v.len() - 1) as f64).round() as usize;
    v[i.min(v.len() - 1)]
}

struct Measured {
    cold: Vec<f64>,
    times: Vec<f64>,
    typo_hits: usize,
}

/// Headless Chromium on a local server over the bench site.
struct BenchBrowser {
    _browser: Browser,
    _profile: tempfile::TempDir,
    tab: std::sync::Arc<headless_chrome::Tab>,
    base: String,
}

impl BenchBrowser {
    fn new(site: &Path) -> Self {
        std::fs::write(
            site.join("faircat.html"),
            "<!doctype html><meta charset=utf-8><script type=module>\
             import * as fc from '/search.js'; window.fc = fc;</script>",
        )
        .unwrap();
        std::fs::write(
            site.join("pagefind.html"),
            "<!doctype html><meta charset=utf-8><script type=module>\
             window.pf = await import('/pagefind/pagefind.js'); window.ready = true;</script>",
        )
        .unwrap();
        let base = serve(site.to_path_buf());
        let profile = tempfile::tempdir().unwrap();
        let args: Vec<&OsStr> = [
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ]
        .iter()
        .map(OsStr::new)
        .collect();
        let browser = Browser::new(
            LaunchOptions::default_builder()
                .path(Some(PathBuf::from("/usr/bin/chromium")))
                .headless(true)
                .sandbox(false)
                .user_data_dir(Some(profile.path().to_path_buf()))
                .args(args)
                .idle_browser_timeout(Duration::from_secs(600))
                .build()
                .unwrap(),
        )
        .expect("chromium (apt-get install chromium)");
        let tab = browser.new_tab().unwrap();
        tab.set_default_timeout(Duration::from_secs(120));
        BenchBrowser {
            _browser: browser,
            _profile: profile,
            tab,
            base,
        }
    }

    fn eval(&self, js: &str) -> serde_json::Value {
        let wrapped = format!("(async () => JSON.stringify(await ({js})))()");
        let r = self.tab.evaluate(&wrapped, true).expect(js);
        match r.value {
            Some(serde_json::Value::String(s)) => serde_json::from_str(&s).unwrap(),
            other => panic!("{js}: {other:?}"),
        }
    }

    fn open(&self, page: &str, ready: &str) {
        self.tab
            .navigate_to(&format!("{}{page}", self.base))
            .unwrap();
        let _ = self.tab.wait_until_navigated();
        let t = Instant::now();
        while self.eval(ready) != serde_json::Value::Bool(true) {
            assert!(t.elapsed() < Duration::from_secs(60), "{page} never ready");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Paths (relative to the site) of every resource the page fetched.
    fn fetched(&self) -> Vec<String> {
        let v = self
            .eval("performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)");
        serde_json::from_value(v).unwrap()
    }

    fn clear_cache(&self) {
        let m: headless_chrome::protocol::cdp::Network::ClearBrowserCache =
            serde_json::from_value(serde_json::json!({})).unwrap();
        let _ = self.tab.call_method(m);
    }

    fn faircat(
        &self,
        queries: &[String],
        typos: &[(String, String)],
        files: &BTreeMap<String, Vec<u8>>,
        client_gz: usize,
    ) -> Measured {
        let mut cold = Vec::new();
        for q in queries {
            self.clear_cache();
            self.open("faircat.html", "!!window.fc");
            let js = format!(
                "(async () => {{ const ix = await new fc.SearchIndex(new URL('/search/', location.href)).open();\
                 const r = await fc.search(ix, {{text: {q}, typing: true}});\
                 await Promise.all(r.hits.slice(0, 8).map(([d]) => ix.card(d))); return true; }})()",
                q = serde_json::to_string(q).unwrap()
            );
            self.eval(&js);
            let bytes: usize = self
                .fetched()
                .iter()
                .filter_map(|p| p.strip_prefix("/search/"))
                .filter_map(|p| files.get(p))
                .map(|b| gz(b))
                .sum();
            cold.push((bytes + client_gz) as f64);
        }
        // Warm: one index, every query twice, the second timed.
        let all: Vec<&String> = queries.iter().chain(typos.iter().map(|(q, _)| q)).collect();
        let js = format!(
            "(async () => {{ const ix = await new fc.SearchIndex(new URL('/search/', location.href)).open();\
             const times = [], tops = [];\
             for (const q of {qs}) {{ await fc.search(ix, {{text: q, typing: true}});\
               const t = performance.now(); await fc.search(ix, {{text: q, typing: true}}); times.push(performance.now() - t); }}\
             for (const q of {ts}) {{ const r = await fc.search(ix, {{text: q}});\
               tops.push(await Promise.all(r.hits.slice(0, 5).map(async ([d]) => (await ix.card(d)).slug))); }}\
             return {{times, tops}}; }})()",
            qs = serde_json::to_string(&all).unwrap(),
            ts = serde_json::to_string(&typos.iter().map(|t| &t.0).collect::<Vec<_>>()).unwrap(),
        );
        let v = self.eval(&js);
        let times: Vec<f64> = serde_json::from_value(v["times"].clone()).unwrap();
        let tops: Vec<Vec<String>> = serde_json::from_value(v["tops"].clone()).unwrap();
        let typo_hits = tops
            .iter()
            .zip(typos)
            .filter(|(top, (_, slug))| top.contains(slug))
            .count();
        Measured {
            cold,
            times,
            typo_hits,
        }
    }

    fn pagefind(&self, queries: &[String], typos: &[(String, String)], site: &Path) -> Measured {
        let mut cold = Vec::new();
        for q in queries {
            self.clear_cache();
            self.open("pagefind.html", "!!window.ready");
            let js = format!(
                "(async () => {{ const r = await pf.search({q});\
                 await Promise.all(r.results.slice(0, 8).map(x => x.data())); return true; }})()",
                q = serde_json::to_string(q).unwrap()
            );
            self.eval(&js);
            let bytes: usize = self
                .fetched()
                .iter()
                .filter(|p| p.starts_with("/pagefind/"))
                .filter_map(|p| std::fs::read(site.join(p.trim_start_matches('/'))).ok())
                .map(|b| transfer(&b))
                .sum();
            cold.push(bytes as f64);
        }
        self.open("pagefind.html", "!!window.ready");
        let all: Vec<&String> = queries.iter().chain(typos.iter().map(|(q, _)| q)).collect();
        let js = format!(
            "(async () => {{ const times = [], tops = [];\
             for (const q of {qs}) {{ await pf.search(q);\
               const t = performance.now(); await pf.search(q); times.push(performance.now() - t); }}\
             for (const q of {ts}) {{ const r = await pf.search(q);\
               tops.push(await Promise.all(r.results.slice(0, 5).map(async x => (await x.data()).url))); }}\
             return {{times, tops}}; }})()",
            qs = serde_json::to_string(&all).unwrap(),
            ts = serde_json::to_string(&typos.iter().map(|t| &t.0).collect::<Vec<_>>()).unwrap(),
        );
        let v = self.eval(&js);
        let times: Vec<f64> = serde_json::from_value(v["times"].clone()).unwrap();
        let tops: Vec<Vec<String>> = serde_json::from_value(v["tops"].clone()).unwrap();
        let typo_hits = tops
            .iter()
            .zip(typos)
            .filter(|(top, (_, slug))| {
                top.iter()
                    .any(|u| u.contains(&format!("/datasets/{slug}/")))
            })
            .count();
        Measured {
            cold,
            times,
            typo_hits,
        }
    }
}

fn serve(root: PathBuf) -> String {
    let (base, _stopper) = faircat::serve::serve_directory(root, "127.0.0.1").expect("serve");
    base
}

fn print_table(rows: &[(String, Vec<String>)]) {
    let heads = [
        "index build",
        "build peak RSS",
        "index on disk",
        "index gz / dataset",
        "search files",
        "startup data (gz)",
        "cold first query, Chromium (median / max, gz, client incl.)",
        "cold first query, Rust reference (median / max, gz, client incl.)",
        "query CPU Rust (p50 / p95, warm)",
        "query CPU JS in Chromium (p50 / p95, warm)",
        "one-typo queries: intended dataset in top 5",
        "the same queries without the typo: intended dataset in top 5",
    ];
    let mut out = String::from("| metric |");
    for (name, _) in rows {
        out.push_str(&format!(" {name} |"));
    }
    out.push_str("\n|---|");
    for _ in rows {
        out.push_str("---|");
    }
    out.push('\n');
    for (i, h) in heads.iter().enumerate() {
        out.push_str(&format!("| {h} |"));
        for (_, col) in rows {
            out.push_str(&format!(" {} |", col.get(i).map_or("", String::as_str)));
        }
        out.push('\n');
    }
    println!("{out}");
}
