//! The integration tests, as one test binary: each module was a test file of its own, and each
//! of those binaries linked the whole library again. They need nothing but the Rust toolchain
//! (and the `curl`, `tar` and `sha256sum` any Linux or macOS machine has, for the install script).
//! Tests that drive Chromium or the Nu HTML Checker are the `browser` binary (`tests/browser/`).

#[path = "../common/mod.rs"]
mod common;

mod broken_yaml;
mod check;
mod check_formats;
mod creators;
mod determinism;
mod errors;
mod escaping;
mod export_formats;
mod hostile;
mod import;
mod import_idc;
mod install_action;
mod jsonld;
mod new_entry;
mod output_families;
mod pagination;
mod release;
mod search;
mod serve;
mod site;
mod snapshots;
