//! The static search index: built with tantivy, exported as content-hashed files under `search/`.

use crate::model::Catalog;
use crate::output::Output;

pub fn write_index(
    _catalog: &Catalog,
    _out: &mut Output,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    Ok(())
}
