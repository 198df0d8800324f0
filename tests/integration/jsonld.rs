//! schema.org JSON-LD of the built fixture catalog: it parses and has the properties search
//! engines and harvesters need, built from the entries' facts only.

use crate::common;

use common::TestCatalog;
use scraper::{Html, Selector};
use serde_json::Value;

fn jsonld(cat: &TestCatalog, page: &str) -> Value {
    let html = Html::parse_document(&cat.read_out(page));
    let scripts: Vec<String> = html
        .select(&Selector::parse(r#"script[type="application/ld+json"]"#).unwrap())
        .map(|s| s.text().collect())
        .collect();
    assert_eq!(scripts.len(), 1, "{page}: one JSON-LD block");
    serde_json::from_str(&scripts[0]).unwrap_or_else(|e| panic!("{page}: {e}\n{}", scripts[0]))
}

#[test]
fn dataset_pages_carry_a_complete_schema_org_dataset() {
    let cat = TestCatalog::fixture("full");
    cat.build();
    let d = jsonld(&cat, "datasets/chest-ct-nodules/index.html");
    let url = "https://example.org/catalog/datasets/chest-ct-nodules/";
    assert_eq!(d["@context"], "https://schema.org");
    assert_eq!(d["@type"], "Dataset");
    assert_eq!(d["name"], "Synthetic Chest CT Nodules");
    assert_eq!(
        d["alternateName"],
        serde_json::json!(["SCTN", "Chest Nodule Test Set"])
    );
    let description = d["description"].as_str().unwrap();
    assert!(
        description.starts_with("A synthetic collection of thoracic CT scans"),
        "{description}"
    );
    assert!(!description.contains("**"), "plain text, not Markdown");
    assert_eq!(d["url"], url);
    assert_eq!(d["identifier"]["@type"], "PropertyValue");
    assert_eq!(d["identifier"]["propertyID"], "DOI");
    assert_eq!(d["identifier"]["value"], "10.1234/sctn.2020");
    assert_eq!(d["identifier"]["url"], "https://doi.org/10.1234/sctn.2020");
    assert_eq!(d["sameAs"], "https://example.org/sctn/");
    let cc_by = faircat::vocab::spdx_license("CC-BY-4.0").unwrap();
    assert_eq!(d["license"], cc_by.url.unwrap());
    assert_eq!(d["isAccessibleForFree"], true);
    assert!(
        d.get("conditionsOfAccess").is_none(),
        "public data has no conditions"
    );
    assert_eq!(d["creator"]["name"], "Data Owner");
    assert!(
        d.get("publisher").is_none(),
        "the entry names no publisher, and the catalog is not the dataset's"
    );
    assert_eq!(
        d["keywords"],
        serde_json::json!([
            "lung cancer screening",
            "nodule",
            "Lung nodule detection and segmentation"
        ])
    );
    let technique = &d["measurementTechnique"][0];
    assert_eq!(technique["@type"], "DefinedTerm");
    assert_eq!(technique["termCode"], "CT");
    assert!(
        technique["inDefinedTermSet"]
            .as_str()
            .unwrap()
            .contains("CID_29")
    );
    let chest = faircat::vocab::anatomy("chest").unwrap();
    let about = &d["about"][0];
    assert_eq!(about["@type"], "DefinedTerm");
    assert_eq!(about["name"], chest.label);
    assert_eq!(about["termCode"], chest.snomed);
    assert_eq!(about["inDefinedTermSet"], "http://snomed.info/sct");
    // Chest has no verified UBERON id: no sameAs rather than an empty IRI.
    assert!(chest.uberon.is_empty());
    assert!(about.get("sameAs").is_none(), "{about}");
    let variables: Vec<(&str, &str)> = d["variableMeasured"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["name"].as_str().unwrap(),
                v["measurementTechnique"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        variables,
        [
            ("lung nodule", "pixel-level annotation"),
            ("lung nodule", "instance-level annotation"),
            ("malignancy", "image-level annotation")
        ]
    );
    assert_eq!(d["spatialCoverage"][0]["@type"], "Place");
    assert_eq!(d["spatialCoverage"][0]["name"], "Germany");
    assert_eq!(
        d["citation"][0]["url"],
        "https://doi.org/10.1234/jot.2020.1"
    );
    assert!(
        d["citation"][0]["name"]
            .as_str()
            .unwrap()
            .starts_with("Doe J, et al.")
    );
    assert_eq!(d["includedInDataCatalog"]["@type"], "DataCatalog");
    assert_eq!(
        d["includedInDataCatalog"]["url"],
        "https://example.org/catalog/"
    );
    let download = &d["distribution"][0];
    assert_eq!(download["@type"], "DataDownload");
    assert_eq!(download["contentUrl"], "https://example.org/sctn/sctn.zip");
    assert_eq!(download["encodingFormat"], "application/zip");
    assert_eq!(d["datePublished"], "2020-03-01");
    assert_eq!(d["dateModified"], "2021-06-15");
}

#[test]
fn restricted_entries_state_conditions_and_licence_references() {
    let cat = TestCatalog::fixture("full");
    cat.build();
    let d = jsonld(&cat, "datasets/sctn-subset/index.html");
    assert_eq!(d["license"]["@type"], "CreativeWork");
    assert_eq!(d["license"]["name"], "Test Data Use Agreement");
    assert_eq!(d["license"]["url"], "https://example.org/dua");
    assert!(
        d["conditionsOfAccess"]
            .as_str()
            .unwrap()
            .starts_with("On application")
    );
    assert!(
        d.get("distribution").is_none(),
        "no downloads, no DataDownload"
    );
    assert!(d.get("identifier").is_none(), "no DOI, no identifier");
    assert!(
        d.get("creator").is_none(),
        "no contact, no creator invented"
    );
    let terms: Vec<&str> = d["measurementTechnique"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["termCode"].as_str().unwrap())
        .collect();
    assert_eq!(terms, ["CT", "PT"]);

    let minimal = jsonld(&cat, "datasets/tiny-ct/index.html");
    for absent in [
        "license",
        "isAccessibleForFree",
        "sameAs",
        "dateModified",
        "citation",
    ] {
        assert!(minimal.get(absent).is_none(), "tiny-ct states no {absent}");
    }
}

#[test]
fn home_page_carries_a_data_catalog_of_the_datasets_it_lists() {
    let cat = TestCatalog::fixture("full");
    cat.build();
    let c = jsonld(&cat, "index.html");
    assert_eq!(c["@type"], "DataCatalog");
    assert_eq!(c["name"], "Test Catalog");
    assert_eq!(c["url"], "https://example.org/catalog/");
    assert_eq!(c["inLanguage"], "en");
    assert_eq!(c["publisher"]["name"], "Test Publisher");
    let mut urls: Vec<&str> = c["dataset"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            assert_eq!(d["@type"], "Dataset");
            assert!(d["description"].as_str().unwrap().len() >= 50);
            d["url"].as_str().unwrap()
        })
        .collect();
    // In the order of the home page's table (by name); all three fit on its first page.
    urls.sort_unstable();
    assert_eq!(
        urls,
        [
            "https://example.org/catalog/datasets/chest-ct-nodules/",
            "https://example.org/catalog/datasets/sctn-subset/",
            "https://example.org/catalog/datasets/tiny-ct/"
        ]
    );
}

/// A derived dataset names what it is based on, in the page JSON-LD and in Croissant, by the
/// parent's page and DOI; the parent does not name its children there.
#[test]
fn derived_datasets_name_what_they_are_based_on() {
    let cat = TestCatalog::fixture("full");
    cat.build();
    let parent = serde_json::json!({
        "@type": "Dataset",
        "@id": "https://example.org/catalog/datasets/chest-ct-nodules/",
        "name": "Synthetic Chest CT Nodules",
        "url": "https://example.org/catalog/datasets/chest-ct-nodules/",
        "identifier": "https://doi.org/10.1234/sctn.2020"
    });
    let d = jsonld(&cat, "datasets/sctn-subset/index.html");
    assert_eq!(d["isBasedOn"], serde_json::json!([parent.clone()]));
    let c: Value =
        serde_json::from_str(&cat.read_out("datasets/sctn-subset/croissant.json")).unwrap();
    assert_eq!(c["isBasedOn"], serde_json::json!([parent["url"]]));
    let p = jsonld(&cat, "datasets/chest-ct-nodules/index.html");
    assert!(p.get("isBasedOn").is_none(), "{p}");
}
