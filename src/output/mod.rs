//! The one writer. Every stage adds files to an [`Output`], most of them from [`Job`]s run in
//! parallel ([`job`]). In memory ([`Output::new`], for `serve` and tests) they stay there; for a
//! build ([`Output::staged`]) each file is written at once into a temporary folder beside the
//! output folder, so memory does not grow with the site. [`Output::commit`] swaps that folder
//! in only when the site is complete: a failed build leaves the old site as it was.

use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

mod job;

pub use job::{Job, JobError, Sink, Timings};

/// The files of a site, by path relative to its root (always `/`-separated, never absolute).
#[derive(Debug, Default)]
pub struct Output {
    /// Files kept in memory: all of them, or (when staged) those written by `append`.
    files: BTreeMap<String, Vec<u8>>,
    staging: Option<Staging>,
}

/// Where a staged output writes, and what it has written.
#[derive(Debug)]
struct Staging {
    dir: tempfile::TempDir,
    written: Written,
}

/// What a staged output has written: a 128-bit key per path, for the check that no path is
/// written twice (a large site has hundreds of thousands of paths, and a key is smaller than
/// most paths' text), and the totals of the report.
#[derive(Debug, Default)]
struct Written {
    keys: std::collections::HashSet<u128>,
    pages: usize,
    bytes: u64,
    /// The largest file and the fullest folder, for the static hosts' limits.
    tally: crate::hosts::Tally,
    /// Told of every file as it is written (`faircat build`'s progress line).
    progress: Option<std::sync::Arc<crate::progress::Counter>>,
}

impl Written {
    fn contains(&self, path: &str) -> bool {
        self.keys.contains(&path_key(path))
    }

    /// Count a file; `false` (counting nothing) if its path was written before.
    fn insert(&mut self, path: &str, size: u64) -> bool {
        if !self.keys.insert(path_key(path)) {
            return false;
        }
        if path.ends_with(".html") {
            self.pages += 1;
        }
        self.bytes += size;
        self.tally.add(path, size);
        if let Some(progress) = &self.progress {
            progress.add(size);
        }
        true
    }

    fn len(&self) -> usize {
        self.keys.len()
    }
}

/// Two 64-bit SipHashes of the path (fixed keys), so distinct paths do not collide in practice.
fn path_key(path: &str) -> u128 {
    use std::hash::{Hash, Hasher};
    let mut a = std::hash::DefaultHasher::new();
    path.hash(&mut a);
    let mut b = std::hash::DefaultHasher::new();
    (0x5eed_u16, path).hash(&mut b);
    (u128::from(a.finish()) << 64) | u128::from(b.finish())
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
    /// An output that keeps every file in memory.
    pub fn new() -> Self {
        Self::default()
    }

    /// An output that writes every file at once into a new folder beside `out_dir`, to be
    /// swapped in by [`Output::commit`] (or removed, if the output is dropped).
    pub fn staged(out_dir: &Path) -> Result<Self, OutputError> {
        let (parent, name) = parent_and_name(out_dir);
        std::fs::create_dir_all(&parent).map_err(|e| OutputError::Io(parent.clone(), e))?;
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{name}.new-"))
            .tempdir_in(&parent)
            .map_err(|e| OutputError::Io(parent.clone(), e))?;
        Ok(Output {
            files: BTreeMap::new(),
            staging: Some(Staging {
                dir,
                written: Written::default(),
            }),
        })
    }

    /// Count every file written, as it is written, in `counter` (a staged output only).
    pub fn with_progress(mut self, counter: std::sync::Arc<crate::progress::Counter>) -> Self {
        if let Some(staging) = self.staging.as_mut() {
            staging.written.progress = Some(counter);
        }
        self
    }

    /// Add a file. A path may be written only once.
    pub fn add(
        &mut self,
        path: impl Into<String>,
        bytes: impl Into<Vec<u8>>,
    ) -> Result<(), OutputError> {
        self.add_many(vec![(path.into(), bytes.into())])
    }

    /// Add many files at once; when staged, they are written in parallel.
    pub fn add_many(&mut self, files: Vec<(String, Vec<u8>)>) -> Result<(), OutputError> {
        use rayon::prelude::*;
        let mut seen = std::collections::BTreeSet::new();
        for (path, _) in &files {
            check_path(path)?;
            let taken = self.files.contains_key(path)
                || self
                    .staging
                    .as_ref()
                    .is_some_and(|s| s.written.contains(path));
            if taken || !seen.insert(path.as_str()) {
                return Err(OutputError::Duplicate(path.clone()));
            }
        }
        let Some(staging) = self.staging.as_mut() else {
            self.files.extend(files);
            return Ok(());
        };
        let root = staging.dir.path();
        let sizes: Vec<(String, u64)> = files
            .into_par_iter()
            .map(|(path, bytes)| {
                let size = write_file(root, &path, bytes)?;
                Ok((path, size))
            })
            .collect::<Result<_, OutputError>>()?;
        for (path, size) in sizes {
            staging.written.insert(&path, size);
        }
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

    /// A file kept in memory (not one already written by a staged output).
    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    /// The paths of the files kept in memory, in order (a staged output keeps only what was
    /// appended; what it wrote is on disk).
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    pub fn len(&self) -> usize {
        self.files.len() + self.staging.as_ref().map_or(0, |s| s.written.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Write what is still in memory to a fresh folder beside `out_dir` (the
    /// staging folder, if staged), then swap it in. On any error the previous `out_dir` is left
    /// untouched.
    pub fn commit(self, out_dir: &Path) -> Result<CommitReport, OutputError> {
        use rayon::prelude::*;
        let mut out = match self.staging {
            Some(_) => self,
            None => {
                let mut staged = Output::staged(out_dir)?;
                staged.files = self.files;
                staged
            }
        };
        let mut staging = out.staging.take().expect("staged");
        let in_memory: Vec<(String, Vec<u8>)> =
            std::mem::take(&mut out.files).into_iter().collect();
        let root = staging.dir.path();
        let sizes: Vec<(String, u64)> = in_memory
            .into_par_iter()
            .map(|(path, bytes)| Ok((path.clone(), write_file(root, &path, bytes)?)))
            .collect::<Result<_, OutputError>>()?;
        for (path, size) in sizes {
            if !staging.written.insert(&path, size) {
                return Err(OutputError::Duplicate(path));
            }
        }
        let written = &staging.written;
        let report = CommitReport {
            files: written.len(),
            pages: written.pages,
            bytes: written.bytes,
            size: written.tally.site_size(written.len() as u64, written.bytes),
        };

        let (parent, name) = parent_and_name(out_dir);
        let staging = staging.dir;
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
            remove_tree(&old);
        }
        Ok(report)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitReport {
    pub files: usize,
    /// HTML files among them.
    pub pages: usize,
    pub bytes: u64,
    /// What the static hosts' limits are checked against ([`crate::hosts`]).
    pub size: crate::hosts::SiteSize,
}

/// Remove a folder and everything in it (the previous site), in parallel: a large site has
/// hundreds of thousands of files. Best effort, like `remove_dir_all`: the new site is
/// already in place. Symbolic links are removed, never followed.
fn remove_tree(dir: &Path) {
    use rayon::prelude::*;
    let entries: Vec<(PathBuf, bool)> = std::fs::read_dir(dir)
        .map(|r| {
            r.flatten()
                .map(|e| (e.path(), e.file_type().is_ok_and(|t| t.is_dir())))
                .collect()
        })
        .unwrap_or_default();
    entries.par_iter().for_each(|(path, is_dir)| {
        if *is_dir {
            remove_tree(path);
        } else {
            let _ = std::fs::remove_file(path);
        }
    });
    let _ = std::fs::remove_dir(dir);
}

/// The folder an output folder is in (`.` for a bare name) and the output folder's name.
fn parent_and_name(out_dir: &Path) -> (PathBuf, String) {
    let parent = match out_dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = out_dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    (parent, name)
}

/// Write one file under `root`; its size on disk. Its folder is made only when the first
/// attempt finds it missing: most files go to a folder that exists, and asking first cost a
/// `stat` for every file.
fn write_file(root: &Path, path: &str, bytes: Vec<u8>) -> Result<u64, OutputError> {
    let target = root.join(path);
    let written = match std::fs::write(&target, &bytes) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            create_parent(&target)?;
            std::fs::write(&target, &bytes)
        }
        other => other,
    };
    written.map_err(|e| OutputError::Io(target.clone(), e))?;
    Ok(bytes.len() as u64)
}

/// Make the folder of `target`. `create_dir_all` tries `mkdir` first and accepts a folder
/// another thread has just made, so asking whether it exists first would only add a `stat`
/// for each new folder (there is one per dataset).
fn create_parent(target: &Path) -> Result<(), OutputError> {
    match target.parent() {
        Some(dir) => {
            std::fs::create_dir_all(dir).map_err(|e| OutputError::Io(dir.to_path_buf(), e))
        }
        None => Ok(()),
    }
}

/// First 10 hex digits of the SHA-256 of `bytes`: enough to tell versions of an asset apart.
pub fn content_hash(bytes: &[u8]) -> String {
    short_hex(&Sha256::digest(bytes))
}

/// [`content_hash`] of `parts` framed one after the other, each preceded by its length (`u64`
/// little-endian), without copying them into one buffer: the posting packs of a large index
/// are tens of megabytes.
pub fn framed_content_hash(parts: &[Vec<u8>]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    short_hex(&hasher.finalize())
}

fn short_hex(digest: &[u8]) -> String {
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

#[cfg(test)]
mod tests;
