// faircat search: a dependency-free client for the static index under `search/`.
// The index was analysed and scored at build time (tantivy, BM25); this file only looks words
// up, adds impacts, intersects and filters. The query logic mirrors src/search/query.rs.
// Text from entries is only ever inserted with textContent.

const MAX_EXPANSIONS = 8;
const PREFIX_WEIGHT = 0.9;
const TYPO_WEIGHT = [1.0, 0.8, 0.6];
const PAGE = 20;
const DROPDOWN = 8;
/** Orders of the search page, as `?sort=` spells them; `size` is the old name of `subjects`. */
const SORTS = [['relevance', 'Relevance'], ['name', 'Name'], ['readiness', 'AI readiness (highest)'],
  ['subjects', 'Subjects (most)'], ['scans', 'Scans (most)'], ['year', 'Year (newest)']];
const DOWNLOADS = [['csv', 'CSV', 'text/csv', 'faircat-selection.csv'],
  ['bib', 'BibTeX', 'application/x-bibtex', 'faircat-selection.bib'],
  ['json', 'Access links (JSON)', 'application/json', 'faircat-selection-access.json']];

// ---------------------------------------------------------------- the index

export class SearchIndex {
  /** @param {string|URL} base URL of the `search/` folder; @param {function} fetchFile optional */
  constructor(base, fetchFile) {
    this.base = String(base);
    this.fetchFile = fetchFile || ((path) => fetch(new URL(path, this.base)).then((r) => {
      if (!r.ok) throw new Error(`search index: ${path}: HTTP ${r.status}`);
      return r.arrayBuffer();
    }));
    this.cache = new Map();
    this.fetched = new Map();
  }

  async open() {
    const m = JSON.parse(new TextDecoder().decode(await this.raw('manifest.json')));
    this.m = m;
    this.n = m.n;
    this.lnMin = m.q[0];
    this.lnMax = m.q[1];
    this.stop = new Set(m.sw);
    if (m.bundle) {
      const bytes = new Uint8Array(await this.raw(m.bundle));
      const len = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true);
      const header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + len)));
      this.bundle = { bytes, header, start: 4 + len };
    }
    return this;
  }

  raw(path) {
    if (!this.cache.has(path)) {
      this.cache.set(path, this.fetchFile(path).then((buf) => {
        this.fetched.set(path, buf.byteLength);
        return buf;
      }));
    }
    return this.cache.get(path);
  }

  /** A logical file as bytes, from the bundle when there is one. */
  async file(path) {
    if (this.bundle) {
      const s = this.bundle.header[path];
      if (!s) throw new Error(`search index: not in bundle: ${path}`);
      const o = this.bundle.start + s[0];
      return this.bundle.bytes.subarray(o, o + s[1]);
    }
    return new Uint8Array(await this.raw(path));
  }

  async json(path) {
    const key = 'json:' + path;
    if (!this.cache.has(key)) {
      this.cache.set(key, this.file(path).then((b) => JSON.parse(new TextDecoder().decode(b))));
    }
    return this.cache.get(key);
  }

  dequantise(q) {
    const x = (Math.max(q, 1) - 1) / 254;
    return Math.exp(this.lnMin + x * (this.lnMax - this.lnMin));
  }

  static shardIndex(shards, key) {
    let lo = 0, hi = shards.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (shards[mid][0] <= key) lo = mid + 1; else hi = mid;
    }
    return Math.max(lo - 1, 0);
  }

  async prefixShardFor(word) {
    const s = this.m.dp;
    if (!s.length) return {};
    return this.json(s[SearchIndex.shardIndex(s, word)][1]);
  }

  async prefixRange(prefix) {
    const s = this.m.dp, out = [];
    if (!s.length) return out;
    for (let i = SearchIndex.shardIndex(s, prefix); i < s.length; i++) {
      const first = s[i][0];
      if (i > 0 && first > prefix && !first.startsWith(prefix)) break;
      const shard = await this.json(s[i][1]);
      for (const w in shard) if (w.startsWith(prefix)) out.push([w, shard[w]]);
    }
    return out;
  }

  async suffixShardFor(word) {
    const s = this.m.ds;
    if (!s.length) return [];
    const rev = [...word].reverse().join('');
    const shard = await this.json(s[SearchIndex.shardIndex(s, rev)][1]);
    let entries = suffixEntries.get(shard);
    if (!entries) {
      entries = Object.entries(shard).map(([w, l]) => [[...w].reverse().join(''), l]);
      suffixEntries.set(shard, entries);
    }
    return entries;
  }

  /**
   * Dictionary words that may be one edit from `word` (and some two edits), as lists of
   * [word, loc]: the neighbour groups of its neighbourhood when sharded; every word when bundled.
   */
  async neighbours(word) {
    const near = this.m.near;
    if (near) {
      const keys = neighbourhood(word);
      const shards = await Promise.all(keys.map((k) => this.json(`n/${shardOf(k, near.n)}.${near.h}.json`)));
      return keys.map((k, i) => groupEntries(shards[i], k));
    }
    if (this.bundle) return Promise.all(this.m.dp.map(async ([, path]) => entriesOf(await this.json(path))));
    return [];
  }

  /** [[doc, impact], …] of the posting list at `loc` = [pack, offset, length, df]. */
  async postings(loc) {
    const pack = await this.file(`p/${loc[0]}.${this.m.post}.bin`);
    const bytes = pack.subarray(loc[1], loc[1] + loc[2]);
    const docs = new Uint32Array(loc[3]), impacts = new Uint8Array(loc[3]);
    let pos = 0, doc = 0, k = 0;
    while (pos < bytes.length) {
      let v = 0, shift = 0, b;
      do { b = bytes[pos++]; v += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
      doc += v;
      docs[k] = doc; impacts[k] = bytes[pos++]; k++;
    }
    return { docs: docs.subarray(0, k), impacts: impacts.subarray(0, k) };
  }

  /** Doc lists of every value of facet kind `k`, in manifest order. */
  async facetLists(k) {
    const key = 'facet:' + k;
    if (!this.cache.has(key)) {
      this.cache.set(key, this.file(this.m.facets[k].file).then((bytes) => {
        let pos = 0;
        const next = () => {
          let v = 0, shift = 0, b;
          do { b = bytes[pos++]; v += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
          return v;
        };
        return this.m.facets[k].values.map(() => {
          const count = next(), list = new Uint32Array(count);
          let doc = 0;
          for (let i = 0; i < count; i++) { doc += next(); list[i] = doc; }
          return list;
        });
      }));
    }
    return this.cache.get(key);
  }

  /** Sort column `name` (one byte per doc, 0 = unknown), as the manifest's `colnames` lists it. */
  async column(name) {
    const k = this.m.colnames.indexOf(name);
    if (k < 0) throw new Error(`search index: no sort column ${name}`);
    const b = await this.file(this.m.cols);
    return b.subarray(k * this.n, (k + 1) * this.n);
  }

  /** [subjects, scans] per doc, null where the entry gives no count. */
  async numbers() {
    if (!this.cache.has('numbers')) {
      this.cache.set('numbers', this.file(this.m.sel.nums).then((bytes) => {
        let pos = 0;
        const next = () => {
          let v = 0, shift = 0, b;
          do { b = bytes[pos++]; v += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
          return v === 0 ? null : v - 1;
        };
        const subjects = new Array(this.n), scans = new Array(this.n);
        for (let d = 0; d < this.n; d++) { subjects[d] = next(); scans[d] = next(); }
        return { subjects, scans };
      }));
    }
    return this.cache.get('numbers');
  }

  /** Doc's downloadable record: { csv: row line, bibtex, access: {…} }. Never bundled. */
  async record(doc) {
    const per = this.m.sel.rec.per;
    const path = `r/${Math.floor(doc / per)}.${this.m.sel.rec.h}.json`;
    const key = 'json:' + path;
    if (!this.cache.has(key)) {
      this.cache.set(key, this.raw(path).then((b) => JSON.parse(new TextDecoder().decode(b))));
    }
    const r = (await this.cache.get(key))[doc % per];
    return { csv: r[0], bibtex: r[1], access: r[2] };
  }

  async card(doc) {
    const per = this.m.cards.per;
    const pack = await this.json(`c/${Math.floor(doc / per)}.${this.m.cards.h}.json`);
    const c = pack[doc % per];
    return { doc, slug: c[0], name: c[1], acronym: c[2], summary: c[3], year: c[4],
      modalities: c[5], license: c[6], access: c[7], size: c[8] };
  }

  fetchedBytes() {
    let t = 0;
    for (const v of this.fetched.values()) t += v;
    return t;
  }
}

// ---------------------------------------------------------------- query logic

/** Query words: lowercase, accents folded, split on non-alphanumerics, stop words dropped. */
export function words(text, stop) {
  return text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    .replace(/ø/g, 'o').replace(/ł/g, 'l')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w && !stop.has(w) && w.length <= 40);
}

// Code points of the two words and three rows of the distance table, reused by every call:
// typo matching checks a few thousand words per query word.
let codesA = new Int32Array(64), codesB = new Int32Array(64);
let rows = [new Int32Array(65), new Int32Array(65), new Int32Array(65)];

/** Put the code points of `s` into `buf` (grown when short); returns [buf, count]. */
function codePoints(s, buf) {
  if (buf.length < s.length) buf = new Int32Array(s.length * 2);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const d = c >= 0xd800 && c < 0xdc00 && i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
    if (d >= 0xdc00 && d < 0xe000) { buf[n++] = (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000; i++; }
    else buf[n++] = c;
  }
  return [buf, n];
}

/**
 * Edit distance with adjacent transpositions (optimal string alignment) over code points, as in
 * Rust; -1 above `max`. Only cells within `max` of the diagonal are computed: the others are
 * above `max` anyway.
 */
export function editDistance(a, b, max) {
  let n, m;
  [codesA, n] = codePoints(a, codesA);
  [codesB, m] = codePoints(b, codesB);
  if (Math.abs(n - m) > max) return -1;
  if (rows[0].length < m + 2) rows = [0, 1, 2].map(() => new Int32Array(m * 2 + 2));
  const x = codesA, y = codesB, far = max + 1;
  let [prev2, prev, cur] = rows;
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - max), hi = Math.min(m, i + max);
    cur[lo - 1] = lo === 1 ? i : far;
    let rowMin = lo === 1 ? i : far;
    for (let j = lo; j <= hi; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (hi < m) cur[hi + 1] = far;
    if (rowMin > max) return -1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m] <= max ? prev[m] : -1;
}

export function allowedEdits(len) {
  return len < 4 ? 0 : len < 8 ? 1 : 2;
}

/** Neighbour group keys of a word: first letter, last letter, length, of the word and of its
 * one-deletion variants (see src/search/neighbours.rs), without repeats. */
export function neighbourhood(word) {
  const c = [...word], n = c.length;
  if (n < 3) return [];
  const keys = [c[0] + c[n - 1] + n];
  if (n > 3) keys.push(c[1] + c[n - 1] + (n - 1), c[0] + c[n - 1] + (n - 1), c[0] + c[n - 2] + (n - 1));
  return [...new Set(keys)];
}

/** The neighbour shard of a group key: 32-bit FNV-1a of its UTF-8 bytes, modulo `shards`. */
export function shardOf(key, shards) {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(key)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h % Math.max(shards, 1);
}

const cmpStr = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/** Object.entries of a loaded shard (words turned back for suffix shards), once per shard. */
const shardEntries = new WeakMap();
const suffixEntries = new WeakMap();
function entriesOf(shard) {
  let e = shardEntries.get(shard);
  if (!e) { e = Object.entries(shard); shardEntries.set(shard, e); }
  return e;
}

/** Object.entries of group `key` of a loaded neighbour shard, once per group. */
const groupCache = new WeakMap();
function groupEntries(shard, key) {
  let groups = groupCache.get(shard);
  if (!groups) { groups = new Map(); groupCache.set(shard, groups); }
  let e = groups.get(key);
  if (!e) {
    e = Object.prototype.hasOwnProperty.call(shard, key) ? Object.entries(shard[key]) : [];
    groups.set(key, e);
  }
  return e;
}

/** The dictionary words a query word stands for: [[word, loc, weight], …], one per list. */
export async function expand(index, word, asPrefix) {
  const found = [];
  const shard = await index.prefixShardFor(word);
  if (Object.prototype.hasOwnProperty.call(shard, word)) found.push([word, shard[word], 1.0]);
  if (asPrefix && [...word].length >= 2) {
    const more = (await index.prefixRange(word)).filter(([w]) => w !== word);
    more.sort((a, b) => b[1][3] - a[1][3] || cmpStr(a[0], b[0]));
    for (const [w, l] of more.slice(0, MAX_EXPANSIONS)) found.push([w, l, PREFIX_WEIGHT]);
  }
  const edits = allowedEdits([...word].length);
  if (!found.length && edits > 0) {
    const near = new Map();
    const [suffix, neighbours] = await Promise.all([index.suffixShardFor(word), index.neighbours(word)]);
    for (const list of [entriesOf(shard), suffix, ...neighbours]) {
      for (const [w, l] of list) {
        if (near.has(w)) continue;
        const d = editDistance(word, w, edits);
        if (d >= 0) near.set(w, [l, d]);
      }
    }
    const list = [...near.entries()].map(([w, [l, d]]) => [w, l, d]);
    list.sort((a, b) => a[2] - b[2] || b[1][3] - a[1][3] || cmpStr(a[0], b[0]));
    for (const [w, l, d] of list.slice(0, MAX_EXPANSIONS)) found.push([w, l, TYPO_WEIGHT[Math.min(d, 2)]]);
  }
  const best = [];
  for (const [w, l, wt] of found) {
    const i = best.findIndex((b) => b[1][0] === l[0] && b[1][1] === l[1]);
    if (i < 0) best.push([w, l, wt]);
    else if (best[i][2] < wt) best[i] = [w, l, wt];
  }
  return best;
}

/**
 * Run a query. `q = {text, typing, filters: {kind: [keys]}, sort, counts}`; returns
 * `{hits: [[doc, score]], words: [{word, terms: [[w, weight]]}], fallback, counts}`.
 */
export async function search(index, q) {
  const ws = words(q.text || '', index.stop);
  const filters = q.filters || {};
  const perWord = [], matches = [];
  const expansions = await Promise.all(ws.map((w, i) => expand(index, w, i + 1 === ws.length && !!q.typing)));
  for (let i = 0; i < ws.length; i++) {
    const terms = expansions[i];
    const scores = new Map();
    const lists = await Promise.all(terms.map((t) => index.postings(t[1])));
    terms.forEach(([, , weight], t) => {
      const { docs, impacts } = lists[t];
      for (let k = 0; k < docs.length; k++) {
        const s = weight * index.dequantise(impacts[k]);
        const e = scores.get(docs[k]);
        if (e === undefined || s > e) scores.set(docs[k], s);
      }
    });
    matches.push({ word: ws[i], terms: terms.map(([w, , wt]) => [w, wt]) });
    if (terms.length) perWord.push(scores);
  }
  // Words that match nothing are left out; if no word matches, nothing does.
  const hasText = ws.length > 0;
  let scored = new Map();
  for (const scores of perWord) {
    for (const [doc, s] of scores) {
      const e = scored.get(doc);
      if (e) { e[0] += 1; e[1] += s; } else scored.set(doc, [1, s]);
    }
  }
  let fallback = false;
  if (hasText) {
    const all = perWord.length;
    let any = false;
    for (const e of scored.values()) if (e[0] === all) { any = true; break; }
    if (any) { for (const [d, e] of scored) if (e[0] !== all) scored.delete(d); }
    else fallback = scored.size > 0 && all > 1;
  }
  const facets = index.m.facets;
  const active = Object.keys(filters).some((k) => filters[k] && filters[k].length);
  const need = active || (hasText && q.counts);
  const facetLists = need ? await Promise.all(facets.map((_, k) => index.facetLists(k))) : [];
  const selected = facets.map((f, k) => {
    const keys = (filters[f.kind] || []).map((x) => String(x).toLowerCase());
    if (!filters[f.kind] || !filters[f.kind].length) return null;
    const member = new Uint8Array(index.n);
    f.values.forEach((v, vi) => {
      if (keys.includes(v[0].toLowerCase())) for (const d of facetLists[k][vi]) member[d] = 1;
    });
    return member;
  });
  const inText = (d) => !hasText || scored.has(d);
  const passes = (d, except) => selected.every((m, k) => k === except || !m || m[d] === 1);
  const counts = facets.map((f, k) => {
    if (!q.counts) return [];
    if (!active && !hasText) return f.values.map((v) => v[2]);
    return facetLists[k].map((list) => {
      let c = 0;
      for (const d of list) if (inText(d) && passes(d, k)) c++;
      return c;
    });
  });
  let hits = [];
  if (hasText) { for (const [d, [n, s]] of scored) if (passes(d, -1)) hits.push([d, n, s]); }
  else for (let d = 0; d < index.n; d++) if (passes(d, -1)) hits.push([d, 0, 0]);
  const sort = SORTS.some(([v]) => v === q.sort) ? q.sort : 'relevance';
  if (sort === 'relevance') hits.sort((a, b) => b[1] - a[1] || b[2] - a[2] || a[0] - b[0]);
  else if (sort === 'name') hits.sort((a, b) => a[0] - b[0]);
  else {
    const col = await index.column(sort);
    hits.sort((a, b) => col[b[0]] - col[a[0]] || a[0] - b[0]);
  }
  return { hits: hits.map(([d, , s]) => [d, s]), words: matches, fallback, counts };
}

/** Words close to `word` (up to 2 edits) for "did you mean", from the shards it lands in. */
export async function suggest(index, word) {
  const max = Math.min(2, Math.max(1, Math.floor([...word].length / 3)));
  const shard = await index.prefixShardFor(word);
  const suffix = [...word].length >= 4 ? await index.suffixShardFor(word) : [];
  const out = new Map();
  for (const [w, l] of [...Object.entries(shard), ...suffix]) {
    const d = editDistance(word, w, max);
    if (d > 0) out.set(w, [d, l[3]]);
  }
  return [...out.entries()].sort((a, b) => a[1][0] - b[1][0] || b[1][1] - a[1][1]).slice(0, 3).map(([w]) => w);
}

/**
 * Totals of the docs `hits` (doc ids): datasets, and subjects and scans summed over the
 * datasets that state them, with how many do not ("unknown", never added as 0); the same per
 * modality. Mirrors `selection::totals` in Rust.
 */
export async function totals(index, hits) {
  const { subjects, scans } = await index.numbers();
  const blank = () => ({ datasets: 0, subjects: { known: 0, unknown: 0 }, scans: { known: 0, unknown: 0 } });
  const add = (t, d) => {
    t.datasets++;
    if (subjects[d] === null) t.subjects.unknown++; else t.subjects.known += subjects[d];
    if (scans[d] === null) t.scans.unknown++; else t.scans.known += scans[d];
  };
  const all = blank();
  const selected = new Uint8Array(index.n);
  for (const d of hits) { selected[d] = 1; add(all, d); }
  const byModality = [];
  const k = index.m.facets.findIndex((f) => f.kind === 'modality');
  if (k >= 0) {
    const lists = await index.facetLists(k);
    index.m.facets[k].values.forEach((v, vi) => {
      const t = blank();
      for (const d of lists[vi]) if (selected[d]) add(t, d);
      if (t.datasets) byModality.push([v[0], v[1], t]);
    });
  }
  return { all, byModality };
}

/** The selection as files: the CSV of `catalog.csv`'s columns, BibTeX, access links (JSON). */
export async function selectionFile(index, hits, kind, about) {
  const records = await Promise.all(hits.map((d) => index.record(d)));
  if (kind === 'csv') return index.m.sel.csv + records.map((r) => r.csv).join('');
  if (kind === 'bib') return records.map((r) => r.bibtex.trimEnd() + '\n').join('\n');
  return JSON.stringify({ ...about, count: records.length, datasets: records.map((r) => r.access) }, null, 2) + '\n';
}

// ---------------------------------------------------------------- the page

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

function fold(w) {
  return w.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/** `text` as nodes, words matching the query wrapped in <mark> (all via text nodes). */
function highlighted(text, terms) {
  const frag = document.createDocumentFragment();
  if (!terms.length) { frag.append(text); return frag; }
  const parts = text.split(/([\p{L}\p{N}]+)/u);
  for (const part of parts) {
    const f = fold(part);
    const hit = f && terms.some((t) => f === t || (t.length >= 4 && f.startsWith(t.slice(0, Math.max(4, t.length - 2)))) || (t.length >= 2 && f.startsWith(t) ));
    frag.append(hit ? el('mark', { text: part }) : part);
  }
  return frag;
}

function matchedTerms(results) {
  const t = new Set();
  for (const w of results.words) { t.add(w.word); for (const [x] of w.terms) t.add(x); }
  return [...t];
}

function stateFromUrl(facets) {
  const p = new URLSearchParams(location.search);
  const filters = {};
  for (const f of facets) {
    const vals = p.getAll(f.kind).flatMap((v) => v.split(',')).filter(Boolean).map((v) => v.toLowerCase());
    if (vals.length) filters[f.kind] = vals;
  }
  const asked = p.get('sort') === 'size' ? 'subjects' : p.get('sort');
  const sort = SORTS.some(([v]) => v === asked) ? asked : 'relevance';
  return { text: p.get('q') || '', filters, sort };
}

function urlFromState(s) {
  const p = new URLSearchParams();
  if (s.text) p.set('q', s.text);
  for (const [k, vals] of Object.entries(s.filters)) for (const v of vals) p.append(k, v);
  if (s.sort !== 'relevance') p.set('sort', s.sort);
  const qs = p.toString();
  return location.pathname + (qs ? '?' + qs : '');
}

const plural = (n, one, many) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

function cardMeta(c) {
  return [c.acronym && c.acronym !== c.name ? c.acronym : '', c.modalities, c.year ? String(c.year) : '',
    c.size ? plural(c.size, 'subject', 'subjects') : '', c.license, c.access].filter(Boolean).join(' · ');
}

let openIndex = null;
function loadIndex(root) {
  if (!openIndex) openIndex = new SearchIndex(new URL(root + 'search/', location.href)).open();
  return openIndex;
}

/** The header box: results as you type, in a listbox under the input. */
function headerSearch(root) {
  const input = document.getElementById('search-input');
  const box = document.getElementById('search-results');
  if (!input || !box) return;
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', 'search-results');
  input.setAttribute('autocomplete', 'off');
  box.setAttribute('role', 'listbox');
  box.setAttribute('aria-label', 'Search results');
  const status = el('p', { class: 'search-status visually-hidden', 'aria-live': 'polite', role: 'status' });
  box.after(status);
  let generation = 0, active = -1, timer = 0;

  const options = () => [...box.querySelectorAll('[role="option"]')];
  const setActive = (i) => {
    const opts = options();
    if (!opts.length) return;
    active = (i + opts.length) % opts.length;
    opts.forEach((o, k) => o.setAttribute('aria-selected', String(k === active)));
    input.setAttribute('aria-activedescendant', opts[active].id);
    opts[active].scrollIntoView({ block: 'nearest' });
  };
  const close = () => {
    box.hidden = true; active = -1;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  };
  const run = async () => {
    const gen = ++generation;
    const text = input.value;
    if (!text.trim()) { box.replaceChildren(); close(); status.textContent = ''; return; }
    const index = await loadIndex(root);
    const r = await search(index, { text, typing: !/\s$/.test(text), filters: {}, sort: 'relevance' });
    const cards = await Promise.all(r.hits.slice(0, DROPDOWN).map(([d]) => index.card(d)));
    if (gen !== generation) return;
    const terms = matchedTerms(r);
    const items = cards.map((c, i) => el('li', { role: 'option', id: `search-option-${i}`, 'aria-selected': 'false', class: 'search-option' },
      el('a', { href: root + 'datasets/' + encodeURIComponent(c.slug) + '/', tabindex: '-1' },
        el('span', { class: 'search-option-name' }, highlighted(c.name, terms)),
        el('span', { class: 'search-option-meta', text: cardMeta(c) }))));
    const all = el('li', { role: 'option', id: `search-option-${items.length}`, 'aria-selected': 'false', class: 'search-option search-all' },
      el('a', { href: root + 'search/?q=' + encodeURIComponent(text.trim()), tabindex: '-1',
        text: r.hits.length ? `All ${plural(r.hits.length, 'result', 'results')} for “${text.trim()}”` : `No datasets match “${text.trim()}” — open search` }));
    box.replaceChildren(el('ul', { class: 'search-options' }, ...items, all));
    box.hidden = false; active = -1;
    input.setAttribute('aria-expanded', 'true');
    status.textContent = r.hits.length ? plural(r.hits.length, 'result', 'results') : 'No results';
  };
  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => run().catch(report), 60); });
  input.addEventListener('focus', () => { if (box.children.length && input.value.trim()) { box.hidden = false; input.setAttribute('aria-expanded', 'true'); } });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown') { e.preventDefault(); if (box.hidden) run().catch(report); else setActive(active + 1); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); setActive(active - 1); }
    else if (e.key === 'Escape') { close(); }
    else if (e.key === 'Enter' && active >= 0) {
      e.preventDefault();
      const a = options()[active]?.querySelector('a');
      if (a) location.href = a.href;
    }
  });
  document.addEventListener('click', (e) => { if (!box.contains(e.target) && e.target !== input) close(); });
}

/** The search page: query, facets with live counts, sort, results, all in the URL. */
function searchPage(root, app) {
  const state = { text: '', filters: {}, sort: 'relevance', shown: PAGE };
  const input = el('input', { type: 'search', id: 'search-page-input', name: 'q', class: 'search-page-input',
    placeholder: 'Search datasets, e.g. lung nodule CT', autocomplete: 'off', 'aria-controls': 'search-page-results' });
  const label = el('label', { for: 'search-page-input', class: 'visually-hidden', text: 'Search the catalog' });
  const sort = el('select', { id: 'search-sort', name: 'sort' },
    ...SORTS.map(([v, t]) => el('option', { value: v, text: t })));
  const sortLabel = el('label', { for: 'search-sort', class: 'search-sort-label', text: 'Sort by ' });
  const status = el('p', { id: 'search-status', class: 'search-status', role: 'status', 'aria-live': 'polite' });
  const facetsBox = el('div', { class: 'search-facets', id: 'search-facets' });
  // A plain list of links (a listbox may not hold links): arrow keys move focus from link to link.
  const list = el('ol', { id: 'search-page-results', class: 'search-results-list', 'aria-label': 'Datasets found' });
  const more = el('button', { type: 'button', class: 'search-more', hidden: true, text: 'Show more' });
  const empty = el('div', { class: 'search-empty', id: 'search-empty', hidden: true });
  const totalsBox = el('section', { id: 'search-totals', class: 'search-totals', 'aria-label': 'Totals of these results' });
  const downloadStatus = el('span', { id: 'search-download-status', class: 'search-download-status', role: 'status', 'aria-live': 'polite' });
  const downloadButtons = DOWNLOADS.map(([kind, label, type, name]) => {
    const b = el('button', { type: 'button', class: 'search-download', id: `search-download-${kind}`, 'data-kind': kind, text: label });
    b.addEventListener('click', () => download(kind, type, name).catch(report));
    return b;
  });
  const downloads = el('div', { class: 'search-downloads', id: 'search-downloads' },
    el('span', { class: 'search-downloads-label', text: 'Download these results: ' }), ...downloadButtons, ' ', downloadStatus);
  app.replaceChildren(
    el('div', { class: 'search-bar' }, label, input, sortLabel, sort),
    el('div', { class: 'search-layout' },
      el('aside', { class: 'search-facets-panel', 'aria-label': 'Filters' }, facetsBox),
      el('section', { class: 'search-main' }, status, totalsBox, downloads, list, empty, more)));

  let index = null, generation = 0, timer = 0, active = -1, current = [];

  const download = async (kind, type, name) => {
    const hits = current;
    downloadStatus.textContent = `Preparing ${name}…`;
    const about = { catalog: document.title, query: state.text, filters: state.filters, sort: state.sort,
      search: location.href };
    const text = await selectionFile(index, hits, kind, about);
    const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
    const a = el('a', { href: url, download: name, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    downloadStatus.textContent = `${name}: ${plural(hits.length, 'dataset', 'datasets')}`;
  };

  const update = async (pushUrl) => {
    const gen = ++generation;
    if (pushUrl) history.replaceState(null, '', urlFromState(state));
    const r = await search(index, { text: state.text, typing: !/\s$/.test(state.text) && state.text !== '', filters: state.filters, sort: state.sort, counts: true });
    const shown = r.hits.slice(0, state.shown);
    const docs = r.hits.map(([d]) => d);
    const [cards, sums] = await Promise.all([Promise.all(shown.map(([d]) => index.card(d))), totals(index, docs)]);
    if (gen !== generation) return;
    current = docs;
    renderFacets(r.counts);
    renderTotals(sums);
    downloads.hidden = !docs.length;
    downloadStatus.textContent = '';
    const terms = matchedTerms(r);
    list.replaceChildren(...cards.map((c, i) => el('li', { id: `result-${i}`, class: 'search-card', 'data-slug': c.slug },
      el('h3', { class: 'search-card-title' },
        el('a', { href: root + 'datasets/' + encodeURIComponent(c.slug) + '/' }, highlighted(c.name, terms))),
      el('p', { class: 'search-card-meta', text: cardMeta(c) }),
      el('p', { class: 'search-card-summary' }, highlighted(c.summary, terms)))));
    active = -1;
    more.hidden = r.hits.length <= state.shown;
    const unknown = r.words.filter((w) => !w.terms.length).map((w) => w.word);
    let msg = plural(r.hits.length, 'dataset', 'datasets');
    if (r.fallback) msg += ' matching some of your words';
    if (unknown.length) msg += ` (no match for ${unknown.map((u) => `“${u}”`).join(', ')})`;
    status.textContent = msg;
    if (!r.hits.length) await renderEmpty(r, unknown); else { empty.hidden = true; empty.replaceChildren(); }
  };

  const renderEmpty = async (r, unknown) => {
    const items = [];
    const words = unknown.length ? unknown : r.words.map((w) => w.word);
    const seen = new Set();
    for (const w of words) {
      for (const s of await suggest(index, w)) {
        if (seen.has(s)) continue;
        seen.add(s);
        const text = state.text.toLowerCase().replace(w, s);
        items.push(el('li', {}, el('a', { href: '?q=' + encodeURIComponent(text), 'data-q': text, text: text })));
      }
    }
    const parts = [el('p', { class: 'search-empty-title', text: `No datasets match “${state.text}”${Object.keys(state.filters).length ? ' with these filters' : ''}.` })];
    if (items.length) parts.push(el('p', { text: 'Did you mean:' }), el('ul', { class: 'search-suggestions' }, ...items));
    if (Object.keys(state.filters).length) {
      const clear = el('button', { type: 'button', class: 'search-clear', text: 'Remove all filters' });
      clear.addEventListener('click', () => { state.filters = {}; update(true).catch(report); });
      parts.push(clear);
    }
    parts.push(el('p', {}, 'Try fewer or more general words, or ', el('a', { href: root, text: 'browse all datasets' }), '.'));
    empty.replaceChildren(...parts);
    empty.hidden = false;
    for (const a of empty.querySelectorAll('a[data-q]')) {
      a.addEventListener('click', (e) => { e.preventDefault(); input.value = state.text = a.dataset.q; update(true).catch(report); });
    }
  };

  const renderTotals = ({ all, byModality }) => {
    const count = (c, of) => {
      if (!c.unknown) return c.known.toLocaleString('en');
      if (c.unknown === of) return 'unknown';
      return `${c.known.toLocaleString('en')} + unknown for ${plural(c.unknown, 'dataset', 'datasets')}`;
    };
    const cell = (tag, c, of, what) => el(tag, { 'data-total': what, 'data-known': String(c.known), 'data-unknown': String(c.unknown), text: count(c, of) });
    const summary = el('dl', { class: 'search-totals-summary' },
      el('div', {}, el('dt', { text: 'Datasets' }), el('dd', { 'data-total': 'datasets', text: all.datasets.toLocaleString('en') })),
      el('div', {}, el('dt', { text: 'Subjects' }), cell('dd', all.subjects, all.datasets, 'subjects')),
      el('div', {}, el('dt', { text: 'Scans' }), cell('dd', all.scans, all.datasets, 'scans')));
    const rows = byModality.map(([key, label, t]) => el('tr', { 'data-modality': key },
      el('th', { scope: 'row', text: label }), el('td', { 'data-total': 'datasets', text: t.datasets.toLocaleString('en') }),
      cell('td', t.subjects, t.datasets, 'subjects'), cell('td', t.scans, t.datasets, 'scans')));
    const table = el('table', { class: 'search-totals-modality' },
      el('thead', {}, el('tr', {}, ...['Modality', 'Datasets', 'Subjects', 'Scans'].map((h) => el('th', { scope: 'col', text: h })))),
      el('tbody', {}, ...rows));
    const open = totalsBox.querySelector('details')?.open || false;
    const more = el('details', { class: 'search-totals-more', open }, el('summary', { text: 'By modality' }), table);
    totalsBox.replaceChildren(summary, rows.length ? more : '');
    totalsBox.hidden = !all.datasets;
  };

  const renderFacets = (counts) => {
    const groups = index.m.facets.map((f, k) => {
      const chosen = state.filters[f.kind] || [];
      const rows = f.values.map((v, vi) => {
        const id = `facet-${f.kind}-${v[0]}`;
        const checked = chosen.includes(v[0].toLowerCase());
        const count = counts[k][vi];
        if (!count && !checked) return null;
        const box = el('input', { type: 'checkbox', id, name: f.kind, value: v[0], checked, 'data-facet': f.kind });
        box.checked = checked;
        box.addEventListener('change', () => {
          const cur = new Set(state.filters[f.kind] || []);
          if (box.checked) cur.add(v[0].toLowerCase()); else cur.delete(v[0].toLowerCase());
          if (cur.size) state.filters[f.kind] = [...cur]; else delete state.filters[f.kind];
          state.shown = PAGE;
          update(true).catch(report);
        });
        return el('li', {}, box, el('label', { for: id },
          el('span', { class: 'facet-label', text: v[1] }), ' ', el('span', { class: 'facet-count', 'data-count': String(count), text: String(count) })));
      }).filter(Boolean);
      return el('fieldset', { class: 'search-facet', 'data-kind': f.kind },
        el('legend', { text: f.title }), rows.length ? el('ul', {}, ...rows) : el('p', { class: 'facet-none', text: 'None' }));
    });
    // Redrawing the facets must not drop the keyboard focus of the box just toggled.
    const focused = facetsBox.contains(document.activeElement) ? document.activeElement.id : null;
    facetsBox.replaceChildren(...groups);
    if (focused) document.getElementById(focused)?.focus();
  };

  const options = () => [...list.querySelectorAll('li.search-card')];
  const setActive = (i) => {
    const opts = options();
    if (!opts.length) return;
    active = Math.max(0, Math.min(i, opts.length - 1));
    opts[active].querySelector('a')?.focus();
  };
  list.addEventListener('keydown', (e) => {
    const at = options().findIndex((o) => o.contains(document.activeElement));
    if (e.key === 'ArrowDown') { e.preventDefault(); setActive(at + 1); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); if (at <= 0) { active = -1; input.focus(); } else setActive(at - 1); }
  });

  input.addEventListener('input', () => {
    state.text = input.value; state.shown = PAGE;
    clearTimeout(timer); timer = setTimeout(() => update(true).catch(report), 60);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown') { e.preventDefault(); setActive(active + 1); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); setActive(active - 1); }
    else if (e.key === 'Enter') {
      e.preventDefault();
      const a = options()[Math.max(active, 0)]?.querySelector('a');
      if (a) location.href = a.href;
    }
  });
  sort.addEventListener('change', () => { state.sort = sort.value; update(true).catch(report); });
  more.addEventListener('click', () => { state.shown += PAGE; update(false).catch(report); });

  loadIndex(root).then((ix) => {
    index = ix;
    Object.assign(state, stateFromUrl(index.m.facets));
    input.value = state.text;
    sort.value = state.sort;
    const headerInput = document.getElementById('search-input');
    if (headerInput) headerInput.value = state.text;
    return update(false);
  }).catch(report);
  window.addEventListener('popstate', () => {
    Object.assign(state, stateFromUrl(index.m.facets));
    input.value = state.text; sort.value = state.sort;
    update(false).catch(report);
  });
}

function report(e) {
  console.error(e);
}

if (typeof document !== 'undefined') {
  const start = () => {
    const root = document.querySelector('meta[name="faircat-root"]')?.getAttribute('content') || './';
    headerSearch(root);
    const app = document.getElementById('search-app');
    if (app) searchPage(root, app);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}
