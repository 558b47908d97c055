//! `gloss check`: everything `build` does except writing.

use super::Report;
use crate::cli::CheckArgs;
use crate::site;

/// Checks the dossier; exit 1 on errors, or on warnings when denied.
pub fn run(args: &CheckArgs) -> u8 {
    let report = Report {
        format: args.format,
        verbose: args.verbose,
    };
    match site::check(&super::dossier_root(args.dossier.path())) {
        Ok(warnings) => {
            report.diagnostics(&warnings);
            eprintln!("No errors, {} warning(s).", warnings.len());
            u8::from(args.deny_warnings && !warnings.is_empty())
        }
        Err(e) => report.fail(&e),
    }
}
