//! `check` on whole catalogs: the fixtures are clean, every problem of every file is reported
//! in one run, and a failed build leaves the previous output untouched.

mod common;

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
            "recommended field 'homepage' is missing",
            "recommended field 'license' is missing",
            "recommended field 'access' is missing",
            "recommended field 'anatomy' is missing",
            "recommended field 'year' is missing",
            "recommended field 'subjects or scans' is missing",
            "recommended field 'label_types' is missing",
            "recommended field 'sources' is missing",
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
