//! The files that make a catalog repository ready for contributors: a GitHub workflow (check
//! on pull requests, including from forks; build and deploy to GitHub Pages on main), a
//! pull-request template and `CONTRIBUTING.md`. `faircat init` writes them into a new catalog;
//! this repository keeps its own copies (its workflow builds faircat from source instead of
//! installing it).

/// (path relative to the catalog root, contents) of every contributor-workflow file.
pub const CATALOG_FILES: [(&str, &str); 3] = [
    (
        ".github/workflows/catalog.yml",
        include_str!("workflow_files/catalog.yml"),
    ),
    (
        ".github/pull_request_template.md",
        include_str!("workflow_files/pull_request_template.md"),
    ),
    (
        "CONTRIBUTING.md",
        include_str!("workflow_files/CONTRIBUTING.md"),
    ),
];

/// Write the contributor-workflow files into `root`, leaving files that exist alone. Returns
/// the paths written.
pub fn write_into(root: &std::path::Path) -> std::io::Result<Vec<&'static str>> {
    let mut written = Vec::new();
    for (rel, contents) in CATALOG_FILES {
        let path = root.join(rel);
        if path.exists() {
            continue;
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&path, contents)?;
        written.push(rel);
    }
    Ok(written)
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
        for text in [PROJECT_WORKFLOW, CATALOG_FILES[0].1] {
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

    #[test]
    fn the_repository_keeps_the_same_template_and_guide() {
        assert_eq!(
            include_str!("../.github/pull_request_template.md"),
            CATALOG_FILES[1].1
        );
        assert!(include_str!("../CONTRIBUTING.md").contains(CATALOG_FILES[2].1));
    }

    #[test]
    fn init_writes_the_workflow_files_into_a_new_catalog() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("new-catalog");
        let written = crate::scaffold::init(&root).unwrap();
        for (rel, contents) in CATALOG_FILES {
            assert!(written.contains(&root.join(rel)), "{rel}");
            assert_eq!(std::fs::read_to_string(root.join(rel)).unwrap(), contents);
        }
    }

    #[test]
    fn writes_the_files_once_and_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("CONTRIBUTING.md"), "mine").unwrap();
        let written = write_into(dir.path()).unwrap();
        assert_eq!(
            written,
            [
                ".github/workflows/catalog.yml",
                ".github/pull_request_template.md"
            ]
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("CONTRIBUTING.md")).unwrap(),
            "mine"
        );
        assert!(write_into(dir.path()).unwrap().is_empty());
    }
}
