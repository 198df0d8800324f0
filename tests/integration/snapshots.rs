//! Snapshot tests: the catalog `tests/fixtures/snapshot/` (four real entries of the bundled
//! catalog, one derived from another, one behind a registration) is built through the
//! library, and one file of each kind of output is compared byte for byte with its copy under
//! `tests/fixtures/snapshot/expected/`.
//!
//! A change meant to alter the output fails here until the copies are rewritten:
//! `FAIRCAT_BLESS=1 cargo test --profile bench --locked --test integration snapshots`, then
//! read the change in `git diff tests/fixtures/snapshot/expected/` before committing it.
//!
//! The build reads no clock: every date in these files comes from the entries (`added`,
//! `released`, `updated`), so the copies stay valid from day to day.

use crate::common::{TestCatalog, fixtures_dir};
use std::path::{Path, PathBuf};

/// The files compared, by path from the site root: one of each kind of output.
const FILES: &[&str] = &[
    // pages
    "index.html",
    "datasets/luna16/index.html",
    "modality/ct/index.html",
    // the JSON API
    "api/datasets/luna16.json",
    // whole-catalog exports
    "catalog.csv",
    "catalog.ttl",
    // per-dataset exports
    "datasets/luna16/croissant.json",
    // the FAIR Data Point's root record
    "fdp/index.ttl",
];

/// The environment variable that rewrites the expected files instead of comparing them.
const BLESS: &str = "FAIRCAT_BLESS";

fn fixture() -> PathBuf {
    fixtures_dir().join("snapshot")
}

fn expected_dir() -> PathBuf {
    fixture().join("expected")
}

#[test]
fn the_snapshot_catalog_builds_into_the_expected_files() {
    let cat = TestCatalog::copy_of(&fixture());
    let report = cat.build();
    assert_eq!(
        report.datasets, 4,
        "the fixture's four entries are published"
    );
    assert!(
        report.diagnostics.warnings() == 0,
        "the fixture has warnings:\n{}",
        report.diagnostics.render()
    );
    let built = |path: &str| {
        std::fs::read(cat.out().join(path)).unwrap_or_else(|e| panic!("{path} was not built: {e}"))
    };
    if std::env::var_os(BLESS).is_some() {
        bless(&built);
        return;
    }
    let mut problems = Vec::new();
    for &path in FILES {
        let expected_path = expected_dir().join(path);
        match std::fs::read(&expected_path) {
            Err(_) => problems.push(format!("{path}: no expected copy")),
            Ok(expected) => {
                if let Some(difference) = first_difference(&expected, &built(path)) {
                    problems.push(format!("{path}: {difference}"));
                }
            }
        }
    }
    for stale in expected_files()
        .into_iter()
        .filter(|p| !FILES.contains(&p.as_str()))
    {
        problems.push(format!(
            "{stale}: an expected copy of a file no longer compared"
        ));
    }
    assert!(
        problems.is_empty(),
        "the build differs from tests/fixtures/snapshot/expected/:\n\n{}\n\n\
         If the change is intended, rewrite the copies with\n  \
         {BLESS}=1 cargo test --profile bench --locked --test integration snapshots\n\
         and review `git diff tests/fixtures/snapshot/expected/`.",
        problems.join("\n\n")
    );
}

/// Replace the expected copies with `built`'s files, and remove copies of files no longer
/// compared.
fn bless(built: &dyn Fn(&str) -> Vec<u8>) {
    for stale in expected_files() {
        if !FILES.contains(&stale.as_str()) {
            std::fs::remove_file(expected_dir().join(stale)).unwrap();
        }
    }
    for &path in FILES {
        let target = expected_dir().join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(&target, built(path)).unwrap();
    }
}

/// Every file under `expected/`, by path from it.
fn expected_files() -> Vec<String> {
    let root = expected_dir();
    walkdir::WalkDir::new(&root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| relative(e.path(), &root))
        .collect()
}

fn relative(path: &Path, root: &Path) -> String {
    path.strip_prefix(root)
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/")
}

/// Where `actual` first differs from `expected`, told as a person reads a diff: the line's
/// number and both versions of it (cut to a readable length around the first differing
/// character). `None` when they are the same bytes.
fn first_difference(expected: &[u8], actual: &[u8]) -> Option<String> {
    if expected == actual {
        return None;
    }
    let (expected, actual) = (
        String::from_utf8_lossy(expected),
        String::from_utf8_lossy(actual),
    );
    let mut expected_lines = expected.split_inclusive('\n');
    let mut actual_lines = actual.split_inclusive('\n');
    let mut number = 0;
    loop {
        number += 1;
        match (expected_lines.next(), actual_lines.next()) {
            (Some(e), Some(a)) if e == a => continue,
            (e, a) => {
                let column = match (e, a) {
                    (Some(e), Some(a)) => e
                        .char_indices()
                        .zip(a.chars())
                        .find(|((_, x), y)| x != y)
                        .map_or(e.len().min(a.len()), |((at, _), _)| at),
                    _ => 0,
                };
                let show = |line: Option<&str>| match line {
                    None => "(end of file)".to_string(),
                    Some(line) => format!("{:?}", excerpt(line, column)),
                };
                return Some(format!(
                    "line {number} differs\n  expected: {}\n  actual:   {}",
                    show(e),
                    show(a)
                ));
            }
        }
    }
}

/// Up to 160 characters of `line` around byte `at` (minified pages are one long line).
fn excerpt(line: &str, at: usize) -> String {
    const BEFORE: usize = 60;
    const WIDTH: usize = 160;
    let start = line[..at.min(line.len())]
        .char_indices()
        .rev()
        .nth(BEFORE.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    let text: String = line[start..].chars().take(WIDTH).collect();
    let mut shown = String::new();
    if start > 0 {
        shown.push('…');
    }
    shown.push_str(&text);
    if start + text.len() < line.len() {
        shown.push('…');
    }
    shown
}

#[test]
fn a_difference_is_reported_at_its_first_differing_line() {
    assert_eq!(first_difference(b"a\nb\n", b"a\nb\n"), None);
    assert_eq!(
        first_difference(b"a\nb\nc\n", b"a\nB\nc\n").unwrap(),
        "line 2 differs\n  expected: \"b\\n\"\n  actual:   \"B\\n\""
    );
    assert_eq!(
        first_difference(b"a\n", b"a\nmore\n").unwrap(),
        "line 2 differs\n  expected: (end of file)\n  actual:   \"more\\n\""
    );
    // A long minified line is shown around the change, not whole.
    let long = format!("{}X{}", "a".repeat(500), "b".repeat(500));
    let changed = long.replace('X', "Y");
    let report = first_difference(long.as_bytes(), changed.as_bytes()).unwrap();
    assert!(
        report.contains("aaaX") && report.contains("aaaY"),
        "{report}"
    );
    assert!(report.len() < 450, "{report}");
}
