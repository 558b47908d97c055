//! `gloss serve`.

use super::Report;
use crate::cli::ServeArgs;
use crate::serve::{ServeOptions, serve};

/// Serves the dossier until interrupted (Ctrl-C); nothing is written to disk,
/// so stopping at any moment leaves nothing behind.
pub fn run(args: &ServeArgs) -> u8 {
    let options = ServeOptions {
        root: super::dossier_root(args.dossier.path()),
        bind: args.bind,
        port: args.port,
    };
    let result = serve(&options, |address, panel| {
        eprintln!("Serving http://{address}/ (rebuilding on every change; Ctrl-C to stop)");
        eprintln!("What is left to annotate: http://{address}/__gloss/todo/");
        if panel {
            eprintln!("Select a passage in a report's page to annotate it.");
        } else {
            eprintln!(
                "note: the annotation panel is off: it writes files, so it is offered only on a loopback address (127.0.0.1)"
            );
        }
    });
    match result {
        Ok(()) => 0,
        Err(e) => Report::HUMAN.fail(&e),
    }
}
