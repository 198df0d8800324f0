//! Machine-read companions of the pages: `sitemap.xml`, `robots.txt` and the Atom feed
//! `feed.xml`. Dates come from the entries, never from the clock.

use crate::escape;
use crate::markdown;
use crate::model::Catalog;
use jiff::civil::Date;

/// A page for the sitemap: its site path (`datasets/x/`) and the date its content last changed.
#[derive(Debug, Clone)]
pub struct SitemapEntry {
    pub path: String,
    pub lastmod: Option<Date>,
}

/// The most URLs one sitemap file may list (sitemaps.org).
pub const SITEMAP_MAX_URLS: usize = 50_000;

/// `sitemap.xml`: the sitemap itself, or, for more than [`SITEMAP_MAX_URLS`] pages, a
/// sitemap index of `sitemaps/<n>.xml` files that each list at most that many.
pub fn sitemaps(catalog: &Catalog, pages: &[SitemapEntry]) -> Vec<(String, Vec<u8>)> {
    if pages.len() <= SITEMAP_MAX_URLS {
        return vec![("sitemap.xml".into(), sitemap(catalog, pages).into_bytes())];
    }
    let mut index = String::from(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
    ));
    let mut files = Vec::new();
    for (n, part) in pages.chunks(SITEMAP_MAX_URLS).enumerate() {
        let path = format!("sitemaps/{}.xml", n + 1);
        index.push_str("  <sitemap><loc>");
        index.push_str(&escape::xml(&catalog.config.url(&path)));
        index.push_str("</loc>");
        if let Some(date) = part.iter().filter_map(|p| p.lastmod).max() {
            index.push_str(&format!("<lastmod>{date}</lastmod>"));
        }
        index.push_str("</sitemap>\n");
        files.push((path, sitemap(catalog, part).into_bytes()));
    }
    index.push_str("</sitemapindex>\n");
    files.push(("sitemap.xml".into(), index.into_bytes()));
    files
}

fn sitemap(catalog: &Catalog, pages: &[SitemapEntry]) -> String {
    let mut xml = String::from(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
    ));
    for page in pages {
        xml.push_str("  <url><loc>");
        xml.push_str(&escape::xml(&catalog.config.url(&page.path)));
        xml.push_str("</loc>");
        if let Some(date) = page.lastmod {
            xml.push_str(&format!("<lastmod>{date}</lastmod>"));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

pub fn robots(catalog: &Catalog) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        catalog.config.url("sitemap.xml")
    )
}

fn timestamp(date: Date) -> String {
    format!("{date}T00:00:00Z")
}

/// Atom feed of the datasets that record when they were `added`, newest first (ties by slug).
pub fn atom(catalog: &Catalog) -> String {
    let config = &catalog.config;
    let mut entries: Vec<(Date, &crate::model::Dataset)> = catalog
        .datasets
        .iter()
        .filter_map(|d| d.added.map(|a| (a, &**d)))
        .collect();
    entries.sort_by(|(a, x), (b, y)| b.cmp(a).then_with(|| x.slug.cmp(&y.slug)));
    let entry_updated =
        |added: Date, d: &crate::model::Dataset| d.updated.map_or(added, |u| u.max(added));
    // Atom requires a feed date: the newest entry's, else the catalog's, else the Unix epoch
    // (a fixed value, so that builds stay reproducible).
    let updated = entries
        .iter()
        .map(|(a, d)| entry_updated(*a, d))
        .max()
        .or(catalog.modified())
        .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), timestamp);

    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        escape::xml(&config.language)
    ));
    xml.push_str(&format!(
        "  <title>{}</title>\n",
        escape::xml(&config.title)
    ));
    if !config.description.is_empty() {
        xml.push_str(&format!(
            "  <subtitle>{}</subtitle>\n",
            escape::xml(&config.description)
        ));
    }
    xml.push_str(&format!("  <id>{}</id>\n", escape::xml(&config.base_url)));
    xml.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        escape::xml(&config.url("feed.xml"))
    ));
    xml.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape::xml(&config.base_url)
    ));
    xml.push_str(&format!("  <updated>{updated}</updated>\n"));
    xml.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        escape::xml(&config.publisher.name)
    ));
    xml.push_str("  <generator>faircat</generator>\n");
    for (added, d) in entries {
        let url = config.url(&d.path());
        xml.push_str("  <entry>\n");
        xml.push_str(&format!("    <title>{}</title>\n", escape::xml(&d.name)));
        xml.push_str(&format!("    <id>{}</id>\n", escape::xml(&url)));
        xml.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            escape::xml(&url)
        ));
        xml.push_str(&format!(
            "    <published>{}</published>\n",
            timestamp(added)
        ));
        xml.push_str(&format!(
            "    <updated>{}</updated>\n",
            timestamp(entry_updated(added, d))
        ));
        let summary = markdown::plain_summary(&d.description, 500);
        xml.push_str(&format!(
            "    <summary>{}</summary>\n",
            escape::xml(&summary)
        ));
        for m in &d.modalities {
            xml.push_str(&format!(
                "    <category term=\"{}\"/>\n",
                escape::xml(m.code)
            ));
        }
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn more_pages_than_a_sitemap_holds_make_a_sitemap_index() {
        let catalog = crate::synth::catalog(3, 1);
        let entries = |n: usize| -> Vec<SitemapEntry> {
            (0..n)
                .map(|i| SitemapEntry {
                    path: format!("p/{i}/"),
                    lastmod: Some(Date::new(2024, 1, 1 + (i % 28) as i8).unwrap()),
                })
                .collect()
        };
        let one = sitemaps(&catalog, &entries(SITEMAP_MAX_URLS));
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].0, "sitemap.xml");

        let files = sitemaps(&catalog, &entries(2 * SITEMAP_MAX_URLS + 1));
        let names: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            names,
            [
                "sitemaps/1.xml",
                "sitemaps/2.xml",
                "sitemaps/3.xml",
                "sitemap.xml"
            ]
        );
        let text = |i: usize| String::from_utf8(files[i].1.clone()).unwrap();
        let index = text(3);
        assert!(index.contains("<sitemapindex"), "{index}");
        assert_eq!(index.matches("<sitemap><loc>").count(), 3);
        assert!(index.contains(&catalog.config.url("sitemaps/3.xml")));
        assert!(index.contains("<lastmod>2024-01-28</lastmod>"));
        let urls: usize = (0..3).map(|i| text(i).matches("<url>").count()).sum();
        assert_eq!(urls, 2 * SITEMAP_MAX_URLS + 1);
        assert_eq!(text(2).matches("<url>").count(), 1);
    }
}
