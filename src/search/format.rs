//! The static index format: what `search.js` (and the Rust reference in `reader`) reads.
//!
//! Under `search/`:
//! - `manifest.json` — the one unhashed file: sizes, quantisation, stop words, the first word of
//!   every dictionary shard with its file, facet values with their labels and totals.
//! - `d/<hash>.json` — dictionary shards. The surface words, sorted, are cut into ranges (`dp`);
//!   the same words reversed are cut again (`ds`), so a typo in the first letters still lands in a
//!   shard that holds the intended word. Each word maps to `[pack, offset, length, df]` of its
//!   stem's posting list.
//! - `n/<n>.<hash>.json` — neighbour shards (sharded layout only; manifest `near: {h, n}`): the
//!   dictionary again, words of 3 letters or more filed under the keys of their one-deletion
//!   neighbourhood (first letter, last letter, length: see `neighbours`), `{key: {word:
//!   location}}`, groups spread over the `n` files by a hash of the key. A misspelt query word
//!   fetches at most four of them and finds every word one edit away with its location, so no
//!   second round trip. A bundled index has none: the client checks its whole dictionary.
//! - `p/<n>.<hash>.bin` — posting packs: lists of `varint(doc delta), impact byte`, packed by stem
//!   order so that a prefix's expansions sit together. Impacts are tantivy's BM25 score summed
//!   over boosted fields, quantised on a log scale to one byte.
//! - `c/<n>.<hash>.json` — result cards, `per` consecutive doc ids to a file.
//! - `f/<kind>.<hash>.bin` — one posting list (`varint count`, `varint doc deltas`) per facet
//!   value, in manifest order.
//! - `cols.<hash>.bin` — sort keys, one byte per doc for each column the manifest's `colnames`
//!   lists (year, subjects, scans, readiness), column after column; `0` is unknown and sorts last.
//! - `nums.<hash>.bin` and `r/…` — exact counts and downloadable records of the selection a
//!   query finds: see [`super::selection`].
//!
//! Posting, card and neighbour packs are named by one hash of all packs of their kind (so the dictionary
//! need not carry per-file hashes); dictionary, facet and column files by their own hash. Small
//! catalogs put every file into one `bundle.<hash>.bin` (a JSON header of sections, then bytes).

use super::build::Analysed;
use crate::model::{Catalog, FacetKind};
use crate::output::{content_hash, framed_content_hash};
use serde_json::{Value, json};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// Format version, bumped whenever the client must change with it.
pub const VERSION: u32 = 3;

/// How the files are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Everything in one bundle file besides the manifest.
    Bundle,
    /// Sharded files, so each query fetches a few small ones.
    Sharded,
}

impl Layout {
    /// Catalogs up to this many datasets are bundled.
    pub const BUNDLE_MAX_DATASETS: usize = 500;

    pub fn for_size(n: usize) -> Layout {
        if n <= Self::BUNDLE_MAX_DATASETS {
            Layout::Bundle
        } else {
            Layout::Sharded
        }
    }
}

/// Raw size a posting pack is filled up to.
const POSTING_PACK_BYTES: usize = 8 * 1024;
/// Smallest raw size of a dictionary shard; larger for large vocabularies so the manifest stays
/// small (at most about `MAX_DICT_SHARDS` shards per direction).
const DICT_SHARD_BYTES: usize = 12 * 1024;
const MAX_DICT_SHARDS: usize = 200;
/// Length of the summary on a result card, in characters.
const SUMMARY_CHARS: usize = 180;

/// Log-scale one-byte quantisation of impacts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quantiser {
    pub ln_min: f64,
    pub ln_max: f64,
}

impl Quantiser {
    pub fn new(min: f32, max: f32) -> Self {
        let ln_min = f64::from(min.max(1e-6)).ln();
        let ln_max = f64::from(max.max(min).max(1e-6)).ln();
        Quantiser { ln_min, ln_max }
    }
    /// The quantiser spanning every impact of `postings`.
    pub fn for_postings(postings: &BTreeMap<String, Vec<(u32, f32)>>) -> Self {
        let (min, max) = postings
            .values()
            .flatten()
            .fold((f32::MAX, 0f32), |(lo, hi), p| (lo.min(p.1), hi.max(p.1)));
        Quantiser::new(if min == f32::MAX { 1.0 } else { min }, max)
    }
    /// 1..=255.
    pub fn quantise(&self, impact: f32) -> u8 {
        let span = self.ln_max - self.ln_min;
        if span <= 0.0 {
            return 1;
        }
        let x = (f64::from(impact.max(1e-6)).ln() - self.ln_min) / span;
        (1.0 + (x * 254.0).round()).clamp(1.0, 255.0) as u8
    }
    pub fn dequantise(&self, q: u8) -> f64 {
        let x = (f64::from(q.max(1)) - 1.0) / 254.0;
        (self.ln_min + x * (self.ln_max - self.ln_min)).exp()
    }
    /// Largest relative error of a dequantised impact.
    pub fn relative_error(&self) -> f64 {
        ((self.ln_max - self.ln_min) / 254.0 / 2.0).exp() - 1.0
    }
}

pub fn write_varint64(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8 & 0x7f) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

pub fn write_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8 & 0x7f) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// The files of the index, by path relative to `search/`.
pub fn files(catalog: &Catalog, analysed: &Analysed, layout: Layout) -> BTreeMap<String, Vec<u8>> {
    let postings = analysed
        .postings
        .iter()
        .map(|(stem, list)| (stem.clone(), Cow::Borrowed(list.as_slice())));
    let quant = Quantiser::for_postings(&analysed.postings);
    files_from(
        catalog,
        &analysed.order,
        &analysed.surface,
        quant,
        postings,
        layout,
    )
}

/// [`files`], letting go of each posting list once it is in its pack: at 100,000 datasets
/// the lists were about a tenth of the build's peak memory.
pub fn into_files(
    catalog: &Catalog,
    analysed: Analysed,
    layout: Layout,
) -> BTreeMap<String, Vec<u8>> {
    let quant = Quantiser::for_postings(&analysed.postings);
    let Analysed {
        postings,
        surface,
        order,
        ..
    } = analysed;
    let postings = postings
        .into_iter()
        .map(|(stem, list)| (stem, Cow::Owned(list)));
    files_from(catalog, &order, &surface, quant, postings, layout)
}

/// The files, from the posting lists in stem order.
fn files_from<'a>(
    catalog: &Catalog,
    order: &[usize],
    surface: &BTreeMap<String, String>,
    quant: Quantiser,
    postings: impl Iterator<Item = (String, Cow<'a, [(u32, f32)]>)>,
    layout: Layout,
) -> BTreeMap<String, Vec<u8>> {
    let n = order.len();
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();

    // Posting packs, by stem order.
    let mut packs: Vec<Vec<u8>> = vec![Vec::new()];
    let mut location: BTreeMap<String, [u32; 4]> = BTreeMap::new();
    for (stem, list) in postings {
        let mut bytes = Vec::with_capacity(list.len() * 3);
        let mut prev = 0u32;
        for &(doc, impact) in list.iter() {
            write_varint(&mut bytes, doc - prev);
            bytes.push(quant.quantise(impact));
            prev = doc;
        }
        if !packs.last().is_some_and(|p| p.is_empty())
            && packs.last().map_or(0, Vec::len) + bytes.len() > POSTING_PACK_BYTES
        {
            packs.push(Vec::new());
        }
        let pack = packs.len() - 1;
        let last = packs.last_mut().expect("one pack");
        location.insert(
            stem,
            [
                pack as u32,
                last.len() as u32,
                bytes.len() as u32,
                list.len() as u32,
            ],
        );
        last.extend_from_slice(&bytes);
    }
    let posting_hash = framed_content_hash(&packs);
    for (i, p) in packs.into_iter().enumerate() {
        files.insert(format!("p/{i}.{posting_hash}.bin"), p);
    }

    // Dictionary shards: surface word → location of its stem's list.
    let entries: Vec<(String, String)> = surface
        .iter()
        .filter_map(|(word, stem)| {
            let loc = location.get(stem.as_str())?;
            Some((
                word.clone(),
                format!("[{},{},{},{}]", loc[0], loc[1], loc[2], loc[3]),
            ))
        })
        .collect();
    let prefix_shards = dict_shards(entries.clone(), &mut files);
    let neighbour_shards = match layout {
        Layout::Sharded => Some(super::neighbours::write_shards(&entries, &mut files)),
        Layout::Bundle => None,
    };
    let reversed: Vec<(String, String)> = entries
        .into_iter()
        .filter(|(w, _)| w.chars().count() >= 4)
        .map(|(w, loc)| (w.chars().rev().collect(), loc))
        .collect();
    let suffix_shards = dict_shards(reversed, &mut files);

    // Result cards.
    let per_pack = if n <= 20_000 { 8 } else { 16 };
    let card_packs: Vec<Vec<u8>> = order
        .chunks(per_pack)
        .map(|chunk| {
            let cards: Vec<Value> = chunk.iter().map(|&i| card(&catalog.datasets[i])).collect();
            serde_json::to_vec(&cards).unwrap_or_default()
        })
        .collect();
    let card_hash = framed_content_hash(&card_packs);
    for (i, c) in card_packs.into_iter().enumerate() {
        files.insert(format!("c/{i}.{card_hash}.json"), c);
    }

    // Facets: one posting list per value, one file per kind.
    let mut doc_of = vec![0u32; n];
    for (doc, &i) in order.iter().enumerate() {
        doc_of[i] = doc as u32;
    }
    let mut facets = Vec::new();
    for kind in FacetKind::ALL {
        let facet = catalog.facet(kind);
        let mut bytes = Vec::new();
        let mut values = Vec::new();
        for v in &facet.values {
            let mut docs: Vec<u32> = v.datasets.iter().map(|&i| doc_of[i]).collect();
            docs.sort_unstable();
            write_varint(&mut bytes, docs.len() as u32);
            let mut prev = 0;
            for d in docs {
                write_varint(&mut bytes, d - prev);
                prev = d;
            }
            values.push(json!([v.key, v.label, v.count()]));
        }
        let path = format!("f/{}.{}.bin", kind.slug(), content_hash(&bytes));
        files.insert(path.clone(), bytes);
        facets.push(
            json!({"kind": kind.slug(), "title": kind.title(), "file": path, "values": values}),
        );
    }

    // Sort columns.
    let columns: [(&str, &dyn Fn(usize) -> u8); 4] = [
        ("year", &|i| {
            catalog.datasets[i]
                .year
                .map_or(0, |y| (y - 1900).clamp(1, 255) as u8)
        }),
        ("subjects", &|i| log_byte(catalog.datasets[i].subjects)),
        ("scans", &|i| log_byte(catalog.datasets[i].scans)),
        ("readiness", &|i| catalog.readiness[i].level + 1),
    ];
    let mut cols = Vec::with_capacity(columns.len() * n);
    for (_, key) in &columns {
        cols.extend(order.iter().map(|&i| key(i)));
    }
    let cols_path = format!("cols.{}.bin", content_hash(&cols));
    files.insert(cols_path.clone(), cols);

    let selection = super::selection::files(catalog, order);
    files.extend(selection.bundled);

    let mut manifest = json!({
        "v": VERSION,
        "n": n,
        "q": [quant.ln_min, quant.ln_max],
        "sw": super::analysis::STOP_WORDS,
        "dp": prefix_shards,
        "ds": suffix_shards,
        "post": posting_hash,
        "cards": {"h": card_hash, "per": per_pack},
        "facets": facets,
        "cols": cols_path,
        "colnames": columns.iter().map(|(name, _)| *name).collect::<Vec<_>>(),
        "sel": selection.manifest,
    });
    if let Some(near) = neighbour_shards {
        manifest["near"] = near;
    }
    if layout == Layout::Bundle {
        let bundle = bundle(&files);
        let path = format!("bundle.{}.bin", content_hash(&bundle));
        manifest["bundle"] = json!(path);
        files = BTreeMap::new();
        files.insert(path, bundle);
    }
    files.extend(selection.separate);
    files.insert(
        "manifest.json".into(),
        serde_json::to_vec(&manifest).unwrap_or_default(),
    );
    files
}

/// Subjects, else scans: the size a result card shows.
pub fn size_of(d: &crate::model::Dataset) -> Option<u64> {
    d.subjects.or(d.scans)
}

/// A count as a one-byte sort key on a log scale: 0 when unknown, 1..=255 otherwise.
fn log_byte(count: Option<u64>) -> u8 {
    count.map_or(0, |s| {
        ((s as f64 + 1.0).log2() * 8.0).round().clamp(1.0, 255.0) as u8
    })
}

/// Cut sorted `(key, json value)` entries into shards; returns `[[first key, file], …]`.
fn dict_shards(
    mut entries: Vec<(String, String)>,
    files: &mut BTreeMap<String, Vec<u8>>,
) -> Vec<Value> {
    entries.sort();
    let total: usize = entries.iter().map(|(k, v)| k.len() + v.len() + 4).sum();
    let target = DICT_SHARD_BYTES.max(total / MAX_DICT_SHARDS + 1);
    let mut shards = Vec::new();
    let mut start = 0;
    while start < entries.len() {
        let mut end = start;
        let mut size = 0;
        while end < entries.len() && (size < target || end == start) {
            size += entries[end].0.len() + entries[end].1.len() + 4;
            end += 1;
        }
        let mut body = String::from("{");
        for (i, (k, v)) in entries[start..end].iter().enumerate() {
            if i > 0 {
                body.push(',');
            }
            body.push_str(&serde_json::to_string(k).unwrap_or_default());
            body.push(':');
            body.push_str(v);
        }
        body.push('}');
        let path = format!("d/{}.json", content_hash(body.as_bytes()));
        let first = if start == 0 {
            String::new()
        } else {
            entries[start].0.clone()
        };
        shards.push(json!([first, path]));
        files.insert(path, body.into_bytes());
        start = end;
    }
    shards
}

fn card(d: &crate::model::Dataset) -> Value {
    let summary = summary(&crate::markdown::plain_text_within(
        &d.description,
        SUMMARY_CHARS,
    ));
    json!([
        d.slug,
        d.name,
        d.acronym.clone().unwrap_or_default(),
        summary,
        d.year.unwrap_or(0),
        d.modalities
            .iter()
            .map(|m| m.code)
            .collect::<Vec<_>>()
            .join(" "),
        d.license.as_ref().map(|l| l.id.clone()).unwrap_or_default(),
        d.access.map(|a| a.label()).unwrap_or_default(),
        size_of(d).unwrap_or(0),
    ])
}

/// The first sentences of the description, cut at a word boundary.
fn summary(text: &str) -> String {
    if text.chars().count() <= SUMMARY_CHARS {
        return text.to_string();
    }
    let cut: String = text.chars().take(SUMMARY_CHARS).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > SUMMARY_CHARS / 2 => &cut[..i],
        _ => &cut[..],
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

/// One file holding many: `u32 LE header length`, JSON `{path: [offset, length]}`, the bytes.
fn bundle(files: &BTreeMap<String, Vec<u8>>) -> Vec<u8> {
    let mut header = BTreeMap::new();
    let mut offset = 0usize;
    for (path, bytes) in files {
        header.insert(path.clone(), [offset, bytes.len()]);
        offset += bytes.len();
    }
    let header = serde_json::to_vec(&header).unwrap_or_default();
    let mut out = Vec::with_capacity(4 + header.len() + offset);
    out.extend_from_slice(&(header.len() as u32).to_le_bytes());
    out.extend_from_slice(&header);
    for bytes in files.values() {
        out.extend_from_slice(bytes);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::{plain_text_within, to_plain_text as plain_text};

    #[test]
    fn a_card_summary_reads_no_more_of_the_description_than_it_shows() {
        let sentence = "Chest **CT** scans with [labels](https://x.org/) and `masks`. ";
        for repeats in [0, 1, 2, 3, 4, 5, 8, 40] {
            for around in ["", "   ", "\n\n- item\n- item\n\n", "# Title\n\n"] {
                let source = format!("{around}{}{around}", sentence.repeat(repeats));
                let within = plain_text_within(&source, SUMMARY_CHARS);
                assert_eq!(
                    summary(&within),
                    summary(&plain_text(&source)),
                    "{source:?}"
                );
                if repeats == 40 {
                    assert!(within.len() < plain_text(&source).len() / 4, "{within}");
                }
            }
        }
    }
}
