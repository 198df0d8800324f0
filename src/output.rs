//! The one writer. Every stage adds files to an [`Output`]; only [`Output::commit`] touches the
//! disk. HTML is minified there, and the new site is written to a temporary folder beside the
//! output folder and swapped in only when complete, so a failed build leaves the old site as it was.

use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

/// The files of a site, by path relative to its root (always `/`-separated, never absolute).
#[derive(Debug, Default)]
pub struct Output {
    files: BTreeMap<String, Vec<u8>>,
}

#[derive(Debug)]
pub enum OutputError {
    /// Two stages wrote the same path.
    Duplicate(String),
    /// A path that would escape the output folder or is otherwise unusable.
    BadPath(String),
    Io(PathBuf, io::Error),
}

impl std::fmt::Display for OutputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OutputError::Duplicate(p) => {
                write!(f, "two outputs were written to the same path '{p}'")
            }
            OutputError::BadPath(p) => {
                write!(f, "refusing to write outside the output folder: '{p}'")
            }
            OutputError::Io(p, e) => write!(f, "{}: {e}", p.display()),
        }
    }
}

impl std::error::Error for OutputError {}

impl Output {
    pub fn new() -> Self {
        Self::default()
    }

    /// Add a file. A path may be written only once.
    pub fn add(
        &mut self,
        path: impl Into<String>,
        bytes: impl Into<Vec<u8>>,
    ) -> Result<(), OutputError> {
        let path = path.into();
        check_path(&path)?;
        if self.files.contains_key(&path) {
            return Err(OutputError::Duplicate(path));
        }
        self.files.insert(path, bytes.into());
        Ok(())
    }

    /// Append to a file, creating it if needed: for files several stages contribute to, such
    /// as `_headers`.
    pub fn append(&mut self, path: &str, bytes: &[u8]) -> Result<(), OutputError> {
        check_path(path)?;
        self.files
            .entry(path.to_string())
            .or_default()
            .extend_from_slice(bytes);
        Ok(())
    }

    /// Add a file under a name that carries a hash of its content (`app.js` → `app.1a2b3c4d5e.js`),
    /// so it can be cached forever. Returns the path it was written to.
    pub fn add_fingerprinted(
        &mut self,
        path: &str,
        bytes: impl Into<Vec<u8>>,
    ) -> Result<String, OutputError> {
        let bytes = bytes.into();
        let hash = content_hash(&bytes);
        let fingerprinted = match path.rsplit_once('.') {
            Some((stem, ext)) if !stem.is_empty() && !ext.contains('/') => {
                format!("{stem}.{hash}.{ext}")
            }
            _ => format!("{path}.{hash}"),
        };
        self.add(fingerprinted.clone(), bytes)?;
        Ok(fingerprinted)
    }

    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Total size in bytes (before minification).
    pub fn total_bytes(&self) -> u64 {
        self.files.values().map(|b| b.len() as u64).sum()
    }

    /// Minify HTML, write everything to a fresh folder beside `out_dir`, then swap it in.
    /// On any error the previous `out_dir` is left untouched.
    pub fn commit(self, out_dir: &Path) -> Result<CommitReport, OutputError> {
        use rayon::prelude::*;
        let parent = match out_dir.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent).map_err(|e| OutputError::Io(parent.clone(), e))?;
        let name = out_dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let staging = tempfile::Builder::new()
            .prefix(&format!(".{name}.new-"))
            .tempdir_in(&parent)
            .map_err(|e| OutputError::Io(parent.clone(), e))?;

        let files: Vec<(String, Vec<u8>)> = self.files.into_iter().collect();
        let written: Result<Vec<u64>, OutputError> = files
            .into_par_iter()
            .map(|(path, bytes)| {
                let bytes = if path.ends_with(".html") {
                    minify(&bytes)
                } else {
                    bytes
                };
                let target = staging.path().join(&path);
                if let Some(dir) = target.parent() {
                    std::fs::create_dir_all(dir)
                        .map_err(|e| OutputError::Io(dir.to_path_buf(), e))?;
                }
                std::fs::write(&target, &bytes).map_err(|e| OutputError::Io(target.clone(), e))?;
                Ok(bytes.len() as u64)
            })
            .collect();
        let sizes = written?;

        let staged = staging.keep();
        let old = parent.join(format!(".{name}.old-{}", std::process::id()));
        let had_old = out_dir.exists();
        if had_old {
            std::fs::rename(out_dir, &old).map_err(|e| {
                let _ = std::fs::remove_dir_all(&staged);
                OutputError::Io(out_dir.to_path_buf(), e)
            })?;
        }
        if let Err(e) = std::fs::rename(&staged, out_dir) {
            if had_old {
                let _ = std::fs::rename(&old, out_dir);
            }
            let _ = std::fs::remove_dir_all(&staged);
            return Err(OutputError::Io(out_dir.to_path_buf(), e));
        }
        if had_old {
            let _ = std::fs::remove_dir_all(&old);
        }
        Ok(CommitReport {
            files: sizes.len(),
            bytes: sizes.iter().sum(),
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommitReport {
    pub files: usize,
    pub bytes: u64,
}

/// First 10 hex digits of the SHA-256 of `bytes`: enough to tell versions of an asset apart.
pub fn content_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().take(5).map(|b| format!("{b:02x}")).collect()
}

fn check_path(path: &str) -> Result<(), OutputError> {
    let bad = path.is_empty()
        || path.starts_with('/')
        || path.contains('\\')
        || path.contains('\0')
        || path
            .split('/')
            .any(|seg| seg.is_empty() || seg == "." || seg == "..");
    if bad {
        Err(OutputError::BadPath(path.to_string()))
    } else {
        Ok(())
    }
}

fn minify(html: &[u8]) -> Vec<u8> {
    let cfg = minify_html::Cfg {
        minify_css: true,
        minify_js: true,
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        ..minify_html::Cfg::default()
    };
    minify_html::minify(html, &cfg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_paths_that_escape() {
        let mut out = Output::new();
        for p in ["../x", "/etc/passwd", "a//b", "a/./b", "", "a\\b"] {
            assert!(
                matches!(out.add(p, "x"), Err(OutputError::BadPath(_))),
                "{p}"
            );
        }
        out.add("a/b.html", "x").unwrap();
        assert!(matches!(
            out.add("a/b.html", "y"),
            Err(OutputError::Duplicate(_))
        ));
    }

    #[test]
    fn minifying_keeps_the_security_policy() {
        let page = crate::render::csp::insert_meta(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>t</title></head><body></body></html>",
        )
        .unwrap();
        let small = String::from_utf8(minify(page.as_bytes())).unwrap();
        assert!(
            small.contains("http-equiv=Content-Security-Policy")
                && small.contains(crate::render::csp::META_POLICY),
            "{small}"
        );
    }

    #[test]
    fn fingerprint_depends_on_content() {
        let mut out = Output::new();
        let a = out.add_fingerprinted("static/app.js", "one").unwrap();
        let b = out.add_fingerprinted("static/other.js", "two").unwrap();
        assert!(
            a.starts_with("static/app.")
                && a.ends_with(".js")
                && a.len() == "static/app..js".len() + 10
        );
        assert_ne!(a.split('.').nth(1), b.split('.').nth(1));
    }

    #[test]
    fn commit_swaps_in_new_site_and_removes_old() {
        let dir = tempfile::tempdir().unwrap();
        let out_dir = dir.path().join("public");
        let mut first = Output::new();
        first.add("old.txt", "old").unwrap();
        first.commit(&out_dir).unwrap();
        let mut second = Output::new();
        second.add("index.html", "<p>new</p>").unwrap();
        let report = second.commit(&out_dir).unwrap();
        assert_eq!(report.files, 1);
        assert!(!out_dir.join("old.txt").exists());
        assert!(
            std::fs::read_to_string(out_dir.join("index.html"))
                .unwrap()
                .contains("new")
        );
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no staging or old folders left behind");
    }
}
