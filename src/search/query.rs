//! The query logic of `search.js`, in Rust: the reference the tests hold the client and the
//! exported index to. Words are looked up (exactly, by prefix for the last word while typing, or
//! within one or two edits), their posting lists' impacts added up, results intersected (AND),
//! falling back to "most words matched" when nothing has them all, then filtered by facets.

use super::reader::{Location, ReadError, StaticIndex};
use std::collections::{BTreeMap, HashMap};

/// At most this many prefix or typo expansions per word (the most frequent first).
pub const MAX_EXPANSIONS: usize = 8;
/// Weight of a prefix expansion and of a match one or two edits away.
pub const PREFIX_WEIGHT: f64 = 0.9;
pub const TYPO_WEIGHT: [f64; 3] = [1.0, 0.8, 0.6];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Relevance,
    Name,
    /// Readiness level, highest first.
    Readiness,
    /// Subjects, most first; unknown last.
    Subjects,
    /// Scans, most first; unknown last.
    Scans,
    /// Year, newest first; unknown last.
    Year,
}

impl Sort {
    /// Every order, with the value `?sort=` holds for it.
    pub const ALL: [(Sort, &'static str); 6] = [
        (Sort::Relevance, "relevance"),
        (Sort::Name, "name"),
        (Sort::Readiness, "readiness"),
        (Sort::Subjects, "subjects"),
        (Sort::Scans, "scans"),
        (Sort::Year, "year"),
    ];

    /// The sort column this order reads, if it reads one.
    pub fn column(self) -> Option<&'static str> {
        match self {
            Sort::Relevance | Sort::Name => None,
            Sort::Readiness => Some("readiness"),
            Sort::Subjects => Some("subjects"),
            Sort::Scans => Some("scans"),
            Sort::Year => Some("year"),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Query {
    pub text: String,
    /// Is the last word still being typed (match it as a prefix)?
    pub typing: bool,
    /// Facet kind slug → selected value keys (OR within a kind, AND across kinds).
    pub filters: BTreeMap<String, Vec<String>>,
    pub sort: Sort,
    /// Compute live facet counts (the search page does; the header dropdown does not, and so
    /// never downloads the facet lists unless a filter is set).
    pub counts: bool,
}

/// How one query word was understood.
#[derive(Debug, Clone, PartialEq)]
pub struct WordMatch {
    pub word: String,
    /// Dictionary words used, with their weights.
    pub terms: Vec<(String, f64)>,
}

#[derive(Debug, Clone, Default)]
pub struct Results {
    /// Doc ids in display order, with their scores.
    pub hits: Vec<(u32, f64)>,
    pub words: Vec<WordMatch>,
    /// Some words matched nothing together: results have most, not all, words.
    pub fallback: bool,
    /// Per facet kind (manifest order), the count of each value given the text and the other
    /// kinds' filters (empty unless asked for).
    pub counts: Vec<Vec<u32>>,
}

/// Query words: lowercase, accents folded, split on anything but letters and digits, stop
/// words dropped. Must agree with `words()` in `search.js`.
pub fn words(text: &str, stop_words: &std::collections::BTreeSet<String>) -> Vec<String> {
    let folded: String = text
        .chars()
        .flat_map(char::to_lowercase)
        .map(fold_char)
        .collect();
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !stop_words.contains(*w) && w.len() <= 40)
        .map(str::to_string)
        .collect()
}

/// Fold the common Latin accented letters to ASCII (what tantivy's ASCII folding does for them).
fn fold_char(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' => 'u',
        'ý' | 'ÿ' => 'y',
        'š' | 'ś' => 's',
        'ž' | 'ź' | 'ż' => 'z',
        'ł' => 'l',
        'ř' => 'r',
        other => other,
    }
}

/// Edit distance with adjacent transpositions (optimal string alignment), giving up above `max`.
/// Only cells within `max` of the diagonal are filled: the others are above `max` anyway.
pub fn edit_distance(a: &str, b: &str, max: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let far = max + 1;
    let mut prev2 = vec![far; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![far; b.len() + 1];
    for i in 1..=a.len() {
        let lo = i.saturating_sub(max).max(1);
        let hi = b.len().min(i + max);
        cur[lo - 1] = if lo == 1 { i } else { far };
        let mut row_min = cur[lo - 1];
        for j in lo..=hi {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if hi < b.len() {
            cur[hi + 1] = far;
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    (prev[b.len()] <= max).then_some(prev[b.len()])
}

/// Edits allowed for a word of this many characters.
pub fn allowed_edits(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// The dictionary words a query word stands for, with weights, grouped by posting list.
pub fn expand(
    index: &StaticIndex,
    word: &str,
    as_prefix: bool,
) -> Result<Vec<(String, Location, f64)>, ReadError> {
    let mut found: Vec<(String, Location, f64)> = Vec::new();
    let shard = index.prefix_shard_for(word)?;
    if let Some(loc) = shard.get(word) {
        found.push((word.to_string(), *loc, 1.0));
    }
    if as_prefix && word.chars().count() >= 2 {
        let mut more: Vec<(String, Location)> = index
            .prefix_range(word)?
            .into_iter()
            .filter(|(w, _)| w != word)
            .collect();
        more.sort_by(|a, b| b.1[3].cmp(&a.1[3]).then_with(|| a.0.cmp(&b.0)));
        found.extend(
            more.into_iter()
                .take(MAX_EXPANSIONS)
                .map(|(w, l)| (w, l, PREFIX_WEIGHT)),
        );
    }
    let edits = allowed_edits(word.chars().count());
    if found.is_empty() && edits > 0 {
        let mut near: BTreeMap<String, (Location, usize)> = BTreeMap::new();
        let suffix = index.suffix_shard_for(word)?;
        let neighbours = index.neighbours(word)?;
        let candidates = shard.iter().chain(suffix.iter());
        for (w, loc) in candidates.chain(neighbours.iter().map(|(w, l)| (w, l))) {
            if near.contains_key(w) {
                continue;
            }
            if let Some(d) = edit_distance(word, w, edits) {
                near.insert(w.clone(), (*loc, d));
            }
        }
        let mut near: Vec<(String, Location, usize)> =
            near.into_iter().map(|(w, (l, d))| (w, l, d)).collect();
        near.sort_by(|a, b| {
            a.2.cmp(&b.2)
                .then(b.1[3].cmp(&a.1[3]))
                .then_with(|| a.0.cmp(&b.0))
        });
        found.extend(
            near.into_iter()
                .take(MAX_EXPANSIONS)
                .map(|(w, l, d)| (w, l, TYPO_WEIGHT[d.min(2)])),
        );
    }
    // One entry per posting list (several surface words share a stem), the best weight.
    let mut best: Vec<(String, Location, f64)> = Vec::new();
    for (w, l, wt) in found {
        match best.iter_mut().find(|b| b.1 == l) {
            Some(b) if b.2 >= wt => {}
            Some(b) => *b = (w, l, wt),
            None => best.push((w, l, wt)),
        }
    }
    Ok(best)
}

/// Run a query against the exported index.
pub fn search(index: &StaticIndex, q: &Query) -> Result<Results, ReadError> {
    let words = words(&q.text, &index.stop_words);
    let mut per_word: Vec<HashMap<u32, f64>> = Vec::new();
    let mut matches = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let last = i + 1 == words.len();
        let terms = expand(index, w, last && q.typing)?;
        let mut scores: HashMap<u32, f64> = HashMap::new();
        for (_, loc, weight) in &terms {
            for (doc, impact) in index.postings(*loc)? {
                let s = weight * index.quant.dequantise(impact);
                let e = scores.entry(doc).or_insert(0.0);
                if s > *e {
                    *e = s;
                }
            }
        }
        matches.push(WordMatch {
            word: w.clone(),
            terms: terms.iter().map(|(w, _, wt)| (w.clone(), *wt)).collect(),
        });
        if !terms.is_empty() {
            per_word.push(scores);
        }
    }

    // Text matches: docs with every known word, or with the most words when none has all.
    // Words that match nothing are left out; if no word matches, nothing does.
    let has_text = !words.is_empty();
    let mut scored: HashMap<u32, (usize, f64)> = HashMap::new();
    for scores in &per_word {
        for (&doc, &s) in scores {
            let e = scored.entry(doc).or_insert((0, 0.0));
            e.0 += 1;
            e.1 += s;
        }
    }
    let mut fallback = false;
    if has_text {
        let all = per_word.len();
        if scored.values().any(|e| e.0 == all) {
            scored.retain(|_, e| e.0 == all);
        } else {
            fallback = !scored.is_empty() && all > 1;
        }
    }

    let need_lists = !q.filters.is_empty() || (has_text && q.counts);
    let facet_lists: Vec<Vec<Vec<u32>>> = (0..index.facets.len())
        .map(|k| {
            if !need_lists {
                Ok(Vec::new())
            } else {
                index.facet_lists(k)
            }
        })
        .collect::<Result<_, _>>()?;
    let selected: Vec<Option<Vec<bool>>> = index
        .facets
        .iter()
        .enumerate()
        .map(|(k, f)| {
            let keys = q.filters.get(&f.kind)?;
            let mut member = vec![false; index.n];
            for (vi, v) in f.values.iter().enumerate() {
                if keys.contains(&v.0) {
                    for &d in &facet_lists[k][vi] {
                        member[d as usize] = true;
                    }
                }
            }
            Some(member)
        })
        .collect();
    let in_text = |d: u32| !has_text || scored.contains_key(&d);
    let passes = |d: u32, except: Option<usize>| {
        selected
            .iter()
            .enumerate()
            .all(|(k, m)| Some(k) == except || m.as_ref().is_none_or(|m| m[d as usize]))
    };

    // Counts per facet value: text ∩ other kinds' filters ∩ value.
    let counts: Vec<Vec<u32>> = index
        .facets
        .iter()
        .enumerate()
        .map(|(k, f)| {
            if !q.counts {
                return Vec::new();
            }
            if q.filters.is_empty() && !has_text {
                return f.values.iter().map(|v| v.2).collect();
            }
            facet_lists[k]
                .iter()
                .map(|list| {
                    list.iter()
                        .filter(|&&d| in_text(d) && passes(d, Some(k)))
                        .count() as u32
                })
                .collect()
        })
        .collect();

    let mut hits: Vec<(u32, usize, f64)> = if has_text {
        scored
            .iter()
            .filter(|(d, _)| passes(**d, None))
            .map(|(&d, &(n, s))| (d, n, s))
            .collect()
    } else {
        (0..index.n as u32)
            .filter(|&d| passes(d, None))
            .map(|d| (d, 0, 0.0))
            .collect()
    };
    match q.sort {
        Sort::Relevance => {
            hits.sort_by(|a, b| b.1.cmp(&a.1).then(b.2.total_cmp(&a.2)).then(a.0.cmp(&b.0)))
        }
        Sort::Name => hits.sort_by_key(|h| h.0),
        by => {
            let col = index.column(by.column().unwrap_or("year"))?;
            hits.sort_by(|a, b| {
                col[b.0 as usize]
                    .cmp(&col[a.0 as usize])
                    .then(a.0.cmp(&b.0))
            });
        }
    }
    Ok(Results {
        hits: hits.into_iter().map(|(d, _, s)| (d, s)).collect(),
        words: matches,
        fallback,
        counts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_transpositions_once() {
        assert_eq!(edit_distance("lung", "lnug", 1), Some(1));
        assert_eq!(edit_distance("kidney", "kidny", 1), Some(1));
        assert_eq!(edit_distance("kidney", "kdny", 1), None);
        assert_eq!(edit_distance("segmentation", "segmantaton", 2), Some(2));
        assert_eq!(edit_distance("", "ab", 2), Some(2));
        assert_eq!(edit_distance("abc", "", 2), None);
        assert_eq!(
            edit_distance(&"x".repeat(300), &"x".repeat(301), 1),
            Some(1)
        );
        assert_eq!(allowed_edits(3), 0);
        assert_eq!(allowed_edits(4), 1);
        assert_eq!(allowed_edits(8), 2);
    }

    /// The banded table gives what the full one gives.
    #[test]
    fn edit_distance_is_the_full_tables() {
        fn full(a: &str, b: &str) -> usize {
            let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
            for (i, row) in d.iter_mut().enumerate() {
                row[0] = i;
            }
            for (j, cell) in d[0].iter_mut().enumerate() {
                *cell = j;
            }
            for i in 1..=a.len() {
                for j in 1..=b.len() {
                    let cost = usize::from(a[i - 1] != b[j - 1]);
                    let mut v = (d[i - 1][j] + 1)
                        .min(d[i][j - 1] + 1)
                        .min(d[i - 1][j - 1] + cost);
                    if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                        v = v.min(d[i - 2][j - 2] + 1);
                    }
                    d[i][j] = v;
                }
            }
            d[a.len()][b.len()]
        }
        let mut rng = crate::synth::Rng::new(3);
        let letters = ['a', 'b', 'c', 'é'];
        let word = |rng: &mut crate::synth::Rng| -> String {
            (0..rng.below(9)).map(|_| *rng.pick(&letters)).collect()
        };
        for _ in 0..20_000 {
            let (a, b) = if rng.chance(30) {
                let a = format!("ab{}c", word(&mut rng));
                let b = crate::synth::one_edit(&a, &mut rng);
                (a, b)
            } else {
                (word(&mut rng), word(&mut rng))
            };
            let d = full(&a, &b);
            for max in 0..4 {
                assert_eq!(
                    edit_distance(&a, &b, max),
                    (d <= max).then_some(d),
                    "{a} {b}"
                );
            }
        }
    }

    #[test]
    fn words_fold_and_drop_stop_words() {
        let sw = ["the", "of"].iter().map(|s| s.to_string()).collect();
        assert_eq!(
            words("The Tumeur of Naïve-Lung", &sw),
            ["tumeur", "naive", "lung"]
        );
    }
}
