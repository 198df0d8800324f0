//! The one way to make test datasets in memory, for the unit tests, the integration tests
//! (`tests/`) and the benches: a catalog built from the model directly, for values no entry
//! file could hold (hostile text, impossible combinations) or tests that need no loader.
//!
//! Vocabulary terms come from [`crate::vocab`] itself, so a test never describes a modality
//! or body part differently from the catalog. Catalogs read from entry files are made by the
//! fixture catalogs under `tests/fixtures/` instead; generated catalogs by `synth`.
//!
//! Public because integration tests and benches are other crates; not part of faircat's
//! interface.

use crate::config::Config;
use crate::model::Dataset;
use crate::vocab::{Anatomy, Modality, Platform};
use std::path::PathBuf;

/// A published dataset with only a slug, a name and a description (long enough to be valid);
/// every other field is empty for the test to fill in.
pub fn dataset(slug: &str, name: &str) -> Dataset {
    Dataset {
        slug: slug.into(),
        source_path: PathBuf::from(format!("content/datasets/{slug}.yaml")),
        name: name.into(),
        description: format!("{name}: a dataset made up in memory for faircat's tests."),
        ..Dataset::default()
    }
}

/// The `faircat.toml` of test catalogs.
pub const CONFIG: &str = r#"title = "Test Catalog"
description = "A catalog used by faircat's tests."
base_url = "https://example.org/catalog/"
language = "en"

[publisher]
name = "Test Publisher"
url = "https://example.org/"
email = "catalog@example.org"
"#;

/// [`CONFIG`], parsed.
pub fn config() -> Config {
    Config::parse(CONFIG).expect("the test configuration is valid")
}

/// The modality of a DICOM code (`CT`), from the vocabulary; panics if it has none.
pub fn modality(code: &str) -> &'static Modality {
    crate::vocab::modality(code).unwrap_or_else(|| panic!("no modality {code}"))
}

/// The body region of a name or id (`chest`), from the vocabulary; panics if it has none.
pub fn anatomy(name: &str) -> &'static Anatomy {
    crate::vocab::anatomy(name).unwrap_or_else(|| panic!("no body region {name}"))
}

/// The platform of a name or id (`tcia`, `Zenodo`), from the vocabulary; panics if it has none.
pub fn platform(name: &str) -> &'static Platform {
    crate::vocab::platform(name).unwrap_or_else(|| panic!("no platform {name}"))
}

/// Hold the generated section `name` of the doc `file` (relative to the repository) to
/// `generated`: the text between the line ending `<!-- name: … -->` and `<!-- end name -->`.
/// With `FAIRCAT_BLESS` set, rewrite the section instead. `source` names what generates it.
#[cfg(test)]
pub(crate) fn check_generated_doc_section(file: &str, name: &str, generated: &str, source: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    let doc = std::fs::read_to_string(&path).unwrap();
    let open = doc
        .find(&format!("<!-- {name}:"))
        .unwrap_or_else(|| panic!("{file}: no start marker of {name}"));
    let body_at = open + doc[open..].find("-->\n").expect("start marker's end") + "-->\n".len();
    let close = doc
        .find(&format!("<!-- end {name} -->"))
        .unwrap_or_else(|| panic!("{file}: no end marker of {name}"));
    if std::env::var_os("FAIRCAT_BLESS").is_some() {
        let fixed = format!("{}{generated}{}", &doc[..body_at], &doc[close..]);
        std::fs::write(&path, fixed).unwrap();
        return;
    }
    assert_eq!(
        doc[body_at..close],
        *generated,
        "{file} differs from {source}: run the test with FAIRCAT_BLESS=1"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixture_dataset_is_valid_and_its_terms_are_the_vocabulary_s() {
        let d = dataset("x", "X");
        assert!(d.description.len() >= 50, "{}", d.description);
        assert!(!d.draft);
        assert_eq!(modality("CT").code, "CT");
        assert_eq!(anatomy("thorax").id, "chest");
        assert_eq!(platform("tcia").name, "The Cancer Imaging Archive (TCIA)");
        assert_eq!(config().base_url, "https://example.org/catalog/");
    }
}
