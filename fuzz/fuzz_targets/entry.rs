//! One entry file's text through the YAML parser and the validator, as `faircat build` reads
//! it: any bytes must give a catalog or diagnostics, never a panic or a hang.
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
