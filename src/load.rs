//! Walk the catalog folder and read its sources: `content/datasets/*.yaml` and `content/_index.md`.
//!
//! Nothing here panics on odd files: folders named like entries, `.yml` files, files in
//! sub-folders, empty, binary or non-UTF-8 files and unreadable files all become diagnostics.

use crate::diagnostics::{Diagnostic, Diagnostics, Span};
use crate::vocab::slugify;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// One entry file as read from disk.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Relative to the catalog root, e.g. `content/datasets/lidc-idri.yaml`.
    pub path: PathBuf,
    /// The slug: the file name without `.yaml`.
    pub slug: String,
    pub text: String,
}

/// Everything read from a catalog folder, with the problems met while reading (unreadable
/// files, invalid UTF-8, folders named like entries …).
#[derive(Debug, Default)]
pub struct Sources {
    pub entries: Vec<SourceFile>,
    /// Markdown of `content/_index.md` (empty if absent).
    pub about: String,
    pub diagnostics: Diagnostics,
}

/// `content/datasets` under a catalog root.
pub fn datasets_dir(root: &Path) -> PathBuf {
    root.join("content").join("datasets")
}

/// `content/_index.md`, relative to the catalog root.
pub const ABOUT_FILE: &str = "content/_index.md";

/// Read every entry file and the about text. Entries come sorted by file name.
pub fn read_catalog(root: &Path) -> Sources {
    let mut sources = Sources::default();
    sources.about = read_about(root, &mut sources.diagnostics);
    let dir = datasets_dir(root);
    if !dir.is_dir() {
        return sources;
    }
    let walker = WalkDir::new(&dir)
        .min_depth(1)
        .sort_by_file_name()
        .follow_links(false);
    for item in walker {
        match item {
            Ok(e) => read_item(root, &e, &mut sources),
            Err(err) => {
                let rel = err
                    .path()
                    .map_or_else(|| relative(root, &dir), |p| relative(root, p));
                sources.diagnostics.push(
                    Diagnostic::error(rel, Span::file_start(), format!("cannot read: {err}"))
                        .with_help("check the file's permissions"),
                );
            }
        }
    }
    sources
}

fn read_about(root: &Path, diagnostics: &mut Diagnostics) -> String {
    let path = root.join(ABOUT_FILE);
    if !path.exists() {
        return String::new();
    }
    match read_text(&path) {
        Ok(text) => text,
        Err(problem) => {
            diagnostics.push(problem.into_diagnostic(ABOUT_FILE));
            String::new()
        }
    }
}

fn read_item(root: &Path, e: &walkdir::DirEntry, sources: &mut Sources) {
    let path = e.path();
    let rel = relative(root, path);
    let name = e.file_name().to_string_lossy();
    let is_dir = e.file_type().is_dir();
    let ext = path.extension().and_then(|x| x.to_str()).unwrap_or("");
    if name.starts_with('.') {
        return;
    }
    let at = Span::file_start();
    let nested = e.depth() > 1;
    if is_dir {
        if ext == "yaml" || ext == "yml" {
            sources.diagnostics.push(
                Diagnostic::error(rel, at, "a folder is named like an entry")
                    .with_help("an entry is one file, content/datasets/<slug>.yaml; rename or remove the folder"),
            );
        }
        return;
    }
    match ext {
        "yml" => sources.diagnostics.push(
            Diagnostic::error(&rel, at, "entry files end in .yaml, not .yml").with_help(format!(
                "rename it: git mv {} {}",
                rel.display(),
                rel.with_extension("yaml").display()
            )),
        ),
        "yaml" if nested => sources.diagnostics.push(
            Diagnostic::error(rel, at, "entries in sub-folders are not read")
                .with_help("move the file directly into content/datasets/"),
        ),
        "yaml" => read_entry(path, rel, sources),
        _ => {}
    }
}

fn read_entry(path: &Path, rel: PathBuf, sources: &mut Sources) {
    let slug = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if let Some(d) = check_slug(&slug, &rel) {
        sources.diagnostics.push(d);
    }
    match read_text(path) {
        Ok(text) if text.trim_start_matches('\u{FEFF}').trim().is_empty() => {
            sources.diagnostics.push(
                Diagnostic::error(rel, Span::file_start(), "the entry file is empty")
                    .with_help("fill it in, or start from `faircat new <slug>`"),
            );
        }
        Ok(text) => sources.entries.push(SourceFile {
            path: rel,
            slug,
            text,
        }),
        Err(problem) => sources.diagnostics.push(problem.into_diagnostic(rel)),
    }
}

/// A slug is lowercase ASCII letters and digits, joined by single dashes.
pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

fn check_slug(slug: &str, rel: &Path) -> Option<Diagnostic> {
    if is_valid_slug(slug) {
        return None;
    }
    let suggestion = slugify(slug);
    let help = if suggestion.is_empty() {
        "name the file with lowercase letters, digits and single dashes, e.g. lidc-idri.yaml"
            .to_string()
    } else {
        format!(
            "rename the file to {suggestion}.yaml (lowercase letters, digits and single dashes)"
        )
    };
    Some(
        Diagnostic::error(
            rel,
            Span::file_start(),
            format!("'{slug}' is not a valid slug: the file name becomes the page's URL"),
        )
        .with_help(help),
    )
}

/// Why a file could not be read as text.
enum ReadProblem {
    Io(std::io::Error),
    Binary,
    NotUtf8 {
        line: usize,
        column: usize,
        /// The offending line, with the bad bytes shown as U+FFFD.
        shown: String,
    },
}

impl ReadProblem {
    fn into_diagnostic(self, rel: impl Into<PathBuf>) -> Diagnostic {
        match self {
            ReadProblem::Io(e) => Diagnostic::error(
                rel,
                Span::file_start(),
                format!("cannot read the file: {e}"),
            )
            .with_help("check that the file exists and is readable"),
            ReadProblem::Binary => Diagnostic::error(
                rel,
                Span::file_start(),
                "the file is binary (it contains NUL bytes), not YAML text",
            )
            .with_help("entries are UTF-8 text files"),
            ReadProblem::NotUtf8 {
                line,
                column,
                shown,
            } => Diagnostic::error(
                rel,
                Span::new(line, column, 1),
                "the file is not valid UTF-8",
            )
            .with_help("save the file as UTF-8 (most editors offer this under \"encoding\")")
            .with_source(&format!("{}{shown}", "\n".repeat(line - 1))),
        }
    }
}

fn read_text(path: &Path) -> Result<String, ReadProblem> {
    let bytes = std::fs::read(path).map_err(ReadProblem::Io)?;
    if bytes.contains(&0) {
        return Err(ReadProblem::Binary);
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        // The prefix is valid UTF-8 by definition of valid_up_to.
        let prefix = std::str::from_utf8(valid).unwrap_or_default();
        let line = prefix.matches('\n').count() + 1;
        let line_start = prefix.rfind('\n').map_or(0, |i| i + 1);
        let column = prefix[line_start..].chars().count() + 1;
        let rest = &e.as_bytes()[line_start..];
        let line_end = rest.iter().position(|b| *b == b'\n').unwrap_or(rest.len());
        let shown = String::from_utf8_lossy(&rest[..line_end]).into_owned();
        ReadProblem::NotUtf8 {
            line,
            column,
            shown,
        }
    })
}

fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(is_valid_slug("lidc-idri"));
        assert!(is_valid_slug("brats2021"));
        for bad in ["", "LIDC", "a--b", "-a", "a-", "a_b", "a.b", "é"] {
            assert!(!is_valid_slug(bad), "{bad}");
        }
    }
}
