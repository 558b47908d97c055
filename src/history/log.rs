//! A page's dates and an item's changes as readers see them: what git
//! records, to which [`crate::dossier::Dossier::claim_log`] adds the
//! annotation's own `reviewed` and `[[claim.correction]]` keys.

use super::{Change, Record, Stamp};
use crate::date::Moment;

/// A correction to a claim, recorded in its annotation
/// (`[[claim.correction]]`).
#[derive(Debug, Clone, PartialEq)]
pub struct Correction {
    /// When it was published.
    pub date: Moment,
    /// What was corrected and why (Markdown).
    pub note: String,
}

/// When a page's subject was first published and last changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Dates {
    /// First published (for a claim: its review).
    pub published: Option<Moment>,
    /// Last changed.
    pub modified: Option<Moment>,
}

/// One entry of a claim's history.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry<'a> {
    /// When it was published.
    pub moment: Moment,
    /// What it was.
    pub what: What<'a>,
}

/// A change git records or a correction the annotation records.
#[derive(Debug, Clone, PartialEq)]
pub enum What<'a> {
    /// A commit changed the claim, making its `version`th version.
    Changed {
        /// The version it made (the first published is 1).
        version: usize,
        /// The commit.
        stamp: &'a Stamp,
        /// What it changed.
        changes: Vec<Change<'a>>,
    },
    /// A correction written in the annotation.
    Corrected {
        /// Which of the claim's corrections, from 1, in the order written.
        number: usize,
        /// The correction.
        correction: &'a Correction,
    },
}

impl Entry<'_> {
    /// The entry's element id on its claim's page, which feeds cite:
    /// `change-<version>`, or `correction-<number>`.
    pub fn anchor(&self) -> String {
        match &self.what {
            What::Changed { version, .. } => format!("change-{version}"),
            What::Corrected { number, .. } => format!("correction-{number}"),
        }
    }

    /// Whether a log of corrections lists it: a correction, or a change of
    /// verdict.
    pub fn is_correction(&self) -> bool {
        match &self.what {
            What::Corrected { .. } => true,
            What::Changed { changes, .. } => {
                changes.iter().any(|c| matches!(c, Change::Verdict { .. }))
            }
        }
    }
}

/// The later of two moments, by the instant each stands for.
pub fn later(a: Option<Moment>, b: Option<Moment>) -> Option<Moment> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if b.utc_minutes() > a.utc_minutes() {
            b
        } else {
            a
        }),
        (a, b) => a.or(b),
    }
}

impl Record {
    /// When the item was first published and last changed, by git.
    pub fn dates(&self) -> Dates {
        Dates {
            published: Some(self.published().moment),
            modified: Some(self.changed().moment),
        }
    }

    /// Each commit that changed the item after the one that published
    /// it, as history entries, oldest first.
    pub fn entries(&self) -> impl Iterator<Item = Entry<'_>> {
        self.changes().map(|(version, stamp, changes)| Entry {
            moment: stamp.moment,
            what: What::Changed {
                version,
                stamp,
                changes,
            },
        })
    }
}
