//! Turn parsed entries into the validated [`Catalog`], reporting every problem with its place.
//!
//! `fields` reads one entry, field by field, with one handler per field of the entry's field
//! table (`crate::entry`), and `controlled`, `nested` and `license` for the harder fields; all
//! of them fill a `draft::Draft` and share its list helpers (no handler module imports another);
//! `check` holds the checks of single values (URLs, DOIs, dates, counts); `cross` checks
//! entries against each other.

mod check;
mod controlled;
mod cross;
mod draft;
mod fields;
mod license;
mod nested;

pub use fields::{field_names, handler};

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics, Span};
use crate::load::{SourceFile, Sources};
use crate::model::{Catalog, Dataset, Targets};
use check::Problem;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Validate every entry and the links between them. Errors make the result `Err` with all
/// problems; otherwise the catalog comes with its warnings.
pub fn validate(config: Config, sources: Sources) -> Result<(Catalog, Diagnostics), Diagnostics> {
    run(config, sources, None)
}

/// What was found in each entry file the last time, so that `faircat serve` re-reads only the
/// entries whose text changed.
#[derive(Default)]
pub struct EntryCache {
    entries: HashMap<PathBuf, Arc<CachedEntry>>,
}

struct CachedEntry {
    text_hash: u64,
    checked: Option<Checked>,
    problems: Vec<Diagnostic>,
}

/// [`validate`], reusing what `cache` holds for entries whose text has not changed, and
/// leaving in it what this run found.
pub fn validate_with(
    config: Config,
    sources: Sources,
    cache: &mut EntryCache,
) -> Result<(Catalog, Diagnostics), Diagnostics> {
    run(config, sources, Some(cache))
}

/// Entries are read in parallel; the cross-entry checks follow.
fn run(
    config: Config,
    sources: Sources,
    cache: Option<&mut EntryCache>,
) -> Result<(Catalog, Diagnostics), Diagnostics> {
    let Sources {
        root,
        entries: files,
        about,
        diagnostics: load_problems,
    } = sources;
    let mut problems: Vec<Diagnostic> = load_problems.iter().cloned().collect();
    let cached = cache.as_deref();
    // Each file is consumed as it is read: the text of an entry without problems is dropped
    // at once (a large catalog's texts and datasets need not be in memory together) and read
    // again from the file should another entry's check point at it.
    let read: Vec<ReadEntry> = files
        .into_par_iter()
        .map(|file| {
            let (checked, found) = match cached.and_then(|c| c.entries.get(&file.path)) {
                Some(c) if c.text_hash == file.text_hash => (c.checked.clone(), Arc::clone(c)),
                _ => {
                    let mut ctx = Ctx::new(&file.path);
                    let checked = read_entry(&mut ctx, &file);
                    let entry = CachedEntry {
                        text_hash: file.text_hash,
                        checked: if cached.is_some() {
                            checked.clone()
                        } else {
                            None
                        },
                        problems: ctx.problems,
                    };
                    (checked, Arc::new(entry))
                }
            };
            let keep = !found.problems.is_empty() || root.is_none();
            (file.path, checked, found, keep.then_some(file.text))
        })
        .collect();
    let mut entries = Vec::with_capacity(read.len());
    let mut texts: BTreeMap<PathBuf, Arc<str>> = BTreeMap::new();
    let mut dropped: std::collections::BTreeSet<PathBuf> = Default::default();
    let mut fresh = HashMap::with_capacity(if cache.is_some() { read.len() } else { 0 });
    for (path, checked, found, text) in read {
        problems.extend(found.problems.iter().cloned());
        entries.extend(checked);
        if let Some(text) = text {
            texts.insert(path.clone(), text);
        } else {
            dropped.insert(path.clone());
        }
        if cache.is_some() {
            fresh.insert(path, found);
        }
    }
    if let Some(cache) = cache {
        cache.entries = fresh;
    }
    cross::check(&entries, &mut problems);

    let mut diagnostics = Diagnostics::new();
    for d in problems {
        if d.source_line.is_none() && dropped.remove(&d.path) {
            let again = root
                .as_ref()
                .and_then(|r| std::fs::read_to_string(r.join(&d.path)).ok());
            if let Some(text) = again {
                texts.insert(d.path.clone(), Arc::from(text));
            }
        }
        let text = texts.get(&d.path);
        diagnostics.push(match (text, &d.source_line) {
            (Some(text), None) => d.with_source(text),
            _ => d,
        });
    }
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    let datasets: Vec<Arc<Dataset>> = entries.into_iter().map(|e| e.dataset).collect();
    Ok((Catalog::assemble(config, about, datasets), diagnostics))
}

/// An entry file after reading: its path, what it gave, what it found, and its text when
/// that is kept.
type ReadEntry = (PathBuf, Option<Checked>, Arc<CachedEntry>, Option<Arc<str>>);

/// Where values that other entries are checked against were written.
#[derive(Debug, Clone, Default)]
pub struct Places {
    pub doi: Option<Span>,
    pub homepage: Option<Span>,
    pub derived_from: Vec<Span>,
    pub related: Vec<Span>,
}

/// An entry that was read, with the places needed by the cross-entry checks.
#[derive(Clone)]
pub struct Checked {
    /// Shared, so that the serve cache hands it to the next catalog without copying.
    pub dataset: Arc<Dataset>,
    pub places: Places,
}

fn read_entry(ctx: &mut Ctx, file: &SourceFile) -> Option<Checked> {
    let root = match crate::yaml::parse(&file.text) {
        Ok(root) => root,
        Err(e) => {
            let help = yaml_help(&file.text, &e.message, e.span);
            ctx.report(Problem::new(e.span, e.message, help));
            return None;
        }
    };
    let draft = fields::read_entry(ctx, &root, empty_dataset(file))?;
    Some(Checked {
        // A clone, because a clone's strings and lists are exactly as long as their contents,
        // while the draft's grew as its fields were read: 1.2 KB of every 5.5 KB dataset, a
        // fifth of a 100,000-dataset catalog's memory.
        dataset: Arc::new(draft.dataset.clone()),
        places: draft.places,
    })
}

/// A hint for YAML syntax errors, from what the offending line looks like.
fn yaml_help(text: &str, message: &str, span: Span) -> String {
    let line = text.lines().nth(span.line.saturating_sub(1)).unwrap_or("");
    if message.starts_with("duplicate key") {
        "each field may be written once; remove or merge the repeated one".into()
    } else if message.starts_with("nesting is deeper") || message.starts_with("too many alias") {
        "an entry needs no more than a few levels of nesting and no anchors or aliases".into()
    } else if let Some(open) = unclosed_bracket(text, span.line) {
        format!("line {open} opens a '[' or '{{' that is not closed")
    } else if line.contains('\t') {
        "indent with spaces, not tabs".into()
    } else if line.contains(": ") && line.split(": ").count() > 2 {
        "a value containing ': ' must be quoted".into()
    } else {
        "check the indentation and quoting; a value starting with [ { * & ! | > ' \" % @ or ` must be quoted".into()
    }
}

/// The last line before `upto` (inclusive) that leaves a flow collection open, ignoring
/// brackets inside quotes and comments.
fn unclosed_bracket(text: &str, upto: usize) -> Option<usize> {
    let mut depth: i32 = 0;
    let mut opened_at = None;
    for (i, line) in text.lines().take(upto).enumerate() {
        let mut quote = None;
        for c in line.chars() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '\'' | '"') => quote = Some(c),
                (None, '#') => break,
                (None, '[' | '{') => {
                    if depth == 0 {
                        opened_at = Some(i + 1);
                    }
                    depth += 1;
                }
                (None, ']' | '}') => depth -= 1,
                _ => {}
            }
        }
        if depth <= 0 {
            depth = 0;
            opened_at = None;
        }
    }
    opened_at.filter(|line| *line < upto)
}

fn empty_dataset(file: &SourceFile) -> Dataset {
    Dataset {
        slug: file.slug.clone(),
        source_path: file.path.clone(),
        draft: false,
        name: String::new(),
        acronym: None,
        alternate_names: Vec::new(),
        description: String::new(),
        homepage: None,
        doi: None,
        creators: Vec::new(),
        publisher: None,
        version: None,
        year: None,
        released: None,
        updated: None,
        added: None,
        keywords: Vec::new(),
        topic: None,
        modalities: Vec::new(),
        anatomy: Vec::new(),
        phantom: None,
        subjects: None,
        scans: None,
        studies: None,
        series: None,
        sequences: Vec::new(),
        file_formats: Vec::new(),
        scanners: Vec::new(),
        geography: Vec::new(),
        pathologies: Vec::new(),
        targets: Targets::default(),
        label_types: Vec::new(),
        complete: None,
        pathology_annotated: None,
        normal_anatomy_annotated: None,
        annotation_protocol: None,
        license: None,
        access: None,
        access_url: None,
        platforms: Vec::new(),
        publishable: None,
        provision: None,
        contact: None,
        downloads: Vec::new(),
        data_use: Vec::new(),
        citations: Vec::new(),
        derived_from: Vec::new(),
        related: Vec::new(),
        sources: Vec::new(),
        remarks: None,
    }
}

/// The problems of one entry file.
pub struct Ctx {
    path: PathBuf,
    problems: Vec<Diagnostic>,
}

impl Ctx {
    fn new(path: &Path) -> Self {
        Ctx {
            path: path.to_path_buf(),
            problems: Vec::new(),
        }
    }

    pub fn report(&mut self, p: Problem) {
        self.problems
            .push(Diagnostic::error(&self.path, p.span, p.message).with_help(p.help));
    }

    pub fn warn(&mut self, p: Problem) {
        self.problems
            .push(Diagnostic::warning(&self.path, p.span, p.message).with_help(p.help));
    }

    /// The value, or `None` after reporting its problem.
    pub fn take<T>(&mut self, checked: check::Checked<T>) -> Option<T> {
        checked.map_err(|p| self.report(p)).ok()
    }
}
