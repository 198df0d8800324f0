//! What each page's template sees: its title, description, breadcrumbs, JSON-LD and the
//! views of its content.

use super::view::{self, Item, href};
use super::{Listings, Page, ROWS_PER_PAGE, detail, page_count, readiness};
use crate::jsonld;
use crate::markdown;
use crate::model::{Catalog, FacetKind};
use serde::Serialize;

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

/// The facet kind a facet page belongs to, for headings and breadcrumbs.
#[derive(Debug, Serialize)]
struct KindView {
    slug: &'static str,
    title: &'static str,
    href: String,
}

pub(super) fn context(
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
                &crate::escape::script_json(&jsonld::catalog(catalog, rows)),
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
            c.insert("jsonld", &crate::escape::script_json(&jsonld));
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
            c.insert("definition", &view::value_definition(kind, &value.key));
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
