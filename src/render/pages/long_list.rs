//! Lists on an item's page that run long (an entity's claims, an
//! event's reports): the first entries on the page, the rest on pages of
//! their own below it.

use serde::Serialize;

use crate::error::Result;
use crate::id::Id;
use crate::render::model::{ArticleSummary, ClaimEntry, EventSummary, Link, Quotation};
use crate::render::page::{Drawn, Page, Renderer};
use crate::render::paginate::{self, Pagination};
use crate::render::strings::Strings;
use crate::render::views::Views;
use crate::urls::PagePath;

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
    /// An entity's claims, continued under `claims/`.
    pub(super) const CLAIMS_BY: LongList =
        LongList::new("claims/", "list-claims", "what-they-claim");
    /// Where an entity is quoted, continued under `quoted/`.
    pub(super) const QUOTATIONS: LongList =
        LongList::new("quoted/", "list-quotations", "where-quoted");
    /// An entity's events, continued under `events/`.
    pub(super) const EVENTS: LongList = LongList::new("events/", "list-events", "events-heading");
    /// The claims about an event, continued under `claims/`.
    pub(super) const CLAIMS_ABOUT: LongList =
        LongList::new("claims/", "list-claims", "claims-about-it");
    /// An event's reports, continued under `reports/`.
    pub(super) const REPORTS: LongList =
        LongList::new("reports/", "list-reports", "section-reports");

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
    pub(super) fn cut<T>(
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
    pub(super) fn cut_drawn<T, D>(
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
    pub(super) fn cut_claims(
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

/// Renders an item's page, then the later pages of its long lists;
/// returns their paths.
pub(in crate::render) fn render_with_later_pages<T: Drawn>(
    r: &Renderer<'_>,
    page: Page<'_>,
    view: &T,
    owner: &Link,
    long_lists: &[LongList],
) -> Result<Vec<PagePath>> {
    let (item, section) = (page.path.clone(), page.section);
    let mut paths = vec![r.drawn_page(page, view)?];
    for list in long_lists {
        let count = list.later.len() + 1;
        for (number, entries) in (2..).zip(&list.later) {
            let strings = &r.views.strings;
            let title = strings.fill(
                "long-list-title",
                &[
                    ("owner", &owner.title),
                    ("list", strings.get(list.name)),
                    ("number", &number.to_string()),
                    ("count", &count.to_string()),
                ],
            );
            let mut page = Page::new(
                item.list_page(list.dir, number),
                "long-list.html",
                &title,
                section,
            );
            page.pagination = Some(list.pagination(strings, &item, number, count));
            let view = LongListPage {
                owner,
                heading: strings.get(list.heading).to_owned(),
                entries,
            };
            paths.push(r.drawn_page(page, &view)?);
        }
    }
    Ok(paths)
}
