//! `[output]` in faircat.toml: each family of per-dataset files can be left out, and then no
//! file of the site links to it; by default everything is written.

use crate::common::{CONFIG, TestCatalog};

/// The `full` fixture built with `output` as its `[output]` section; its files, as text where
/// they are text.
fn build_with(output: &str) -> (usize, Vec<(String, String)>) {
    let cat = TestCatalog::fixture("full");
    cat.write("faircat.toml", format!("{CONFIG}\n{output}"));
    let report = cat.build();
    let files: Vec<(String, String)> = cat
        .out_files()
        .into_iter()
        .map(|(p, b)| (p, String::from_utf8_lossy(&b).into_owned()))
        .collect();
    assert_eq!(files.len(), report.files);
    (report.datasets, files)
}

fn has(files: &[(String, String)], pred: impl Fn(&str) -> bool) -> usize {
    files.iter().filter(|(p, _)| pred(p)).count()
}

/// Files (other than the family's own) whose text mentions `needle`.
fn mentioning<'a>(files: &'a [(String, String)], needle: &str) -> Vec<&'a str> {
    files
        .iter()
        .filter(|(_, text)| text.contains(needle))
        .map(|(p, _)| p.as_str())
        .collect()
}

fn is_citation_file(p: &str) -> bool {
    p.ends_with("/citation.bib") || p.ends_with("/CITATION.cff")
}

fn is_fdp_record(p: &str) -> bool {
    p.starts_with("fdp/dataset/") || p.starts_with("fdp/distribution/")
}

#[test]
fn by_default_every_family_is_written_and_linked() {
    let (datasets, files) = build_with("");
    assert!(datasets >= 2);
    assert_eq!(has(&files, is_citation_file), 2 * datasets);
    assert!(has(&files, is_fdp_record) >= 2 * datasets + 2);
    assert!(!mentioning(&files, "citation.bib").is_empty());
    assert!(!mentioning(&files, "fdp/dataset/").is_empty());
    // Stating the defaults changes nothing.
    let (_, explicit) = build_with("[output]\nfdp_records = true\ncitation_files = true\n");
    assert_eq!(explicit, files);
}

#[test]
fn citation_files_can_be_left_out_and_nothing_links_to_them() {
    let (datasets, all) = build_with("");
    let (_, files) = build_with("[output]\ncitation_files = false\n");
    assert_eq!(has(&files, is_citation_file), 0);
    assert_eq!(files.len(), all.len() - 2 * datasets);
    assert_eq!(mentioning(&files, "citation.bib"), Vec::<&str>::new());
    assert_eq!(mentioning(&files, "CITATION.cff"), Vec::<&str>::new());
    // The JSON API says there is none; the pages still show the BibTeX.
    let api = &files
        .iter()
        .find(|(p, _)| p == "api/catalog.json")
        .unwrap()
        .1;
    let api: serde_json::Value = serde_json::from_str(api).unwrap();
    for d in api["datasets"].as_array().unwrap() {
        assert_eq!(d["links"]["bibtex"], serde_json::Value::Null);
        assert_eq!(d["links"]["cff"], serde_json::Value::Null);
        assert!(d["links"]["croissant"].is_string());
    }
    let pages_with_bibtex = files
        .iter()
        .filter(|(p, t)| {
            p.starts_with("datasets/")
                && p.ends_with("/index.html")
                && (t.contains("id=cite-bibtex") || t.contains("id=\"cite-bibtex\""))
        })
        .count();
    assert_eq!(pages_with_bibtex, datasets, "dataset pages keep the BibTeX");
}

#[test]
fn fdp_records_can_be_left_out_and_nothing_links_to_them() {
    let (datasets, all) = build_with("");
    let (_, files) = build_with("[output]\nfdp_records = false\n");
    assert_eq!(has(&files, is_fdp_record), 0);
    let records = has(&all, is_fdp_record);
    assert!(records >= 2 * datasets);
    assert_eq!(files.len(), all.len() - records);
    assert_eq!(mentioning(&files, "fdp/dataset/"), Vec::<&str>::new());
    assert_eq!(mentioning(&files, "fdp/distribution/"), Vec::<&str>::new());
    // The FDP root and catalog record remain, pointing to the DCAT-AP catalog.
    let catalog = &files
        .iter()
        .find(|(p, _)| p == "fdp/catalog/main.ttl")
        .expect("the catalog record")
        .1;
    assert!(catalog.contains("catalog.ttl"), "{catalog}");
    assert!(!catalog.contains("dcat:dataset"), "{catalog}");
    assert!(files.iter().any(|(p, _)| p == "fdp/index.ttl"));
}

#[test]
fn an_unknown_output_setting_is_an_error_with_its_place() {
    let cat = TestCatalog::fixture("full");
    cat.write("faircat.toml", format!("{CONFIG}\n[output]\nfdp = false\n"));
    let out = cat.check_output();
    assert!(out.contains("faircat.toml:"), "{out}");
    assert!(out.contains("unknown field `fdp`"), "{out}");
}
