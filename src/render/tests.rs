//! Renderer tests on catalogs built directly from the model (no loader involved).

use super::templates::{html_tags, minify_template, template_tags};
use super::*;
use crate::config::Config;
use crate::fixture::{anatomy, modality, platform};
use crate::model::FacetKind;
use crate::model::{Citation, Contact, Dataset, Download};
use crate::vocab::{Access, LabelType, License, LicenseCategory};

pub(crate) fn config() -> Config {
    Config::parse(
        "title = \"Test Catalog\"\nbase_url = \"https://example.org/catalog/\"\n[publisher]\nname = \"Test Publisher\"\n",
    )
    .unwrap()
}

/// [`crate::fixture::dataset`], a CT dataset.
pub(crate) fn dataset(slug: &str, name: &str) -> Dataset {
    let mut d = crate::fixture::dataset(slug, name);
    d.modalities = vec![modality("CT")];
    d
}

fn cc_by() -> License {
    License {
        id: "CC-BY-4.0".into(),
        name: "Creative Commons Attribution 4.0 International".into(),
        url: Some("https://spdx.org/licenses/CC-BY-4.0.html".into()),
        category: LicenseCategory::Permissive,
    }
}

/// Three datasets: a full one, one derived from it, a bare one.
pub(crate) fn sample() -> Catalog {
    let mut full = dataset("chest-ct-nodules", "Synthetic Chest CT Nodules");
    full.acronym = Some("SCTN".into());
    full.doi = Some("10.1234/sctn.2020".into());
    full.homepage = Some("https://example.org/sctn/".into());
    full.added = Some(jiff::civil::date(2024, 1, 10));
    full.updated = Some(jiff::civil::date(2021, 6, 15));
    full.anatomy = vec![anatomy("chest")];
    full.subjects = Some(1200);
    full.scans = Some(1300);
    full.geography = vec!["Germany".into()];
    full.targets.pixel = vec!["lung nodule".into()];
    full.label_types = vec![LabelType::PixelLevel, LabelType::BoundingBox];
    full.license = Some(cc_by());
    full.access = Some(Access::Public);
    full.access_url = Some("https://example.org/sctn/download".into());
    full.platforms = vec![platform("tcia")];
    full.contact = Some(Contact {
        name: Some("Data Owner".into()),
        email: Some("owner@example.org".into()),
        url: None,
    });
    full.downloads = vec![Download {
        url: "https://example.org/sctn.zip".into(),
        name: Some("sctn.zip".into()),
        media_type: Some("application/zip".into()),
        size_bytes: Some(1 << 20),
        sha256: None,
    }];
    full.citations = vec![Citation {
        text: "Doe J, et al. Synthetic Chest CT Nodules. 2020.".into(),
        doi: Some("10.1234/jot.2020.1".into()),
        url: None,
        preferred: true,
    }];
    full.sources = vec!["https://example.org/sctn/ (read 2024-01-10)".into()];

    let mut subset = dataset("sctn-subset", "SCTN Subset");
    subset.modalities = vec![modality("CT"), modality("PT")];
    subset.anatomy = vec![anatomy("chest")];
    subset.derived_from = vec!["chest-ct-nodules".into()];
    subset.related = vec!["chest-ct-nodules".into()];
    subset.access = Some(Access::Application);
    subset.label_types = vec![LabelType::ImageLevel];
    subset.added = Some(jiff::civil::date(2024, 1, 10));
    subset.license = Some(License {
        id: "LicenseRef-Test-DUA".into(),
        name: "Test Data Use Agreement".into(),
        url: Some("https://example.org/dua".into()),
        category: LicenseCategory::Restricted,
    });

    let tiny = dataset("tiny-ct", "Tiny CT");
    Catalog::assemble(
        config(),
        "About *this* catalog.".into(),
        vec![tiny, subset, full],
    )
}

/// The site of `catalog`, kept in memory.
pub(crate) fn render(catalog: &Catalog) -> Output {
    let (out, _) = crate::site::generate(catalog, &Theme::embedded(), Output::new()).unwrap();
    out
}

fn page(out: &Output, path: &str) -> String {
    String::from_utf8(
        out.get(path)
            .unwrap_or_else(|| panic!("no {path}"))
            .to_vec(),
    )
    .unwrap()
}

#[test]
fn writes_every_page() {
    let out = render(&sample());
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
        "license/cc-by-4-0/index.html",
        "license/licenseref-test-dua/index.html",
        "access/public/index.html",
        "access/application/index.html",
        "label/pixel-level/index.html",
        "platform/tcia/index.html",
        "platform/index.html",
        "sitemap.xml",
        "robots.txt",
        "feed.xml",
        "static/badges/cc-by-4-0.svg",
        "static/badges/licenseref-test-dua.svg",
        "static/badges/no-license.svg",
    ] {
        assert!(out.get(p).is_some(), "missing {p}");
    }
}

/// The values of `attr` on the elements `selector` picks in `html`.
fn attrs(html: &str, selector: &str, attr: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse(selector).unwrap();
    doc.select(&sel)
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

#[test]
fn links_are_relative_to_the_page() {
    let out = render(&sample());
    let html = page(&out, "datasets/sctn-subset/index.html");
    assert_eq!(
        attrs(&html, r#"meta[name="faircat-root"]"#, "content"),
        ["../../"]
    );
    let links = attrs(&html, "a", "href");
    assert!(links.contains(&"../../datasets/chest-ct-nodules/index.html".to_string()));
    assert_eq!(attrs(&html, "form", "action"), ["../../search/"]);
    let home = page(&out, "index.html");
    assert!(attrs(&home, "a", "href").contains(&"./datasets/tiny-ct/index.html".to_string()));
    assert_eq!(
        attrs(&home, r#"link[rel="canonical"]"#, "href"),
        ["https://example.org/catalog/"]
    );
    let css = out
        .paths()
        .find(|p| p.starts_with("static/style.") && p.ends_with(".css"))
        .unwrap();
    assert!(
        attrs(&home, r#"link[rel="stylesheet"]"#, "href").contains(&format!("./{css}")),
        "fingerprinted stylesheet linked"
    );
    let not_found = page(&out, "404.html");
    assert!(
        attrs(&not_found, "a", "href").contains(&"/catalog/index.html".to_string()),
        "404 links from the site's path"
    );
}

#[test]
fn search_page_has_only_the_app_container_in_main() {
    let out = render(&sample());
    let html = page(&out, "search/index.html");
    let doc = scraper::Html::parse_document(&html);
    let main = scraper::Selector::parse("main > :not(nav)").unwrap();
    let in_main: Vec<String> = doc.select(&main).map(|e| e.html()).collect();
    assert_eq!(in_main, [r#"<div id="search-app"></div>"#], "{html}");
    assert_eq!(attrs(&html, "#search-results", "hidden"), [""]);
    let scripts = attrs(&html, r#"script[type="module"]"#, "src");
    assert!(
        scripts.iter().any(|s| s.starts_with("../static/search.")),
        "{scripts:?}"
    );
}

#[test]
fn dataset_links_run_both_ways() {
    let out = render(&sample());
    let parent = page(&out, "datasets/chest-ct-nodules/index.html");
    assert!(parent.contains("Datasets derived from this one"));
    assert!(parent.contains(r#"href="../../datasets/sctn-subset/index.html""#));
    let child = page(&out, "datasets/sctn-subset/index.html");
    assert!(child.contains("Derived from"));
}

#[test]
fn a_parent_page_says_which_derived_datasets_carry_labels() {
    let mut catalog = sample();
    let out = render(&catalog);
    let parent = page(&out, "datasets/chest-ct-nodules/index.html");
    let child = catalog.dataset("sctn-subset").unwrap();
    assert!(
        !child.label_types.is_empty(),
        "the sample's child has labels"
    );
    let labels: Vec<&str> = child.label_types.iter().map(|l| l.slug()).collect();
    assert!(
        parent.contains(&format!(
            "<dt>Labels in derived datasets</dt><dd><ul><li><a href=\"../../datasets/sctn-subset/index.html\">{}</a> <span class=note>({})</span>",
            child.name,
            labels.join(", ")
        )),
        "{parent}"
    );
    // A child without labels, or with `none`, is not listed.
    let i = catalog.index_of("sctn-subset").unwrap();
    std::sync::Arc::make_mut(&mut catalog.datasets[i]).label_types = vec![LabelType::None];
    let parent = page(&render(&catalog), "datasets/chest-ct-nodules/index.html");
    assert!(!parent.contains("Labels in derived datasets"), "{parent}");
}

#[test]
fn facet_pages_count_their_datasets() {
    let out = render(&sample());
    let ct = page(&out, "modality/ct/index.html");
    assert!(ct.contains("3 datasets in this catalog"), "{ct}");
    let pt = page(&out, "modality/pt/index.html");
    assert!(pt.contains("1 dataset in this catalog"));
    assert!(pt.contains("SCTN Subset") && !pt.contains("Tiny CT"));
}

#[test]
fn a_label_type_page_says_what_the_label_type_means() {
    let out = render(&sample());
    let pixel = page(&out, "label/pixel-level/index.html");
    assert!(
        pixel.contains(LabelType::PixelLevel.definition()),
        "{pixel}"
    );
    // Values the vocabulary does not define say nothing more.
    let ct = page(&out, "modality/ct/index.html");
    assert!(!ct.contains("class=definition"), "{ct}");
}

#[test]
fn templates_are_minified_once_with_their_syntax_kept() {
    let source = "<ul>\n  <li class=\"a\">{{ x }}</li>\n  {% for i in items %}<li>{{ i }}</li>{% endfor %}\n</ul>\n";
    let small = minify_template("t.html", source);
    assert_eq!(
        small,
        "<ul><li class=a>{{ x }}</li>{% for i in items %}<li>{{ i }}</li>{% endfor %}</ul>"
    );
    // Template syntax between attributes would be mangled: such a template is kept whole.
    let between = "<a href=\"{{ h }}\"{% if x %} rel=\"noopener\"{% endif %}>link</a>\n";
    assert_eq!(minify_template("t.html", between), between);
    assert_eq!(
        template_tags(between),
        ["{{ h }}", "{% if x %}", "{% endif %}"]
    );
    // Two branches that each open an element the template closes once: the minifier would
    // drop the end tags after them, so the template is kept whole.
    let branches = "<ul><li>{% if x %}<a href=\"{{ h }}\" rel=\"external\">{% else %}<a href=\"{{ h }}\">{% endif %}{{ t }}</a></li></ul>\n";
    assert_eq!(minify_template("t.html", branches), branches);
    assert_eq!(
        html_tags(branches),
        ["<ul", "<li", "<a", "<a", "</a", "</li", "</ul"]
    );
    assert_eq!(
        html_tags("<p>a<!-- <b> --></p><script>if (a<b) {}</script><br/>"),
        ["<p", "</p", "<script", "</script", "<br"]
    );
    // Not HTML: untouched.
    assert_eq!(minify_template("t.xml", source), source);
    // Every template of the default theme is minified (none falls back).
    for (name, source) in &Theme::embedded().templates {
        let small = minify_template(name, source);
        assert!(small.len() < source.len(), "{name} was not minified");
    }
}

#[test]
fn cached_facet_links_are_the_links_made_afresh_at_every_depth() {
    let catalog = sample();
    let links = view::FacetLinks::new(&catalog);
    // Cached roots (the site root, and pages up to four folders deep), then roots that are
    // made afresh: deeper pages and the 404 page's absolute path.
    let roots = [
        "./",
        "../",
        "../../",
        "../../../",
        "../../../../",
        "../../../../../",
        "/catalog/",
        ".././",
    ];
    for root in roots {
        for (i, d) in catalog.datasets.iter().enumerate() {
            for kind in FacetKind::ALL {
                let fresh = tera::Value::from_serializable(&view::facet_items(root, kind, d));
                assert_eq!(
                    links.items(root, kind, i, d),
                    fresh,
                    "{root} {} {kind:?}",
                    d.slug
                );
            }
        }
    }
    // The sample uses every kind, so the comparison above covered non-empty lists.
    let full = &catalog.datasets[0];
    assert_eq!(full.slug, "chest-ct-nodules");
    let labels = links.items("../../", FacetKind::Label, 0, full);
    assert_eq!(labels.len(), Some(2), "{labels:?}");
}
