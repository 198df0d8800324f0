//! The one writer. Every stage adds files to an [`Output`]. In memory ([`Output::new`], for
//! `serve` and tests) they stay there; for a build ([`Output::staged`]) each file is written at
//! once into a temporary folder beside the output folder, so memory does not grow with the
//! site. (Pages come out of templates that were minified once, see `render`.) [`Output::commit`] swaps that folder in only when the site is
//! complete: a failed build leaves the old site as it was.

use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub type JobError = Box<dyn std::error::Error + Send + Sync>;

/// A piece of the site to make: what kind of work it is (for timings) and the work, which puts
/// its files into a [`Sink`]. Jobs run in parallel ([`Output::run`]), so a large catalog keeps
/// both cores busy: the whole-catalog files are made while pages are rendered.
pub struct Job<'a> {
    pub kind: &'static str,
    work: Work<'a>,
}

type Work<'a> = Box<dyn FnOnce(&Sink) -> Result<(), JobError> + Send + 'a>;

impl<'a> Job<'a> {
    pub fn new(
        kind: &'static str,
        work: impl FnOnce(&Sink) -> Result<(), JobError> + Send + 'a,
    ) -> Job<'a> {
        Job {
            kind,
            work: Box::new(work),
        }
    }
}

/// Time spent per kind of job, summed over jobs (so it can exceed the wall time).
pub type Timings = BTreeMap<&'static str, Duration>;

/// Where running jobs put files: written at once into the staging folder, or kept in memory.
/// Shared by every job of one [`Output::run`].
pub struct Sink<'o> {
    /// The staging folder; `None` for an output kept in memory.
    root: Option<&'o Path>,
    /// What the staged output has written, this run included.
    written: Mutex<Written>,
    /// Paths of files the output keeps in memory (written when it is committed).
    in_memory: &'o BTreeMap<String, Vec<u8>>,
    /// Files kept in memory by this run (an output that is not staged).
    kept: Mutex<Vec<(String, Vec<u8>)>>,
}

impl Sink<'_> {
    /// Add one file.
    pub fn add(
        &self,
        path: impl Into<String>,
        bytes: impl Into<Vec<u8>>,
    ) -> Result<(), OutputError> {
        let path = path.into();
        check_path(&path)?;
        match self.root {
            Some(root) => {
                let size = write_file(root, &path, bytes.into())?;
                self.written_once(path, size)
            }
            None => {
                self.kept
                    .lock()
                    .expect("no job panicked")
                    .push((path, bytes.into()));
                Ok(())
            }
        }
    }

    /// Record a file written to the staging folder; an error if its path was written before.
    fn written_once(&self, path: String, size: u64) -> Result<(), OutputError> {
        let first = !self.in_memory.contains_key(&path)
            && self
                .written
                .lock()
                .expect("no job panicked")
                .insert(&path, size);
        if first {
            Ok(())
        } else {
            Err(OutputError::Duplicate(path))
        }
    }

    /// Add files one after the other (jobs run in parallel, not the files of one job).
    pub fn add_many(&self, files: Vec<(String, Vec<u8>)>) -> Result<(), OutputError> {
        files
            .into_iter()
            .try_for_each(|(path, bytes)| self.add(path, bytes))
    }

    /// A file written piece by piece by `write`, so it never has to be in memory whole: the
    /// whole-catalog exports of a large catalog are hundreds of megabytes.
    pub fn stream(
        &self,
        path: &str,
        write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> Result<(), JobError> {
        self.stream_each([path], |[w]| write(w))
    }

    /// Files written piece by piece at the same time, by one `write` that gets a writer for
    /// each of `paths` (in order): for files made from the same pieces, such as one graph in
    /// two syntaxes.
    pub fn stream_each<const N: usize>(
        &self,
        paths: [&str; N],
        write: impl FnOnce([&mut dyn Write; N]) -> io::Result<()>,
    ) -> Result<(), JobError> {
        for path in paths {
            check_path(path)?;
            // Checked again when the files are done; this check keeps a clash from emptying a
            // file that was written before.
            if self.in_memory.contains_key(path)
                || self.written.lock().expect("no job panicked").contains(path)
            {
                return Err(OutputError::Duplicate(path.to_string()).into());
            }
        }
        let Some(root) = self.root else {
            let mut buffers: [Vec<u8>; N] = std::array::from_fn(|_| Vec::new());
            write(buffers.each_mut().map(|b| b as &mut dyn Write))
                .map_err(|e| OutputError::Io(PathBuf::from(paths[0]), e))?;
            let mut kept = self.kept.lock().expect("no job panicked");
            for (path, bytes) in paths.into_iter().zip(buffers) {
                kept.push((path.to_string(), bytes));
            }
            return Ok(());
        };
        let targets = paths.map(|path| root.join(path));
        let mut writers = Vec::with_capacity(N);
        for target in &targets {
            create_parent(target)?;
            let file =
                std::fs::File::create(target).map_err(|e| OutputError::Io(target.clone(), e))?;
            writers.push(io::BufWriter::with_capacity(1 << 20, file));
        }
        let mut writers: [io::BufWriter<std::fs::File>; N] = writers
            .try_into()
            .unwrap_or_else(|_| unreachable!("one writer per path"));
        // A failed write is reported with the file it was for; an error `write` made itself,
        // with the first file.
        let failed = std::cell::Cell::new(None);
        let mut index = 0;
        let mut noting = writers.each_mut().map(|inner| {
            index += 1;
            NotingWriter {
                inner,
                index: index - 1,
                failed: &failed,
            }
        });
        write(noting.each_mut().map(|w| w as &mut dyn Write))
            .map_err(|e| OutputError::Io(targets[failed.get().unwrap_or(0)].clone(), e))?;
        for ((path, target), w) in paths.into_iter().zip(&targets).zip(writers) {
            let file = w
                .into_inner()
                .map_err(|e| OutputError::Io(target.clone(), e.into_error()))?;
            let size = file
                .metadata()
                .map_err(|e| OutputError::Io(target.clone(), e))?
                .len();
            self.written_once(path.to_string(), size)?;
        }
        Ok(())
    }
}

/// One of a group of writers: notes in `failed` which of them failed first.
struct NotingWriter<'a, W> {
    inner: W,
    index: usize,
    failed: &'a std::cell::Cell<Option<usize>>,
}

impl<W: Write> NotingWriter<'_, W> {
    fn note<T>(&self, result: io::Result<T>) -> io::Result<T> {
        if result.is_err() && self.failed.get().is_none() {
            self.failed.set(Some(self.index));
        }
        result
    }
}

impl<W: Write> Write for NotingWriter<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let result = self.inner.write(buf);
        self.note(result)
    }

    fn flush(&mut self) -> io::Result<()> {
        let result = self.inner.flush();
        self.note(result)
    }
}

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
/// written twice (a large site has hundreds of thousands of paths; keeping them all as text
/// cost a tenth of the build's memory), and the totals of the report.
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

    /// Run `jobs` in parallel (biggest first is best: they are started in order), each putting
    /// its files into the output as it finishes them. Returns the time each kind of job took.
    pub fn run(&mut self, jobs: Vec<Job<'_>>) -> Result<Timings, JobError> {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let root = self.staging.as_ref().map(|s| s.dir.path().to_path_buf());
        let written = self
            .staging
            .as_mut()
            .map(|s| std::mem::take(&mut s.written))
            .unwrap_or_default();
        let sink = Sink {
            root: root.as_deref(),
            written: Mutex::new(written),
            in_memory: &self.files,
            kept: Mutex::new(Vec::new()),
        };
        // Each worker takes the next job in order, so long jobs put first start first (a
        // parallel iterator would split the list in halves and start one in the middle).
        let jobs: Vec<Mutex<Option<Job<'_>>>> =
            jobs.into_iter().map(|j| Mutex::new(Some(j))).collect();
        let next = AtomicUsize::new(0);
        let done: Mutex<Vec<(&'static str, Duration)>> = Mutex::new(Vec::new());
        let failed: Mutex<Option<JobError>> = Mutex::new(None);
        rayon::scope(|scope| {
            for _ in 0..rayon::current_num_threads() {
                scope.spawn(|_| {
                    while let Some(slot) = jobs.get(next.fetch_add(1, Ordering::Relaxed)) {
                        let Some(job) = slot.lock().expect("no job panicked").take() else {
                            continue;
                        };
                        let started = Instant::now();
                        match (job.work)(&sink) {
                            Ok(()) => done
                                .lock()
                                .expect("no job panicked")
                                .push((job.kind, started.elapsed())),
                            Err(e) => {
                                // Stop handing out jobs; the first error is the one reported.
                                next.store(jobs.len(), Ordering::Relaxed);
                                failed.lock().expect("no job panicked").get_or_insert(e);
                            }
                        }
                    }
                });
            }
        });
        let Sink { written, kept, .. } = sink;
        if let Some(staging) = self.staging.as_mut() {
            staging.written = written.into_inner().expect("no job panicked");
        }
        if let Some(e) = failed.into_inner().expect("no job panicked") {
            return Err(e);
        }
        let timed = done.into_inner().expect("no job panicked");
        let mut kept = kept.into_inner().expect("no job panicked");
        kept.sort_by(|a, b| a.0.cmp(&b.0));
        for pair in kept.windows(2) {
            if pair[0].0 == pair[1].0 {
                return Err(OutputError::Duplicate(pair[0].0.clone()).into());
            }
        }
        for (path, bytes) in kept {
            if self.files.contains_key(&path) {
                return Err(OutputError::Duplicate(path).into());
            }
            self.files.insert(path, bytes);
        }
        let mut timings = Timings::new();
        for (kind, took) in timed {
            *timings.entry(kind).or_default() += took;
        }
        Ok(timings)
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

    #[test]
    fn a_staged_output_writes_at_once_and_leaves_nothing_when_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let out_dir = dir.path().join("public");
        std::fs::create_dir_all(&out_dir).unwrap();
        std::fs::write(out_dir.join("keep.txt"), "old site").unwrap();

        let mut failed = Output::staged(&out_dir).unwrap();
        failed.add("a.html", "<p>x</p>").unwrap();
        assert_eq!(failed.len(), 1);
        assert!(
            failed.get("a.html").is_none(),
            "written, not kept in memory"
        );
        drop(failed);
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(
            names.len(),
            1,
            "the staging folder is removed with the output"
        );
        assert!(
            out_dir.join("keep.txt").exists(),
            "the old site is untouched"
        );

        let mut out = Output::staged(&out_dir).unwrap();
        out.add_many(vec![
            ("b/index.html".into(), b"<p>y</p>".to_vec()),
            ("c.json".into(), b"{}".to_vec()),
        ])
        .unwrap();
        assert!(matches!(
            out.add("c.json", "again"),
            Err(OutputError::Duplicate(_))
        ));
        out.append("_headers", b"/*\n").unwrap();
        let report = out.commit(&out_dir).unwrap();
        assert_eq!((report.files, report.pages), (3, 1));
        assert!(!out_dir.join("keep.txt").exists());
        assert_eq!(
            std::fs::read_to_string(out_dir.join("b/index.html")).unwrap(),
            "<p>y</p>"
        );
        assert_eq!(
            std::fs::read_to_string(out_dir.join("_headers")).unwrap(),
            "/*\n"
        );
    }

    #[test]
    fn a_framed_hash_is_the_hash_of_the_framed_parts_put_together() {
        let parts: Vec<Vec<u8>> = vec![b"abc".to_vec(), Vec::new(), vec![0; 1000]];
        let mut joined = Vec::new();
        for p in &parts {
            joined.extend_from_slice(&(p.len() as u64).to_le_bytes());
            joined.extend_from_slice(p);
        }
        assert_eq!(framed_content_hash(&parts), content_hash(&joined));
        assert_ne!(
            framed_content_hash(&parts[..2]),
            framed_content_hash(&parts)
        );
        assert_eq!(content_hash(b"").len(), 10);
    }

    /// An output staged beside `out_dir`, or kept in memory.
    fn test_output(staged: bool, out_dir: &Path) -> Output {
        if staged {
            Output::staged(out_dir).unwrap()
        } else {
            Output::new()
        }
    }

    #[test]
    fn files_streamed_together_are_each_written_whole() {
        let dir = tempfile::tempdir().unwrap();
        let out_dir = dir.path().join("public");
        for staged in [true, false] {
            let mut out = test_output(staged, &out_dir);
            let job = Job::new("pair", |sink| {
                sink.stream_each(["a/one.txt", "two.txt"], |[one, two]| {
                    for i in 0..3 {
                        write!(one, "{i}")?;
                        write!(two, "<{i}>")?;
                    }
                    Ok(())
                })
            });
            out.run(vec![job]).unwrap();
            assert_eq!(out.len(), 2, "staged: {staged}");
            let again = Job::new("again", |sink| sink.stream_each(["two.txt"], |_| Ok(())));
            assert_eq!(
                out.run(vec![again]).unwrap_err().to_string(),
                "two outputs were written to the same path 'two.txt'"
            );
            let files: Vec<String> = if staged {
                out.commit(&out_dir).unwrap();
                ["a/one.txt", "two.txt"]
                    .map(|p| std::fs::read_to_string(out_dir.join(p)).unwrap())
                    .into()
            } else {
                ["a/one.txt", "two.txt"]
                    .map(|p| String::from_utf8(out.get(p).unwrap().to_vec()).unwrap())
                    .into()
            };
            assert_eq!(files, ["012", "<0><1><2>"], "staged: {staged}");
        }
    }

    /// A file that cannot be written (a link to `/dev/full`) among files streamed together:
    /// the error names that file, not the first of the group.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_failed_stream_names_the_file_that_failed() {
        let dir = tempfile::tempdir().unwrap();
        let out_dir = dir.path().join("public");
        let mut out = Output::staged(&out_dir).unwrap();
        let staging = std::fs::read_dir(dir.path())
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        std::os::unix::fs::symlink("/dev/full", staging.join("two.txt")).unwrap();
        let job = Job::new("pair", |sink| {
            sink.stream_each(["one.txt", "two.txt"], |[one, two]| {
                one.write_all(b"fine")?;
                // More than the buffer holds, so the write itself reaches the file.
                two.write_all(&vec![b'x'; 4 << 20])
            })
        });
        let e = out.run(vec![job]).unwrap_err().to_string();
        assert!(e.contains("two.txt"), "{e}");
        assert!(!e.contains("one.txt"), "{e}");
    }

    #[test]
    fn jobs_run_in_parallel_and_no_path_is_written_twice() {
        let dir = tempfile::tempdir().unwrap();
        let out_dir = dir.path().join("public");
        for staged in [true, false] {
            let mut out = test_output(staged, &out_dir);
            out.append("_headers", b"/*\n").unwrap();
            let jobs: Vec<Job> = (0..20)
                .map(|i| {
                    Job::new("files", move |sink| {
                        sink.add(format!("f/{i}.txt"), format!("{i}"))?;
                        sink.stream(&format!("s/{i}.txt"), |w| w.write_all(b"streamed"))
                    })
                })
                .collect();
            let timings = out.run(jobs).unwrap();
            assert!(timings.contains_key("files"));
            assert_eq!(out.len(), 41, "staged: {staged}");
            for (path, clash) in [("f/3.txt", "again"), ("_headers", "in memory")] {
                let e = out
                    .run(vec![Job::new("clash", move |sink| {
                        sink.add(path, clash)?;
                        Ok(())
                    })])
                    .unwrap_err();
                assert_eq!(
                    e.to_string(),
                    format!("two outputs were written to the same path '{path}'"),
                    "staged: {staged}"
                );
            }
            if staged {
                let report = out.commit(&out_dir).unwrap();
                assert_eq!(report.files, 41);
                assert_eq!(
                    std::fs::read_to_string(out_dir.join("s/19.txt")).unwrap(),
                    "streamed"
                );
            }
        }
    }
}
