//! Walk the catalog folder and read its sources: `content/datasets/*.yaml` and `content/_index.md`.
//!
//! Nothing here panics on odd files: folders named like entries, `.yml` files, files in
//! sub-folders, empty, binary or non-UTF-8 files and unreadable files all become diagnostics.

use crate::diagnostics::{Diagnostic, Diagnostics, Span};
use crate::vocab::slugify;
use rayon::prelude::*;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// One entry file as read from disk.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Relative to the catalog root, e.g. `content/datasets/lidc-idri.yaml`.
    pub path: PathBuf,
    /// The slug: the file name without `.yaml`.
    pub slug: String,
    /// Shared, so that caches hand it out without copying.
    pub text: std::sync::Arc<str>,
    /// A hash of `text`: equal hashes, same text (for caches).
    pub text_hash: u64,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, slug: impl Into<String>, text: String) -> SourceFile {
        let mut h = std::hash::DefaultHasher::new();
        text.hash(&mut h);
        SourceFile {
            path: path.into(),
            slug: slug.into(),
            text_hash: h.finish(),
            text: text.into(),
        }
    }
}

/// An entry file found by the walk, to be read.
struct Found {
    path: PathBuf,
    rel: PathBuf,
    slug: String,
    /// A problem with its name, reported before what reading it finds.
    slug_problem: Option<Diagnostic>,
}

/// Everything read from a catalog folder, with the problems met while reading (unreadable
/// files, invalid UTF-8, folders named like entries …).
#[derive(Debug, Default, Clone)]
pub struct Sources {
    /// The catalog root they were read from (`None` for sources made in memory).
    pub root: Option<PathBuf>,
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

/// Read every entry file and the about text. Entries come sorted by file name; files are
/// read in parallel.
pub fn read_catalog(root: &Path) -> Sources {
    let mut sources = Sources {
        root: Some(root.to_path_buf()),
        ..Sources::default()
    };
    sources.about = read_about(root, &mut sources.diagnostics);
    let dir = datasets_dir(root);
    if !dir.is_dir() {
        return sources;
    }
    let walker = WalkDir::new(&dir)
        .min_depth(1)
        .sort_by_file_name()
        .follow_links(false);
    let mut found = Vec::new();
    for item in walker {
        match item {
            Ok(e) => {
                if let Some(f) = walk_item(root, &e, &mut sources) {
                    found.push(f);
                }
            }
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
    let read: Vec<Result<SourceFile, Diagnostic>> = found.par_iter().map(read_entry).collect();
    for (f, result) in found.into_iter().zip(read) {
        if let Some(d) = f.slug_problem {
            sources.diagnostics.push(d);
        }
        match result {
            Ok(file) => sources.entries.push(file),
            Err(d) => sources.diagnostics.push(d),
        }
    }
    sources
}

/// Bring `sources` (read from `root` before) up to date after the files `changed` (relative
/// to `root`) changed, reading only those. Returns `false`, leaving `sources` as it was, when
/// a change is not simply an entry file written or removed; read the whole catalog then.
pub fn reread(root: &Path, sources: &mut Sources, changed: &[PathBuf]) -> bool {
    let dir = datasets_dir(root);
    let is_entry = |rel: &Path| {
        let path = root.join(rel);
        path.parent() == Some(dir.as_path())
            && path.extension().is_some_and(|x| x == "yaml")
            && !path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
            && !path.is_dir()
    };
    if !changed.iter().all(|rel| is_entry(rel)) {
        return false;
    }
    for rel in changed {
        sources.entries.retain(|f| f.path != *rel);
        sources.diagnostics.retain(|d| d.path != *rel);
        let path = root.join(rel);
        if !path.exists() {
            continue;
        }
        let slug = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let found = Found {
            slug_problem: check_slug(&slug, rel),
            path,
            rel: rel.clone(),
            slug,
        };
        if let Some(d) = found.slug_problem.clone() {
            sources.diagnostics.push(d);
        }
        match read_entry(&found) {
            Ok(file) => {
                let at = sources
                    .entries
                    .partition_point(|f| f.path.file_name() < file.path.file_name());
                sources.entries.insert(at, file);
            }
            Err(d) => sources.diagnostics.push(d),
        }
    }
    true
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

/// Report what is not an entry file; return the entry files to read.
fn walk_item(root: &Path, e: &walkdir::DirEntry, sources: &mut Sources) -> Option<Found> {
    let path = e.path();
    let rel = relative(root, path);
    let name = e.file_name().to_string_lossy();
    let is_dir = e.file_type().is_dir();
    let ext = path.extension().and_then(|x| x.to_str()).unwrap_or("");
    if name.starts_with('.') {
        return None;
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
        return None;
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
        "yaml" => {
            let slug = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            return Some(Found {
                path: path.to_path_buf(),
                slug_problem: check_slug(&slug, &rel),
                rel,
                slug,
            });
        }
        _ => {}
    }
    None
}

#[allow(clippy::result_large_err)] // as Config::load: a Diagnostic carries its source line
fn read_entry(f: &Found) -> Result<SourceFile, Diagnostic> {
    match read_text(&f.path) {
        Ok(text) if text.trim_start_matches('\u{FEFF}').trim().is_empty() => Err(
            Diagnostic::error(&f.rel, Span::file_start(), "the entry file is empty")
                .with_help("fill it in, or start from `faircat new <slug>`"),
        ),
        Ok(text) => Ok(SourceFile::new(&f.rel, &f.slug, text)),
        Err(problem) => Err(problem.into_diagnostic(&f.rel)),
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
