//! The search client in headless Chromium against the bundled catalog, built and served on
//! 127.0.0.1: typing finds the right datasets, facets narrow with exact counts (checked against
//! the Rust reference of the query logic on the same files), the URL round-trips, the keyboard
//! works, no console errors and no request leaves 127.0.0.1. Fails, never skips, without
//! Debian's `chromium`.

use crate::{common, support};

use faircat::search::query::{self, Query};
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

/// The reference's result slugs and facet counts for what the search page runs.
fn expected(text: &str, filters: &[(&str, &str)]) -> (Vec<String>, BTreeMap<String, u32>) {
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
            counts: true,
            ..Query::default()
        },
    )
    .unwrap();
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
    // The two lung nodule datasets lead: LIDC-IDRI and LUNA16, the challenge built on it.
    let mut top: Vec<&str> = got.iter().take(2).map(String::as_str).collect();
    top.sort_unstable();
    assert_eq!(top, ["lidc-idri", "luna16"], "{got:?}");
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
