//! How text becomes search terms, at build time and — mirrored in `search.js` — in the browser.
//!
//! Words are split on anything that is not a letter or digit, lowercased, folded to ASCII
//! (é → e) and stop words are dropped: that gives the *surface* words the browser looks up. The
//! index itself holds their English (Snowball) stems, so the browser needs no stemmer: each
//! surface word in the exported dictionary points at its stem's posting list.

use crate::model::Dataset;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    StopWordFilter, TextAnalyzer,
};

/// Name of the analyzer registered in the tantivy index.
pub const ANALYZER: &str = "faircat";

/// Longest word indexed, in bytes; longer tokens are dropped (hashes, garbage).
pub const MAX_WORD_LEN: usize = 40;

/// English stop words (Lucene's list, as tantivy uses): not indexed, ignored in queries.
pub const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
    "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these",
    "they", "this", "to", "was", "will", "with",
];

fn builder() -> tantivy::tokenizer::TextAnalyzerBuilder<impl tantivy::tokenizer::Tokenizer> {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_WORD_LEN + 1))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(StopWordFilter::remove(
            STOP_WORDS.iter().map(|w| w.to_string()),
        ))
}

/// The analyzer of indexed text and queries: surface words, then their English stems.
pub fn stemming_analyzer() -> TextAnalyzer {
    builder().filter(CachedStemmer).build()
}

/// Words a [`CachedStemmer`] remembers at most (about 3 MB); beyond that it stems without
/// remembering. Words come in roughly by frequency, so the common ones are remembered; names,
/// codes and numbers, which make most of a large catalog's distinct words, mostly are not.
/// tantivy clones the analyzer for each field of each indexing thread, and a cache of every
/// word (160,000 at 100,000 datasets) cost the build 30-60 MB at its peak.
const STEM_CACHE_LIMIT: usize = 1 << 15;

/// tantivy's English [`Stemmer`], remembering the stem of each word it has seen. Snowball
/// stemming was a third of the search index's CPU time, and a catalog repeats the same few
/// thousand words: each analyzer (tantivy clones one per indexing thread) keeps its own memory.
#[derive(Clone, Default)]
pub struct CachedStemmer;

impl tantivy::tokenizer::TokenFilter for CachedStemmer {
    type Tokenizer<T: tantivy::tokenizer::Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: tantivy::tokenizer::Tokenizer>(self, inner: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            inner,
            stems: Stems::default(),
            stemmer: TextAnalyzer::builder(tantivy::tokenizer::RawTokenizer::default())
                .filter(Stemmer::new(Language::English))
                .build(),
        }
    }
}

/// Word → stem, hashed with foldhash like the other maps of the index build: the map is asked
/// once per token of every indexed field.
type Stems = std::collections::HashMap<String, String, foldhash::fast::RandomState>;

#[derive(Clone)]
pub struct CachedStemmerFilter<T> {
    inner: T,
    /// Word → its stem.
    stems: Stems,
    /// tantivy's stemmer, for words not seen before.
    stemmer: TextAnalyzer,
}

impl<T: tantivy::tokenizer::Tokenizer> tantivy::tokenizer::Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            stems: &mut self.stems,
            stemmer: &mut self.stemmer,
        }
    }
}

pub struct CachedStemmerStream<'a, T> {
    tail: T,
    stems: &'a mut Stems,
    stemmer: &'a mut TextAnalyzer,
}

impl<T: tantivy::tokenizer::TokenStream> tantivy::tokenizer::TokenStream
    for CachedStemmerStream<'_, T>
{
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some(stem) = self.stems.get(&token.text) {
            token.text.clone_from(stem);
            return true;
        }
        let mut stream = self.stemmer.token_stream(&token.text);
        let stem = match stream.next() {
            Some(t) => t.text.clone(),
            None => token.text.clone(),
        };
        drop(stream);
        if self.stems.len() < STEM_CACHE_LIMIT {
            self.stems.insert(token.text.clone(), stem.clone());
        }
        token.text = stem;
        true
    }

    fn token(&self) -> &tantivy::tokenizer::Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut tantivy::tokenizer::Token {
        self.tail.token_mut()
    }
}

/// Surface words only (no stemming): what people type.
pub fn surface_analyzer() -> TextAnalyzer {
    builder().build()
}

/// Every token of `text` produced by `analyzer`.
pub fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(t) = stream.next() {
        out.push(t.text.clone());
    }
    out
}

/// The searchable fields of a dataset and how much a match in each counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchField {
    /// Name, acronym and alternate names.
    Name,
    /// Keywords, topic, targets, pathologies, modality, anatomy and platform labels, and the
    /// names of the creators and the publisher.
    Keywords,
    /// The description, as plain text.
    Body,
}

impl SearchField {
    pub const ALL: [SearchField; 3] = [SearchField::Name, SearchField::Keywords, SearchField::Body];

    pub fn name(self) -> &'static str {
        match self {
            SearchField::Name => "name",
            SearchField::Keywords => "keywords",
            SearchField::Body => "body",
        }
    }

    /// Multiplier of the field's BM25 score.
    pub fn boost(self) -> f32 {
        match self {
            SearchField::Name => 3.0,
            SearchField::Keywords => 1.5,
            SearchField::Body => 1.0,
        }
    }

    /// The text of this field for one dataset.
    pub fn text(self, d: &Dataset) -> String {
        match self {
            SearchField::Name => {
                let mut parts = vec![d.name.clone()];
                parts.extend(d.acronym.clone());
                parts.extend(d.alternate_names.iter().cloned());
                parts.join(" \n ")
            }
            SearchField::Keywords => {
                let mut parts: Vec<String> = d.keywords.clone();
                parts.extend(d.topic.clone());
                parts.extend(d.pathologies.iter().cloned());
                for list in [&d.targets.pixel, &d.targets.instance, &d.targets.image] {
                    parts.extend(list.iter().cloned());
                }
                for m in &d.modalities {
                    parts.push(format!("{} {}", m.code, m.name));
                }
                for a in &d.anatomy {
                    parts.push(a.label.to_string());
                    parts.extend(a.synonyms.iter().map(|s| s.to_string()));
                }
                for p in &d.platforms {
                    parts.push(p.name.to_string());
                }
                for a in d.creators.iter().chain(&d.publisher) {
                    parts.push(a.name.clone());
                }
                parts.join(" \n ")
            }
            SearchField::Body => crate::markdown::to_plain_text(&d.description),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surface_words_are_folded_and_stems_english() {
        let mut s = surface_analyzer();
        let mut t = stemming_analyzer();
        assert_eq!(
            tokens(&mut s, "Lung Nodules of the Tumour, Naïve"),
            ["lung", "nodules", "tumour", "naive"]
        );
        assert_eq!(
            tokens(&mut t, "Lung Nodules segmentation"),
            ["lung", "nodul", "segment"]
        );
    }

    #[test]
    fn the_cached_stemmer_stems_as_tantivys_stemmer_does() {
        let mut plain = builder().filter(Stemmer::new(Language::English)).build();
        let mut cached = stemming_analyzer();
        let text = "Segmentations segmenting segmented nodules nodule generously generous \
            running runs ran tumours tumor's lungs lung CT-scans MRI 3D x-ray radiology \
            radiological agreement agreed ponies caresses cats sized sizing";
        // Twice: the second pass reads every stem from the cache.
        for _ in 0..2 {
            assert_eq!(tokens(&mut cached, text), tokens(&mut plain, text));
        }
        assert_eq!(
            tokens(&mut cached, "nodules segmented"),
            ["nodul", "segment"]
        );
    }

    #[test]
    fn plain_text_drops_markup_and_urls() {
        let p = crate::markdown::to_plain_text(
            "**Bold** [link](https://x.org) and <b>html</b>\n\n- item",
        );
        assert!(p.contains("Bold link and"));
        assert!(!p.contains("https") && !p.contains('<') && !p.contains('*'));
    }

    #[test]
    fn creators_and_publisher_are_searched_as_keywords() {
        use crate::model::{Agent, AgentKind};
        let mut d = crate::fixture::dataset("x", "X");
        d.creators = vec![Agent {
            name: "Armato III, Samuel G.".into(),
            ..Agent::default()
        }];
        d.publisher = Some(Agent {
            name: "Example Data Archive".into(),
            kind: AgentKind::Organization,
            ..Agent::default()
        });
        let text = SearchField::Keywords.text(&d);
        assert!(text.contains("Armato III, Samuel G."), "{text}");
        assert!(text.contains("Example Data Archive"), "{text}");
    }
}
