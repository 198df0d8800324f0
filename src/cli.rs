//! Command-line interface: parses arguments and calls the library. No logic of its own.

use crate::import::ImportOptions;
use crate::site::{self, BuildError, BuildOptions};
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "faircat",
    version,
    about = "Build a fast, searchable, FAIR static website from one YAML file per dataset"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate the catalog and write the site.
    Build {
        /// Catalog root (the folder with faircat.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output folder, replaced only when the build succeeds [default: <root>/public].
        #[arg(long)]
        out: Option<PathBuf>,
        /// Serve the site from this URL instead of faircat.toml's base_url.
        #[arg(long)]
        base_url: Option<String>,
        /// Fail on warnings too.
        #[arg(long)]
        deny_warnings: bool,
        /// Also print how long each stage and each kind of work took, and the peak memory.
        #[arg(long)]
        timings: bool,
    },
    /// Validate every entry and write nothing.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long)]
        deny_warnings: bool,
        /// How to print problems.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Also print, per entry, what its AI-readiness profile misses, most valuable first
        /// (JSON with --format json).
        #[arg(long)]
        readiness: bool,
    },
    /// Make one entry per row of a spreadsheet (CSV, TSV, XLSX, XLS, ODS or JSON).
    Import {
        /// The spreadsheet.
        file: PathBuf,
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Map a column to a field, e.g. --map "Dataset Name=name" (repeatable; FIELD "-" ignores it).
        #[arg(long = "map", value_name = "COLUMN=FIELD")]
        maps: Vec<String>,
        /// Show the mapping and what would be written; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Overwrite entry files that exist.
        #[arg(long)]
        force: bool,
        /// Give every row a value, e.g. --set "platform=TCIA;IDC" (repeatable): a single value
        /// where the row has none; list items are added to the row's own.
        #[arg(long = "set", value_name = "FIELD=VALUE")]
        sets: Vec<String>,
        /// For rows that name an existing entry, add the fields it lacks and the sources it does not list (nothing else changes).
        #[arg(long, conflicts_with = "force")]
        update: bool,
    },
    /// Build the site into memory, serve it, rebuild on every change and reload open tabs.
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Port to listen on (0 picks a free one).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
    },
    /// Write the catalog as a table that `faircat import` reads back.
    Export {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
        format: ExportFormat,
        /// Write to this file instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Create a new, empty catalog that builds, with a GitHub workflow that checks pull requests
    /// and publishes the site.
    Init {
        /// Folder to create the catalog in (made if missing).
        dir: PathBuf,
        /// The faircat release the workflow installs (e.g. 0.2.0) [default: latest].
        #[arg(long, value_name = "VERSION")]
        faircat_version: Option<String>,
    },
    /// Start a new entry, content/datasets/<SLUG>.yaml, with every field of the schema.
    New {
        /// The entry's slug: lowercase letters, digits and single dashes (e.g. lidc-idri).
        slug: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Full name of the dataset.
        #[arg(long)]
        name: Option<String>,
        /// The dataset's main page.
        #[arg(long)]
        homepage: Option<String>,
        /// SPDX licence id of the data (CC-BY-4.0).
        #[arg(long)]
        license: Option<String>,
        /// DICOM modality codes, comma-separated (CT,MR or PET-CT).
        #[arg(long)]
        modalities: Option<String>,
        /// Body regions, comma-separated (chest,abdomen).
        #[arg(long)]
        anatomy: Option<String>,
        /// Do not ask for missing facts even in a terminal.
        #[arg(long)]
        no_input: bool,
    },
    /// Print a controlled vocabulary.
    Vocab {
        #[arg(value_enum)]
        list: VocabList,
    },
    /// Print the JSON Schema of a dataset entry (its $id comes from faircat.toml when found).
    Schema {
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Tsv,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum VocabList {
    /// DICOM acquisition modalities (CID 29).
    Modalities,
    /// Body regions with SNOMED CT and UBERON codes.
    Anatomy,
    /// Hosting platforms.
    Platforms,
    /// Kinds of annotation.
    LabelTypes,
    /// Access routes.
    Access,
    /// File formats.
    FileFormats,
    /// Data-use conditions: GA4GH Data Use Ontology codes.
    DataUse,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// `path:line:col: error: …` with the source line and a caret.
    Human,
    /// GitHub Actions workflow commands (`::error file=…`).
    Github,
    /// A JSON array of problems.
    Json,
}

pub fn main() -> ExitCode {
    run(Cli::parse())
}

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Build {
            root,
            out,
            base_url,
            deny_warnings,
            timings,
        } => {
            let out = out.unwrap_or_else(|| root.join("public"));
            let opts = BuildOptions {
                root,
                out: out.clone(),
                base_url,
                deny_warnings,
                progress: crate::progress::wanted(),
            };
            match site::build(&opts) {
                Ok(report) => {
                    if !report.diagnostics.is_empty() {
                        eprint!("{}", report.diagnostics.render());
                    }
                    eprintln!(
                        "built {} datasets ({} drafts left out): {} pages, {} files, {} bytes in {}",
                        report.datasets,
                        report.drafts,
                        report.pages,
                        report.files,
                        report.bytes,
                        out.display()
                    );
                    eprint!("{}", host_limits_report(&report.size));
                    if timings {
                        eprint!("{}", timings_report(&report));
                    }
                    ExitCode::SUCCESS
                }
                Err(BuildError::Invalid(diagnostics)) => {
                    eprint!("{}", diagnostics.render());
                    eprintln!("nothing was written; {} is unchanged", out.display());
                    ExitCode::FAILURE
                }
                Err(e) => {
                    eprintln!("{e}");
                    eprintln!("{} is unchanged", out.display());
                    ExitCode::FAILURE
                }
            }
        }
        Command::Check {
            root,
            deny_warnings,
            format,
            readiness,
        } => {
            let (diagnostics, catalog) = if readiness {
                match site::load(&root, None) {
                    Ok((catalog, warnings)) => (warnings, Some(catalog)),
                    Err(errors) => (errors, None),
                }
            } else {
                (site::check(&root), None)
            };
            if let (Some(catalog), Format::Human | Format::Github) = (&catalog, format) {
                print!("{}", crate::readiness::report::text(catalog));
            }
            let failed = diagnostics.has_errors() || (deny_warnings && diagnostics.warnings() > 0);
            match format {
                Format::Human => eprint!("{}", diagnostics.render()),
                Format::Github => {
                    print!(
                        "{}",
                        paths_from_workspace(&root, &diagnostics).render_github()
                    );
                    eprintln!("{}", diagnostics.summary());
                }
                Format::Json => {
                    match &catalog {
                        // One JSON document on standard output: the problems and the report.
                        Some(catalog) => println!(
                            "{{\"problems\":{},\"readiness\":{}}}",
                            diagnostics.render_json(),
                            crate::readiness::report::json(catalog)
                        ),
                        None => println!("{}", diagnostics.render_json()),
                    }
                    eprintln!("{}", diagnostics.summary());
                }
            }
            if failed {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Import {
            file,
            root,
            maps,
            dry_run,
            force,
            sets,
            update,
        } => run_import(&ImportOptions {
            file,
            root,
            maps,
            dry_run,
            force,
            sets,
            update,
        }),
        Command::Export { root, format, out } => run_export(&root, format, out.as_deref()),
        Command::Serve { root, port, bind } => {
            match crate::serve::serve(&crate::serve::ServeOptions { root, bind, port }) {
                Ok(()) => ExitCode::SUCCESS,
                Err(message) => {
                    eprintln!("error: {message}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Init {
            dir,
            faircat_version,
        } => match crate::scaffold::init_with_version(
            &dir,
            faircat_version.as_deref().unwrap_or("latest"),
        ) {
            Ok(files) => {
                for f in files {
                    eprintln!("created {}", f.display());
                }
                eprintln!(
                    "next: cd {} && faircat new <slug> && faircat build",
                    dir.display()
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
        Command::New {
            slug,
            root,
            name,
            homepage,
            license,
            modalities,
            anatomy,
            no_input,
        } => match crate::new_entry::new_entry(
            &root,
            &slug,
            crate::new_entry::NewFacts {
                name,
                homepage,
                license,
                modalities,
                anatomy,
            },
            !no_input,
        ) {
            Ok(path) => {
                eprintln!(
                    "created {} (a draft until you remove `draft: true`)",
                    path.display()
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
        Command::Vocab { list } => {
            use crate::vocab::{List, listing};
            let list = match list {
                VocabList::Modalities => List::Modalities,
                VocabList::Anatomy => List::Anatomy,
                VocabList::Platforms => List::Platforms,
                VocabList::LabelTypes => List::LabelTypes,
                VocabList::Access => List::Access,
                VocabList::FileFormats => List::FileFormats,
                VocabList::DataUse => List::DataUse,
            };
            print!("{}", listing(list));
            ExitCode::SUCCESS
        }
        Command::Schema { root } => {
            let id = crate::config::Config::load(&root)
                .ok()
                .map(|c| c.url(crate::metadata::schema::PATH));
            print!(
                "{}",
                crate::metadata::json_text(&crate::metadata::schema::dataset_schema(id.as_deref()))
            );
            ExitCode::SUCCESS
        }
    }
}

/// Diagnostics with paths relative to the working directory rather than the catalog root, so
/// that GitHub finds the files when the catalog is a sub-folder of the repository.
fn paths_from_workspace(
    root: &std::path::Path,
    diagnostics: &crate::diagnostics::Diagnostics,
) -> crate::diagnostics::Diagnostics {
    let prefix = if root.is_absolute() {
        std::env::current_dir().ok().and_then(|cwd| {
            root.strip_prefix(cwd)
                .ok()
                .map(std::path::Path::to_path_buf)
        })
    } else {
        Some(root.to_path_buf())
    };
    let prefix: PathBuf = prefix
        .unwrap_or_default()
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect();
    let mut out = crate::diagnostics::Diagnostics::new();
    for d in diagnostics.iter() {
        let mut d = d.clone();
        d.path = prefix.join(&d.path);
        out.push(d);
    }
    out
}

fn run_import(opts: &ImportOptions) -> ExitCode {
    match crate::import::import(opts) {
        Ok(report) => {
            print!("{}", report.render());
            if report.refused() > 0 {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run_export(
    root: &std::path::Path,
    format: ExportFormat,
    out: Option<&std::path::Path>,
) -> ExitCode {
    use crate::import::export::{self, ExportFormat as F};
    let (catalog, _warnings) = match site::load(root, None) {
        Ok(loaded) => loaded,
        Err(diagnostics) => {
            eprint!("{}", diagnostics.render());
            return ExitCode::FAILURE;
        }
    };
    let format = match format {
        ExportFormat::Csv => F::Csv,
        ExportFormat::Tsv => F::Tsv,
        ExportFormat::Json => F::Json,
    };
    let text = export::export(&catalog.datasets, format);
    if !catalog.drafts.is_empty() {
        eprintln!(
            "note: {} drafts are not published and not exported: {}",
            catalog.drafts.len(),
            catalog.drafts.join(", ")
        );
    }
    match out {
        Some(path) => match std::fs::write(path, text) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: cannot write {}: {e}", path.display());
                ExitCode::FAILURE
            }
        },
        None => {
            print!("{text}");
            ExitCode::SUCCESS
        }
    }
}

/// The warnings `build` prints when the site is over a static host's published limits, with
/// what can be left out (empty when it is within all of them).
fn host_limits_report(size: &crate::hosts::SiteSize) -> String {
    let exceeded = crate::hosts::exceeded(size);
    if exceeded.is_empty() {
        return String::new();
    }
    let mut out = String::new();
    for e in &exceeded {
        out.push_str(&format!("warning: {e}\n"));
    }
    out.push_str(
        "  = help: [output] in faircat.toml can leave out families of files: \
         fdp_records = false, citation_files = false\n",
    );
    out
}

/// What `build --timings` prints: each stage's wall time, the CPU time of each kind of work
/// (summed over the jobs that ran in parallel) and the process's peak memory.
fn timings_report(report: &site::BuildReport) -> String {
    let secs = |d: &std::time::Duration| format!("{:.2} s", d.as_secs_f64());
    let stages: Vec<String> = report
        .stages
        .iter()
        .map(|(stage, took)| format!("{stage} {}", secs(took)))
        .collect();
    let work: Vec<String> = report
        .work
        .iter()
        .map(|(kind, took)| format!("{kind} {}", secs(took)))
        .collect();
    let peak = match peak_memory_kb() {
        Some(kb) => format!("{} MB", kb / 1024),
        None => "unknown (read from /proc on Linux only)".into(),
    };
    format!(
        "stages (wall time): {}\nwork (CPU time per kind, summed over parallel jobs): {}\npeak memory: {peak}\n",
        stages.join(", "),
        work.join(", ")
    )
}

/// The highest resident memory of this process so far (VmHWM), in KB.
fn peak_memory_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}
