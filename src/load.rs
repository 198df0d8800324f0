//! Walk the catalog folder and read its sources: `content/datasets/*.yaml` and `content/_index.md`.

use crate::diagnostics::Diagnostics;
use std::path::{Path, PathBuf};

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

pub fn read_catalog(_root: &Path) -> Sources {
    Sources::default()
}

/// `content/datasets` under a catalog root.
pub fn datasets_dir(root: &Path) -> PathBuf {
    root.join("content").join("datasets")
}
