//! `faircat check --format human|github|json` through the real binary: the same problems in
//! the three formats, with file, line and column, and the exit code CI relies on.

use crate::common;

use common::{TestCatalog, faircat};

const BAD: &str = "name: Bad, \"one\"
description: A synthetic chest CT collection used by tests; it exists only here.
modalities: [CT]
license: CC BY 4.0
acess: public
";

fn invalid_catalog() -> TestCatalog {
    let cat = TestCatalog::fixture("minimal");
    cat.entry("bad", BAD);
    cat
}

#[test]
fn human_format_shows_place_source_line_and_caret_on_stderr() {
    let cat = invalid_catalog();
    let (code, out, err) = faircat(cat.root(), &["check", "--root", "."]);
    assert_eq!(code, 1);
    assert_eq!(out, "");
    assert!(
        err.contains(
            "content/datasets/bad.yaml:4:10: error: unknown licence 'CC BY 4.0' — did you mean 'CC-BY-4.0'?\n  |\n4 | license: CC BY 4.0\n  |          ^^^^^^^^^\n"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "content/datasets/bad.yaml:5:1: error: unknown field 'acess' — did you mean 'access'?"
        ),
        "{err}"
    );
    assert!(
        err.trim_end()
            .lines()
            .last()
            .unwrap()
            .starts_with("error: 2 errors"),
        "{err}"
    );
}

#[test]
fn github_format_prints_one_workflow_command_per_problem() {
    let cat = invalid_catalog();
    let (code, out, err) = faircat(cat.root(), &["check", "--root", ".", "--format", "github"]);
    assert_eq!(code, 1);
    let errors: Vec<&str> = out.lines().filter(|l| l.starts_with("::error ")).collect();
    assert_eq!(
        errors,
        [
            "::error file=content/datasets/bad.yaml,line=4,col=10,title=faircat error::unknown licence 'CC BY 4.0' — did you mean 'CC-BY-4.0'? (help: use an SPDX licence id (https://spdx.org/licenses/), or LicenseRef-<name> with license_name and license_url for a custom licence)",
            "::error file=content/datasets/bad.yaml,line=5,col=1,title=faircat error::unknown field 'acess' — did you mean 'access'? (help: the fields are listed in docs/entry-schema.md; `faircat new` writes them all)",
        ]
    );
    assert!(
        out.lines()
            .all(|l| l.starts_with("::error ") || l.starts_with("::warning ")),
        "only workflow commands on stdout: {out}"
    );
    assert!(err.contains("error: 2 errors"), "summary on stderr: {err}");
}

#[test]
fn github_paths_are_relative_to_the_repository_when_the_catalog_is_a_sub_folder() {
    let cat = invalid_catalog();
    let parent = cat.root().parent().unwrap();
    let name = cat.root().file_name().unwrap().to_str().unwrap();
    let (code, out, _) = faircat(parent, &["check", "--root", name, "--format", "github"]);
    assert_eq!(code, 1);
    assert!(
        out.contains(&format!(
            "::error file={name}/content/datasets/bad.yaml,line=4,col=10,"
        )),
        "{out}"
    );
    // An absolute root inside the working directory gives the same paths.
    let (_, out_abs, _) = faircat(
        parent,
        &[
            "check",
            "--root",
            cat.root().to_str().unwrap(),
            "--format",
            "github",
        ],
    );
    assert_eq!(out_abs, out);
}

#[test]
fn json_format_is_an_array_of_problems() {
    let cat = invalid_catalog();
    let (code, out, _) = faircat(cat.root(), &["check", "--root", ".", "--format", "json"]);
    assert_eq!(code, 1);
    let problems: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let errors: Vec<&serde_json::Value> = problems
        .iter()
        .filter(|p| p["severity"] == "error")
        .collect();
    assert_eq!(errors.len(), 2);
    assert_eq!(errors[0]["path"], "content/datasets/bad.yaml");
    assert_eq!(errors[0]["span"]["line"], 4);
    assert_eq!(errors[0]["span"]["column"], 10);
    assert_eq!(errors[0]["span"]["len"], 9);
    assert_eq!(
        errors[0]["message"],
        "unknown licence 'CC BY 4.0' — did you mean 'CC-BY-4.0'?"
    );
    assert!(
        errors[1]["help"]
            .as_str()
            .unwrap()
            .contains("docs/entry-schema.md")
    );
}

#[test]
fn a_valid_catalog_passes_in_every_format() {
    let cat = TestCatalog::fixture("full");
    for format in ["human", "github", "json"] {
        let (code, out, err) = faircat(cat.root(), &["check", "--root", ".", "--format", format]);
        assert_eq!(code, 0, "{format}: {out}{err}");
        assert!(
            !out.contains("::error") && !err.contains("error:"),
            "{format}: {out}{err}"
        );
    }
    let (_, out, _) = faircat(cat.root(), &["check", "--root", ".", "--format", "json"]);
    let problems: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert!(problems.iter().all(|p| p["severity"] == "warning"));
}

#[test]
fn deny_warnings_fails_on_warnings_alone() {
    let cat = TestCatalog::fixture("minimal");
    let (code, out, _) = faircat(cat.root(), &["check", "--root", ".", "--format", "github"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("::warning file=content/datasets/tiny-ct.yaml,line=1,col=1,"),
        "{out}"
    );
    let (code, _, _) = faircat(
        cat.root(),
        &[
            "check",
            "--root",
            ".",
            "--format",
            "github",
            "--deny-warnings",
        ],
    );
    assert_eq!(code, 1);
}
