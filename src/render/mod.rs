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
pub mod readiness;
pub mod view;

use crate::badges;
use crate::jsonld;
use crate::markdown;
use crate::model::{Catalog, FacetKind};
use crate::output::{Job, Output};
use crate::theme::Theme;
use feeds::SitemapEntry;
use jiff::civil::Date;
use serde::Serialize;
use std::collections::BTreeMap;
use view::{Item, href};

pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// One page of the site, before rendering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Page {
    /// The home page: page `n` (from 0) of the list of every dataset.
    Home(usize),
    Dataset(usize),
    FacetIndex(FacetKind),
    /// A facet kind, the index of its value in `Catalog::facet(kind).values`, and the page
    /// (from 0) of that value's list of datasets.
    FacetValue(FacetKind, usize, usize),
    Search,
    /// What the entries lack, by readiness criterion.
    HelpWanted,
    NotFound,
}

/// Rows in one page of a dataset list. Lists are cut into pages so that no page grows with
/// the catalog: the home page and a facet page of a 100,000-dataset catalog stay small.
pub const ROWS_PER_PAGE: usize = 100;

/// How many pages a list of `rows` rows takes (one, even when empty).
pub fn page_count(rows: usize) -> usize {
    rows.div_ceil(ROWS_PER_PAGE).max(1)
}

/// `page/3/` for page 2 (from 0) of a list, under the list's first page `path`.
fn list_page_path(path: &str, n: usize) -> String {
    if n == 0 {
        path.to_string()
    } else {
        format!("{path}page/{}/", n + 1)
    }
}

impl Page {
    /// Every page of the catalog, in a fixed order.
    pub fn all(catalog: &Catalog) -> Vec<Page> {
        let mut pages: Vec<Page> = (0..page_count(catalog.datasets.len()))
            .map(Page::Home)
            .collect();
        pages.extend([Page::Search, Page::HelpWanted, Page::NotFound]);
        pages.extend((0..catalog.datasets.len()).map(Page::Dataset));
        for kind in FacetKind::ALL {
            pages.push(Page::FacetIndex(kind));
            for (i, value) in catalog.facet(kind).values.iter().enumerate() {
                pages.extend((0..page_count(value.count())).map(|n| Page::FacetValue(kind, i, n)));
            }
        }
        pages
    }

    /// The page's URL path relative to the site root (`datasets/x/`); `404.html` for the 404.
    pub fn path(self, catalog: &Catalog) -> String {
        match self {
            Page::Home(n) => list_page_path("", n),
            Page::Dataset(i) => catalog.datasets[i].path(),
            Page::FacetIndex(kind) => format!("{}/", kind.slug()),
            Page::FacetValue(kind, i, n) => {
                list_page_path(&catalog.facet(kind).values[i].path(kind), n)
            }
            Page::Search => "search/".into(),
            Page::HelpWanted => readiness::HELP_WANTED_PATH.into(),
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
        view::root_of_depth(self.path(catalog).matches('/').count())
    }

    /// Which page of its list a list page is (from 0); `None` for other pages.
    pub fn list_page(self) -> Option<usize> {
        match self {
            Page::Home(n) | Page::FacetValue(_, _, n) => Some(n),
            _ => None,
        }
    }

    /// The same list's page `n` (from 0); other pages stay as they are.
    pub fn with_list_page(self, n: usize) -> Page {
        match self {
            Page::Home(_) => Page::Home(n),
            Page::FacetValue(kind, i, _) => Page::FacetValue(kind, i, n),
            other => other,
        }
    }

    /// When the content of this page last changed, from the entries' dates.
    pub fn lastmod(self, catalog: &Catalog, listings: &Listings) -> Option<Date> {
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
            Page::Home(_) | Page::FacetValue(..) => latest(listings.rows(self)),
            _ => catalog.modified(),
        }
    }

    fn template(self) -> &'static str {
        match self {
            Page::Home(_) => "index.html",
            Page::Dataset(_) => "dataset.html",
            Page::FacetIndex(_) => "facet_index.html",
            Page::FacetValue(..) => "facet.html",
            Page::Search => "search.html",
            Page::HelpWanted => "help_wanted.html",
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

/// The order of every dataset list (the home page's and each facet value's): by name,
/// case-insensitive, then slug; cut into pages of [`ROWS_PER_PAGE`].
pub struct Listings {
    home: Vec<usize>,
    /// For each facet kind (in `FacetKind::ALL` order), for each value, its datasets.
    facets: Vec<Vec<Vec<usize>>>,
}

impl Listings {
    pub fn new(catalog: &Catalog) -> Listings {
        let mut home: Vec<usize> = (0..catalog.datasets.len()).collect();
        home.sort_by_cached_key(|&i| {
            let d = &catalog.datasets[i];
            (d.name.to_lowercase(), d.slug.clone())
        });
        let mut rank = vec![0; home.len()];
        for (r, &i) in home.iter().enumerate() {
            rank[i] = r;
        }
        let facets = FacetKind::ALL
            .iter()
            .map(|&kind| {
                catalog
                    .facet(kind)
                    .values
                    .iter()
                    .map(|v| {
                        let mut list = v.datasets.clone();
                        list.sort_unstable_by_key(|&i| rank[i]);
                        list
                    })
                    .collect()
            })
            .collect();
        Listings { home, facets }
    }

    /// The whole list a list page is part of; empty for other pages.
    fn list(&self, page: Page) -> &[usize] {
        match page {
            Page::Home(_) => &self.home,
            Page::FacetValue(kind, i, _) => {
                let k = FacetKind::ALL.iter().position(|&x| x == kind);
                k.and_then(|k| self.facets[k].get(i))
                    .map_or(&[], Vec::as_slice)
            }
            _ => &[],
        }
    }

    /// The datasets shown on a list page, in order; empty for other pages.
    pub fn rows(&self, page: Page) -> &[usize] {
        let Some(n) = page.list_page() else {
            return &[];
        };
        let list = self.list(page);
        let start = (n * ROWS_PER_PAGE).min(list.len());
        &list[start..(start + ROWS_PER_PAGE).min(list.len())]
    }
}

/// Links between the pages of one list, for `_pager.html`.
#[derive(Debug, Serialize)]
struct PagerView {
    /// From 1.
    current: usize,
    total: usize,
    /// Index of the first row shown, from 1, and of the last.
    first_row: usize,
    last_row: usize,
    rows: usize,
    previous: Option<String>,
    next: Option<String>,
    /// Page numbers to link (the first, the last and those near the current one), with
    /// `None` standing for a gap.
    links: Vec<Option<Item>>,
}

fn pager(catalog: &Catalog, listings: &Listings, page: Page, root: &str) -> PagerView {
    let n = page.list_page().unwrap_or(0);
    let link_to = |m: usize| view::href(root, &page.with_list_page(m).path(catalog));
    let rows = listings.list(page).len();
    let total = page_count(rows);
    let shown = listings.rows(page).len();
    let mut links = Vec::new();
    for m in 0..total {
        let near = m.abs_diff(n) <= 2 || m == 0 || m + 1 == total;
        if near {
            let mut item = Item::link((m + 1).to_string(), link_to(m));
            if m == n {
                item.href = None;
            }
            links.push(Some(item));
        } else if links.last().is_some_and(Option::is_some) {
            links.push(None);
        }
    }
    PagerView {
        current: n + 1,
        total,
        first_row: if shown == 0 { 0 } else { n * ROWS_PER_PAGE + 1 },
        last_row: n * ROWS_PER_PAGE + shown,
        rows,
        previous: (n > 0).then(|| link_to(n - 1)),
        next: (n + 1 < total).then(|| link_to(n + 1)),
        links,
    }
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

/// A tera engine with the theme's templates, autoescaping every `.html` template.
fn engine(theme: &Theme) -> Result<tera::Tera, Error> {
    let mut engine = tera::Tera::new();
    engine.autoescape_on([".html", ".htm", ".xml", ".svg"]);
    engine.set_escape_fn(escape_html);
    let minified: Vec<(&String, String)> = theme
        .templates
        .iter()
        .map(|(name, source)| (name, minify_template(name, source)))
        .collect();
    engine
        .add_raw_templates(minified)
        .map_err(|e| template_error("theme", &e))?;
    for page in [
        Page::Home(0),
        Page::Dataset(0),
        Page::FacetIndex(FacetKind::Modality),
        Page::FacetValue(FacetKind::Modality, 0, 0),
        Page::Search,
        Page::HelpWanted,
        Page::NotFound,
    ] {
        if !engine.contains_template(page.template()) {
            return Err(format!("the theme has no template '{}'", page.template()).into());
        }
    }
    Ok(engine)
}

/// An HTML template minified once, when the engine is set up, with its `{{ }}`, `{% %}` and
/// `{# #}` kept as they are: every page it renders comes out minified without minifying each
/// page (which took a quarter of a large build's time).
fn minify_template(name: &str, source: &str) -> String {
    if !name.ends_with(".html") {
        return source.to_string();
    }
    let cfg = minify_html::Cfg {
        minify_css: true,
        minify_js: true,
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        preserve_brace_template_syntax: true,
        ..minify_html::Cfg::default()
    };
    match String::from_utf8(minify_html::minify(source.as_bytes(), &cfg)) {
        // The minifier keeps template syntax in text and attribute values (it may reorder the
        // attributes of an element), not between attributes (`<a{% if x %} rel=…{% endif %}>`).
        // Nor does it know that `{% if %}<a …>{% else %}<a …>{% endif %}` opens one element:
        // it sees two, and drops the end tags it then finds unbalanced. A template whose
        // template tags or element tags come out changed is kept as it is.
        Ok(small) if same_tags(&small, source) && html_tags(&small) == html_tags(source) => small,
        _ => source.to_string(),
    }
}

/// The start and end tags of an HTML template, in order (`<a`, `</a`), outside comments and
/// the bodies of `<script>` and `<style>` elements.
fn html_tags(source: &str) -> Vec<&str> {
    let mut tags = Vec::new();
    let mut rest = source;
    while let Some(start) = rest.find('<') {
        rest = &rest[start..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let slash = usize::from(rest[1..].starts_with('/'));
        let name_len = rest[1 + slash..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .map_or(rest.len() - 1 - slash, |n| n);
        let tag = &rest[..1 + slash + name_len];
        rest = &rest[1..];
        if tag.len() < 2 || tag == "</" {
            continue;
        }
        tags.push(tag);
        for raw in ["<script", "<style"] {
            if tag.eq_ignore_ascii_case(raw) {
                let close = format!("</{}", &raw[1..]);
                rest = rest.find(&close).map_or("", |end| &rest[end..]);
            }
        }
    }
    tags
}

/// Whether two templates have the same template tags, in any order.
fn same_tags(a: &str, b: &str) -> bool {
    let (mut a, mut b) = (template_tags(a), template_tags(b));
    a.sort_unstable();
    b.sort_unstable();
    a == b
}

/// The `{{ … }}`, `{% … %}` and `{# … #}` of a template, in order.
fn template_tags(source: &str) -> Vec<&str> {
    let mut tags = Vec::new();
    let mut rest = source;
    while let Some(start) = rest.find('{') {
        let tail = &rest[start..];
        let close = match tail.as_bytes().get(1) {
            Some(b'{') => "}}",
            Some(b'%') => "%}",
            Some(b'#') => "#}",
            _ => {
                rest = &tail[1..];
                continue;
            }
        };
        match tail[2..].find(close) {
            Some(end) => {
                tags.push(&tail[..end + 4]);
                rest = &tail[end + 4..];
            }
            None => {
                tags.push(tail);
                break;
            }
        }
    }
    tags
}

/// HTML escaping that also drops bidirectional control characters, so no entry text can
/// reorder the page text around it.
///
/// The same escapes as `tera::escape_html`, but each run of text between two escaped bytes is
/// written at once: tera writes byte by byte through `dyn Write`.
fn escape_html(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let text = markdown::strip_bidi_controls(input);
    let bytes = text.as_bytes();
    let mut copied = 0;
    for (at, byte) in bytes.iter().enumerate() {
        let escaped: &[u8] = match byte {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#39;",
            _ => continue,
        };
        out.write_all(&bytes[copied..at])?;
        out.write_all(escaped)?;
        copied = at + 1;
    }
    out.write_all(&bytes[copied..])
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

fn context(
    catalog: &Catalog,
    listings: &Listings,
    links: &view::FacetLinks,
    page: Page,
) -> tera::Context {
    let root = page.root(catalog);
    let config = &catalog.config;
    let mut c = tera::Context::new();
    let home = Item::link(config.title.clone(), href(&root, ""));
    let (title, description, mut crumbs): (String, String, Vec<Item>) = match page {
        Page::Home(n) => {
            let rows = listings.rows(page);
            if n == 0 {
                c.insert("about_html", &markdown::to_html(&catalog.about));
                c.insert("totals", &view::totals(catalog));
                let facets: Vec<view::FacetList> = FacetKind::ALL
                    .iter()
                    .map(|&k| view::facet_list(&root, catalog, k))
                    .collect();
                c.insert("facets", &facets);
            }
            c.insert("rows", &view::rows(&root, catalog, links, rows));
            c.insert("pager", &pager(catalog, listings, page, &root));
            c.insert(
                "jsonld",
                &jsonld::to_script_json(&jsonld::catalog(catalog, rows)),
            );
            if n == 0 {
                (config.title.clone(), config.description.clone(), vec![])
            } else {
                let title = format!(
                    "All datasets, page {} of {}",
                    n + 1,
                    page_count(catalog.datasets.len())
                );
                let description = format!("Datasets of {}, page {}.", config.title, n + 1);
                (title, description, vec![home])
            }
        }
        Page::Dataset(i) => {
            let d = &catalog.datasets[i];
            let view = detail::DatasetView::new(catalog, i, &root);
            c.insert("dataset", &view);
            let title = match &view.acronym {
                Some(a) => format!("{} ({a})", d.name),
                None => d.name.clone(),
            };
            let jsonld = jsonld::dataset(catalog, d);
            // The JSON-LD already holds the plain-text description (cut at 4,990 characters).
            let plain = jsonld["description"].as_str().unwrap_or_default();
            let description = markdown::truncate(plain, 200);
            c.insert("jsonld", &jsonld::to_script_json(&jsonld));
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
        Page::FacetValue(kind, i, n) => {
            let value = &catalog.facet(kind).values[i];
            let kind_view = KindView {
                slug: kind.slug(),
                title: kind.title(),
                href: href(&root, &format!("{}/", kind.slug())),
            };
            c.insert("value", &view::value_link(&root, kind, value));
            c.insert(
                "rows",
                &view::rows(&root, catalog, links, listings.rows(page)),
            );
            c.insert("pager", &pager(catalog, listings, page, &root));
            let crumbs = vec![home, Item::link(kind.title(), kind_view.href.clone())];
            c.insert("kind", &kind_view);
            let count = value.count();
            let mut title = format!("{}: {}", kind.title(), value.label);
            if n > 0 {
                title.push_str(&format!(", page {} of {}", n + 1, page_count(count)));
            }
            (
                title,
                format!(
                    "{count} {} in {} with {} {}.",
                    if count == 1 { "dataset" } else { "datasets" },
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
        Page::HelpWanted => {
            c.insert("wanted", &readiness::help_wanted(&root, catalog));
            (
                "Help wanted".into(),
                format!(
                    "What the entries of {} lack, by AI-readiness criterion.",
                    config.title
                ),
                vec![home],
            )
        }
        Page::NotFound => ("Page not found".into(), String::new(), vec![home]),
    };
    if page == Page::Home(0) {
        crumbs.clear();
    }
    let canonical = (page != Page::NotFound).then(|| config.url(&page.path(catalog)));
    c.insert("root", &root);
    c.insert("page_title", &title);
    c.insert(
        "full_title",
        &if page == Page::Home(0) {
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
            Page::Home(_) => "home",
            Page::Dataset(_) => "dataset",
            Page::FacetIndex(_) => "facet-index",
            Page::FacetValue(..) => "facet",
            Page::Search => "search",
            Page::HelpWanted => "help-wanted",
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
