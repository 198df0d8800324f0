use super::*;
use crate::fixture::dataset as bare;
use crate::model::{Citation, Download};
use crate::vocab::{self, License};

fn license(id: &str) -> License {
    vocab::spdx_license(id).unwrap_or_else(|| License {
        id: id.into(),
        name: "Custom terms".into(),
        url: Some("https://example.org/terms".into()),
        category: LicenseCategory::Restricted,
    })
}

/// An entry that meets every criterion but the public download, which the test sets.
fn complete_entry() -> Dataset {
    let mut d = bare("complete", "Complete");
    d.modalities = vec![vocab::modality("CT").unwrap()];
    d.anatomy = vec![vocab::anatomy("chest").unwrap()];
    d.sources = vec!["https://example.org/paper".into()];
    d.license = Some(license("CC-BY-4.0"));
    d.access = Some(Access::Registration);
    d.subjects = Some(10);
    d.label_types = vec![LabelType::PixelLevel];
    d.file_formats = vec!["DICOM".into()];
    d.doi = Some("10.1234/abc".into());
    d.citations = vec![Citation {
        text: "A. Author, 2020".into(),
        doi: None,
        url: None,
        preferred: true,
    }];
    d.creators = vec![crate::model::Agent {
        name: "Author, A.".into(),
        kind: crate::model::AgentKind::Person,
        orcid: None,
        ror: None,
        url: None,
    }];
    d.platforms = vec![vocab::platform("TCIA").unwrap()];
    d.updated = Some("2024-01-02".parse().unwrap());
    d.annotation_protocol = Some("Two readers.".into());
    d.complete = Some(true);
    d
}

fn status(p: &Profile, id: &str) -> Status {
    p.checks.iter().find(|c| c.id == id).unwrap().status
}

#[test]
fn an_empty_entry_is_level_zero_and_misses_every_applicable_criterion() {
    let p = Profile::of(&bare("x", "X"));
    assert_eq!((p.level, p.level_name), (0, "Listed"));
    assert_eq!(p.access_tier, AccessTier::Unknown);
    let missing: Vec<&str> = p.missing().iter().map(|c| c.id).collect();
    assert_eq!(
        missing,
        [
            "coded",
            "sources",
            "license",
            "access",
            "counts",
            "label-types",
            "formats",
            "doi",
            "citation",
            "creators",
            "repository",
            "dated",
            "use-terms",
            "data-use",
            "annotation-protocol",
            "completeness",
        ]
    );
}

#[test]
fn levels_are_cumulative_and_the_top_level_needs_a_public_download() {
    let mut d = complete_entry();
    let p = Profile::of(&d);
    assert!(p.missing().is_empty(), "{:?}", p.missing());
    assert_eq!(p.level, 4, "registration only: not level 5");
    d.access = Some(Access::Public);
    assert_eq!(Profile::of(&d).level, 5);
    assert_eq!(Profile::of(&d).level_name, "AI-ready");
    // A level-1 gap caps the level at 0 even though everything else passes.
    d.sources.clear();
    assert_eq!(Profile::of(&d).level, 0);
    // A level-4 gap leaves levels 1 to 3.
    let mut d = complete_entry();
    d.access = Some(Access::Public);
    d.doi = None;
    let p = Profile::of(&d);
    assert_eq!(p.level, 3);
    assert_eq!(p.missing()[0].field, "doi");
}

#[test]
fn missing_criteria_come_most_valuable_first() {
    let mut d = complete_entry();
    d.complete = None; // level 5
    d.subjects = None; // level 3
    d.sources.clear(); // level 1
    let order: Vec<&str> = Profile::of(&d).missing().iter().map(|c| c.id).collect();
    assert_eq!(order, ["sources", "counts", "completeness"]);
}

#[test]
fn annotation_criteria_do_not_apply_to_unlabelled_data() {
    let mut d = complete_entry();
    d.label_types = vec![LabelType::None];
    d.annotation_protocol = None;
    d.complete = None;
    let p = Profile::of(&d);
    assert_eq!(status(&p, "annotation-protocol"), Status::NotApplicable);
    assert_eq!(status(&p, "completeness"), Status::NotApplicable);
    assert_eq!(p.level, 4);
}

#[test]
fn access_tiers_rank_direct_download_with_checksums_first() {
    let mut d = complete_entry();
    for (access, tier) in [
        (Access::Private, AccessTier::Closed),
        (Access::Application, AccessTier::Application),
        (Access::Registration, AccessTier::Registration),
        (Access::Public, AccessTier::PublicPage),
    ] {
        d.access = Some(access);
        assert_eq!(AccessTier::of(&d), tier);
    }
    let file = |sha256: Option<&str>| Download {
        url: "https://example.org/a.zip".into(),
        name: None,
        media_type: None,
        size_bytes: None,
        sha256: sha256.map(Into::into),
    };
    d.downloads = vec![file(Some(&"a".repeat(64))), file(None)];
    assert_eq!(
        AccessTier::of(&d),
        AccessTier::PublicPage,
        "every file needs a checksum"
    );
    d.downloads.pop();
    assert_eq!(AccessTier::of(&d), AccessTier::DirectDownload);
    assert!(AccessTier::DirectDownload > AccessTier::PublicPage);
    assert!(AccessTier::Registration > AccessTier::Application);
}

#[test]
fn commercial_use_comes_from_the_licence_and_data_use_codes_never_a_guess() {
    let answer = |id: Option<&str>, codes: &[&str]| {
        let mut d = bare("x", "X");
        d.license = id.map(license);
        let codes: Vec<&duo::Term> = codes.iter().map(|c| duo::lookup(c).unwrap()).collect();
        let t = Terms::of(&d, &codes);
        (t.commercial, t.derivatives)
    };
    use Answer::{No, Unknown, Yes};
    assert_eq!(answer(Some("CC-BY-4.0"), &[]), (Yes, Yes));
    assert_eq!(answer(Some("CC0-1.0"), &[]), (Yes, Yes));
    assert_eq!(answer(Some("CC-BY-SA-4.0"), &[]), (Yes, Yes));
    assert_eq!(answer(Some("CC-BY-NC-4.0"), &[]), (No, Yes));
    assert_eq!(answer(Some("CC-BY-NC-ND-4.0"), &[]), (No, No));
    assert_eq!(answer(Some("CC-BY-ND-4.0"), &[]), (Yes, No));
    assert_eq!(answer(Some("LicenseRef-DUA"), &[]), (Unknown, Unknown));
    assert_eq!(
        answer(Some("LicenseRef-DUA"), &["GRU", "IRB"]),
        (Unknown, Unknown)
    );
    assert_eq!(
        answer(Some("LicenseRef-DUA"), &["HMB", "NCU"]),
        (No, Unknown)
    );
    assert_eq!(answer(Some("LicenseRef-DUA"), &["NRES"]), (Yes, Unknown));
    assert_eq!(answer(Some("CC-BY-4.0"), &["GRU", "NPU"]), (No, Yes));
    assert_eq!(answer(None, &[]), (Unknown, Unknown));
    assert_eq!(answer(None, &["NPUNCU"]), (No, Unknown));
}

#[test]
fn every_criterion_has_a_unique_id_a_field_and_a_level_in_range() {
    for (i, c) in CRITERIA.iter().enumerate() {
        assert!(!c.fields.is_empty(), "{}", c.id);
        assert!((1..=TOP_LEVEL).contains(&c.level), "{}", c.id);
        assert!(c.question.ends_with('?'), "{}", c.id);
        assert!(CRITERIA[i + 1..].iter().all(|o| o.id != c.id), "{}", c.id);
        if let Some(next) = CRITERIA.get(i + 1) {
            assert!(next.level >= c.level, "table is grouped by level");
        }
    }
}

#[test]
fn the_doc_lists_every_criterion_as_the_table_says() {
    crate::fixture::check_generated_doc_section(
        "docs/ai-readiness.md",
        "criteria",
        &criteria_markdown(),
        "readiness::CRITERIA",
    );
}

#[test]
fn serialised_tier_names_are_the_slugs() {
    for tier in [
        AccessTier::Unknown,
        AccessTier::Closed,
        AccessTier::Application,
        AccessTier::Registration,
        AccessTier::PublicPage,
        AccessTier::DirectDownload,
    ] {
        assert_eq!(serde_json::to_value(tier).unwrap(), tier.slug());
    }
}

#[test]
fn the_export_form_lists_missing_and_not_applicable_criteria() {
    let mut d = complete_entry();
    d.label_types = vec![LabelType::None];
    d.annotation_protocol = None;
    d.complete = None;
    d.doi = None;
    let json = Profile::of(&d).to_json();
    assert_eq!(json["level"], 3);
    assert_eq!(json["access_tier"], "registration");
    assert_eq!(json["commercial_use"], "yes");
    assert_eq!(json["missing"], serde_json::json!(["doi"]));
    assert_eq!(
        json["not_applicable"],
        serde_json::json!(["data-use", "annotation-protocol", "completeness"])
    );
}

#[test]
fn data_use_conditions_are_needed_only_where_a_licence_does_not_state_them() {
    let mut d = complete_entry();
    assert_eq!(status(&Profile::of(&d), "data-use"), Status::NotApplicable);
    d.license = Some(license("LicenseRef-DUA"));
    assert_eq!(status(&Profile::of(&d), "data-use"), Status::Missing);
    d.data_use = vec![duo::lookup("HMB").unwrap(), duo::lookup("IRB").unwrap()];
    let p = Profile::of(&d);
    assert_eq!(status(&p, "data-use"), Status::Pass);
    assert_eq!(
        p.checks.iter().find(|c| c.id == "data-use").unwrap().reason,
        "HMB, IRB"
    );
    let mut d = complete_entry();
    d.access = Some(Access::Application);
    assert_eq!(status(&Profile::of(&d), "data-use"), Status::Missing);
}

#[test]
fn a_phantom_needs_no_body_region_to_be_coded() {
    let mut d = complete_entry();
    d.anatomy.clear();
    assert_eq!(status(&Profile::of(&d), "coded"), Status::Missing);
    d.phantom = Some(false);
    assert_eq!(status(&Profile::of(&d), "coded"), Status::Missing);
    d.phantom = Some(true);
    assert_eq!(status(&Profile::of(&d), "coded"), Status::Pass);
}
