//! `check` on whole catalogs: the fixtures are clean, every problem of every file is reported
//! in one run, and a failed build leaves the previous output untouched.

use crate::common;

use common::TestCatalog;
use faircat::diagnostics::Severity;
use faircat::site::BuildError;

#[test]
fn minimal_fixture_checks_without_errors() {
    let cat = TestCatalog::fixture("minimal");
    let d = cat.check();
    assert_eq!(d.errors(), 0, "{}", d.render());
}

#[test]
fn full_fixture_checks_without_errors_or_warnings_for_complete_entries() {
    let cat = TestCatalog::fixture("full");
    let d = cat.check();
    assert_eq!(d.errors(), 0, "{}", d.render());
    let (catalog, _) = faircat::site::load(cat.root(), None).expect("valid");
    let sctn = catalog.dataset("chest-ct-nodules").expect("published");
    assert_eq!(sctn.doi.as_deref(), Some("10.1234/sctn.2020"));
    assert_eq!(sctn.modalities[0].code, "CT");
    assert_eq!(sctn.anatomy[0].id, "chest");
    assert_eq!(sctn.license.as_ref().unwrap().id, "CC-BY-4.0");
    assert_eq!(sctn.subjects, Some(120));
    assert_eq!(sctn.released.unwrap().to_string(), "2020-03-01");
    assert!(sctn.preferred_citation().is_some());
    assert_eq!(sctn.targets.pixel, ["lung nodule"]);
    let subset = catalog.dataset("sctn-subset").expect("published");
    let lic = subset.license.as_ref().unwrap();
    assert_eq!(lic.id, "LicenseRef-Test-DUA");
    assert_eq!(lic.name, "Test Data Use Agreement");
    assert_eq!(lic.url.as_deref(), Some("https://example.org/dua"));
    assert_eq!(lic.category, faircat::vocab::LicenseCategory::Restricted);
    assert_eq!(subset.platforms[0].id, "tcia");
    assert_eq!(subset.derived_from, ["chest-ct-nodules"]);
    let complete = d
        .iter()
        .filter(|x| x.path.ends_with("chest-ct-nodules.yaml"));
    assert_eq!(complete.count(), 0, "{}", d.render());
}

#[test]
fn an_empty_catalog_is_valid() {
    let cat = TestCatalog::empty();
    let d = cat.check();
    assert!(d.is_empty(), "{}", d.render());
}

#[test]
fn drafts_need_only_a_name_and_are_not_published() {
    let cat = TestCatalog::fixture("minimal");
    cat.entry(
        "later",
        "draft: true\nname: Later\nhomepage: https://example.org/later\n",
    );
    let (catalog, warnings) = faircat::site::load(cat.root(), None).expect("valid");
    assert_eq!(catalog.drafts, ["later"]);
    assert!(catalog.dataset("later").is_none());
    assert!(
        warnings.iter().all(|w| !w.path.ends_with("later.yaml")),
        "{}",
        warnings.render()
    );
}

#[test]
fn drafts_still_have_their_values_checked() {
    let cat = TestCatalog::empty();
    cat.entry(
        "later",
        "draft: true\nname: Later\nhomepage: javascript:alert(1)\n",
    );
    let d = cat.check();
    assert_eq!(d.errors(), 1, "{}", d.render());
}

#[test]
fn missing_recommended_fields_are_warnings() {
    let cat = TestCatalog::fixture("minimal");
    let d = cat.check();
    let warnings: Vec<&str> = d
        .iter()
        .filter(|x| x.severity == Severity::Warning)
        .map(|x| x.message.as_str())
        .collect();
    assert_eq!(
        warnings,
        [
            "recommended fields missing: homepage, year, anatomy, subjects or scans, label_types, license, access, sources"
        ]
    );
}

/// A phantom has no anatomy unless it represents a body region: `anatomy` is not asked for.
#[test]
fn phantoms_are_not_asked_for_anatomy() {
    let cat = TestCatalog::empty();
    let entry = "name: Texture phantom scans\n\
description: CT scans of a texture phantom on many scanners, for testing radiomic features.\n\
modalities: [CT]\n";
    cat.entry("texture-phantom", &format!("{entry}phantom: true\n"));
    cat.entry("texture-patients", &format!("{entry}phantom: false\n"));
    let d = cat.check();
    let warnings: Vec<String> = d
        .iter()
        .filter(|x| x.severity == Severity::Warning)
        .map(|x| {
            format!(
                "{}: {}",
                x.path.file_name().unwrap().to_string_lossy(),
                x.message
            )
        })
        .collect();
    assert_eq!(
        warnings,
        [
            "texture-patients.yaml: recommended fields missing: homepage, year, anatomy, subjects or scans, label_types, license, access, sources",
            "texture-phantom.yaml: recommended fields missing: homepage, year, subjects or scans, label_types, license, access, sources",
        ]
    );
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let cat = TestCatalog::fixture("minimal");
    std::fs::create_dir_all(cat.out().join("datasets/old")).unwrap();
    cat.write("public/index.html", "<p>previous site</p>");
    cat.write("public/datasets/old/index.html", "old page");
    let before = cat.out_files();
    cat.entry("broken", "name: [unclosed\n");
    match cat.try_build() {
        Err(BuildError::Invalid(d)) => assert!(d.has_errors()),
        other => panic!("expected invalid input, got {other:?}"),
    }
    assert_eq!(cat.out_files(), before);
}

#[test]
fn invalid_fixture_reports_every_file_in_one_run() {
    let cat = TestCatalog::fixture("invalid");
    let d = cat.check();
    let mut files: Vec<String> = d
        .sorted()
        .into_iter()
        .filter(|x| x.severity == Severity::Error)
        .map(|x| x.path.display().to_string())
        .collect();
    files.dedup();
    assert_eq!(
        files,
        [
            "content/datasets/bad-fields.yaml",
            "content/datasets/broken-syntax.yaml",
            "content/datasets/duplicate-doi-a.yaml",
            "content/datasets/duplicate-doi-b.yaml",
            "content/datasets/missing-required.yaml",
            "content/datasets/tabs.yaml",
        ]
    );
    let bad_fields = d
        .iter()
        .filter(|x| x.path.ends_with("bad-fields.yaml"))
        .count();
    assert_eq!(bad_fields, 12, "{}", d.render());
}

/// Run the `faircat` binary.
fn faircat(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_faircat"))
        .args(args)
        .output()
        .expect("run faircat")
}

fn root_arg(cat: &TestCatalog) -> String {
    cat.root().display().to_string()
}

#[test]
fn cli_check_exits_1_on_invalid_and_0_on_minimal() {
    let invalid = TestCatalog::fixture("invalid");
    let out = faircat(&["check", "--root", &root_arg(&invalid)]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("content/datasets/bad-fields.yaml:3:11: error: 'homepage' uses the scheme 'javascript:'; only http and https are allowed\n"),
        "{stderr}"
    );
    assert!(stderr.ends_with("in 6 files\n"), "{stderr}");

    let minimal = TestCatalog::fixture("minimal");
    let out = faircat(&["check", "--root", &root_arg(&minimal)]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = faircat(&["check", "--deny-warnings", "--root", &root_arg(&minimal)]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn cli_init_new_check_round_trip() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("my-catalog");
    let root_s = root.display().to_string();
    let out = faircat(&["init", &root_s]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = faircat(&["check", "--deny-warnings", "--root", &root_s]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // init refuses to run twice.
    assert_eq!(faircat(&["init", &root_s]).status.code(), Some(1));

    let out = faircat(&["new", "lidc-idri", "--root", &root_s]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let entry = root.join("content/datasets/lidc-idri.yaml");
    let text = std::fs::read_to_string(&entry).unwrap();
    assert!(text.contains("draft: true"));
    let out = faircat(&["check", "--deny-warnings", "--root", &root_s]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // new refuses to overwrite, and refuses bad slugs.
    std::fs::write(&entry, "name: Edited\n").unwrap();
    let out = faircat(&["new", "lidc-idri", "--root", &root_s]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&entry).unwrap(), "name: Edited\n");
    let out = faircat(&["new", "LIDC_IDRI", "--root", &root_s]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("e.g. 'lidc-idri'"));
}

#[test]
fn a_new_entry_published_with_placeholders_is_an_error() {
    let cat = TestCatalog::empty();
    faircat::scaffold::new_entry(cat.root(), "x").unwrap();
    let path = cat.root().join("content/datasets/x.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("draft: true", "draft: false")).unwrap();
    let messages: Vec<String> = cat
        .check()
        .sorted()
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.message.clone())
        .collect();
    assert_eq!(
        messages,
        [
            "'name' still holds the placeholder of `faircat new`",
            "'description' still holds the placeholder of `faircat new`",
            "'modalities' is empty",
        ]
    );
}

#[test]
fn draft_may_come_last_and_still_excuses_empty_modalities() {
    let cat = TestCatalog::empty();
    cat.entry("later", "name: Later\nmodalities: []\ndraft: true\n");
    let d = cat.check();
    assert!(d.is_empty(), "{}", d.render());
}

#[test]
fn an_initialised_catalog_builds() {
    let tmp = tempfile::tempdir().unwrap();
    faircat::scaffold::init(tmp.path()).unwrap();
    let report = faircat::site::build(&faircat::site::BuildOptions {
        root: tmp.path().to_path_buf(),
        out: tmp.path().join("public"),
        base_url: None,
        deny_warnings: true,
        progress: false,
    });
    assert!(report.is_ok(), "{:?}", report.err());
}

#[test]
fn cli_vocab_prints_the_lists() {
    let out = faircat(&["vocab", "modalities"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.lines().any(|l| l == "CT     Computed Tomography"),
        "{text}"
    );
    let out = faircat(&["vocab", "anatomy"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.lines().any(|l| l.starts_with("chest ")
            && l.contains("SNOMED CT 816094009")
            && l.contains("also: thorax")),
        "{text}"
    );
    for list in ["platforms", "label-types", "access", "file-formats"] {
        let out = faircat(&["vocab", list]);
        assert_eq!(out.status.code(), Some(0), "{list}");
        assert!(!out.stdout.is_empty(), "{list}");
    }
}

#[test]
fn readiness_report_lists_what_each_entry_misses_most_valuable_first() {
    let cat = TestCatalog::empty();
    cat.entry(
        "complete",
        "name: Complete\n\
         description: A synthetic chest CT collection used by faircat's tests; it exists only here.\n\
         doi: 10.1234/complete\n\
         updated: 2024-05-01\n\
         modalities: [CT]\n\
         anatomy: [chest]\n\
         subjects: 10\n\
         file_formats: [DICOM]\n\
         label_types: [pixel-level]\n\
         complete: true\n\
         annotation_protocol: Two radiologists outlined every nodule.\n\
         license: CC-BY-4.0\n\
         access: public\n\
         platform: [Zenodo]\n\
         citations: [{text: A. Author 2024}]\n\
         creators: [\"Author, A.\"]\n\
         sources: [Test fixture]\n",
    );
    cat.entry(
        "sparse",
        "name: Sparse\n\
         description: A synthetic chest CT collection whose entry states only the least it must.\n\
         modalities: [CT]\n\
         anatomy: [chest]\n\
         sources: [Test fixture]\n\
         data_use: [HMB, NCU]\n",
    );
    let (code, stdout, _) = common::faircat(cat.root(), &["check", "--readiness"]);
    assert_eq!(code, 0);
    assert_eq!(
        stdout,
        "content/datasets/sparse.yaml: level 1 of 5 (Described)
  level 2  license              Is the licence machine-readable?
  level 2  access               Is the access route stated, and how machine-actionable is it?
  level 3  subjects             Is it known how much data there is?
  level 3  label_types          Is the annotation type stated?
  level 3  file_formats         Are the file formats declared?
  level 4  doi                  Does it have a persistent identifier?
  level 4  citations            Is it said how to cite it?
  level 4  creators             Is it said who made it?
  level 4  platform             Is it kept by a data repository or registry?
  level 4  updated              Is the date of its last update or release known?
  level 5  license              Do the terms settle commercial use and derivatives?
  level 5  annotation_protocol  Is it described how the annotations were made?
  level 5  complete             Is it said whether every target is annotated in every image?

readiness of 2 datasets:
  level 0 Listed         0
  level 1 Described      1
  level 2 Terms known    0
  level 3 Characterised  0
  level 4 Traceable      0
  level 5 AI-ready       1
most often missing:
       1  license              Is the licence machine-readable?
       1  access               Is the access route stated, and how machine-actionable is it?
       1  subjects             Is it known how much data there is?
       1  label_types          Is the annotation type stated?
       1  file_formats         Are the file formats declared?
"
    );
    let (_, json, _) = common::faircat(cat.root(), &["check", "--readiness", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&json).expect("one JSON document");
    assert_eq!(report["readiness"][0]["slug"], "complete");
    assert_eq!(report["readiness"][0]["level"], 5);
    assert_eq!(report["readiness"][1]["missing"][0]["field"], "license");
}
