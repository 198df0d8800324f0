//! The static search index: tantivy analyses and scores the catalog at build time; the result
//! is exported as small content-hashed files under `search/` that the browser only looks up and
//! adds (`themes/default/static/search.js`).
//!
//! - [`analysis`]: how text becomes words and stems (mirrored by the client),
//! - [`build`]: the tantivy index and the BM25 impacts read out of it,
//! - [`format`]: the file format,
//! - [`neighbours`]: the groups of words one edit apart that typo matching looks in,
//! - [`reader`] and [`query`]: the reference implementation of the client's query logic,
//! - [`selection`]: totals and downloadable records of what a query finds.

pub mod analysis;
pub mod build;
pub mod format;
pub mod neighbours;
pub mod query;
pub mod reader;
pub mod selection;

use crate::model::Catalog;
use std::collections::BTreeMap;

pub use format::Layout;

pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// The stage's one entry point: the job that adds the search index under `search/`, laid out
/// for the catalog's size.
pub fn job(catalog: &Catalog) -> crate::output::Job<'_> {
    crate::output::Job::new("search index", move |sink| {
        let layout = Layout::for_size(catalog.datasets.len());
        let files = index_files(catalog, layout)?
            .into_iter()
            .map(|(path, bytes)| (format!("search/{path}"), bytes))
            .collect();
        sink.add_many(files)?;
        Ok(())
    })
}

/// The index files by path relative to `search/`.
pub fn index_files(catalog: &Catalog, layout: Layout) -> Result<BTreeMap<String, Vec<u8>>, Error> {
    let analysed = build::analyse_with(catalog, false)?;
    Ok(format::into_files(catalog, analysed, layout))
}
