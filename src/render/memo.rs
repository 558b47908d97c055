//! What `serve` keeps of the list sections from one render to the next,
//! so that an edit renders again only the list pages it changed: each
//! section's files, and a fingerprint of each page's template and
//! context.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Mutex;

use crate::urls::PagePath;
use crate::vocabulary::Section;

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
    current: Mutex<HashMap<PagePath, u64>>,
}

impl<'s> Memo<'s> {
    /// A memo comparing with the record `previous`, which keeps the
    /// `unchanged` sections whole.
    pub(super) fn new(previous: &'s ListPages, unchanged: &'s [Section]) -> Self {
        Memo {
            previous,
            unchanged,
            current: Mutex::default(),
        }
    }

    /// Records the page's fingerprint; returns whether it is the one the
    /// page had last time, so that its file stands.
    pub(super) fn is_unchanged(&self, page: &PagePath, hash: u64) -> bool {
        let unchanged = self.previous.hashes.get(page) == Some(&hash);
        self.lock().insert(page.clone(), hash);
        unchanged
    }

    /// The section's files as they were, if its inputs have not changed
    /// and the last render made it; its pages keep their fingerprints.
    pub(super) fn kept(&self, section: Section) -> Option<SectionFiles> {
        if !self.unchanged.contains(&section) {
            return None;
        }
        let files = self.previous.sections.get(&section)?;
        let mut current = self.lock();
        for page in &files.pages {
            if let Some(hash) = self.previous.hashes.get(page) {
                current.insert(page.clone(), *hash);
            }
        }
        Some(files.clone())
    }

    /// The sections as rendered with this memo.
    pub(super) fn into_list_pages(self, sections: BTreeMap<Section, SectionFiles>) -> ListPages {
        let hashes = self.current.into_inner().unwrap_or_else(|e| e.into_inner());
        ListPages { sections, hashes }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<PagePath, u64>> {
        self.current.lock().unwrap_or_else(|e| e.into_inner())
    }
}
