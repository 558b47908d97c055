//! An event's page: what happened, the claims about it and the reports.

use serde::Serialize;

use super::Shown;
use super::long_list;
use super::long_list::{Entries, LongList};
use crate::dossier::{Dossier, Event};
use crate::error::Result;
use crate::id::Id;
use crate::render::model::{ArticleSummary, ClaimEntry, DateView, Link, SourceBlock};
use crate::render::page::{Page, Renderer};
use crate::render::paginate::Pagination;
use crate::render::structured;
use crate::render::views::Views;
use crate::urls::PagePath;
use crate::vocabulary::ItemKind;

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
pub fn view(
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

/// What an event's page shows: the event, its claims and their wordings,
/// its reports and its entities.
pub fn shown(event: &Event) -> impl Iterator<Item = Shown<'_>> {
    let claims = event
        .claims
        .iter()
        .flat_map(|c| [Shown::ClaimSummary(c), Shown::ClaimWordings(c)]);
    std::iter::once(Shown::Item(ItemKind::Event, &event.id))
        .chain(claims)
        .chain(
            event
                .articles
                .iter()
                .map(|a| Shown::Item(ItemKind::Article, a)),
        )
        .chain(
            event
                .entities
                .iter()
                .map(|e| Shown::Item(ItemKind::Entity, e)),
        )
}

/// Renders an event's page and the later pages of its long lists.
pub(in crate::render) fn render(r: &Renderer<'_>, event: &Event) -> Result<Vec<PagePath>> {
    let description = r.views.strings.fill(
        "description-event",
        &[
            ("date", &r.views.strings.date(event.date)),
            ("title", &event.title),
        ],
    );
    let page = Page::item(ItemKind::Event, &event.id, &event.title)
        .describe(description)
        .source(Some(&event.origin.path))
        .json_ld(&structured::event(&r.urls(), event))
        .citable();
    let size = r.dossier.config.build.page_size.get();
    let (view, long_lists) = view(r.dossier, &r.views, event, size);
    let owner = r.views.event_link(&event.id);
    long_list::render_with_later_pages(r, page, &view, &owner, &long_lists)
}
