//! Hostile input: entries written to attack the site's visitors. Each is either refused with a
//! clear message or built into pages where it is inert text. After a build, EVERY output file is
//! parsed — HTML with scraper, JSON with serde_json, XML/SVG with roxmltree, CSV with csv — and
//! checked for executable content that came from an entry. The same checks run over the clean
//! `full` fixture, together with the Content-Security-Policy on every page.

use crate::common;

use common::TestCatalog;
use scraper::{Html, Selector};

const CSP_START: &str = "default-src 'self'; script-src 'self'; style-src 'self';";

/// Schemes that run code or smuggle a document when followed.
fn is_dangerous_url(value: &str) -> bool {
    let squeezed: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "data:", "vbscript:"]
        .iter()
        .any(|s| squeezed.starts_with(s))
}

const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "srcset",
    "poster",
    "background",
    "srcdoc",
];

/// Every problem found in one HTML page.
fn html_problems(path: &str, text: &str, problems: &mut Vec<String>) {
    let doc = Html::parse_document(text);
    let csp = Selector::parse(r#"meta[http-equiv="Content-Security-Policy"]"#).unwrap();
    match doc
        .select(&csp)
        .next()
        .and_then(|m| m.value().attr("content"))
    {
        Some(policy) if policy.starts_with(CSP_START) => {}
        other => problems.push(format!(
            "{path}: no Content-Security-Policy meta ({other:?})"
        )),
    }
    let all = Selector::parse("*").unwrap();
    for el in doc.select(&all) {
        let name = el.value().name();
        match name {
            "script" => {
                let kind = el.value().attr("type").unwrap_or("");
                let inline = el.text().collect::<String>();
                if kind == "application/ld+json" {
                    if let Err(e) = serde_json::from_str::<serde_json::Value>(&inline) {
                        problems.push(format!("{path}: JSON-LD block does not parse: {e}"));
                    }
                } else {
                    let src = el.value().attr("src").unwrap_or("");
                    let theme_asset =
                        src.contains("static/") && !src.contains(':') && src.ends_with(".js");
                    if !theme_asset || !inline.trim().is_empty() {
                        problems.push(format!("{path}: executable script {:?}", el.html()));
                    }
                }
            }
            "style" | "iframe" | "object" | "embed" | "frame" | "frameset" | "applet" | "base"
            | "marquee" => {
                problems.push(format!("{path}: <{name}> element: {}", el.html()));
            }
            _ => {}
        }
        for (attr, value) in el.value().attrs() {
            let attr = attr.to_ascii_lowercase();
            if attr.starts_with("on") {
                problems.push(format!(
                    "{path}: event handler {attr}={value:?} on <{name}>"
                ));
            }
            if attr == "style" {
                problems.push(format!("{path}: inline style on <{name}>"));
            }
            if URL_ATTRIBUTES.contains(&attr.as_str()) && is_dangerous_url(value) {
                problems.push(format!("{path}: {attr}={value:?} on <{name}>"));
            }
            if name == "meta" && attr == "http-equiv" && value.eq_ignore_ascii_case("refresh") {
                problems.push(format!("{path}: meta refresh"));
            }
        }
    }
    for c in [
        '\u{202A}', '\u{202B}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}',
    ] {
        if text.contains(c) {
            problems.push(format!(
                "{path}: bidi control U+{:04X} in the page",
                c as u32
            ));
        }
    }
}

fn xml_problems(path: &str, text: &str, problems: &mut Vec<String>) {
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        ..Default::default()
    };
    let doc = match roxmltree::Document::parse_with_options(text, options) {
        Ok(d) => d,
        Err(e) => return problems.push(format!("{path}: not well-formed XML: {e}")),
    };
    for node in doc.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name().to_ascii_lowercase();
        if matches!(name.as_str(), "script" | "foreignobject" | "iframe") {
            problems.push(format!("{path}: <{name}> element"));
        }
        for a in node.attributes() {
            let attr = a.name().to_ascii_lowercase();
            if attr.starts_with("on") {
                problems.push(format!("{path}: event handler {attr} on <{name}>"));
            }
            if (attr == "href" || attr == "src") && is_dangerous_url(a.value()) {
                problems.push(format!("{path}: {attr}={:?} on <{name}>", a.value()));
            }
        }
    }
}

fn csv_problems(path: &str, bytes: &[u8], problems: &mut Vec<String>) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    for (row, record) in reader.records().enumerate() {
        let record = match record {
            Ok(r) => r,
            Err(e) => return problems.push(format!("{path}: row {row}: {e}")),
        };
        for cell in record.iter() {
            if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                problems.push(format!("{path}: row {row}: formula-like cell {cell:?}"));
            }
        }
    }
}

/// Parse every file of the built site and list what could run in a visitor's browser or
/// spreadsheet.
fn output_problems(cat: &TestCatalog) -> (usize, Vec<String>) {
    let files = cat.out_files();
    let mut problems = Vec::new();
    for (path, bytes) in &files {
        let ext = path.rsplit('.').next().unwrap_or("");
        let text =
            || String::from_utf8(bytes.clone()).unwrap_or_else(|_| panic!("{path}: not UTF-8"));
        match ext {
            "html" => html_problems(path, &text(), &mut problems),
            "json" | "jsonld" | "webmanifest" => {
                if let Err(e) = serde_json::from_slice::<serde_json::Value>(bytes) {
                    problems.push(format!("{path}: JSON does not parse: {e}"));
                }
            }
            "xml" | "svg" | "rdf" => xml_problems(path, &text(), &mut problems),
            "csv" => csv_problems(path, bytes, &mut problems),
            _ => {}
        }
    }
    (files.len(), problems)
}

#[test]
fn every_page_of_a_clean_site_carries_the_policy_and_no_inline_code() {
    let cat = TestCatalog::fixture("full");
    let report = cat.build();
    assert!(report.pages > 5, "{report:?}");
    let (files, problems) = output_problems(&cat);
    assert!(files > report.pages);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let headers = cat.read_out("_headers");
    assert!(headers.starts_with("/*\n"), "{headers}");
    assert!(headers.contains("Content-Security-Policy: default-src 'self';"));
    assert!(headers.contains("frame-ancestors 'none'"), "{headers}");
}

#[test]
fn injection_in_every_text_field_builds_into_inert_text() {
    let cat = TestCatalog::fixture("hostile");
    let report = cat.build();
    assert_eq!(report.datasets, 2, "{:?}", report.diagnostics.render());
    let (_, problems) = output_problems(&cat);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The text is still there, as text: nothing was silently lost.
    let page = cat.read_out("datasets/every-field/index.html");
    let doc = Html::parse_document(&page);
    let h1 = Selector::parse("h1").unwrap();
    let title: String = doc.select(&h1).next().unwrap().text().collect();
    assert!(title.contains("<script>alert('name')</script>"), "{title}");
    assert!(
        page.contains("&lt;script>alert(23)&lt;/script>")
            || page.contains("&lt;script&gt;alert(23)&lt;/script&gt;")
    );
}

/// A clean entry that validates; each case below spoils one line of it.
const BASE: &str = "name: Base
description: A clean entry used as the base of hostile variants in faircat's tests.
homepage: https://example.org/home/
modalities: [CT]
license: CC-BY-4.0
";

#[test]
fn dangerous_urls_are_refused_with_a_clear_message() {
    let cases = [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "\"\\u0001javascript:alert(1)\"",
        "\"java\\tscript:alert(1)\"",
        "\"&#106;avascript:alert(1)\"",
        "\"&#x6A;avascript:alert(1)\"",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "DATA:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "VBScript:msgbox(1)",
        "//evil.example/x",
        "https:javascript:alert(1)",
        "file:///etc/passwd",
    ];
    for url in cases {
        for field in ["homepage", "access_url"] {
            let cat = TestCatalog::empty();
            let yaml = BASE.replace(
                "homepage: https://example.org/home/",
                &format!("{field}: {url}"),
            );
            cat.entry("bad-url", &yaml);
            let out = cat.check_output();
            assert!(
                out.contains("content/datasets/bad-url.yaml:")
                    && out.contains(&format!("'{field}'"))
                    && out.contains("error"),
                "{field}: {url} was not refused clearly:\n{out}"
            );
            assert!(cat.try_build().is_err(), "{field}: {url} built");
            assert!(!cat.out().exists(), "{field}: {url} wrote output");
        }
    }
    // Nested URLs too.
    let cat = TestCatalog::empty();
    cat.entry(
        "bad-nested",
        &format!("{BASE}downloads:\n  - url: javascript:alert(1)\ncontact:\n  name: x\n  url: \"data:text/html,x\"\n"),
    );
    let out = cat.check_output();
    assert!(out.contains("javascript:"), "{out}");
    assert!(out.contains("data:"), "{out}");
}

#[test]
fn markup_in_controlled_fields_and_file_names_is_refused() {
    let cat = TestCatalog::empty();
    cat.entry(
        "bad-vocab",
        &BASE.replace("[CT]", "[\"<script>alert(1)</script>\"]"),
    );
    let out = cat.check_output();
    assert!(
        out.contains("bad-vocab.yaml:") && out.contains("modalities"),
        "{out}"
    );

    let cat = TestCatalog::empty();
    cat.entry("x\"><script>alert(1)<", BASE);
    let out = cat.check_output();
    assert!(
        out.contains("error"),
        "a file name with markup was accepted:\n{out}"
    );
}

#[test]
fn a_ten_megabyte_entry_is_refused_or_built_inert() {
    let cat = TestCatalog::empty();
    let chunk = "Lorem <script>alert(1)</script> ipsum [x](javascript:alert(2)) dolor sit amet. ";
    let mut description = String::with_capacity(10 * 1024 * 1024 + chunk.len());
    while description.len() < 10 * 1024 * 1024 {
        description.push_str("  ");
        description.push_str(chunk);
        description.push('\n');
    }
    cat.entry(
        "huge",
        &format!("name: Huge\nmodalities: [CT]\nlicense: CC0-1.0\ndescription: |\n{description}"),
    );
    match cat.try_build() {
        Ok(_) => {
            let (_, problems) = output_problems(&cat);
            assert!(problems.is_empty(), "{}", problems.join("\n"));
        }
        Err(e) => {
            let out = e.to_string();
            assert!(!out.is_empty());
            let rendered = cat.check_output();
            assert!(rendered.contains("huge.yaml"), "{rendered}");
            assert!(!cat.out().exists());
        }
    }
}
