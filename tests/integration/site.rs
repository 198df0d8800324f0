//! The built site of the fixture catalogs, read back from disk: every page exists and shows
//! its facts, facet counts are right, links resolve, nothing is loaded from another host,
//! sitemap/feed/badges are well-formed, and themes can be overridden.

use crate::common;

use common::TestCatalog;
use scraper::{ElementRef, Html, Selector};
use std::collections::BTreeSet;

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn text(el: ElementRef) -> String {
    el.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn built_full() -> TestCatalog {
    let cat = TestCatalog::fixture("full");
    cat.build();
    cat
}

/// The `<dd>` text of each `<dt>` label in the page's field lists.
fn fields(html: &Html) -> Vec<(String, String)> {
    html.select(&sel("dl.fields dt"))
        .map(|dt| {
            let dd = dt
                .next_siblings()
                .filter_map(ElementRef::wrap)
                .find(|e| e.value().name() == "dd")
                .unwrap();
            let items: Vec<String> = dd.select(&sel("li")).map(text).collect();
            let value = if items.is_empty() {
                text(dd)
            } else {
                items.join(" · ")
            };
            (text(dt), value)
        })
        .collect()
}

fn field(fields: &[(String, String)], label: &str) -> String {
    fields
        .iter()
        .find(|(l, _)| l == label)
        .unwrap_or_else(|| panic!("no field {label} in {fields:?}"))
        .1
        .clone()
}

#[test]
fn every_page_is_written() {
    let cat = built_full();
    let files: BTreeSet<String> = cat.out_files().into_iter().map(|(p, _)| p).collect();
    for p in [
        "index.html",
        "404.html",
        "search/index.html",
        "datasets/chest-ct-nodules/index.html",
        "datasets/sctn-subset/index.html",
        "datasets/tiny-ct/index.html",
        "modality/index.html",
        "modality/ct/index.html",
        "modality/pt/index.html",
        "anatomy/chest/index.html",
        "anatomy/whole-body/index.html",
        "license/cc-by-4-0/index.html",
        "license/licenseref-test-dua/index.html",
        "access/public/index.html",
        "access/application/index.html",
        "label/pixel-level/index.html",
        "label/bounding-box/index.html",
        "label/image-level/index.html",
        "platform/tcia/index.html",
        "platform/zenodo/index.html",
        "sitemap.xml",
        "robots.txt",
        "feed.xml",
        "static/badges/cc-by-4-0.svg",
        "static/badges/licenseref-test-dua.svg",
        "static/badges/no-license.svg",
    ] {
        assert!(files.contains(p), "missing {p}; have {files:?}");
    }
    let search = cat.read_out("search/index.html");
    let doc = Html::parse_document(&search);
    let main = doc.select(&sel("main")).next().unwrap();
    assert_eq!(main.select(&sel("#search-app")).count(), 1);
}

#[test]
fn dataset_page_shows_every_field_of_the_entry() {
    let cat = built_full();
    let html = Html::parse_document(&cat.read_out("datasets/chest-ct-nodules/index.html"));
    let h1 = text(html.select(&sel("h1")).next().unwrap());
    assert_eq!(h1, "Synthetic Chest CT Nodules (SCTN)");
    let f = fields(&html);
    for (label, expected) in [
        ("Also known as", "Chest Nodule Test Set"),
        ("Topic", "Lung nodule detection and segmentation"),
        ("Keywords", "lung cancer screening · nodule"),
        ("Homepage", "https://example.org/sctn/"),
        ("DOI", "10.1234/sctn.2020"),
        ("Year", "2020"),
        ("Released", "2020-03-01"),
        ("Updated", "2021-06-15"),
        ("Added to the catalog", "2024-01-10"),
        ("Subjects", "120"),
        ("Scans", "130"),
        ("Studies", "125"),
        ("Series", "130"),
        ("File formats", "DICOM"),
        ("Scanners", "Vendor A"),
        ("Geography", "Germany"),
        ("Pathologies", "lung nodule"),
        ("Pixel-level targets", "lung nodule"),
        ("Instance-level targets", "lung nodule"),
        ("Image-level targets", "malignancy"),
        ("All targets annotated", "No"),
        ("Pathology annotated", "Yes"),
        ("Normal anatomy annotated", "No"),
        (
            "Annotation protocol",
            "Four readers, blinded then unblinded reads.",
        ),
        ("Access", "Public download"),
        ("Access route", "https://example.org/sctn/download"),
        ("Usable for publication", "Yes"),
        (
            "How the curators obtained it",
            "Found online (directly downloadable)",
        ),
        ("Remarks", "Test data only."),
    ] {
        assert_eq!(field(&f, label), expected, "{label}");
    }
    assert!(field(&f, "Modalities").contains("CT"));
    assert_eq!(field(&f, "Anatomy"), "Chest");
    assert!(field(&f, "Label types").contains("Bounding box"));
    assert!(field(&f, "Licence").contains("CC-BY-4.0"));
    assert!(field(&f, "Platform").contains("Zenodo"));
    assert!(field(&f, "Contact").contains("owner@example.org"));
    let downloads = field(&f, "Downloads");
    assert!(
        downloads.contains("sctn.zip") && downloads.contains("1.0 MiB"),
        "{downloads}"
    );

    let description = text(html.select(&sel(".description")).next().unwrap());
    assert!(description.contains("A synthetic collection of thoracic CT scans"));
    assert_eq!(
        html.select(&sel(".description strong"))
            .map(text)
            .collect::<Vec<_>>(),
        ["synthetic"]
    );
    let cite = text(html.select(&sel("#cite-plain")).next().unwrap());
    assert!(
        cite.contains("Doe J, et al.") && cite.contains("10.1234/jot.2020.1"),
        "{cite}"
    );
    let bibtex = text(html.select(&sel("#cite-bibtex")).next().unwrap());
    assert!(bibtex.starts_with("@misc{chest-ct-nodules,"), "{bibtex}");
    let sources: Vec<String> = html
        .select(&sel("#sources-heading ~ ul a"))
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(sources, ["https://example.org/sctn/"]);
    let badge = html.select(&sel("header img.badge")).next().unwrap();
    assert_eq!(
        badge.value().attr("alt"),
        Some("Licence: CC-BY-4.0 (permissive)")
    );
    assert_eq!(
        badge.value().attr("src"),
        Some("../../static/badges/cc-by-4-0.svg")
    );
}

#[test]
fn derived_and_related_datasets_are_linked_both_ways() {
    let cat = built_full();
    let parent = Html::parse_document(&cat.read_out("datasets/chest-ct-nodules/index.html"));
    let f = fields(&parent);
    assert_eq!(
        field(&f, "Datasets derived from this one"),
        "SCTN Subset with Licence Reference"
    );
    assert_eq!(field(&f, "Related"), "SCTN Subset with Licence Reference");
    let child = Html::parse_document(&cat.read_out("datasets/sctn-subset/index.html"));
    let f = fields(&child);
    assert_eq!(field(&f, "Derived from"), "Synthetic Chest CT Nodules");
    assert_eq!(field(&f, "Related"), "Synthetic Chest CT Nodules");
    let link = child.select(&sel("#links-heading ~ dl a")).next().unwrap();
    assert_eq!(
        link.value().attr("href"),
        Some("../../datasets/chest-ct-nodules/index.html")
    );
}

/// Rows of the dataset table of a page: the dataset names.
fn table_names(html: &Html) -> Vec<String> {
    html.select(&sel("table.datasets tbody th[scope=row] a"))
        .map(text)
        .collect()
}

#[test]
fn facet_pages_list_and_count_the_right_datasets() {
    let cat = built_full();
    let all = [
        "SCTN Subset with Licence Reference",
        "Synthetic Chest CT Nodules",
        "Tiny CT",
    ];
    let expected: &[(&str, &[&str])] = &[
        ("modality/ct", &all),
        ("modality/pt", &[all[0]]),
        ("anatomy/chest", &[all[0], all[1]]),
        ("anatomy/whole-body", &[all[0]]),
        ("license/cc-by-4-0", &[all[1]]),
        ("license/licenseref-test-dua", &[all[0]]),
        ("access/public", &[all[1]]),
        ("access/application", &[all[0]]),
        ("label/pixel-level", &[all[1]]),
        ("label/bounding-box", &[all[1]]),
        ("label/image-level", &[all[0]]),
        ("platform/zenodo", &[all[1]]),
        ("platform/tcia", &[all[0]]),
    ];
    let home = Html::parse_document(&cat.read_out("index.html"));
    let mut names = table_names(&home);
    names.sort();
    assert_eq!(names, all);
    for (path, datasets) in expected {
        let page = Html::parse_document(&cat.read_out(&format!("{path}/index.html")));
        let mut names = table_names(&page);
        names.sort();
        assert_eq!(names, *datasets, "{path}");
        let n = datasets.len();
        let lead = text(page.select(&sel(".lead")).next().unwrap());
        let noun = if n == 1 { "dataset" } else { "datasets" };
        assert!(
            lead.starts_with(&format!("{n} {noun} in this catalog")),
            "{path}: {lead}"
        );

        // the facet index page and the home page give the same count, linking here
        let kind = path.split('/').next().unwrap();
        for (page, href) in [
            (
                format!("{kind}/index.html"),
                format!("../{path}/index.html"),
            ),
            ("index.html".to_string(), format!("./{path}/index.html")),
        ] {
            let doc = Html::parse_document(&cat.read_out(&page));
            let link = doc
                .select(&sel("a"))
                .find(|a| a.value().attr("href") == Some(href.as_str()))
                .unwrap_or_else(|| panic!("{page} has no link to {href}"));
            let count = text(link.select(&sel(".count")).next().unwrap());
            assert!(
                count.starts_with(&n.to_string()),
                "{page} → {path}: {count}"
            );
        }
    }
}

/// Every `href`/`src` of every page, with the page it is on.
fn links(cat: &TestCatalog) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for (path, bytes) in cat.out_files() {
        if !path.ends_with(".html") {
            continue;
        }
        let html = Html::parse_document(std::str::from_utf8(&bytes).unwrap());
        for el in html.select(&sel("[href], [src]")) {
            for attr in ["href", "src"] {
                if let Some(v) = el.value().attr(attr) {
                    out.push((path.clone(), el.html(), v.to_string()));
                }
            }
        }
    }
    out
}

#[test]
fn relative_links_resolve_to_files_of_the_site() {
    let cat = built_full();
    let files: BTreeSet<String> = cat.out_files().into_iter().map(|(p, _)| p).collect();
    for (page, el, url) in links(&cat) {
        if url.starts_with("https://")
            || url.starts_with("http://")
            || url.starts_with("mailto:")
            || url.starts_with('#')
        {
            continue;
        }
        let url = url.split(['#', '?']).next().unwrap();
        // the 404 page is served at any depth, so it links from the site's absolute path
        let target = if let Some(abs) = url.strip_prefix("/catalog/") {
            abs.to_string()
        } else {
            assert!(!url.starts_with('/'), "{page}: absolute link {el}");
            let mut parts: Vec<&str> = page.split('/').collect();
            parts.pop();
            for seg in url.split('/') {
                match seg {
                    ".." => {
                        assert!(parts.pop().is_some(), "{page}: {url} leaves the site");
                    }
                    "." | "" => {}
                    s => parts.push(s),
                }
            }
            let mut t = parts.join("/");
            if url.ends_with('/') || t.is_empty() {
                t = format!("{t}/index.html")
                    .trim_start_matches('/')
                    .to_string();
            }
            t
        };
        assert!(
            files.contains(&target),
            "{page}: {el} → {target} does not exist"
        );
    }
}

#[test]
fn links_carry_no_empty_rel_or_href() {
    let cat = built_full();
    let mut links = 0;
    for (path, bytes) in cat.out_files() {
        if !path.ends_with(".html") {
            continue;
        }
        let doc = Html::parse_document(&String::from_utf8_lossy(&bytes));
        for a in doc.select(&Selector::parse("a, link").unwrap()) {
            links += 1;
            for name in ["rel", "href"] {
                if let Some(value) = a.value().attr(name) {
                    assert!(
                        !value.trim().is_empty(),
                        "{path}: empty {name} in {}",
                        a.html()
                    );
                }
            }
        }
    }
    assert!(links > 100, "{links}");
}

#[test]
fn nothing_is_loaded_from_another_host() {
    let cat = built_full();
    for (page, el, url) in links(&cat) {
        if !(url.starts_with("http://") || url.starts_with("https://") || url.starts_with("//")) {
            continue;
        }
        let tag = el
            .split(|c: char| c.is_whitespace() || c == '>')
            .next()
            .unwrap();
        let canonical = url.starts_with("https://example.org/catalog/")
            && tag == "<link"
            && el.contains("rel=\"canonical\"");
        assert!(tag == "<a" || canonical, "{page}: external resource {el}");
    }
    for (path, bytes) in cat.out_files() {
        let text = String::from_utf8_lossy(&bytes);
        if path.ends_with(".css") {
            assert!(
                !text.contains("url(") && !text.contains("@import"),
                "{path} loads something"
            );
        }
        if path.ends_with(".js") {
            assert!(
                !text.contains("http://") && !text.contains("https://"),
                "{path} names a host"
            );
        }
        if path.ends_with(".html") {
            let doc = Html::parse_document(&text);
            for m in doc.select(&sel("meta[content^=http]")) {
                let c = m.value().attr("content").unwrap();
                assert!(
                    c.starts_with("https://example.org/catalog/"),
                    "{path}: {}",
                    m.html()
                );
            }
        }
    }
}

#[test]
fn every_page_has_the_shared_head_and_header() {
    let cat = built_full();
    for (path, bytes) in cat.out_files() {
        if !path.ends_with(".html") {
            continue;
        }
        let depth = path.matches('/').count();
        let root = if path == "404.html" {
            "/catalog/".to_string()
        } else if depth == 0 {
            "./".to_string()
        } else {
            "../".repeat(depth)
        };
        let doc = Html::parse_document(std::str::from_utf8(&bytes).unwrap());
        let html = doc.select(&sel("html")).next().unwrap();
        assert_eq!(html.value().attr("lang"), Some("en"), "{path}");
        let meta = doc.select(&sel("meta[name=faircat-root]")).next().unwrap();
        assert_eq!(meta.value().attr("content"), Some(root.as_str()), "{path}");
        let form = doc
            .select(&sel("header form.site-search[role=search]"))
            .next()
            .unwrap();
        assert_eq!(
            form.value().attr("action"),
            Some(format!("{root}search/").as_str()),
            "{path}"
        );
        assert_eq!(
            doc.select(&sel("label[for=search-input] + input#search-input[name=q]"))
                .count(),
            1,
            "{path}"
        );
        assert_eq!(
            doc.select(&sel("div#search-results[hidden]")).count(),
            1,
            "{path}"
        );
        let module = doc.select(&sel("script[type=module]")).next().unwrap();
        let src = module.value().attr("src").unwrap();
        assert!(
            src.starts_with(&format!("{root}static/search.")) && src.ends_with(".js"),
            "{path}: {src}"
        );
        assert_eq!(
            doc.select(&sel("a.skip-link[href='#main']")).count(),
            1,
            "{path}"
        );
        assert_eq!(doc.select(&sel("main#main")).count(), 1, "{path}");
        // the search page's content (and heading) is the search client's
        let h1 = doc.select(&sel("h1")).count();
        assert!(
            h1 == 1 || (path == "search/index.html" && h1 == 0),
            "{path}: {h1} h1"
        );
        assert_eq!(
            doc.select(&sel("link[rel=icon][type='image/svg+xml']"))
                .count(),
            1,
            "{path}"
        );
        let canonical = doc.select(&sel("link[rel=canonical]")).count();
        assert_eq!(canonical, usize::from(path != "404.html"), "{path}");
        for th in doc.select(&sel("table th")) {
            assert!(
                th.value().attr("scope").is_some(),
                "{path}: th without scope"
            );
        }
    }
    let page = Html::parse_document(&cat.read_out("datasets/tiny-ct/index.html"));
    let canonical = page.select(&sel("link[rel=canonical]")).next().unwrap();
    assert_eq!(
        canonical.value().attr("href"),
        Some("https://example.org/catalog/datasets/tiny-ct/")
    );
    let og = page.select(&sel("meta[property='og:url']")).next().unwrap();
    assert_eq!(
        og.value().attr("content"),
        Some("https://example.org/catalog/datasets/tiny-ct/")
    );
}

#[test]
fn sitemap_lists_every_page_with_dates_from_the_entries() {
    let cat = built_full();
    let xml = cat.read_out("sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let mut listed = BTreeSet::new();
    for url in doc.descendants().filter(|n| n.has_tag_name("url")) {
        let loc = url
            .children()
            .find(|n| n.has_tag_name("loc"))
            .unwrap()
            .text()
            .unwrap();
        let lastmod = url
            .children()
            .find(|n| n.has_tag_name("lastmod"))
            .and_then(|n| n.text());
        let path = loc
            .strip_prefix("https://example.org/catalog/")
            .unwrap()
            .to_string();
        if path == "datasets/chest-ct-nodules/" {
            assert_eq!(
                lastmod,
                Some("2024-01-10"),
                "newest of updated/added/released"
            );
        }
        if path == "datasets/tiny-ct/" {
            assert_eq!(lastmod, None, "no dates, no lastmod");
        }
        listed.insert(path);
    }
    let pages: BTreeSet<String> = cat
        .out_files()
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| p.ends_with(".html") && p != "404.html")
        .map(|p| p.trim_end_matches("index.html").to_string())
        .collect();
    assert_eq!(listed, pages);
    let robots = cat.read_out("robots.txt");
    assert!(
        robots.contains("Sitemap: https://example.org/catalog/sitemap.xml"),
        "{robots}"
    );
}

#[test]
fn atom_feed_lists_added_datasets_newest_first() {
    let cat = TestCatalog::fixture("full");
    for (slug, added) in [("tiny-ct", "2024-01-10"), ("zz-late", "2025-02-01")] {
        let yaml = if slug == "tiny-ct" {
            format!(
                "{}added: {added}\n",
                std::fs::read_to_string(cat.root().join("content/datasets/tiny-ct.yaml")).unwrap()
            )
        } else {
            format!(
                "name: Late Entry\ndescription: An entry added later than the others, used to test the feed order.\nmodalities: [MR]\nadded: {added}\n"
            )
        };
        cat.entry(slug, &yaml);
    }
    cat.build();
    let xml = cat.read_out("feed.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let feed = doc.root_element();
    assert_eq!(
        feed.tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom")
    );
    let child = |n: roxmltree::Node, name: &str| {
        n.children()
            .find(|c| c.has_tag_name(name))
            .and_then(|c| c.text())
            .map(str::to_string)
    };
    assert_eq!(
        child(feed, "updated").as_deref(),
        Some("2025-02-01T00:00:00Z")
    );
    let entries: Vec<(String, String)> = feed
        .children()
        .filter(|n| n.has_tag_name("entry"))
        .map(|e| (child(e, "id").unwrap(), child(e, "published").unwrap()))
        .collect();
    let base = "https://example.org/catalog/datasets/";
    assert_eq!(
        entries,
        [
            (
                format!("{base}zz-late/"),
                "2025-02-01T00:00:00Z".to_string()
            ),
            (
                format!("{base}chest-ct-nodules/"),
                "2024-01-10T00:00:00Z".to_string()
            ),
            (
                format!("{base}tiny-ct/"),
                "2024-01-10T00:00:00Z".to_string()
            ),
        ],
        "sctn-subset has no `added` date"
    );
}

#[test]
fn badges_are_valid_svg_with_a_text_alternative() {
    let cat = built_full();
    let badges: Vec<(String, Vec<u8>)> = cat
        .out_files()
        .into_iter()
        .filter(|(p, _)| p.starts_with("static/badges/"))
        .collect();
    let names: Vec<&str> = badges.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        names,
        [
            "static/badges/cc-by-4-0.svg",
            "static/badges/licenseref-test-dua.svg",
            "static/badges/no-license.svg",
            "static/badges/readiness-0.svg",
            "static/badges/readiness-1.svg",
            "static/badges/readiness-2.svg",
            "static/badges/readiness-3.svg",
            "static/badges/readiness-4.svg",
            "static/badges/readiness-5.svg"
        ]
    );
    for (path, bytes) in &badges {
        let text = std::str::from_utf8(bytes).unwrap();
        let doc = roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("{path}: {e}"));
        let svg = doc.root_element();
        assert_eq!(svg.tag_name().name(), "svg");
        assert_eq!(
            svg.tag_name().namespace(),
            Some("http://www.w3.org/2000/svg")
        );
        assert_eq!(svg.attribute("role"), Some("img"), "{path}");
        assert!(
            svg.attribute("aria-label").is_some_and(|l| !l.is_empty()),
            "{path}"
        );
        let title = svg.children().find(|n| n.has_tag_name("title")).unwrap();
        assert!(title.text().is_some_and(|t| t.len() > 5), "{path}");
        assert!(!text.contains("href"), "{path} links out");
    }
    let dua = cat.read_out("static/badges/licenseref-test-dua.svg");
    assert!(dua.contains("Test Data Use Agreement"));
    assert!(dua.contains(faircat::badges::category_colour(Some(
        faircat::vocab::LicenseCategory::Restricted
    ))));
    // every table row shows a badge with alt text
    let home = Html::parse_document(&cat.read_out("index.html"));
    for row in home.select(&sel("table.datasets tbody tr")) {
        let img = row.select(&sel("img.badge")).next().expect("badge in row");
        assert!(
            img.value()
                .attr("alt")
                .is_some_and(|a| a.starts_with("Licence: ") || a == "No licence stated")
        );
    }
}

#[test]
fn catalog_theme_files_override_the_embedded_ones_and_static_is_copied() {
    let cat = TestCatalog::fixture("minimal");
    cat.write(
        "themes/default/templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<h1>Gone fishing</h1>{% endblock content %}",
    );
    cat.write("themes/default/static/style.css", "body { color: black; }");
    cat.write("static/images/logo.txt", "logo");
    cat.write("content/_index.md", "An *about* text for the home page.");
    cat.build();
    assert!(cat.read_out("404.html").contains("Gone fishing"));
    assert_eq!(cat.read_out("images/logo.txt"), "logo");
    let css: Vec<String> = cat
        .out_files()
        .into_iter()
        .filter(|(p, _)| p.starts_with("static/style.") && p.ends_with(".css"))
        .map(|(p, b)| format!("{p}:{}", String::from_utf8(b).unwrap()))
        .collect();
    assert_eq!(css.len(), 1);
    assert!(css[0].ends_with(":body { color: black; }"), "{css:?}");
    let home = cat.read_out("index.html");
    assert!(home.contains("<em>about</em>"), "about text rendered");
    let href = css[0].split(':').next().unwrap();
    assert!(home.contains(href), "home links the overriding stylesheet");
}

#[test]
fn a_broken_theme_template_fails_the_build_with_its_name() {
    let cat = TestCatalog::fixture("minimal");
    cat.write("themes/default/templates/facet.html", "{% if %}");
    let err = cat.try_build().unwrap_err().to_string();
    assert!(err.contains("facet.html") || err.contains("theme"), "{err}");
    assert!(!cat.out().exists(), "nothing written");
}

#[test]
fn build_with_timings_reports_every_stage_every_kind_of_work_and_the_peak_memory() {
    let cat = TestCatalog::fixture("full");
    let (code, _, err) = common::faircat(cat.root(), &["build", "--root", ".", "--timings"]);
    assert_eq!(code, 0, "{err}");
    let line = |prefix: &str| {
        err.lines()
            .find_map(|l| l.strip_prefix(prefix))
            .unwrap_or_else(|| panic!("no `{prefix}` line in:\n{err}"))
            .to_string()
    };
    let names = |list: &str| -> Vec<String> {
        list.split(", ")
            .map(|item| {
                let (name, secs) = item.rsplit_once(' ').unwrap().0.rsplit_once(' ').unwrap();
                assert!(secs.parse::<f64>().is_ok(), "{item}");
                name.to_string()
            })
            .collect()
    };
    assert_eq!(
        names(&line("stages (wall time): ")),
        ["load+validate", "generate", "commit"]
    );
    let work = names(&line(
        "work (CPU time per kind, summed over parallel jobs): ",
    ));
    for kind in ["pages", "search index", "dcat", "croissant", "citations"] {
        assert!(
            work.iter().any(|w| w == kind),
            "{kind} missing from {work:?}"
        );
    }
    let peak = line("peak memory: ");
    let mb: u64 = peak.trim_end_matches(" MB").parse().expect(&peak);
    assert!(mb > 0, "{peak}");
    // Without the flag, only the summary line.
    let (code, _, err) = common::faircat(cat.root(), &["build", "--root", "."]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("stages ("), "{err}");
}
