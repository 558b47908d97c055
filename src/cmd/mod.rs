//! Running a parsed command line: one module per subcommand, each running
//! the library and turning the result into output and an exit code.
//! Printing lives here, not in the library.

pub mod build;
pub mod check;
pub mod import;
pub mod init;
pub mod new;
#[cfg(feature = "serve")]
pub mod serve;

use std::error::Error as _;
use std::path::{Path, PathBuf};

use crate::cli::{Cli, Command, Format, NewCommand};
use crate::config;
use crate::diagnostics::{Diagnostic, escape_controls, write_for_people};
use crate::error::Error;

/// Runs a parsed command line; returns the process exit code.
pub fn run(cli: Cli) -> u8 {
    match cli.command {
        Command::Build(args) => build::run(&args),
        Command::Check(args) => check::run(&args),
        #[cfg(feature = "serve")]
        Command::Serve(args) => serve::run(&args),
        Command::New(NewCommand::Article(args)) => new::article(&args),
        Command::New(NewCommand::Claim(args)) => new::claim(&args),
        Command::New(NewCommand::Appearance(args)) => new::appearance(&args),
        Command::Import(args) => import::run(&args),
        Command::Init(args) => init::run(&args),
    }
}

/// The root of the dossier `dir` is in (see [`config::dossier_root`]),
/// saying so when it is a folder above `dir`.
pub(crate) fn dossier_root(dir: &Path) -> PathBuf {
    let root = config::dossier_root(dir);
    if root != dir {
        eprintln!(
            "note: no {} in `{}`; using the dossier at `{}`",
            config::CONFIG_FILE,
            dir.display(),
            root.display()
        );
    }
    root
}

/// How diagnostics are printed: for people on stderr (every error, and
/// the first warnings of each kind unless `verbose`), or every one as a
/// JSON line on stdout.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Report {
    /// For people or for machines.
    pub(crate) format: Format,
    /// Whether people are shown every warning.
    pub(crate) verbose: bool,
}

impl Report {
    /// For people, warnings summarised.
    pub(crate) const HUMAN: Report = Report {
        format: Format::Human,
        verbose: false,
    };

    /// Prints `diagnostics`.
    pub(crate) fn diagnostics(self, diagnostics: &[Diagnostic]) {
        if self.format == Format::Json {
            for d in diagnostics {
                println!("{}", d.to_json());
            }
            return;
        }
        // Nowhere to report a failure to write to stderr.
        let _ = write_for_people(&mut std::io::stderr().lock(), diagnostics, self.verbose);
    }

    /// Prints an error (every diagnostic, or the whole cause chain) and
    /// returns its exit code.
    pub(crate) fn fail(self, error: &Error) -> u8 {
        match error {
            Error::Content(diagnostics) => {
                self.diagnostics(diagnostics);
                eprintln!("error: {error}; nothing was written");
            }
            _ => {
                eprintln!("error: {}", escape_controls(&error.to_string()));
                let mut cause = error.source();
                while let Some(e) = cause {
                    eprintln!("  caused by: {}", escape_controls(&e.to_string()));
                    cause = e.source();
                }
            }
        }
        error.exit_code()
    }
}
