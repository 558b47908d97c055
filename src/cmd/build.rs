//! `gloss build`.

use std::time::Instant;

use super::Report;
use crate::cli::{BuildArgs, Format};
use crate::site;

/// Builds the dossier (recording its permalinks in `permalinks.txt`, to be
/// committed, if they changed) and says where the site is.
pub fn run(args: &BuildArgs) -> u8 {
    let started = Instant::now();
    let report = Report {
        format: Format::Human,
        verbose: args.verbose,
    };
    match site::build(
        &super::dossier_root(args.dossier.path()),
        args.dest_dir.as_deref(),
    ) {
        Ok(built) => {
            report.diagnostics(&built.warnings);
            eprintln!(
                "Built {} files in {:.2?}. Open {}",
                built.files,
                started.elapsed(),
                built.dest.join("index.html").display()
            );
            0
        }
        Err(e) => report.fail(&e),
    }
}
