//! The files that make a catalog repository ready for contributors: a GitHub workflow (check
//! on pull requests, including from forks; build and deploy to GitHub Pages on main), a
//! pull-request template and `CONTRIBUTING.md`. `faircat init` writes them into a new catalog;
//! this repository keeps its own copies (its workflow builds faircat from source instead of
//! installing it). The catalog's workflow installs faircat with the GitHub Action of this
//! repository (`action.yml`), at the version `faircat init --faircat-version` names.

/// The faircat repository: its releases, its source and its GitHub Action. The one place this
/// address is written in code; `repository` in Cargo.toml, the default of
/// scripts/install-action.sh and the README say the same (tests check that they do).
pub const REPOSITORY: &str = "https://github.com/faircat/faircat";

/// The tag of the GitHub Action's major version that catalogs' workflows use
/// (`uses: faircat/faircat@v1`); moved to each new release (README, "Cutting a release").
pub const ACTION_TAG: &str = "v1";

/// Where the catalog's workflow goes.
pub const WORKFLOW_PATH: &str = ".github/workflows/catalog.yml";

/// The workflow with `@FAIRCAT_ACTION@` and `@FAIRCAT_VERSION@` still to fill in.
const WORKFLOW_TEMPLATE: &str = include_str!("workflow_files/catalog.yml");

/// (path relative to the catalog root, contents) of the contributor-workflow files other than
/// the workflow.
pub const STATIC_FILES: [(&str, &str); 2] = [
    (
        ".github/pull_request_template.md",
        include_str!("workflow_files/pull_request_template.md"),
    ),
    (
        "CONTRIBUTING.md",
        include_str!("workflow_files/CONTRIBUTING.md"),
    ),
];

/// `owner/name@tag` of the GitHub Action, from [`REPOSITORY`] and [`ACTION_TAG`].
pub fn action_ref() -> String {
    let path = REPOSITORY
        .strip_prefix("https://github.com/")
        .expect("REPOSITORY is a GitHub repository");
    format!("{path}@{ACTION_TAG}")
}

/// Whether `version` can go into the workflow: `latest`, a release (`0.2.0`) or a branch or
/// commit of the repository (letters, digits, `.`, `_`, `-`; no `/`, quotes or spaces).
pub fn is_valid_version(version: &str) -> bool {
    !version.is_empty()
        && !version.starts_with(['-', '.'])
        && version
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// The catalog's workflow, installing faircat `version` (see [`is_valid_version`]) with the
/// GitHub Action.
pub fn catalog_workflow(version: &str) -> String {
    assert!(
        is_valid_version(version),
        "checked by the caller: {version}"
    );
    WORKFLOW_TEMPLATE
        .replace("@FAIRCAT_ACTION@", &action_ref())
        .replace("@FAIRCAT_VERSION@", version)
}

/// (path relative to the catalog root, contents) of every contributor-workflow file, the
/// workflow installing faircat `version`.
pub fn catalog_files(version: &str) -> Vec<(&'static str, String)> {
    let mut files = vec![(WORKFLOW_PATH, catalog_workflow(version))];
    files.extend(STATIC_FILES.iter().map(|(p, t)| (*p, t.to_string())));
    files
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    const PROJECT_WORKFLOW: &str = include_str!("../.github/workflows/catalog.yml");

    fn parse(yaml: &str) -> Value {
        serde_saphyr::from_str(yaml).expect("workflow is valid YAML")
    }

    /// Both workflows: checks on every pull request with read-only rights and no secrets,
    /// deploys main to Pages with the two write permissions on the deploy job only.
    #[test]
    fn workflows_check_pull_requests_and_deploy_main() {
        for text in [PROJECT_WORKFLOW, &catalog_workflow("latest")] {
            let w = parse(text);
            assert!(w["on"].get("pull_request").is_some());
            assert!(w["on"].get("pull_request_target").is_none());
            assert_eq!(w["on"]["push"]["branches"], json!(["main"]));
            assert_eq!(w["permissions"], json!({"contents": "read"}));
            assert!(!text.contains("secrets."), "no secrets: forks can run it");

            let check = &w["jobs"]["check"];
            assert_eq!(check["if"], "github.event_name == 'pull_request'");
            let runs: Vec<&str> = check["steps"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|s| s["run"].as_str())
                .collect();
            assert!(
                runs.iter()
                    .any(|r| r.ends_with("faircat check --format github")),
                "{runs:?}"
            );

            let build = &w["jobs"]["build"];
            let steps = build["steps"].as_array().unwrap();
            assert!(
                steps
                    .iter()
                    .any(|s| s["uses"] == "actions/configure-pages@v5")
            );
            assert!(
                steps
                    .iter()
                    .any(|s| s["run"].as_str().is_some_and(|r| r.contains(
                        "build --out public --base-url \"${{ steps.pages.outputs.base_url }}/\""
                    )))
            );
            assert!(
                steps
                    .iter()
                    .any(|s| s["uses"] == "actions/upload-pages-artifact@v4"
                        && s["with"]["path"] == "public")
            );

            let deploy = &w["jobs"]["deploy"];
            assert_eq!(deploy["needs"], "build");
            assert_eq!(
                deploy["permissions"],
                json!({"pages": "write", "id-token": "write"})
            );
            assert_eq!(deploy["environment"]["name"], "github-pages");
            assert_eq!(deploy["steps"][0]["uses"], "actions/deploy-pages@v4");
        }
    }

    /// The catalog's workflow installs faircat with this repository's GitHub Action at the
    /// version `init` was given, in both jobs, and never compiles it.
    #[test]
    fn the_catalog_workflow_installs_faircat_with_the_action() {
        assert_eq!(action_ref(), "faircat/faircat@v1");
        for version in ["latest", "0.2.0", "1.0", "main"] {
            let text = catalog_workflow(version);
            assert!(!text.contains("@FAIRCAT_"), "{text}");
            assert!(!text.contains("cargo install"));
            let w = parse(&text);
            for job in ["check", "build"] {
                let steps = w["jobs"][job]["steps"].as_array().unwrap();
                let install: Vec<&Value> = steps
                    .iter()
                    .filter(|s| s["uses"].as_str() == Some(action_ref().as_str()))
                    .collect();
                assert_eq!(install.len(), 1, "{job}: {steps:?}");
                // A string even where YAML would read a number (`1.0`).
                assert_eq!(install[0]["with"]["version"], json!(version), "{job}");
                let first_faircat_run = steps
                    .iter()
                    .position(|s| s["run"].as_str().is_some_and(|r| r.contains("faircat ")))
                    .unwrap();
                let installed_at = steps
                    .iter()
                    .position(|s| s["uses"].as_str() == Some(action_ref().as_str()))
                    .unwrap();
                assert!(
                    installed_at < first_faircat_run,
                    "{job}: installed before use"
                );
            }
        }
    }

    #[test]
    fn versions_that_could_break_the_workflow_are_refused() {
        for ok in [
            "latest",
            "0.2.0",
            "v0.2.0",
            "main",
            "0a1b2c3",
            "release_1-x",
        ] {
            assert!(is_valid_version(ok), "{ok}");
        }
        for bad in [
            "",
            "0.2.0'",
            "a b",
            "x\ny: z",
            "-rf",
            "feature/x",
            "${{ secrets.X }}",
        ] {
            assert!(!is_valid_version(bad), "{bad}");
        }
    }

    #[test]
    fn the_repository_address_is_the_same_everywhere() {
        let root = env!("CARGO_MANIFEST_DIR");
        let read = |rel: &str| std::fs::read_to_string(format!("{root}/{rel}")).unwrap();
        let manifest: toml::Value = toml::from_str(&read("Cargo.toml")).unwrap();
        assert_eq!(manifest["package"]["repository"].as_str(), Some(REPOSITORY));
        assert!(
            read("scripts/install-action.sh")
                .contains(&format!("default_repository=\"{REPOSITORY}\"")),
            "scripts/install-action.sh"
        );
        assert!(read("README.md").contains(REPOSITORY), "README.md");
        assert!(read("README.md").contains(&format!("uses: {}", action_ref())));
    }

    #[test]
    fn the_repository_keeps_the_same_template_and_guide() {
        assert_eq!(
            include_str!("../.github/pull_request_template.md"),
            STATIC_FILES[0].1
        );
        assert!(include_str!("../CONTRIBUTING.md").contains(STATIC_FILES[1].1));
    }

    #[test]
    fn init_writes_the_workflow_files_into_a_new_catalog() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("new-catalog");
        let written = crate::scaffold::init_with_version(&root, "0.3.1").unwrap();
        for (rel, contents) in catalog_files("0.3.1") {
            assert!(written.contains(&root.join(rel)), "{rel}");
            assert_eq!(std::fs::read_to_string(root.join(rel)).unwrap(), contents);
        }
        let workflow = std::fs::read_to_string(root.join(WORKFLOW_PATH)).unwrap();
        assert!(workflow.contains("version: '0.3.1'"), "{workflow}");
    }
}
