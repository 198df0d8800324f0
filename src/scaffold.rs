//! `faircat init` and `faircat new`: a new catalog, a new entry.
//!
//! Both only create files: an existing file is never overwritten.

use crate::config::Config;
use crate::entry::fields as entry_fields;
use crate::load::{datasets_dir, is_valid_slug};
use crate::vocab::slugify;
use std::fmt;
use std::path::{Path, PathBuf};

/// The first line of every new entry: points YAML editors (yaml-language-server) at the JSON
/// Schema the build publishes, by a path relative to `content/datasets/<slug>.yaml` into the
/// default output folder, so completion works offline after one `faircat build` (or after
/// `faircat schema > public/schema/dataset.schema.json`).
pub const SCHEMA_COMMENT_LINE: &str =
    "# yaml-language-server: $schema=../../public/schema/dataset.schema.json";

/// Why a scaffold could not be written.
#[derive(Debug)]
pub enum ScaffoldError {
    /// The file is there already; nothing was written.
    Exists(PathBuf),
    /// The slug is not lowercase letters, digits and single dashes.
    BadSlug {
        slug: String,
        suggestion: String,
    },
    /// `--root` is not a catalog.
    NotACatalog(PathBuf),
    /// `--faircat-version` is not a release, branch or commit name.
    BadVersion(String),
    Io(PathBuf, std::io::Error),
}

impl fmt::Display for ScaffoldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScaffoldError::Exists(p) => {
                write!(f, "{} already exists; nothing was written", p.display())
            }
            ScaffoldError::BadSlug { slug, suggestion } if suggestion.is_empty() => write!(
                f,
                "'{slug}' is not a valid slug: use lowercase letters, digits and single dashes"
            ),
            ScaffoldError::BadSlug { slug, suggestion } => write!(
                f,
                "'{slug}' is not a valid slug: use lowercase letters, digits and single dashes, e.g. '{suggestion}'"
            ),
            ScaffoldError::NotACatalog(root) => write!(
                f,
                "{} has no {}; run `faircat init {}` first or pass --root",
                root.display(),
                Config::FILE_NAME,
                root.display()
            ),
            ScaffoldError::BadVersion(v) => write!(
                f,
                "'{v}' is not a faircat version: use `latest`, a release such as 0.2.0, or a branch or commit name"
            ),
            ScaffoldError::Io(p, e) => write!(f, "cannot write {}: {e}", p.display()),
        }
    }
}

impl std::error::Error for ScaffoldError {}

const CONFIG_TEMPLATE: &str = r#"# faircat catalog settings.
title = "Dataset Catalog"
description = "A catalog of datasets, one YAML file per dataset in content/datasets/."
# The address the site is served from, ending in /.
base_url = "https://example.org/catalog/"
language = "en"

[publisher]
name = "Catalog maintainers"
# url = "https://example.org/"
# email = "catalog@example.org"

# Families of files a large catalog can leave out (`faircat build` warns when the site is over
# a static host's limits). Both are written by default.
# [output]
# fdp_records = false      # FAIR Data Point records: two or more files per dataset
# citation_files = false   # citation.bib and CITATION.cff: two files per dataset
"#;

const ABOUT_TEMPLATE: &str = "This catalog lists datasets, one entry per dataset. \
Each entry is a YAML file in `content/datasets/`; `faircat new <slug>` starts one.\n";

const GITIGNORE_TEMPLATE: &str = "/public/\n";

/// Create a new catalog in `dir` (made if missing): `faircat.toml`, `content/_index.md`, an
/// empty `content/datasets/`, a `.gitignore` and the contributor-workflow files
/// ([`crate::workflow_files`]), the workflow installing the latest faircat release.
/// Refuses if any of these files exists. Returns the files written.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, ScaffoldError> {
    init_with_version(dir, "latest")
}

/// [`init`], with a workflow that installs faircat `version`: `latest`, a release (`0.2.0`)
/// or a branch or commit of the repository.
pub fn init_with_version(dir: &Path, version: &str) -> Result<Vec<PathBuf>, ScaffoldError> {
    if !crate::workflow_files::is_valid_version(version) {
        return Err(ScaffoldError::BadVersion(version.to_string()));
    }
    let mut files = vec![
        (dir.join(Config::FILE_NAME), CONFIG_TEMPLATE.to_string()),
        (dir.join("content").join("_index.md"), ABOUT_TEMPLATE.into()),
        (datasets_dir(dir).join(".gitkeep"), String::new()),
        (dir.join(".gitignore"), GITIGNORE_TEMPLATE.into()),
    ];
    // The contributor workflow: checks on pull requests, deployment to GitHub Pages, a
    // pull-request template and CONTRIBUTING.md.
    files.extend(
        crate::workflow_files::catalog_files(version)
            .into_iter()
            .map(|(rel, text)| (dir.join(rel), text)),
    );
    if let Some((existing, _)) = files.iter().find(|(p, _)| p.exists()) {
        return Err(ScaffoldError::Exists(existing.clone()));
    }
    let mut written = Vec::new();
    for (path, text) in files {
        write_new(&path, &text)?;
        written.push(path);
    }
    Ok(written)
}

/// Write `content/datasets/<slug>.yaml` under `root`, pre-filled with every field of the
/// schema. It is a draft (`draft: true`) so that it passes `check` until filled in.
pub fn new_entry(root: &Path, slug: &str) -> Result<PathBuf, ScaffoldError> {
    if !is_valid_slug(slug) {
        return Err(ScaffoldError::BadSlug {
            slug: slug.to_string(),
            suggestion: slugify(slug),
        });
    }
    if !root.join(Config::FILE_NAME).is_file() {
        return Err(ScaffoldError::NotACatalog(root.to_path_buf()));
    }
    let dir = datasets_dir(root);
    let path = dir.join(format!("{slug}.yaml"));
    let yml = dir.join(format!("{slug}.yml"));
    if let Some(existing) = [&path, &yml].into_iter().find(|p| p.exists()) {
        return Err(ScaffoldError::Exists(existing.clone()));
    }
    write_new(&path, &entry_template())?;
    Ok(path)
}

/// Create a file that must not exist yet (`create_new`, so a race cannot overwrite either).
fn write_new(path: &Path, text: &str) -> Result<(), ScaffoldError> {
    use std::io::Write as _;
    let io = |e| ScaffoldError::Io(path.to_path_buf(), e);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => ScaffoldError::Exists(path.to_path_buf()),
            _ => io(e),
        })?;
    file.write_all(text.as_bytes()).map_err(io)
}

/// The text `faircat new` writes.
pub fn entry_template() -> String {
    let mut out = String::new();
    out.push_str(SCHEMA_COMMENT_LINE);
    out.push_str(
        "\n# Fill in what is known and delete the rest; leave a field out rather than guess.\n\n",
    );
    for row in entry_fields::entry_rows() {
        out.push_str("# ");
        out.push_str(row.comment);
        out.push('\n');
        if !is_active(row) {
            out.push_str("# ");
        }
        out.push_str(row.name);
        out.push(':');
        out.push_str(row.example);
        out.push('\n');
    }
    out
}

/// Written uncommented: `draft` and the required fields (as placeholders).
fn is_active(row: &entry_fields::Row) -> bool {
    row.key == entry_fields::Key::Draft || row.need == entry_fields::Need::Required
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_has_every_field_in_schema_order_with_its_need() {
        let template = entry_template();
        let names: Vec<&str> = template
            .lines()
            .filter(|l| !l.starts_with("# ") || l[2..].contains(':'))
            .map(|l| l.strip_prefix("# ").unwrap_or(l))
            .filter(|l| !l.starts_with(' '))
            .filter_map(|l| l.split_once(':').map(|(k, _)| k))
            .filter(|k| crate::entry::Key::from_name(k).is_some())
            .collect();
        let schema: Vec<&str> = crate::validate::field_names().collect();
        assert_eq!(names, schema);
        // The comment above a field says whether it is required or recommended.
        for row in entry_fields::entry_rows() {
            let says = match row.need {
                entry_fields::Need::Required => "REQUIRED",
                entry_fields::Need::Recommended | entry_fields::Need::RecommendedAny => {
                    "recommended"
                }
                entry_fields::Need::Optional => "",
            };
            assert!(
                row.comment.starts_with(says),
                "{}: {}",
                row.name,
                row.comment
            );
            if says.is_empty() {
                assert!(
                    !row.comment.starts_with("REQUIRED") && !row.comment.starts_with("recommended"),
                    "{}: {}",
                    row.name,
                    row.comment
                );
            }
        }
    }

    #[test]
    fn template_is_a_valid_draft() {
        let root = crate::yaml::parse(&entry_template()).unwrap();
        let crate::yaml::Value::Map(fields) = root.value else {
            panic!("not a map")
        };
        let names: Vec<String> = fields.iter().map(|(k, _)| k.key_text()).collect();
        assert_eq!(names, ["draft", "name", "description", "modalities"]);
    }
}
