//! `faircat import` and `faircat export` through the real binary: the poster's table, the
//! facts table, the MedSAM table and messy spreadsheets (CSV, XLSX, ODS) become entries that
//! pass `check`; what was not read is reported and kept; nothing is overwritten.

use crate::common;

use common::{TestCatalog, faircat, fixtures_dir};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

/// Copy a fixture table into the catalog's folder (tests never read ../shared).
fn copy_in(cat: &TestCatalog, rel: &str) -> PathBuf {
    let from = fixtures_dir().join(rel);
    let to = cat.root().join(from.file_name().unwrap());
    std::fs::copy(&from, &to).unwrap();
    to
}

fn import(cat: &TestCatalog, file: &Path, extra: &[&str]) -> (i32, String, String) {
    let mut args = vec!["import", file.to_str().unwrap(), "--root", "."];
    args.extend_from_slice(extra);
    faircat(cat.root(), &args)
}

fn entry_files(cat: &TestCatalog) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(cat.root().join("content/datasets"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// An entry file parsed as plain data, to compare values.
fn entry(cat: &TestCatalog, slug: &str) -> Value {
    let text =
        std::fs::read_to_string(cat.root().join(format!("content/datasets/{slug}.yaml"))).unwrap();
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{slug}: {e}\n{text}"))
}

/// `check` finds no errors and every written file is in the catalog (published or draft).
fn assert_all_pass_check(cat: &TestCatalog) {
    let diagnostics = cat.check();
    assert!(!diagnostics.has_errors(), "{}", diagnostics.render());
    let (catalog, _) = faircat::site::load(cat.root(), None).unwrap();
    assert_eq!(
        catalog.datasets.len() + catalog.drafts.len(),
        entry_files(cat).len(),
        "every imported file is read as an entry"
    );
}

/// The report's mapping line for a header says where its values go.
fn assert_mapped(report: &str, header: &str, target: &str) {
    let quoted = format!("\"{header}\" ");
    let line = report
        .lines()
        .find(|l| l.trim_start().starts_with(&quoted))
        .unwrap_or_else(|| panic!("no mapping line for {header}:\n{report}"));
    assert!(line.ends_with(&format!("→ {target}")), "{line}");
}

#[test]
fn poster_table_maps_without_options_and_passes_check() {
    let cat = TestCatalog::empty();
    let file = copy_in(&cat, "shared-data/poster-dataset-list.tsv");
    let (code, report, err) = import(&cat, &file, &[]);
    assert_eq!(code, 0, "{report}{err}");

    for (header, field) in [
        ("Dataset Name (might be ambiguous)", "name"),
        ("axes (N)", "scans"),
        ("Anatomical Region", "anatomy"),
        ("Main dataset topic", "topic"),
        ("Targets at pixel level", "targets_pixel"),
        ("Label types (entity check)", "label_types"),
        ("Pathologies annotated?", "pathology_annotated"),
        ("Provision Status", "provision"),
        ("License", "license"),
        ("Data Owner (Email)", "contact_email"),
        ("Usable for Scientific publication", "publishable"),
        ("Platform", "platform"),
        ("Access", "access"),
    ] {
        assert_mapped(&report, header, field);
    }
    assert_mapped(
        &report,
        "Weighted Publishable",
        "not mapped: values kept in remarks (--map \"Weighted Publishable=FIELD\" to map it)",
    );
    // An unmapped column is reported once, in the mapping, not again for every row.
    assert_eq!(
        report.matches("Weighted Publishable").count(),
        2,
        "the mapping line names it twice (header and --map hint), no row does: {report}"
    );
    assert!(
        report.contains("License: 'TCIA Research' is not an SPDX licence id"),
        "{report}"
    );
    assert!(report.contains("row 8 (Duke Breast Cancer MRI): not written: same dataset as row 6 (duke-breast-cancer-mri) (same name)"), "{report}");
    assert!(
        report
            .contains("row 21: not written: no name or slug (values: Anatomical Region=\"Brain\""),
        "{report}"
    );
    assert!(report.contains("row 25: skipped: empty row"), "{report}");

    assert_eq!(entry_files(&cat).len(), 23, "{report}");
    assert_all_pass_check(&cat);

    let unic = entry(&cat, "unic");
    assert_eq!(unic["scans"], 1810);
    assert_eq!(unic["anatomy"], json!(["lung"]));
    assert_eq!(unic["license"], "CC-BY-3.0");
    assert_eq!(unic["access"], "public");
    assert_eq!(unic["pathology_annotated"], true);
    assert_eq!(unic["normal_anatomy_annotated"], false);
    assert_eq!(unic["label_types"], json!(["pixel-level"]));
    assert_eq!(unic["targets"]["instance"], json!(["Nodules"]));
    assert_eq!(
        unic["draft"], true,
        "no description or modality in the poster"
    );

    let amos = entry(&cat, "amos-2022");
    let remarks = amos["remarks"].as_str().unwrap();
    assert!(remarks.contains("- License: \"CC BY-NC-SA\""), "{remarks}");
    assert!(
        remarks.contains("- Weighted Publishable: \"Yes\""),
        "{remarks}"
    );
    assert_eq!(amos["publishable"], true);
    assert_eq!(amos["anatomy"], json!(["abdomen"]));
    let text = std::fs::read_to_string(cat.root().join("content/datasets/amos-2022.yaml")).unwrap();
    assert!(text.contains("#   - description"), "{text}");
    assert!(text.contains("#   - modalities"), "{text}");

    let colon = entry(&cat, "max-z-not-sure-if-interesting-since-labels-ct-cbm");
    assert_eq!(colon["label_types"], json!(["weak"]));
    assert!(
        colon["remarks"]
            .as_str()
            .unwrap()
            .contains("\"Site labels by polyp locations\"")
    );
}

#[test]
fn facts_table_maps_without_options_and_passes_check() {
    let cat = TestCatalog::empty();
    let file = copy_in(&cat, "shared-data/dataset-facts.tsv");
    let (code, report, err) = import(&cat, &file, &[]);
    assert_eq!(code, 0, "{report}{err}");
    assert!(!report.contains("not mapped"), "{report}");
    assert_eq!(entry_files(&cat).len(), 35, "{report}");
    assert_all_pass_check(&cat);

    let autopet = entry(&cat, "autopet-fdg-pet-ct-lesions");
    assert_eq!(autopet["modalities"], json!(["PT", "CT"]));
    assert_eq!(autopet["anatomy"], json!(["whole-body"]));
    assert_eq!(autopet["subjects"], 900);
    assert_eq!(
        autopet["studies"], 1014,
        "'1,014 PET/CT studies' is a study count"
    );
    assert_eq!(autopet["license"], "CC-BY-4.0");
    assert!(
        autopet.get("license_url").is_none(),
        "SPDX licences need no URL"
    );
    assert_eq!(autopet["access"], "public");
    assert_eq!(autopet["doi"], "10.7937/GKR0-XV29");
    assert_eq!(autopet["year"], 2022);
    assert_eq!(
        autopet["citations"],
        json!([{"text": "Gatidis & Kuestner, TCIA 2022", "preferred": true}])
    );
    assert_eq!(autopet["sources"].as_array().unwrap().len(), 2);
    assert!(
        autopet["remarks"]
            .as_str()
            .unwrap()
            .contains("1,014 PET/CT studies (501 with lesions, 513 negative controls)")
    );

    let abdomen = entry(&cat, "abdomenct-1k");
    assert!(
        abdomen.get("doi").is_none(),
        "a paper: DOI is the paper's, not the dataset's"
    );
    assert_eq!(
        abdomen["citations"],
        json!([{"text": "Ma et al., IEEE TPAMI 2022", "doi": "10.1109/TPAMI.2021.3100536", "preferred": true}])
    );
    assert_eq!(
        abdomen["targets"]["pixel"],
        json!(["liver", "kidney", "spleen", "pancreas"])
    );
    assert_eq!(abdomen["access"], "registration");
    assert!(abdomen.get("scans").is_none(), "'1000+' is not a count");
    assert!(report.contains("n_scans: '1000+ CT scans (README wording; exact count not verified)' is not a single count: kept in remarks"), "{report}");

    let lidc = entry(&cat, "lidc-idri");
    assert_eq!(lidc["modalities"], json!(["CT", "CR", "DX"]));
    assert_eq!(lidc["anatomy"], json!(["chest"]));
}

#[test]
fn medsam_table_names_lose_footnote_marks_and_pet_ct_is_two_modalities() {
    let cat = TestCatalog::empty();
    let file = copy_in(&cat, "shared-data/medsam-ct-datasets.tsv");
    let (code, report, err) = import(&cat, &file, &[]);
    assert_eq!(code, 0, "{report}{err}");
    assert_eq!(entry_files(&cat).len(), 26, "{report}");
    assert_all_pass_check(&cat);
    let autopet = entry(&cat, "autopet");
    assert_eq!(autopet["name"], "AutoPET");
    assert_eq!(autopet["modalities"], json!(["PT", "CT"]));
    assert_eq!(autopet["scans"], 900);
    assert_eq!(entry(&cat, "abdomenct-1k")["name"], "AbdomenCT-1K");
    assert_eq!(entry(&cat, "word")["name"], "WORD");
    assert!(
        report.contains("footnote marks '[1], [2]' removed from the name"),
        "{report}"
    );
}

/// The same messy table from CSV, XLSX and ODS gives the same entries.
#[test]
fn messy_spreadsheets_in_every_format_give_the_same_entries() {
    let mut results = Vec::new();
    for name in ["messy.csv", "messy.xlsx", "messy.ods"] {
        let cat = TestCatalog::empty();
        let file = copy_in(&cat, &format!("spreadsheets/{name}"));
        let (code, report, err) = import(&cat, &file, &[]);
        assert_eq!(code, 0, "{name}: {report}{err}");
        assert_all_pass_check(&cat);
        assert_eq!(
            entry_files(&cat),
            [
                "chest-ct-nodules-b-bold-b.yaml",
                "knee-mri-set.yaml",
                "whole-body-pet.yaml"
            ],
            "{name}: {report}"
        );
        assert!(report.contains("row 4 (CCTN (second copy)): not written: same dataset as row 2 (chest-ct-nodules-b-bold-b) (same DOI)"), "{name}: {report}");
        assert!(
            report.contains("row 5: skipped: empty row"),
            "{name}: {report}"
        );
        assert!(
            report.contains("\"Internal ID\"") && !report.contains("Internal ID: "),
            "{name}: reported once, in the mapping: {report}"
        );

        let cctn = entry(&cat, "chest-ct-nodules-b-bold-b");
        assert_eq!(cctn["name"], "Chest CT Nodules <b>bold</b>");
        assert_eq!(cctn["modalities"], json!(["CT"]));
        assert_eq!(cctn["anatomy"], json!(["lung", "abdomen"]));
        assert_eq!(cctn["subjects"], 1810);
        assert_eq!(cctn["scans"], 2000);
        assert_eq!(cctn["license"], "CC-BY-4.0");
        assert_eq!(cctn["access"], "public");
        assert_eq!(cctn["doi"], "10.1234/CCTN.1");
        assert_eq!(cctn["publishable"], true);
        assert_eq!(cctn["year"], 2021);
        assert_eq!(cctn["released"], "2021-03-04");
        assert!(cctn.get("draft").is_none(), "all required facts are there");
        assert_eq!(
            cctn["remarks"],
            "Has \"quotes\"\n\nImported values that faircat could not read into fields:\n- Internal ID: \"A-17\""
        );

        let pet = entry(&cat, "whole-body-pet");
        assert_eq!(pet["name"], "Whole-body PET");
        assert_eq!(pet["modalities"], json!(["PT", "CT"]));
        assert_eq!(pet["studies"], 1014);
        assert_eq!(pet["access"], "application");
        assert_eq!(pet["publishable"], false);
        assert!(
            pet.get("homepage").is_none(),
            "javascript: URLs are refused"
        );
        let remarks = pet["remarks"].as_str().unwrap();
        for kept in [
            "- Home Page: \"javascript:alert(1)\"",
            "- Licence: \"CC BY-NC-SA\"",
            "- Year: \"twenty-twenty\"",
        ] {
            assert!(remarks.contains(kept), "{name}: {kept} not in {remarks}");
        }
        assert!(
            report.contains(
                "Home Page: 'javascript:alert(1)' is not an http(s) URL: kept in remarks"
            )
        );

        let knee = entry(&cat, "knee-mri-set");
        assert_eq!(knee["modalities"], json!(["MR"]));
        assert_eq!(knee["subjects"], 16104);
        assert_eq!(knee["license"], "Apache-2.0");
        assert_eq!(knee["access"], "registration");
        assert_eq!(knee["label_types"], json!(["none"]));
        results.push(
            entry_files(&cat)
                .iter()
                .map(|f| {
                    let text = std::fs::read_to_string(cat.root().join("content/datasets").join(f))
                        .unwrap();
                    // The first line names the file it came from.
                    text.split_once('\n').unwrap().1.to_string()
                })
                .collect::<Vec<_>>(),
        );
    }
    assert_eq!(results[0], results[1], "CSV and XLSX give the same files");
    assert_eq!(results[0], results[2], "CSV and ODS give the same files");
}

#[test]
fn dry_run_shows_mapping_and_yaml_and_writes_nothing() {
    let cat = TestCatalog::empty();
    let file = copy_in(&cat, "spreadsheets/messy.csv");
    let (code, report, _) = import(&cat, &file, &["--dry-run"]);
    assert_eq!(code, 0);
    assert_mapped(&report, "Imaging Modality", "modalities");
    assert!(report.contains("would write content/datasets/knee-mri-set.yaml"));
    assert!(report.contains("    | license: Apache-2.0"), "{report}");
    assert!(entry_files(&cat).is_empty());
}

#[test]
fn existing_files_are_never_overwritten_without_force() {
    let cat = TestCatalog::empty();
    let file = copy_in(&cat, "spreadsheets/messy.csv");
    cat.entry("knee-mri-set", "name: Mine\n");
    let (code, report, _) = import(&cat, &file, &[]);
    assert_eq!(code, 1, "refusing to overwrite is a failure: {report}");
    assert!(report.contains(
        "row 6 (Knee MRI Set): not written: content/datasets/knee-mri-set.yaml exists (use --force to overwrite)"
    ));
    assert_eq!(
        std::fs::read_to_string(cat.root().join("content/datasets/knee-mri-set.yaml")).unwrap(),
        "name: Mine\n"
    );
    // Importing again touches nothing either.
    let before =
        std::fs::read_to_string(cat.root().join("content/datasets/whole-body-pet.yaml")).unwrap();
    std::fs::write(
        cat.root().join("content/datasets/whole-body-pet.yaml"),
        "name: Edited\n",
    )
    .unwrap();
    let (code, _, _) = import(&cat, &file, &[]);
    assert_eq!(code, 1);
    assert_eq!(
        std::fs::read_to_string(cat.root().join("content/datasets/whole-body-pet.yaml")).unwrap(),
        "name: Edited\n"
    );
    let (code, report, _) = import(&cat, &file, &["--force"]);
    assert_eq!(code, 0, "{report}");
    assert_eq!(
        std::fs::read_to_string(cat.root().join("content/datasets/whole-body-pet.yaml")).unwrap(),
        before
    );
}

#[test]
fn map_option_overrides_and_rejects_unknown_names() {
    let cat = TestCatalog::empty();
    let file = copy_in(&cat, "spreadsheets/messy.csv");
    let (code, report, _) = import(
        &cat,
        &file,
        &[
            "--map",
            "Internal ID=keywords",
            "--map",
            "notes=-",
            "--dry-run",
        ],
    );
    assert_eq!(code, 0);
    assert_mapped(&report, "Internal ID", "keywords (--map)");
    assert!(
        report.contains("    | keywords:\n    |   - A-17"),
        "{report}"
    );
    assert!(
        !report.contains("Has \"quotes\""),
        "Notes is ignored: {report}"
    );

    let (code, _, err) = import(&cat, &file, &["--map", "Internal ID=keywrds"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("'keywrds' is not a field — did you mean 'keywords'?"),
        "{err}"
    );
    let (code, _, err) = import(&cat, &file, &["--map", "Nope=name"]);
    assert_eq!(code, 1);
    assert!(err.contains("there is no column \"Nope\""), "{err}");
}

/// A catalog's published entries as comparable data (without where their files are).
fn datasets(root: &Path) -> Vec<Value> {
    let (catalog, _) = faircat::site::load(root, None).unwrap_or_else(|d| panic!("{}", d.render()));
    catalog
        .datasets
        .iter()
        .map(|d| {
            let mut v = serde_json::to_value(d).unwrap();
            v.as_object_mut().unwrap().remove("source_path");
            v
        })
        .collect()
}

#[test]
fn import_of_export_reproduces_the_full_fixture_catalog() {
    let original = TestCatalog::fixture("full");
    let expected = datasets(original.root());
    assert_eq!(expected.len(), 3);
    for format in ["csv", "tsv", "json"] {
        let file = original.root().join(format!("export.{format}"));
        common::export_to(original.root(), format, &file);
        let copy = TestCatalog::empty();
        let (code, report, err) = import(&copy, &file, &[]);
        assert_eq!(code, 0, "{report}{err}");
        assert!(!report.contains("kept in remarks"), "{format}: {report}");
        assert!(!report.contains("not mapped"), "{format}: {report}");
        pretty_assertions::assert_eq!(datasets(copy.root()), expected, "{format}");
    }
}

/// The bundled catalog, exported and imported again, is the same catalog.
#[test]
fn import_of_export_reproduces_the_bundled_catalog() {
    let root = common::repo_root();
    let expected = datasets(&root);
    assert!(expected.len() >= 30, "the bundled catalog has its entries");
    let out = tempfile::tempdir().unwrap();
    for format in ["csv", "json"] {
        let file = out.path().join(format!("catalog.{format}"));
        common::export_to(&root, format, &file);
        let copy = TestCatalog::empty();
        copy.write(
            "faircat.toml",
            std::fs::read(root.join("faircat.toml")).unwrap(),
        );
        let (code, report, err) = import(&copy, &file, &[]);
        assert_eq!(code, 0, "{report}{err}");
        assert!(!report.contains("kept in remarks"), "{format}: {report}");
        pretty_assertions::assert_eq!(datasets(copy.root()), expected, "{format}");
    }
}

#[test]
fn a_curators_own_headers_map_without_options() {
    // The headers of curator-headers.csv are spelled as a curator might, and none of them
    // is written anywhere in faircat's source: they are matched by normalising them (case,
    // punctuation, "No. of", "#", "Total number of", parenthetical remarks) and the
    // synonyms of the field table.
    let cat = TestCatalog::empty();
    let file = copy_in(&cat, "spreadsheets/curator-headers.csv");
    let text = std::fs::read_to_string(&file).unwrap();
    let headers: Vec<&str> = text.lines().next().unwrap().split(',').collect();
    let source: String = walkdir::WalkDir::new(common::repo_root().join("src"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    for h in &headers {
        assert!(!source.contains(h), "'{h}' is written in the source");
    }

    let (code, report, err) = import(&cat, &file, &[]);
    assert_eq!(code, 0, "{report}{err}");
    let targets = [
        "slug",
        "name",
        "description",
        "modalities",
        "anatomy",
        "subjects",
        "scans",
        "studies",
        "year",
        "topic",
        "targets_pixel",
        "label_types",
        "platform",
        "license",
        "access",
        "sources",
        "notes",
    ];
    for (header, target) in headers.iter().zip(targets) {
        assert_mapped(&report, header, target);
    }
    // The one header that means nothing is reported once, with the closest fields, and its
    // values are kept in remarks.
    let mystery = headers[targets.len()];
    let line = report
        .lines()
        .find(|l| l.contains(&format!("\"{mystery}\"")))
        .unwrap();
    assert!(
        line.contains("not mapped: values kept in remarks"),
        "{line}"
    );
    assert_eq!(report.matches(mystery).count(), 2, "once: {report}");
    // A misspelt header is told the field it is closest to.
    let typo = headers[targets.len() + 1];
    let line = report
        .lines()
        .find(|l| l.contains(&format!("\"{typo}\"")))
        .unwrap();
    assert!(line.contains("; closest fields: 'publisher', "), "{line}");
    assert_all_pass_check(&cat);

    let lung = entry(&cat, "lung-ct-curated");
    assert_eq!(lung["name"], "Curated Lung CT Collection");
    assert_eq!(lung["modalities"], json!(["CT"]));
    assert_eq!(lung["anatomy"], json!(["chest"]));
    assert_eq!(lung["subjects"], 1204);
    assert_eq!(lung["scans"], 1300);
    assert_eq!(lung["studies"], 1250);
    assert_eq!(lung["year"], 2019);
    assert_eq!(lung["topic"], "Nodule detection");
    assert_eq!(lung["targets"]["pixel"], json!(["lung nodule", "lung"]));
    assert_eq!(lung["label_types"], json!(["pixel-level"]));
    assert_eq!(lung["platform"], json!(["Zenodo"]));
    assert_eq!(lung["license"], "CC-BY-4.0");
    assert_eq!(lung["access"], "public");
    assert_eq!(
        lung["sources"],
        json!([
            "https://example.org/lung-ct/",
            "https://doi.org/10.1234/lung.ct"
        ])
    );
    let remarks = lung["remarks"].as_str().unwrap();
    assert!(remarks.starts_with("Scanned at two sites."), "{remarks}");
    assert!(
        remarks.contains(&format!("- {mystery}: \"xyz\"")),
        "{remarks}"
    );

    let brain = entry(&cat, "brain-mr-curated");
    assert_eq!(brain["modalities"], json!(["MR"]));
    assert_eq!(brain["anatomy"], json!(["brain"]));
    assert_eq!(brain["subjects"], 88);
    assert_eq!(brain["license"], "CC0-1.0");
    assert_eq!(brain["access"], "registration");
    assert_eq!(brain["platform"], json!(["OpenNeuro"]));
    assert!(brain.get("studies").is_none());
    // A "Notes" cell is a remark, and the links in it are sources too.
    assert_eq!(
        brain["sources"],
        json!([
            "https://example.org/brain-mr/",
            "https://example.org/brain-mr/readme"
        ])
    );
    let remarks = brain["remarks"].as_str().unwrap();
    assert!(
        remarks.starts_with("Defaced before release, see https://example.org/brain-mr/readme."),
        "{remarks}"
    );
}

#[test]
fn export_csv_defuses_formulas_and_import_reads_them_back() {
    // `faircat export` writes CSV and TSV with the one CSV writer of /catalog.csv, so a cell a
    // spreadsheet would run is prefixed with `'`; `faircat import` removes the prefix again.
    let original = TestCatalog::empty();
    original.entry(
        "formula",
        "name: \"=HYPERLINK(\\\"https://example.org/\\\")\"\n\
         description: \"- a list item first: chest CT scans of a synthetic formula test, at least fifty characters\"\n\
         acronym: \"'=ACR\"\n\
         modalities: [CT]\n\
         keywords: [\"+1\", \"@home\", \"'=quoted\"]\n",
    );
    let expected = datasets(original.root());
    assert_eq!(expected.len(), 1, "{}", original.check_output());
    for format in ["csv", "tsv"] {
        let file = original.root().join(format!("export.{format}"));
        common::export_to(original.root(), format, &file);
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(text.contains("'=HYPERLINK("), "{format}: {text}");
        assert!(text.contains("'- a list item"), "{format}: {text}");
        assert!(text.contains("''=ACR"), "{format}: {text}");
        assert!(text.contains("'+1; @home; '=quoted"), "{format}: {text}");
        let copy = TestCatalog::empty();
        let (code, report, err) = import(&copy, &file, &[]);
        assert_eq!(code, 0, "{report}{err}");
        pretty_assertions::assert_eq!(datasets(copy.root()), expected, "{format}");
    }
}
