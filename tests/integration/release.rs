//! The release pipeline, the GitHub Action and the install metadata agree with each other:
//! parsed with the project's YAML and TOML crates, the release workflow builds the five
//! targets with the `dist` profile and attaches `faircat-<target>.tar.gz|zip` with a `.sha256`
//! file; `action.yml` runs scripts/install-action.sh (tested in `install_action`), which
//! downloads those names; `cargo binstall`'s metadata names the same URLs.

use crate::common;
use faircat::workflow_files::REPOSITORY;
use serde_json::{Value, json};

fn yaml(rel: &str) -> Value {
    let text = std::fs::read_to_string(common::repo_root().join(rel)).unwrap();
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn manifest() -> toml::Value {
    toml::from_str(&std::fs::read_to_string(common::repo_root().join("Cargo.toml")).unwrap())
        .unwrap()
}

const TARGETS: [&str; 5] = [
    "x86_64-unknown-linux-musl",
    "aarch64-unknown-linux-musl",
    "x86_64-apple-darwin",
    "aarch64-apple-darwin",
    "x86_64-pc-windows-msvc",
];

/// The archive the release attaches for `target` (and the install script downloads).
fn archive(target: &str) -> String {
    let ext = if target.contains("windows") {
        "zip"
    } else {
        "tar.gz"
    };
    format!("faircat-{target}.{ext}")
}

#[test]
fn the_release_workflow_builds_every_target_with_the_dist_profile() {
    let w = yaml(".github/workflows/release.yml");
    let tags = w["on"]["push"]["tags"].as_array().unwrap();
    assert_eq!(tags, &[json!("v[0-9]+.[0-9]+.[0-9]+*")]);
    assert_eq!(w["permissions"], json!({"contents": "write"}));

    let upload = &w["jobs"]["upload-assets"];
    assert_eq!(upload["needs"], "create-release");
    let targets: Vec<&str> = upload["strategy"]["matrix"]["include"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["target"].as_str().unwrap())
        .collect();
    assert_eq!(targets, TARGETS);
    let steps = upload["steps"].as_array().unwrap();
    let build = steps
        .iter()
        .find(|s| s["uses"] == "taiki-e/upload-rust-binary-action@v1")
        .expect("the upload step");
    let with = &build["with"];
    assert_eq!(with["bin"], "faircat");
    assert_eq!(with["profile"], "dist");
    assert_eq!(with["checksum"], "sha256");
    assert_eq!(with["archive"], "faircat-$target");
    assert_eq!(with["tar"], "unix");
    assert_eq!(with["zip"], "windows");
    assert_eq!(with["locked"], json!(true));

    // One SHA256SUMS over all archives, after every target is uploaded.
    let sums = &w["jobs"]["checksums"];
    assert_eq!(sums["needs"], "upload-assets");
    let run = sums["steps"][0]["run"].as_str().unwrap();
    assert!(run.contains("sha256sum faircat-*.tar.gz faircat-*.zip > SHA256SUMS"));
    assert!(run.contains("gh release upload"));
}

#[test]
fn the_dist_profile_is_the_optimised_one_and_release_compiles_fast() {
    let m = manifest();
    let profiles = &m["profile"];
    let dist = &profiles["dist"];
    assert_eq!(dist["inherits"].as_str(), Some("release"));
    assert_eq!(dist["lto"].as_str(), Some("fat"));
    assert_eq!(dist["codegen-units"].as_integer(), Some(1));
    // `cargo run --release` and `cargo install` get Cargo's defaults: no fat LTO.
    let release = profiles.get("release").and_then(toml::Value::as_table);
    assert!(release.is_none_or(|t| t.get("lto").is_none() && t.get("codegen-units").is_none()));
    // The test command's profile inherits release unchanged, so both share one build.
    assert!(profiles.get("bench").is_none());
}

#[test]
fn binstall_metadata_names_the_release_archives() {
    let m = manifest();
    assert_eq!(m["package"]["repository"].as_str(), Some(REPOSITORY));
    let meta = &m["package"]["metadata"]["binstall"];
    let render = |template: &str, target: &str| {
        template
            .replace("{ repo }", REPOSITORY)
            .replace("{ version }", "1.2.3")
            .replace("{ name }", "faircat")
            .replace("{ target }", target)
    };
    for target in TARGETS {
        let over = meta
            .get("overrides")
            .and_then(|o| o.get(target))
            .and_then(toml::Value::as_table);
        let field = |key: &str| {
            over.and_then(|o| o.get(key))
                .unwrap_or(&meta[key])
                .as_str()
                .unwrap()
                .to_string()
        };
        assert_eq!(
            render(&field("pkg-url"), target),
            format!("{REPOSITORY}/releases/download/v1.2.3/{}", archive(target)),
            "{target}"
        );
        let fmt = field("pkg-fmt");
        assert_eq!(
            fmt,
            if target.contains("windows") {
                "zip"
            } else {
                "tgz"
            }
        );
        // The binary is at the archive's root (the upload action's default, no leading dir).
        assert_eq!(field("bin-dir"), "{ bin }{ binary-ext }");
    }
}

#[test]
fn the_action_runs_the_install_script_with_its_inputs() {
    let a = yaml("action.yml");
    assert_eq!(a["runs"]["using"], "composite");
    assert_eq!(a["inputs"]["version"]["default"], "latest");
    assert_eq!(a["inputs"]["version"]["required"], json!(false));
    assert_eq!(
        a["outputs"]["version"]["value"],
        "${{ steps.install.outputs.version }}"
    );
    let steps = a["runs"]["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 1);
    let step = &steps[0];
    assert_eq!(step["id"], "install");
    assert_eq!(step["shell"], "bash");
    assert_eq!(
        step["run"],
        "bash \"$GITHUB_ACTION_PATH/scripts/install-action.sh\""
    );
    assert_eq!(step["env"]["FAIRCAT_VERSION"], "${{ inputs.version }}");
    assert_eq!(
        step["env"]["FAIRCAT_REPOSITORY"],
        "${{ inputs.repository }}"
    );

    // The script downloads the release's names for every target it detects.
    let script =
        std::fs::read_to_string(common::repo_root().join("scripts/install-action.sh")).unwrap();
    assert!(script.contains(r#"archive="faircat-$target.tar.gz""#));
    assert!(script.contains(r#"archive="faircat-$target.zip""#));
    assert!(script.contains(r#"base="$releases/download/$tag""#));
    for (os, target) in [
        ("Linux)", "-unknown-linux-musl"),
        ("Darwin)", "-apple-darwin"),
        ("MINGW*", "x86_64-pc-windows-msvc"),
    ] {
        assert!(
            script
                .lines()
                .any(|l| l.trim_start().starts_with(os) && l.contains(target)),
            "{os} → {target}"
        );
    }
}

#[test]
fn the_package_leaves_out_tests_and_ci_but_keeps_the_theme() {
    let m = manifest();
    let include: Vec<&str> = m["package"]["include"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for needed in ["/src/**", "/themes/default/**", "/README.md", "/Cargo.lock"] {
        assert!(include.contains(&needed), "{needed}");
    }
    for left_out in ["tests", "benches", "content", "fuzz", ".github", "scripts"] {
        assert!(
            !include
                .iter()
                .any(|i| i.trim_start_matches('/').starts_with(left_out)),
            "{left_out}"
        );
    }
}
