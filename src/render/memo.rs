//! What `serve` keeps of the list sections from one render to the next,
//! so that an edit renders again only the list pages it changed: each
//! section's files, a fingerprint of each page's template and context,
//! and for lists of items, the items on each page, so that a page whose
//! items are those it had and are unchanged keeps its file before its
//! context is even made.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use super::shown::Shown;
use crate::id::Id;
use crate::urls::PagePath;
use crate::vocabulary::{ItemKind, Section};

/// What an edit changed, as a list page asks it of what it shows.
pub trait Edited: Sync {
    /// Whether `shown` differs since the last render.
    fn changed(&self, shown: Shown<'_>) -> bool;
}

/// The first render of the lists: everything is new.
pub struct FirstRender;

impl Edited for FirstRender {
    fn changed(&self, _: Shown<'_>) -> bool {
        true
    }
}

/// An item a page of a list shows.
pub(super) type Listed<'i> = (ItemKind, &'i Id);

/// The items on one page of a list, in the order it shows them, and how
/// many pages the list had.
#[derive(Debug, Clone)]
struct PageItems {
    pages: usize,
    items: Vec<(ItemKind, Id)>,
}

/// The files one section has: its pages, and any others (the timeline's
/// filter stylesheet).
#[derive(Debug, Default, Clone)]
pub(super) struct SectionFiles {
    pub(super) pages: Vec<PagePath>,
    pub(super) others: Vec<PathBuf>,
}

impl From<Vec<PagePath>> for SectionFiles {
    fn from(pages: Vec<PagePath>) -> Self {
        SectionFiles {
            pages,
            others: Vec::new(),
        }
    }
}

/// The list sections as a render left them: each section's files, and
/// each page's fingerprint (a hash of its template and context), for the
/// next render to compare with.
#[derive(Debug, Default, Clone)]
pub struct ListPages {
    sections: BTreeMap<Section, SectionFiles>,
    hashes: HashMap<PagePath, u64>,
    items: HashMap<PagePath, PageItems>,
}

impl ListPages {
    /// Every list page, section by section.
    pub fn pages(&self) -> impl Iterator<Item = &PagePath> {
        self.sections.values().flat_map(|s| &s.pages)
    }

    /// Every file of the list sections, pages included, as a path
    /// relative to the output directory.
    pub fn files(&self) -> impl Iterator<Item = PathBuf> + '_ {
        let others = self
            .sections
            .values()
            .flat_map(|s| s.others.iter().cloned());
        self.pages().map(PagePath::file).chain(others)
    }
}

/// What a render that skips unchanged list pages compares with, and the
/// fingerprints it takes for next time.
pub(super) struct Memo<'s> {
    previous: &'s ListPages,
    /// The sections whose inputs have not changed since `previous`.
    unchanged: &'s [Section],
    /// What changed in the others.
    edited: &'s dyn Edited,
    current: Mutex<HashMap<PagePath, u64>>,
    current_items: Mutex<HashMap<PagePath, PageItems>>,
}

impl<'s> Memo<'s> {
    /// A memo comparing with the record `previous`, which keeps the
    /// `unchanged` sections whole; `edited` tells what changed since.
    pub(super) fn new(
        previous: &'s ListPages,
        unchanged: &'s [Section],
        edited: &'s dyn Edited,
    ) -> Self {
        Memo {
            previous,
            unchanged,
            edited,
            current: Mutex::default(),
            current_items: Mutex::default(),
        }
    }

    /// Records that page `page` of a list of `pages` pages shows `items`,
    /// `shown` of each; returns whether it showed the same items last time
    /// and none of what it shows of them changed since, so that its file
    /// stands.
    pub(super) fn items_stand<'i>(
        &self,
        page: &PagePath,
        pages: usize,
        items: impl Iterator<Item = Listed<'i>> + Clone,
        shown: impl Fn(Listed<'i>) -> Shown<'i>,
    ) -> bool {
        let same = self.previous.items.get(page).is_some_and(|last| {
            let mut listed = last.items.iter();
            let same_items = items
                .clone()
                .all(|(kind, id)| listed.next().is_some_and(|(k, i)| (*k, i) == (kind, id)))
                && listed.next().is_none();
            let changed = items.clone().any(|item| self.edited.changed(shown(item)));
            last.pages == pages && same_items && !changed
        });
        let items = items.map(|(kind, id)| (kind, id.clone())).collect();
        lock(&self.current_items).insert(page.clone(), PageItems { pages, items });
        if same && let Some(hash) = self.previous.hashes.get(page) {
            lock(&self.current).insert(page.clone(), *hash);
        }
        same
    }

    /// Records the page's fingerprint; returns whether it is the one the
    /// page had last time, so that its file stands.
    pub(super) fn is_unchanged(&self, page: &PagePath, hash: u64) -> bool {
        let unchanged = self.previous.hashes.get(page) == Some(&hash);
        lock(&self.current).insert(page.clone(), hash);
        unchanged
    }

    /// The section's files as they were, if its inputs have not changed
    /// and the last render made it; its pages keep their fingerprints.
    pub(super) fn kept(&self, section: Section) -> Option<SectionFiles> {
        if !self.unchanged.contains(&section) {
            return None;
        }
        let files = self.previous.sections.get(&section)?;
        let (mut current, mut current_items) = (lock(&self.current), lock(&self.current_items));
        for page in &files.pages {
            if let Some(hash) = self.previous.hashes.get(page) {
                current.insert(page.clone(), *hash);
            }
            if let Some(items) = self.previous.items.get(page) {
                current_items.insert(page.clone(), items.clone());
            }
        }
        Some(files.clone())
    }

    /// The sections as rendered with this memo.
    pub(super) fn into_list_pages(self, sections: BTreeMap<Section, SectionFiles>) -> ListPages {
        let hashes = self.current.into_inner().unwrap_or_else(|e| e.into_inner());
        let items = (self.current_items.into_inner()).unwrap_or_else(|e| e.into_inner());
        ListPages {
            sections,
            hashes,
            items,
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}
