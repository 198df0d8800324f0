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
