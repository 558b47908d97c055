//! The pipeline, top to bottom: config → content → annotations → render →
//! write. [`load`] does everything that reads and checks; [`build`] renders
//! and writes.

use std::path::{Path, PathBuf};

use crate::annotation;
use crate::config::Config;
use crate::content;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::dossier::Dossier;
use crate::error::{Error, Result};
use crate::lint;
use crate::output;
use crate::render::{self, OutputFile};

/// A dossier that loaded, with the warnings found on the way.
#[derive(Debug)]
pub struct Loaded {
    /// The resolved dossier.
    pub dossier: Dossier,
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
}

/// Reads and resolves the dossier at `root`; every error found is returned
/// at once in [`Error::Content`].
pub fn load(root: &Path) -> Result<Loaded> {
    let config = Config::from_dir(root)?;
    let mut diagnostics = Diagnostics::default();
    let content = content::load(root, &config, &mut diagnostics);
    let check = config.check.clone();
    let dossier = annotation::resolve(config, root.to_owned(), content, &mut diagnostics);
    if let Some(dossier) = &dossier {
        diagnostics.extend(check.apply(lint::check(dossier)));
    }
    match dossier {
        Some(dossier) if !diagnostics.has_errors() => Ok(Loaded {
            dossier,
            warnings: diagnostics.into_sorted(),
        }),
        _ => Err(Error::Content(diagnostics.into_sorted())),
    }
}

/// What a successful build did.
#[derive(Debug)]
pub struct Built {
    /// Where the site was written.
    pub dest: PathBuf,
    /// How many files it has.
    pub files: usize,
    /// Warnings found while loading.
    pub warnings: Vec<Diagnostic>,
}

/// Loads, renders and writes the dossier at `root` to `dest` (by default
/// `[build] output-dir` under the root).
pub fn build(root: &Path, dest: Option<&Path>) -> Result<Built> {
    let Loaded { dossier, warnings } = load(root)?;
    let files: Vec<OutputFile> = render::render(&dossier)?;
    let dest = dest.map_or_else(
        || root.join(&dossier.config.build.output_dir),
        Path::to_owned,
    );
    output::write_site(&dest, &files)?;
    Ok(Built {
        dest,
        files: files.len(),
        warnings,
    })
}

/// Loads and renders without writing anything: every check `build` makes.
pub fn check(root: &Path) -> Result<Vec<Diagnostic>> {
    let Loaded { dossier, warnings } = load(root)?;
    render::render(&dossier)?;
    Ok(warnings)
}
