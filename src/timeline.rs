//! The dossier in time: events and the reports' publication, in one order.
//!
//! Entries sort by date (a less precise date before the days it contains),
//! then events before publications, then by id, so the order never depends
//! on file or hash order.

use crate::date::PartialDate;
use crate::dossier::Dossier;
use crate::id::Id;

/// One line of the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// When it starts.
    pub date: PartialDate,
    /// When a span ends.
    pub end: Option<PartialDate>,
    /// What it is.
    pub item: Item,
}

/// What a timeline entry points at.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Item {
    /// An event.
    Event(Id),
    /// A report's publication.
    Publication(Id),
}

/// Every event and publication of the dossier, in chronological order.
pub fn build(dossier: &Dossier) -> Vec<Entry> {
    let events = dossier.events.values().map(|e| Entry {
        date: e.date,
        end: e.end,
        item: Item::Event(e.id.clone()),
    });
    let publications = dossier.articles.values().map(|a| Entry {
        date: a.meta.published.date,
        end: None,
        item: Item::Publication(a.slug.clone()),
    });
    let mut entries: Vec<Entry> = events.chain(publications).collect();
    entries.sort_by(|a, b| (a.date, &a.item, a.end).cmp(&(b.date, &b.item, b.end)));
    entries
}
