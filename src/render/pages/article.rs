//! The article page: the report's text with every anchored passage marked,
//! footnote markers numbered by first appearance, and the notes.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::Shown;
use crate::dossier::{AnchorKind, Appearance, Article, Dossier, Part};
use crate::error::Result;
use crate::id::{Id, UniqueIds, slugify};
use crate::markdown::Mark;
use crate::render::exports::annotations::{self, PageQuote};
use crate::render::fragments;
use crate::render::model::{ArticleSummary, DateView, Link, PassageLink, VerdictView};
use crate::render::page::{Page, Renderer};
use crate::render::structured;
use crate::render::views::{Views, link_to_claim};
use crate::urls::{Fragment, PagePath};
use crate::vocabulary::ItemKind;

/// Everything the article template shows.
#[derive(Debug, Serialize)]
pub struct ArticlePage {
    /// Headline.
    pub title: String,
    /// The headline as HTML, with the passages quoted from it marked.
    pub title_html: String,
    /// Slug.
    pub slug: String,
    /// Publication date.
    pub published: DateView,
    /// Outlet, if recorded.
    pub outlet: Option<String>,
    /// Byline, if recorded.
    pub byline: Option<String>,
    /// The original's address, if recorded.
    pub url: Option<String>,
    /// When the copy was taken, if recorded.
    pub retrieved: Option<DateView>,
    /// The report's language, if recorded.
    pub language: Option<String>,
    /// Whether the report's language runs the other way from the site's:
    /// its own `dir` then.
    pub direction: Option<&'static str>,
    /// The editor's note on the copy (HTML).
    pub note_html: Option<String>,
    /// The marked-up text (HTML).
    pub body_html: String,
    /// One note per claim, in order of first appearance.
    pub notes: Vec<NoteView>,
    /// The copy's slips marked \[sic\].
    pub sics: Vec<SicView>,
    /// The article's source file, relative to the dossier root.
    pub source_path: String,
    /// The report published just before this one.
    pub previous: Option<ArticleSummary>,
    /// The report published just after this one.
    pub next: Option<ArticleSummary>,
}

/// A claim's note on an article page.
#[derive(Debug, Serialize)]
pub struct NoteView {
    /// The number its markers show.
    pub number: usize,
    /// The note's HTML id (`note-<claim>`).
    pub id: String,
    /// The claim page.
    pub claim: Link,
    /// Verdict badge.
    pub verdict: VerdictView,
    /// Who makes the claim.
    pub claimant: Option<Link>,
    /// The claim's note (HTML).
    pub note_html: Option<String>,
    /// Events the claim concerns.
    pub events: Vec<Link>,
    /// The ids of every marker in this article pointing here.
    pub backrefs: Vec<String>,
    /// This report's words for the claim (its first passage here), so
    /// that the other reports' wordings can be told apart from it.
    pub quote: String,
    /// Where other reports carry it: the first eight of its passages
    /// elsewhere, in the order of the annotation.
    pub elsewhere: Vec<PassageLink>,
    /// How many passages elsewhere carry it, listed or not.
    pub elsewhere_count: usize,
    /// How many of those `elsewhere` leaves to the claim's page.
    pub elsewhere_unlisted: usize,
}

/// How many of a claim's passages in other reports its note lists. The
/// claim's page lists them all: a note that did too would make a claim
/// carried by n reports cost n² entries across their pages.
const MAX_ELSEWHERE: usize = 8;

/// A \[sic\] on an article page.
#[derive(Debug, Serialize)]
pub struct SicView {
    /// The note's HTML id.
    pub id: String,
    /// The id of the marked passage, to link back.
    pub passage_id: String,
    /// The words as published.
    pub quote: String,
    /// The editor's remark (HTML).
    pub note_html: String,
}

/// Builds the page for `article`.
pub fn view(dossier: &Dossier, views: &Views<'_>, article: &Article) -> ArticlePage {
    let numbers = note_numbers(article);
    let home = PagePath::item(ItemKind::Article, &article.slug);
    let root = home.to_root();
    let mut with_sidenote = BTreeSet::new();
    let mut ids = UniqueIds::default();
    let mut marks = Vec::with_capacity(article.anchors.len());
    let mut title_marks = Vec::new();
    let mut sics = Vec::new();
    for anchor in &article.anchors {
        let in_title = anchor.part == Part::Title;
        let marks = if in_title {
            &mut title_marks
        } else {
            &mut marks
        };
        match &anchor.kind {
            AnchorKind::Claim { claim, occurrence } => {
                let number = numbers[claim];
                let mut mark = claim_mark(
                    dossier,
                    views,
                    claim,
                    *occurrence,
                    number,
                    anchor.range.clone(),
                );
                // A headline has no margin: the sidenote goes beside the
                // claim's first passage in the text.
                if !in_title && with_sidenote.insert(claim) {
                    mark.trailer
                        .push_str(&sidenote(dossier, views, claim, number, &root));
                }
                marks.push(mark);
            }
            AnchorKind::Sic { note } => {
                let quote = article.text_of(anchor.part)[anchor.range.clone()].to_owned();
                let slug = ids.claim(
                    &Fragment::Sic {
                        slug: &slugify(&quote),
                    }
                    .to_string(),
                );
                marks.push(Mark {
                    range: anchor.range.clone(),
                    class: "sic".into(),
                    id: slug.clone(),
                    data: Vec::new(),
                    trailer: fragments::sic_marker(Fragment::SicNote { mark: &slug }),
                });
                sics.push(SicView {
                    id: Fragment::SicNote { mark: &slug }.to_string(),
                    passage_id: slug,
                    quote,
                    note_html: views.markdown(note, "sic", &home),
                });
            }
        }
    }
    let mut order: Vec<(&Id, usize)> = numbers.iter().map(|(c, n)| (*c, *n)).collect();
    order.sort_by_key(|(_, n)| *n);
    let notes = order
        .into_iter()
        .map(|(claim, number)| note(dossier, views, article, claim, number))
        .collect();
    let meta = &article.meta;
    let (previous, next) = views.neighbours(&article.slug);
    ArticlePage {
        previous,
        next,
        title: meta.title.clone(),
        title_html: crate::markdown::render_marked_text(&meta.title, &title_marks),
        slug: article.slug.to_string(),
        published: views.moment(meta.published),
        outlet: meta.outlet.clone(),
        byline: meta.byline.clone(),
        url: meta.url.clone(),
        retrieved: meta.retrieved.map(|r| views.moment(r)),
        language: meta.language.clone(),
        direction: direction(dossier, meta.language.as_deref()),
        note_html: views.markdown_opt(meta.note.as_deref(), "article-note", &home),
        body_html: views.article_body(&article.slug, &article.body, &marks),
        notes,
        sics,
        source_path: article.path.display().to_string(),
    }
}

/// Numbers each claim by its first appearance in the text.
fn note_numbers(article: &Article) -> BTreeMap<&Id, usize> {
    let mut numbers = BTreeMap::new();
    for anchor in &article.anchors {
        if let AnchorKind::Claim { claim, .. } = &anchor.kind {
            let next = numbers.len() + 1;
            numbers.entry(claim).or_insert(next);
        }
    }
    numbers
}

fn claim_mark(
    dossier: &Dossier,
    views: &Views<'_>,
    claim: &Id,
    occurrence: usize,
    number: usize,
    range: std::ops::Range<usize>,
) -> Mark {
    let title = &dossier.claims[claim].title;
    let claim_id = claim.as_str();
    let marker = Fragment::Marker {
        claim: claim_id,
        occurrence,
    };
    let passage = Fragment::Passage {
        claim: claim_id,
        occurrence,
    }
    .to_string();
    let note = Fragment::Note { claim: claim_id };
    let label = views.strings.fill(
        "note-title",
        &[("number", &number.to_string()), ("title", title)],
    );
    Mark {
        range,
        class: "claim".into(),
        id: passage.clone(),
        data: vec![
            ("data-claim".into(), claim.to_string()),
            ("data-quote".into(), passage),
        ],
        trailer: fragments::note_marker(marker, note, &label, number),
    }
}

/// The margin note beside a claim's first passage (see
/// [`fragments::sidenote`]).
fn sidenote(dossier: &Dossier, views: &Views<'_>, id: &Id, number: usize, root: &str) -> String {
    let claim = &dossier.claims[id];
    let claimant = claim.claimant.as_ref().map(|c| views.entity_link(c));
    fragments::sidenote(
        number,
        &link_to_claim(claim),
        &views.verdict(claim.verdict),
        claimant
            .as_ref()
            .map(|c| (views.strings.get("claimed-by"), c)),
        root,
    )
}

fn note(
    dossier: &Dossier,
    views: &Views<'_>,
    article: &Article,
    id: &Id,
    number: usize,
) -> NoteView {
    let claim = &dossier.claims[id];
    let here = claim
        .appearances
        .iter()
        .filter(|a| a.article == article.slug);
    let elsewhere: Vec<&Appearance> = claim
        .appearances
        .iter()
        .filter(|a| a.article != article.slug)
        .collect();
    NoteView {
        number,
        id: Fragment::Note { claim: id.as_str() }.to_string(),
        claim: link_to_claim(claim),
        verdict: views.verdict(claim.verdict),
        claimant: claim.claimant.as_ref().map(|e| views.entity_link(e)),
        note_html: views.markdown_opt(
            claim.note.as_deref(),
            id.as_str(),
            &PagePath::item(ItemKind::Claim, id),
        ),
        events: claim.events.iter().map(|e| views.event_link(e)).collect(),
        quote: here.clone().next().map_or_else(String::new, |a| {
            article.text_of(a.part)[a.range.clone()].to_owned()
        }),
        backrefs: here.map(|a| a.marker_anchor(id)).collect(),
        elsewhere_count: elsewhere.len(),
        elsewhere_unlisted: elsewhere.len().saturating_sub(MAX_ELSEWHERE),
        elsewhere: elsewhere
            .into_iter()
            .take(MAX_ELSEWHERE)
            .map(|a| views.passage_link(claim, a))
            .collect(),
    }
}

/// The `dir` an article in `language` needs, if it differs from the site's.
fn direction(dossier: &Dossier, language: Option<&str>) -> Option<&'static str> {
    let rtl = crate::language::is_right_to_left;
    let site = rtl(&dossier.config.book.language);
    match language.map(rtl) {
        Some(true) if !site => Some("rtl"),
        Some(false) if site => Some("ltr"),
        _ => None,
    }
}

/// What a report's page shows: the report, its neighbours in
/// publication order, and the note of every claim it carries.
pub fn shown(article: &Article) -> impl Iterator<Item = Shown<'_>> {
    let notes = article.anchors.iter().filter_map(|a| match &a.kind {
        AnchorKind::Claim { claim, .. } => Some(Shown::ClaimNote(claim)),
        AnchorKind::Sic { .. } => None,
    });
    [
        Shown::Item(ItemKind::Article, &article.slug),
        Shown::Neighbours(&article.slug),
    ]
    .into_iter()
    .chain(notes)
}

/// What the list of reports shows.
pub const SHOWN_BY_LIST: &[Shown<'static>] = &[Shown::Every(ItemKind::Article)];

/// Renders a report's page; returns where it went, and where the claims'
/// passages are in it, which only the rendered page can give
/// (`annotations.jsonld` needs them).
pub(in crate::render) fn render(
    r: &Renderer<'_>,
    article: &Article,
) -> Result<(PagePath, Vec<PageQuote>)> {
    let strings = &r.views.strings;
    let outlet = article.meta.outlet.as_deref();
    let description = strings.fill(
        "description-report",
        &[
            (
                "outlet",
                outlet.unwrap_or(strings.get("outlet-not-recorded-capital")),
            ),
            ("date", &strings.moment(article.meta.published)),
        ],
    );
    let page = Page::item(ItemKind::Article, &article.slug, &article.meta.title)
        .describe(description)
        .source(Some(&article.path))
        .json_ld(&structured::news_article(&r.urls(), article))
        .citable();
    let (path, html) = r.drawn_html(page, &view(r.dossier, &r.views, article))?;
    let quotes = annotations::page_quotes(article, &html);
    r.put(&path, html)?;
    Ok((path, quotes))
}
