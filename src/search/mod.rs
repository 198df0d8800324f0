//! The static search index: tantivy analyses and scores the catalog at build time; the result
//! is exported as small content-hashed files under `search/` that the browser only looks up and
//! adds (`themes/default/static/search.js`).
//!
//! - [`analysis`]: how text becomes words and stems (mirrored by the client),
//! - [`build`]: the tantivy index and the BM25 impacts read out of it,
//! - [`export`]: the file format,
//! - [`neighbours`]: the groups of words one edit apart that typo matching looks in,
//! - [`reader`] and [`query`]: the reference implementation of the client's query logic,
//! - [`selection`]: totals and downloadable records of what a query finds.

pub mod analysis;
pub mod build;
pub mod export;
pub mod neighbours;
pub mod query;
pub mod reader;
pub mod selection;

use crate::model::Catalog;
use crate::output::Output;
use std::collections::BTreeMap;

pub use export::Layout;

pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// Add the search index of `catalog` to the site, laid out for its size.
pub fn write_index(catalog: &Catalog, out: &mut Output) -> Result<(), Error> {
    write_index_with(catalog, out, Layout::for_size(catalog.datasets.len()))
}

/// The job that makes the search index, laid out for the catalog's size.
pub fn job(catalog: &Catalog) -> crate::output::Job<'_> {
    crate::output::Job::new("search index", move |sink| {
        let layout = Layout::for_size(catalog.datasets.len());
        sink.add_many(site_files(catalog, layout)?)?;
        Ok(())
    })
}

/// Add the search index with an explicit layout.
pub fn write_index_with(catalog: &Catalog, out: &mut Output, layout: Layout) -> Result<(), Error> {
    out.add_many(site_files(catalog, layout)?)?;
    Ok(())
}

/// [`index_files`] by path from the site root (`search/…`).
fn site_files(catalog: &Catalog, layout: Layout) -> Result<Vec<(String, Vec<u8>)>, Error> {
    Ok(index_files(catalog, layout)?
        .into_iter()
        .map(|(path, bytes)| (format!("search/{path}"), bytes))
        .collect())
}

/// The index files by path relative to `search/`.
pub fn index_files(catalog: &Catalog, layout: Layout) -> Result<BTreeMap<String, Vec<u8>>, Error> {
    let analysed = build::analyse_with(catalog, false)?;
    Ok(export::into_files(catalog, analysed, layout))
}
