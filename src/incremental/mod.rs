//! Rebuilding after an edit by re-rendering only the pages it affects: what
//! `gloss serve` does each time an editor saves.
//!
//! A [`LiveSite`] keeps the last good site in memory with what produced it:
//! the resolved dossier, each page's ids (for the link check and the
//! permalink manifest) and each article's annotations. After a change to
//! the content, the dossier is loaded again and compared with the last one
//! item by item (`changes`). A page is rendered again if the edit changed
//! something it shows, as its page kind declares next to its view
//! ([`crate::render::pages::Shown`]: a claim's page shows its claimant's
//! name, an article's notes show each claim's verdict); the later pages of
//! an item's list that shrank are dropped. The overview, lists and
//! timeline draw on the whole dossier: a section of them is rendered again
//! only if an item changed in what the section shows of it, and in that
//! section only the pages that list other items than last time or an item
//! that changed, or whose template's context differs from last time
//! ([`ListPages`]). The permalink check
//! takes in only the pages rendered again ([`Watch`]). The search index,
//! exports and feeds are made again in a second step
//! ([`LiveSite::refresh_exports`]) after the pages are published
//! (`timeline.json` only if an update since changed what it shows); the two
//! longest exports are held as each article's annotations and each
//! claim's `claims.json` entry, kept since they were last rendered, joined
//! ([`Body::Joined`]), and the search index is joined from each item's
//! entry, kept likewise ([`SearchEntries`]). Articles whose files are
//! unchanged are not parsed again, nor are annotation files, nor are an
//! unchanged annotation file's passages looked for again in unchanged
//! reports, nor is an annotation file resolved again while its parse, its
//! passages and the dossier's ids are unchanged ([`site::Cache`]), and the
//! templates are compiled once. A change to `book.toml`, the templates or
//! the static files rebuilds everything.
//!
//! The new files are collected aside and replace the old ones only once the
//! update has passed every check, so a failed update leaves the last good
//! site whole.

mod changes;

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use changes::Changes;
use rayon::prelude::*;

use crate::config::CONFIG_FILE;
use crate::diagnostics::Diagnostic;
use crate::dossier::Dossier;
use crate::error::Result;
use crate::id::Id;
use crate::inventory::Inventory;
use crate::permalinks::{self, Watch};
use crate::render::{
    FirstRender, ItemPages, Joined, KeptAnnotations, ListPages, MemorySink, OutputFile, Prepared,
    SHOWN_BY_TIMELINE_JSON, SearchEntries, Sink, Theme,
};
use crate::site::{self, Loaded};
use crate::urls::PagePath;
use crate::vocabulary::Section;

/// The site served from memory, and what it was made from.
pub struct LiveSite {
    root: PathBuf,
    loaded: Loaded,
    /// Compiled once: a change to a template rebuilds everything.
    theme: Theme,
    /// Parsed articles and annotation files and anchored passages, for the
    /// next load.
    cache: site::Cache,
    /// The site against `permalinks.txt` as it was when serving began
    /// (`build` rewrites it, `serve` does not).
    permalinks: Option<Watch>,
    /// Site path (`claims/x/index.html`) → contents; the paths are shared,
    /// so that publishing a copy of the map to the server copies no text.
    files: HashMap<Arc<str>, Body>,
    inventory: Inventory,
    /// Every item page (articles, claims, events, entities), with its
    /// entry in the sitemap (empty without one). What an entry shows
    /// changes only with its item, whose page an edit then renders again;
    /// a commit rebuilds everything.
    item_pages: BTreeMap<PagePath, Box<str>>,
    /// The overview, lists and timeline, section by section, with each
    /// page's fingerprint: an update renders again only the sections whose
    /// inputs changed, and in those the pages whose context changed.
    list_pages: ListPages,
    /// Each article's annotations, for `annotations.jsonld`.
    annotations: BTreeMap<Id, KeptAnnotations>,
    /// Each claim's entry in `claims.json`.
    claim_entries: BTreeMap<Id, Arc<str>>,
    /// Each item's entry in the search index.
    search: SearchEntries,
    /// The files of the list sections and the redirects.
    lists: HashSet<String>,
    /// The files of the search index, exports and feeds.
    exports: HashSet<String>,
    /// Whether the exports predate the last update.
    exports_stale: bool,
    /// Whether `timeline.json` predates an update that changed what it
    /// shows; while it does not, refreshing the exports keeps it.
    timeline_stale: bool,
    warnings: Vec<Diagnostic>,
}

/// A file of the live site.
#[derive(Debug, Clone)]
pub enum Body {
    /// As rendered.
    Whole(Arc<Vec<u8>>),
    /// `claims.json` or a page of the annotations, as the items kept for
    /// it joined: an update changes a few of them instead of copying the
    /// whole.
    Joined(Arc<Joined>),
}

impl Body {
    /// The file's bytes (copied out of a joined export).
    pub fn bytes(&self) -> Cow<'_, [u8]> {
        match self {
            Body::Whole(bytes) => Cow::Borrowed(bytes),
            Body::Joined(joined) => Cow::Owned(joined.to_vec()),
        }
    }
}

/// What an update did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Update {
    /// Everything was rendered again.
    Whole {
        /// How many files the site has.
        files: usize,
    },
    /// Only the affected item pages, and the lists, were.
    Partial {
        /// How many item pages were rendered again.
        item_pages: usize,
        /// The list sections looked at again (in the others nothing
        /// changed).
        list_sections: Vec<Section>,
        /// How many files were written in all.
        files: usize,
    },
}

impl LiveSite {
    /// Builds the dossier at `root` in memory, with every check `build`
    /// makes.
    pub fn build(root: &Path) -> Result<LiveSite> {
        let mut cache = site::Cache::default();
        let loaded = site::load_reusing(root, Some(&mut cache))?;
        let prepared = Prepared::new(&loaded.dossier)?;
        let (items, items_batch) = collect(|sink| {
            let items = prepared.items(sink, None)?;
            prepared.assets(sink)?;
            Ok(items)
        })?;
        let (list_pages, lists_batch) =
            collect(|sink| prepared.lists_since(sink, &ListPages::default(), &[], &FirstRender))?;
        let item_pages = with_sitemap_entries(&prepared, items.paths);
        let annotations = prepared.kept_annotations(items.quotes);
        let claim_entries = prepared.claim_entries(None);
        let mut search = prepared.search_entries(None);
        let lists_entries = list_sitemap_entries(&prepared, &list_pages);
        let sitemap = sitemap_in_order(&lists_entries, &item_pages);
        let (left, exports_batch) =
            collect(|sink| prepared.short_exports(sink, &mut search, &sitemap, true))?;
        debug_assert!(left.is_empty(), "a first put writes every file");
        let joined = prepared.joined_exports(&annotations, &claim_entries);
        let theme = prepared.theme();
        drop(prepared);
        let lists = lists_batch.paths();
        let mut inventory = Inventory::default();
        let mut files = HashMap::new();
        for batch in [items_batch, lists_batch] {
            inventory.extend(batch.inventory);
            files.extend(batch.files.into_iter().map(entry));
        }
        let exports = take_exports(&mut files, &mut inventory, exports_batch, joined);
        let permalinks = permalinks::read(root)?.map(|published| Watch::new(published, &inventory));
        let lost = vanished_permalinks(permalinks.as_ref(), &loaded);
        let warnings = site::check_rendered(&loaded, &inventory, lost)?;
        Ok(LiveSite {
            root: root.to_owned(),
            loaded,
            theme,
            cache,
            permalinks,
            files,
            inventory,
            item_pages,
            list_pages,
            annotations,
            claim_entries,
            search,
            lists,
            exports,
            exports_stale: false,
            timeline_stale: false,
            warnings,
        })
    }

    /// Brings the site's pages up to date after the files `changed`
    /// (absolute, or relative to the root) were edited, created or deleted.
    /// The search index, exports and feeds are left for
    /// [`LiveSite::refresh_exports`]. On error the site stays as it was.
    pub fn update(&mut self, changed: &[PathBuf]) -> Result<Update> {
        if changed.iter().any(|p| self.needs_whole_rebuild(p)) {
            *self = LiveSite::build(&self.root)?;
            return Ok(Update::Whole {
                files: self.files.len(),
            });
        }
        for path in changed {
            self.cache
                .forget(path.strip_prefix(&self.root).unwrap_or(path));
        }
        let loaded = site::load_reusing(&self.root, Some(&mut self.cache))?;
        if loaded.dossier.history.head() != self.loaded.dossier.history.head() {
            // A commit since the last build: every page's dates may differ.
            *self = LiveSite::build(&self.root)?;
            return Ok(Update::Whole {
                files: self.files.len(),
            });
        }
        let pending = self.render_update(loaded)?;
        let warnings = self.check_update(&pending)?;
        Ok(self.take_update(pending, warnings))
    }

    /// Renders the pages that differ in `loaded` from the live site's
    /// dossier, aside, and works out which files the site no longer has.
    fn render_update(&self, loaded: Loaded) -> Result<Pending> {
        let changes = Changes::between(&self.loaded.dossier, &loaded.dossier);
        let selection = changes.affected_pages();
        let timeline_changed = changes.shows_any(SHOWN_BY_TIMELINE_JSON);
        let (unchanged, list_sections): (Vec<_>, Vec<_>) = Section::ALL
            .into_iter()
            .partition(|section| changes.shows_no_change(*section));
        let prepared = Prepared::with_theme(&loaded.dossier, self.theme.clone());
        let (mut items, items_batch) = collect(|sink| prepared.items(sink, Some(&selection)))?;
        let annotations = prepared.kept_annotations(std::mem::take(&mut items.quotes));
        let claim_entries = prepared.claim_entries(Some(&selection));
        let search = prepared.search_entries(Some(&selection));
        let sitemap = (items.paths.iter())
            .map(|page| prepared.sitemap_entry(page))
            .collect();
        let (list_pages, lists_batch) =
            collect(|sink| prepared.lists_since(sink, &self.list_pages, &unchanged, &changes))?;
        drop(prepared);

        // The files of skipped sections and pages stay; the redirects were
        // all written again.
        let mut lists = lists_batch.paths();
        lists.extend(list_pages.files().map(|path| site_path(&path)));
        let dropped = self.dropped_pages(&changes, &items.paths);
        let same_items = changes.same_items();
        let gone: Vec<String> = dropped
            .iter()
            .map(page_file)
            .chain(self.lists.difference(&lists).cloned())
            .collect();
        let mut inventory = self.inventory.clone();
        for path in &gone {
            inventory.remove(path);
        }
        inventory.extend(items_batch.inventory);
        inventory.extend(lists_batch.inventory);
        let files = [items_batch.files, lists_batch.files].concat();
        Ok(Pending {
            loaded,
            list_sections,
            timeline_changed,
            same_items,
            items,
            annotations,
            claim_entries,
            search,
            sitemap,
            list_pages,
            lists,
            dropped,
            gone,
            inventory,
            files,
        })
    }

    /// Checks the site as `pending` would leave it; returns its warnings.
    /// The permalink watch takes in the pages the update touched, and
    /// takes them in again from the live site if the check fails, which
    /// puts it back as it was.
    fn check_update(&mut self, pending: &Pending) -> Result<Vec<Diagnostic>> {
        let touched_files = pending.touched();
        let touched = || touched_files.iter().map(String::as_str);
        if let Some(watch) = &mut self.permalinks {
            watch.refresh(&pending.inventory, touched());
        }
        let lost = vanished_permalinks(self.permalinks.as_ref(), &pending.loaded);
        let checked = site::check_rendered(&pending.loaded, &pending.inventory, lost);
        if checked.is_err()
            && let Some(watch) = &mut self.permalinks
        {
            watch.refresh(&self.inventory, touched());
        }
        checked
    }

    /// Makes a checked update the live site.
    fn take_update(&mut self, pending: Pending, warnings: Vec<Diagnostic>) -> Update {
        let Pending {
            loaded,
            list_sections,
            timeline_changed,
            same_items,
            items,
            annotations,
            claim_entries,
            search,
            sitemap,
            list_pages,
            lists,
            dropped,
            gone,
            inventory,
            files,
        } = pending;
        let update = Update::Partial {
            item_pages: items.paths.len(),
            list_sections,
            files: files.len(),
        };
        for path in &gone {
            self.files.remove(path.as_str());
        }
        self.files.extend(files.into_iter().map(entry));
        if !dropped.is_empty() {
            self.item_pages.retain(|p, _| !dropped.contains(p));
        }
        self.item_pages.extend(items.paths.into_iter().zip(sitemap));
        if !same_items {
            let articles = &loaded.dossier.articles;
            self.annotations
                .retain(|slug, _| articles.contains_key(slug));
            let claims = &loaded.dossier.claims;
            self.claim_entries.retain(|id, _| claims.contains_key(id));
        }
        self.annotations.extend(annotations);
        self.claim_entries.extend(claim_entries);
        self.search.refresh(&loaded.dossier, search, same_items);
        self.lists = lists;
        self.list_pages = list_pages;
        // Freeing the previous dossier takes tens of milliseconds at
        // 10,000 articles, which the editor need not wait for.
        let previous = std::mem::replace(&mut self.loaded, loaded);
        rayon::spawn(move || drop(previous));
        self.inventory = inventory;
        self.warnings = warnings;
        self.exports_stale = true;
        self.timeline_stale |= timeline_changed;
        update
    }

    /// Renders the search index, exports and feeds again if an update has
    /// made them stale (but for the search index's files that would come
    /// out the same); returns how many files that wrote. `serve` calls
    /// this right after publishing an update's pages, so that an editor
    /// sees the pages without waiting for files that only tools read.
    pub fn refresh_exports(&mut self) -> Result<usize> {
        if !self.exports_stale {
            return Ok(0);
        }
        let prepared = Prepared::with_theme(&self.loaded.dossier, self.theme.clone());
        let lists_entries = list_sitemap_entries(&prepared, &self.list_pages);
        let sitemap = sitemap_in_order(&lists_entries, &self.item_pages);
        let make_timeline = self.timeline_stale;
        let (left, batch) = collect(|sink| {
            prepared.short_exports(sink, &mut self.search, &sitemap, make_timeline)
        })?;
        let joined = prepared.joined_exports(&self.annotations, &self.claim_entries);
        drop(prepared);
        let left: HashSet<String> = left.into_iter().collect();
        for path in self.exports.difference(&left) {
            self.files.remove(path.as_str());
            self.inventory.remove(path);
        }
        let written = batch.files.len() + joined.len();
        self.exports = take_exports(&mut self.files, &mut self.inventory, batch, joined);
        self.exports.extend(left);
        self.exports_stale = false;
        self.timeline_stale = false;
        Ok(written)
    }

    /// Every file of the site, by site path (`claims/x/index.html`).
    pub fn files(&self) -> &HashMap<Arc<str>, Body> {
        &self.files
    }

    /// The dossier of the last good build, for the preview's annotation
    /// panel to draft against.
    pub fn dossier(&self) -> &Arc<Dossier> {
        &self.loaded.dossier
    }

    /// The warnings of the last good build.
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// The item pages the site no longer has after an update that
    /// `changes` tells of and that rendered the pages `rendered`: the pages
    /// of the items the new dossier lacks, and the later pages of long
    /// lists that shrank (those under an item's page that were not
    /// rendered again with it).
    fn dropped_pages(&self, changes: &Changes<'_>, rendered: &[PagePath]) -> HashSet<PagePath> {
        let again: HashSet<&PagePath> = rendered.iter().collect();
        let removed = changes.vanished_pages();
        let items = removed
            .iter()
            .chain(rendered.iter().filter(|p| p.item_of().is_some()));
        items
            .flat_map(|item| {
                let under = self.item_pages.range(item.clone()..).map(|(page, _)| page);
                under.take_while(|p| p.dir().starts_with(item.dir()))
            })
            .filter(|p| !again.contains(p))
            .cloned()
            .collect()
    }

    /// Whether a change to `path` can alter every page: `book.toml`, a
    /// template or a static file.
    fn needs_whole_rebuild(&self, path: &Path) -> bool {
        let path = path.strip_prefix(&self.root).unwrap_or(path);
        let build = &self.loaded.dossier.config.build;
        path == Path::new(CONFIG_FILE)
            || path.starts_with(&build.templates_dir)
            || path.starts_with(&build.static_dir)
    }
}

/// The warnings for published permalinks the site no longer has.
fn vanished_permalinks(permalinks: Option<&Watch>, loaded: &Loaded) -> Vec<Diagnostic> {
    permalinks.map_or_else(Vec::new, |watch| watch.vanished(&loaded.dossier))
}

fn page_file(page: &PagePath) -> String {
    site_path(&page.file())
}

/// A path relative to the output directory as the live site keys it.
fn site_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// A file as the live site holds it.
fn entry(file: OutputFile) -> (Arc<str>, Body) {
    (key(&file).into(), Body::Whole(Arc::new(file.contents)))
}

/// Adds the search index, exports and feeds to the site's `files` and
/// `inventory`: those rendered into `batch` and the `joined` ones. Returns
/// their paths.
fn take_exports(
    files: &mut HashMap<Arc<str>, Body>,
    inventory: &mut Inventory,
    batch: Batch,
    joined: Vec<(String, Joined)>,
) -> HashSet<String> {
    let mut paths = batch.paths();
    inventory.extend(batch.inventory);
    files.extend(batch.files.into_iter().map(entry));
    for (path, joined) in joined {
        inventory.add_file(path.clone());
        files.insert(path.as_str().into(), Body::Joined(Arc::new(joined)));
        paths.insert(path);
    }
    paths
}

fn key(file: &OutputFile) -> String {
    site_path(&file.path)
}

/// An update rendered aside: what the live site takes in once it passes
/// the checks.
struct Pending {
    loaded: Loaded,
    /// The list sections looked at again.
    list_sections: Vec<Section>,
    /// Whether anything `timeline.json` shows changed.
    timeline_changed: bool,
    /// Whether the dossier has the same items as the live site's, though
    /// some may differ.
    same_items: bool,
    items: ItemPages,
    /// The annotations of the articles rendered again.
    annotations: BTreeMap<Id, KeptAnnotations>,
    claim_entries: BTreeMap<Id, Arc<str>>,
    search: SearchEntries,
    /// The sitemap's entry of each item page rendered again.
    sitemap: Vec<Box<str>>,
    list_pages: ListPages,
    /// Every file the lists now have.
    lists: HashSet<String>,
    /// The item pages the site no longer has.
    dropped: HashSet<PagePath>,
    /// The files the site no longer has.
    gone: Vec<String>,
    inventory: Inventory,
    /// The files rendered.
    files: Vec<OutputFile>,
}

impl Pending {
    /// The files the update rendered or removed.
    fn touched(&self) -> Vec<String> {
        let rendered = self.files.iter().map(key);
        self.gone.iter().cloned().chain(rendered).collect()
    }
}

/// The item pages `paths`, each with its entry in the sitemap.
fn with_sitemap_entries(
    prepared: &Prepared<'_>,
    paths: Vec<PagePath>,
) -> BTreeMap<PagePath, Box<str>> {
    let entries: Vec<Box<str>> = paths
        .par_iter()
        .map(|page| prepared.sitemap_entry(page))
        .collect();
    paths.into_iter().zip(entries).collect()
}

/// The list pages' entries in the sitemap, in the order of their paths;
/// none when the site has no sitemap.
fn list_sitemap_entries<'l>(
    prepared: &Prepared<'_>,
    list_pages: &'l ListPages,
) -> Vec<(&'l PagePath, Box<str>)> {
    if !prepared.has_sitemap() {
        return Vec::new();
    }
    let mut entries: Vec<_> = list_pages
        .pages()
        .map(|page| (page, prepared.sitemap_entry(page)))
        .collect();
    entries.sort_unstable_by_key(|(page, _)| *page);
    entries
}

/// Every page's entry in the sitemap, in the order of their paths: the
/// list pages' `lists` merged with the item pages' `items`; none when
/// the site has no sitemap (no list page has an entry).
fn sitemap_in_order<'a>(
    lists: &'a [(&PagePath, Box<str>)],
    items: &'a BTreeMap<PagePath, Box<str>>,
) -> Vec<&'a str> {
    if lists.is_empty() {
        return Vec::new();
    }
    let mut entries = Vec::with_capacity(lists.len() + items.len());
    let mut items = items.iter().peekable();
    for (list_page, entry) in lists {
        while let Some((_, item_entry)) = items.next_if(|(page, _)| page < list_page) {
            entries.push(&**item_entry);
        }
        entries.push(&**entry);
    }
    entries.extend(items.map(|(_, entry)| &**entry));
    entries
}

/// Files rendered for the live site, with their inventory.
struct Batch {
    files: Vec<OutputFile>,
    inventory: Inventory,
}

impl Batch {
    fn paths(&self) -> HashSet<String> {
        self.files.iter().map(key).collect()
    }
}

/// Runs `render` into memory; returns what it returned and what it wrote.
fn collect<T>(render: impl FnOnce(&dyn Sink) -> Result<T>) -> Result<(T, Batch)> {
    let memory = MemorySink::default();
    let taking = Inventory::sink(&memory);
    let value = render(&taking)?;
    let inventory = taking.into_inventory()?;
    let files = memory.into_files();
    Ok((value, Batch { files, inventory }))
}
