//! Relations between resolved items: aliases that must not collide, and
//! links made symmetric (a claim listing an event means the event lists the
//! claim), with every appearance recorded as an anchor in its article.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::dossier::{Anchor, AnchorKind, Dossier};
use crate::id::Id;

/// Adds an anchor to an article.
pub(super) fn push_anchor(dossier: &mut Dossier, article: &Id, anchor: Anchor) {
    if let Some(article) = dossier.articles.get_mut(article) {
        article.anchors.push(anchor);
    }
}

/// An alias must not be another item's id or alias: both would claim the
/// same URL.
pub(super) fn check_aliases(dossier: &Dossier, diagnostics: &mut Diagnostics) {
    let articles = dossier
        .articles
        .values()
        .map(|a| (&a.slug, &a.meta.aliases, a.path.as_path(), 0));
    check_alias_kind("article", articles, diagnostics);
    let claims = dossier
        .claims
        .values()
        .map(|c| (&c.id, &c.aliases, &*c.origin.path, c.origin.line));
    check_alias_kind("claim", claims, diagnostics);
    let events = dossier
        .events
        .values()
        .map(|e| (&e.id, &e.aliases, &*e.origin.path, e.origin.line));
    check_alias_kind("event", events, diagnostics);
    let entities = dossier
        .entities
        .values()
        .map(|e| (&e.id, &e.aliases, &*e.origin.path, e.origin.line));
    check_alias_kind("entity", entities, diagnostics);
}

fn check_alias_kind<'d>(
    kind: &str,
    items: impl Iterator<Item = (&'d Id, &'d Vec<Id>, &'d Path, usize)> + Clone,
    diagnostics: &mut Diagnostics,
) {
    let ids: BTreeSet<&Id> = items.clone().map(|(id, ..)| id).collect();
    let mut seen: BTreeMap<&Id, &Id> = BTreeMap::new();
    for (id, aliases, path, line) in items {
        for alias in aliases {
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
                let mut d = Diagnostic::error(path, message);
                if line > 0 {
                    (d.line, d.column) = (line, 1);
                }
                diagnostics.push(d);
            }
        }
    }
}

/// Makes every relation symmetric and records each appearance as an anchor
/// in its article, so later stages can follow links from either end; each
/// item's links end sorted and without repeats, each article's anchors in
/// order of place.
pub(super) fn link_both_ways(dossier: &mut Dossier) {
    link_claims_and_events(dossier);
    link_related_claims(dossier);
    link_entities(dossier);
    anchor_appearances(dossier);
    let Dossier {
        articles,
        claims,
        events,
        entities,
        ..
    } = dossier;
    rayon::join(
        || {
            claims.par_values_mut().for_each(|claim| {
                sort_dedup(&mut claim.events);
                sort_dedup(&mut claim.related);
            });
        },
        || {
            events
                .par_values_mut()
                .for_each(|event| sort_dedup(&mut event.claims));
            entities.par_values_mut().for_each(|entity| {
                sort_dedup(&mut entity.claims);
                sort_dedup(&mut entity.events);
            });
            articles.par_values_mut().for_each(|article| {
                article
                    .anchors
                    .sort_by_key(|a| (a.range.start, a.range.end));
            });
        },
    );
}

/// A claim listing an event, or an event listing a claim, links both.
fn link_claims_and_events(dossier: &mut Dossier) {
    let from_claims = dossier
        .claims
        .values()
        .flat_map(|c| c.events.iter().map(|e| (c.id.clone(), e.clone())));
    let from_events = dossier
        .events
        .values()
        .flat_map(|e| e.claims.iter().map(|c| (c.clone(), e.id.clone())));
    let pairs: Vec<(Id, Id)> = from_claims.chain(from_events).collect();
    for (claim, event) in pairs {
        if let Some(c) = dossier.claims.get_mut(&claim) {
            c.events.push(event.clone());
        }
        if let Some(e) = dossier.events.get_mut(&event) {
            e.claims.push(claim);
        }
    }
}

/// `related` works both ways, and a claim is never related to itself.
fn link_related_claims(dossier: &mut Dossier) {
    let pairs: Vec<(Id, Id)> = dossier
        .claims
        .values()
        .flat_map(|c| c.related.iter().map(|r| (r.clone(), c.id.clone())))
        .collect();
    for (from, to) in pairs {
        if let Some(c) = dossier.claims.get_mut(&from) {
            c.related.push(to);
        }
    }
    for claim in dossier.claims.values_mut() {
        let own = claim.id.clone();
        claim.related.retain(|r| *r != own);
    }
}

/// An entity lists the claims it makes and the events that name it.
fn link_entities(dossier: &mut Dossier) {
    for claim in dossier.claims.values() {
        let entity = claim
            .claimant
            .as_ref()
            .and_then(|c| dossier.entities.get_mut(c));
        if let Some(entity) = entity {
            entity.claims.push(claim.id.clone());
        }
    }
    for event in dossier.events.values() {
        for id in &event.entities {
            if let Some(entity) = dossier.entities.get_mut(id) {
                entity.events.push(event.id.clone());
            }
        }
    }
}

/// Records every appearance as an anchor in its article.
fn anchor_appearances(dossier: &mut Dossier) {
    for claim in dossier.claims.values() {
        for appearance in &claim.appearances {
            let kind = AnchorKind::Claim {
                claim: claim.id.clone(),
                occurrence: appearance.occurrence,
            };
            let anchor = Anchor {
                range: appearance.range.clone(),
                kind,
            };
            if let Some(article) = dossier.articles.get_mut(&appearance.article) {
                article.anchors.push(anchor);
            }
        }
    }
}

fn sort_dedup(ids: &mut Vec<Id>) {
    ids.sort();
    ids.dedup();
}
