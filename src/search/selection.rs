//! What the search page needs to hand a team the selection it found: the totals of a query
//! (datasets, subjects, scans, by modality) and, per dataset, the records it downloads (a
//! `catalog.csv` row, BibTeX of all its citations, its access links). Written into the static
//! index at build time, read by `search.js`; [`totals`] and [`StaticIndex::record`] are the Rust
//! reference the tests hold the client to.
//!
//! Under `search/`:
//! - `nums.<hash>.bin` — per doc, in doc order, `varint(subjects + 1)` then `varint(scans + 1)`;
//!   `0` where the entry gives no count, so "unknown" is never read as zero. In the bundle when
//!   the index is bundled (a few bytes per dataset).
//! - `r/<n>.<hash>.json` — `per` consecutive docs to a file, each `[csv row, bibtex, access]`,
//!   named by one hash of all packs. Never bundled: only a download fetches them, so the header
//!   search on every page does not carry them.
//!
//! The manifest's `sel` names them: `{"nums": path, "rec": {"h", "per"}, "csv": header line}`.

use super::format::write_varint64;
use super::reader::{ReadError, StaticIndex};
use crate::model::{Catalog, Dataset, FacetKind};
use crate::output::{content_hash, framed_content_hash};
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// Docs per record pack.
pub const RECORDS_PER_PACK: usize = 64;

/// Files that go into the bundle of a small index (`nums`) and files that never do (record packs),
/// and the manifest's `sel` entry.
pub struct SelectionFiles {
    pub bundled: BTreeMap<String, Vec<u8>>,
    pub separate: BTreeMap<String, Vec<u8>>,
    pub manifest: Value,
}

/// The selection files for the docs of `order` (doc id → dataset index).
pub fn files(catalog: &Catalog, order: &[usize]) -> SelectionFiles {
    let mut nums = Vec::with_capacity(order.len() * 3);
    for &i in order {
        let d = &catalog.datasets[i];
        write_varint64(&mut nums, d.subjects.map_or(0, |s| s.saturating_add(1)));
        write_varint64(&mut nums, d.scans.map_or(0, |s| s.saturating_add(1)));
    }
    let nums_path = format!("nums.{}.bin", content_hash(&nums));
    let mut bundled = BTreeMap::new();
    bundled.insert(nums_path.clone(), nums);

    let packs: Vec<Vec<u8>> = order
        .chunks(RECORDS_PER_PACK)
        .map(|chunk| {
            let records: Vec<Value> = chunk
                .iter()
                .map(|&i| record(catalog, &catalog.datasets[i]))
                .collect();
            serde_json::to_vec(&records).unwrap_or_default()
        })
        .collect();
    let hash = framed_content_hash(&packs);
    let separate = packs
        .into_iter()
        .enumerate()
        .map(|(i, p)| (format!("r/{i}.{hash}.json"), p))
        .collect();
    SelectionFiles {
        bundled,
        separate,
        manifest: json!({
            "nums": nums_path,
            "rec": {"h": hash, "per": RECORDS_PER_PACK},
            "csv": crate::metadata::csv::header_line(),
        }),
    }
}

/// One doc's downloadable record: `[csv row, bibtex, access links]`.
fn record(catalog: &Catalog, d: &Dataset) -> Value {
    json!([
        crate::metadata::csv::row_line(catalog, d),
        crate::cite::bibtex(d),
        access(catalog, d),
    ])
}

/// Where and how a script gets the data: the access route, its tier, the links, the files with
/// their checksums, and the terms.
fn access(catalog: &Catalog, d: &Dataset) -> Value {
    let tier = crate::readiness::AccessTier::of(d);
    json!({
        "slug": d.slug,
        "name": d.name,
        "page": catalog.config.url(&d.path()),
        "access": d.access.map(|a| a.slug()),
        "access_tier": tier.slug(),
        "access_url": d.access_url,
        "homepage": d.homepage,
        "doi_url": d.doi_url(),
        "platforms": d.platforms.iter().map(|p| p.name).collect::<Vec<_>>(),
        "license": d.license.as_ref().map(|l| l.id.clone()),
        "license_url": d.license.as_ref().and_then(|l| l.url.clone()),
        "downloads": d.downloads.iter().map(|f| json!({
            "url": f.url,
            "name": f.name,
            "media_type": f.media_type,
            "size_bytes": f.size_bytes,
            "sha256": f.sha256,
        })).collect::<Vec<_>>(),
    })
}

/// A sum over the datasets that state a count, and how many do not.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Count {
    pub known: u64,
    /// Datasets of the selection without this count: never added as zero.
    pub unknown: u32,
}

impl Count {
    fn add(&mut self, value: Option<u64>) {
        match value {
            Some(v) => self.known = self.known.saturating_add(v),
            None => self.unknown += 1,
        }
    }
}

/// Totals of a set of datasets.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    pub datasets: u32,
    pub subjects: Count,
    pub scans: Count,
}

impl Totals {
    pub fn add(&mut self, subjects: Option<u64>, scans: Option<u64>) {
        self.datasets += 1;
        self.subjects.add(subjects);
        self.scans.add(scans);
    }
}

/// The totals of a selection and, per modality (facet value key, in manifest order, only those
/// present), the totals of the selected datasets with that modality.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SelectionTotals {
    pub all: Totals,
    pub by_modality: Vec<(String, Totals)>,
}

/// A doc's `(subjects, scans)`, `None` where the entry gives no count.
pub type Numbers = (Option<u64>, Option<u64>);

impl StaticIndex {
    /// `(subjects, scans)` of every doc.
    pub fn numbers(&self) -> Result<Vec<Numbers>, ReadError> {
        let bytes = self.file(&self.selection_nums)?;
        let mut pos = 0;
        let mut next = || -> Result<Option<u64>, ReadError> {
            let (v, used) = read_varint64(&bytes[pos..])
                .ok_or_else(|| ReadError("numbers are cut short".into()))?;
            pos += used;
            Ok(v.checked_sub(1))
        };
        (0..self.n).map(|_| Ok((next()?, next()?))).collect()
    }

    /// Doc `doc`'s downloadable record: `[csv row, bibtex, access links]`.
    pub fn record(&self, doc: u32) -> Result<Value, ReadError> {
        let per = self.records_per_pack;
        let path = format!("r/{}.{}.json", doc as usize / per, self.records_hash);
        let bytes = self.raw(&path)?;
        let records: Vec<Value> =
            serde_json::from_slice(&bytes).map_err(|e| ReadError(format!("records: {e}")))?;
        records
            .into_iter()
            .nth(doc as usize % per)
            .ok_or_else(|| ReadError("no such record".into()))
    }
}

/// The totals of the docs in `hits`: what the search page shows above its results.
pub fn totals(index: &StaticIndex, hits: &[u32]) -> Result<SelectionTotals, ReadError> {
    let numbers = index.numbers()?;
    let mut all = Totals::default();
    for &d in hits {
        let (subjects, scans) = numbers[d as usize];
        all.add(subjects, scans);
    }
    let mut by_modality = Vec::new();
    if let Some(k) = index
        .facets
        .iter()
        .position(|f| f.kind == FacetKind::Modality.slug())
    {
        let mut selected = vec![false; index.n];
        for &d in hits {
            selected[d as usize] = true;
        }
        for (list, value) in index.facet_lists(k)?.iter().zip(&index.facets[k].values) {
            let mut t = Totals::default();
            for &d in list.iter().filter(|&&d| selected[d as usize]) {
                let (subjects, scans) = numbers[d as usize];
                t.add(subjects, scans);
            }
            if t.datasets > 0 {
                by_modality.push((value.0.clone(), t));
            }
        }
    }
    Ok(SelectionTotals { all, by_modality })
}

pub fn read_varint64(bytes: &[u8]) -> Option<(u64, usize)> {
    let mut v: u64 = 0;
    for (i, &b) in bytes.iter().enumerate().take(10) {
        v |= u64::from(b & 0x7f) << (7 * i);
        if b & 0x80 == 0 {
            return Some((v, i + 1));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_of_any_count_round_trip() {
        for v in [0u64, 1, 127, 128, 300, 1 << 35, u64::MAX] {
            let mut b = Vec::new();
            write_varint64(&mut b, v);
            assert_eq!(read_varint64(&b), Some((v, b.len())), "{v}");
        }
    }

    #[test]
    fn the_csv_rows_joined_are_catalog_csv() {
        let catalog = crate::metadata::sample::catalog();
        let mut joined = crate::metadata::csv::header_line();
        for d in &catalog.datasets {
            joined.push_str(&crate::metadata::csv::row_line(&catalog, d));
        }
        let file = crate::metadata::csv::catalog_csv(&catalog).unwrap();
        assert_eq!(joined.as_bytes(), &file[..]);
    }
}
