//! A dossier's items through time: the versions git records of each,
//! followed through the renames that `aliases` declare, and the dates and
//! history each page shows, git's and the annotations' own (`reviewed`,
//! `[[claim.correction]]`) together.

use crate::history::{Dates, Entry, Record, What, later};
use crate::id::Id;
use crate::urls::PagePath;
use crate::vocabulary::ItemKind;

use super::{Claim, Dossier};

/// An item that was renamed: its kind, id, former ids and title.
pub struct Renamed<'d> {
    /// Its kind.
    pub kind: ItemKind,
    /// Its id now.
    pub id: &'d Id,
    /// The ids it had before (`aliases`).
    pub aliases: &'d [Id],
    /// Its title (an entity's name).
    pub title: &'d str,
}

impl Dossier {
    /// Every item with former ids (`aliases`): what redirects and the
    /// history follow.
    pub fn renamed_items(&self) -> impl Iterator<Item = Renamed<'_>> {
        let articles = self.articles.values().map(|a| Renamed {
            kind: ItemKind::Article,
            id: &a.slug,
            aliases: &a.meta.aliases,
            title: &a.meta.title,
        });
        let claims = self.claims.values().map(|c| Renamed {
            kind: ItemKind::Claim,
            id: &c.id,
            aliases: &c.aliases,
            title: &c.title,
        });
        let events = self.events.values().map(|e| Renamed {
            kind: ItemKind::Event,
            id: &e.id,
            aliases: &e.aliases,
            title: &e.title,
        });
        let entities = self.entities.values().map(|e| Renamed {
            kind: ItemKind::Entity,
            id: &e.id,
            aliases: &e.aliases,
            title: &e.name,
        });
        articles
            .chain(claims)
            .chain(events)
            .chain(entities)
            .filter(|item| !item.aliases.is_empty())
    }

    /// Follows each renamed item's history back through its former ids
    /// ([`Dossier::renamed`]): once the dossier is resolved.
    pub(crate) fn follow_renames(&mut self) {
        let renamed = self
            .renamed_items()
            .filter_map(|item| {
                let record =
                    self.history
                        .renamed_record(item.kind, item.id.as_str(), item.aliases)?;
                Some(((item.kind, item.id.to_string()), record))
            })
            .collect();
        self.renamed = renamed;
    }

    /// Every version git has of the item `id` of `kind`, followed through
    /// its renames; `None` when git has none.
    pub fn record(&self, kind: ItemKind, id: &str) -> Option<&Record> {
        self.renamed
            .get(kind, id)
            .or_else(|| self.history.record(kind, id))
    }

    /// A claim's dates: its review published when `reviewed` says, else
    /// when git first published it; last changed at the latest of git's
    /// last change, the review and its corrections.
    pub fn claim_dates(&self, claim: &Claim) -> Dates {
        let git = self.git_dates(ItemKind::Claim, claim.id.as_str());
        let corrected = claim.corrections.iter().map(|c| Some(c.date));
        Dates {
            published: claim.reviewed.or(git.published),
            modified: corrected.fold(later(git.modified, claim.reviewed), later),
        }
    }

    /// The dates of the item `id` of `kind`: [`Dossier::claim_dates`] for
    /// a claim, git's for the others; none for an id the dossier lacks.
    pub fn dates_of(&self, kind: ItemKind, id: &str) -> Dates {
        match kind {
            ItemKind::Claim => self
                .claims
                .get(id)
                .map(|claim| self.claim_dates(claim))
                .unwrap_or_default(),
            _ => self.git_dates(kind, id),
        }
    }

    /// The dates of the page at `path`: its item's ([`Dossier::dates_of`]),
    /// or for a claim's version page that version's commit; `None` for a
    /// page about no one item.
    pub fn page_dates(&self, path: &PagePath) -> Option<Dates> {
        if let Some((id, number)) = path.claim_version_of() {
            let moment = self
                .record(ItemKind::Claim, id)?
                .version(number)?
                .stamp
                .moment;
            return Some(Dates {
                published: Some(moment),
                modified: Some(moment),
            });
        }
        let (kind, id) = path.item_of()?;
        Some(self.dates_of(kind, id))
    }

    /// The dates git gives the item `id` of `kind`.
    fn git_dates(&self, kind: ItemKind, id: &str) -> Dates {
        self.record(kind, id).map(Record::dates).unwrap_or_default()
    }

    /// A claim's history, newest first: each commit that changed it after
    /// the one that published it, and each correction its annotation
    /// records.
    pub fn claim_log<'a>(&'a self, claim: &'a Claim) -> Vec<Entry<'a>> {
        let record = self.record(ItemKind::Claim, claim.id.as_str());
        let changed = record.into_iter().flat_map(Record::entries);
        let corrected = claim.corrections.iter().enumerate().map(|(i, c)| Entry {
            moment: c.date,
            what: What::Corrected {
                number: i + 1,
                correction: c,
            },
        });
        let mut log: Vec<Entry<'a>> = changed.chain(corrected).collect();
        log.sort_by_key(|entry| entry.moment.utc_minutes());
        log.reverse();
        log
    }

    /// Every correction and change of verdict in the dossier, newest
    /// first, each with its claim: the corrections log.
    pub fn corrections(&self) -> Vec<(&Claim, Entry<'_>)> {
        let mut log: Vec<(&Claim, Entry<'_>)> = self
            .claims
            .values()
            .flat_map(|claim| {
                let entries = self.claim_log(claim).into_iter();
                entries
                    .filter(Entry::is_correction)
                    .map(move |entry| (claim, entry))
            })
            .collect();
        log.sort_by(|a, b| {
            let newest = b.1.moment.utc_minutes().cmp(&a.1.moment.utc_minutes());
            newest.then_with(|| a.0.id.cmp(&b.0.id))
        });
        log
    }
}
