//! The command line: `gloss build` and `gloss check`.

use std::error::Error as _;
use std::path::PathBuf;
use std::time::Instant;

use clap::{Parser, Subcommand};

use crate::diagnostics::Diagnostic;
use crate::error::Error;
use crate::site;

const EXIT_CODES: &str = "\
Exit codes:
  0  success (warnings may have been printed)
  1  the dossier has errors (annotations, articles, book.toml or templates)
  2  gloss could not run (bad usage, unreadable or unwritable files)";

/// gloss renders annotated news dossiers (Markdown reports plus TOML claims,
/// events and entities) into a cross-linked static site.
#[derive(Debug, Parser)]
#[command(version, after_help = EXIT_CODES)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the dossier and write the site (atomically: a failed build keeps the old site).
    #[command(after_help = EXIT_CODES)]
    Build(BuildArgs),
    /// Check the dossier and report every problem, writing nothing.
    #[command(after_help = EXIT_CODES)]
    Check(CheckArgs),
}

/// Options of `gloss build`.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// The dossier's root directory, holding book.toml.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Where to write the site [default: `[build] output-dir` of book.toml, else DIR/public].
    #[arg(short, long, value_name = "OUT")]
    pub dest_dir: Option<PathBuf>,
}

/// Options of `gloss check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The dossier's root directory, holding book.toml.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
}

/// Runs a parsed command line; returns the process exit code.
pub fn run(cli: Cli) -> u8 {
    let started = Instant::now();
    let result = match cli.command {
        Command::Build(args) => site::build(&args.dir, args.dest_dir.as_deref()).map(|built| {
            print_diagnostics(&built.warnings);
            eprintln!(
                "Built {} files in {:.2?}. Open {}",
                built.files,
                started.elapsed(),
                built.dest.join("index.html").display()
            );
        }),
        Command::Check(args) => site::check(&args.dir).map(|warnings| {
            print_diagnostics(&warnings);
            eprintln!("No errors ({} warning(s)).", warnings.len());
        }),
    };
    match result {
        Ok(()) => 0,
        Err(e) => {
            report(&e);
            e.exit_code()
        }
    }
}

fn print_diagnostics(diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        eprintln!("{d}");
    }
}

/// Prints an error for people: every diagnostic, or the whole cause chain.
fn report(error: &Error) {
    if let Error::Content(diagnostics) = error {
        print_diagnostics(diagnostics);
        eprintln!("error: {error}; nothing was written");
        return;
    }
    eprintln!("error: {error}");
    let mut cause = error.source();
    while let Some(e) = cause {
        eprintln!("  caused by: {e}");
        cause = e.source();
    }
}
