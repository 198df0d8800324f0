//! Pages: home, one per dataset, facet pages, sitemap, feed, robots.txt, 404.

use crate::model::Catalog;
use crate::output::Output;
use crate::theme::Theme;

pub fn render_site(
    _catalog: &Catalog,
    _theme: &Theme,
    _out: &mut Output,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    Ok(())
}
