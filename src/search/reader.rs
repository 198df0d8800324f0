//! The reference reader of the exported index: the same lookups and arithmetic as `search.js`,
//! in Rust, fetching files lazily through a closure so tests and the benchmark can check results
//! against tantivy and count the bytes a query needs.

use super::format::Quantiser;
use super::neighbours;
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::rc::Rc;

/// Where `[pack, offset, length, df]` of a stem's posting list is.
pub type Location = [u32; 4];

type Fetch = Box<dyn Fn(&str) -> Option<Vec<u8>>>;
/// A neighbour shard: group key → word → location.
type NeighbourShard = BTreeMap<String, BTreeMap<String, Location>>;
/// A bundle's file name and its sections: path → (offset, length).
type Bundle = (String, BTreeMap<String, (usize, usize)>);

#[derive(Debug)]
pub struct ReadError(pub String);

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "search index: {}", self.0)
    }
}
impl std::error::Error for ReadError {}

fn err(m: impl Into<String>) -> ReadError {
    ReadError(m.into())
}

/// One facet kind as exported.
#[derive(Debug, Clone)]
pub struct FacetInfo {
    pub kind: String,
    pub file: String,
    /// (key, label, total count), in file order.
    pub values: Vec<(String, String, u32)>,
}

/// A result card as exported.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    pub slug: String,
    pub name: String,
    pub acronym: String,
    pub summary: String,
    pub year: i64,
    pub modalities: String,
    pub license: String,
    pub access: String,
    pub size: u64,
}

/// An exported index, opened through a file fetcher (paths relative to `search/`).
pub struct StaticIndex {
    fetch: Fetch,
    cache: RefCell<HashMap<String, Rc<Vec<u8>>>>,
    /// Every file fetched so far, with its size (the manifest included).
    pub fetched: RefCell<BTreeMap<String, usize>>,
    bundle: Option<Bundle>,
    pub n: usize,
    pub quant: Quantiser,
    pub stop_words: BTreeSet<String>,
    prefix_shards: Vec<(String, String)>,
    suffix_shards: Vec<(String, String)>,
    /// Neighbour shards (sharded indexes only): hash of all, count.
    neighbour_shards: Option<(String, u32)>,
    /// Neighbour shards read so far, parsed (as the client keeps them).
    neighbour_cache: RefCell<HashMap<u32, Rc<NeighbourShard>>>,
    posting_hash: String,
    card_hash: String,
    pub cards_per_pack: usize,
    pub facets: Vec<FacetInfo>,
    cols: String,
    /// Names of the sort columns, in file order.
    pub colnames: Vec<String>,
    pub(crate) selection_nums: String,
    pub(crate) records_hash: String,
    pub records_per_pack: usize,
    /// The header line of the selection's CSV.
    pub csv_header: String,
}

impl StaticIndex {
    pub fn open(fetch: impl Fn(&str) -> Option<Vec<u8>> + 'static) -> Result<Self, ReadError> {
        let fetch: Fetch = Box::new(fetch);
        let raw = fetch("manifest.json").ok_or_else(|| err("no manifest.json"))?;
        let m: serde_json::Value =
            serde_json::from_slice(&raw).map_err(|e| err(format!("manifest: {e}")))?;
        let mut fetched = BTreeMap::new();
        fetched.insert("manifest.json".to_string(), raw.len());
        let str_of = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_string();
        let shards = |key: &str| -> Vec<(String, String)> {
            m[key]
                .as_array()
                .map(|a| a.iter().map(|s| (str_of(&s[0]), str_of(&s[1]))).collect())
                .unwrap_or_default()
        };
        let facets = m["facets"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|f| FacetInfo {
                        kind: str_of(&f["kind"]),
                        file: str_of(&f["file"]),
                        values: f["values"]
                            .as_array()
                            .map(|vs| {
                                vs.iter()
                                    .map(|v| {
                                        (
                                            str_of(&v[0]),
                                            str_of(&v[1]),
                                            v[2].as_u64().unwrap_or(0) as u32,
                                        )
                                    })
                                    .collect()
                            })
                            .unwrap_or_default(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut index = StaticIndex {
            fetch,
            cache: RefCell::new(HashMap::new()),
            fetched: RefCell::new(fetched),
            bundle: None,
            n: m["n"].as_u64().unwrap_or(0) as usize,
            quant: Quantiser {
                ln_min: m["q"][0].as_f64().unwrap_or(0.0),
                ln_max: m["q"][1].as_f64().unwrap_or(0.0),
            },
            stop_words: m["sw"]
                .as_array()
                .map(|a| a.iter().map(str_of).collect())
                .unwrap_or_default(),
            prefix_shards: shards("dp"),
            suffix_shards: shards("ds"),
            neighbour_shards: m["near"]["h"].as_str().map(|h| {
                let count = m["near"]["n"]
                    .as_u64()
                    .unwrap_or(1)
                    .clamp(1, u64::from(u32::MAX));
                (h.to_string(), count as u32)
            }),
            neighbour_cache: RefCell::new(HashMap::new()),
            posting_hash: str_of(&m["post"]),
            card_hash: str_of(&m["cards"]["h"]),
            cards_per_pack: m["cards"]["per"].as_u64().unwrap_or(8).max(1) as usize,
            facets,
            cols: str_of(&m["cols"]),
            colnames: m["colnames"]
                .as_array()
                .map(|a| a.iter().map(str_of).collect())
                .unwrap_or_default(),
            selection_nums: str_of(&m["sel"]["nums"]),
            records_hash: str_of(&m["sel"]["rec"]["h"]),
            records_per_pack: m["sel"]["rec"]["per"].as_u64().unwrap_or(64).max(1) as usize,
            csv_header: str_of(&m["sel"]["csv"]),
        };
        if let Some(b) = m["bundle"].as_str() {
            let bytes = index.raw(b)?;
            if bytes.len() < 4 {
                return Err(err("bundle too short"));
            }
            let len = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) as usize;
            let header: BTreeMap<String, (usize, usize)> =
                serde_json::from_slice(bytes.get(4..4 + len).ok_or_else(|| err("bundle header"))?)
                    .map_err(|e| err(format!("bundle header: {e}")))?;
            let header = header
                .into_iter()
                .map(|(k, (o, l))| (k, (4 + len + o, l)))
                .collect();
            index.bundle = Some((b.to_string(), header));
        }
        Ok(index)
    }

    pub(crate) fn raw(&self, path: &str) -> Result<Rc<Vec<u8>>, ReadError> {
        if let Some(b) = self.cache.borrow().get(path) {
            return Ok(b.clone());
        }
        let bytes = Rc::new((self.fetch)(path).ok_or_else(|| err(format!("missing file {path}")))?);
        self.fetched
            .borrow_mut()
            .insert(path.to_string(), bytes.len());
        self.cache
            .borrow_mut()
            .insert(path.to_string(), bytes.clone());
        Ok(bytes)
    }

    /// A logical file: from the bundle when there is one.
    pub fn file(&self, path: &str) -> Result<Vec<u8>, ReadError> {
        match &self.bundle {
            Some((name, header)) => {
                let all = self.raw(name)?;
                let &(o, l) = header
                    .get(path)
                    .ok_or_else(|| err(format!("not in bundle: {path}")))?;
                all.get(o..o + l)
                    .map(<[u8]>::to_vec)
                    .ok_or_else(|| err("bundle section"))
            }
            None => Ok(self.raw(path)?.to_vec()),
        }
    }

    fn shard(&self, path: &str) -> Result<BTreeMap<String, Location>, ReadError> {
        serde_json::from_slice(&self.file(path)?).map_err(|e| err(format!("{path}: {e}")))
    }

    /// Index of the shard whose range holds `key`.
    fn shard_index(shards: &[(String, String)], key: &str) -> usize {
        shards
            .partition_point(|(first, _)| first.as_str() <= key)
            .saturating_sub(1)
    }

    /// The dictionary entries of the shard holding `word`.
    pub fn prefix_shard_for(&self, word: &str) -> Result<BTreeMap<String, Location>, ReadError> {
        if self.prefix_shards.is_empty() {
            return Ok(BTreeMap::new());
        }
        let i = Self::shard_index(&self.prefix_shards, word);
        self.shard(&self.prefix_shards[i].1)
    }

    /// Entries of every shard overlapping the words that start with `prefix`.
    pub fn prefix_range(&self, prefix: &str) -> Result<BTreeMap<String, Location>, ReadError> {
        let mut out = BTreeMap::new();
        if self.prefix_shards.is_empty() {
            return Ok(out);
        }
        let mut i = Self::shard_index(&self.prefix_shards, prefix);
        while i < self.prefix_shards.len() {
            let (first, path) = &self.prefix_shards[i];
            if i > 0 && first.as_str() > prefix && !first.starts_with(prefix) {
                break;
            }
            out.extend(
                self.shard(path)?
                    .into_iter()
                    .filter(|(w, _)| w.starts_with(prefix)),
            );
            i += 1;
        }
        Ok(out)
    }

    /// Entries of the shard that holds words ending like `word` (keys un-reversed).
    pub fn suffix_shard_for(&self, word: &str) -> Result<BTreeMap<String, Location>, ReadError> {
        if self.suffix_shards.is_empty() {
            return Ok(BTreeMap::new());
        }
        let rev: String = word.chars().rev().collect();
        let i = Self::shard_index(&self.suffix_shards, &rev);
        Ok(self
            .shard(&self.suffix_shards[i].1)?
            .into_iter()
            .map(|(w, l)| (w.chars().rev().collect(), l))
            .collect())
    }

    /// Dictionary words that may be one edit from `word` (and some two edits): the neighbour
    /// groups of its neighbourhood in a sharded index; every word of a bundled index (it is in
    /// memory anyway).
    pub fn neighbours(&self, word: &str) -> Result<Vec<(String, Location)>, ReadError> {
        let mut out = Vec::new();
        match &self.neighbour_shards {
            Some((hash, count)) => {
                for key in neighbours::neighbourhood(word) {
                    let i = neighbours::shard_of(&key, *count);
                    let cached = self.neighbour_cache.borrow().get(&i).cloned();
                    let shard = match cached {
                        Some(shard) => shard,
                        None => {
                            let path = format!("n/{i}.{hash}.json");
                            let shard: Rc<NeighbourShard> = Rc::new(
                                serde_json::from_slice(&self.file(&path)?)
                                    .map_err(|e| err(format!("{path}: {e}")))?,
                            );
                            self.neighbour_cache.borrow_mut().insert(i, shard.clone());
                            shard
                        }
                    };
                    if let Some(group) = shard.get(&key) {
                        out.extend(group.iter().map(|(w, l)| (w.clone(), *l)));
                    }
                }
            }
            None if self.bundle.is_some() => {
                for (_, path) in &self.prefix_shards {
                    out.extend(self.shard(path)?);
                }
            }
            None => {}
        }
        Ok(out)
    }

    /// A stem's posting list: (doc, quantised impact).
    pub fn postings(&self, loc: Location) -> Result<Vec<(u32, u8)>, ReadError> {
        let pack = self.file(&format!("p/{}.{}.bin", loc[0], self.posting_hash))?;
        let bytes = pack
            .get(loc[1] as usize..(loc[1] + loc[2]) as usize)
            .ok_or_else(|| err("posting list out of range"))?;
        let mut out = Vec::with_capacity(loc[3] as usize);
        let mut pos = 0;
        let mut doc = 0u32;
        while pos < bytes.len() {
            let (delta, used) = read_varint(&bytes[pos..]).ok_or_else(|| err("bad varint"))?;
            pos += used;
            doc += delta;
            let impact = *bytes.get(pos).ok_or_else(|| err("truncated posting"))?;
            pos += 1;
            out.push((doc, impact));
        }
        Ok(out)
    }

    /// Doc lists of every value of a facet kind, in manifest order.
    pub fn facet_lists(&self, kind: usize) -> Result<Vec<Vec<u32>>, ReadError> {
        let info = self.facets.get(kind).ok_or_else(|| err("no such facet"))?;
        let bytes = self.file(&info.file)?;
        let mut pos = 0;
        let mut lists = Vec::new();
        for _ in &info.values {
            let (count, used) = read_varint(&bytes[pos..]).ok_or_else(|| err("bad facet"))?;
            pos += used;
            let mut doc = 0;
            let mut list = Vec::with_capacity(count as usize);
            for _ in 0..count {
                let (delta, used) = read_varint(&bytes[pos..]).ok_or_else(|| err("bad facet"))?;
                pos += used;
                doc += delta;
                list.push(doc);
            }
            lists.push(list);
        }
        Ok(lists)
    }

    /// The sort column `name` (one byte per doc, 0 = unknown), as `colnames` lists it.
    pub fn column(&self, name: &str) -> Result<Vec<u8>, ReadError> {
        let k = self
            .colnames
            .iter()
            .position(|c| c == name)
            .ok_or_else(|| err(format!("no sort column {name}")))?;
        let bytes = self.file(&self.cols)?;
        if bytes.len() != self.colnames.len() * self.n {
            return Err(err("columns have the wrong size"));
        }
        Ok(bytes[k * self.n..(k + 1) * self.n].to_vec())
    }

    pub fn card(&self, doc: u32) -> Result<Card, ReadError> {
        let per = self.cards_per_pack;
        let pack = doc as usize / per;
        let bytes = self.file(&format!("c/{pack}.{}.json", self.card_hash))?;
        let cards: Vec<serde_json::Value> =
            serde_json::from_slice(&bytes).map_err(|e| err(format!("cards: {e}")))?;
        let c = cards
            .get(doc as usize % per)
            .ok_or_else(|| err("no such card"))?;
        let s = |i: usize| c[i].as_str().unwrap_or_default().to_string();
        Ok(Card {
            slug: s(0),
            name: s(1),
            acronym: s(2),
            summary: s(3),
            year: c[4].as_i64().unwrap_or(0),
            modalities: s(5),
            license: s(6),
            access: s(7),
            size: c[8].as_u64().unwrap_or(0),
        })
    }

    /// Total bytes fetched so far.
    pub fn fetched_bytes(&self) -> usize {
        self.fetched.borrow().values().sum()
    }
}

pub fn read_varint(bytes: &[u8]) -> Option<(u32, usize)> {
    let mut v: u32 = 0;
    for (i, &b) in bytes.iter().enumerate().take(5) {
        v |= u32::from(b & 0x7f) << (7 * i);
        if b & 0x80 == 0 {
            return Some((v, i + 1));
        }
    }
    None
}
