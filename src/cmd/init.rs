//! `gloss init`: a small dossier that builds, to start from.

use crate::cli::InitArgs;
use crate::config::CONFIG_FILE;

/// The starter dossier: path, contents.
const FILES: &[(&str, &str)] = &[
    (CONFIG_FILE, include_str!("starter/book.toml")),
    ("content/index.md", include_str!("starter/index.md")),
    (
        "content/articles/example-report.md",
        include_str!("starter/example-report.md"),
    ),
    (
        "content/annotations/example.toml",
        include_str!("starter/example.toml"),
    ),
];

/// Writes the starter dossier into `args.dir`, refusing to touch an
/// existing dossier.
pub fn run(args: &InitArgs) -> u8 {
    if args.dossier.path().join(CONFIG_FILE).exists() {
        eprintln!(
            "error: {} already holds a book.toml; nothing was written",
            args.dossier.path().display()
        );
        return 2;
    }
    for (path, text) in FILES {
        if let Err(e) = crate::files::write_new(&args.dossier.path().join(path), text) {
            eprintln!(
                "error: could not write {}: {e}",
                args.dossier.path().join(path).display()
            );
            return 2;
        }
    }
    eprintln!(
        "Created a dossier in {}. Next: `gloss serve {}`, then edit content/.",
        args.dossier.path().display(),
        args.dossier.path().display()
    );
    0
}
