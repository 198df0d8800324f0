//! Pages: home, one per dataset, facet index and value pages, search, 404; plus badges,
//! fingerprinted theme assets, the catalog's `static/` files, `sitemap.xml`, `robots.txt` and
//! `feed.xml`.
//!
//! Templates are tera 2 with autoescaping on; what they see is built in [`view`] and
//! [`detail`], with every link already relative to the page (so the site works from any
//! sub-path and from `file://`). Pages render in parallel; the [`Output`] keeps them sorted.

mod context;
pub mod csp;
pub mod detail;
pub mod feeds;
mod page;
pub mod readiness;
mod templates;
pub mod view;

pub use page::{Listings, Page, ROWS_PER_PAGE, page_count};

use crate::badges;
use crate::model::Catalog;
use crate::output::{Job, Output};
use crate::theme::Theme;
use context::context;
use feeds::SitemapEntry;
use serde::Serialize;
use std::collections::BTreeMap;
use templates::{engine, template_error};

pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// What every page's templates can use as `site`.
#[derive(Debug, Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    base_url: &'a str,
    publisher: &'a crate::config::Publisher,
    repository: Option<&'a str>,
    /// Theme asset name (`style.css`) → fingerprinted path from the site root.
    assets: BTreeMap<String, String>,
    dataset_count: usize,
}

/// Pages per render job.
const PAGES_PER_JOB: usize = 256;

/// Which pages the jobs of [`jobs`] render.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pages {
    /// Every page of the catalog (`faircat build`).
    All,
    /// None: each page is rendered when it is asked for ([`Renderer::page`], `faircat
    /// serve`). The sitemaps still list every page.
    OnRequest,
}

/// The jobs that render the pages (a chunk of pages each, every page or none) and write the
/// sitemaps, `robots.txt` and the feed.
pub fn jobs<'a>(catalog: &'a Catalog, renderer: &'a Renderer, pages: Pages) -> Vec<Job<'a>> {
    let all = Page::all(catalog);
    let rendered: &[Page] = match pages {
        Pages::All => &all,
        Pages::OnRequest => &[],
    };
    let mut jobs: Vec<Job<'a>> = rendered
        .chunks(PAGES_PER_JOB)
        .map(|chunk| {
            let chunk = chunk.to_vec();
            Job::new("pages", move |sink| {
                for page in chunk {
                    let (file, html) = renderer.page(catalog, page)?;
                    sink.add(file, html)?;
                }
                Ok(())
            })
        })
        .collect();
    jobs.push(Job::new("feeds", move |sink| {
        sink.add_many(renderer.feed_files(catalog, &all))?;
        Ok(())
    }));
    jobs
}

/// Renders pages one at a time: every page, in the jobs of [`jobs`], or the page a browser
/// asks `faircat serve` for.
pub struct Renderer {
    engine: tera::Tera,
    listings: Listings,
    facet_links: view::FacetLinks,
}

impl Renderer {
    /// Write what every page needs (fingerprinted theme assets, badges, the catalog's static
    /// files, the security headers) and set up the templates.
    pub fn prepare(catalog: &Catalog, theme: &Theme, out: &mut Output) -> Result<Renderer, Error> {
        let mut assets = BTreeMap::new();
        for (name, bytes) in &theme.assets {
            let path = out.add_fingerprinted(&format!("static/{name}"), bytes.clone())?;
            assets.insert(name.clone(), path);
        }
        badges::write_badges(catalog, out)?;
        for (rel, bytes) in &theme.copied {
            out.add(rel.clone(), bytes.clone())?;
        }
        csp::write_headers(out)?;

        let mut engine = engine(theme)?;
        let site = SiteView {
            title: &catalog.config.title,
            description: &catalog.config.description,
            language: &catalog.config.language,
            base_url: &catalog.config.base_url,
            publisher: &catalog.config.publisher,
            repository: catalog.config.repository.as_deref(),
            assets,
            dataset_count: catalog.datasets.len(),
        };
        engine.global_context().insert("site", &site);
        Ok(Renderer {
            engine,
            listings: Listings::new(catalog),
            facet_links: view::FacetLinks::new(catalog),
        })
    }

    /// One page: the file it is written to and its HTML, with the security policy.
    pub fn page(&self, catalog: &Catalog, page: Page) -> Result<(String, String), Error> {
        let context = context(catalog, &self.listings, &self.facet_links, page);
        let html = self
            .engine
            .render(page.template(), &context)
            .map_err(|e| template_error(page.template(), &e))?;
        let file = page.file(catalog);
        let html = csp::insert_meta(&html).ok_or_else(|| {
            format!("{file}: the page has no <head> to carry the security policy")
        })?;
        Ok((file, html))
    }

    /// `sitemap.xml` (of `pages`), `robots.txt` and `feed.xml`.
    fn feed_files(&self, catalog: &Catalog, pages: &[Page]) -> Vec<(String, Vec<u8>)> {
        let sitemap: Vec<SitemapEntry> = pages
            .iter()
            .filter(|p| **p != Page::NotFound)
            .map(|p| SitemapEntry {
                path: p.path(catalog),
                lastmod: p.lastmod(catalog, &self.listings),
            })
            .collect();
        let mut files = feeds::sitemaps(catalog, &sitemap);
        files.push(("robots.txt".into(), feeds::robots(catalog).into_bytes()));
        files.push(("feed.xml".into(), feeds::atom(catalog).into_bytes()));
        files
    }
}

#[cfg(test)]
mod tests;
