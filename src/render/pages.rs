//! The views of every page other than articles: claims, events and the
//! timeline, entities, sources and the overview.

use std::collections::BTreeSet;

use rayon::prelude::*;
use serde::Serialize;

use super::model::{
    ArticleSummary, ClaimEntry, ClaimSummary, DateView, EventSummary, Link, Quotation, SourceBlock,
    SourceView, VerdictView, WordingView,
};
use super::paginate::{self, Pagination};
use super::views::Views;
use crate::date::Precision;
use crate::dossier::{AnchorKind, Claim, Dossier, Entity, EntityKind, Event, Verdict};
use crate::figures::Comparison;
use crate::id::Id;
use crate::render::strings::Strings;
use crate::text::{DiffWord, word_diff};
use crate::timeline::{self, Item};
use crate::urls::PagePath;
use crate::vocabulary::ItemKind;

/// The overview.
#[derive(Debug, Serialize)]
pub struct HomePage {
    /// `content/index.md` (HTML).
    pub intro_html: Option<String>,
    /// The first reports, oldest first, at most a list page's worth.
    pub articles: Vec<ArticleSummary>,
    /// How many claims carry each verdict, in vocabulary order.
    pub verdicts: Vec<(VerdictView, usize)>,
    /// Totals.
    pub counts: Counts,
}

/// How much the dossier holds.
#[derive(Debug, Serialize)]
pub struct Counts {
    /// Reports.
    pub articles: usize,
    /// Claims.
    pub claims: usize,
    /// Events.
    pub events: usize,
    /// Entities.
    pub entities: usize,
}

/// Builds the overview, listing at most `size` reports.
pub fn home(dossier: &Dossier, views: &Views<'_>, size: usize) -> HomePage {
    let verdicts = Verdict::ALL
        .iter()
        .map(|v| {
            (
                views.verdict(*v),
                dossier.claims.values().filter(|c| c.verdict == *v).count(),
            )
        })
        .filter(|(_, n)| *n > 0)
        .collect();
    HomePage {
        intro_html: dossier
            .intro
            .as_ref()
            .map(|i| views.markdown(&i.body, "intro", &PagePath::home())),
        articles: views
            .articles_by_date()
            .iter()
            .take(size)
            .map(|a| views.article_summary(&a.slug))
            .collect(),
        verdicts,
        counts: Counts {
            articles: dossier.articles.len(),
            claims: dossier.claims.len(),
            events: dossier.events.len(),
            entities: dossier.entities.len(),
        },
    }
}

/// One page of the claims index.
#[derive(Debug, Serialize)]
pub struct ClaimsPage<'a> {
    /// This page's claims, by title.
    pub claims: &'a [ClaimSummary],
    /// The verdict vocabulary, for the key.
    pub verdicts: Vec<VerdictView>,
}

impl<'a> ClaimsPage<'a> {
    /// The page listing `claims`.
    pub fn new(claims: &'a [ClaimSummary], views: &Views<'_>) -> Self {
        ClaimsPage {
            claims,
            verdicts: Verdict::ALL.iter().map(|v| views.verdict(*v)).collect(),
        }
    }
}

/// Every claim, in the claims index's order: by title, case aside.
pub fn claims_in_order(dossier: &Dossier, views: &Views<'_>) -> Vec<ClaimSummary> {
    let mut claims: Vec<(String, ClaimSummary)> = dossier
        .claims
        .par_iter()
        .map(|(id, _)| {
            let summary = views.claim_summary(id);
            (summary.link.title.to_lowercase(), summary)
        })
        .collect();
    claims.par_sort_unstable_by(|a, b| (&a.0, &a.1.link.href).cmp(&(&b.0, &b.1.link.href)));
    claims.into_iter().map(|(_, summary)| summary).collect()
}

/// A claim page.
#[derive(Debug, Serialize)]
pub struct ClaimPage {
    /// The permalink id.
    pub id: String,
    /// The claim in one line.
    pub title: String,
    /// Verdict badge.
    pub verdict: VerdictView,
    /// Who makes it.
    pub claimant: Option<Link>,
    /// The editor's note (HTML).
    pub note_html: Option<String>,
    /// Every appearance, in the order the annotation lists them.
    pub wordings: Vec<Quotation>,
    /// Each wording compared with the first: changed words and figures.
    pub comparison: Vec<ComparisonRow>,
    /// Sources for checking it.
    pub sources: Vec<SourceView>,
    /// Related claims.
    pub related: Vec<ClaimEntry>,
    /// Other claims about the same events: the claim's neighbours by topic.
    pub same_events: Vec<ClaimEntry>,
    /// Events it concerns.
    pub events: Vec<EventSummary>,
    /// Where the annotation is (`path:line`).
    pub origin: String,
    /// The annotation as written.
    pub source: SourceBlock,
}

/// One wording of a claim against the first.
#[derive(Debug, Serialize)]
pub struct ComparisonRow {
    /// The report and its wording.
    pub wording: WordingView,
    /// The wording's words, those the first wording lacks marked.
    pub diff: Vec<DiffWord>,
    /// The figures in the wording, each compared with the first wording's.
    pub figures: Vec<FigureView>,
}

/// A figure and how it compares.
#[derive(Debug, Serialize)]
pub struct FigureView {
    /// As written.
    pub text: String,
    /// Keyword of the comparison, for CSS; absent for the first wording.
    pub key: Option<Comparison>,
    /// For readers.
    pub label: Option<String>,
    /// Whether the editor set the judgement (or hid it) rather than gloss.
    pub by_editor: bool,
}

fn comparison(
    dossier: &Dossier,
    views: &Views<'_>,
    claim: &Claim,
    wordings: &[WordingView],
) -> Vec<ComparisonRow> {
    // The page compares wordings only when there are two or more.
    let (Some(first), true) = (wordings.first(), wordings.len() > 1) else {
        return Vec::new();
    };
    let judged = dossier.judged_figures(claim);
    wordings
        .iter()
        .zip(judged)
        .enumerate()
        .map(|(i, (w, judged))| {
            let figures = judged
                .into_iter()
                .map(|j| FigureView {
                    text: j.figure.text,
                    label: j
                        .comparison
                        .map(|c| views.strings.get(&format!("figure-{}", c.key())).to_owned()),
                    key: j.comparison,
                    by_editor: j.by_editor,
                })
                .collect();
            let diff = if i == 0 {
                word_diff(&w.quote, &w.quote)
            } else {
                word_diff(&first.quote, &w.quote)
            };
            ComparisonRow {
                wording: w.clone(),
                diff,
                figures,
            }
        })
        .collect()
}

/// Builds a claim page.
pub fn claim(dossier: &Dossier, views: &Views<'_>, claim: &Claim) -> ClaimPage {
    let root = PagePath::item(ItemKind::Claim, &claim.id).to_root();
    let wordings: Vec<WordingView> = claim
        .appearances
        .iter()
        .map(|a| views.wording(claim, a))
        .collect();
    ClaimPage {
        id: claim.id.to_string(),
        title: claim.title.clone(),
        verdict: views.verdict(claim.verdict),
        claimant: claim.claimant.as_ref().map(|e| views.entity_link(e)),
        note_html: views.markdown_opt(
            claim.note.as_deref(),
            claim.id.as_str(),
            &PagePath::item(ItemKind::Claim, &claim.id),
        ),
        comparison: comparison(dossier, views, claim, &wordings),
        wordings: quotations(wordings, &root, &views.strings),
        sources: claim
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| views.source(&claim.id, s, &format!("source-{i}")))
            .collect(),
        related: views.claim_entries(&claim.related, &root),
        same_events: views.claim_entries(same_events(dossier, claim), &root),
        events: sorted_events(views, &claim.events),
        origin: claim.origin.location(),
        source: SourceBlock::from(&claim.origin),
    }
}

/// Wordings drawn for a page whose way to the site root is `root`.
fn quotations(wordings: Vec<WordingView>, root: &str, strings: &Strings) -> Vec<Quotation> {
    wordings
        .into_iter()
        .map(|w| Quotation::new(w, root, strings))
        .collect()
}

/// How many topical neighbours a claim page lists.
const MAX_NEIGHBOURS: usize = 8;

/// Claims that share an event with `claim`, other than itself and those
/// already listed as related, by id.
fn same_events<'d>(dossier: &'d Dossier, claim: &Claim) -> Vec<&'d Id> {
    let mut ids: Vec<&Id> = claim
        .events
        .iter()
        .flat_map(|e| &dossier.events[e].claims)
        .filter(|c| **c != claim.id && !claim.related.contains(c))
        .collect();
    ids.sort();
    ids.dedup();
    ids.truncate(MAX_NEIGHBOURS);
    ids
}

fn sorted_events(views: &Views<'_>, ids: &[Id]) -> Vec<EventSummary> {
    let mut events: Vec<EventSummary> = ids.iter().map(|e| views.event_summary(e)).collect();
    events.sort_by(|a, b| (&a.date.iso, &a.link.href).cmp(&(&b.date.iso, &b.link.href)));
    events
}

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
pub fn timeline(
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
        Item::Event(id) => (
            "event",
            views.event_summary(id).link,
            views.date(entry.date),
            None,
        ),
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

/// The stylesheet behind the timeline's filters: for each choice, a rule
/// that hides the entries (and then the months and years left empty) that
/// do not carry it. The filters are `<select>` elements, so they work with
/// CSS alone; where `:has()` is unsupported the full timeline shows.
pub fn timeline_filter_css(pages: &[TimelinePage]) -> String {
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
            let chosen = format!("#timeline:has(#filter-{filter} option[value=\"{key}\"]:checked)");
            let carries = format!("[{attribute}~=\"{key}\"]");
            css.push_str(&format!(
                "{chosen} .timeline > li:not({carries}),\n\
                 {chosen} .timeline-month:not(:has(li{carries})),\n\
                 {chosen} .timeline-year:not(:has(li{carries})) {{ display: none; }}\n"
            ));
        }
    }
    css
}

/// An event page.
#[derive(Debug, Serialize)]
pub struct EventPage {
    /// The permalink id.
    pub id: String,
    /// What happened.
    pub title: String,
    /// When, or when a span began.
    pub date: DateView,
    /// When a span ended.
    pub end: Option<DateView>,
    /// Context and how the date was established (HTML).
    pub note_html: Option<String>,
    /// Claims about it: the first page's worth.
    pub claims: Vec<ClaimEntry>,
    /// The pages of its claims, if they take more than one.
    pub claims_pages: Option<Pagination>,
    /// Reports that cover it, those listed and those quoted for its
    /// claims, oldest first: the first page's worth.
    pub articles: Vec<ArticleSummary>,
    /// The pages of its reports, if they take more than one.
    pub articles_pages: Option<Pagination>,
    /// Who took part.
    pub entities: Vec<Link>,
    /// Where the annotation is (`path:line`).
    pub origin: String,
    /// The annotation as written.
    pub source: SourceBlock,
}

/// Builds an event page showing `size` entries of each long list, and the
/// later pages of those lists.
pub fn event(
    dossier: &Dossier,
    views: &Views<'_>,
    event: &Event,
    size: usize,
) -> (EventPage, Vec<LongList>) {
    let mut articles: Vec<&Id> = event.articles.iter().collect();
    for claim in &event.claims {
        articles.extend(dossier.claims[claim].appearances.iter().map(|a| &a.article));
    }
    articles.sort();
    articles.dedup();
    let mut articles: Vec<ArticleSummary> = articles
        .into_iter()
        .map(|a| views.article_summary(a))
        .collect();
    articles
        .sort_by(|a, b| (&a.published.iso, &a.link.href).cmp(&(&b.published.iso, &b.link.href)));
    let page = PagePath::item(ItemKind::Event, &event.id);
    let (claims, claims_pages, more_claims) =
        LongList::CLAIMS_ABOUT.cut_claims(views, &page, &event.claims, size);
    let (articles, articles_pages, more_articles) =
        LongList::REPORTS.cut(&views.strings, &page, articles, size, Entries::Articles);
    let view = EventPage {
        id: event.id.to_string(),
        title: event.title.clone(),
        date: views.date(event.date),
        end: event.end.map(|d| views.date(d)),
        note_html: views.markdown_opt(event.note.as_deref(), event.id.as_str(), &page),
        claims,
        claims_pages,
        articles,
        articles_pages,
        entities: event
            .entities
            .iter()
            .map(|e| views.entity_link(e))
            .collect(),
        origin: event.origin.location(),
        source: SourceBlock::from(&event.origin),
    };
    (
        view,
        [more_claims, more_articles].into_iter().flatten().collect(),
    )
}

/// One page of the entities index, grouped by kind.
#[derive(Debug, Serialize)]
pub struct EntitiesPage<'a> {
    /// Kinds in vocabulary order, each with its entities by name.
    pub groups: Vec<(&'a str, Vec<&'a Link>)>,
}

impl<'a> EntitiesPage<'a> {
    /// The page listing `entities` (in [`entities_in_order`]'s order),
    /// kinds named in the words of `strings`.
    pub fn new(entities: &'a [(EntityKind, Link)], strings: &'a Strings) -> Self {
        let mut groups: Vec<(&str, Vec<&Link>)> = Vec::new();
        for (kind, link) in entities {
            let label = strings.get(kind.string_key());
            match groups.last_mut() {
                Some((last, links)) if *last == label => links.push(link),
                _ => groups.push((label, vec![link])),
            }
        }
        EntitiesPage { groups }
    }
}

/// Every entity, by kind in vocabulary order and then by name.
pub fn entities_in_order(dossier: &Dossier, views: &Views<'_>) -> Vec<(EntityKind, Link)> {
    let mut entities: Vec<(EntityKind, Link)> = dossier
        .entities
        .values()
        .map(|e| (e.kind, views.entity_link(&e.id)))
        .collect();
    entities.sort_by(|a, b| (a.0, &a.1.title, &a.1.href).cmp(&(b.0, &b.1.title, &b.1.href)));
    entities
}

/// An entity page.
#[derive(Debug, Serialize)]
pub struct EntityPage {
    /// The permalink id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Kind label.
    pub kind: String,
    /// Who they are (HTML).
    pub description_html: Option<String>,
    /// What they claim: the first page's worth.
    pub claims: Vec<ClaimEntry>,
    /// The pages of their claims, if they take more than one.
    pub claims_pages: Option<Pagination>,
    /// Where they are quoted, every appearance of their claims: the first
    /// page's worth.
    pub quoted: Vec<Quotation>,
    /// The pages of their quotations, if they take more than one.
    pub quoted_pages: Option<Pagination>,
    /// Events they took part in: the first page's worth.
    pub events: Vec<EventSummary>,
    /// The pages of their events, if they take more than one.
    pub events_pages: Option<Pagination>,
    /// Where the annotation is (`path:line`).
    pub origin: String,
    /// The annotation as written.
    pub source: SourceBlock,
}

/// Builds an entity page showing `size` entries of each long list, and
/// the later pages of those lists.
pub fn entity(
    dossier: &Dossier,
    views: &Views<'_>,
    entity: &Entity,
    size: usize,
) -> (EntityPage, Vec<LongList>) {
    let quoted = entity
        .claims
        .iter()
        .map(|c| &dossier.claims[c])
        .flat_map(|c| c.appearances.iter().map(move |a| views.wording(c, a)))
        .collect();
    let page = PagePath::item(ItemKind::Entity, &entity.id);
    let (claims, claims_pages, more_claims) =
        LongList::CLAIMS_BY.cut_claims(views, &page, &entity.claims, size);
    let (quoted, quoted_pages, more_quoted) = LongList::QUOTATIONS.cut_drawn(
        &views.strings,
        &page,
        quoted,
        size,
        |w, root| quotations(w, root, &views.strings),
        Entries::Wordings,
    );
    let events = sorted_events(views, &entity.events);
    let (events, events_pages, more_events) =
        LongList::EVENTS.cut(&views.strings, &page, events, size, Entries::Events);
    let view = EntityPage {
        id: entity.id.to_string(),
        name: entity.name.clone(),
        kind: views.strings.get(entity.kind.string_key()).to_owned(),
        description_html: views.markdown_opt(
            entity.description.as_deref(),
            entity.id.as_str(),
            &page,
        ),
        claims,
        claims_pages,
        quoted,
        quoted_pages,
        events,
        events_pages,
        origin: entity.origin.location(),
        source: SourceBlock::from(&entity.origin),
    };
    let more = [more_claims, more_quoted, more_events];
    (view, more.into_iter().flatten().collect())
}

/// A list on an item's page that grows with the dossier (an entity's
/// claims, an event's reports), so that it is cut into pages: the item's
/// page shows the first, and later pages (`entities/x/claims/page/2/`) the
/// rest. No item's page then grows without bound.
#[derive(Debug)]
pub struct LongList {
    /// Where its later pages go, under the item's page (`claims/`).
    pub dir: &'static str,
    /// What it holds, for its later pages' titles ("claims").
    pub name: &'static str,
    /// Its heading on the item's page, repeated on its later pages.
    pub heading: &'static str,
    /// Its later pages' entries, from page 2.
    pub later: Vec<Entries>,
}

/// A page's worth of a long list.
#[derive(Debug, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Entries {
    /// Claims, in the item page's order.
    Claims(Vec<ClaimEntry>),
    /// Quoted passages.
    Wordings(Vec<Quotation>),
    /// Events, by date.
    Events(Vec<EventSummary>),
    /// Reports, oldest first.
    Articles(Vec<ArticleSummary>),
}

impl LongList {
    const CLAIMS_BY: LongList = LongList::new("claims/", "list-claims", "what-they-claim");
    const QUOTATIONS: LongList = LongList::new("quoted/", "list-quotations", "where-quoted");
    const EVENTS: LongList = LongList::new("events/", "list-events", "events-heading");
    const CLAIMS_ABOUT: LongList = LongList::new("claims/", "list-claims", "claims-about-it");
    const REPORTS: LongList = LongList::new("reports/", "list-reports", "section-reports");

    const fn new(dir: &'static str, name: &'static str, heading: &'static str) -> LongList {
        LongList {
            dir,
            name,
            heading,
            later: Vec::new(),
        }
    }

    /// What the pager of this list is called: a page may have several.
    pub fn label(&self, strings: &Strings) -> String {
        strings.fill("pages-of", &[("list", strings.get(self.name))])
    }

    /// The pagination of page `number` of `count` of this list, which
    /// starts on the item page `item`.
    pub fn pagination(
        &self,
        strings: &Strings,
        item: &PagePath,
        number: usize,
        count: usize,
    ) -> Pagination {
        Pagination::of_list(item, self.dir, number, count, &self.label(strings))
    }

    /// Cuts `entries` into pages of `size`: returns the first page's
    /// entries for the item page `item`, that page's pager, and the list
    /// with its later pages if it has any.
    fn cut<T>(
        self,
        strings: &Strings,
        item: &PagePath,
        entries: Vec<T>,
        size: usize,
        page: impl Fn(Vec<T>) -> Entries,
    ) -> (Vec<T>, Option<Pagination>, Option<LongList>) {
        let mut pages = paginate::cut(entries, size).into_iter();
        let first = pages.next().unwrap_or_default();
        let later: Vec<Entries> = pages.map(page).collect();
        if later.is_empty() {
            return (first, None, None);
        }
        let pagination = self.pagination(strings, item, 1, later.len() + 1);
        (first, Some(pagination), Some(LongList { later, ..self }))
    }

    /// [`LongList::cut`] for entries that `draw` draws with their links
    /// relative to the page they land on: the item's own, or a later page,
    /// which sits deeper.
    fn cut_drawn<T, D>(
        self,
        strings: &Strings,
        item: &PagePath,
        entries: Vec<T>,
        size: usize,
        draw: impl Fn(Vec<T>, &str) -> Vec<D>,
        page: fn(Vec<D>) -> Entries,
    ) -> (Vec<D>, Option<Pagination>, Option<LongList>) {
        let later_root = item.list_page(self.dir, 2).to_root();
        let (first, pagination, later) = self.cut(strings, item, entries, size, |chunk| {
            page(draw(chunk, &later_root))
        });
        (draw(first, &item.to_root()), pagination, later)
    }

    /// [`LongList::cut_drawn`] for a list of claims.
    fn cut_claims(
        self,
        views: &Views<'_>,
        item: &PagePath,
        ids: &[Id],
        size: usize,
    ) -> (Vec<ClaimEntry>, Option<Pagination>, Option<LongList>) {
        let draw = |ids: Vec<&Id>, root: &str| views.claim_entries(ids, root);
        let strings = &views.strings;
        self.cut_drawn(
            strings,
            item,
            ids.iter().collect(),
            size,
            draw,
            Entries::Claims,
        )
    }
}

/// A later page of an item's long list.
#[derive(Debug, Serialize)]
pub struct LongListPage<'a> {
    /// The item whose list it is.
    pub owner: &'a Link,
    /// The list's heading on the item's page.
    pub heading: String,
    /// This page's entries, under their kind (`claims`, `wordings`,
    /// `events` or `articles`).
    pub entries: &'a Entries,
}

/// One page of the sources index: the reports themselves and the sources
/// cited for claims.
#[derive(Debug, Serialize)]
pub struct SourcesPage<'a> {
    /// Reports, oldest first, with their originals.
    pub reports: &'a [ReportSource],
    /// Distinct cited sources, with the claims citing each.
    pub sources: &'a [(SourceView, Vec<Link>)],
}

/// A report as a source.
#[derive(Debug, Serialize)]
pub struct ReportSource {
    /// The report.
    pub article: ArticleSummary,
    /// Byline, if recorded.
    pub byline: Option<String>,
    /// The original's address, if recorded.
    pub url: Option<String>,
}

/// What makes two cited sources the same: title, publisher and URL.
type SourceKey<'d> = (&'d str, Option<&'d str>, Option<&'d str>);

/// The reports as sources, oldest first.
pub fn report_sources(views: &Views<'_>) -> Vec<ReportSource> {
    views
        .articles_by_date()
        .into_iter()
        .map(|article| ReportSource {
            article: views.article_summary(&article.slug),
            byline: article.meta.byline.clone(),
            url: article.meta.url.clone(),
        })
        .collect()
}

/// Every distinct source cited for a claim, by title, with the claims
/// citing it in id order. Each source's view is made from its first
/// citation. The citations are sorted rather than gathered in a map: at
/// 50,000 claims, moving each source's view around a tree of them cost
/// more than the views, and `serve` lists the sources after many edits.
pub fn cited_sources(dossier: &Dossier, views: &Views<'_>) -> Vec<(SourceView, Vec<Link>)> {
    let mut citations: Vec<(SourceKey<'_>, &Claim, usize)> = dossier
        .claims
        .values()
        .flat_map(|claim| {
            claim.sources.iter().enumerate().map(move |(i, source)| {
                let key = (
                    source.title.as_str(),
                    source.publisher.as_deref(),
                    source.url.as_deref(),
                );
                (key, claim, i)
            })
        })
        .collect();
    citations.par_sort_by(|a, b| a.0.cmp(&b.0));
    let sources: Vec<&[(SourceKey<'_>, &Claim, usize)]> =
        citations.chunk_by(|a, b| a.0 == b.0).collect();
    sources
        .par_iter()
        .map(|citing| {
            let (_, first, i) = citing[0];
            let namespace = format!("{}-source-{i}", first.id);
            let links = citing
                .iter()
                .map(|(_, claim, _)| views.claim_link(&claim.id));
            let source = views.source(&first.id, &first.sources[i], &namespace);
            (source, links.collect())
        })
        .collect()
}
