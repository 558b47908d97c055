//! Relations between resolved items: aliases that must not collide, and
//! links made symmetric (a claim listing an event means the event lists the
//! claim), with every appearance recorded as an anchor in its article.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::dossier::{Anchor, AnchorKind, Dossier};
use crate::id::{Id, IdMap};
use crate::source::Origin;

/// Adds an anchor to an article.
pub(super) fn push_anchor(dossier: &mut Dossier, article: &Id, anchor: Anchor) {
    if let Some(article) = dossier.articles.get_mut(article) {
        article.anchors.push(anchor);
    }
}

/// An alias must not be another item's id or alias: both would claim the
/// same URL.
pub(super) fn check_aliases(dossier: &Dossier, diagnostics: &mut Diagnostics) {
    let articles = dossier.articles.values().map(|a| {
        let place = Place::Article(&a.path, &a.meta.alias_places);
        (&a.slug, &a.meta.aliases, place)
    });
    check_alias_kind("article", articles, diagnostics);
    let claims =
        (dossier.claims.values()).map(|c| (&c.id, &c.aliases, Place::Annotation(&c.origin)));
    check_alias_kind("claim", claims, diagnostics);
    let events =
        (dossier.events.values()).map(|e| (&e.id, &e.aliases, Place::Annotation(&e.origin)));
    check_alias_kind("event", events, diagnostics);
    let entities =
        (dossier.entities.values()).map(|e| (&e.id, &e.aliases, Place::Annotation(&e.origin)));
    check_alias_kind("entity", entities, diagnostics);
}

/// Where an item's aliases are written.
#[derive(Clone, Copy)]
enum Place<'d> {
    /// In an article's front matter, at these lines and columns.
    Article(&'d Path, &'d [(usize, usize)]),
    /// In the table of a claim, event or entity.
    Annotation(&'d Origin),
}

impl Place<'_> {
    /// An error about the `index`th alias, `alias`, at the place it is
    /// written.
    fn error(self, index: usize, alias: &Id, message: String) -> Diagnostic {
        match self {
            Place::Article(path, places) => {
                let mut d = Diagnostic::error(path, message);
                if let Some(&(line, column)) = places.get(index) {
                    (d.line, d.column) = (line, column);
                }
                d
            }
            Place::Annotation(origin) => {
                let d = Diagnostic::error(&origin.path, message);
                match origin.find_in_block(&format!("\"{alias}\"")) {
                    Some(span) => d.at(origin.file_text(), span),
                    None => Diagnostic {
                        line: origin.line,
                        column: origin.column,
                        ..d
                    },
                }
            }
        }
    }
}

fn check_alias_kind<'d>(
    kind: &str,
    items: impl Iterator<Item = (&'d Id, &'d Vec<Id>, Place<'d>)> + Clone,
    diagnostics: &mut Diagnostics,
) {
    let ids: BTreeSet<&Id> = items.clone().map(|(id, ..)| id).collect();
    let mut seen: BTreeMap<&Id, &Id> = BTreeMap::new();
    for (id, aliases, place) in items {
        for (index, alias) in aliases.iter().enumerate() {
            let clash = if ids.contains(alias) {
                Some(format!(
                    "alias `{alias}` of {kind} `{id}` is the id of another {kind}"
                ))
            } else {
                seen.insert(alias, id).map(|other| {
                    format!("alias `{alias}` of {kind} `{id}` is also an alias of `{other}`")
                })
            };
            if let Some(message) = clash {
                diagnostics.push(place.error(index, alias, message));
            }
        }
    }
}

/// Makes every relation symmetric and records each appearance as an anchor
/// in its article, so later stages can follow links from either end; each
/// item's links end sorted and without repeats, each article's anchors in
/// order of place. Every link is gathered from the items as they stand,
/// grouped by the item it goes to, and added to the items side by side:
/// `serve` does this after every edit, for 65,000 items at 10,000
/// articles.
pub(super) fn link_both_ways(dossier: &mut Dossier) {
    let incoming = Incoming::of(dossier);
    let Dossier {
        articles,
        claims,
        events,
        entities,
        ..
    } = dossier;
    rayon::join(
        || {
            let links = incoming.claim_events.into_par_iter();
            let links = links.zip(incoming.claim_related);
            claims
                .par_values_mut()
                .zip(links)
                .for_each(|(claim, (events, related))| {
                    add_sorted(&mut claim.events, events);
                    add_sorted(&mut claim.related, related);
                    let own = &claim.id;
                    claim.related.retain(|r| r != own);
                });
        },
        || {
            let event_claims = incoming.event_claims.into_par_iter();
            events
                .par_values_mut()
                .zip(event_claims)
                .for_each(|(event, claims)| add_sorted(&mut event.claims, claims));
            let links = incoming.entity_claims.into_par_iter();
            let links = links.zip(incoming.entity_events);
            entities
                .par_values_mut()
                .zip(links)
                .for_each(|(entity, (claims, events))| {
                    add_sorted(&mut entity.claims, claims);
                    add_sorted(&mut entity.events, events);
                });
            let anchors = incoming.article_anchors.into_par_iter();
            articles
                .par_values_mut()
                .zip(anchors)
                .for_each(|(article, anchors)| {
                    article.anchors.extend(anchors);
                    article
                        .anchors
                        .sort_by_key(|a| (a.part, a.range.start, a.range.end));
                });
        },
    );
}

/// The links each item gets from the others, by the item's index in its
/// map: the reverse of every relation.
struct Incoming {
    /// The events that list each claim.
    claim_events: Vec<Vec<Id>>,
    /// The claims that name each claim as related.
    claim_related: Vec<Vec<Id>>,
    /// The claims that list each event.
    event_claims: Vec<Vec<Id>>,
    /// The claims each entity makes.
    entity_claims: Vec<Vec<Id>>,
    /// The events that name each entity.
    entity_events: Vec<Vec<Id>>,
    /// Each article's appearances of claims.
    article_anchors: Vec<Vec<Anchor>>,
}

impl Incoming {
    fn of(dossier: &Dossier) -> Incoming {
        let Dossier {
            articles,
            claims,
            events,
            entities,
            ..
        } = dossier;
        let anchors = claims.into_par_iter().flat_map_iter(|(id, claim)| {
            claim.appearances.iter().filter_map(|appearance| {
                let article = articles.index_of(&appearance.article)?;
                let kind = AnchorKind::Claim {
                    claim: id.clone(),
                    occurrence: appearance.occurrence,
                };
                let range = appearance.range.clone();
                let part = appearance.part;
                Some((article, Anchor { range, part, kind }))
            })
        });
        let claim_events = || {
            let links = events.into_par_iter();
            let links = links.flat_map_iter(|(id, e)| links_to(claims, &e.claims, id));
            grouped(claims.len(), links)
        };
        let claim_related = || {
            let links = claims.into_par_iter();
            let links = links.flat_map_iter(|(id, c)| links_to(claims, &c.related, id));
            grouped(claims.len(), links)
        };
        let event_claims = || {
            let links = claims.into_par_iter();
            let links = links.flat_map_iter(|(id, c)| links_to(events, &c.events, id));
            grouped(events.len(), links)
        };
        let entity_claims = || {
            let links = claims.into_par_iter();
            let links =
                links.flat_map_iter(|(id, c)| links_to(entities, c.claimant.as_slice(), id));
            grouped(entities.len(), links)
        };
        let entity_events = || {
            let links = events.into_par_iter();
            let links = links.flat_map_iter(|(id, e)| links_to(entities, &e.entities, id));
            grouped(entities.len(), links)
        };
        // Each grouping deals its links out on one thread, so the six are
        // made side by side, the longest (the reports' anchors) beside the
        // five others.
        let (article_anchors, ((claim_events, claim_related), (event_claims, others))) =
            rayon::join(
                || grouped(articles.len(), anchors),
                || {
                    rayon::join(
                        || rayon::join(claim_events, claim_related),
                        || rayon::join(event_claims, || rayon::join(entity_claims, entity_events)),
                    )
                },
            );
        let (entity_claims, entity_events) = others;
        Incoming {
            claim_events,
            claim_related,
            event_claims,
            entity_claims,
            entity_events,
            article_anchors,
        }
    }
}

/// The links from the item `from` to the items of `targets` it names in
/// `ids`, as each target's index and `from`.
fn links_to<'a, T>(
    targets: &'a IdMap<T>,
    ids: &'a [Id],
    from: &'a Id,
) -> impl Iterator<Item = (usize, Id)> + 'a {
    ids.iter()
        .filter_map(|id| targets.index_of(id))
        .map(|target| (target, from.clone()))
}

/// The values of `links` (the index of the item each goes to, and the
/// value) grouped by item, for `items` items, each group in the order of
/// `links`: the links are made in parallel, in order, counted, then dealt
/// out into groups made to the size counted rather than grown push by
/// push (125,000 anchors into 10,000 reports' groups at 10,000 articles).
pub(super) fn grouped<T: Send>(
    items: usize,
    links: impl ParallelIterator<Item = (usize, T)>,
) -> Vec<Vec<T>> {
    let links: Vec<(usize, T)> = links.collect();
    let mut counts = vec![0; items];
    for (item, _) in &links {
        counts[*item] += 1;
    }
    let mut groups: Vec<Vec<T>> = counts.into_iter().map(Vec::with_capacity).collect();
    for (item, value) in links {
        groups[item].push(value);
    }
    groups
}

/// Adds `more` to `ids`, leaving them sorted and without repeats.
fn add_sorted(ids: &mut Vec<Id>, more: Vec<Id>) {
    ids.extend(more);
    ids.sort();
    ids.dedup();
}
