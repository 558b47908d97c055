//! Running a parsed command line: one module per subcommand, each running
//! the library and turning the result into output and an exit code.
//! Printing lives here, not in the library.

pub mod build;
pub mod check;
pub mod init;
pub mod new;
#[cfg(feature = "serve")]
pub mod serve;

use std::error::Error as _;
use std::fs::OpenOptions;
use std::io::Write;
use std::path::Path;

use crate::cli::{Cli, Command, Format, NewCommand};
use crate::diagnostics::{Diagnostic, escape_controls};
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
        Command::Init(args) => init::run(&args),
    }
}

/// Prints diagnostics: for people on stderr, or as JSON lines on stdout.
pub(crate) fn print_diagnostics(diagnostics: &[Diagnostic], format: Format) {
    for d in diagnostics {
        match format {
            Format::Human => eprintln!("{d}"),
            Format::Json => println!("{}", d.to_json()),
        }
    }
}

/// Prints an error (every diagnostic, or the whole cause chain) and returns
/// its exit code.
pub(crate) fn fail(error: &Error, format: Format) -> u8 {
    match error {
        Error::Content(diagnostics) => {
            print_diagnostics(diagnostics, format);
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

/// Creates `path` (and its directory) with `text`, refusing to overwrite:
/// scaffolding never destroys an editor's work.
pub(crate) fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?
        .write_all(text.as_bytes())
}
