//! `creators`, `publisher` and `version`: how they are checked (with the place and a hint) and
//! where they appear (page JSON-LD, Croissant, DCAT, CITATION.cff, BibTeX, JSON API, CSV, the
//! page itself); and that no catalog or empty code is stated for a dataset in their place.

use crate::common;

use common::TestCatalog;
use pretty_assertions::assert_eq;
use serde_json::{Value, json};

fn entry_with(extra: &str) -> String {
    common::complete_entry(2016, extra)
}

use common::check_one;

const CREATORS: &str = "version: \"2\"\n\
creators:\n  \
  - name: Armato III, Samuel G.\n    \
    orcid: https://orcid.org/0000-0002-1825-0097\n  \
  - name: Example Imaging Consortium\n    \
    ror: https://ror.org/05gs8cd61\n  \
  - Hugo, Geoffrey D.\n\
publisher:\n  \
  name: Example Data Archive\n  \
  url: https://example.org/archive/\n";

#[test]
fn creators_publisher_and_version_are_valid() {
    assert_eq!(check_one(&entry_with(CREATORS)), "ok: no problems\n");
    // A bare ORCID iD and ROR id, a plain publisher name, a numeric version.
    let short = "version: 3\ncreators:\n  - name: Doe, Jane\n    orcid: 0000-0002-1825-0097\n  - name: Some Lab\n    ror: 05gs8cd61\npublisher: Example Data Archive\n";
    assert_eq!(check_one(&entry_with(short)), "ok: no problems\n");
}

#[test]
fn wrong_orcid_checksum_is_an_error_with_its_place() {
    let out = check_one(&entry_with(
        "creators:\n  - name: Doe, Jane\n    orcid: https://orcid.org/0000-0002-1825-0096\n",
    ));
    assert!(
        out.starts_with("content/datasets/x.yaml:14:12: error: 'creators.orcid' is not a valid id: 'https://orcid.org/0000-0002-1825-0096'"),
        "{out}"
    );
    assert!(
        out.contains("= help: write the ORCID iD as https://orcid.org/"),
        "{out}"
    );
}

#[test]
fn unknown_creator_keys_and_types_suggest_the_right_one() {
    let out = check_one(&entry_with(
        "creators:\n  - name: Doe, Jane\n    orcd: 0000-0002-1825-0097\n  - name: A Lab\n    type: organisaton\n",
    ));
    assert!(
        out.contains(
            "x.yaml:14:5: error: unknown key 'orcd' in 'creators' — did you mean 'orcid'?"
        ),
        "{out}"
    );
    assert!(
        out.contains("x.yaml:16:11: error: 'creators.type' is 'organisaton', not person or organization — did you mean 'organization'?"),
        "{out}"
    );
    assert!(
        out.contains("error: 2 errors and 1 warning in 1 file"),
        "{out}"
    );
}

#[test]
fn ids_must_fit_the_kind_of_agent() {
    let out = check_one(&entry_with(
        "creators:\n  - name: A Lab\n    type: organization\n    orcid: 0000-0002-1825-0097\n  - name: Doe, Jane\n    type: person\n    ror: 05gs8cd61\n",
    ));
    assert!(
        out.contains(
            "'creators.orcid' identifies a person, but this creators entry is an organisation"
        ),
        "{out}"
    );
    assert!(
        out.contains("'creators.ror' identifies an organisation, but 'type' is person"),
        "{out}"
    );
    let out = check_one(&entry_with(
        "publisher:\n  name: X\n  ror: https://ror.org/15gs8cd61\n  email: x@example.org\n",
    ));
    assert!(out.contains("'publisher.ror' is not a valid id"), "{out}");
    assert!(out.contains("unknown key 'email' in 'publisher'"), "{out}");
}

#[test]
fn creators_without_a_name_and_persons_without_a_comma() {
    let out = check_one(&entry_with(
        "creators:\n  - orcid: 0000-0002-1825-0097\n  - Jane Doe\n  - 42\n",
    ));
    assert!(
        out.contains("x.yaml:13:5: error: 'creators' needs a 'name'"),
        "{out}"
    );
    assert!(
        out.contains(
            "x.yaml:14:5: warning: creator 'Jane Doe' is a person without a comma in the name"
        ),
        "{out}"
    );
    assert!(
        out.contains("x.yaml:15:5: error: wrong type for 'creators': expected a name or a mapping"),
        "{out}"
    );
}

/// The JSON-LD of a built page.
fn page_jsonld(cat: &TestCatalog, slug: &str) -> Value {
    let html = scraper::Html::parse_document(&cat.read_out(&format!("datasets/{slug}/index.html")));
    let script: String = html
        .select(&scraper::Selector::parse(r#"script[type="application/ld+json"]"#).unwrap())
        .next()
        .expect("a JSON-LD script")
        .text()
        .collect();
    serde_json::from_str(&script).unwrap()
}

#[test]
fn creators_and_publisher_appear_in_every_output() {
    let cat = TestCatalog::empty();
    cat.entry("x", &entry_with(CREATORS));
    cat.build();

    let ld = page_jsonld(&cat, "x");
    assert_eq!(
        ld["creator"],
        json!([
            {"@id": "https://orcid.org/0000-0002-1825-0097", "@type": "Person",
             "name": "Samuel G. Armato III", "givenName": "Samuel G.", "familyName": "Armato III",
             "sameAs": "https://orcid.org/0000-0002-1825-0097"},
            {"@id": "https://ror.org/05gs8cd61", "@type": "Organization",
             "name": "Example Imaging Consortium", "sameAs": "https://ror.org/05gs8cd61"},
            {"@type": "Person", "name": "Geoffrey D. Hugo", "givenName": "Geoffrey D.",
             "familyName": "Hugo"},
        ])
    );
    assert_eq!(
        ld["publisher"],
        json!({"@type": "Organization", "name": "Example Data Archive", "url": "https://example.org/archive/"})
    );
    assert_eq!(ld["version"], "2");

    let croissant: Value =
        serde_json::from_str(&cat.read_out("datasets/x/croissant.json")).unwrap();
    assert_eq!(croissant["creator"][0]["@type"], "sc:Person");
    assert_eq!(croissant["creator"][1]["@type"], "sc:Organization");
    assert_eq!(croissant["publisher"][0]["name"], "Example Data Archive");
    assert_eq!(croissant["version"], "2");
    // No release date: the year.
    assert_eq!(croissant["datePublished"], "2016");

    let ttl = cat.read_out("catalog.ttl");
    assert!(
        ttl.contains("\"https://orcid.org/0000-0002-1825-0097\""),
        "{ttl}"
    );
    assert!(
        ttl.contains("<https://example.org/catalog/datasets/x/#creator-1>"),
        "{ttl}"
    );
    assert!(
        ttl.contains("dct:creator") || ttl.contains("purl.org/dc/terms/creator"),
        "{ttl}"
    );
    assert!(ttl.contains("Example Data Archive"), "{ttl}");

    let cff: Value = serde_saphyr::from_str(&cat.read_out("datasets/x/CITATION.cff")).unwrap();
    assert_eq!(
        cff["authors"],
        json!([
            {"family-names": "Armato III", "given-names": "Samuel G.",
             "orcid": "https://orcid.org/0000-0002-1825-0097"},
            {"name": "Example Imaging Consortium"},
            {"family-names": "Hugo", "given-names": "Geoffrey D."},
        ])
    );
    assert_eq!(cff["version"], "2");

    let bib = cat.read_out("datasets/x/citation.bib");
    assert!(
        bib.contains(
            "author       = {Armato III, Samuel G. and {Example Imaging Consortium} and Hugo, Geoffrey D.},"
        ),
        "{bib}"
    );

    let api: Value = serde_json::from_str(&cat.read_out("api/datasets/x.json")).unwrap();
    assert_eq!(api["dataset"]["creators"][1]["type"], "organization");
    assert_eq!(api["dataset"]["publisher"]["name"], "Example Data Archive");
    assert_eq!(api["dataset"]["version"], "2");

    let csv = cat.read_out("catalog.csv");
    let header = csv.lines().next().unwrap();
    assert!(
        header.contains(
            ",creators,publisher,version,readiness_level,commercial_use,derivatives,access_tier,readiness_missing"
        ),
        "{header}"
    );
    assert!(
        csv.contains("\"Armato III, Samuel G.; Example Imaging Consortium; Hugo, Geoffrey D.\",Example Data Archive,2"),
        "{csv}"
    );

    let html = cat.read_out("datasets/x/index.html");
    assert!(
        html.contains("https://orcid.org/0000-0002-1825-0097"),
        "the page links the ORCID"
    );
    assert!(html.contains("Example Data Archive"));
}

#[test]
fn without_creators_or_publisher_nothing_is_made_up() {
    let cat = TestCatalog::empty();
    cat.entry("x", &entry_with(""));
    cat.build();
    let ld = page_jsonld(&cat, "x");
    assert!(
        ld.get("publisher").is_none(),
        "the catalog is not the dataset's publisher: {ld}"
    );
    assert!(ld.get("creator").is_none(), "{ld}");
    assert!(ld.get("version").is_none(), "{ld}");
    // chest has no verified UBERON id: no empty sameAs.
    assert_eq!(ld["about"][0]["name"], "Chest");
    assert!(ld["about"][0].get("sameAs").is_none(), "{ld}");
    let home = cat.read_out("index.html");
    assert!(
        home.contains("Test Publisher"),
        "the catalog still publishes its DataCatalog"
    );

    let croissant: Value =
        serde_json::from_str(&cat.read_out("datasets/x/croissant.json")).unwrap();
    assert!(croissant.get("creator").is_none());
    assert!(croissant.get("publisher").is_none());
    assert!(croissant.get("version").is_none());
    let cff: Value = serde_saphyr::from_str(&cat.read_out("datasets/x/CITATION.cff")).unwrap();
    assert_eq!(cff["authors"], json!([{"name": "Unknown"}]));
    assert!(!cat.read_out("datasets/x/citation.bib").contains("author"));
}

/// `faircat export` and `faircat import` carry creators, publisher and version both ways.
#[test]
fn export_and_import_keep_creators_publisher_and_version() {
    let original = TestCatalog::empty();
    original.entry("x", &entry_with(CREATORS));
    let expected = dataset_json(&original);
    for format in ["csv", "tsv", "json"] {
        let file = original.root().join(format!("export.{format}"));
        common::export_to(original.root(), format, &file);
        let copy = TestCatalog::empty();
        let (code, report, err) = common::faircat(
            copy.root(),
            &["import", file.to_str().unwrap(), "--root", "."],
        );
        assert_eq!(code, 0, "{report}{err}");
        assert!(!report.contains("kept in remarks"), "{format}: {report}");
        assert_eq!(dataset_json(&copy), expected, "{format}");
    }
}

/// The creators, publisher and version of the one dataset, as the JSON API has them.
fn dataset_json(cat: &TestCatalog) -> Value {
    let (catalog, _) = faircat::site::load(cat.root(), None).unwrap();
    let d = faircat::metadata::json::dataset_record(&catalog, &catalog.datasets[0]);
    json!([d["creators"], d["publisher"], d["version"]])
}
