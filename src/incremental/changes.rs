//! What an edit changed, and which pages show it: the items that differ
//! between the last dossier and the new one, weighed against what each
//! page kind declares it shows ([`Shown`], next to each view in
//! [`crate::render::pages`]).

use std::collections::BTreeSet;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::dossier::{Claim, Dossier};
use crate::id::{Id, IdMap};
use crate::render::pages::{self, Shown};
use crate::render::{Edited, Selection};
use crate::urls::PagePath;
use crate::vocabulary::{ItemKind, Section};

/// The item pages `old` has and `new` does not.
fn vanished_pages(old: &Dossier, new: &Dossier) -> Vec<PagePath> {
    fn gone<'a, T>(
        kind: ItemKind,
        old: &'a IdMap<T>,
        new: &'a IdMap<T>,
    ) -> impl Iterator<Item = PagePath> + 'a {
        old.keys()
            .filter(|id| !new.contains_key(*id))
            .map(move |id| PagePath::item(kind, id))
    }
    gone(ItemKind::Article, &old.articles, &new.articles)
        .chain(gone(ItemKind::Claim, &old.claims, &new.claims))
        .chain(gone(ItemKind::Event, &old.events, &new.events))
        .chain(gone(ItemKind::Entity, &old.entities, &new.entities))
        .collect()
}

/// The items of one kind that differ between two dossiers.
struct Differing<'a> {
    /// Their ids, those only one of the dossiers has included.
    ids: FxHashSet<&'a Id>,
    /// Whether both dossiers have the same items of the kind (the same ids).
    same_ids: bool,
}

/// The items of one kind that differ between two dossiers.
fn changed<'a, T: PartialEq + Sync>(old: &'a IdMap<T>, new: &'a IdMap<T>) -> Differing<'a> {
    // Both maps are in id order, so while no item came or went they hold
    // the same ids at the same places: each item is compared there rather
    // than looked up by hash (65,000 lookups at 10,000 articles).
    if old.len() == new.len() {
        let paired = old.par_iter().zip(new.par_iter());
        if paired.clone().all(|((a, _), (b, _))| a == b) {
            let differ = paired.filter(|((_, a), (_, b))| a != b);
            let ids = differ.map(|(_, (id, _))| id).collect();
            return Differing {
                ids,
                same_ids: true,
            };
        }
    }
    let differs = new
        .par_iter()
        .filter(|(id, item)| old.get(*id) != Some(*item))
        .map(|(id, _)| id);
    let removed = old.par_iter().filter(|(id, _)| !new.contains_key(*id));
    let ids = differs.chain(removed.map(|(id, _)| id)).collect();
    Differing {
        ids,
        same_ids: false,
    }
}

/// Each article's neighbours in publication order, as its page links them.
type Neighbours<'d> = FxHashMap<&'d Id, (Option<&'d Id>, Option<&'d Id>)>;

/// Each article's neighbours in `dossier`.
fn neighbours(dossier: &Dossier) -> Neighbours<'_> {
    let mut order: Vec<_> = dossier.articles.values().collect();
    order.sort_by(|a, b| a.publication_order(b));
    (0..order.len())
        .map(|i| {
            let at = |j: Option<usize>| j.and_then(|j| order.get(j)).map(|a| &a.slug);
            (&order[i].slug, (at(i.checked_sub(1)), at(Some(i + 1))))
        })
        .collect()
}

/// The items that differ between two versions of the dossier, kind by
/// kind (including those only one of them has), and what follows from
/// them: what an update works out the pages to render again from.
pub(super) struct Changes<'d> {
    old: &'d Dossier,
    new: &'d Dossier,
    articles: FxHashSet<&'d Id>,
    claims: FxHashSet<&'d Id>,
    events: FxHashSet<&'d Id>,
    entities: FxHashSet<&'d Id>,
    /// Claims whose summary (in lists of claims) shows something changed:
    /// the claim itself or its claimant's name.
    summaries: FxHashSet<&'d Id>,
    /// Claims quoted in a changed article: their wordings changed.
    wordings: FxHashSet<&'d Id>,
    /// Each article's neighbours in publication order, before and after;
    /// none while no article changed, which leaves every one's neighbours
    /// as they were.
    neighbours: Option<(Neighbours<'d>, Neighbours<'d>)>,
    /// Whether both dossiers have the same items (the same ids of each
    /// kind), though some may differ.
    same_items: bool,
}

impl<'d> Changes<'d> {
    /// Compares the two dossiers item by item, the four kinds side by side.
    pub(super) fn between(old: &'d Dossier, new: &'d Dossier) -> Self {
        let ((articles, claims), (events, entities)) = rayon::join(
            || {
                rayon::join(
                    || changed(&old.articles, &new.articles),
                    || changed(&old.claims, &new.claims),
                )
            },
            || {
                rayon::join(
                    || changed(&old.events, &new.events),
                    || changed(&old.entities, &new.entities),
                )
            },
        );
        let same_items = [&articles, &claims, &events, &entities]
            .iter()
            .all(|kind| kind.same_ids);
        let [articles, claims, events, entities] =
            [articles, claims, events, entities].map(|kind| kind.ids);
        let summaries = claims_where(new, |id, c| {
            claims.contains(id) || c.claimant.as_ref().is_some_and(|e| entities.contains(e))
        });
        let wordings = claims_where(new, |_, c| {
            c.appearances.iter().any(|a| articles.contains(&a.article))
        });
        let neighbours =
            (!articles.is_empty()).then(|| rayon::join(|| neighbours(old), || neighbours(new)));
        Changes {
            old,
            new,
            articles,
            claims,
            events,
            entities,
            summaries,
            wordings,
            neighbours,
            same_items,
        }
    }

    /// Whether both dossiers have the same items, though some may differ:
    /// none came, none went.
    pub(super) fn same_items(&self) -> bool {
        self.same_items
    }

    /// The item pages the old dossier has and the new one does not.
    pub(super) fn vanished_pages(&self) -> Vec<PagePath> {
        match self.same_items {
            true => Vec::new(),
            false => vanished_pages(self.old, self.new),
        }
    }

    /// The item pages of the new dossier that differ from the old one's:
    /// those that show something that changed, as each page kind declares
    /// what it shows ([`Shown`]).
    pub(super) fn affected_pages(&self) -> Selection {
        let new = self.new;
        Selection {
            articles: ids_where(&new.articles, |_, a| self.shows(pages::article::shown(a))),
            claims: ids_where(&new.claims, |_, c| self.shows(pages::claim::shown(new, c))),
            events: ids_where(&new.events, |_, e| self.shows(pages::event::shown(e))),
            entities: ids_where(&new.entities, |_, e| self.shows(pages::entity::shown(e))),
        }
    }

    /// Whether the pages of a list section show nothing that changed, so
    /// that its files stand.
    pub(super) fn shows_no_change(&self, section: Section) -> bool {
        !self.shows_any(pages::shown_by(section))
    }

    /// Whether any of `shown` changed.
    pub(super) fn shows_any(&self, shown: &[Shown<'_>]) -> bool {
        self.shows(shown.iter().copied())
    }

    /// Whether any of what a page shows changed.
    fn shows<'s>(&self, mut shown: impl Iterator<Item = Shown<'s>>) -> bool {
        shown.any(|s| self.changed(s))
    }

    /// Whether what a page shows is different in the new dossier.
    fn changed(&self, shown: Shown<'_>) -> bool {
        let (old, new) = (self.old, self.new);
        match shown {
            Shown::Item(kind, id) => self.of_kind(kind).contains(id),
            Shown::ClaimSummary(id) => self.summaries.contains(id),
            Shown::ClaimWordings(id) => self.wordings.contains(id),
            Shown::ClaimNote(id) => {
                self.summaries.contains(id)
                    || self.wordings.contains(id)
                    || new.claims[id]
                        .events
                        .iter()
                        .any(|e| self.events.contains(e))
            }
            Shown::Neighbours(slug) => {
                let Some((before, now)) = &self.neighbours else {
                    return false;
                };
                let (previous, next) = now[slug];
                before.get(slug) != Some(&(previous, next))
                    || [previous, next]
                        .into_iter()
                        .flatten()
                        .any(|a| self.articles.contains(a))
            }
            Shown::Every(kind) => !self.of_kind(kind).is_empty(),
            Shown::Count(kind) => count(old, kind) != count(new, kind),
            Shown::EveryClaim(part) => {
                self.claims
                    .iter()
                    .any(|&id| match (old.claims.get(id), new.claims.get(id)) {
                        (Some(a), Some(b)) => !part.alike(a, b),
                        _ => true,
                    })
            }
            Shown::Intro => old.intro != new.intro,
        }
    }

    /// The changed items of one kind.
    fn of_kind(&self, kind: ItemKind) -> &FxHashSet<&'d Id> {
        match kind {
            ItemKind::Article => &self.articles,
            ItemKind::Claim => &self.claims,
            ItemKind::Event => &self.events,
            ItemKind::Entity => &self.entities,
        }
    }
}

impl Edited for Changes<'_> {
    fn changed(&self, shown: Shown<'_>) -> bool {
        self.shows(std::iter::once(shown))
    }
}

/// How many items of a kind a dossier has.
fn count(dossier: &Dossier, kind: ItemKind) -> usize {
    match kind {
        ItemKind::Article => dossier.articles.len(),
        ItemKind::Claim => dossier.claims.len(),
        ItemKind::Event => dossier.events.len(),
        ItemKind::Entity => dossier.entities.len(),
    }
}

/// The claims of `dossier` for which `keep` holds, looked at in parallel.
fn claims_where(dossier: &Dossier, keep: impl Fn(&Id, &Claim) -> bool + Sync) -> FxHashSet<&Id> {
    dossier
        .claims
        .par_iter()
        .filter(|(id, c)| keep(id, c))
        .map(|(id, _)| id)
        .collect()
}

/// The ids of the items for which `keep` holds, looked at in parallel.
fn ids_where<T: Sync>(items: &IdMap<T>, keep: impl Fn(&Id, &T) -> bool + Sync) -> BTreeSet<Id> {
    items
        .par_iter()
        .filter(|(id, item)| keep(id, item))
        .map(|(id, _)| id.clone())
        .collect()
}
