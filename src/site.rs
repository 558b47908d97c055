//! The pipeline, top to bottom: config → content → annotations → lints →
//! render → link check → write. [`load`] reads and checks the sources,
//! [`compile`] renders in memory (what `check` and `serve` need), [`build`]
//! writes.

use std::path::{Path, PathBuf};

use crate::annotation;
use crate::config::Config;
use crate::content;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::dossier::Dossier;
use crate::error::{Error, Result};
use crate::lint;
use crate::output;
use crate::permalinks::{self, Manifest};
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
        diagnostics.extend(lint::check(dossier));
        diagnostics.extend(lint::links::unsafe_links(dossier));
    }
    let diagnostics = check.apply(diagnostics.into_sorted());
    match dossier {
        Some(dossier) if !diagnostics.iter().any(Diagnostic::is_error) => Ok(Loaded {
            dossier,
            warnings: diagnostics,
        }),
        _ => Err(Error::Content(diagnostics)),
    }
}

/// A dossier rendered in memory, not yet written.
#[derive(Debug)]
pub struct Compiled {
    /// The resolved dossier.
    pub dossier: Dossier,
    /// Every file of the site.
    pub files: Vec<OutputFile>,
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
    /// Every URL and fragment the site publishes.
    pub manifest: Manifest,
}

/// Loads and renders the dossier at `root`, then checks the rendered site:
/// its internal links, and that every permalink in `permalinks.txt` still
/// exists. Every error found is returned at once.
pub fn compile(root: &Path) -> Result<Compiled> {
    let Loaded {
        dossier,
        mut warnings,
    } = load(root)?;
    let files = render::render(&dossier)?;
    let manifest = Manifest::of_site(&dossier, &files);
    let mut site_checks = lint::links::check(&dossier, &files);
    if let Some(published) = permalinks::read(root)? {
        site_checks.extend(published.vanished(&manifest, &dossier));
    }
    warnings.extend(dossier.config.check.apply(site_checks));
    warnings.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
    if warnings.iter().any(Diagnostic::is_error) {
        return Err(Error::Content(warnings));
    }
    Ok(Compiled {
        dossier,
        files,
        warnings,
        manifest,
    })
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
    /// Every URL and fragment the site publishes, for `permalinks.txt`.
    pub manifest: Manifest,
}

/// Compiles the dossier at `root` and writes it to `dest` (by default
/// `[build] output-dir` under the root).
pub fn build(root: &Path, dest: Option<&Path>) -> Result<Built> {
    let Compiled {
        dossier,
        files,
        warnings,
        manifest,
    } = compile(root)?;
    let dest = dest.map_or_else(
        || root.join(&dossier.config.build.output_dir),
        Path::to_owned,
    );
    let build = &dossier.config.build;
    let sources = [
        build.content_dir.as_path(),
        &build.templates_dir,
        &build.static_dir,
    ];
    output::check_destination(root, &sources, &dest)?;
    output::write_site(&dest, &files)?;
    Ok(Built {
        dest,
        files: files.len(),
        warnings,
        manifest,
    })
}

/// Every check `build` makes, writing nothing; returns the warnings.
pub fn check(root: &Path) -> Result<Vec<Diagnostic>> {
    compile(root).map(|compiled| compiled.warnings)
}
