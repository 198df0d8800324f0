//! Tests of reading cells.

use super::*;
use crate::vocab::Access;

#[test]
fn counts_with_separators_and_units() {
    assert_eq!(parse_count("1,810"), Some(1810));
    assert_eq!(parse_count("16 104"), Some(16104));
    assert_eq!(parse_count("1810.0"), Some(1810));
    assert_eq!(parse_count("1,81"), None);
    let o = count(Field::Scans, "1,014 PET/CT studies (501 with lesions)");
    assert_eq!(o.field, Field::Studies);
    assert_eq!(o.value, Some(Value::Int(1014)));
    assert!(o.keep_original);
    let o = count(Field::Scans, "60 CT");
    assert_eq!((o.value, o.keep_original), (Some(Value::Int(60)), false));
    let o = count(Field::Scans, "1000+ CT scans");
    assert_eq!(o.value, None);
    assert!(o.keep_original);
    let o = count(Field::Scans, "65 studies; 124 CT series");
    assert_eq!(o.value, None);
}

#[test]
fn licences_become_spdx_ids() {
    assert_eq!(spdx_id("CC BY 4.0"), Some("CC-BY-4.0"));
    assert_eq!(spdx_id("CC BY-NC 4.0"), Some("CC-BY-NC-4.0"));
    assert_eq!(spdx_id("CC BY-SA 3.0"), Some("CC-BY-SA-3.0"));
    assert_eq!(spdx_id("cc0"), Some("CC0-1.0"));
    assert_eq!(spdx_id("Apache 2.0"), Some("Apache-2.0"));
    assert_eq!(spdx_id("CC BY-NC-SA"), None);
    assert_eq!(spdx_id("TCIA Research"), None);
    assert_eq!(spdx_id("Custom DUA"), None);
}

#[test]
fn access_routes() {
    assert_eq!(access("Public (download)"), Some(Access::Public));
    assert_eq!(access("public-download"), Some(Access::Public));
    assert_eq!(access("On Request"), Some(Access::Application));
    assert_eq!(access("Free with registration"), Some(Access::Registration));
    assert_eq!(access("Private"), Some(Access::Private));
    assert_eq!(access("ask Bob"), None);
}

#[test]
fn dois_and_paper_dois() {
    assert_eq!(
        bare_doi("https://doi.org/10.7937/K9/TCIA.2015.LO9QL9SX").as_deref(),
        Some("10.7937/K9/TCIA.2015.LO9QL9SX")
    );
    let o = normalize(Field::Doi, "paper:10.1109/TPAMI.2021.3100536");
    assert_eq!(o.field, Field::CitationDoi);
    assert_eq!(
        o.value,
        Some(Value::Text("10.1109/TPAMI.2021.3100536".into()))
    );
    assert!(normalize(Field::Doi, "not a doi").value.is_none());
}

#[test]
fn booleans_dates_and_placeholders() {
    assert_eq!(boolean("Y"), Some(true));
    assert_eq!(boolean("Yes"), Some(true));
    assert_eq!(boolean("N"), Some(false));
    assert_eq!(boolean("maybe"), None);
    assert_eq!(date("2022/3/1"), None);
    assert_eq!(date("2022/03/01").as_deref(), Some("2022-03-01"));
    assert_eq!(date("01.03.2022").as_deref(), Some("2022-03-01"));
    let o = normalize(Field::Provision, "Not Defined");
    assert_eq!((o.value, o.keep_original), (None, false));
    assert!(o.problem.unwrap().contains("read as empty"));
}

#[test]
fn names_lose_footnote_marks() {
    assert_eq!(
        strip_footnote_marks("AbdomenCT-1K [1], [2]"),
        ("AbdomenCT-1K".into(), "[1], [2]".into())
    );
    assert_eq!(
        strip_footnote_marks("Adrenal-ACC-Ki67* [3]-[5]"),
        ("Adrenal-ACC-Ki67".into(), "* [3]-[5]".into())
    );
    assert_eq!(strip_footnote_marks("KiTS"), ("KiTS".into(), "".into()));
}

#[test]
fn lists_split_on_semicolons_then_commas_outside_parentheses() {
    assert_eq!(
        split_top("a (x; y); b", &[';']),
        vec!["a (x; y)".to_string(), "b".to_string()]
    );
    let o = normalize(
        Field::TargetsPixel,
        "whole tumor, tumor core, enhancing tumor",
    );
    assert_eq!(
        o.value,
        Some(Value::List(vec![
            "whole tumor".into(),
            "tumor core".into(),
            "enhancing tumor".into()
        ]))
    );
    let o = normalize(Field::Sources, "A, b; C");
    assert_eq!(o.value, Some(Value::List(vec!["A, b".into(), "C".into()])));
    let o = normalize(Field::Keywords, r#"["a; b","c"]"#);
    assert_eq!(o.value, Some(Value::List(vec!["a; b".into(), "c".into()])));
}

#[test]
fn label_types_from_poster_words() {
    let o = normalize(Field::LabelTypes, "Pixel level + Image level");
    assert_eq!(
        o.value,
        Some(Value::List(vec![
            "pixel-level".into(),
            "image-level".into()
        ]))
    );
    let o = normalize(Field::LabelTypes, "Weak (eg. scribbles)");
    assert_eq!(o.value, Some(Value::List(vec!["weak".into()])));
    assert!(!o.keep_original);
    let o = normalize(Field::LabelTypes, "No Label");
    assert_eq!(o.value, Some(Value::List(vec!["none".into()])));
    let o = normalize(Field::LabelTypes, "External Labels");
    assert!(o.value.is_none() && o.keep_original);
}

#[test]
fn idc_cells_become_fields() {
    let o = normalize(Field::Anatomy, "Chest-Abdomen-Pelvis, Head-Neck");
    assert_eq!(
        o.value,
        Some(Value::List(vec![
            "chest".into(),
            "abdomen".into(),
            "pelvis".into(),
            "head-neck".into()
        ]))
    );
    let o = normalize(
        Field::Anatomy,
        "skin of body, bladder organ, uterine cervix",
    );
    assert_eq!(
        o.value,
        Some(Value::List(vec![
            "skin".into(),
            "bladder".into(),
            "cervix".into()
        ]))
    );
    let o = normalize(Field::Modalities, "CT, PT, SEG, RTSTRUCT, SR");
    assert_eq!(o.value, Some(Value::List(vec!["CT".into(), "PT".into()])));
    assert!(!o.keep_original);
    assert_eq!(o.implied[0].field, Field::LabelTypes);
    let o = normalize(Field::Modalities, "MR, SR");
    assert!(o.implied.is_empty(), "SR is no segmentation");
    let o = normalize(Field::Slug, "4d_lung");
    assert_eq!(
        (o.value, o.problem),
        (Some(Value::Text("4d-lung".into())), None)
    );
    assert_eq!(normalize(Field::Slug, "17").value, None);
    assert_eq!(normalize(Field::Species, "Human").remark, None);
    let o = normalize(Field::Species, "Mouse");
    assert_eq!(o.remark.as_deref(), Some("Mouse"));
    assert_eq!(o.implied[0].value, Value::List(vec!["mouse".into()]));
    // "Phantom" is no species and no disease: it says the images are of phantoms.
    let o = normalize(Field::Species, "Phantom");
    assert_eq!((o.value, o.remark), (None, None));
    assert_eq!(
        (o.implied[0].field, &o.implied[0].value),
        (Field::Phantom, &Value::Bool(true))
    );
    let o = normalize(Field::Pathologies, "Phantom");
    assert_eq!(o.value, None);
    assert_eq!(o.implied[0].field, Field::Phantom);
    let o = normalize(
        Field::Pathologies,
        "Hemangioma, Phantom, Metastatic disease",
    );
    assert_eq!(
        o.value,
        Some(Value::List(vec![
            "Hemangioma".into(),
            "Metastatic disease".into()
        ]))
    );
    assert_eq!(o.implied.len(), 1);
    assert!(
        normalize(Field::Pathologies, "Lung cancer")
            .implied
            .is_empty()
    );
    let o = normalize(Field::Creators, "Doe, Jane; Roe, R.");
    assert_eq!(
        o.value,
        Some(Value::Maps(vec![
            serde_json::json!({"name": "Doe, Jane"})
                .as_object()
                .unwrap()
                .clone(),
            serde_json::json!({"name": "Roe, R."})
                .as_object()
                .unwrap()
                .clone(),
        ]))
    );
    let bad = normalize(
        Field::Creators,
        r#"[{"name": "Doe, J.", "orcid": "0000-0002-1825-0096"}]"#,
    );
    assert!(
        bad.value.is_none() && bad.keep_original,
        "a wrong ORCID keeps the cell"
    );
    let o = normalize(Field::Publisher, "The Cancer Imaging Archive");
    assert_eq!(
        o.value,
        Some(Value::Maps(vec![
            serde_json::json!({"name": "The Cancer Imaging Archive"})
                .as_object()
                .unwrap()
                .clone()
        ]))
    );
}

#[test]
fn hostile_cells_never_panic() {
    let pieces = [
        "ä",
        "(",
        ")",
        "(2016).",
        " (",
        "[Data set].",
        ", ",
        "& ",
        "…",
        "doi.org/",
        "10.1/x",
        "-",
        "_",
        ";",
        "[",
        "{",
        "\"",
        "0000-",
        "https://orcid.org/",
        "ror.org/0",
        "😀",
        " ",
        "SEG",
        "X.",
        "\u{202E}",
    ];
    let fields = [
        Field::Creators,
        Field::Publisher,
        Field::Modalities,
        Field::Anatomy,
        Field::Species,
        Field::Slug,
        Field::License,
    ];
    for n in 0..3000usize {
        let cell: String = (0..(n % 17))
            .map(|k| pieces[(n * 7 + k * k * 13 + k) % pieces.len()])
            .collect();
        for f in fields {
            let _ = normalize(f, &cell);
        }
        let _ = super::super::citation::parse_apa(&cell);
        let _ = super::super::citation::doi_in(&cell);
        let _ = vocab::orcid_iri(&cell);
        let _ = vocab::ror_iri(&cell);
    }
}

#[test]
fn javascript_urls_are_refused() {
    assert!(url("javascript:alert(1)").is_none());
    assert!(url("https://example.org/").is_some());
}

#[test]
fn a_notes_cell_is_a_remark_whose_links_are_sources_too() {
    let o = normalize(
        Field::Notes,
        "See https://example.org/a (read 2024), and <https://example.org/b>. Not javascript:alert(1).",
    );
    assert_eq!(o.field, Field::Remarks);
    assert!(matches!(&o.value, Some(Value::Text(t)) if t.starts_with("See https://example.org/a")));
    assert_eq!(o.implied.len(), 1);
    assert_eq!(o.implied[0].field, Field::Sources);
    assert!(o.implied[0].merge);
    assert_eq!(
        o.implied[0].value,
        Value::List(vec![
            "https://example.org/a".into(),
            "https://example.org/b".into()
        ])
    );
    assert!(normalize(Field::Notes, "No links here.").implied.is_empty());
}
