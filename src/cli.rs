//! Command-line interface: parses arguments and calls the library. No logic of its own.

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
    },
    /// Create a new, empty catalog that builds.
    Init {
        /// Folder to create the catalog in (made if missing).
        dir: PathBuf,
    },
    /// Start a new entry, content/datasets/<SLUG>.yaml, with every field of the schema.
    New {
        /// The entry's slug: lowercase letters, digits and single dashes (e.g. lidc-idri).
        slug: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Print a controlled vocabulary.
    Vocab {
        #[arg(value_enum)]
        list: VocabList,
    },
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
        } => {
            let out = out.unwrap_or_else(|| root.join("public"));
            let opts = BuildOptions {
                root,
                out: out.clone(),
                base_url,
                deny_warnings,
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
        } => {
            let diagnostics = site::check(&root);
            let failed = diagnostics.has_errors() || (deny_warnings && diagnostics.warnings() > 0);
            match format {
                Format::Human => eprint!("{}", diagnostics.render()),
                Format::Github => print!("{}", diagnostics.render_github()),
                Format::Json => println!("{}", diagnostics.render_json()),
            }
            if failed {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Init { dir } => match crate::scaffold::init(&dir) {
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
        Command::New { slug, root } => match crate::scaffold::new_entry(&root, &slug) {
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
            };
            print!("{}", listing(list));
            ExitCode::SUCCESS
        }
    }
}
