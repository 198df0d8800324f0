//! Neighbour groups: where a sharded index keeps the words one edit away from any query word.
//!
//! A word's *group key* is its first letter, its last letter and its length in characters
//! (`"vo8"` for "veltraso"). A word is filed under its *neighbourhood*: its own key and the keys of
//! the words it becomes with one letter deleted — the first (`del₀`), one inside (every inner
//! deletion gives the same key) or the last. Two words one edit apart (substitution, insertion,
//! deletion or adjacent transposition) always share a key of their neighbourhoods (they share a
//! one-deletion variant, or one is a one-deletion variant of the other), so a query word fetches
//! the groups of its own neighbourhood — at most four keys — and checks what they hold with
//! `edit_distance`. SymSpell's deletion neighbourhood, coarsened to a key that all inner
//! deletions share, so a lookup costs four groups instead of one per letter.
//!
//! Groups are spread over `n` shard files by a 32-bit FNV-1a hash of the key's UTF-8 bytes
//! (`shard_of`, mirrored in `search.js`).

use serde_json::{Value, json};
use std::collections::BTreeMap;

/// Raw size a neighbour shard is filled to, on average.
const SHARD_BYTES: usize = 8 * 1024;

/// Words shorter than this are in no group. A query word needs 4 letters to be matched within
/// an edit, so the words one deletion from it have 3.
pub const MIN_CHARS: usize = 3;

/// The group key of a word given as characters: first letter, last letter, length.
pub fn key(first: char, last: char, len: usize) -> String {
    format!("{first}{last}{len}")
}

/// The keys a word is filed under (and a query word looks in), sorted and without repeats;
/// none for words shorter than `MIN_CHARS`, and only keys of `MIN_CHARS` letters or more.
pub fn neighbourhood(word: &str) -> Vec<String> {
    let mut keys: Vec<String> = parts(word)
        .into_iter()
        .map(|(f, l, n)| key(f, l, n))
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// (first letter, last letter, length) of the word and of its one-deletion variants.
fn parts(word: &str) -> Vec<(char, char, usize)> {
    let c: Vec<char> = word.chars().collect();
    let n = c.len();
    if n < MIN_CHARS {
        return Vec::new();
    }
    let mut parts = vec![(c[0], c[n - 1], n)];
    if n > MIN_CHARS {
        parts.push((c[1], c[n - 1], n - 1));
        parts.push((c[0], c[n - 1], n - 1));
        parts.push((c[0], c[n - 2], n - 1));
    }
    parts
}

/// The shard (of `shards`) holding a group key: FNV-1a of its UTF-8 bytes, modulo.
pub fn shard_of(key: &str, shards: u32) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in key.as_bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h % shards.max(1)
}

/// Write the neighbour shards `n/<i>.<hash>.json` for the dictionary's sorted `(word, location
/// JSON)` entries: `{key: {word: location, …}, …}`, keys and words sorted. Returns the manifest
/// entry `{"h": hash of all shards, "n": shard count}`.
pub fn write_shards(entries: &[(String, String)], files: &mut BTreeMap<String, Vec<u8>>) -> Value {
    // (packed key, entry index) for every word and key of its neighbourhood: compact, as at
    // 100,000 datasets there are a few hundred thousand.
    let mut members: Vec<(u64, u32)> = Vec::new();
    for (i, (word, _)) in entries.iter().enumerate() {
        for k in neighbourhood_packed(word) {
            members.push((k, i as u32));
        }
    }
    members.sort_unstable();
    members.dedup();
    let total: usize = members
        .iter()
        .map(|&(_, i)| entries[i as usize].0.len() + entries[i as usize].1.len() + 4)
        .sum();
    let shards = total.div_ceil(SHARD_BYTES).max(1) as u32;

    // Groups: (shard, key, members range), in file order.
    let mut groups: Vec<(u32, String, usize, usize)> = Vec::new();
    let mut start = 0;
    while start < members.len() {
        let packed = members[start].0;
        let end = start + members[start..].partition_point(|m| m.0 == packed);
        let k = unpack(packed);
        groups.push((shard_of(&k, shards), k, start, end));
        start = end;
    }
    groups.sort_unstable_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));

    let mut bodies: Vec<Vec<u8>> = vec![Vec::new(); shards as usize];
    for (shard, k, start, end) in &groups {
        let body = &mut bodies[*shard as usize];
        body.push(if body.is_empty() { b'{' } else { b',' });
        body.extend_from_slice(&serde_json::to_vec(k).unwrap_or_default());
        body.extend_from_slice(b":{");
        for (j, &(_, i)) in members[*start..*end].iter().enumerate() {
            let (word, loc) = &entries[i as usize];
            if j > 0 {
                body.push(b',');
            }
            body.extend_from_slice(&serde_json::to_vec(word).unwrap_or_default());
            body.push(b':');
            body.extend_from_slice(loc.as_bytes());
        }
        body.push(b'}');
    }
    drop(members);
    for body in &mut bodies {
        body.push(b'}');
        if body.len() == 1 {
            body.insert(0, b'{');
        }
    }
    let hash = crate::output::framed_content_hash(&bodies);
    for (i, body) in bodies.into_iter().enumerate() {
        files.insert(format!("n/{i}.{hash}.json"), body);
    }
    json!({"h": hash, "n": shards})
}

/// `neighbourhood`, with each key packed into a number: first letter, last letter, length.
fn neighbourhood_packed(word: &str) -> Vec<u64> {
    let mut keys: Vec<u64> = parts(word)
        .into_iter()
        .filter(|p| p.2 < 1 << 21)
        .map(|(f, l, n)| (u64::from(f) << 42) | (u64::from(l) << 21) | n as u64)
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

fn unpack(packed: u64) -> String {
    let ch = |v: u64| char::from_u32((v & 0x1f_ffff) as u32).unwrap_or('\u{fffd}');
    key(
        ch(packed >> 42),
        ch(packed >> 21),
        (packed & 0x1f_ffff) as usize,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query::edit_distance;

    fn share(a: &str, b: &str) -> bool {
        let nb = neighbourhood(b);
        neighbourhood(a).iter().any(|k| nb.contains(k))
    }

    #[test]
    fn words_one_edit_apart_share_a_group() {
        let word = "veltraso";
        let c: Vec<char> = word.chars().collect();
        let mut variants = Vec::new();
        for i in 0..c.len() {
            let mut d = c.clone();
            d.remove(i);
            variants.push(d.clone());
            for x in ['a', 'x', 'é'] {
                let mut s = c.clone();
                s[i] = x;
                variants.push(s);
                let mut ins = c.clone();
                ins.insert(i, x);
                variants.push(ins);
            }
            if i + 1 < c.len() {
                let mut t = c.clone();
                t.swap(i, i + 1);
                variants.push(t);
            }
        }
        for v in variants {
            let v: String = v.into_iter().collect();
            assert!(edit_distance(word, &v, 1).is_some(), "{v}");
            assert!(share(word, &v), "{word} and {v} share no group");
        }
        assert!(share("lung", "lnug"));
        assert!(share("lung", "ung"));
    }

    #[test]
    fn keys_and_shards() {
        assert_eq!(neighbourhood("lung"), ["lg3", "lg4", "ln3", "ug3"]);
        assert_eq!(neighbourhood("ab"), Vec::<String>::new());
        assert_eq!(neighbourhood("abc"), ["ac3"]);
        for w in ["lung", "veltraso", "abc", "ab", "ünïcødé"] {
            let mut unpacked: Vec<String> =
                neighbourhood_packed(w).into_iter().map(unpack).collect();
            unpacked.sort();
            assert_eq!(unpacked, neighbourhood(w));
        }
        // FNV-1a's published values, and one search.js gives for a non-ASCII key.
        assert_eq!(shard_of("", 1000), 0x811c_9dc5 % 1000);
        assert_eq!(shard_of("a", u32::MAX), 0xe40c_292c);
        assert_eq!(shard_of("x", 0), 0);
        assert_eq!(shard_of("ün7", 997), 484);
    }
}
