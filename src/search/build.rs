//! Build a tantivy index over the catalog in memory and read out of it, for every stemmed term,
//! the datasets that contain it with tantivy's own BM25 score (summed over the boosted fields):
//! the *impacts* the static index stores, so the browser only looks up and adds.

use super::analysis::{self, SearchField};
use crate::model::Catalog;
use std::collections::BTreeMap;
use tantivy::collector::TopDocs;
use tantivy::postings::Postings;
use tantivy::query::{Bm25Weight, BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::{DocSet, Index, IndexWriter, TERMINATED, TantivyDocument, Term};

/// The analysed catalog: tantivy's index plus what the export needs.
pub struct Analysed {
    pub index: Index,
    fields: Vec<(SearchField, Field)>,
    doc_field: Field,
    /// Search doc id → index into `Catalog::datasets`. Doc ids follow dataset names
    /// (case-insensitive), so "sort by name" is "sort by doc id".
    pub order: Vec<usize>,
    /// Stem → (doc ids ascending, BM25 impact summed over fields).
    pub postings: BTreeMap<String, Vec<(u32, f32)>>,
    /// Surface word → its stem.
    pub surface: BTreeMap<String, String>,
}

/// The maps of the words and stems seen hash with foldhash: every token of every field is
/// looked up, and std's SipHash showed in the profile. (Both end up sorted, so the order in
/// which they iterate never reaches the output.)
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
type HashSet<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;

/// Memory tantivy may use while indexing, per thread.
const WRITER_MEMORY_PER_THREAD: usize = 64 << 20;

/// The analysed catalog, with tantivy's index kept for [`Analysed::tantivy_top_k`].
pub fn analyse(catalog: &Catalog) -> tantivy::Result<Analysed> {
    analyse_with(catalog, true)
}

/// The analysed catalog; without `keep_index`, tantivy's index is let go as soon as its
/// postings are read out (only the tests compare with it, and at 100,000 datasets it and the
/// postings together made the build's peak memory).
pub fn analyse_with(catalog: &Catalog, keep_index: bool) -> tantivy::Result<Analysed> {
    let mut builder = Schema::builder();
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(analysis::ANALYZER)
        .set_index_option(IndexRecordOption::WithFreqs);
    let text = TextOptions::default().set_indexing_options(indexing);
    let fields: Vec<(SearchField, Field)> = SearchField::ALL
        .iter()
        .map(|f| (*f, builder.add_text_field(f.name(), text.clone())))
        .collect();
    let doc_field = builder.add_u64_field("doc", NumericOptions::default().set_fast().set_stored());
    let index = Index::create_in_ram(builder.build());
    index
        .tokenizers()
        .register(analysis::ANALYZER, analysis::stemming_analyzer());

    let mut order: Vec<usize> = (0..catalog.datasets.len()).collect();
    order.sort_by_cached_key(|&i| {
        let d = &catalog.datasets[i];
        (d.name.to_lowercase(), d.slug.clone())
    });

    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4);
    let mut writer: IndexWriter =
        index.writer_with_num_threads(threads, threads * WRITER_MEMORY_PER_THREAD)?;
    writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
    // Surface words are gathered here, from the same texts tantivy indexes (each made once),
    // while tantivy's threads analyse the documents already handed over.
    let mut surface_analyzer = analysis::surface_analyzer();
    let mut words: HashSet<String> = HashSet::default();
    for (doc_id, &i) in order.iter().enumerate() {
        let d = &catalog.datasets[i];
        let mut doc = TantivyDocument::default();
        for (sf, field) in &fields {
            let text = sf.text(d);
            let mut stream = surface_analyzer.token_stream(&text);
            while let Some(token) = stream.next() {
                if !words.contains(&token.text) {
                    words.insert(token.text.clone());
                }
            }
            drop(stream);
            doc.add_text(*field, text);
        }
        doc.add_u64(doc_field, doc_id as u64);
        writer.add_document(doc)?;
    }
    writer.commit()?;
    drop(writer);

    let reader = index.reader()?;
    let searcher = reader.searcher();
    let mut postings: HashMap<String, Vec<(u32, f32)>> = HashMap::default();
    for &(sf, field) in &fields {
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(field)?;
            let norms = segment.get_fieldnorms_reader(field)?;
            let doc_ids = segment.fast_fields().u64("doc")?;
            let mut stream = inverted.terms().stream()?;
            while stream.advance() {
                let Ok(stem) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                let term = Term::from_field_text(field, stem);
                let weight = Bm25Weight::for_terms(&searcher, std::slice::from_ref(&term))?
                    .boost_by(sf.boost());
                let info = stream.value();
                let mut list =
                    inverted.read_postings_from_terminfo(info, IndexRecordOption::WithFreqs)?;
                let entry = postings.entry(stem.to_string()).or_default();
                // Exactly what this field adds: a list grown by doubling holds up to twice
                // its postings while every list is being read.
                entry.reserve_exact(info.doc_freq as usize);
                while list.doc() != TERMINATED {
                    let doc = list.doc();
                    let score = weight.score(norms.fieldnorm_id(doc), list.term_freq());
                    let id = doc_ids.first(doc).unwrap_or_default() as u32;
                    entry.push((id, score));
                    list.advance();
                }
            }
        }
    }
    drop((searcher, reader));
    let index = if keep_index { index } else { empty_index() };
    // A stem found in several fields has a posting per field for a document: add them up.
    for list in postings.values_mut() {
        merge_documents(list);
    }
    // Surface words: every distinct word as typed, mapped to the stem the index holds.
    let mut stemmer = analysis::stemming_analyzer();
    let surface: BTreeMap<String, String> = words
        .into_iter()
        .filter_map(|word| {
            let stem = analysis::tokens(&mut stemmer, &word).into_iter().next()?;
            postings.contains_key(&stem).then_some((word, stem))
        })
        .collect();
    let postings: BTreeMap<String, Vec<(u32, f32)>> = postings.into_iter().collect();

    Ok(Analysed {
        index,
        fields,
        doc_field,
        order,
        postings,
        surface,
    })
}

/// Sort a stem's postings by document and add up the scores of each document's postings (in
/// field order: the sort is stable), in place, leaving no spare capacity.
fn merge_documents(list: &mut Vec<(u32, f32)>) {
    list.sort_by_key(|p| p.0);
    let mut kept = 0;
    for i in 0..list.len() {
        let (doc, score) = list[i];
        if kept > 0 && list[kept - 1].0 == doc {
            list[kept - 1].1 += score;
        } else {
            list[kept] = (doc, score);
            kept += 1;
        }
    }
    list.truncate(kept);
    list.shrink_to_fit();
}

/// An index with nothing in it, in place of one no longer needed.
fn empty_index() -> Index {
    Index::create_in_ram(Schema::builder().build())
}

impl Analysed {
    /// tantivy's own top `k` for `words` (every word required; each word matched in any field
    /// with the field's boost): doc ids with scores, best first. The reference the exported
    /// index is checked against.
    pub fn tantivy_top_k(&self, words: &[&str], k: usize) -> tantivy::Result<Vec<(u32, f32)>> {
        let mut stemmer = analysis::stemming_analyzer();
        let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for word in words {
            for stem in analysis::tokens(&mut stemmer, word) {
                let should: Vec<(Occur, Box<dyn Query>)> = self
                    .fields
                    .iter()
                    .map(|(sf, field)| {
                        let q = TermQuery::new(
                            Term::from_field_text(*field, &stem),
                            IndexRecordOption::WithFreqs,
                        );
                        (
                            Occur::Should,
                            Box::new(BoostQuery::new(Box::new(q), sf.boost())) as Box<dyn Query>,
                        )
                    })
                    .collect();
                must.push((Occur::Must, Box::new(BooleanQuery::new(should))));
            }
        }
        let query = BooleanQuery::new(must);
        let searcher = self.index.reader()?.searcher();
        let top = searcher.search(&query, &TopDocs::with_limit(k).order_by_score())?;
        let mut out = Vec::with_capacity(top.len());
        for (score, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            let id = doc
                .get_first(self.doc_field)
                .and_then(|v| v.as_u64())
                .unwrap_or_default();
            out.push((id as u32, score));
        }
        Ok(out)
    }
}
