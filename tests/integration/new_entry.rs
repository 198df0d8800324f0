//! `faircat new` with flags (what a script or a non-terminal gets): the main facts are filled
//! in, normalised and checked; wrong facts write nothing.

use crate::common;

use common::{TestCatalog, faircat};

#[test]
fn flags_fill_in_the_main_facts_and_the_entry_passes_check() {
    let cat = TestCatalog::empty();
    let (code, _, err) = faircat(
        cat.root(),
        &[
            "new",
            "lidc-idri",
            "--root",
            ".",
            "--name",
            "LIDC: Lung Image Database",
            "--homepage",
            "https://example.org/lidc/",
            "--license",
            "CC BY 3.0",
            "--modalities",
            "CT, CR",
            "--anatomy",
            "thorax",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(cat.root().join("content/datasets/lidc-idri.yaml")).unwrap();
    assert!(
        text.contains("\nname: \"LIDC: Lung Image Database\"\n"),
        "{text}"
    );
    assert!(text.contains("\nlicense: CC-BY-3.0\n"), "{text}");
    assert!(text.contains("\nmodalities: [CT, CR]\n"), "{text}");
    assert!(text.contains("\nanatomy: [chest]\n"), "{text}");
    assert!(
        text.contains("\ndraft: true\n"),
        "still a draft: no description yet"
    );
    let diagnostics = cat.check();
    assert!(!diagnostics.has_errors(), "{}", diagnostics.render());
}

#[test]
fn wrong_facts_write_nothing() {
    let cat = TestCatalog::empty();
    let (code, _, err) = faircat(
        cat.root(),
        &["new", "x-ray-set", "--root", ".", "--license", "CC-BY-4"],
    );
    assert_eq!(code, 1);
    assert!(
        err.contains("'CC-BY-4' is not an SPDX licence id — did you mean"),
        "{err}"
    );
    assert!(!cat.root().join("content/datasets/x-ray-set.yaml").exists());
}
