//! Dataset lists (the home page and each facet value's page) are cut into pages of
//! `ROWS_PER_PAGE` rows, so no page grows with the catalog.

use crate::common;

use common::TestCatalog;
use faircat::render::ROWS_PER_PAGE;
use scraper::{Html, Selector};
use serde_json::Value;

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

/// The dataset links of a list page's table, in order.
fn rows(cat: &TestCatalog, page: &str) -> Vec<String> {
    let doc = Html::parse_document(&cat.read_out(page));
    select(&doc, "table.datasets tbody th[scope=row] a")
        .iter()
        .map(|a| a.text().collect::<String>())
        .collect()
}

#[test]
fn the_home_page_and_facet_pages_list_every_dataset_a_page_at_a_time() {
    let n = 2 * ROWS_PER_PAGE + 37;
    let cat = TestCatalog::synthetic(n, 11);
    cat.build();

    // Home: three pages, every dataset once, by name across the pages.
    let pages = ["index.html", "page/2/index.html", "page/3/index.html"];
    let listed: Vec<Vec<String>> = pages.iter().map(|p| rows(&cat, p)).collect();
    assert_eq!(
        listed.iter().map(Vec::len).collect::<Vec<_>>(),
        [ROWS_PER_PAGE, ROWS_PER_PAGE, 37]
    );
    assert!(!cat.out().join("page/4").exists());
    assert!(
        !cat.out().join("page/1").exists(),
        "page 1 is the home page"
    );
    let all: Vec<String> = listed.concat();
    let mut by_name = all.clone();
    by_name.sort_by_key(|name| name.to_lowercase());
    assert_eq!(all, by_name, "one list by name, cut into pages");
    let mut unique = all.clone();
    unique.dedup();
    assert_eq!(unique.len(), n);

    // The pager of the middle page links both ways and marks itself.
    let middle = Html::parse_document(&cat.read_out("page/2/index.html"));
    let href = |rel: &str| {
        select(&middle, &format!("nav.pager a[rel={rel}]"))
            .first()
            .and_then(|a| a.value().attr("href").map(str::to_string))
    };
    assert_eq!(href("prev").as_deref(), Some("../../index.html"));
    assert_eq!(href("next").as_deref(), Some("../../page/3/index.html"));
    let current: Vec<String> = select(&middle, "nav.pager [aria-current=page]")
        .iter()
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(current, ["2"]);
    assert_eq!(select(&middle, "h1").len(), 1);
    // "All datasets" in the site menu: the current page on page 1 only; on later pages it is
    // the current section, not this page.
    let all_datasets = |doc: &Html| -> Vec<String> {
        select(doc, "a")
            .iter()
            .filter(|a| a.text().collect::<String>() == "All datasets")
            .map(|a| a.value().attr("aria-current").unwrap_or("").to_string())
            .collect()
    };
    assert_eq!(all_datasets(&middle), ["true"]);
    let first = Html::parse_document(&cat.read_out("index.html"));
    assert_eq!(all_datasets(&first), ["page"]);

    // The DataCatalog of a page lists the datasets of that page.
    let script = select(&middle, r#"script[type="application/ld+json"]"#)[0]
        .text()
        .collect::<String>();
    let jsonld: Value = serde_json::from_str(&script).unwrap();
    let names: Vec<&str> = jsonld["dataset"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, listed[1]);

    // A facet value with more datasets than a page holds is paged the same way.
    let (value_href, count) = [
        "modality", "anatomy", "label", "license", "access", "platform",
    ]
    .iter()
    .flat_map(|kind| {
        let index = Html::parse_document(&cat.read_out(&format!("{kind}/index.html")));
        select(&index, "a[href]")
            .iter()
            .filter_map(|a| {
                let href = a.value().attr("href")?;
                let count: usize = a
                    .text()
                    .collect::<String>()
                    .split(|c: char| !c.is_ascii_digit())
                    .rfind(|s| !s.is_empty())?
                    .parse()
                    .ok()?;
                href.starts_with(&format!("../{kind}/"))
                    .then(|| (href.to_string(), count))
            })
            .collect::<Vec<_>>()
    })
    .max_by_key(|(_, count)| *count)
    .expect("a facet value with a count");
    assert!(count > ROWS_PER_PAGE, "{value_href}: {count}");
    let dir = value_href
        .trim_start_matches("../")
        .trim_end_matches("index.html")
        .to_string();
    let mut seen = 0;
    for page in 0..count.div_ceil(ROWS_PER_PAGE) {
        let file = if page == 0 {
            format!("{dir}index.html")
        } else {
            format!("{dir}page/{}/index.html", page + 1)
        };
        seen += rows(&cat, &file).len();
    }
    assert_eq!(seen, count, "{dir}");

    // Every page of a list is in the sitemap.
    let sitemap = cat.read_out("sitemap.xml");
    assert!(sitemap.contains("/page/3/</loc>"), "{sitemap}");
    assert!(
        sitemap.contains(&format!("/{dir}page/2/</loc>")),
        "{sitemap}"
    );
}
