//! `faircat import` of rows of the NCI Imaging Data Commons collections index (with the
//! columns curators add: description, references, creators, publisher, version…): header
//! synonyms, DICOM objects that are not modalities, licences outside SPDX, creators from an
//! APA citation, `--set` and `--update`; the imported catalog builds.

use crate::common;

use common::{TestCatalog, faircat, fixtures_dir};
use pretty_assertions::assert_eq;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

fn copy_in(cat: &TestCatalog) -> PathBuf {
    let from = fixtures_dir().join("spreadsheets/idc-sample.tsv");
    let to = cat.root().join("idc-sample.tsv");
    std::fs::copy(&from, &to).unwrap();
    to
}

const SETS: [&str; 4] = [
    "--set",
    "platform=TCIA;IDC",
    "--set",
    "sources=NCI Imaging Data Commons index v25 (idc-index-data 25.0.5)",
];

fn import(cat: &TestCatalog, file: &Path, extra: &[&str]) -> (i32, String, String) {
    let mut args = vec!["import", file.to_str().unwrap(), "--root", "."];
    args.extend_from_slice(extra);
    faircat(cat.root(), &args)
}

fn text(cat: &TestCatalog, slug: &str) -> String {
    std::fs::read_to_string(cat.root().join(format!("content/datasets/{slug}.yaml"))).unwrap()
}

fn entry(cat: &TestCatalog, slug: &str) -> Value {
    let t = text(cat, slug);
    serde_saphyr::from_str(&t).unwrap_or_else(|e| panic!("{slug}: {e}\n{t}"))
}

/// `import --update` of `file` again, with everything already added: the report says the
/// entry is unchanged and its text is still `expected`.
fn assert_update_again_changes_nothing(cat: &TestCatalog, file: &Path, slug: &str, expected: &str) {
    let (code, report, _) = import(cat, file, &["--update"]);
    assert_eq!(code, 0);
    assert!(
        report.contains(&format!("unchanged: content/datasets/{slug}.yaml")),
        "{report}"
    );
    assert_eq!(text(cat, slug), expected);
}

#[test]
fn idc_rows_import_as_entries_that_build() {
    let cat = TestCatalog::empty();
    let file = copy_in(&cat);
    let (code, report, err) = import(&cat, &file, &SETS);
    assert_eq!(code, 0, "{report}{err}");
    for (header, target) in [
        ("collection_id", "slug"),
        ("collection_name", "name"),
        ("cancer_types", "pathologies"),
        ("tumor_locations", "anatomy"),
        ("license_short_name", "license"),
        ("species", "species"),
        ("status", "note"),
        ("supporting_data", "note"),
        ("n_sources", "ignored"),
        ("references", "sources"),
        ("creators", "creators"),
        ("publisher", "publisher"),
    ] {
        let line = report
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("\"{header}\" ")))
            .unwrap_or_else(|| panic!("no line for {header}:\n{report}"));
        assert!(line.ends_with(&format!("→ {target}")), "{line}");
    }

    // The whole file of one row: creators, year and publisher from the citation; RTSTRUCT is
    // no modality but says there are segmentations; the DOI is the homepage.
    assert_eq!(text(&cat, "4d-lung"), FOUR_D_LUNG);

    // JSON creators and publisher; SEG implies pixel-level labels.
    let acrin = entry(&cat, "acrin-6698");
    assert_eq!(acrin["modalities"], json!(["MR"]));
    assert_eq!(acrin["label_types"], json!(["pixel-level"]));
    assert_eq!(
        acrin["creators"],
        json!([
            {"name": "Carberry, Josiah", "orcid": "https://orcid.org/0000-0002-1825-0097"},
            {"name": "Example Imaging Consortium", "type": "organization"},
        ])
    );
    assert_eq!(
        acrin["publisher"],
        json!({"name": "Example Data Archive", "url": "https://example.org/archive/"})
    );
    assert_eq!(acrin["version"], "1");
    assert!(acrin.get("draft").is_none());

    // A licence outside SPDX, with its URL: a LicenseRef with its name.
    let nlm = entry(&cat, "nlm-visible-human-project");
    assert_eq!(
        nlm["license"],
        "LicenseRef-national-library-of-medicine-terms-and-conditions-may-21-2019"
    );
    assert_eq!(
        nlm["license_name"],
        "National Library of Medicine Terms and Conditions; May 21, 2019"
    );
    assert!(nlm["license_url"].as_str().unwrap().starts_with("https://"));
    assert_eq!(nlm["draft"], true, "no description: a draft");

    // Another species: a keyword and a fact in remarks.
    let mouse = entry(&cat, "mouse-astrocytoma");
    assert_eq!(mouse["keywords"], json!(["mouse"]));
    let remarks = mouse["remarks"].as_str().unwrap();
    assert!(
        remarks.starts_with("Fixture remark kept as written.\n\nFrom the imported table:\n"),
        "{remarks}"
    );
    assert!(remarks.contains("- species: Mouse"), "{remarks}");
    assert!(remarks.contains("- status: Complete"), "{remarks}");

    // ANN is kept in remarks; SM is an image modality; skin of body is skin.
    let catch = entry(&cat, "catch");
    assert_eq!(catch["modalities"], json!(["SM"]));
    assert_eq!(catch["anatomy"], json!(["skin"]));
    assert!(
        catch["remarks"]
            .as_str()
            .unwrap()
            .contains("- modalities: \"ANN, SM\""),
        "{catch}"
    );
    assert_eq!(catch["keywords"], json!(["canine"]));

    // An organisation as author, an abbreviated author list: no creators, a note.
    let cmb = entry(&cat, "cmb-crc");
    assert!(cmb.get("creators").is_none());
    assert_eq!(cmb["publisher"]["name"], "The Cancer Imaging Archive");
    assert_eq!(cmb["year"], 2022);
    let lidc = entry(&cat, "lidc-idri");
    assert!(lidc.get("creators").is_none());
    assert!(
        report.contains("creators not read from the citation: the author list is abbreviated (…)"),
        "{report}"
    );
    assert_eq!(
        lidc["platform"],
        json!([
            "The Cancer Imaging Archive (TCIA)",
            "NCI Imaging Data Commons (IDC)"
        ])
    );

    let diagnostics = cat.check();
    assert!(!diagnostics.has_errors(), "{}", diagnostics.render());
    let report = cat.build();
    let _ = report;
    let (catalog, _) = faircat::site::load(cat.root(), None).unwrap();
    assert_eq!(
        catalog
            .datasets
            .iter()
            .map(|d| d.slug.as_str())
            .collect::<Vec<_>>(),
        ["4d-lung", "acrin-6698"]
    );
    assert_eq!(catalog.drafts.len(), 5);
}

#[test]
fn update_adds_only_the_fields_an_entry_lacks() {
    let cat = TestCatalog::empty();
    let existing = "# Curated by hand; keep this comment.\n\
name: 4D Lung Imaging of NSCLC Patients\n\
description: A hand-written description of this collection, kept exactly as it is here.\n\
doi: 10.7937/K9/TCIA.2016.ELN8YGLE\n\
modalities: [CT]  # only CT images\n\
year: 2015\n";
    cat.entry("four-d-lung", existing);
    let file = copy_in(&cat);

    let (code, report, err) = import(&cat, &file, &[]);
    assert_eq!(code, 0, "{report}{err}");
    assert!(
        report
            .contains("not written: same dataset as content/datasets/four-d-lung.yaml (same DOI)"),
        "{report}"
    );
    assert_eq!(
        text(&cat, "four-d-lung"),
        existing,
        "nothing changes without --update"
    );

    for f in std::fs::read_dir(cat.root().join("content/datasets")).unwrap() {
        let f = f.unwrap().path();
        if f.file_name().unwrap() != "four-d-lung.yaml" {
            std::fs::remove_file(f).unwrap();
        }
    }
    let (code, report, err) = import(&cat, &file, &["--update"]);
    assert_eq!(code, 0, "{report}{err}");
    let updated = text(&cat, "four-d-lung");
    assert!(
        updated.starts_with(existing),
        "the file's own text is kept:\n{updated}"
    );
    let v = entry(&cat, "four-d-lung");
    assert_eq!(v["year"], 2015, "a field the entry has is not touched");
    assert_eq!(v["modalities"], json!(["CT"]));
    assert_eq!(v["creators"][0]["name"], "Hugo, G. D.");
    assert_eq!(v["publisher"]["name"], "The Cancer Imaging Archive");
    assert!(report.contains("added "), "{report}");
    assert!(!cat.check().has_errors(), "{}", cat.check().render());

    // Nothing left to add: unchanged.
    assert_update_again_changes_nothing(&cat, &file, "four-d-lung", &updated);
}

/// A fact that `--update` adds must name where it came from: the row's sources that the entry
/// does not list yet are added to its `sources` list, in place; the rest of the file is kept.
#[test]
fn update_extends_sources_in_place() {
    let cat = TestCatalog::empty();
    let head = "# Curated by hand.\n\
name: KiTS-like challenge set\n\
description: A hand-written description of a kidney tumour CT challenge set, kept as it is.\n\
modalities: [CT]\n\
sources:\n  - https://example.org/readme (licence)\n  - \"https://example.org/paper: the method\"\n";
    let tail = "\n# Provenance notes follow.\nremarks: Written by hand.\n";
    cat.entry("kits-like", &format!("{head}{tail}"));
    let table = cat.root().join("counts.tsv");
    std::fs::write(
        &table,
        "name\tsubjects\tsources\n\
KiTS-like challenge set\t300\thttps://example.org/readme (licence); https://example.org/cases.json (300 case records)\n",
    )
    .unwrap();

    let (code, report, err) = import(&cat, &table, &["--update"]);
    assert_eq!(code, 0, "{report}{err}");
    assert!(
        report.contains("added subjects, sources (extended) to content/datasets/kits-like.yaml"),
        "{report}"
    );
    let updated = text(&cat, "kits-like");
    let v = entry(&cat, "kits-like");
    assert_eq!(
        v["sources"],
        json!([
            "https://example.org/readme (licence)",
            "https://example.org/paper: the method",
            "https://example.org/cases.json (300 case records)"
        ]),
        "the new source is added once, after the entry's own:\n{updated}"
    );
    assert_eq!(v["subjects"], 300);
    assert!(updated.starts_with("# Curated by hand.\n"), "{updated}");
    assert!(
        updated.contains("\n# Provenance notes follow.\nremarks: Written by hand.\n"),
        "the comment before the next key stays with it:\n{updated}"
    );
    assert!(!cat.check().has_errors(), "{}", cat.check().render());

    // Run again: everything is there, so nothing changes.
    assert_update_again_changes_nothing(&cat, &table, "kits-like", &updated);
}

/// A block `sources` list keeps its own lines and comments: the new items come after its
/// last one, in its indentation; a flow list is written out as a block.
#[test]
fn update_appends_to_a_commented_or_flow_sources_list() {
    let cat = TestCatalog::empty();
    let commented = "name: KiTS-like challenge set\n\
description: A hand-written description of a kidney tumour CT challenge set, kept as it is.\n\
modalities: [CT]\n\
sources:\n# the README\n- https://example.org/readme\n";
    cat.entry("kits-like", commented);
    let flow = "name: LiTS-like challenge set\n\
description: A hand-written description of a liver tumour CT challenge set, kept as it is.\n\
modalities: [CT]\n\
sources: [https://example.org/lits]\nyear: 2017\n";
    cat.entry("lits-like", flow);
    let table = cat.root().join("counts.tsv");
    std::fs::write(
        &table,
        "name\tsubjects\tsources\n\
KiTS-like challenge set\t300\thttps://example.org/cases.json\n\
LiTS-like challenge set\t131\thttps://example.org/lits-paper\n",
    )
    .unwrap();
    let (code, report, err) = import(&cat, &table, &["--update"]);
    assert_eq!(code, 0, "{report}{err}");

    let updated = text(&cat, "kits-like");
    assert!(
        updated.starts_with(&format!(
            "{commented}# `faircat import --update` added sources from counts.tsv, row 2.\n\
- https://example.org/cases.json\n"
        )),
        "{updated}"
    );
    let v = entry(&cat, "kits-like");
    assert_eq!(
        v["sources"],
        json!([
            "https://example.org/readme",
            "https://example.org/cases.json"
        ])
    );
    assert_eq!(v["subjects"], 300);

    let v = entry(&cat, "lits-like");
    assert_eq!(
        v["sources"],
        json!(["https://example.org/lits", "https://example.org/lits-paper"])
    );
    assert_eq!(v["year"], 2017);
    assert!(!cat.check().has_errors(), "{}", cat.check().render());
}

#[test]
fn set_rejects_unknown_fields() {
    let cat = TestCatalog::empty();
    let file = copy_in(&cat);
    let (code, _, err) = import(&cat, &file, &["--set", "platfrom=IDC"]);
    assert_ne!(code, 0);
    assert!(
        err.contains("'platfrom' is not a field — did you mean 'platform'?"),
        "{err}"
    );
    let (code, _, err) = import(&cat, &file, &["--set", "platform"]);
    assert_ne!(code, 0);
    assert!(err.contains("expected \"field=value\""), "{err}");
}

const FOUR_D_LUNG: &str = r#"# 4D-Lung — imported by `faircat import` from idc-sample.tsv, row 2.
# Fields are described in docs/entry-schema.md; run `faircat check` after editing.

# Identity
name: 4D-Lung
description: "Fixture text for faircat's import tests: CT images with RT structure sets, as the IDC index lists them."
homepage: https://doi.org/10.7937/k9/tcia.2016.eln8ygle
doi: 10.7937/k9/tcia.2016.eln8ygle
creators:
  - name: Hugo, G. D.
  - name: Weiss, E.
  - name: Sleeman, W. C.
  - name: Balik, S.
  - name: Keall, P. J.
  - name: Lu, J.
  - name: Williamson, J. F.
publisher:
  name: The Cancer Imaging Archive
version: "2"
year: 2016
updated: 2021-04-10

# Imaging
modalities: [CT]
anatomy: [lung]
subjects: 20
pathologies:
  - Non-small Cell Lung Cancer

# Annotations
label_types: [pixel-level]

# Rights and access
license: CC-BY-3.0
access: public
platform: [The Cancer Imaging Archive (TCIA), NCI Imaging Data Commons (IDC)]

# Provenance
citations:
  - text: Hugo, G. D., Weiss, E., Sleeman, W. C., Balik, S., Keall, P. J., Lu, J., & Williamson, J. F. (2016). Data from 4D Lung Imaging of NSCLC Patients (Version 2) [Data set]. The Cancer Imaging Archive. https://doi.org/10.7937/K9/TCIA.2016.ELN8YGLE
    doi: 10.7937/K9/TCIA.2016.ELN8YGLE
    preferred: true
sources:
  - https://example.org/fixture/4d-lung-notes
  - https://example.org/fixture/second-source
  - NCI Imaging Data Commons index v25 (idc-index-data 25.0.5)
remarks: |-
  From the imported table:
  - status: Complete
  - supporting_data: Image Analyses
"#;
