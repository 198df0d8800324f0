//! The exported search index, read back through the Rust reference of the client's query logic
//! and held to tantivy's own ranking, in both layouts (bundle and shards).

use crate::common;

use faircat::model::Catalog;
use faircat::search::build::{self, Analysed};
use faircat::search::query::{self, Query, Sort};
use faircat::search::reader::StaticIndex;
use faircat::search::{Layout, format, index_files};
use faircat::synth;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, OnceLock};

struct Shared {
    catalog: Catalog,
    analysed: Analysed,
    files: Arc<BTreeMap<String, Vec<u8>>>,
}

struct Built {
    catalog: &'static Catalog,
    analysed: &'static Analysed,
    files: Arc<BTreeMap<String, Vec<u8>>>,
    index: StaticIndex,
}

/// A synthetic catalog of 300 datasets (bundled) or 2,000 (sharded), built once per test binary.
fn built(layout: Layout) -> Built {
    static BUNDLE: OnceLock<Shared> = OnceLock::new();
    static SHARDED: OnceLock<Shared> = OnceLock::new();
    let (cell, n) = match layout {
        Layout::Bundle => (&BUNDLE, 300),
        Layout::Sharded => (&SHARDED, 2000),
    };
    let shared = cell.get_or_init(|| {
        let catalog = synth::catalog(n, 42);
        let analysed = build::analyse(&catalog).expect("tantivy index");
        let files = Arc::new(format::files(&catalog, &analysed, layout));
        Shared {
            catalog,
            analysed,
            files,
        }
    });
    let f = shared.files.clone();
    let index = StaticIndex::open(move |p| f.get(p).cloned()).expect("open index");
    Built {
        catalog: &shared.catalog,
        analysed: &shared.analysed,
        files: shared.files.clone(),
        index,
    }
}

fn slug(b: &Built, doc: u32) -> String {
    b.index.card(doc).unwrap().slug
}

fn run(index: &StaticIndex, text: &str, typing: bool) -> query::Results {
    query::search(
        index,
        &Query {
            text: text.into(),
            typing,
            ..Query::default()
        },
    )
    .unwrap()
}

/// Queries made of words of real entries: names, organs, findings, tasks.
fn sample_queries(b: &Built) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let step = (b.catalog.datasets.len() / 25).max(1);
    for (k, d) in b.catalog.datasets.iter().enumerate().step_by(step).take(25) {
        let words: Vec<String> = d.name.split(' ').map(str::to_lowercase).collect();
        let q = match k % 3 {
            0 => vec![words[1].clone()],
            1 => vec![words[1].clone(), d.targets.pixel.last().unwrap().clone()],
            _ => vec![words[0].clone(), words[1].clone()],
        };
        out.push(q);
    }
    out.push(vec!["segmentation".into()]);
    out.push(vec!["lung".into(), "nodule".into()]);
    out
}

/// The reference's scores are tantivy's up to quantisation, and its top 10 are tantivy's top 10
/// up to ties within that error.
fn agrees_with_tantivy(b: &Built) {
    let err = b.index.quant.relative_error();
    assert!(err < 0.03, "quantisation error {err}");
    let mut checked = 0;
    for words in sample_queries(b) {
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        let expected = b.analysed.tantivy_top_k(&refs, 10).unwrap();
        let got = run(&b.index, &words.join(" "), false);
        assert!(!got.fallback);
        assert_eq!(expected.is_empty(), got.hits.is_empty(), "{words:?}");
        let scores: BTreeMap<u32, f64> = got.hits.iter().copied().collect();
        for (doc, score) in &expected {
            let mine = scores
                .get(doc)
                .unwrap_or_else(|| panic!("{words:?}: doc {doc} missing"));
            let rel = (mine - f64::from(*score)).abs() / f64::from(*score);
            assert!(
                rel <= err * 1.01 + 1e-6,
                "{words:?}: doc {doc}: {mine} vs tantivy {score}"
            );
        }
        if let Some(kth) = expected.last() {
            for (doc, score) in got.hits.iter().take(expected.len()) {
                assert!(
                    *score >= f64::from(kth.1) * (1.0 - 2.0 * err) - 1e-9,
                    "{words:?}: doc {doc} ({score}) is not in tantivy's top {}",
                    expected.len()
                );
            }
            assert!(
                got.hits[0].1 >= f64::from(expected[0].1) * (1.0 - 2.0 * err),
                "{words:?}: best hit {} scores below tantivy's best",
                got.hits[0].0
            );
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} queries had results");
}

#[test]
fn bundle_layout_is_one_file_and_agrees_with_tantivy() {
    let b = built(Layout::Bundle);
    // What a query reads is in the bundle; only the selection's downloadable records are not.
    let names: Vec<&String> = b.files.keys().filter(|p| !p.starts_with("r/")).collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names[0].starts_with("bundle.") && names[1] == "manifest.json");
    agrees_with_tantivy(&b);
}

#[test]
fn sharded_layout_agrees_with_tantivy_and_stays_within_file_budget() {
    let b = built(Layout::Sharded);
    let n = b.catalog.datasets.len();
    assert!(b.files.len() <= n / 8 + 2000, "{} files", b.files.len());
    assert!(
        b.files.keys().any(|p| p.starts_with("d/")) && b.files.keys().any(|p| p.starts_with("p/"))
    );
    // Every file but the manifest carries a content hash in its name.
    for (path, bytes) in b.files.iter() {
        if path == "manifest.json" {
            continue;
        }
        let name = path.rsplit('/').next().unwrap();
        let hash = name.split('.').rev().nth(1).unwrap();
        assert_eq!(hash.len(), 10, "{path}");
        if path.starts_with("d/") || path.starts_with("f/") || path.starts_with("cols.") {
            assert_eq!(hash, faircat::output::content_hash(bytes), "{path}");
        }
    }
    agrees_with_tantivy(&b);
    // A query touches only a few files.
    let fresh = {
        let f = b.files.clone();
        StaticIndex::open(move |p| f.get(p).cloned()).unwrap()
    };
    let r = run(&fresh, "lung nodule", true);
    for &(doc, _) in r.hits.iter().take(10) {
        fresh.card(doc).unwrap();
    }
    let touched = fresh.fetched.borrow().len();
    assert!(
        touched <= 20,
        "{touched} files for one query: {:?}",
        fresh.fetched.borrow()
    );
}

#[test]
fn one_typo_finds_the_intended_dataset() {
    let b = built(Layout::Sharded);
    let mut rng = synth::Rng::new(9);
    let (mut found, mut total) = (0, 0);
    for d in b.catalog.datasets.iter().step_by(61) {
        let word = d.name.split(' ').next().unwrap().to_lowercase();
        let organ = d.targets.pixel[0].clone();
        let typo = synth::one_edit(&word, &mut rng);
        let r = run(&b.index, &format!("{typo} {organ}"), false);
        total += 1;
        if r.hits
            .iter()
            .take(5)
            .any(|(doc, _)| slug(&b, *doc) == d.slug)
        {
            found += 1;
        }
    }
    assert!(
        found * 10 >= total * 8,
        "{found}/{total} one-typo queries found their dataset"
    );
}

/// One edit at the first letter moves a word to another dictionary shard, and at 100,000
/// datasets one inside a short word may move it out of both its prefix and its suffix shard: the
/// neighbour groups of the misspelt word hold it either way.
#[test]
fn typos_at_the_first_letter_and_inside_short_words_are_found_through_neighbour_groups() {
    let b = built(Layout::Sharded);
    let mut cases: Vec<(String, String)> = Vec::new();
    for d in b.catalog.datasets.iter().step_by(97) {
        let word = d.name.split(' ').next().unwrap().to_lowercase();
        let c: Vec<char> = word.chars().collect();
        let first = if c[0] == 'x' { 'q' } else { 'x' };
        cases.push((
            word.clone(),
            std::iter::once(first)
                .chain(c[1..].iter().copied())
                .collect(),
        ));
        cases.push((word.clone(), c[1..].iter().collect()));
        cases.push((word.clone(), [c[1], c[0]].iter().chain(&c[2..]).collect()));
    }
    for organ in ["lung", "liver", "brain", "heart", "kidney"] {
        let c: Vec<char> = organ.chars().collect();
        let mid = c.len() / 2;
        let mut sub = c.clone();
        sub[mid] = if sub[mid] == 'x' { 'q' } else { 'x' };
        cases.push((organ.into(), sub.into_iter().collect()));
        let mut del = c.clone();
        del.remove(mid);
        cases.push((organ.into(), del.into_iter().collect()));
    }
    let (mut checked, mut elsewhere) = (0, 0);
    for (word, typo) in &cases {
        if b.analysed.surface.contains_key(typo)
            || !b.analysed.surface.contains_key(word)
            || typo.chars().count() < 4
        {
            continue;
        }
        checked += 1;
        let neighbours = b.index.neighbours(typo).unwrap();
        assert!(
            neighbours.iter().any(|(w, _)| w == word),
            "{typo}: {word} not among its neighbours"
        );
        let expanded = query::expand(&b.index, typo, false).unwrap();
        assert!(
            expanded.iter().any(|(w, _, _)| w == word),
            "{typo} does not expand to {word}: {expanded:?}"
        );
        if !b.index.prefix_shard_for(typo).unwrap().contains_key(word) {
            elsewhere += 1;
        }
    }
    assert!(checked >= 40, "only {checked} cases");
    assert!(
        elsewhere * 4 >= checked,
        "only {elsewhere} of {checked} typos land in another dictionary shard than their word"
    );
}

#[test]
fn sharded_index_is_deterministic() {
    let catalog = synth::catalog(600, 5);
    let a = index_files(&catalog, Layout::Sharded).unwrap();
    let b = index_files(&catalog, Layout::Sharded).unwrap();
    assert!(a.keys().any(|p| p.starts_with("n/")));
    assert_eq!(a, b);
}

#[test]
fn the_build_writes_the_files_the_checked_index_has() {
    // The build consumes its analysis (`index_files`); the tests here check `format::files`
    // of an analysis they keep. Both must give the same files.
    let catalog = synth::catalog(600, 5);
    for layout in [Layout::Sharded, Layout::Bundle] {
        let analysed = build::analyse(&catalog).unwrap();
        let kept = format::files(&catalog, &analysed, layout);
        assert_eq!(index_files(&catalog, layout).unwrap(), kept);
        assert_eq!(format::into_files(&catalog, analysed, layout), kept);
    }
}

#[test]
fn last_word_matches_as_prefix_while_typing() {
    let b = built(Layout::Bundle);
    let typed = run(&b.index, "lung nod", true);
    assert!(!typed.hits.is_empty());
    let words = &typed.words[1];
    assert!(
        words.terms.iter().any(|(w, _)| w.starts_with("nodule")),
        "{words:?}"
    );
    let done = run(&b.index, "lung nod", false);
    assert!(
        done.words[1]
            .terms
            .iter()
            .all(|(w, _)| !w.starts_with("nodule"))
    );
}

#[test]
fn and_falls_back_to_most_words_and_ignores_unknown_words() {
    let b = built(Layout::Bundle);
    let r = run(&b.index, "lung qqqqzzzz", false);
    assert!(!r.hits.is_empty());
    assert!(r.words[1].terms.is_empty());
    let lung = run(&b.index, "lung", false);
    assert_eq!(r.hits.len(), lung.hits.len());
    assert!(
        run(&b.index, "qqqqzzzz", false).hits.is_empty(),
        "unknown words alone match nothing"
    );
    // Two words that never meet in one name: the result is an OR, flagged.
    let a = b.catalog.datasets[0]
        .name
        .split(' ')
        .next()
        .unwrap()
        .to_lowercase();
    let c = b.catalog.datasets[1]
        .name
        .split(' ')
        .next()
        .unwrap()
        .to_lowercase();
    let r = run(&b.index, &format!("{a} {c}"), false);
    assert!(r.fallback, "{a} {c}");
    let top: BTreeSet<String> = r.hits.iter().take(2).map(|(d, _)| slug(&b, *d)).collect();
    assert!(top.contains(&b.catalog.datasets[0].slug) && top.contains(&b.catalog.datasets[1].slug));
}

#[test]
fn facet_filters_and_counts_are_exact() {
    let b = built(Layout::Sharded);
    let mut filters = BTreeMap::new();
    filters.insert("modality".to_string(), vec!["ct".to_string()]);
    filters.insert(
        "access".to_string(),
        vec!["public".to_string(), "registration".to_string()],
    );
    let q = Query {
        text: "kidney".into(),
        typing: false,
        filters: filters.clone(),
        sort: Sort::Year,
        counts: true,
    };
    let r = query::search(&b.index, &q).unwrap();

    let text_docs: BTreeSet<String> = run(&b.index, "kidney", false)
        .hits
        .iter()
        .map(|(d, _)| slug(&b, *d))
        .collect();
    let has = |d: &faircat::model::Dataset, kind: &str| -> bool {
        let kind = faircat::model::FacetKind::ALL
            .into_iter()
            .find(|k| k.slug() == kind)
            .unwrap();
        let keys: Vec<String> = faircat::model::facet_values(kind, d)
            .into_iter()
            .map(|v| v.0)
            .collect();
        filters[kind.slug()].iter().any(|k| keys.contains(k))
    };
    let expected: BTreeSet<String> = b
        .catalog
        .datasets
        .iter()
        .filter(|d| text_docs.contains(&d.slug) && has(d, "modality") && has(d, "access"))
        .map(|d| d.slug.clone())
        .collect();
    let got: BTreeSet<String> = r.hits.iter().map(|(d, _)| slug(&b, *d)).collect();
    assert_eq!(got, expected);
    assert!(!got.is_empty());

    // Sorted by year, newest first.
    let years: Vec<i64> = r
        .hits
        .iter()
        .map(|(d, _)| b.index.card(*d).unwrap().year)
        .collect();
    assert!(years.windows(2).all(|w| w[0] >= w[1]), "{years:?}");

    // Counts of the modality values ignore the modality filter but honour text and access.
    let kind = b
        .index
        .facets
        .iter()
        .position(|f| f.kind == "modality")
        .unwrap();
    for (vi, value) in b.index.facets[kind].values.iter().enumerate() {
        let expected = b
            .catalog
            .datasets
            .iter()
            .filter(|d| text_docs.contains(&d.slug) && has(d, "access"))
            .filter(|d| {
                d.modalities
                    .iter()
                    .any(|m| m.code.to_ascii_lowercase() == value.0)
            })
            .count() as u32;
        assert_eq!(
            r.counts[kind][vi], expected,
            "count of modality {}",
            value.0
        );
    }
}

#[test]
fn index_is_deterministic_and_reaches_the_site() {
    let catalog = synth::catalog(200, 3);
    let a = index_files(&catalog, Layout::Bundle).unwrap();
    let b = index_files(&catalog, Layout::Bundle).unwrap();
    assert_eq!(a, b);
    let mut out = faircat::output::Output::new();
    out.run(vec![faircat::search::job(&catalog)]).unwrap();
    assert!(out.get("search/manifest.json").is_some());
    let manifest: serde_json::Value =
        serde_json::from_slice(out.get("search/manifest.json").unwrap()).unwrap();
    assert!(
        manifest["bundle"].as_str().is_some(),
        "small catalogs are bundled"
    );
    assert!(
        out.get(&format!("search/{}", manifest["bundle"].as_str().unwrap()))
            .is_some()
    );
}

#[test]
fn client_never_inserts_entry_text_as_html() {
    let js = std::fs::read_to_string(common::repo_root().join("themes/default/static/search.js"))
        .unwrap();
    for bad in [
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
    ] {
        assert!(!js.contains(bad), "search.js uses {bad}");
    }
}

/// A synthetic catalog where some entries lack subjects, scans or year: what "unknown" means.
fn with_gaps(n: usize, layout: Layout) -> (Catalog, StaticIndex, BTreeMap<String, Vec<u8>>) {
    let mut datasets = synth::datasets(n, 11);
    for (i, d) in datasets.iter_mut().enumerate() {
        if i % 3 == 0 {
            d.subjects = None;
        }
        if i % 5 == 0 {
            d.scans = None;
        }
        if i % 7 == 0 {
            d.year = None;
        }
    }
    let config = synth::catalog(1, 11).config;
    let catalog = Catalog::assemble(config, "Gaps.".into(), datasets);
    let files = index_files(&catalog, layout).unwrap();
    let shared = Arc::new(files.clone());
    let index = StaticIndex::open(move |p| shared.get(p).cloned()).unwrap();
    (catalog, index, files)
}

#[test]
fn every_sort_orders_by_its_value_with_unknown_last() {
    for layout in [Layout::Bundle, Layout::Sharded] {
        let (catalog, index, _) =
            with_gaps(if layout == Layout::Bundle { 150 } else { 600 }, layout);
        let by_slug: BTreeMap<&str, usize> = catalog
            .datasets
            .iter()
            .enumerate()
            .map(|(i, d)| (d.slug.as_str(), i))
            .collect();
        for (sort, name) in Sort::ALL {
            if sort.column().is_none() {
                continue;
            }
            let r = query::search(
                &index,
                &Query {
                    sort,
                    ..Query::default()
                },
            )
            .unwrap();
            assert_eq!(r.hits.len(), catalog.datasets.len(), "{name}");
            let values: Vec<Option<u64>> = r
                .hits
                .iter()
                .map(|(doc, _)| {
                    let i = by_slug[index.card(*doc).unwrap().slug.as_str()];
                    let d = &catalog.datasets[i];
                    match sort {
                        Sort::Readiness => Some(u64::from(catalog.readiness[i].level)),
                        Sort::Subjects => d.subjects,
                        Sort::Scans => d.scans,
                        Sort::Year => d.year.map(|y| y as u64),
                        _ => unreachable!(),
                    }
                })
                .collect();
            let known = values.iter().take_while(|v| v.is_some()).count();
            assert!(
                values[known..].iter().all(Option::is_none),
                "{name}: unknown values sort last"
            );
            assert!(known > 0, "{name}");
            // Sort keys are one byte (a log scale for counts): order holds up to that resolution,
            // so check that no value is followed by one more than twice as large.
            for w in values[..known].windows(2) {
                let (a, b) = (w[0].unwrap(), w[1].unwrap());
                assert!(b <= a.max(1) * 2 || b <= a + 1, "{name}: {a} before {b}");
            }
            if matches!(sort, Sort::Readiness | Sort::Year) {
                assert!(
                    values[..known].windows(2).all(|w| w[0] >= w[1]),
                    "{name}: exact order"
                );
            }
        }
    }
}

#[test]
fn selection_totals_and_records_are_the_catalogs() {
    use faircat::search::selection::{self, Totals};
    for layout in [Layout::Bundle, Layout::Sharded] {
        let (catalog, index, files) =
            with_gaps(if layout == Layout::Bundle { 150 } else { 600 }, layout);
        let mut filters = BTreeMap::new();
        filters.insert(
            "modality".to_string(),
            vec!["ct".to_string(), "mr".to_string()],
        );
        let r = query::search(
            &index,
            &Query {
                filters,
                ..Query::default()
            },
        )
        .unwrap();
        let docs: Vec<u32> = r.hits.iter().map(|(d, _)| *d).collect();
        let got = selection::totals(&index, &docs).unwrap();

        // The same totals, counted from the catalog's own entries.
        let chosen: Vec<&faircat::model::Dataset> = catalog
            .datasets
            .iter()
            .map(|d| &**d)
            .filter(|d| {
                d.modalities
                    .iter()
                    .any(|m| m.code == "CT" || m.code == "MR")
            })
            .collect();
        let mut want = Totals::default();
        for d in &chosen {
            want.add(d.subjects, d.scans);
        }
        assert_eq!(got.all, want, "{layout:?}");
        assert!(want.subjects.unknown > 0 && want.scans.unknown > 0 && want.subjects.known > 0);
        assert_eq!(
            want.subjects.known,
            chosen.iter().filter_map(|d| d.subjects).sum::<u64>(),
            "unknown subjects are not counted as zero and not guessed"
        );
        for (code, t) in &got.by_modality {
            let mut w = Totals::default();
            for d in chosen.iter().filter(|d| {
                d.modalities
                    .iter()
                    .any(|m| m.code.eq_ignore_ascii_case(code))
            }) {
                w.add(d.subjects, d.scans);
            }
            assert_eq!(*t, w, "{layout:?} modality {code}");
        }
        assert!(got.by_modality.iter().any(|(c, _)| c == "ct"));

        // Records: the catalog.csv row, the BibTeX and the access links of each doc.
        for &doc in docs.iter().take(40) {
            let card = index.card(doc).unwrap();
            let d = catalog
                .datasets
                .iter()
                .find(|d| d.slug == card.slug)
                .unwrap();
            let rec = index.record(doc).unwrap();
            assert_eq!(rec[0], faircat::metadata::csv::row_line(&catalog, d));
            assert_eq!(rec[1], faircat::cite::bibtex(d));
            assert_eq!(rec[2]["slug"], d.slug.as_str());
            assert_eq!(
                rec[2]["downloads"].as_array().unwrap().len(),
                d.downloads.len()
            );
        }
        assert_eq!(index.csv_header, faircat::metadata::csv::header_line());

        // Records never sit in a bundle: the header search on every page does not fetch them.
        let manifest: serde_json::Value = serde_json::from_slice(&files["manifest.json"]).unwrap();
        assert!(files.keys().any(|p| p.starts_with("r/")));
        if let Some(bundle) = manifest["bundle"].as_str() {
            let bytes = &files[bundle];
            let len = u32::from_le_bytes(bytes[..4].try_into().unwrap()) as usize;
            let header = String::from_utf8_lossy(&bytes[4..4 + len]);
            assert!(!header.contains("\"r/"), "{header}");
            assert!(header.contains("\"nums."), "{header}");
        }
    }
}
