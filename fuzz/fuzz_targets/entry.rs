//! One entry file's text through the YAML parser and the validator, as `faircat build` reads
//! it: any bytes must give a catalog or diagnostics, never a panic or a hang, and where the
//! fast YAML reader takes a document, serde-saphyr must read the same tree.
#![no_main]

use faircat::config::Config;
use faircat::diagnostics::Diagnostics;
use faircat::load::{SourceFile, Sources};
use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = faircat::yaml::parse(text);
    // Where the fast reader takes a document, serde-saphyr must make the same tree of it.
    let unmarked = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if let Some((fast, slow)) = faircat::yaml::both_readers(unmarked) {
        assert_eq!(Ok(fast), slow, "the two YAML readers differ on {text:?}");
    }
    let config = Config::parse(include_str!("../../faircat.toml")).expect("faircat.toml");
    let sources = Sources {
        root: None,
        entries: vec![SourceFile::new(
            PathBuf::from("content/datasets/fuzzed.yaml"),
            "fuzzed",
            text.to_string(),
        )],
        about: String::new(),
        diagnostics: Diagnostics::new(),
    };
    match faircat::validate::validate(config, sources) {
        Ok((catalog, _warnings)) => assert!(catalog.datasets.len() <= 1),
        Err(problems) => assert!(!problems.is_empty(), "an error result with no diagnostics"),
    }
});
