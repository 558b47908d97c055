//! A person's or organisation's page: their claims, where they are
//! quoted and the events they took part in; and the entities index.

use serde::Serialize;

use super::Shown;
use super::long_list;
use super::long_list::{Entries, LongList};
use super::{quotations, sorted_events};
use crate::dossier::{Dossier, Entity, EntityKind};
use crate::error::Result;
use crate::render::model::{ClaimEntry, EventSummary, Link, Quotation, SourceBlock};
use crate::render::page::{Page, Renderer};
use crate::render::paginate::Pagination;
use crate::render::strings::Strings;
use crate::render::views::Views;
use crate::urls::PagePath;
use crate::vocabulary::ItemKind;

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
pub fn view(
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

/// What an entity's page shows: the entity, its claims and their
/// wordings, and its events.
pub fn shown(entity: &Entity) -> impl Iterator<Item = Shown<'_>> {
    let claims = entity
        .claims
        .iter()
        .flat_map(|c| [Shown::ClaimSummary(c), Shown::ClaimWordings(c)]);
    std::iter::once(Shown::Item(ItemKind::Entity, &entity.id))
        .chain(claims)
        .chain(
            entity
                .events
                .iter()
                .map(|e| Shown::Item(ItemKind::Event, e)),
        )
}

/// What the entities index shows.
pub const SHOWN_BY_INDEX: &[Shown<'static>] = &[Shown::Every(ItemKind::Entity)];

/// Renders an entity's page and the later pages of its long lists.
pub(in crate::render) fn render(r: &Renderer<'_>, entity: &Entity) -> Result<Vec<PagePath>> {
    let description = match &entity.description {
        Some(description) => description.clone(),
        None => r
            .views
            .strings
            .fill("description-entity", &[("name", &entity.name)]),
    };
    let page = Page::item(ItemKind::Entity, &entity.id, &entity.name)
        .describe(description)
        .source(Some(&entity.origin.path))
        .citable();
    let size = r.dossier.config.build.page_size.get();
    let (view, long_lists) = view(r.dossier, &r.views, entity, size);
    let owner = r.views.entity_link(&entity.id);
    long_list::render_with_later_pages(r, page, &view, &owner, &long_lists)
}
