//! `faircat import`: a spreadsheet (CSV, TSV, XLSX, XLS, ODS or JSON) → one commented YAML
//! entry per row, and `faircat export`, its inverse.
//!
//! Stages: [`table`] reads the file; [`fields`] matches headers to fields; [`normalize`] reads
//! each cell; [`entry`] assembles and writes an entry; this module decides what is written and
//! reports, per row and column, everything that was not mapped, read, or written.

pub mod citation;
pub mod entry;
pub mod export;
pub mod fields;
pub mod normalize;
pub mod table;
mod update;

use entry::{Entry, Note, Skip};
use fields::Field;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The spreadsheet.
    pub file: PathBuf,
    /// Catalog root: entries go to `<root>/content/datasets/`.
    pub root: PathBuf,
    /// `Column=field` overrides of the automatic header matching.
    pub maps: Vec<String>,
    /// Show the mapping and the files that would be written; write nothing.
    pub dry_run: bool,
    /// Overwrite existing entry files.
    pub force: bool,
    /// `field=value` given to every row (`--set`): a single value where the row has none, list
    /// items added to the row's own.
    pub sets: Vec<String>,
    /// For a row that names an existing entry: add the fields that entry lacks, touching
    /// nothing else (`--update`).
    pub update: bool,
}

/// How a column was mapped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnMapping {
    pub header: String,
    pub field: Option<Field>,
    /// Set by `--map` rather than guessed.
    pub by_option: bool,
    /// Why a column that looks like a field was not mapped, or a "did you mean".
    pub hint: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowOutcome {
    Written(PathBuf),
    /// `--dry-run`: would be written.
    WouldWrite(PathBuf),
    /// The file exists and `--force` was not given.
    Exists(PathBuf),
    /// `--update`: fields the existing entry lacked were added (or, with `--dry-run`, would be).
    Updated {
        path: PathBuf,
        fields: Vec<&'static str>,
        dry_run: bool,
    },
    /// `--update`: the existing entry already has every field the row gives.
    Unchanged(PathBuf),
    /// Names the same dataset as an earlier row or an existing entry; not written.
    Duplicate {
        of: String,
        by: &'static str,
    },
    Skipped(Skip),
}

#[derive(Debug, Clone)]
pub struct RowReport {
    pub row: usize,
    pub name: String,
    pub slug: Option<String>,
    pub outcome: RowOutcome,
    /// Required facts missing: written as a draft.
    pub missing: Vec<&'static str>,
    pub notes: Vec<Note>,
    /// The YAML written (or that would be written).
    pub yaml: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ImportReport {
    pub file: String,
    pub columns: Vec<ColumnMapping>,
    pub rows: Vec<RowReport>,
    pub dry_run: bool,
}

/// Parse, normalise and write. Errors are problems with the file or the options as a whole;
/// problems with single rows and cells are in the report.
pub fn import(opts: &ImportOptions) -> Result<ImportReport, String> {
    let table = table::read(&opts.file)?;
    if table.headers.is_empty() {
        return Err(format!("{} has no header row", opts.file.display()));
    }
    let columns = map_columns(&table.headers, &opts.maps)?;
    if !columns
        .iter()
        .any(|c| matches!(c.field, Some(Field::Name | Field::Slug)))
    {
        return Err(format!(
            "no column of {} names the datasets: give one with --map \"COLUMN=name\" (columns: {})",
            opts.file.display(),
            table
                .headers
                .iter()
                .map(|h| format!("\"{h}\""))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let mapping: Vec<Option<Field>> = columns.iter().map(|c| c.field).collect();
    let sets = parse_sets(&opts.sets)?;
    let origin = opts
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| opts.file.display().to_string());
    let dir = crate::load::datasets_dir(&opts.root);
    let existing = existing_entries(&dir);

    let mut rows = Vec::new();
    let mut seen: HashMap<(&'static str, String), (usize, String)> = HashMap::new();
    let mut taken_slugs: HashMap<String, usize> = HashMap::new();
    let mut homepage_users: HashMap<String, Vec<User>> = HashMap::new();
    for e in &existing {
        for (by, value) in &e.ids {
            if *by == "homepage" {
                homepage_users.entry(value.clone()).or_default().push(User {
                    label: e.path.clone(),
                    slug: e.slug.clone(),
                    links: e.links.clone(),
                });
            }
        }
    }
    for row in &table.rows {
        let mut entry = match entry::build_with(&table.headers, &mapping, row, &sets) {
            Ok(e) => e,
            Err(skip) => {
                rows.push(RowReport {
                    row: row.number,
                    name: String::new(),
                    slug: None,
                    outcome: RowOutcome::Skipped(skip),
                    missing: Vec::new(),
                    notes: Vec::new(),
                    yaml: None,
                });
                continue;
            }
        };
        // The same DOI or name: the same dataset, not written. The same homepage only:
        // datasets of one project (the Decathlon's tasks) may share it, but two entries
        // cannot, so the later one keeps it in remarks.
        let (homepages, ids): (Vec<_>, Vec<_>) = entry
            .identities()
            .into_iter()
            .partition(|(by, _)| *by == "homepage");
        let duplicate = ids
            .clone()
            .into_iter()
            .find_map(|id| {
                seen.get(&id).map(|(r, slug)| RowOutcome::Duplicate {
                    of: format!("row {r} ({slug})"),
                    by: id.0,
                })
            })
            .or_else(|| {
                ids.iter().cloned().find_map(|(by, value)| {
                    existing
                        .iter()
                        .find(|e| e.slug != entry.slug && e.ids.contains(&(by, value.clone())))
                        .map(|e| RowOutcome::Duplicate {
                            of: e.path.clone(),
                            by,
                        })
                })
            });
        if let Some(duplicate) = duplicate {
            let existing_path = match &duplicate {
                RowOutcome::Duplicate { of, .. } if !of.starts_with("row ") => {
                    Some(opts.root.join(of))
                }
                _ => None,
            };
            match existing_path.filter(|_| opts.update) {
                Some(path) => {
                    let outcome = update::update_existing(&path, &entry, &origin, opts)?;
                    rows.push(report_for(&entry, outcome, None));
                }
                None => rows.push(report_for(&entry, duplicate, None)),
            }
            continue;
        }
        if let Some(n) = taken_slugs.get_mut(&entry.slug) {
            *n += 1;
            let slug = format!("{}-{n}", entry.slug);
            entry.notes.push(Note {
                column: "slug".into(),
                message: format!(
                    "slug '{}' is taken by an earlier row: written as '{slug}'",
                    entry.slug
                ),
            });
            entry.slug = slug;
        }
        // Parts of one resource may share a homepage when they name each other in `related`
        // or `derived_from` (as `check` allows); otherwise the later entry keeps it in remarks.
        let links = entry.links();
        let clash = homepages.iter().find_map(|(_, home)| {
            homepage_users.get(home).and_then(|users| {
                users
                    .iter()
                    .find(|u| {
                        u.slug != entry.slug
                            && !(u.links.contains(&entry.slug) || links.contains(&u.slug))
                    })
                    .map(|u| u.label.clone())
            })
        });
        match clash {
            Some(other) => entry.move_to_remarks(
                Field::Homepage,
                format!(
                    "the same homepage as {other}, which it does not name in related or derived_from: kept in remarks, as such entries cannot share one"
                ),
            ),
            None => {
                for (_, home) in &homepages {
                    homepage_users.entry(home.clone()).or_default().push(User {
                        label: format!("row {} ({})", entry.row, entry.slug),
                        slug: entry.slug.clone(),
                        links: links.clone(),
                    });
                }
            }
        }
        for id in ids {
            seen.entry(id)
                .or_insert_with(|| (entry.row, entry.slug.clone()));
        }
        taken_slugs.insert(entry.slug.clone(), 1);

        let path = dir.join(format!("{}.yaml", entry.slug));
        let shown = display_relative(&path, &opts.root);
        let yaml = entry::to_yaml(&entry, &origin);
        let outcome = if path.exists() && opts.update && !opts.force {
            update::update_existing(&path, &entry, &origin, opts)?
        } else if path.exists() && !opts.force {
            RowOutcome::Exists(shown)
        } else if opts.dry_run {
            RowOutcome::WouldWrite(shown)
        } else {
            std::fs::create_dir_all(&dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
            std::fs::write(&path, &yaml)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            RowOutcome::Written(shown)
        };
        rows.push(report_for(&entry, outcome, Some(yaml)));
    }
    Ok(ImportReport {
        file: origin,
        columns,
        rows,
        dry_run: opts.dry_run,
    })
}

/// `--set field=value` options, checked: the field must be one a column can map to.
fn parse_sets(sets: &[String]) -> Result<Vec<(Field, String)>, String> {
    sets.iter()
        .map(|s| {
            let Some((field, value)) = s.split_once('=') else {
                return Err(format!("--set \"{s}\": expected \"field=value\""));
            };
            let field = Field::from_id(field)
                .filter(|f| *f != Field::Ignore)
                .ok_or_else(|| {
                    let ids: Vec<&str> = Field::all().map(Field::id).collect();
                    let hint = crate::diagnostics::did_you_mean(field.trim(), ids.iter().copied())
                        .map(|s| format!(" — did you mean '{s}'?"))
                        .unwrap_or_default();
                    format!("--set \"{s}\": '{}' is not a field{hint}", field.trim())
                })?;
            if value.trim().is_empty() {
                return Err(format!("--set \"{s}\": the value is empty"));
            }
            Ok((field, value.trim().to_string()))
        })
        .collect()
}

fn report_for(entry: &Entry, outcome: RowOutcome, yaml: Option<String>) -> RowReport {
    RowReport {
        row: entry.row,
        name: entry.name().to_string(),
        slug: Some(entry.slug.clone()),
        outcome,
        missing: entry.missing.clone(),
        notes: entry.notes.clone(),
        yaml,
    }
}

fn display_relative(path: &Path, root: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Match every header to a field: `--map` first, then the automatic matching. A field gets
/// at most one column; a later column that would map to a taken field is left unmapped.
pub fn map_columns(headers: &[String], maps: &[String]) -> Result<Vec<ColumnMapping>, String> {
    let mut forced: HashMap<usize, Field> = HashMap::new();
    for m in maps {
        let Some((column, field)) = m.rsplit_once('=') else {
            return Err(format!("--map \"{m}\": expected \"Column=field\""));
        };
        let column = column.trim();
        let index = headers
            .iter()
            .position(|h| h == column)
            .or_else(|| headers.iter().position(|h| h.eq_ignore_ascii_case(column)))
            .or_else(|| {
                let key = fields::header_key(column);
                headers.iter().position(|h| fields::header_key(h) == key)
            })
            .ok_or_else(|| {
                format!(
                    "--map \"{m}\": there is no column \"{column}\" (columns: {})",
                    headers
                        .iter()
                        .map(|h| format!("\"{h}\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })?;
        let field = match field.trim() {
            "" | "-" => Field::Ignore,
            f => Field::from_id(f).ok_or_else(|| {
                let ids: Vec<&str> = Field::all().map(Field::id).collect();
                let hint = crate::diagnostics::did_you_mean(f, ids.iter().copied())
                    .map(|s| format!(" — did you mean '{s}'?"))
                    .unwrap_or_default();
                format!(
                    "--map \"{m}\": '{f}' is not a field{hint} (fields: {})",
                    ids.join(", ")
                )
            })?,
        };
        forced.insert(index, field);
    }
    let mut taken: HashMap<Field, String> = forced
        .iter()
        .filter(|(_, f)| !matches!(**f, Field::Ignore | Field::Note))
        .map(|(i, f)| (*f, headers[*i].clone()))
        .collect();
    let mut columns = Vec::with_capacity(headers.len());
    for (i, header) in headers.iter().enumerate() {
        if let Some(field) = forced.get(&i) {
            columns.push(ColumnMapping {
                header: header.clone(),
                field: Some(*field),
                by_option: true,
                hint: None,
            });
            continue;
        }
        let guess = fields::match_header(header);
        let (field, hint) = match guess {
            // Any number of columns may be ignored or kept as facts.
            Some(f @ (Field::Ignore | Field::Note)) => (Some(f), None),
            Some(f) => match taken.get(&f) {
                Some(other) => (
                    None,
                    Some(format!("{} is already mapped from \"{other}\"", f.id())),
                ),
                None => {
                    taken.insert(f, header.clone());
                    (Some(f), None)
                }
            },
            None => {
                let closest = fields::closest(header);
                let hint = (!closest.is_empty()).then(|| {
                    let quoted: Vec<String> = closest.iter().map(|f| format!("'{f}'")).collect();
                    format!("closest fields: {}", quoted.join(", "))
                });
                (None, hint)
            }
        };
        columns.push(ColumnMapping {
            header: header.clone(),
            field,
            by_option: false,
            hint,
        });
    }
    Ok(columns)
}

/// What an existing entry file is known by, for duplicate detection.
struct Existing {
    slug: String,
    path: String,
    ids: Vec<(&'static str, String)>,
    /// Its `related` and `derived_from` slugs.
    links: Vec<String>,
}

/// An entry (row or file) that uses a homepage.
struct User {
    label: String,
    slug: String,
    links: Vec<String>,
}

/// Name, DOI and homepage of every entry already in the catalog (files that do not parse are
/// left to `faircat check`).
fn existing_entries(dir: &Path) -> Vec<Existing> {
    let Ok(read) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = read
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .filter_map(|path| {
            let text = std::fs::read_to_string(&path).ok()?;
            let value: serde_json::Value = serde_saphyr::from_str(&text).ok()?;
            let get = |k: &str| value.get(k).and_then(|v| v.as_str()).map(str::to_string);
            let mut ids = Vec::new();
            if let Some(doi) = get("doi").and_then(|d| normalize::bare_doi(&d)) {
                ids.push(("DOI", doi.to_ascii_lowercase()));
            }
            if let Some(home) = get("homepage") {
                ids.push(("homepage", entry::normalize_url(&home)));
            }
            if let Some(name) = get("name") {
                ids.push(("name", entry::normalize_name(&name)));
            }
            let slug = path.file_stem()?.to_string_lossy().into_owned();
            let links = ["related", "derived_from"]
                .iter()
                .filter_map(|k| value.get(*k).and_then(|v| v.as_array()))
                .flatten()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect();
            Some(Existing {
                slug,
                links,
                path: format!("content/datasets/{}", path.file_name()?.to_string_lossy()),
                ids,
            })
        })
        .collect()
}

impl ImportReport {
    /// Rows that were not written because their file exists (no `--force`).
    pub fn refused(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| matches!(r.outcome, RowOutcome::Exists(_)))
            .count()
    }

    pub fn written(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| matches!(r.outcome, RowOutcome::Written(_)))
            .count()
    }

    /// The mapping, then one block per row: where it went, and every cell that was not
    /// mapped or not read. With `--dry-run`, the YAML that would be written follows.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "Columns of {}:", self.file);
        let width = self
            .columns
            .iter()
            .map(|c| c.header.chars().count())
            .max()
            .unwrap_or(0)
            .min(40);
        for c in &self.columns {
            let target = match c.field {
                Some(Field::Ignore) => "ignored".to_string(),
                Some(f) if c.by_option => format!("{} (--map)", f.id()),
                Some(f) => f.id().to_string(),
                None => {
                    let mut s = format!(
                        "not mapped: values kept in remarks (--map \"{}=FIELD\" to map it)",
                        c.header
                    );
                    if let Some(h) = &c.hint {
                        s.push_str("; ");
                        s.push_str(h);
                    }
                    s
                }
            };
            let header = format!("\"{}\"", c.header);
            let _ = writeln!(out, "  {header:<w$} → {target}", w = width + 2);
        }
        out.push('\n');
        for r in &self.rows {
            let label = if r.name.is_empty() {
                String::new()
            } else {
                format!(" ({})", r.name)
            };
            let what = match &r.outcome {
                RowOutcome::Written(p) => format!("wrote {}", p.display()),
                RowOutcome::WouldWrite(p) => format!("would write {}", p.display()),
                RowOutcome::Exists(p) => format!(
                    "not written: {} exists (use --force to overwrite)",
                    p.display()
                ),
                RowOutcome::Duplicate { of, by } => {
                    format!(
                        "not written: same dataset as {of} (same {by}); merge them by hand, or use --update to add the fields it lacks"
                    )
                }
                RowOutcome::Updated {
                    path,
                    fields,
                    dry_run,
                } => format!(
                    "{} {} to {}",
                    if *dry_run { "would add" } else { "added" },
                    fields.join(", "),
                    path.display()
                ),
                RowOutcome::Unchanged(p) => {
                    format!(
                        "unchanged: {} already has every field the row gives",
                        p.display()
                    )
                }
                RowOutcome::Skipped(Skip::Empty) => "skipped: empty row".to_string(),
                RowOutcome::Skipped(Skip::NoName(cells)) => {
                    let cells: Vec<String> =
                        cells.iter().map(|(h, v)| format!("{h}=\"{v}\"")).collect();
                    format!(
                        "not written: no name or slug (values: {})",
                        if cells.is_empty() {
                            "none".to_string()
                        } else {
                            cells.join(", ")
                        }
                    )
                }
            };
            let _ = writeln!(out, "row {}{label}: {what}", r.row);
            if !r.missing.is_empty()
                && matches!(
                    r.outcome,
                    RowOutcome::Written(_) | RowOutcome::WouldWrite(_)
                )
            {
                let _ = writeln!(out, "  draft: missing {}", r.missing.join("; "));
            }
            for n in &r.notes {
                let _ = writeln!(out, "  {}: {}", n.column, n.message);
            }
            if self.dry_run
                && let (Some(yaml), RowOutcome::WouldWrite(_)) = (&r.yaml, &r.outcome)
            {
                for line in yaml.lines() {
                    let _ = writeln!(out, "    | {line}");
                }
            }
        }
        let count = |f: fn(&RowOutcome) -> bool| self.rows.iter().filter(|r| f(&r.outcome)).count();
        let drafts = self
            .rows
            .iter()
            .filter(|r| {
                !r.missing.is_empty()
                    && matches!(
                        r.outcome,
                        RowOutcome::Written(_) | RowOutcome::WouldWrite(_)
                    )
            })
            .count();
        let _ = writeln!(
            out,
            "\n{} {} entries ({} drafts); {} exist already, {} duplicates, {} rows skipped",
            if self.dry_run { "would write" } else { "wrote" },
            count(|o| matches!(o, RowOutcome::Written(_) | RowOutcome::WouldWrite(_))),
            drafts,
            count(|o| matches!(o, RowOutcome::Exists(_))),
            count(|o| matches!(o, RowOutcome::Duplicate { .. })),
            count(|o| matches!(o, RowOutcome::Skipped(_))),
        );
        let updated = count(|o| matches!(o, RowOutcome::Updated { .. }));
        let unchanged = count(|o| matches!(o, RowOutcome::Unchanged(_)));
        if updated + unchanged > 0 {
            let _ = writeln!(
                out,
                "{} {updated} existing entries; {unchanged} unchanged",
                if self.dry_run {
                    "would update"
                } else {
                    "updated"
                },
            );
        }
        out
    }
}
