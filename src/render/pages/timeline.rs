//! The timeline: events and the claims about them by year and month,
//! with the facets a reader filters by and the stylesheet that filters.

use std::collections::BTreeSet;

use rayon::prelude::*;
use serde::Serialize;

use super::{ClaimPart, Shown};
use crate::date::Precision;
use crate::dossier::{AnchorKind, Dossier, Verdict};
use crate::id::Id;
use crate::render::model::{DateView, Link};
use crate::render::views::Views;
use crate::timeline::{self, Item};
use crate::vocabulary::ItemKind;

/// What the timeline shows: the reports, events and entities, and each
/// claim's verdict, claimant and events.
pub const SHOWN: &[Shown<'static>] = &[
    Shown::Every(ItemKind::Article),
    Shown::Every(ItemKind::Event),
    Shown::Every(ItemKind::Entity),
    Shown::EveryClaim(ClaimPart::Verdict),
    Shown::EveryClaim(ClaimPart::Claimant),
    Shown::EveryClaim(ClaimPart::Events),
];

/// The timeline, grouped by year and month, with the facets its filters
/// offer.
#[derive(Debug, Serialize)]
pub struct TimelinePage {
    /// Years in order, each with its months.
    pub years: Vec<YearView>,
    /// The entities an entry involves, by name, for the entity filter.
    pub entities: Vec<FacetView>,
    /// The verdicts of the claims entries carry, in vocabulary order.
    pub verdicts: Vec<FacetView>,
}

/// One year of the timeline.
#[derive(Debug, Serialize)]
pub struct YearView {
    /// The year.
    pub year: u16,
    /// Its months in order; entries dated to the year alone come first.
    pub months: Vec<MonthView>,
}

/// One month of the timeline, or the entries of a year whose month is
/// not known.
#[derive(Debug, Serialize)]
pub struct MonthView {
    /// HTML id: `2014-05`, or `2014` for the year alone.
    pub id: String,
    /// "May 2014", or "2014" for entries dated to the year alone.
    pub heading: String,
    /// Whether these entries are dated to the year alone.
    pub month_unknown: bool,
    /// Its entries in order.
    pub entries: Vec<EntryView>,
}

/// One timeline entry.
#[derive(Debug, Serialize)]
pub struct EntryView {
    /// "event" or "publication".
    pub kind: &'static str,
    /// When.
    pub date: DateView,
    /// When a span ends.
    pub end: Option<DateView>,
    /// The event or report.
    pub link: Link,
    /// For publications, the outlet if recorded.
    pub outlet: Option<String>,
    /// The ids of the entities involved, space-separated (`data-entities`).
    pub entities: String,
    /// The verdicts of the claims concerned, space-separated (`data-verdicts`).
    pub verdicts: String,
}

/// One choice of a timeline filter.
#[derive(Debug, Serialize)]
pub struct FacetView {
    /// The value entries carry in their data attribute.
    pub key: String,
    /// What the reader sees.
    pub label: String,
}

/// Builds one page of the timeline from its share of the entries.
pub fn page(
    dossier: &Dossier,
    views: &Views<'_>,
    facets: &TimelineFacets,
    entries: &[timeline::Entry],
) -> TimelinePage {
    let mut years: Vec<YearView> = Vec::new();
    let mut entities: BTreeSet<usize> = BTreeSet::new();
    let mut verdicts: BTreeSet<Verdict> = BTreeSet::new();
    let entity_id = |i: usize| dossier.entities.get_index(i).expect("an entity's index").0;
    for entry in entries {
        let involved = facets.of(dossier, &entry.item);
        let view = entry_view(views, entry, &involved, entity_id);
        entities.extend(&involved.entities);
        verdicts.extend(&involved.verdicts);
        let month = entry.date.without_day();
        if years.last().is_none_or(|y| y.year != month.year()) {
            years.push(YearView {
                year: month.year(),
                months: Vec::new(),
            });
        }
        let year = years.last_mut().expect("pushed above");
        let id = month.iso();
        match year.months.last_mut() {
            Some(m) if m.id == id => m.entries.push(view),
            _ => year.months.push(MonthView {
                month_unknown: month.precision() == Precision::Year,
                heading: views.strings.date(month),
                id,
                entries: vec![view],
            }),
        }
    }
    let mut entities: Vec<FacetView> = entities
        .into_iter()
        .map(|i| {
            let (id, entity) = dossier.entities.get_index(i).expect("an entity's index");
            FacetView {
                key: id.to_string(),
                label: entity.name.clone(),
            }
        })
        .collect();
    entities.sort_by(|a, b| a.label.cmp(&b.label));
    TimelinePage {
        years,
        entities,
        verdicts: verdicts
            .into_iter()
            .map(|v| FacetView {
                key: v.key().to_owned(),
                label: views.verdict(v).label,
            })
            .collect(),
    }
}

fn entry_view<'d>(
    views: &Views<'_>,
    entry: &timeline::Entry,
    involved: &Involved,
    entity_id: impl Fn(usize) -> &'d Id,
) -> EntryView {
    let (kind, link, date, outlet) = match &entry.item {
        Item::Event(id) => ("event", views.event_link(id), views.date(entry.date), None),
        Item::Publication(slug) => {
            let article = views.article_summary(slug);
            (
                "publication",
                article.link,
                article.published,
                article.outlet,
            )
        }
    };
    EntryView {
        kind,
        date,
        end: entry.end.map(|d| views.date(d)),
        link,
        outlet,
        entities: join_keys(involved.entities.iter().map(|&i| entity_id(i).as_str())),
        verdicts: join_keys(involved.verdicts.iter().map(|v| v.key())),
    }
}

fn join_keys<'a>(keys: impl Iterator<Item = &'a str>) -> String {
    keys.collect::<Vec<_>>().join(" ")
}

/// What each claim brings to the timeline's filters, worked out once per
/// render: an event's entry involves its own entities and the claimants
/// and verdicts of the claims about it; a report's, the claimants and
/// verdicts of the claims it carries and the entities of the events they
/// concern. Entities are their indices in the dossier, which follow their
/// ids: they sort and merge as numbers, without following a pointer, and
/// `serve` lists the whole timeline after every edit.
pub struct TimelineFacets {
    /// By claim index.
    claims: Vec<ClaimFacets>,
}

struct ClaimFacets {
    verdict: Verdict,
    claimant: Option<usize>,
    /// The entities of the events the claim concerns.
    event_entities: Vec<usize>,
}

impl TimelineFacets {
    /// Works out every claim's share, in parallel.
    pub fn new(dossier: &Dossier) -> Self {
        let claims = dossier
            .claims
            .par_iter()
            .map(|(_, claim)| {
                let mut event_entities: Vec<usize> = claim
                    .events
                    .iter()
                    .flat_map(|event| &dossier.events[event].entities)
                    .map(|id| entity_index(dossier, id))
                    .collect();
                event_entities.sort_unstable();
                event_entities.dedup();
                ClaimFacets {
                    verdict: claim.verdict,
                    claimant: claim.claimant.as_ref().map(|id| entity_index(dossier, id)),
                    event_entities,
                }
            })
            .collect();
        TimelineFacets { claims }
    }

    fn of(&self, dossier: &Dossier, item: &Item) -> Involved {
        let mut involved = Involved {
            entities: Vec::new(),
            verdicts: Vec::new(),
        };
        let claim = |id: &Id| {
            let index = dossier.claims.index_of(id).expect("a resolved claim");
            &self.claims[index]
        };
        match item {
            Item::Event(id) => {
                let event = &dossier.events[id];
                let own = event.entities.iter().map(|id| entity_index(dossier, id));
                involved.entities.extend(own);
                for id in &event.claims {
                    involved.add_claim(claim(id));
                }
            }
            Item::Publication(slug) => {
                for anchor in &dossier.articles[slug].anchors {
                    if let AnchorKind::Claim { claim: id, .. } = &anchor.kind {
                        let claim = claim(id);
                        involved.add_claim(claim);
                        involved.entities.extend(&claim.event_entities);
                    }
                }
            }
        }
        involved.entities.sort_unstable();
        involved.entities.dedup();
        involved.verdicts.sort_unstable();
        involved.verdicts.dedup();
        involved
    }
}

fn entity_index(dossier: &Dossier, id: &Id) -> usize {
    dossier.entities.index_of(id).expect("a resolved entity")
}

/// The entities (by index) and verdicts one timeline entry involves, each
/// sorted, without repeats.
struct Involved {
    entities: Vec<usize>,
    verdicts: Vec<Verdict>,
}

impl Involved {
    fn add_claim(&mut self, claim: &ClaimFacets) {
        self.verdicts.push(claim.verdict);
        self.entities.extend(claim.claimant);
    }
}

/// The stylesheet behind the timeline's filters: for each choice, one rule
/// that hides the entries (and then the months and years left empty) that
/// do not carry it, its condition written once (`:is()`), since a large
/// dossier has a choice per entity. The filters are `<select>` elements,
/// so they work with CSS alone; where `:has()` is unsupported the full
/// timeline shows.
pub fn filter_css(pages: &[TimelinePage]) -> String {
    let mut css =
        String::from("/* Generated by gloss from the timeline's entities and verdicts. */\n");
    let keys = |facets: fn(&TimelinePage) -> &Vec<FacetView>| -> BTreeSet<&str> {
        pages
            .iter()
            .flat_map(|page| facets(page).iter().map(|f| f.key.as_str()))
            .collect()
    };
    for (filter, attribute, keys) in [
        ("entity", "data-entities", keys(|p| &p.entities)),
        ("verdict", "data-verdicts", keys(|p| &p.verdicts)),
    ] {
        for key in keys {
            let carries = format!("[{attribute}~=\"{key}\"]");
            css.push_str(&format!(
                "#timeline:has(#filter-{filter} [value=\"{key}\"]:checked) :is(\
                 .timeline > li:not({carries}), \
                 .timeline-month:not(:has(li{carries})), \
                 .timeline-year:not(:has(li{carries}))) {{ display: none; }}\n"
            ));
        }
    }
    css
}
