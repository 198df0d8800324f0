//! `faircat.toml`: the catalog's title, address and publisher.

use crate::diagnostics::{Diagnostic, Span};
use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Absolute URL the site is served from, ending in `/`, e.g. `https://example.org/catalog/`.
    pub base_url: String,
    /// BCP 47 language tag of the pages.
    #[serde(default = "default_language")]
    pub language: String,
    /// Theme folder name under `themes/`; files there override the embedded default theme.
    #[serde(default = "default_theme")]
    pub theme: String,
    pub publisher: Publisher,
    /// Repository URL, for "edit this entry" links (optional).
    #[serde(default)]
    pub repository: Option<String>,
    /// Licence of the catalog's own metadata (not of the datasets it lists), as an SPDX id:
    /// published in DCAT-AP and the FAIR Data Point, which requires one. Default `CC0-1.0`.
    #[serde(default = "default_metadata_license")]
    pub metadata_license: String,
    /// `[output]`: families of files a large catalog can leave out.
    #[serde(default)]
    pub output: OutputConfig,
}

/// `[output]` in `faircat.toml`: whole families of per-dataset files that can be left out, to
/// keep a large catalog within a static host's file limits (`faircat build` says when it is
/// over one, see [`crate::hosts`]). Everything is written by default. What is left out is no
/// longer linked from anywhere.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OutputConfig {
    /// The FAIR Data Point's dataset and distribution records (`fdp/dataset/<slug>`,
    /// `fdp/distribution/<slug>[-n]`: two or more files per dataset), with the containers that
    /// list them. When `false`, the FDP keeps its root and catalog record, which then points to
    /// the DCAT-AP catalog (`catalog.ttl`) for the datasets instead of listing records.
    pub fdp_records: bool,
    /// Each dataset's `citation.bib` and `CITATION.cff` (two files per dataset). When `false`,
    /// the JSON API's `links.bibtex` and `links.cff` are `null`; the dataset pages still show
    /// the BibTeX and Croissant keeps `citeAs`.
    pub citation_files: bool,
}

impl Default for OutputConfig {
    fn default() -> Self {
        OutputConfig {
            fdp_records: true,
            citation_files: true,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Publisher {
    pub name: String,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
}

fn default_language() -> String {
    "en".into()
}
fn default_metadata_license() -> String {
    "CC0-1.0".into()
}
fn default_theme() -> String {
    "default".into()
}

impl Config {
    /// The catalog's description, or its title when it has none (DCAT and the FAIR Data Point
    /// require one).
    pub fn description_or_title(&self) -> &str {
        if self.description.trim().is_empty() {
            &self.title
        } else {
            &self.description
        }
    }

    pub const FILE_NAME: &'static str = "faircat.toml";

    /// Read `faircat.toml` from the catalog root. Errors carry the file's line and column.
    #[allow(clippy::result_large_err)] // a Diagnostic carries its source line; errors are rare
    pub fn load(root: &Path) -> Result<Config, Diagnostic> {
        let path = root.join(Self::FILE_NAME);
        let text = std::fs::read_to_string(&path).map_err(|e| {
            Diagnostic::error(
                Self::FILE_NAME,
                Span::file_start(),
                format!("cannot read {}: {e}", Self::FILE_NAME),
            )
            .with_help("run `faircat init` to create a catalog, or pass --root")
        })?;
        Self::parse(&text)
    }

    /// The same config with another base URL (from `--base-url` or `faircat serve`), checked
    /// and normalised as the one in the file is.
    #[allow(clippy::result_large_err)]
    pub fn with_base_url(mut self, url: &str) -> Result<Config, Diagnostic> {
        let text = format!(
            "title = {:?}\nbase_url = {:?}\n[publisher]\nname = \"x\"\n",
            self.title, url
        );
        self.base_url = Config::parse(&text)?.base_url;
        Ok(self)
    }

    #[allow(clippy::result_large_err)]
    pub fn parse(text: &str) -> Result<Config, Diagnostic> {
        let mut config: Config = toml::from_str(text).map_err(|e| {
            let span = e
                .span()
                .map(|r| {
                    let before = &text[..r.start.min(text.len())];
                    let line = before.matches('\n').count() + 1;
                    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                    Span::new(line, column, text[r.clone()].chars().count().max(1))
                })
                .unwrap_or_else(Span::file_start);
            Diagnostic::error(Self::FILE_NAME, span, e.message().to_string()).with_source(text)
        })?;
        if !config.base_url.ends_with('/') {
            config.base_url.push('/');
        }
        let parsed = url::Url::parse(&config.base_url).ok();
        if !parsed
            .as_ref()
            .is_some_and(|u| matches!(u.scheme(), "http" | "https"))
        {
            let line = text
                .lines()
                .position(|l| l.trim_start().starts_with("base_url"))
                .map_or(1, |i| i + 1);
            return Err(Diagnostic::error(
                Self::FILE_NAME,
                Span::new(line, 1, 8),
                format!(
                    "base_url '{}' is not an absolute http(s) URL",
                    config.base_url
                ),
            )
            .with_help("for example base_url = \"https://example.org/catalog/\"")
            .with_source(text));
        }
        Ok(config)
    }

    /// Absolute URL of a site-relative path: `datasets/x/` → `https://…/datasets/x/`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path.trim_start_matches('/'))
    }
}
