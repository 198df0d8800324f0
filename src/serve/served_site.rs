//! The site as `faircat serve` holds it: the validated catalog, with pages rendered when a
//! browser asks for them.
//!
//! After an edit, the rebuild re-reads only the changed entry and assembles the catalog
//! again; nothing is rendered up front. The page the browser reloads is rendered on its
//! request, other pages when they are visited, and the search index,
//! the exports and the feeds together on the first request for one of them. So the time from
//! saving an entry to seeing it does not grow with the number of pages.

use crate::model::Catalog;
use crate::output::Output;
use crate::render::{Page, Pages, Renderer};
use crate::theme::Theme;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

type Files = HashMap<String, Arc<[u8]>>;

pub struct ServedSite {
    catalog: Catalog,
    renderer: Renderer,
    /// What every page needs: theme assets, badges, the catalog's static files.
    fixed: Files,
    /// Output path of every page (`datasets/x/index.html`) → the page.
    pages: HashMap<String, Page>,
    /// Pages rendered so far.
    rendered: Mutex<Files>,
    /// Every other file ([`crate::site::jobs`] without the pages: the search index, the
    /// exports, the sitemaps and the feed), made on the first request for one of them.
    data: OnceLock<Result<Files, String>>,
    /// A hash of every input the site was made from: equal hashes, equal sites.
    pub fingerprint: u64,
}

fn into_files(out: Output) -> Files {
    out.paths()
        .map(|p| (p.to_string(), Arc::from(out.get(p).unwrap_or_default())))
        .collect()
}

impl ServedSite {
    pub fn new(catalog: Catalog, theme: &Theme, fingerprint: u64) -> Result<ServedSite, String> {
        let mut out = Output::new();
        let renderer = Renderer::prepare(&catalog, theme, &mut out).map_err(|e| e.to_string())?;
        let pages = Page::all(&catalog)
            .into_iter()
            .map(|page| (page.file(&catalog), page))
            .collect();
        Ok(ServedSite {
            catalog,
            renderer,
            fixed: into_files(out),
            pages,
            rendered: Mutex::new(HashMap::new()),
            data: OnceLock::new(),
            fingerprint,
        })
    }

    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// The bytes of the file at `key` (`datasets/x/index.html`), rendering it if need be;
    /// `Ok(None)` when the site has no such file.
    pub fn get(&self, key: &str) -> Result<Option<Arc<[u8]>>, String> {
        if let Some(bytes) = self.fixed.get(key) {
            return Ok(Some(Arc::clone(bytes)));
        }
        if let Some(&page) = self.pages.get(key) {
            if let Some(bytes) = self.rendered.lock().ok().and_then(|r| r.get(key).cloned()) {
                return Ok(Some(bytes));
            }
            let (_, html) = self
                .renderer
                .page(&self.catalog, page)
                .map_err(|e| e.to_string())?;
            let bytes: Arc<[u8]> = Arc::from(html.into_bytes());
            if let Ok(mut rendered) = self.rendered.lock() {
                rendered.insert(key.to_string(), Arc::clone(&bytes));
            }
            return Ok(Some(bytes));
        }
        let data = self.data.get_or_init(|| self.make_data());
        match data {
            Ok(files) => Ok(files.get(key).cloned()),
            Err(e) => Err(e.clone()),
        }
    }

    fn make_data(&self) -> Result<Files, String> {
        let mut out = Output::new();
        let jobs = crate::site::jobs(&self.catalog, &self.renderer, Pages::OnRequest);
        out.run(jobs).map_err(|e| e.to_string())?;
        Ok(into_files(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_rendered_on_request_are_the_pages_of_a_build() {
        let catalog = crate::synth::catalog(12, 3);
        let theme = Theme::embedded();
        let (built, _) = crate::site::generate(&catalog, &theme, Output::new()).expect("generate");
        let served = ServedSite::new(catalog, &theme, 0).expect("site");
        for path in built.paths() {
            let bytes = served
                .get(path)
                .expect("renders")
                .unwrap_or_else(|| panic!("{path} is not served"));
            assert!(
                *bytes == *built.get(path).unwrap(),
                "{path} differs from the build"
            );
        }
        assert!(built.len() > 40, "only {} files", built.len());
        assert_eq!(served.get("no/such/file.html"), Ok(None));
    }
}
