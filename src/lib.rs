//! faircat turns a folder of one YAML file per dataset into a static, searchable, FAIR website.
//!
//! The pipeline, one module per stage:
//! `config` → `load` (walk + parse YAML with spans) → `validate` (raw tree → `model`, using `vocab`)
//! → `render` (tera pages, `markdown`, `jsonld`, `badges`) + `search` + `export`
//! → `output` (the one writer: fingerprint, atomic swap). `site` ties them together; `progress`
//! draws the build's progress line and `hosts` checks the result against static hosts' limits.

pub mod badges;
pub mod cite;
pub mod cli;
pub mod config;
pub mod diagnostics;
pub mod entry;
pub mod export;
pub mod hosts;
pub mod import;
pub mod jsonld;
pub mod load;
pub mod markdown;
pub mod model;
pub mod new_entry;
pub mod output;
pub mod progress;
pub mod readiness;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
#[cfg(any(test, feature = "synth"))]
pub mod synth;
pub mod theme;
pub mod validate;
pub mod vocab;
pub mod workflow_files;
pub mod yaml;
