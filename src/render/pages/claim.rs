//! A claim's page: its wordings side by side, their figures compared,
//! its sources and neighbours; and the claims index.

use rayon::prelude::*;
use serde::Serialize;

use super::corrections::{HistoryView, history_view};
use super::{ClaimPart, Shown, version};
use super::{quotations, sorted_events};
use crate::dossier::{Claim, Dossier, Verdict};
use crate::error::Result;
use crate::figures::Comparison;
use crate::id::Id;
use crate::render::model::{
    ClaimEntry, ClaimSummary, EventSummary, Link, Quotation, SourceBlock, SourceView, VerdictView,
    WordingView,
};
use crate::render::page::{Page, Renderer};
use crate::render::structured;
use crate::render::views::Views;
use crate::text::{DiffWord, unmarked_words, word_diff};
use crate::urls::PagePath;
use crate::vocabulary::ItemKind;

/// One page of the claims index.
#[derive(Debug, Serialize)]
pub struct ClaimsPage {
    /// This page's claims, by title.
    pub claims: Vec<ClaimSummary>,
    /// The verdict vocabulary, for the key.
    pub verdicts: Vec<VerdictView>,
}

impl ClaimsPage {
    /// The page listing the claims `ids`.
    pub fn new(ids: &[&Id], views: &Views<'_>) -> Self {
        ClaimsPage {
            claims: ids.iter().map(|id| views.claim_summary(id)).collect(),
            verdicts: Verdict::ALL.iter().map(|v| views.verdict(*v)).collect(),
        }
    }
}

/// Every claim, in the claims index's order: by title, case aside, then
/// by address. Only the ids: a page's summaries are made when it is
/// rendered, and `serve` renders again only the pages an edit changed.
pub fn claims_in_order(dossier: &Dossier) -> Vec<&Id> {
    let mut claims: Vec<(String, &Id)> = dossier
        .claims
        .par_iter()
        .map(|(id, claim)| (claim.title.to_lowercase(), id))
        .collect();
    let href = |id: &Id| PagePath::item_href(ItemKind::Claim, id);
    claims.par_sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| href(a.1).cmp(&href(b.1))));
    claims.into_iter().map(|(_, id)| id).collect()
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
    /// When its review was published and changed, and how.
    pub history: HistoryView,
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
                unmarked_words(&w.quote)
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
pub fn view(dossier: &Dossier, views: &Views<'_>, claim: &Claim) -> ClaimPage {
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
        history: history_view(dossier, views, claim),
        origin: claim.origin.location(),
        source: SourceBlock::from(&claim.origin),
    }
}

/// How many topical neighbours a claim page lists.
const MAX_NEIGHBOURS: usize = 8;

/// Claims that share an event with `claim`, other than itself and those
/// already listed as related, by id: the first [`MAX_NEIGHBOURS`].
fn same_events<'d>(dossier: &'d Dossier, claim: &'d Claim) -> Vec<&'d Id> {
    let mut ids: Vec<&Id> = neighbour_candidates(dossier, claim).collect();
    ids.sort();
    ids.dedup();
    ids.truncate(MAX_NEIGHBOURS);
    ids
}

/// The claims among which [`same_events`] chooses: the first
/// [`MAX_NEIGHBOURS`] of each of the claim's events (an event's claims are
/// sorted by id), so that a page costs the same whether its events have
/// ten claims or ten thousand.
fn neighbour_candidates<'d>(
    dossier: &'d Dossier,
    claim: &'d Claim,
) -> impl Iterator<Item = &'d Id> {
    claim.events.iter().flat_map(move |e| {
        let others = dossier.events[e].claims.iter();
        others
            .filter(move |c| **c != claim.id && !claim.related.contains(c))
            .take(MAX_NEIGHBOURS)
    })
}

/// What a claim's page shows: the claim and its wordings, its events and
/// the other claims about them, and its related claims.
pub fn shown<'d>(dossier: &'d Dossier, claim: &'d Claim) -> impl Iterator<Item = Shown<'d>> {
    // Which claims are listed changes only with an event's claims, and so
    // with the event.
    let events = claim.events.iter().map(|e| Shown::Item(ItemKind::Event, e));
    let neighbours = neighbour_candidates(dossier, claim).map(Shown::ClaimSummary);
    [
        Shown::ClaimSummary(&claim.id),
        Shown::ClaimWordings(&claim.id),
    ]
    .into_iter()
    .chain(events)
    .chain(neighbours)
    .chain(claim.related.iter().map(Shown::ClaimSummary))
    .chain(version::shown(dossier, claim))
}

/// What the claims index shows.
pub const SHOWN_BY_INDEX: &[Shown<'static>] = &[
    Shown::Every(ItemKind::Entity),
    Shown::EveryClaim(ClaimPart::Title),
    Shown::EveryClaim(ClaimPart::Verdict),
    Shown::EveryClaim(ClaimPart::Claimant),
    Shown::EveryClaim(ClaimPart::Reports),
];

/// Renders a claim's page and its version pages.
pub(in crate::render) fn render(r: &Renderer<'_>, claim: &Claim) -> Result<Vec<PagePath>> {
    let strings = &r.views.strings;
    let verdict_key = format!("verdict-{}", claim.verdict.key());
    let verdict = strings.get(&verdict_key);
    let description = strings.fill(
        "description-claim",
        &[("verdict", verdict), ("title", &claim.title)],
    );
    let page = Page::item(ItemKind::Claim, &claim.id, &claim.title)
        .describe(description)
        .source(Some(&claim.origin.path))
        .json_ld(&structured::claim_review(
            r.dossier,
            &r.urls(),
            claim,
            r.build_date,
            strings,
        ))
        .citable();
    let page = match version::latest(r, claim) {
        Some((path, title)) => page.citable_version(path, title),
        None => page,
    };
    let mut paths = version::render(r, claim)?;
    paths.push(r.drawn_page(page, &view(r.dossier, &r.views, claim))?);
    Ok(paths)
}
