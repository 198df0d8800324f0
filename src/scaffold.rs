//! `faircat init` and `faircat new`: a new catalog, a new entry.
//!
//! Both only create files: an existing file is never overwritten.

use crate::config::Config;
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

/// How `faircat new` writes one field: the YAML lines (commented out unless the field is a
/// required placeholder) and what the field means.
struct TemplateField {
    name: &'static str,
    /// Lines after `name:`, e.g. ` [CT]` or a block.
    example: &'static str,
    comment: &'static str,
    /// Written uncommented (required fields and `draft`).
    active: bool,
}

const fn field(name: &'static str, example: &'static str, comment: &'static str) -> TemplateField {
    TemplateField {
        name,
        example,
        comment,
        active: false,
    }
}

const fn active(name: &'static str, example: &'static str, comment: &'static str) -> TemplateField {
    TemplateField {
        name,
        example,
        comment,
        active: true,
    }
}

/// Every field of docs/entry-schema.md, in schema order.
const TEMPLATE: &[TemplateField] = &[
    active(
        "draft",
        " true",
        "a draft is not published: delete the next line once name, description and modalities are filled in",
    ),
    active("name", " \"TODO: full name of the dataset\"", "REQUIRED"),
    field("acronym", " LIDC-IDRI", "short name"),
    field(
        "alternate_names",
        " [Other name]",
        "other names it is known by",
    ),
    active(
        "description",
        " >-\n  TODO: what the dataset contains, how it was made and what it is for, in Markdown\n  (at least 50 characters).",
        "REQUIRED: Markdown, at least 50 characters",
    ),
    field(
        "homepage",
        " https://example.org/dataset/",
        "recommended: the dataset's main page (http/https)",
    ),
    field(
        "doi",
        " 10.1234/example",
        "the dataset's own DOI, bare or as https://doi.org/…",
    ),
    field(
        "creators",
        "\n#   - name: Family, Given\n#     orcid: https://orcid.org/0000-0002-1825-0097\n#   - name: Example Imaging Consortium\n#     type: organization",
        "who made the dataset, in citation order: persons as \"Family, Given\" (orcid optional), organisations with type: organization (ror optional)",
    ),
    field(
        "publisher",
        "\n#   name: Example Data Archive\n#   url: https://example.org/",
        "the dataset's own publisher (the archive that publishes it), not this catalog; ror optional",
    ),
    field(
        "version",
        " \"1.0\"",
        "the dataset's version, as its publisher names it",
    ),
    field("year", " 2021", "recommended: year of first release"),
    field("released", " 2021-06-30", "first release date, YYYY-MM-DD"),
    field("updated", " 2022-01-15", "last update of the data"),
    field(
        "added",
        " 2024-01-10",
        "when the entry was added to this catalog",
    ),
    field("keywords", " [keyword, another keyword]", "free keywords"),
    field(
        "topic",
        " Lung nodule detection",
        "the main task or subject, one line",
    ),
    active(
        "modalities",
        " []",
        "REQUIRED: DICOM modality codes (faircat vocab modalities), e.g. [CT] or [PT, CT]",
    ),
    field(
        "anatomy",
        " [chest]",
        "recommended: body regions (faircat vocab anatomy)",
    ),
    field(
        "subjects",
        " 100",
        "recommended (or scans): number of patients / participants",
    ),
    field(
        "scans",
        " 120",
        "recommended (or subjects): number of image volumes",
    ),
    field("studies", " 110", "number of imaging studies"),
    field("series", " 130", "number of DICOM series"),
    field("sequences", " [T1w, FLAIR]", "MR sequences or CT phases"),
    field(
        "file_formats",
        " [DICOM]",
        "DICOM, NIfTI, NRRD, MHA, PNG, JPEG, HDF5, NumPy, TIFF, …",
    ),
    field("scanners", " [Vendor Model]", "scanner vendors or models"),
    field(
        "geography",
        " [Germany]",
        "countries where the data was acquired",
    ),
    field(
        "pathologies",
        " [lung nodule]",
        "diseases or findings present",
    ),
    field(
        "targets",
        "\n#   pixel: [lung nodule]\n#   instance: [lung nodule]\n#   image: [malignancy]",
        "structures annotated at each level",
    ),
    field(
        "label_types",
        " [pixel-level]",
        "recommended: pixel-level, bounding-box, point, weak, image-level, none",
    ),
    field(
        "complete",
        " true",
        "are all targets annotated in every image?",
    ),
    field("pathology_annotated", " true", "are pathologies annotated?"),
    field(
        "normal_anatomy_annotated",
        " false",
        "are non-pathological structures annotated?",
    ),
    field(
        "annotation_protocol",
        " How the annotations were made.",
        "Markdown",
    ),
    field(
        "license",
        " CC-BY-4.0",
        "recommended: SPDX id, or LicenseRef-<name> with license_name and license_url",
    ),
    field(
        "license_name",
        " Data Use Agreement",
        "only with LicenseRef-…: the licence's name",
    ),
    field(
        "license_url",
        " https://example.org/dua",
        "only with LicenseRef-…: where its text is",
    ),
    field(
        "data_use",
        " [HMB, NCU]",
        "data-use conditions as GA4GH DUO codes (faircat vocab data-use)",
    ),
    field(
        "access",
        " public",
        "recommended: public, registration, application or private",
    ),
    field(
        "access_url",
        " https://example.org/dataset/download",
        "where to obtain the data",
    ),
    field("platform", " [Zenodo]", "faircat vocab platforms"),
    field("publishable", " true", "usable for scientific publication?"),
    field(
        "provision",
        " Found online (directly downloadable)",
        "how the curators obtained it",
    ),
    field(
        "contact",
        "\n#   name: Data Owner\n#   email: owner@example.org\n#   url: https://example.org/",
        "the data owner",
    ),
    field(
        "downloads",
        "\n#   - url: https://example.org/dataset.zip\n#     name: dataset.zip\n#     media_type: application/zip\n#     size_bytes: 1048576\n#     sha256: <64 hex digits>",
        "files that can be downloaded directly",
    ),
    field(
        "citations",
        "\n#   - text: Author A, et al. Title. Journal. 2021.\n#     doi: 10.1234/example.paper\n#     preferred: true",
        "how to cite; mark one preferred",
    ),
    field(
        "derived_from",
        " [other-entry-slug]",
        "entries this dataset was derived from",
    ),
    field(
        "related",
        " [other-entry-slug]",
        "related entries (linked both ways)",
    ),
    field(
        "sources",
        " [https://example.org/dataset/ (read 2024-01-10)]",
        "recommended: where the facts of this entry come from",
    ),
    field("remarks", " Caveats, unverified facts.", "anything else"),
];

/// The text `faircat new` writes.
pub fn entry_template() -> String {
    let mut out = String::new();
    out.push_str(SCHEMA_COMMENT_LINE);
    out.push_str(
        "\n# Fill in what is known and delete the rest; leave a field out rather than guess.\n\n",
    );
    for f in TEMPLATE {
        out.push_str("# ");
        out.push_str(f.comment);
        out.push('\n');
        if !f.active {
            out.push_str("# ");
        }
        out.push_str(f.name);
        out.push(':');
        out.push_str(f.example);
        out.push('\n');
    }
    out
}

/// Field names in the template, in order (for tests against the validator's field table).
pub fn template_fields() -> impl Iterator<Item = &'static str> {
    TEMPLATE.iter().map(|f| f.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_has_every_field_in_schema_order() {
        let template: Vec<&str> = template_fields().collect();
        let schema: Vec<&str> = crate::validate::field_names().collect();
        assert_eq!(template, schema);
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
