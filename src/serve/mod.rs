//! `gloss serve`: the live preview an editor keeps open while annotating.
//!
//! The site is built into memory (nothing is written to disk) and served
//! from there over HTTP. A file watcher, debounced so that an editor saving
//! ten files causes one rebuild, updates it on every change to `content/`,
//! `templates/`, `static/` or `book.toml`: only the pages an edit affects
//! are rendered again ([`LiveSite`]), and a change to the templates, the
//! static files or `book.toml` rebuilds everything, as does a commit (it
//! moves every page's history and what is unpublished). Open pages learn about
//! new builds by long-polling `/__gloss/poll`: a good build reloads them, a
//! broken one shows its diagnostics in an overlay while the last good site
//! stays up.
//! The small script that does this is injected into pages only here, never
//! into `gloss build` output; so is the annotation panel of report pages
//! (`annotate`), which drafts claims, passages and `[sic]`s from a
//! selection and saves them into the annotation files.

mod annotate;
mod http;
mod reply;
mod todo;

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::config::{CONFIG_FILE, Config};
use crate::diagnostics::write_for_people;
use crate::dossier::Dossier;
use crate::error::{Error, Result};
use crate::files;
use crate::history::{self, CommitMarkers};
use crate::incremental::{Body, LiveSite, Update};

/// How long the watcher waits for a burst of saves to end.
const DEBOUNCE: Duration = Duration::from_millis(150);

/// Where to serve which dossier.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The dossier root.
    pub root: PathBuf,
    /// The address to listen on.
    pub bind: IpAddr,
    /// The port (0 picks a free one).
    pub port: u16,
}

/// The files of the last good build, and the errors of the last build if it
/// failed.
#[derive(Debug, Default)]
struct Snapshot {
    /// Counts builds, good or bad; pages poll for a change of it.
    generation: u64,
    /// Site path (`claims/x/index.html`) → contents.
    files: Arc<HashMap<Arc<str>, Body>>,
    /// The last build's diagnostics, when it failed.
    errors: Option<String>,
    /// The last good build's dossier, which the annotation panel drafts
    /// against.
    dossier: Option<Arc<Dossier>>,
}

/// The snapshot shared between the watcher and the HTTP workers.
#[derive(Debug, Default)]
struct Shared {
    snapshot: Mutex<Snapshot>,
    changed: Condvar,
    /// The `/__gloss/todo/` page, and the build it was worked out for.
    todo_page: Mutex<Option<(u64, Arc<str>)>>,
}

impl Shared {
    fn publish(&self, outcome: std::result::Result<&LiveSite, String>) {
        let mut snapshot = self.snapshot.lock().unwrap_or_else(|e| e.into_inner());
        snapshot.generation += 1;
        match outcome {
            Ok(site) => {
                let files = Arc::new(site.files().clone());
                let files = std::mem::replace(&mut snapshot.files, files);
                let dossier = snapshot.dossier.replace(Arc::clone(site.dossier()));
                snapshot.errors = None;
                // The snapshot often holds the last reference to the
                // previous dossier, and freeing it takes tens of
                // milliseconds at 10,000 articles: not the editor's wait.
                rayon::spawn(move || drop((files, dossier)));
            }
            Err(errors) => snapshot.errors = Some(errors),
        }
        self.changed.notify_all();
    }

    /// Replaces the files without counting a new build, so that open pages
    /// do not reload: for the exports that follow an update's pages.
    fn refresh(&self, files: HashMap<Arc<str>, Body>) {
        let mut snapshot = self.snapshot.lock().unwrap_or_else(|e| e.into_inner());
        snapshot.files = Arc::new(files);
    }
}

/// Builds, serves and watches until the process is interrupted; calls
/// `ready` with the bound address once the server listens, and whether
/// report pages offer the annotation panel (only on a loopback address).
pub fn serve(options: &ServeOptions, ready: impl FnOnce(SocketAddr, bool)) -> Result<()> {
    // The watcher reports absolute paths; compare them with an absolute root.
    let root = options
        .root
        .canonicalize()
        .map_err(|source| files::read_error(&options.root, source))?;
    let config = Config::from_dir(&root)?;
    let shared = Arc::new(Shared::default());
    // Watching starts before the first build, so that no edit made from
    // then on is missed.
    let watching = Watching::start(&root, &config)?;
    let mut live = None;
    rebuild(&root, &mut live, &[], &shared);
    let (address, panel) = http::start(
        SocketAddr::new(options.bind, options.port),
        Arc::clone(&shared),
    )?;
    ready(address, panel);
    watching.rebuild_on_changes(&root, &mut live, &shared);
    Ok(())
}

/// Brings the site in memory up to date after `changed` (building it whole
/// if there is no good build yet), publishes the result and reports to the
/// terminal how long it took until then.
fn rebuild(root: &Path, live: &mut Option<LiveSite>, changed: &[PathBuf], shared: &Shared) {
    let started = Instant::now();
    match up_to_date(root, live, changed) {
        Ok((site, update)) => {
            // Every warning is one `gloss check --verbose` away; a serve
            // that printed them all after each edit would bury the rest.
            let _ = write_for_people(&mut std::io::stderr().lock(), site.warnings(), false);
            // The time reported is until the pages are served.
            shared.publish(Ok(site));
            let took = seconds(started);
            match update {
                Update::Whole { files } => eprintln!("Built {files} files in {took}."),
                Update::Partial {
                    item_pages,
                    list_sections,
                    files,
                } => {
                    let lists = list_sections.len();
                    eprintln!(
                        "Updated {files} files ({item_pages} item pages affected, \
                         {lists} list sections looked at again) in {took}."
                    )
                }
            }
            refresh_exports(live, shared);
        }
        Err(e) => {
            let report = describe(&e);
            eprintln!(
                "{report}Build failed in {}; still serving the last good site.",
                seconds(started)
            );
            shared.publish(Err(report));
        }
    }
}

/// The time since `started`, as the terminal reports it (`1.25 s`, which
/// `benches/compare.sh` reads).
fn seconds(started: Instant) -> String {
    format!("{:.2} s", started.elapsed().as_secs_f64())
}

/// Brings the search index, exports and feeds up to date after an update
/// whose pages are already served.
fn refresh_exports(live: &mut Option<LiveSite>, shared: &Shared) {
    let Some(site) = live else { return };
    let started = Instant::now();
    match site.refresh_exports() {
        Ok(0) => {}
        Ok(files) => {
            shared.refresh(site.files().clone());
            eprintln!(
                "Updated the search index, exports and feeds ({files} files) in {}.",
                seconds(started)
            );
        }
        Err(e) => eprintln!("{}", describe(&e)),
    }
}

/// Updates the live site after `changed`, or builds it if there is none.
fn up_to_date<'l>(
    root: &Path,
    live: &'l mut Option<LiveSite>,
    changed: &[PathBuf],
) -> Result<(&'l LiveSite, Update)> {
    if let Some(site) = live {
        let update = site.update(changed)?;
        return Ok((site, update));
    }
    let site = live.insert(LiveSite::build(root)?);
    let files = site.files().len();
    Ok((site, Update::Whole { files }))
}

/// The error as an editor should read it.
fn describe(error: &Error) -> String {
    match error {
        Error::Content(diagnostics) => diagnostics.iter().map(|d| format!("{d}\n")).collect(),
        other => {
            let mut text = format!("error: {other}\n");
            let mut cause = std::error::Error::source(other);
            while let Some(e) = cause {
                text.push_str(&format!("  caused by: {e}\n"));
                cause = e.source();
            }
            text
        }
    }
}

/// A watcher on the dossier's sources, and the events it reports.
struct Watching {
    /// Kept alive for as long as events are wanted.
    _watcher: RecommendedWatcher,
    events: mpsc::Receiver<notify::Result<Event>>,
    sources: Vec<PathBuf>,
    /// Where a commit shows, so that a commit made while serving is
    /// published on the pages at once.
    commits: CommitMarkers,
}

impl Watching {
    /// Starts watching `book.toml`, the content, templates and static
    /// folders of the dossier at `root`, and where a commit to the
    /// repository holding it shows.
    fn start(root: &Path, config: &Config) -> Result<Watching> {
        let (sender, events) = mpsc::channel::<notify::Result<Event>>();
        let watch_error = |e: notify::Error| files::read_error(root, std::io::Error::other(e));
        let mut watcher =
            RecommendedWatcher::new(sender, notify::Config::default()).map_err(watch_error)?;
        let sources: Vec<PathBuf> = [
            &config.build.content_dir,
            &config.build.templates_dir,
            &config.build.static_dir,
        ]
        .iter()
        .map(|d| root.join(d))
        .collect();
        let commits = history::commit_markers(root, config);
        let recursive = sources.iter().chain(&commits.trees);
        for dir in recursive.filter(|d| d.is_dir()) {
            watcher
                .watch(dir, RecursiveMode::Recursive)
                .map_err(watch_error)?;
        }
        for dir in std::iter::once(root).chain(commits.folders.iter().map(PathBuf::as_path)) {
            watcher
                .watch(dir, RecursiveMode::NonRecursive)
                .map_err(watch_error)?;
        }
        Ok(Watching {
            _watcher: watcher,
            events,
            sources,
            commits,
        })
    }

    /// Rebuilds after each burst of changes, for as long as the process
    /// runs.
    fn rebuild_on_changes(&self, root: &Path, live: &mut Option<LiveSite>, shared: &Shared) {
        while let Ok(event) = self.events.recv() {
            let mut changed = self.edited_paths(&event, root);
            if !changed.is_empty() {
                self.settle(root, &mut changed);
                rebuild(root, live, &changed, shared);
            }
        }
    }

    /// The dossier sources a file-system event edited, and the files that
    /// record a commit; reading them (as every rebuild does) edits none.
    fn edited_paths(&self, event: &notify::Result<Event>, root: &Path) -> Vec<PathBuf> {
        match event {
            Ok(event) if !matches!(event.kind, EventKind::Access(_)) => event
                .paths
                .iter()
                .filter(|p| is_source(p, root, &self.sources) || self.commits.is_commit(p))
                .cloned()
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Waits until no event has arrived for [`DEBOUNCE`], so that a burst
    /// of saves (an editor writing ten files, or git a commit) makes one
    /// rebuild; adds the paths the burst edited to `changed`.
    fn settle(&self, root: &Path, changed: &mut Vec<PathBuf>) {
        while let Ok(event) = self.events.recv_timeout(DEBOUNCE) {
            changed.extend(self.edited_paths(&event, root));
        }
    }
}

/// Whether a changed path is part of the dossier's input: `book.toml` or a
/// visible file under a source directory (editors' swap and backup files,
/// which start with `.` or end with `~`, are not).
fn is_source(path: &Path, root: &Path, sources: &[PathBuf]) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    if name.starts_with('.') || name.ends_with('~') {
        return false;
    }
    path == root.join(CONFIG_FILE) || sources.iter().any(|dir| path.starts_with(dir))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_dossier_sources_trigger_rebuilds() {
        let root = Path::new("/d");
        let sources = [root.join("content"), root.join("templates")];
        assert!(is_source(Path::new("/d/book.toml"), root, &sources));
        assert!(is_source(
            Path::new("/d/content/articles/a.md"),
            root,
            &sources
        ));
        assert!(!is_source(
            Path::new("/d/content/articles/.a.md.swp"),
            root,
            &sources
        ));
        assert!(!is_source(
            Path::new("/d/content/articles/a.md~"),
            root,
            &sources
        ));
        assert!(!is_source(
            Path::new("/d/public/index.html"),
            root,
            &sources
        ));
        assert!(!is_source(Path::new("/d/README.md"), root, &sources));
    }
}
