//! The search client in headless Chromium against the bundled catalog, built and served on
//! 127.0.0.1: typing finds the right datasets, facets narrow with exact counts (checked against
//! the Rust reference of the query logic on the same files), the URL round-trips, the keyboard
//! works, no console errors and no request leaves 127.0.0.1. Fails, never skips, without
//! Debian's `chromium`.

use crate::{common, support};

use faircat::search::query::{self, Query, Sort};
use faircat::search::reader::StaticIndex;
use serde_json::Value;
use std::collections::BTreeMap;
use support::{Page, site};

const DROPDOWN_SLUGS: &str = "[...document.querySelectorAll('#search-results [role=option] a')]\
    .map(a => a.getAttribute('href')).filter(h => h.includes('datasets/'))\
    .map(h => h.split('datasets/')[1].replace(/\\/$/, ''))";

const PAGE_SLUGS: &str =
    "[...document.querySelectorAll('#search-page-results li')].map(li => li.dataset.slug)";

fn reference() -> StaticIndex {
    let dir = site().out.join("search");
    StaticIndex::open(move |p| std::fs::read(dir.join(p)).ok()).expect("open built index")
}

/// The reference's results, as the search page runs the query: the opened index with them.
fn reference_search(
    text: &str,
    filters: &[(&str, &str)],
    sort: Sort,
) -> (StaticIndex, query::Results) {
    let index = reference();
    let mut f: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (k, v) in filters {
        f.entry(k.to_string()).or_default().push(v.to_string());
    }
    let r = query::search(
        &index,
        &Query {
            text: text.into(),
            typing: !text.ends_with(' ') && !text.is_empty(),
            filters: f,
            sort,
            counts: true,
        },
    )
    .unwrap();
    (index, r)
}

/// The reference's result slugs and facet counts for what the search page runs.
fn expected(text: &str, filters: &[(&str, &str)]) -> (Vec<String>, BTreeMap<String, u32>) {
    let (index, r) = reference_search(text, filters, Sort::Relevance);
    let slugs = r
        .hits
        .iter()
        .map(|(d, _)| index.card(*d).unwrap().slug)
        .collect();
    let mut counts = BTreeMap::new();
    for (k, facet) in index.facets.iter().enumerate() {
        for (vi, v) in facet.values.iter().enumerate() {
            if r.counts[k][vi] > 0 {
                counts.insert(format!("{}/{}", facet.kind, v.0), r.counts[k][vi]);
            }
        }
    }
    (slugs, counts)
}

fn strings(v: Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap_or_default().to_string())
        .collect()
}

fn dropdown_after_typing(page: &Page, text: &str) -> Vec<String> {
    page.eval("(() => { const i = document.getElementById('search-input'); i.value = ''; i.dispatchEvent(new Event('input')); return true; })()");
    page.type_into("#search-input", text);
    page.wait_for("document.querySelectorAll('#search-results [role=option]').length > 0 && !document.getElementById('search-results').hidden");
    strings(page.settled(DROPDOWN_SLUGS))
}

#[test]
fn typing_in_the_header_finds_datasets_even_misspelled() {
    let _turn = support::one_at_a_time();
    let page = Page::open();
    page.goto("");
    page.wait_for("!!document.getElementById('search-input')");

    let lung = dropdown_after_typing(&page, "lung nodule");
    assert!(
        lung.iter().take(3).any(|s| s == "lidc-idri"),
        "lung nodule → {lung:?}"
    );

    let kidney = dropdown_after_typing(&page, "kidney tumour");
    assert!(
        kidney.iter().take(3).any(|s| s.starts_with("kits")),
        "kidney tumour → {kidney:?}"
    );

    let typo = dropdown_after_typing(&page, "lnug nodle");
    assert!(
        typo.iter().take(5).any(|s| s == "lidc-idri"),
        "lnug nodle → {typo:?}"
    );

    // The listbox is announced: a live count and the combobox wiring.
    let status = page.eval("document.querySelector('.site-header [role=status]').textContent");
    assert!(status.as_str().unwrap().contains("result"), "{status}");
    assert_eq!(
        page.eval("document.getElementById('search-input').getAttribute('aria-expanded')"),
        "true"
    );
    page.assert_clean();
}

#[test]
fn keyboard_moves_through_results_and_enter_opens_one() {
    let _turn = support::one_at_a_time();
    let page = Page::open();
    page.goto("");
    let slugs = dropdown_after_typing(&page, "kidney");
    assert!(slugs.len() >= 2, "{slugs:?}");
    page.press("ArrowDown");
    page.press("ArrowDown");
    let active =
        page.eval("document.getElementById('search-input').getAttribute('aria-activedescendant')");
    assert_eq!(active, "search-option-1");
    assert_eq!(
        page.eval("document.getElementById('search-option-1').getAttribute('aria-selected')"),
        "true"
    );
    page.press("Enter");
    page.wait_for(&format!(
        "location.pathname.endsWith('/datasets/{}/')",
        slugs[1]
    ));
    page.press("Escape");
    page.assert_clean();
}

#[test]
fn search_page_facets_narrow_with_exact_counts_and_the_url_round_trips() {
    let _turn = support::one_at_a_time();
    let page = Page::open();
    page.goto("search/?q=segmentation");
    page.wait_for("document.querySelectorAll('#search-page-results li').length > 0");
    let (want, counts) = expected("segmentation", &[]);
    let got = strings(page.settled(PAGE_SLUGS));
    assert_eq!(got, want.iter().take(20).cloned().collect::<Vec<_>>());
    assert_eq!(
        page_counts(&page),
        counts,
        "facet counts for 'segmentation'"
    );

    // Tick CT: results narrow to what the CT count said.
    let ct_count = counts["modality/ct"];
    page.tab
        .find_element("#facet-modality-ct")
        .expect("CT checkbox")
        .click()
        .expect("click");
    page.wait_for("location.search.includes('modality=ct')");
    let (want_ct, counts_ct) = expected("segmentation", &[("modality", "ct")]);
    assert_eq!(want_ct.len() as u32, ct_count);
    let got = strings(page.settled(PAGE_SLUGS));
    assert_eq!(got, want_ct.iter().take(20).cloned().collect::<Vec<_>>());
    assert_eq!(
        page_counts(&page),
        counts_ct,
        "facet counts with modality=ct"
    );
    let status = page.eval("document.getElementById('search-status').textContent");
    assert!(
        status
            .as_str()
            .unwrap()
            .starts_with(&format!("{ct_count} dataset")),
        "{status}"
    );

    // The URL holds the state: a fresh load shows the same search.
    let url = page
        .eval("location.pathname + location.search")
        .as_str()
        .unwrap()
        .to_string();
    let again = Page::open();
    again.goto(url.trim_start_matches('/'));
    again.wait_for("document.querySelectorAll('#search-page-results li').length > 0");
    assert_eq!(strings(again.settled(PAGE_SLUGS)), got);
    assert_eq!(
        again.eval("document.getElementById('search-page-input').value"),
        "segmentation"
    );
    assert_eq!(
        again.eval("document.getElementById('facet-modality-ct').checked"),
        true
    );
    page.assert_clean();
    again.assert_clean();
}

#[test]
fn shared_link_with_query_and_filter_restores_the_search() {
    let _turn = support::one_at_a_time();
    let page = Page::open();
    page.goto("search/?q=lung+nodule&modality=CT");
    page.wait_for("document.querySelectorAll('#search-page-results li').length > 0");
    assert_eq!(
        page.eval("document.getElementById('search-page-input').value"),
        "lung nodule"
    );
    assert_eq!(
        page.eval("document.getElementById('facet-modality-ct').checked"),
        true
    );
    let (want, _) = expected("lung nodule", &[("modality", "ct")]);
    let got = strings(page.settled(PAGE_SLUGS));
    assert_eq!(got, want.iter().take(20).cloned().collect::<Vec<_>>());
    // The three lung nodule datasets lead: LIDC-IDRI, LUNA16 (the challenge built on it) and
    // the QIN nodule segmentations of lung CT (IDC analysis result).
    let mut top: Vec<&str> = got.iter().take(3).map(String::as_str).collect();
    top.sort_unstable();
    assert_eq!(top, ["lidc-idri", "luna16", "qin-lungct-seg"], "{got:?}");
    // Highlighted snippets.
    let marks = page.eval("[...document.querySelectorAll('#search-page-results mark')].map(m => m.textContent.toLowerCase())");
    assert!(
        strings(marks).iter().any(|m| m.starts_with("nodul")),
        "query words are highlighted"
    );
    page.assert_clean();
}

#[test]
fn no_results_explains_and_suggests() {
    let _turn = support::one_at_a_time();
    let page = Page::open();
    page.goto("search/?q=kidnye+qqqzzzxx");
    page.wait_for("!document.getElementById('search-empty').hidden || document.querySelectorAll('#search-page-results li').length > 0");
    // "kidnye" is one transposition from "kidney": found; the nonsense word is reported.
    let status = page.settled("document.getElementById('search-status').textContent");
    assert!(
        status.as_str().unwrap().contains("no match for “qqqzzzxx”"),
        "{status}"
    );
    page.goto("search/?q=zzqqxxww");
    page.wait_for("!document.getElementById('search-empty').hidden");
    let text = page.eval("document.getElementById('search-empty').textContent");
    assert!(
        text.as_str()
            .unwrap()
            .contains("No datasets match “zzqqxxww”"),
        "{text}"
    );
    assert!(
        page.eval("document.getElementById('search-status').textContent")
            .as_str()
            .unwrap()
            .starts_with("0 datasets")
    );
    // Too short for typo tolerance, but close to a word of the catalog: suggested.
    page.goto("search/?q=lng");
    page.wait_for("!document.getElementById('search-empty').hidden && document.querySelectorAll('.search-suggestions a').length > 0");
    let suggestions =
        strings(page.eval(
            "[...document.querySelectorAll('.search-suggestions a')].map(a => a.textContent)",
        ));
    assert!(suggestions.iter().any(|s| s == "lung"), "{suggestions:?}");
    page.tab
        .find_element(".search-suggestions a")
        .expect("suggestion")
        .click()
        .expect("click");
    page.wait_for("document.querySelectorAll('#search-page-results li').length > 0");
    page.assert_clean();
}

/// The counts shown next to each facet value, as `kind/key → count`.
fn page_counts(page: &Page) -> BTreeMap<String, u32> {
    let v = page.eval(
        "[...document.querySelectorAll('#search-facets input[type=checkbox]')]\
         .map(i => [i.dataset.facet + '/' + i.value, Number(i.parentElement.querySelector('.facet-count').dataset.count)])",
    );
    let pairs: Vec<(String, u32)> = serde_json::from_value(v).unwrap();
    pairs.into_iter().filter(|(_, c)| *c > 0).collect()
}

/// A sharded index over a synthetic catalog, served with the client on its own: for one-typo
/// queries (at the first letters, inside short words, as the benchmark makes them) the client
/// expands every word as the Rust reference does, through the same neighbour groups, and ranks
/// the same datasets first.
#[test]
fn sharded_index_typos_in_the_client_are_the_reference() {
    use faircat::search::{Layout, index_files};
    use faircat::synth;
    let _turn = support::one_at_a_time();
    let dir = tempfile::tempdir().expect("temp dir");
    let catalog = synth::catalog(2000, 17);
    let files = index_files(&catalog, Layout::Sharded).expect("index");
    assert!(files.keys().any(|p| p.starts_with("n/")));
    for (path, bytes) in &files {
        let p = dir.path().join("search").join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
    std::fs::copy(
        common::repo_root().join("themes/default/static/search.js"),
        dir.path().join("search.js"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        "<!doctype html><meta charset=utf-8><title>t</title><link rel=icon href=\"data:,\">\
         <script type=module>\
         import * as fc from '/search.js'; window.fc = fc;</script>",
    )
    .unwrap();
    let (base, _stopper) =
        faircat::serve::serve_directory(dir.path().to_path_buf(), "127.0.0.1").expect("serve");

    let mut rng = synth::Rng::new(5);
    let mut queries = Vec::new();
    for d in catalog.datasets.iter().step_by(83) {
        let word = d.name.split(' ').next().unwrap().to_lowercase();
        let organ = &d.targets.pixel[0];
        let c: Vec<char> = word.chars().collect();
        let first: String = std::iter::once('x').chain(c[1..].iter().copied()).collect();
        queries.push(format!("{first} {organ}"));
        queries.push(format!("{} {organ}", synth::one_edit(&word, &mut rng)));
        let o: Vec<char> = organ.chars().collect();
        if o.len() >= 4 {
            let short: String = o
                .iter()
                .take(o.len() / 2)
                .chain(&o[o.len() / 2 + 1..])
                .collect();
            queries.push(format!("{word} {short}"));
        }
    }

    let page = Page::open();
    page.tab
        .navigate_to(&format!("{base}index.html"))
        .expect("navigate");
    page.wait_for("!!window.fc");
    let js = page.eval(&format!(
        "(async () => {{ const ix = await new fc.SearchIndex(new URL('/search/', location.href)).open();\
         const out = []; for (const q of {qs}) {{ const r = await fc.search(ix, {{text: q}});\
         out.push({{words: r.words.map(w => [w.word, w.terms]), top: r.hits.slice(0, 10).map(h => h[0]), total: r.hits.length}}); }}\
         return out; }})()",
        qs = serde_json::to_string(&queries).unwrap()
    ));
    let js = js.as_array().expect("client results");
    assert_eq!(js.len(), queries.len());

    let index = {
        let files = std::sync::Arc::new(files);
        StaticIndex::open(move |p| files.get(p).cloned()).expect("open")
    };
    let mut expanded_by_typo = 0;
    for (q, got) in queries.iter().zip(js) {
        let r = query::search(
            &index,
            &Query {
                text: q.clone(),
                ..Query::default()
            },
        )
        .unwrap();
        let words: Vec<(String, Vec<(String, f64)>)> = r
            .words
            .iter()
            .map(|w| (w.word.clone(), w.terms.clone()))
            .collect();
        let top: Vec<u32> = r.hits.iter().take(10).map(|h| h.0).collect();
        let got_words: Vec<(String, Vec<(String, f64)>)> =
            serde_json::from_value(got["words"].clone()).unwrap();
        assert_eq!(got_words, words, "{q}: words");
        assert_eq!(got["top"], serde_json::json!(top), "{q}: top ten");
        assert_eq!(got["total"], serde_json::json!(r.hits.len()), "{q}: hits");
        if words.iter().any(|(_, t)| t.iter().any(|(_, wt)| *wt < 1.0)) {
            expanded_by_typo += 1;
        }
    }
    assert!(
        expanded_by_typo * 2 >= queries.len(),
        "only {expanded_by_typo} of {} queries used a typo match",
        queries.len()
    );
    page.assert_clean();
}

/// The reference's doc ids, in order, for a query with filters and a sort.
fn reference_order(text: &str, filters: &[(&str, &str)], sort: Sort) -> (StaticIndex, Vec<u32>) {
    let (index, r) = reference_search(text, filters, sort);
    let docs = r.hits.iter().map(|(d, _)| *d).collect();
    (index, docs)
}

fn slugs_of(index: &StaticIndex, docs: &[u32]) -> Vec<String> {
    docs.iter().map(|d| index.card(*d).unwrap().slug).collect()
}

#[test]
fn sorting_by_readiness_subjects_scans_and_year_is_the_references() {
    let _turn = support::one_at_a_time();
    let page = Page::open();
    page.goto("search/?modality=mr");
    page.wait_for("document.querySelectorAll('#search-page-results li').length > 0");
    for (sort, name) in Sort::ALL {
        if sort.column().is_none() {
            continue;
        }
        page.eval(&format!(
            "(() => {{ const s = document.getElementById('search-sort'); s.value = '{name}'; \
             s.dispatchEvent(new Event('change')); return true; }})()"
        ));
        page.wait_for(&format!("location.search.includes('sort={name}')"));
        let (index, docs) = reference_order("", &[("modality", "mr")], sort);
        let want: Vec<String> = slugs_of(&index, &docs).into_iter().take(20).collect();
        assert_eq!(strings(page.settled(PAGE_SLUGS)), want, "sort={name}");
    }
    // The order is in the URL: a fresh load keeps it.
    let again = Page::open();
    again.goto("search/?modality=mr&sort=scans");
    again.wait_for("document.querySelectorAll('#search-page-results li').length > 0");
    assert_eq!(
        again.eval("document.getElementById('search-sort').value"),
        "scans"
    );
    let (index, docs) = reference_order("", &[("modality", "mr")], Sort::Scans);
    let want: Vec<String> = slugs_of(&index, &docs).into_iter().take(20).collect();
    assert_eq!(strings(again.settled(PAGE_SLUGS)), want);
    page.assert_clean();
    again.assert_clean();
}

#[test]
fn readiness_and_commercial_use_facets_narrow_with_exact_counts() {
    let _turn = support::one_at_a_time();
    let page = Page::open();
    page.goto("search/");
    page.wait_for("document.querySelectorAll('#search-page-results li').length > 0");
    let (_, counts) = expected("", &[]);
    assert!(
        counts.keys().any(|k| k.starts_with("readiness/level-")),
        "{counts:?}"
    );
    assert_eq!(page_counts(&page), counts);
    for (id, filters) in [
        ("#facet-commercial-use-yes", vec![("commercial-use", "yes")]),
        (
            "#facet-readiness-level-2",
            vec![("commercial-use", "yes"), ("readiness", "level-2")],
        ),
    ] {
        page.tab.find_element(id).expect(id).click().expect("click");
        let (want, counts) = expected("", &filters);
        let (kind, key) = filters.last().unwrap();
        page.wait_for(&format!("location.search.includes('{kind}={key}')"));
        assert_eq!(
            strings(page.settled(PAGE_SLUGS)),
            want.iter().take(20).cloned().collect::<Vec<_>>()
        );
        assert_eq!(page_counts(&page), counts, "{filters:?}");
    }
    page.assert_clean();
}

/// The totals the page shows: `[datasets, [subjects known, unknown], [scans known, unknown]]`
/// for the whole selection (`tr` = None) or one modality's row.
fn shown_totals(page: &Page, row: Option<&str>) -> (u64, (u64, u64), (u64, u64)) {
    let scope = match row {
        Some(code) => format!("document.querySelector('#search-totals tr[data-modality={code}]')"),
        None => "document.querySelector('#search-totals .search-totals-summary')".to_string(),
    };
    let v = page.eval(&format!(
        "(() => {{ const s = {scope}; if (!s) return null; \
           const n = (t) => s.querySelector(`[data-total=${{t}}]`); \
           const c = (t) => [Number(n(t).dataset.known), Number(n(t).dataset.unknown)]; \
           return [Number(n('datasets').textContent.replace(/,/g, '')), c('subjects'), c('scans')]; }})()"
    ));
    serde_json::from_value(v).unwrap_or_else(|e| panic!("totals of {row:?}: {e}"))
}

/// Totals counted in the test from `api/catalog.json`: datasets whose modalities include one
/// of `modalities` and whose commercial use is `commercial`.
fn totals_from_api(
    api: &Value,
    modalities: &[&str],
    commercial: &str,
    only: Option<&str>,
) -> (u64, (u64, u64), (u64, u64)) {
    let mut t = (0, (0, 0), (0, 0));
    for d in api["datasets"].as_array().unwrap() {
        let codes: Vec<String> = d["modalities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["code"].as_str().unwrap().to_ascii_lowercase())
            .collect();
        if !modalities.iter().any(|m| codes.iter().any(|c| c == m))
            || d["readiness"]["commercial_use"] != commercial
            || only.is_some_and(|o| !codes.iter().any(|c| c == o))
        {
            continue;
        }
        t.0 += 1;
        match d["subjects"].as_u64() {
            Some(n) => t.1.0 += n,
            None => t.1.1 += 1,
        }
        match d["scans"].as_u64() {
            Some(n) => t.2.0 += n,
            None => t.2.1 += 1,
        }
    }
    t
}

#[test]
fn totals_of_the_selection_are_those_counted_from_the_json_api() {
    let _turn = support::one_at_a_time();
    let api: Value = serde_json::from_slice(
        &std::fs::read(site().out.join("api/catalog.json")).expect("api/catalog.json"),
    )
    .unwrap();
    let page = Page::open();
    page.goto("search/?modality=ct&modality=pt&commercial-use=yes");
    page.wait_for("!!document.querySelector('#search-totals [data-total=datasets]')");
    let want = totals_from_api(&api, &["ct", "pt"], "yes", None);
    assert!(want.0 > 10 && want.1.1 > 0 && want.2.1 > 0, "{want:?}");
    assert_eq!(shown_totals(&page, None), want);
    for code in ["ct", "pt"] {
        assert_eq!(
            shown_totals(&page, Some(code)),
            totals_from_api(&api, &["ct", "pt"], "yes", Some(code)),
            "modality {code}"
        );
    }
    let status = page.eval("document.getElementById('search-status').textContent");
    assert!(
        status
            .as_str()
            .unwrap()
            .starts_with(&format!("{} dataset", want.0)),
        "{status}"
    );
    // "unknown" is written out, never shown as a zero.
    let text = page
        .eval("document.getElementById('search-totals').textContent")
        .as_str()
        .unwrap()
        .to_string();
    assert!(text.contains("unknown for"), "{text}");

    // Typing narrows the totals with the results.
    page.eval(
        "(() => { const i = document.getElementById('search-page-input'); i.value = 'lung'; \
         i.dispatchEvent(new Event('input')); return true; })()",
    );
    page.wait_for("location.search.includes('q=lung')");
    let (index, docs) = reference_order(
        "lung",
        &[
            ("modality", "ct"),
            ("modality", "pt"),
            ("commercial-use", "yes"),
        ],
        Sort::Relevance,
    );
    let reference = faircat::search::selection::totals(&index, &docs).unwrap();
    let shown =
        page.settled("document.querySelector('#search-totals [data-total=datasets]').textContent");
    assert_eq!(shown, reference.all.datasets.to_string());
    let got = shown_totals(&page, None);
    assert_eq!(
        got,
        (
            u64::from(reference.all.datasets),
            (
                reference.all.subjects.known,
                u64::from(reference.all.subjects.unknown)
            ),
            (
                reference.all.scans.known,
                u64::from(reference.all.scans.unknown)
            ),
        )
    );
    page.assert_clean();
}

/// Click a download button and return the text of the file it made.
fn download(page: &Page, kind: &str) -> String {
    page.eval(
        "(() => { if (!window.__made) { window.__made = []; const make = URL.createObjectURL; \
           URL.createObjectURL = (blob) => { window.__made.push(blob); return make(blob); }; } \
           window.__made.length = 0; return true; })()",
    );
    page.tab
        .find_element(&format!("#search-download-{kind}"))
        .expect("download button")
        .click()
        .expect("click");
    page.wait_for("window.__made.length === 1");
    page.eval("window.__made[0].text()")
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn the_selection_downloads_as_csv_bibtex_and_access_links() {
    let _turn = support::one_at_a_time();
    let page = Page::open();
    page.goto("search/?q=brain&access=public&sort=subjects");
    page.wait_for("document.querySelectorAll('#search-page-results li').length > 0");
    let (index, docs) = reference_order("brain", &[("access", "public")], Sort::Subjects);
    let slugs = slugs_of(&index, &docs);
    assert!(
        slugs.len() > 20,
        "more results than one page shows: {}",
        slugs.len()
    );

    // CSV: catalog.csv's header and, in result order, each dataset's own line of catalog.csv.
    let csv = download(&page, "csv");
    let catalog_csv =
        String::from_utf8(std::fs::read(site().out.join("catalog.csv")).unwrap()).unwrap();
    let header = catalog_csv.split_inclusive("\r\n").next().unwrap();
    assert!(csv.starts_with(header), "{}", &csv[..200.min(csv.len())]);
    let mut want = header.to_string();
    for &d in &docs {
        want.push_str(index.record(d).unwrap()[0].as_str().unwrap());
    }
    assert_eq!(csv, want);
    for slug in &slugs {
        let line = csv
            .split("\r\n")
            .find(|l| l.starts_with(&format!("{slug},")))
            .unwrap();
        assert!(
            catalog_csv.contains(line),
            "{slug}: row differs from catalog.csv"
        );
    }

    // BibTeX: each dataset's record (key = slug) and its publications.
    let bib = download(&page, "bib");
    for slug in &slugs {
        assert_eq!(
            bib.matches(&format!("{{{slug},")).count(),
            1,
            "one record keyed {slug}"
        );
    }
    assert_eq!(
        bib.matches("@misc{").count(),
        docs.iter()
            .map(|&d| index.record(d).unwrap()[1]
                .as_str()
                .unwrap()
                .matches("@misc{")
                .count())
            .sum::<usize>()
    );

    // Access links: every dataset, in result order, with its route and files.
    let json: Value = serde_json::from_str(&download(&page, "json")).unwrap();
    assert_eq!(json["count"], slugs.len());
    assert_eq!(json["query"], "brain");
    let got: Vec<String> = json["datasets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["slug"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(got, slugs);
    for d in json["datasets"].as_array().unwrap() {
        assert_eq!(d["access"], "public");
        assert!(d["page"].as_str().unwrap().contains("datasets/"), "{d}");
    }
    let status = page.eval("document.getElementById('search-download-status').textContent");
    assert_eq!(
        status,
        format!("faircat-selection-access.json: {} datasets", slugs.len())
    );
    page.assert_clean();
}
