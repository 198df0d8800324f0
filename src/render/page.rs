//! The pages of the site and the order of its dataset lists.

use super::readiness;
use super::view;
use crate::model::{Catalog, FacetKind};
use jiff::civil::Date;

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

    pub(super) fn template(self) -> &'static str {
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
    pub(super) fn list(&self, page: Page) -> &[usize] {
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
