//! `gloss check`: everything `build` does except writing.

use crate::cli::CheckArgs;
use crate::site;

/// Checks the dossier; exit 1 on errors, or on warnings when denied.
pub fn run(args: &CheckArgs) -> u8 {
    match site::check(&args.dir) {
        Ok(warnings) => {
            super::print_diagnostics(&warnings, args.format);
            eprintln!("No errors, {} warning(s).", warnings.len());
            u8::from(args.deny_warnings && !warnings.is_empty())
        }
        Err(e) => super::fail(&e, args.format),
    }
}
