//! Pages: home, one per dataset, facet index and value pages, search, 404; plus badges,
//! fingerprinted theme assets, the catalog's `static/` files, `sitemap.xml`, `robots.txt` and
//! `feed.xml`.
//!
//! Templates are tera 2 with autoescaping on; what they see is built in [`view`] and
//! [`detail`], with every link already relative to the page (so the site works from any
//! sub-path and from `file://`). Pages render in parallel; the [`Output`] keeps them sorted.

pub mod csp;
pub mod detail;
pub mod feeds;
pub mod view;

use crate::badges;
use crate::jsonld;
use crate::markdown;
use crate::model::{Catalog, FacetKind};
use crate::output::Output;
use crate::theme::Theme;
use feeds::SitemapEntry;
use jiff::civil::Date;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use view::{Item, href};

pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// One page of the site, before rendering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Home,
    Dataset(usize),
    FacetIndex(FacetKind),
    /// A facet kind and the index of its value in `Catalog::facet(kind).values`.
    FacetValue(FacetKind, usize),
    Search,
    NotFound,
}

impl Page {
    /// Every page of the catalog, in a fixed order.
    pub fn all(catalog: &Catalog) -> Vec<Page> {
        let mut pages = vec![Page::Home, Page::Search, Page::NotFound];
        pages.extend((0..catalog.datasets.len()).map(Page::Dataset));
        for kind in FacetKind::ALL {
            pages.push(Page::FacetIndex(kind));
            pages.extend((0..catalog.facet(kind).values.len()).map(|i| Page::FacetValue(kind, i)));
        }
        pages
    }

    /// The page's URL path relative to the site root (`datasets/x/`); `404.html` for the 404.
    pub fn path(self, catalog: &Catalog) -> String {
        match self {
            Page::Home => String::new(),
            Page::Dataset(i) => catalog.datasets[i].path(),
            Page::FacetIndex(kind) => format!("{}/", kind.slug()),
            Page::FacetValue(kind, i) => catalog.facet(kind).values[i].path(kind),
            Page::Search => "search/".into(),
            Page::NotFound => "404.html".into(),
        }
    }

    /// Where the page is written.
    pub fn file(self, catalog: &Catalog) -> String {
        let path = self.path(catalog);
        if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else {
            path
        }
    }

    /// Relative path from this page back to the site root. The 404 page is served at any
    /// depth, so it uses the absolute path of `base_url` instead.
    pub fn root(self, catalog: &Catalog) -> String {
        if self == Page::NotFound {
            return url::Url::parse(&catalog.config.base_url)
                .map(|u| u.path().to_string())
                .unwrap_or_else(|_| "/".into());
        }
        let depth = self.path(catalog).matches('/').count();
        if depth == 0 {
            "./".into()
        } else {
            "../".repeat(depth)
        }
    }

    /// When the content of this page last changed, from the entries' dates.
    pub fn lastmod(self, catalog: &Catalog) -> Option<Date> {
        let latest = |indices: &[usize]| {
            indices
                .iter()
                .flat_map(|&i| {
                    let d = &catalog.datasets[i];
                    [d.updated, d.added, d.released]
                })
                .flatten()
                .max()
        };
        match self {
            Page::Dataset(i) => latest(&[i]),
            Page::FacetValue(kind, i) => latest(&catalog.facet(kind).values[i].datasets),
            _ => catalog.modified(),
        }
    }

    fn template(self) -> &'static str {
        match self {
            Page::Home => "index.html",
            Page::Dataset(_) => "dataset.html",
            Page::FacetIndex(_) => "facet_index.html",
            Page::FacetValue(..) => "facet.html",
            Page::Search => "search.html",
            Page::NotFound => "404.html",
        }
    }
}

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

/// How many pages are rendered (and written) together.
const PAGES_AT_ONCE: usize = 2048;

/// Write the whole site except the search index and exports.
pub fn render_site(catalog: &Catalog, theme: &Theme, out: &mut Output) -> Result<(), Error> {
    let renderer = Renderer::prepare(catalog, theme, out)?;
    let pages = Page::all(catalog);
    // In chunks, so that a staged output holds a chunk of pages at a time, not the site.
    for chunk in pages.chunks(PAGES_AT_ONCE) {
        let rendered = chunk
            .par_iter()
            .map(|&page| {
                let (file, html) = renderer.page(catalog, page)?;
                Ok((file, html.into_bytes()))
            })
            .collect::<Result<Vec<(String, Vec<u8>)>, Error>>()?;
        out.add_many(rendered)?;
    }
    write_feeds(catalog, &pages, out)
}

/// Renders pages one at a time: what `render_site` does for every page, and `faircat serve`
/// for the page a browser asks for.
pub struct Renderer {
    engine: tera::Tera,
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
        Ok(Renderer { engine })
    }

    /// One page: the file it is written to and its HTML, with the security policy.
    pub fn page(&self, catalog: &Catalog, page: Page) -> Result<(String, String), Error> {
        let context = context(catalog, page);
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
}

/// `sitemap.xml` (of `pages`), `robots.txt` and `feed.xml`.
pub fn write_feeds(catalog: &Catalog, pages: &[Page], out: &mut Output) -> Result<(), Error> {
    let sitemap: Vec<SitemapEntry> = pages
        .iter()
        .filter(|p| **p != Page::NotFound)
        .map(|p| SitemapEntry {
            path: p.path(catalog),
            lastmod: p.lastmod(catalog),
        })
        .collect();
    out.add("sitemap.xml", feeds::sitemap(catalog, &sitemap))?;
    out.add("robots.txt", feeds::robots(catalog))?;
    out.add("feed.xml", feeds::atom(catalog))?;
    Ok(())
}

/// A tera engine with the theme's templates, autoescaping every `.html` template.
fn engine(theme: &Theme) -> Result<tera::Tera, Error> {
    let mut engine = tera::Tera::new();
    engine.autoescape_on([".html", ".htm", ".xml", ".svg"]);
    engine.set_escape_fn(escape_html);
    engine
        .add_raw_templates(theme.templates.iter())
        .map_err(|e| template_error("theme", &e))?;
    for page in [
        Page::Home,
        Page::Dataset(0),
        Page::FacetIndex(FacetKind::Modality),
        Page::FacetValue(FacetKind::Modality, 0),
        Page::Search,
        Page::NotFound,
    ] {
        if !engine.contains_template(page.template()) {
            return Err(format!("the theme has no template '{}'", page.template()).into());
        }
    }
    Ok(engine)
}

/// HTML escaping that also drops bidirectional control characters, so no entry text can
/// reorder the page text around it.
fn escape_html(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    tera::escape_html(&markdown::strip_bidi_controls(input), out)
}

fn template_error(name: &str, e: &tera::Error) -> Error {
    let mut message = format!("template {name}: {e}");
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(&format!(": {s}"));
        source = s.source();
    }
    message.into()
}

/// The facet kind a facet page belongs to, for headings and breadcrumbs.
#[derive(Debug, Serialize)]
struct KindView {
    slug: &'static str,
    title: &'static str,
    href: String,
}

fn context(catalog: &Catalog, page: Page) -> tera::Context {
    let root = page.root(catalog);
    let config = &catalog.config;
    let mut c = tera::Context::new();
    let home = Item::link(config.title.clone(), href(&root, ""));
    let (title, description, mut crumbs): (String, String, Vec<Item>) = match page {
        Page::Home => {
            c.insert("about_html", &markdown::to_html(&catalog.about));
            c.insert("totals", &view::totals(catalog));
            let facets: Vec<view::FacetList> = FacetKind::ALL
                .iter()
                .map(|&k| view::facet_list(&root, catalog, k))
                .collect();
            c.insert("facets", &facets);
            c.insert(
                "rows",
                &view::rows(&root, catalog, 0..catalog.datasets.len()),
            );
            c.insert("jsonld", &jsonld::to_script_json(&jsonld::catalog(catalog)));
            (config.title.clone(), config.description.clone(), vec![])
        }
        Page::Dataset(i) => {
            let d = &catalog.datasets[i];
            let view = detail::DatasetView::new(catalog, i, &root);
            c.insert("dataset", &view);
            c.insert(
                "jsonld",
                &jsonld::to_script_json(&jsonld::dataset(catalog, d)),
            );
            let title = match &view.acronym {
                Some(a) => format!("{} ({a})", d.name),
                None => d.name.clone(),
            };
            let description = markdown::truncate(&markdown::to_plain_text(&d.description), 200);
            (title, description, vec![home])
        }
        Page::FacetIndex(kind) => {
            c.insert("facet", &view::facet_list(&root, catalog, kind));
            (
                format!("Datasets by {}", kind.title().to_lowercase()),
                format!(
                    "The datasets of {} grouped by {}, with counts.",
                    config.title,
                    kind.title().to_lowercase()
                ),
                vec![home],
            )
        }
        Page::FacetValue(kind, i) => {
            let value = &catalog.facet(kind).values[i];
            let kind_view = KindView {
                slug: kind.slug(),
                title: kind.title(),
                href: href(&root, &format!("{}/", kind.slug())),
            };
            c.insert("value", &view::value_link(&root, kind, value));
            c.insert(
                "rows",
                &view::rows(&root, catalog, value.datasets.iter().copied()),
            );
            let crumbs = vec![home, Item::link(kind.title(), kind_view.href.clone())];
            c.insert("kind", &kind_view);
            let n = value.count();
            (
                format!("{}: {}", kind.title(), value.label),
                format!(
                    "{n} {} in {} with {} {}.",
                    if n == 1 { "dataset" } else { "datasets" },
                    config.title,
                    kind.title().to_lowercase(),
                    value.label
                ),
                crumbs,
            )
        }
        Page::Search => (
            "Search".into(),
            format!("Search the datasets of {}.", config.title),
            vec![home],
        ),
        Page::NotFound => ("Page not found".into(), String::new(), vec![home]),
    };
    if page == Page::Home {
        crumbs.clear();
    }
    let canonical = (page != Page::NotFound).then(|| config.url(&page.path(catalog)));
    c.insert("root", &root);
    c.insert("page_title", &title);
    c.insert(
        "full_title",
        &if page == Page::Home {
            title.clone()
        } else {
            format!("{title} · {}", config.title)
        },
    );
    c.insert("meta_description", &description);
    c.insert("canonical", &canonical);
    c.insert("breadcrumbs", &crumbs);
    c.insert(
        "og_type",
        if matches!(page, Page::Dataset(_)) {
            "article"
        } else {
            "website"
        },
    );
    c.insert(
        "page_kind",
        match page {
            Page::Home => "home",
            Page::Dataset(_) => "dataset",
            Page::FacetIndex(_) => "facet-index",
            Page::FacetValue(..) => "facet",
            Page::Search => "search",
            Page::NotFound => "not-found",
        },
    );
    if !c.contains_key("jsonld") {
        c.insert("jsonld", &Option::<String>::None);
    }
    c
}

#[cfg(test)]
mod tests;
