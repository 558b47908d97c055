//! `gloss build`.

use std::time::Instant;

use super::Report;
use crate::cli::{BuildArgs, Format};
use crate::site;

/// Builds the dossier and says where the site is; with `--publish`, records
/// its permalinks in `permalinks.txt` (to be committed) if they changed,
/// and without it says when they would change.
pub fn run(args: &BuildArgs) -> u8 {
    let started = Instant::now();
    let report = Report {
        format: Format::Human,
        verbose: args.verbose,
    };
    let build = if args.publish {
        site::publish
    } else {
        site::build
    };
    match build(
        &super::dossier_root(args.dossier.path()),
        args.dest_dir.as_deref(),
    ) {
        Ok(built) => {
            report.diagnostics(&built.warnings);
            if let Some(note) = &built.history_note {
                eprintln!("{note}");
            }
            eprintln!(
                "Built {} files in {:.2?}. Open {}",
                built.files,
                started.elapsed(),
                built.dest.join("index.html").display()
            );
            match (&built.manifest, args.publish) {
                (Some(_), true) => eprintln!(
                    "Recorded the site's permalinks in permalinks.txt: commit it with the change."
                ),
                (Some(_), false) => eprintln!(
                    "note: permalinks.txt does not list this site's URLs; `gloss build --publish` records them when you publish"
                ),
                (None, _) => {}
            }
            0
        }
        Err(e) => report.fail(&e),
    }
}
