//! The search query logic's Rust reference (the spec the browser client follows) over the
//! bundled catalog's built index: any query text, typing flag, filters and sort give results
//! whose hits are distinct known documents, never a panic.
#![no_main]

use faircat::search::query::{self, Query, Sort};
use faircat::search::reader::StaticIndex;
use libfuzzer_sys::fuzz_target;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::OnceLock;

/// The bundled catalog's search folder, built once per fuzzing process.
fn search_dir() -> &'static PathBuf {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("public");
        faircat::site::build(&faircat::site::BuildOptions {
            root: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".."),
            out: out.clone(),
            base_url: None,
            deny_warnings: false,
            progress: false,
        })
        .expect("the bundled catalog builds");
        (dir, out.join("search"))
    })
    .1
}

fuzz_target!(|data: &[u8]| {
    let (head, text) = data.split_at(data.len().min(2));
    let flags = head.first().copied().unwrap_or(0);
    let Ok(text) = std::str::from_utf8(text) else {
        return;
    };
    // A filter from the text's last word, on a facet kind picked by the second byte.
    let kinds = ["modality", "anatomy", "label", "license", "access", "platform"];
    let mut filters = BTreeMap::new();
    if flags & 2 != 0 {
        let kind = kinds[usize::from(head.get(1).copied().unwrap_or(0)) % kinds.len()];
        let value = text.split_whitespace().last().unwrap_or("").to_lowercase();
        filters.insert(kind.to_string(), vec![value]);
    }
    let q = Query {
        text: text.to_string(),
        typing: flags & 1 != 0,
        filters,
        sort: if flags & 4 != 0 { Sort::Name } else { Sort::Relevance },
        counts: flags & 8 != 0,
    };
    let dir = search_dir().clone();
    let index = StaticIndex::open(move |p| std::fs::read(dir.join(p)).ok()).expect("open index");
    let results = query::search(&index, &q).expect("a built index always reads");
    let distinct: BTreeSet<u32> = results.hits.iter().map(|h| h.0).collect();
    assert_eq!(distinct.len(), results.hits.len(), "a document listed twice");
    for (doc, score) in &results.hits {
        assert!(score.is_finite(), "score {score} for {doc}");
        index.card(*doc).expect("every hit has a card");
    }
});
