//! What git knows about the dossier: when each claim, event, entity and
//! report was first published (the commit that added it), when it last
//! changed, and every version in between, so that pages can show a claim's
//! history, the corrections log can list every change of verdict, and
//! exports can carry review dates.
//!
//! The history is read in-process from the repository the dossier lives
//! in (no `git` binary), following each commit's first parent from `HEAD`:
//! the branch as it was published, each merge counting as one change. Only
//! the files a commit changed under the content folder are parsed, leniently
//! ([`snapshot`]), so that old versions written for an older gloss still
//! count. A dossier outside git, or in a shallow clone, has no history; the
//! build says so, and the claims' own `reviewed` and `[[claim.correction]]`
//! keys stand in for it.

#[cfg(feature = "history")]
mod git;
mod log;
pub mod snapshot;

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use crate::config::Config;
use crate::date::Moment;
use crate::diagnostics::{Diagnostic, Lint};
use crate::id::Id;
use crate::vocabulary::ItemKind;
pub use log::{Correction, Dates, Entry, What, later};
pub use snapshot::{Snapshot, Wording};

/// An item's kind and id, as the history keys it: the id as written, since
/// an old version may hold one that no longer parses.
pub type Key = (ItemKind, String);

/// A commit, as pages cite it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    /// The commit's id, abbreviated to 12 hexadecimal digits.
    pub commit: String,
    /// When it was committed, on its committer's clock.
    pub moment: Moment,
    /// The same instant as seconds since 1970 (UTC), to order by.
    pub instant: i64,
    /// The first line of its message: the editor's reason for the change.
    pub subject: String,
}

/// One version of an item: what a commit made it.
#[derive(Debug, Clone, PartialEq)]
pub struct Version {
    /// The commit that made this version.
    pub stamp: Arc<Stamp>,
    /// The item as that commit left it.
    pub snapshot: Arc<Snapshot>,
}

/// Every version of one item, oldest first; never empty.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The versions, the first being the one first published.
    pub versions: Vec<Version>,
}

/// Items' records by kind, then by id, so that looking one up by `&str`
/// makes no key: every page's dates and every feed entry's go through it,
/// 74,000 pages at 10,000 articles.
#[derive(Debug, Default)]
pub struct Records([HashMap<String, Record>; ItemKind::ALL.len()]);

impl Records {
    /// The record of the item `id` of `kind`.
    pub fn get(&self, kind: ItemKind, id: &str) -> Option<&Record> {
        self.0[kind as usize].get(id)
    }
}

impl FromIterator<(Key, Record)> for Records {
    fn from_iter<I: IntoIterator<Item = (Key, Record)>>(records: I) -> Self {
        let mut by_kind = Records::default();
        for ((kind, id), record) in records {
            by_kind.0[kind as usize].insert(id, record);
        }
        by_kind
    }
}

/// What changed from one version of an item to the next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change<'a> {
    /// The verdict (`status`) changed.
    Verdict {
        /// As it was (`None` when the earlier version had none).
        from: Option<&'a str>,
        /// As it became.
        to: Option<&'a str>,
    },
    /// The title (an entity's name) changed.
    Title {
        /// As it was.
        from: &'a str,
        /// As it became.
        to: &'a str,
    },
    /// The note (an entity's description) changed.
    Note,
    /// Passages were added to the claim or removed from it.
    Wordings {
        /// How many passages the later version adds.
        added: usize,
        /// How many it no longer has.
        removed: usize,
    },
    /// Something else changed: a date, a link, a source, a report's text.
    Other,
}

impl Record {
    /// The commit that first published the item.
    pub fn published(&self) -> &Stamp {
        &self.versions[0].stamp
    }

    /// The last commit that changed it.
    pub fn changed(&self) -> &Stamp {
        &self.versions[self.versions.len() - 1].stamp
    }

    /// Version `number` (the first published is 1), if there is one.
    pub fn version(&self, number: usize) -> Option<&Version> {
        self.versions.get(number.checked_sub(1)?)
    }

    /// What each version after the first changed, oldest first, with its
    /// 1-based version number.
    pub fn changes(&self) -> impl Iterator<Item = (usize, &Stamp, Vec<Change<'_>>)> {
        self.versions.windows(2).enumerate().map(|(i, pair)| {
            let changes = changes_between(&pair[0].snapshot, &pair[1].snapshot);
            (i + 2, &*pair[1].stamp, changes)
        })
    }
}

/// What differs between two versions of an item, in the order a reader
/// weighs it: the verdict first.
fn changes_between<'a>(before: &'a Snapshot, after: &'a Snapshot) -> Vec<Change<'a>> {
    let mut changes = Vec::new();
    if before.verdict != after.verdict {
        changes.push(Change::Verdict {
            from: before.verdict.as_deref(),
            to: after.verdict.as_deref(),
        });
    }
    if before.title != after.title {
        changes.push(Change::Title {
            from: &before.title,
            to: &after.title,
        });
    }
    if before.note != after.note {
        changes.push(Change::Note);
    }
    if before.wordings != after.wordings {
        let had: HashSet<&Wording> = before.wordings.iter().collect();
        let has: HashSet<&Wording> = after.wordings.iter().collect();
        let added = has.difference(&had).count();
        let removed = had.difference(&has).count();
        if added + removed > 0 {
            changes.push(Change::Wordings { added, removed });
        }
    }
    if before.rest != after.rest || changes.is_empty() {
        changes.push(Change::Other);
    }
    changes
}

/// Why a dossier has no history.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Unavailable {
    /// No repository holds the dossier.
    #[error("the dossier is not in a git repository")]
    NotARepository,
    /// A shallow clone lacks the commits that published most items.
    #[error(
        "the repository is a shallow clone, without the commits that published the dossier; fetch them with `git fetch --unshallow`"
    )]
    Shallow,
    /// This gloss was compiled without reading git.
    #[error("this gloss was built without its `history` feature")]
    NotBuilt,
    /// `[build] history = false` in book.toml.
    #[error("`[build] history = false` in book.toml")]
    TurnedOff,
    /// The repository could not be read.
    #[error("the git repository could not be read: {0}")]
    Unreadable(String),
}

/// What git knows about every item of the dossier.
#[derive(Debug, Clone)]
pub struct History {
    /// The commit the history was read up to (`None` before the first),
    /// or why there is none.
    head: Result<Option<String>, Unavailable>,
    /// What the commits up to `head` published, shared with the next
    /// read while `HEAD` stays where it is.
    published: Arc<Published>,
    /// Items whose working copy differs from `HEAD`'s (only for a preview).
    unpublished: HashSet<Key>,
}

impl PartialEq for History {
    /// Two reads of the same commit are the same history, unless the
    /// working copy changed what is unpublished.
    fn eq(&self, other: &History) -> bool {
        self.head == other.head && self.unpublished == other.unpublished
    }
}

/// What the commits up to `HEAD` published.
#[derive(Debug, Default)]
struct Published {
    /// Every version of every item.
    records: Records,
    /// Each item as `HEAD` has it.
    current: HashMap<Key, Arc<Snapshot>>,
    /// The blob of each file under the content folder at `HEAD`.
    #[cfg(feature = "history")]
    files: HashMap<PathBuf, gix::ObjectId>,
}

/// Whether the history should also tell which items have changes not yet
/// committed: for `serve`'s preview, not for a published build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Uncommitted {
    /// Note them: pages show them as unpublished.
    Note,
    /// Leave them out: the site shows only what git has.
    Ignore,
}

impl History {
    /// A history with nothing in it, for the reason given.
    pub fn unavailable(why: Unavailable) -> History {
        History {
            head: Err(why),
            published: Arc::default(),
            unpublished: HashSet::new(),
        }
    }

    /// Reads the history of the dossier at `root` from the repository it
    /// is in, reusing what `last` (an earlier read of the same dossier)
    /// read if `HEAD` has not moved since. Never fails: a dossier whose
    /// history cannot be read gets one that says why.
    pub fn read(
        root: &Path,
        config: &Config,
        uncommitted: Uncommitted,
        last: Option<&History>,
    ) -> History {
        if !config.build.history {
            return History::unavailable(Unavailable::TurnedOff);
        }
        #[cfg(feature = "history")]
        {
            git::read(root, &Layout::of(config), uncommitted, last)
                .unwrap_or_else(History::unavailable)
        }
        #[cfg(not(feature = "history"))]
        {
            let _ = (root, config, uncommitted, last);
            History::unavailable(Unavailable::NotBuilt)
        }
    }

    /// Why there is no history, if there is none.
    pub fn missing(&self) -> Option<&Unavailable> {
        self.head.as_ref().err()
    }

    /// What to tell the editor about a history that is missing for a
    /// reason they may have chosen (no repository, a gloss without git),
    /// short of a warning.
    pub fn note(&self) -> Option<String> {
        let why = self.missing()?;
        matches!(why, Unavailable::NotARepository | Unavailable::NotBuilt).then(|| {
            format!(
                "note: no history: {why}; pages show only the review dates and corrections the annotations give (`reviewed`, `[[claim.correction]]`)"
            )
        })
    }

    /// The commit read up to (abbreviated), if the repository has one.
    pub fn head(&self) -> Option<&str> {
        self.head.as_ref().ok().and_then(Option::as_deref)
    }

    /// Every version of the item `id` of `kind` that git has.
    pub fn record(&self, kind: ItemKind, id: &str) -> Option<&Record> {
        self.published.records.get(kind, id)
    }

    /// The record of the item `id` of `kind` followed back through the
    /// ids it had before (`aliases`): every version under any of them in
    /// the order they were committed, the rename itself not counting as a
    /// version unless it changed something else. `None` when git has none.
    pub fn renamed_record(&self, kind: ItemKind, id: &str, aliases: &[Id]) -> Option<Record> {
        let ids = aliases.iter().map(Id::as_str).chain([id]);
        let mut versions: Vec<&Version> = ids
            .filter_map(|id| self.record(kind, id))
            .flat_map(|record| &record.versions)
            .collect();
        versions.sort_by_key(|version| version.stamp.instant);
        let mut merged: Vec<Version> = Vec::with_capacity(versions.len());
        for version in versions {
            if merged
                .last()
                .is_none_or(|last| last.snapshot != version.snapshot)
            {
                merged.push(version.clone());
            }
        }
        (!merged.is_empty()).then_some(Record { versions: merged })
    }

    /// Whether the item has changes not yet committed (always false
    /// outside a preview).
    pub fn is_unpublished(&self, kind: ItemKind, id: &str) -> bool {
        self.unpublished.contains(&(kind, id.to_owned()))
    }

    /// The warning a build gives when the repository's history cannot
    /// be read: a shallow clone, or a repository gloss cannot read.
    pub fn warning(&self) -> Option<Diagnostic> {
        let why = self
            .missing()
            .filter(|why| matches!(why, Unavailable::Shallow | Unavailable::Unreadable(_)))?;
        let message = format!(
            "no history: {why}; pages show no review dates or changes, except those the annotations give (`reviewed`, `[[claim.correction]]`)"
        );
        Some(Diagnostic {
            lint: Some(Lint::NoHistory),
            ..Diagnostic::warning(Path::new("book.toml"), message)
        })
    }
}

/// Where a commit shows in the repository holding the dossier at `root`,
/// for `serve` to watch: the files naming `HEAD`'s branch and the branch
/// heads (`HEAD`, `packed-refs`, `refs/`). Empty when the history is off
/// or the dossier is in no repository.
pub fn commit_markers(root: &Path, config: &Config) -> CommitMarkers {
    if !config.build.history {
        return CommitMarkers::default();
    }
    #[cfg(feature = "history")]
    {
        git::commit_markers(root)
    }
    #[cfg(not(feature = "history"))]
    {
        let _ = root;
        CommitMarkers::default()
    }
}

/// The places a commit changes: see [`commit_markers`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CommitMarkers {
    /// Folders whose files name a commit: the repository's own folder
    /// (`HEAD`, `packed-refs`), watched alone.
    pub folders: Vec<PathBuf>,
    /// Folders of branch heads (`refs/`), watched with all they hold.
    pub trees: Vec<PathBuf>,
}

impl CommitMarkers {
    /// Whether a change to `path` may have moved `HEAD`: a commit, a
    /// checkout, a reset (a lock file being written is not yet one).
    pub fn is_commit(&self, path: &Path) -> bool {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.ends_with(".lock") {
            return false;
        }
        let named = |dir: &PathBuf| {
            path.parent() == Some(dir.as_path()) && matches!(name, "HEAD" | "packed-refs")
        };
        self.folders.iter().any(named) || self.trees.iter().any(|dir| path.starts_with(dir))
    }
}

/// Where the files the history reads are, relative to the content folder.
#[derive(Debug, Clone)]
struct Layout {
    /// The content folder, relative to the dossier root.
    content: PathBuf,
    /// The articles, relative to `content`.
    articles: PathBuf,
    /// The annotation files, relative to `content`.
    annotations: PathBuf,
}

impl Layout {
    fn of(config: &Config) -> Layout {
        let content = config.build.content_dir.clone();
        let below = |dir: PathBuf| {
            dir.strip_prefix(&content)
                .map(Path::to_owned)
                .unwrap_or(dir)
        };
        Layout {
            articles: below(config.build.articles_dir()),
            annotations: below(config.build.annotations_dir()),
            content,
        }
    }

    /// The items of the file at `path` (relative to the content folder)
    /// with the text `text`; `None` for a file that holds no items, or one
    /// whose text does not parse.
    fn items(&self, path: &Path, text: &str) -> Option<snapshot::Items> {
        let hidden = path.components().any(|c| match c {
            Component::Normal(name) => name.to_str().is_some_and(|n| n.starts_with('.')),
            _ => false,
        });
        let extension = path.extension().and_then(|e| e.to_str());
        match extension {
            _ if hidden => None,
            Some("md") if path.starts_with(&self.articles) => {
                Some(snapshot::article_file(path, text).into_iter().collect())
            }
            Some("toml") if path.starts_with(&self.annotations) => snapshot::annotation_file(text),
            _ => None,
        }
    }
}

/// The history as it is replayed, commit by commit, oldest first.
#[derive(Debug, Default)]
struct Replay {
    /// The items each file defines at the commit replayed last.
    defined: HashMap<PathBuf, Vec<Key>>,
    /// How many files define each item (one, unless ids collide).
    owners: HashMap<Key, u32>,
    /// Each item as the commit replayed last left it.
    current: HashMap<Key, Arc<Snapshot>>,
    records: HashMap<Key, Record>,
}

impl Replay {
    /// Applies one commit: `files` are the files it changed (relative to
    /// the content folder) with their new text, `None` if deleted. An item
    /// moved from one file to another in the same commit stays as it was.
    fn commit(
        &mut self,
        layout: &Layout,
        stamp: &Arc<Stamp>,
        files: Vec<(PathBuf, Option<String>)>,
    ) {
        let mut present = Vec::new();
        let mut dropped = Vec::new();
        for (path, text) in files {
            let items = match text {
                Some(text) => match layout.items(&path, &text) {
                    Some(items) => items,
                    None => continue,
                },
                None => Vec::new(),
            };
            let keys = items.iter().map(|(key, _)| key.clone()).collect();
            dropped.extend(self.defined.insert(path, keys).unwrap_or_default());
            present.extend(items);
        }
        for (key, _) in &present {
            *self.owners.entry(key.clone()).or_default() += 1;
        }
        for key in dropped {
            let owners = self.owners.entry(key.clone()).or_default();
            *owners = owners.saturating_sub(1);
            if *owners == 0 {
                self.owners.remove(&key);
                self.current.remove(&key);
            }
        }
        for (key, snapshot) in present {
            self.record(key, snapshot, stamp);
        }
    }

    /// Adds a version of `key` made by `stamp`, unless it is as it was.
    fn record(&mut self, key: Key, snapshot: Snapshot, stamp: &Arc<Stamp>) {
        if self.current.get(&key).is_some_and(|now| **now == snapshot) {
            return;
        }
        let snapshot = Arc::new(snapshot);
        self.current.insert(key.clone(), Arc::clone(&snapshot));
        let version = Version {
            stamp: Arc::clone(stamp),
            snapshot,
        };
        self.records
            .entry(key)
            .or_insert_with(|| Record {
                versions: Vec::new(),
            })
            .versions
            .push(version);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_commit_shows_in_head_and_the_branch_heads_not_in_lock_files() {
        let markers = CommitMarkers {
            folders: vec![PathBuf::from("/d/.git")],
            trees: vec![PathBuf::from("/d/.git/refs")],
        };
        for moved in [
            "/d/.git/HEAD",
            "/d/.git/packed-refs",
            "/d/.git/refs/heads/main",
        ] {
            assert!(markers.is_commit(Path::new(moved)), "{moved}");
        }
        for not_yet in [
            "/d/.git/refs/heads/main.lock",
            "/d/.git/index",
            "/d/.git/objects/ab/cdef",
            "/d/content/HEAD",
        ] {
            assert!(!markers.is_commit(Path::new(not_yet)), "{not_yet}");
        }
    }
}
