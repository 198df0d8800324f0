//! The pipeline, in the order it runs: load → validate → render pages, search index and exports
//! into one [`Output`] → commit it to disk in one place.

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Catalog;
use crate::output::{CommitReport, Job, Output, OutputError, Timings};
use crate::render::{Pages, Renderer};
use crate::theme::Theme;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Catalog root: the folder with `faircat.toml`.
    pub root: PathBuf,
    /// Output folder; replaced as a whole when the build succeeds.
    pub out: PathBuf,
    /// Overrides `base_url` of `faircat.toml` (preview deployments).
    pub base_url: Option<String>,
    /// Treat warnings as errors.
    pub deny_warnings: bool,
    /// Draw a progress line on standard error ([`crate::progress`]; the CLI decides whether
    /// anyone is watching).
    pub progress: bool,
}

#[derive(Debug)]
pub struct BuildReport {
    pub diagnostics: Diagnostics,
    pub datasets: usize,
    pub drafts: usize,
    pub pages: usize,
    pub files: usize,
    pub bytes: u64,
    /// The output's size as the static hosts' limits see it ([`crate::hosts::exceeded`]).
    pub size: crate::hosts::SiteSize,
    /// Wall time of each stage, in the order they ran: load+validate, generate, commit.
    pub stages: Vec<(&'static str, Duration)>,
    /// CPU time of each kind of work in the generate stage (pages, search index, each
    /// export), summed over the jobs that ran in parallel.
    pub work: Timings,
}

#[derive(Debug)]
pub enum BuildError {
    /// The input has errors (or warnings with `deny_warnings`); nothing was written.
    Invalid(Diagnostics),
    /// A template or other stage failed; nothing was written.
    Generate(String),
    /// Writing the output failed; the previous output is intact.
    Output(OutputError),
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::Invalid(d) => write!(f, "{}", d.summary()),
            BuildError::Generate(m) => write!(f, "error: {m}"),
            BuildError::Output(e) => write!(f, "error: {e}"),
        }
    }
}

impl std::error::Error for BuildError {}

/// Read and validate the catalog at `root`. Returns the catalog with its warnings, or every
/// problem found. `base_url` overrides the one in `faircat.toml`.
pub fn load(root: &Path, base_url: Option<&str>) -> Result<(Catalog, Diagnostics), Diagnostics> {
    let mut config = Config::load(root).map_err(single)?;
    if let Some(url) = base_url {
        config = config.with_base_url(url).map_err(single)?;
    }
    let sources = crate::load::read_catalog(root);
    crate::validate::validate(config, sources)
}

pub fn single(d: Diagnostic) -> Diagnostics {
    let mut ds = Diagnostics::new();
    ds.push(d);
    ds
}

/// Every job that makes the site's files, for a catalog whose [`Renderer`] has been prepared
/// (which wrote the files every page needs): the search index, the exports, and the pages
/// (`pages`) with the sitemaps and feeds. The one composition of the stages: `build` runs it
/// through [`generate`], `serve` runs it without the pages, which it renders on request.
///
/// The longest jobs come first: the search index and the whole-catalog exports (which lead
/// `metadata::jobs`), then the many small ones (pages, per-dataset files), so every core stays
/// busy to the end.
pub fn jobs<'a>(catalog: &'a Catalog, renderer: &'a Renderer, pages: Pages) -> Vec<Job<'a>> {
    let mut jobs = vec![crate::search::job(catalog)];
    jobs.extend(crate::metadata::jobs(catalog));
    jobs.extend(crate::render::jobs(catalog, renderer, pages));
    jobs
}

/// Every file of the site for a validated catalog, into `out` (kept in memory, or staged for
/// writing): what every page needs, then [`jobs`] with every page. Returns the output and the
/// time each kind of work took (summed over the jobs that ran in parallel).
pub fn generate(
    catalog: &Catalog,
    theme: &Theme,
    mut out: Output,
) -> Result<(Output, Timings), BuildError> {
    let generate = |e: &dyn std::fmt::Display| BuildError::Generate(e.to_string());
    let renderer = Renderer::prepare(catalog, theme, &mut out).map_err(|e| generate(&e))?;
    let timings = out
        .run(jobs(catalog, &renderer, Pages::All))
        .map_err(|e| generate(&e))?;
    Ok((out, timings))
}

/// Load, validate, generate and write the site. The output folder is replaced only on success.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    let progress = crate::progress::Progress::start(opts.progress);
    let mut lap = Lap::start();
    let (catalog, diagnostics) =
        load(&opts.root, opts.base_url.as_deref()).map_err(BuildError::Invalid)?;
    if opts.deny_warnings && diagnostics.warnings() > 0 {
        return Err(BuildError::Invalid(diagnostics));
    }
    lap.end("load+validate");
    progress.stage("generating");
    let theme = Theme::load(&opts.root, &catalog.config.theme)
        .map_err(|e| BuildError::Generate(e.to_string()))?;
    let staged = Output::staged(&opts.out)
        .map_err(BuildError::Output)?
        .with_progress(progress.counter());
    let (output, work) = generate(&catalog, &theme, staged)?;
    lap.end("generate");
    progress.stage("writing");
    let CommitReport {
        files,
        pages,
        bytes,
        size,
    } = output.commit(&opts.out).map_err(BuildError::Output)?;
    lap.end("commit");
    progress.finish();
    Ok(BuildReport {
        datasets: catalog.datasets.len(),
        drafts: catalog.drafts.len(),
        diagnostics,
        pages,
        files,
        bytes,
        size,
        stages: lap.stages,
        work,
    })
}

/// Wall time of consecutive stages.
struct Lap {
    started: Instant,
    stages: Vec<(&'static str, Duration)>,
}

impl Lap {
    fn start() -> Lap {
        Lap {
            started: Instant::now(),
            stages: Vec::new(),
        }
    }

    /// The stage that ends now took the time since the previous one ended.
    fn end(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.stages.push((stage, now - self.started));
        self.started = now;
    }
}

/// Validate without writing anything.
pub fn check(root: &Path) -> Diagnostics {
    match load(root, None) {
        Ok((_, warnings)) => warnings,
        Err(errors) => errors,
    }
}
