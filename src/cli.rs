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
    }
}
