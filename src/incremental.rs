//! Rebuilding after an edit by re-rendering only the pages it affects: what
//! `gloss serve` does each time an editor saves.
//!
//! A [`LiveSite`] keeps the last good site in memory with what produced it:
//! the resolved dossier, each page's ids (for the link check and the
//! permalink manifest) and each article's annotations. After a change to
//! the content, the dossier is loaded again and compared with the last one
//! item by item. The pages of the items that changed are rendered again,
//! and so are the pages that show something of theirs (a claim's page shows
//! its claimant's name, an article's notes show each claim's verdict), as
//! listed in [`affected`]. The overview, lists, timeline, search, exports
//! and feeds draw on the whole dossier and are always rendered again. A
//! change to `book.toml`, the templates or the static files rebuilds
//! everything.
//!
//! The new files are collected aside and replace the old ones only once the
//! update has passed every check, so a failed update leaves the last good
//! site whole.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::annotation;
use crate::config::CONFIG_FILE;
use crate::diagnostics::Diagnostic;
use crate::dossier::{AnchorKind, Dossier};
use crate::error::Result;
use crate::id::Id;
use crate::inventory::Inventory;
use crate::permalinks::{self, Manifest};
use crate::render::paths::PagePath;
use crate::render::{MemorySink, OutputFile, Prepared, Selection};
use crate::site::{self, Loaded};

/// The site served from memory, and what it was made from.
pub struct LiveSite {
    root: PathBuf,
    loaded: Loaded,
    /// Parsed annotation files and anchored passages, for the next load.
    cache: annotation::Cache,
    /// `permalinks.txt` as it was when serving began (`build` rewrites it,
    /// `serve` does not).
    published: Option<Manifest>,
    /// Site path (`claims/x/index.html`) → contents.
    files: HashMap<String, Arc<[u8]>>,
    inventory: Inventory,
    /// Every item page (articles, claims, events, entities).
    item_pages: BTreeSet<PagePath>,
    /// Each article's annotations, for `annotations.jsonld`.
    annotations: BTreeMap<Id, Vec<String>>,
    /// The files that draw on the whole dossier, rendered again on every
    /// update.
    site_wide: HashSet<String>,
    warnings: Vec<Diagnostic>,
}

/// What an update did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Update {
    /// Everything was rendered again.
    Whole {
        /// How many files the site has.
        files: usize,
    },
    /// Only the affected item pages, and the site-wide files, were.
    Partial {
        /// How many item pages were rendered again.
        item_pages: usize,
        /// How many files were written in all.
        files: usize,
    },
}

impl LiveSite {
    /// Builds the dossier at `root` in memory, with every check `build`
    /// makes.
    pub fn build(root: &Path) -> Result<LiveSite> {
        let mut cache = annotation::Cache::default();
        let loaded = site::load_reusing(root, Some(&mut cache))?;
        let memory = MemorySink::default();
        let taking = Inventory::sink(&memory);
        let prepared = Prepared::new(&loaded.dossier)?;
        let items = prepared.items(&taking, None)?;
        let site_wide = MemorySink::default();
        let site_wide_taking = Inventory::sink(&site_wide);
        prepared.site_wide(&site_wide_taking, &items.paths, items.annotations.values())?;
        prepared.assets(&taking)?;
        drop(prepared);
        let mut inventory = taking.into_inventory();
        inventory.extend(site_wide_taking.into_inventory());
        let published = permalinks::read(root)?;
        let warnings = site::check_rendered(&loaded, &inventory, published.as_ref())?;
        let site_wide_files = site_wide.into_files();
        let site_wide = site_wide_files.iter().map(key).collect();
        let files = memory
            .into_files()
            .into_iter()
            .chain(site_wide_files)
            .map(|f| (key(&f), Arc::from(f.contents)))
            .collect();
        Ok(LiveSite {
            root: root.to_owned(),
            loaded,
            cache,
            published,
            files,
            inventory,
            item_pages: items.paths.into_iter().collect(),
            annotations: items.annotations,
            site_wide,
            warnings,
        })
    }

    /// Brings the site up to date after the files `changed` (absolute, or
    /// relative to the root) were edited, created or deleted. On error the
    /// site stays as it was.
    pub fn update(&mut self, changed: &[PathBuf]) -> Result<Update> {
        if changed.iter().any(|p| self.needs_whole_rebuild(p)) {
            *self = LiveSite::build(&self.root)?;
            return Ok(Update::Whole {
                files: self.files.len(),
            });
        }
        let loaded = site::load_reusing(&self.root, Some(&mut self.cache))?;
        let selection = affected(&self.loaded.dossier, &loaded.dossier);
        let prepared = Prepared::new(&loaded.dossier)?;
        let fresh = MemorySink::default();
        let taking = Inventory::sink(&fresh);
        let items = prepared.items(&taking, Some(&selection))?;

        let vanished = vanished_pages(&self.loaded.dossier, &loaded.dossier);
        let mut item_pages = self.item_pages.clone();
        item_pages.retain(|p| !vanished.contains(p));
        item_pages.extend(items.paths.iter().cloned());
        let mut annotations = self.annotations.clone();
        annotations.retain(|slug, _| loaded.dossier.articles.contains_key(slug));
        annotations.extend(items.annotations);
        let item_pages: Vec<PagePath> = item_pages.into_iter().collect();
        let site_wide = MemorySink::default();
        let site_wide_taking = Inventory::sink(&site_wide);
        prepared.site_wide(&site_wide_taking, &item_pages, annotations.values())?;
        drop(prepared);

        let gone: Vec<String> = vanished
            .iter()
            .map(|p| p.file().to_string_lossy().replace('\\', "/"))
            .chain(self.site_wide.iter().cloned())
            .collect();
        let mut inventory = self.inventory.clone();
        for path in &gone {
            inventory.remove(path);
        }
        inventory.extend(taking.into_inventory());
        inventory.extend(site_wide_taking.into_inventory());
        let warnings = site::check_rendered(&loaded, &inventory, self.published.as_ref())?;

        let fresh = fresh.into_files();
        let site_wide = site_wide.into_files();
        let rendered = items.paths.len();
        let written = fresh.len() + site_wide.len();
        for path in &gone {
            self.files.remove(path);
        }
        self.site_wide = site_wide.iter().map(key).collect();
        self.files.extend(
            fresh
                .into_iter()
                .chain(site_wide)
                .map(|f| (key(&f), Arc::from(f.contents))),
        );
        self.loaded = loaded;
        self.inventory = inventory;
        self.item_pages = item_pages.into_iter().collect();
        self.annotations = annotations;
        self.warnings = warnings;
        Ok(Update::Partial {
            item_pages: rendered,
            files: written,
        })
    }

    /// Every file of the site, by site path (`claims/x/index.html`).
    pub fn files(&self) -> &HashMap<String, Arc<[u8]>> {
        &self.files
    }

    /// The warnings of the last good build.
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
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

fn key(file: &OutputFile) -> String {
    file.path.to_string_lossy().replace('\\', "/")
}

/// The item pages `old` has and `new` does not.
fn vanished_pages(old: &Dossier, new: &Dossier) -> Vec<PagePath> {
    fn gone<'a, T>(
        kind: &'static str,
        old: &'a BTreeMap<Id, T>,
        new: &'a BTreeMap<Id, T>,
    ) -> impl Iterator<Item = PagePath> + 'a {
        old.keys()
            .filter(|id| !new.contains_key(*id))
            .map(move |id| PagePath::item(kind, id))
    }
    gone("articles", &old.articles, &new.articles)
        .chain(gone("claims", &old.claims, &new.claims))
        .chain(gone("events", &old.events, &new.events))
        .chain(gone("entities", &old.entities, &new.entities))
        .collect()
}

/// The ids of the items of one kind that differ between two dossiers
/// (including those only one of them has).
fn changed<'a, T: PartialEq>(
    old: &'a BTreeMap<Id, T>,
    new: &'a BTreeMap<Id, T>,
) -> HashSet<&'a Id> {
    let differs = new.iter().filter(|(id, item)| old.get(*id) != Some(*item));
    let removed = old.keys().filter(|id| !new.contains_key(*id));
    differs.map(|(id, _)| id).chain(removed).collect()
}

/// Each article's neighbours in publication order, as its page links them.
fn neighbours(dossier: &Dossier) -> HashMap<&Id, (Option<&Id>, Option<&Id>)> {
    let mut order: Vec<_> = dossier.articles.values().collect();
    order.sort_by(|a, b| (a.meta.published, &a.slug).cmp(&(b.meta.published, &b.slug)));
    (0..order.len())
        .map(|i| {
            let at = |j: Option<usize>| j.and_then(|j| order.get(j)).map(|a| &a.slug);
            (&order[i].slug, (at(i.checked_sub(1)), at(Some(i + 1))))
        })
        .collect()
}

/// The item pages of `new` that differ from those of `old`: the pages of
/// the items that changed, and of the items whose pages show something of
/// a changed item. What each page shows is spelled out here, kind by kind;
/// a test compares every update with a full build to keep this list true.
pub fn affected(old: &Dossier, new: &Dossier) -> Selection {
    let articles = changed(&old.articles, &new.articles);
    let claims = changed(&old.claims, &new.claims);
    let events = changed(&old.events, &new.events);
    let entities = changed(&old.entities, &new.entities);
    // Claims whose summary (in lists of claims) shows something changed:
    // the claim itself or its claimant's name.
    let summaries: HashSet<&Id> = new
        .claims
        .iter()
        .filter(|(id, c)| {
            claims.contains(id) || c.claimant.as_ref().is_some_and(|e| entities.contains(e))
        })
        .map(|(id, _)| id)
        .collect();
    let summary = |id: &Id| summaries.contains(id);
    // Claims quoted in a changed article: their wordings changed.
    let wordings: HashSet<&Id> = new
        .claims
        .iter()
        .filter(|(_, c)| c.appearances.iter().any(|a| articles.contains(&a.article)))
        .map(|(id, _)| id)
        .collect();
    let appearances = |id: &Id| wordings.contains(id);
    // What a claim's note on an article page shows.
    let note = |id: &Id| {
        summary(id) || appearances(id) || new.claims[id].events.iter().any(|e| events.contains(e))
    };
    let (old_neighbours, new_neighbours) = (neighbours(old), neighbours(new));

    let mut selection = Selection::default();
    for (slug, article) in &new.articles {
        let (previous, next) = new_neighbours[slug];
        let moved = old_neighbours.get(slug) != Some(&(previous, next));
        let shown = [previous, next].into_iter().flatten();
        let notes = article.anchors.iter().any(|a| match &a.kind {
            AnchorKind::Claim { claim, .. } => note(claim),
            AnchorKind::Sic { .. } => false,
        });
        if articles.contains(slug)
            || moved
            || notes
            || shown.into_iter().any(|a| articles.contains(a))
        {
            selection.articles.insert(slug.clone());
        }
    }
    for (id, claim) in &new.claims {
        let same_events = claim.events.iter().flat_map(|e| &new.events[e].claims);
        if summary(id)
            || appearances(id)
            || claim.events.iter().any(|e| events.contains(e))
            || claim.related.iter().any(&summary)
            || same_events.into_iter().any(&summary)
        {
            selection.claims.insert(id.clone());
        }
    }
    for (id, event) in &new.events {
        if events.contains(id)
            || event.claims.iter().any(|c| summary(c) || appearances(c))
            || event.articles.iter().any(|a| articles.contains(a))
            || event.entities.iter().any(|e| entities.contains(e))
        {
            selection.events.insert(id.clone());
        }
    }
    for (id, entity) in &new.entities {
        if entities.contains(id)
            || entity.claims.iter().any(|c| summary(c) || appearances(c))
            || entity.events.iter().any(|e| events.contains(e))
        {
            selection.entities.insert(id.clone());
        }
    }
    selection
}
