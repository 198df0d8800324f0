//! Hostile text in entries cannot change what a page does: it is escaped everywhere, cannot
//! break out of the JSON-LD `<script>`, cannot open a comment, and Markdown is rendered inert.

use crate::common;

use faircat::config::Config;
use faircat::model::{Catalog, Citation, Contact, Download};
use faircat::vocab::{Access, License, LicenseCategory};
use scraper::{Html, Selector};

const HOSTILE: &str = "</script><script>alert(1)</script><!-- \"'><img src=x onerror=alert(2)><svg onload=alert(3)></title></textarea></style>]]>\u{202E}evil";

fn hostile_catalog() -> Catalog {
    let h = || format!("{HOSTILE} x");
    let mut d = faircat::fixture::dataset("hostile", &h());
    d.acronym = Some(h());
    d.alternate_names = vec![h()];
    d.description = format!(
        "{HOSTILE}\n\n<script>alert(4)</script>\n\n<iframe src=\"https://evil.example/\"></iframe>\n\n\
         [click](javascript:alert(5)) <a href=\"javascript:alert(6)\">a</a> \
         ![pixel](https://evil.example/p.png) <svg><script>alert(7)</script></svg> \
         <img src=x onerror=alert(8)> <p style=\"x\" onclick=\"alert(9)\">p</p>"
    );
    d.keywords = vec![h()];
    d.topic = Some(h());
    d.modalities = vec![faircat::fixture::modality("CT")];
    d.sequences = vec![h()];
    d.file_formats = vec![h()];
    d.scanners = vec![h()];
    d.geography = vec![h()];
    d.pathologies = vec![h()];
    d.targets.pixel = vec![h()];
    d.targets.instance = vec![h()];
    d.targets.image = vec![h()];
    d.annotation_protocol = Some(h());
    d.provision = Some(h());
    d.remarks = Some(h());
    d.sources = vec![h(), "javascript:alert(10)".into()];
    d.homepage = Some("javascript:alert(11)".into());
    d.access_url = Some("javascript:alert(12)".into());
    d.access = Some(Access::Registration);
    d.license = Some(License {
        id: "LicenseRef-Hostile".into(),
        name: h(),
        url: Some("javascript:alert(13)".into()),
        category: LicenseCategory::Restricted,
    });
    d.contact = Some(Contact {
        name: Some(h()),
        email: Some(h()),
        url: Some("javascript:alert(14)".into()),
    });
    d.downloads = vec![Download {
        url: "javascript:alert(15)".into(),
        name: Some(h()),
        media_type: Some(h()),
        size_bytes: Some(10),
        sha256: None,
    }];
    d.citations = vec![Citation {
        text: h(),
        doi: Some(h()),
        url: Some("javascript:alert(16)".into()),
        preferred: true,
    }];
    d.added = Some(jiff::civil::date(2024, 1, 1));
    let mut config = Config::parse(common::CONFIG).unwrap();
    config.title = h();
    config.description = h();
    Catalog::assemble(
        config,
        format!("{HOSTILE}\n\n<script>alert(17)</script>"),
        vec![d],
    )
}

fn check_page(rel: &str, html: &str, expect_jsonld: bool) {
    let doc = Html::parse_document(html);
    let scripts: Vec<_> = doc.select(&Selector::parse("script").unwrap()).collect();
    let mut jsonld = 0;
    for s in &scripts {
        match s.value().attr("type") {
            Some("application/ld+json") => {
                jsonld += 1;
                let text: String = s.text().collect();
                let value: serde_json::Value = serde_json::from_str(&text)
                    .unwrap_or_else(|e| panic!("{rel}: JSON-LD does not parse: {e}\n{text}"));
                assert!(
                    value.to_string().contains("</script><script>alert(1)"),
                    "{rel}: hostile text kept as data"
                );
            }
            _ => {
                let src = s
                    .value()
                    .attr("src")
                    .unwrap_or_else(|| panic!("{rel}: inline script {}", s.html()));
                assert!(
                    src.contains("static/site.") || src.contains("static/search."),
                    "{rel}: unexpected script {src}"
                );
                assert_eq!(
                    s.text().collect::<String>(),
                    "",
                    "{rel}: script with a body"
                );
            }
        }
    }
    assert_eq!(jsonld, usize::from(expect_jsonld), "{rel}: JSON-LD scripts");
    assert_eq!(
        scripts.len(),
        2 + usize::from(expect_jsonld),
        "{rel}: script count"
    );

    for el in doc
        .root_element()
        .descendants()
        .filter_map(scraper::ElementRef::wrap)
    {
        let name = el.value().name();
        assert!(
            !matches!(name, "iframe" | "svg" | "object" | "embed" | "style"),
            "{rel}: <{name}>"
        );
        for (attr, value) in el.value().attrs() {
            assert!(
                !attr.starts_with("on"),
                "{rel}: event handler {attr} on <{name}>"
            );
            assert!(attr != "style", "{rel}: style attribute");
            let v = value.trim().to_ascii_lowercase();
            assert!(
                !(v.starts_with("javascript:")
                    || v.starts_with("data:")
                    || v.starts_with("vbscript:")),
                "{rel}: {attr}={value}"
            );
        }
        if name == "img" {
            let src = el.value().attr("src").unwrap();
            assert!(
                src.contains("static/badges/") || src.contains("static/favicon."),
                "{rel}: img {src}"
            );
        }
    }
    let comments = doc.tree.nodes().filter(|n| n.value().is_comment()).count();
    assert_eq!(comments, 0, "{rel}: a comment was opened");
    let titles: Vec<String> = doc
        .select(&Selector::parse("title").unwrap())
        .map(|t| t.text().collect())
        .collect();
    assert_eq!(titles.len(), 1, "{rel}: one <title>");
    assert!(!html.contains('\u{202E}'), "{rel}: bidi override kept");
}

#[test]
fn hostile_text_in_every_field_stays_text() {
    let catalog = hostile_catalog();
    let dir = common::write_site(&catalog);
    let public = dir.path().join("public");
    let page = |rel: &str| std::fs::read_to_string(public.join(rel)).unwrap();

    let dataset = page("datasets/hostile/index.html");
    check_page("dataset", &dataset, true);
    let visible: String = Html::parse_document(&dataset)
        .select(&Selector::parse("main").unwrap())
        .flat_map(|m| m.text())
        .collect();
    assert!(
        visible.contains("</script><script>alert(1)</script>"),
        "hostile text shown as text"
    );

    check_page("home", &page("index.html"), true);
    for rel in [
        "search/index.html",
        "404.html",
        "modality/ct/index.html",
        "license/licenseref-hostile/index.html",
        "access/registration/index.html",
    ] {
        check_page(rel, &page(rel), false);
    }
    for rel in [
        "feed.xml",
        "sitemap.xml",
        "static/badges/licenseref-hostile.svg",
    ] {
        let xml = page(rel);
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{rel}: {e}"));
        assert!(
            !doc.descendants().any(|n| n.has_tag_name("script")),
            "{rel}"
        );
    }
}

#[test]
fn hostile_text_from_yaml_entries_stays_text() {
    let q = |s: &str| serde_json::to_string(&format!("{HOSTILE} {s}")).unwrap();
    let yaml = format!(
        "name: {name}\nacronym: {acr}\nalternate_names: [{alt}]\ndescription: {desc}\n\
         keywords: [{kw}]\ntopic: {topic}\nmodalities: [CT]\nsequences: [{seq}]\n\
         scanners: [{scan}]\npathologies: [{path}]\n\
         targets:\n  pixel: [{t1}]\n  image: [{t2}]\nannotation_protocol: {proto}\n\
         provision: {prov}\nremarks: {rem}\nsources: [{src}]\n\
         contact:\n  name: {cname}\n\
         citations:\n  - text: {cite}\n    preferred: true\n",
        name = q("name"),
        acr = q("acronym"),
        alt = q("alt"),
        desc = q("description that is long enough to be accepted by the validator <iframe src=x>"),
        kw = q("kw"),
        topic = q("topic"),
        seq = q("seq"),
        scan = q("scanner"),
        path = q("pathology"),
        t1 = q("target"),
        t2 = q("target2"),
        proto = q("protocol"),
        prov = q("provision"),
        rem = q("remarks"),
        src = q("source"),
        cname = q("contact"),
        cite = q("citation"),
    );
    let cat = common::TestCatalog::empty();
    cat.entry("hostile", &yaml);
    cat.build();
    let dataset = cat.read_out("datasets/hostile/index.html");
    check_page("yaml dataset", &dataset, true);
    let visible: String = Html::parse_document(&dataset)
        .select(&Selector::parse("main").unwrap())
        .flat_map(|m| m.text())
        .collect();
    for field in [
        "name", "remarks", "protocol", "citation", "contact", "source",
    ] {
        assert!(
            visible.contains(&format!("</script><script>alert(1)</script><!-- \"'><img src=x onerror=alert(2)><svg onload=alert(3)></title></textarea></style>]]>evil {field}")),
            "{field} shown as text"
        );
    }
    check_page("yaml home", &cat.read_out("index.html"), true);
}
