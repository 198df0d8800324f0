//! Two builds of the same input are byte-identical: nothing in the output depends on the
//! clock, on hash-map order or on which thread rendered a page.

use crate::common;

use common::TestCatalog;
use faircat::site::{BuildOptions, build};

/// Every file of a built site: relative path and bytes, sorted.
type Site = Vec<(String, Vec<u8>)>;

fn build_twice(root: &std::path::Path) -> (Site, Site) {
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for name in ["one", "two"] {
        let out = dir.path().join(name);
        build(&BuildOptions {
            root: root.to_path_buf(),
            out: out.clone(),
            base_url: None,
            deny_warnings: false,
            progress: false,
        })
        .unwrap_or_else(|e| panic!("{e}"));
        let mut list: Site = walkdir::WalkDir::new(&out)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e
                    .path()
                    .strip_prefix(&out)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                (rel, std::fs::read(e.path()).unwrap())
            })
            .collect();
        list.sort();
        files.push(list);
    }
    let second = files.pop().unwrap();
    (files.pop().unwrap(), second)
}

fn assert_identical(a: &[(String, Vec<u8>)], b: &[(String, Vec<u8>)]) {
    let names = |l: &[(String, Vec<u8>)]| l.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(names(a), names(b), "same files");
    for ((path, x), (_, y)) in a.iter().zip(b) {
        assert!(x == y, "{path} differs between builds");
    }
}

#[test]
fn fixture_builds_are_byte_identical() {
    let cat = TestCatalog::fixture("full");
    let (a, b) = build_twice(cat.root());
    assert!(
        a.iter()
            .any(|(p, _)| p == "datasets/chest-ct-nodules/index.html")
    );
    assert_identical(&a, &b);
}

#[test]
fn bundled_catalog_builds_are_byte_identical() {
    let (a, b) = build_twice(&common::repo_root());
    assert!(a.iter().filter(|(p, _)| p.starts_with("datasets/")).count() > 10);
    assert_identical(&a, &b);
}
