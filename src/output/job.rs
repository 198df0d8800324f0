//! Jobs: the pieces of work that make the site's files, run in parallel by [`Output::run`],
//! each putting its files into a [`Sink`] as it makes them.

use super::{Output, OutputError, Written, check_path, create_parent, write_file};
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

impl Output {
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
}
