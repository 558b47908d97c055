//! The pipeline, top to bottom: config → content → annotations → lints →
//! render → link check → write. [`load`] reads and checks the sources;
//! [`render()`] renders into any [`Sink`] and checks the rendered site;
//! [`compile`] keeps the site in memory (for tools and tests), [`build`]
//! streams it to disk, and [`check`] only checks.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::annotation;
use crate::config::Config;
use crate::content;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::dossier::Dossier;
use crate::error::{Error, Result};
use crate::history::{History, Uncommitted};
use crate::inventory::Inventory;
use crate::lint;
use crate::output::{self, Staging};
use crate::permalinks::{self, Published, SiteManifest};
use crate::render::{self, MemorySink, OutputFile, Sink};

/// A dossier that loaded, with the warnings found on the way.
#[derive(Debug)]
pub struct Loaded {
    /// The resolved dossier; shared, so that `serve`'s annotation panel
    /// reads the last good one while the next is loading.
    pub dossier: Arc<Dossier>,
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
}

/// Reads and resolves the dossier at `root`; every error found is returned
/// at once in [`Error::Content`].
pub fn load(root: &Path) -> Result<Loaded> {
    load_reusing(root, None)
}

/// What a load can reuse from the last load of the same dossier: the
/// articles as parsed, the annotation files as parsed and the passages as
/// anchored, each while its sources are unchanged.
#[derive(Debug, Default)]
pub struct Cache {
    content: content::Cache,
    annotations: annotation::Cache,
    /// The history last read, reused while `HEAD` stays put.
    history: Option<Arc<History>>,
}

impl Cache {
    /// Forgets what was kept of the file at `path` (relative to the
    /// dossier root), which was just edited.
    pub fn forget(&mut self, path: &Path) {
        self.content.forget(path);
    }
}

/// [`load`], reusing what `cache` holds from the last load of the same
/// dossier (and refreshing it), for `serve`: its history also tells which
/// items have changes not yet committed.
pub fn load_reusing(root: &Path, cache: Option<&mut Cache>) -> Result<Loaded> {
    let config = Config::from_dir(root)?;
    let mut diagnostics = Diagnostics::default();
    let (content_cache, annotation_cache, last_history) = match cache {
        Some(cache) => (
            Some(&mut cache.content),
            Some(&mut cache.annotations),
            Some(&mut cache.history),
        ),
        None => (None, None, None),
    };
    let uncommitted = match last_history {
        Some(_) => Uncommitted::Note,
        None => Uncommitted::Ignore,
    };
    let (content, history) = rayon::join(
        || content::load(root, &config, &mut diagnostics, content_cache),
        || {
            let last = last_history.as_ref().and_then(|last| last.as_deref());
            Arc::new(History::read(root, &config, uncommitted, last))
        },
    );
    diagnostics.extend(history.warning());
    if let Some(last) = last_history {
        *last = Some(Arc::clone(&history));
    }
    let check = config.check.clone();
    let dossier = annotation::resolve(
        config,
        root.to_owned(),
        content,
        history,
        &mut diagnostics,
        annotation_cache,
    );
    if let Some(dossier) = &dossier {
        diagnostics.extend(lint::check(dossier));
        diagnostics.extend(lint::links::unsafe_links(dossier));
    }
    let diagnostics = check.apply(diagnostics.into_sorted());
    match dossier {
        Some(dossier) if !diagnostics.iter().any(Diagnostic::is_error) => Ok(Loaded {
            dossier: Arc::new(dossier),
            warnings: diagnostics,
        }),
        _ => Err(Error::Content(diagnostics)),
    }
}

/// What rendering a loaded dossier found.
#[derive(Debug)]
pub struct Rendered {
    /// How many files the site has.
    pub files: usize,
    /// The loader's warnings and the rendered site's, sorted by place.
    pub warnings: Vec<Diagnostic>,
    /// Every URL and fragment the site publishes, unless `permalinks.txt`
    /// lists exactly these already.
    pub manifest: Option<SiteManifest>,
}

/// Renders the dossier at `root` (already loaded) into `sink`, then checks
/// the rendered site: its internal links, and that every permalink in
/// `permalinks.txt` still exists. Every error found is returned at once.
pub fn render(root: &Path, loaded: &Loaded, sink: &dyn Sink) -> Result<Rendered> {
    let taking = Inventory::sink(sink);
    render::render(&loaded.dossier, &taking)?;
    let manifest = SiteManifest::new(&loaded.dossier, taking.into_inventory()?);
    let (vanished, changed) = match permalinks::compare(root, &manifest, &loaded.dossier)? {
        Published::Unchanged => (Vec::new(), false),
        Published::Changed { vanished } => (vanished, true),
    };
    let warnings = check_rendered(loaded, manifest.site(), vanished)?;
    Ok(Rendered {
        files: manifest.site().len(),
        warnings,
        manifest: changed.then_some(manifest),
    })
}

/// Checks the links of a rendered site, `site`; returns the loader's
/// warnings, the site's and those for `vanished` permalinks, or every
/// problem at once if any is an error.
pub fn check_rendered(
    loaded: &Loaded,
    site: &Inventory,
    vanished: Vec<Diagnostic>,
) -> Result<Vec<Diagnostic>> {
    let dossier = &loaded.dossier;
    let mut site_checks = lint::links::check(dossier, site);
    site_checks.extend(vanished);
    let mut warnings = loaded.warnings.clone();
    warnings.extend(dossier.config.check.apply(site_checks));
    warnings.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
    if warnings.iter().any(Diagnostic::is_error) {
        return Err(Error::Content(warnings));
    }
    Ok(warnings)
}

/// A dossier rendered in memory, not yet written.
#[derive(Debug)]
pub struct Compiled {
    /// The resolved dossier, as it was loaded.
    pub dossier: Arc<Dossier>,
    /// Every file of the site, sorted by path.
    pub files: Vec<OutputFile>,
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
}

/// Loads and renders the dossier at `root` into memory, with every check
/// [`render()`] makes.
pub fn compile(root: &Path) -> Result<Compiled> {
    let loaded = load(root)?;
    let memory = MemorySink::default();
    let Rendered { warnings, .. } = render(root, &loaded, &memory)?;
    Ok(Compiled {
        dossier: loaded.dossier,
        files: memory.into_files(),
        warnings,
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
    /// Every URL and fragment the site publishes, unless `permalinks.txt`
    /// listed exactly these already: written to it by [`publish`].
    pub manifest: Option<SiteManifest>,
    /// Why the site shows no history from git, when that may be the
    /// editors' choice (see [`History::note`]).
    pub history_note: Option<String>,
}

/// Whether a build records its permalinks in `permalinks.txt`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lock {
    /// Only compares the site with `permalinks.txt`: a local build of a
    /// draft makes nothing permanent.
    Compare,
    /// Records the site's permalinks too: the build that is published.
    Record,
}

/// Loads the dossier at `root` and writes it to `dest` (by default
/// `[build] output-dir` under the root), each page as soon as it is
/// rendered, into a staging directory that replaces `dest` only once the
/// whole site is written and checked: every step that can fail comes
/// before the swap. The site is compared with `permalinks.txt`, which is
/// left as it is: only [`publish`] records what readers can cite.
pub fn build(root: &Path, dest: Option<&Path>) -> Result<Built> {
    build_with(root, dest, Lock::Compare)
}

/// [`build`], for the site that is published: `permalinks.txt` is brought
/// up to date (created if missing) before the swap, so that from then on
/// `check` reports any of its URLs that vanish.
pub fn publish(root: &Path, dest: Option<&Path>) -> Result<Built> {
    build_with(root, dest, Lock::Record)
}

fn build_with(root: &Path, dest: Option<&Path>, lock: Lock) -> Result<Built> {
    let loaded = load(root)?;
    let build = &loaded.dossier.config.build;
    let dest = dest.map_or_else(|| root.join(&build.output_dir), Path::to_owned);
    let sources = [
        build.content_dir.as_path(),
        &build.templates_dir,
        &build.static_dir,
    ];
    output::check_destination(root, &sources, &dest)?;
    let staging = Staging::new(&dest)?;
    let Rendered {
        files,
        warnings,
        manifest,
    } = render(root, &loaded, &staging)?;
    if let (Lock::Record, Some(manifest)) = (lock, &manifest) {
        permalinks::write(root, manifest)?;
    }
    staging.finish()?;
    Ok(Built {
        dest,
        files,
        warnings,
        manifest,
        history_note: loaded.dossier.history.note(),
    })
}

/// Every check `build` makes, writing nothing; returns the warnings.
pub fn check(root: &Path) -> Result<Vec<Diagnostic>> {
    check_loaded(root, &load(root)?)
}

/// [`check`] of a dossier already loaded, for a caller that goes on to
/// use it (`check --todo`).
pub fn check_loaded(root: &Path, loaded: &Loaded) -> Result<Vec<Diagnostic>> {
    render(root, loaded, &Discard).map(|rendered| rendered.warnings)
}

/// A sink that drops what it is given, for `check`.
struct Discard;

impl Sink for Discard {
    fn put(&self, _: OutputFile) -> Result<()> {
        Ok(())
    }

    fn put_streamed(&self, _: PathBuf, _: render::Contents<'_>) -> Result<()> {
        Ok(())
    }
}
