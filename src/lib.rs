//! faircat turns a folder of one YAML file per dataset into a static, searchable, FAIR website.
//!
//! The pipeline, one module per stage:
//! `config` → `load` (walk + parse YAML with spans) → `validate` (raw tree → `model`, using `vocab`)
//! → `render` (tera pages, `markdown`, `jsonld`, `badges`) + `search` (the static index) +
//! `metadata` (the machine-readable files: JSON API, CSV, DCAT-AP, Croissant, FAIR Data Point)
//! → `output` (the one writer: fingerprint, atomic swap). `site::jobs` is the one composition of
//! those stages, which `build`, `serve` and the tests run; `escape` is the one place text is
//! escaped; `progress` draws the build's progress line and `hosts` checks the result against
//! static hosts' limits.

pub mod badges;
pub mod cite;
pub mod cli;
pub mod config;
pub mod diagnostics;
pub mod entry;
pub mod escape;
#[doc(hidden)]
pub mod fixture;
pub mod hosts;
pub mod import;
pub mod jsonld;
pub mod load;
pub mod markdown;
pub mod metadata;
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
