//! Every machine-readable output of a built fixture catalog parses and carries the model's facts;
//! the JSON Schema accepts every bundled entry and rejects invalid ones.

use crate::common;

use common::{TestCatalog, repo_root};
use serde_json::Value;

fn json(cat: &TestCatalog, rel: &str) -> Value {
    serde_json::from_str(&cat.read_out(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn json_api_csv_and_croissant_carry_the_facts() {
    let cat = TestCatalog::fixture("full");
    cat.build();
    let api = json(&cat, "api/catalog.json");
    assert_eq!(api["version"], 1);
    let datasets = api["datasets"].as_array().unwrap();
    assert_eq!(api["count"], datasets.len());
    let sctn = datasets
        .iter()
        .find(|d| d["slug"] == "chest-ct-nodules")
        .unwrap();
    assert_eq!(sctn["subjects"], 120);
    assert_eq!(sctn["scans"], 130);
    assert_eq!(sctn["license"]["id"], "CC-BY-4.0");
    assert_eq!(sctn["modalities"][0]["code"], "CT");
    assert_eq!(
        sctn["url"],
        "https://example.org/catalog/datasets/chest-ct-nodules/"
    );
    assert_eq!(
        json(&cat, "api/datasets/chest-ct-nodules.json")["dataset"],
        *sctn
    );

    let csv_text = cat.read_out("catalog.csv");
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, faircat::metadata::csv::columns());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), datasets.len());
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row = rows
        .iter()
        .find(|r| &r[col("slug")] == "chest-ct-nodules")
        .unwrap();
    assert_eq!(&row[col("subjects")], "120");
    assert_eq!(&row[col("license")], "CC-BY-4.0");
    assert_eq!(&row[col("modalities")], "CT");
    assert_eq!(&row[col("label_types")], "pixel-level; bounding-box");

    let croissant = json(&cat, "datasets/chest-ct-nodules/croissant.json");
    assert_eq!(croissant["@type"], "sc:Dataset");
    assert!(
        croissant["conformsTo"]
            .as_array()
            .unwrap()
            .contains(&Value::from("http://mlcommons.org/croissant/1.1"))
    );
    assert_eq!(croissant["distribution"][0]["sha256"], "0".repeat(64));
    assert!(
        croissant["rai:dataLimitations"].is_string(),
        "complete: false is a limitation"
    );
    assert!(
        cat.read_out("datasets/chest-ct-nodules/citation.bib")
            .starts_with("@misc{chest-ct-nodules,")
    );
    let cff: Value =
        serde_saphyr::from_str(&cat.read_out("datasets/chest-ct-nodules/CITATION.cff")).unwrap();
    assert_eq!(cff["doi"], "10.1234/sctn.2020");
}

#[test]
fn dcat_and_fdp_parse_as_rdf_and_agree() {
    let cat = TestCatalog::fixture("full");
    cat.build();
    let turtle: Vec<oxrdf::Triple> = oxttl::TurtleParser::new()
        .for_slice(cat.read_out("catalog.ttl").as_bytes())
        .collect::<Result<_, _>>()
        .unwrap();
    let jsonld: Vec<oxrdf::Quad> = oxjsonld::JsonLdParser::new()
        .for_slice(cat.read_out("catalog.jsonld").as_bytes())
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(turtle.len(), jsonld.len());
    let has = |p: &str, o: &str| {
        turtle
            .iter()
            .any(|t| t.predicate.as_str() == p && t.object.to_string() == o)
    };
    assert!(has(
        "http://healthdataportal.eu/ns/health#numberOfUniqueIndividuals",
        "\"120\"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger>"
    ));
    assert!(has(
        "http://purl.org/dc/terms/accessRights",
        "<http://publications.europa.eu/resource/authority/access-right/PUBLIC>"
    ));
    assert!(has(
        "http://purl.org/dc/terms/accessRights",
        "<http://publications.europa.eu/resource/authority/access-right/RESTRICTED>"
    ));
    for rel in [
        "fdp/index.ttl",
        "fdp/catalog/index.ttl",
        "fdp/catalog/main",
        "fdp/dataset/chest-ct-nodules",
    ] {
        let triples = oxttl::TurtleParser::new()
            .for_slice(cat.read_out(rel).as_bytes())
            .collect::<Result<Vec<_>, _>>()
            .unwrap_or_else(|e| panic!("{rel}: {e}"));
        assert!(!triples.is_empty(), "{rel}");
    }
    assert!(
        cat.read_out("fdp/index.ttl")
            .contains("fdp-o:FAIRDataPoint")
    );
}

fn entry_schema() -> jsonschema::Validator {
    let schema = faircat::metadata::schema::dataset_schema(None);
    jsonschema::validator_for(&schema).expect("the schema is a valid JSON Schema")
}

fn yaml_value(path: &std::path::Path) -> Value {
    serde_saphyr::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn schema_accepts_every_bundled_entry() {
    let validator = entry_schema();
    let dir = repo_root().join("content/datasets");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let value = yaml_value(&path);
            let errors: Vec<String> = validator
                .iter_errors(&value)
                .map(|e| e.to_string())
                .collect();
            assert!(errors.is_empty(), "{}: {errors:?}", path.display());
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} bundled entries found");
}

#[test]
fn schema_rejects_invalid_entries() {
    let validator = entry_schema();
    let dir = common::fixtures_dir().join("catalogs/invalid/content/datasets");
    for name in ["bad-fields.yaml", "missing-required.yaml"] {
        let value = yaml_value(&dir.join(name));
        assert!(!validator.is_valid(&value), "{name} passed the schema");
    }
    for bad in [
        serde_json::json!({"name": "x", "description": "y".repeat(60), "modalities": ["MRI"]}),
        serde_json::json!({"name": "x", "description": "y".repeat(60), "modalities": ["CT"], "license": "CC-BY-4"}),
        serde_json::json!({"name": "x", "description": "y".repeat(60), "modalities": ["CT"], "homepage": "javascript:alert(1)"}),
        serde_json::json!({"name": "x", "description": "y".repeat(60), "modalities": ["CT"], "colour": "red"}),
    ] {
        assert!(!validator.is_valid(&bad), "{bad} passed the schema");
    }
    let good = serde_json::json!({"name": "x", "description": "y".repeat(60), "modalities": ["CT"], "license": "LicenseRef-Own"});
    assert!(validator.is_valid(&good));
}

#[test]
fn every_dataset_page_links_its_croissant_record() {
    let cat = TestCatalog::fixture("full");
    let report = cat.build();
    assert!(report.datasets > 0);
    for slug in ["chest-ct-nodules", "sctn-subset", "tiny-ct"] {
        let page =
            scraper::Html::parse_document(&cat.read_out(&format!("datasets/{slug}/index.html")));
        let sel = scraper::Selector::parse(r#"link[rel="alternate"][type="application/ld+json"]"#)
            .unwrap();
        let hrefs: Vec<&str> = page
            .select(&sel)
            .filter_map(|l| l.value().attr("href"))
            .collect();
        assert_eq!(hrefs, ["croissant.json"], "{slug}");
        let croissant = json(&cat, &format!("datasets/{slug}/croissant.json"));
        assert!(
            croissant["name"].is_string(),
            "{slug}: croissant has a name"
        );
    }
}
