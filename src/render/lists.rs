//! The pages that list the whole dossier: the overview, the search page,
//! the lists of reports, claims, people and sources, and the timeline.
//!
//! Each is a [`Section`], rendered whole by a build. `serve` renders
//! them again after every edit, and skips what has not changed at two
//! levels: a section whose inputs the edit did not touch keeps its files
//! (the caller, which knows what changed, names those sections), and in
//! the other sections a page keeps its file if it lists the same items as
//! last time and none of them changed (the claims and sources indexes:
//! their pages' contexts are not even made), or if its template and
//! context hash as they did last time ([`ListPages`]). How a list is cut
//! into pages and each page rendered is here too, as methods of the
//! [`Renderer`].

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;

use super::memo::{Listed, SectionFiles};
use super::page::{Drawn, Page, Renderer};
use super::paginate::Pagination;
use super::shown::Shown;
use super::views::Views;
use super::{OutputFile, pages, paginate};
use crate::dossier::Dossier;
use crate::error::Result;
use crate::id::Id;
use crate::urls::PagePath;
use crate::vocabulary::{ItemKind, Section};

/// Renders every list section, but for those the renderer's memo keeps;
/// returns each section's files. The sections are rendered one after
/// another, each on the whole thread pool: the claims, sources and
/// timeline sections each hold views of the whole dossier while they
/// render, and side by side they set a build's peak memory.
pub(super) fn render(
    dossier: &Dossier,
    r: &Renderer<'_>,
    views: &Views<'_>,
) -> Result<BTreeMap<Section, SectionFiles>> {
    let intro = dossier.intro.as_ref().map(|i| i.path.as_path());
    let title = dossier.config.book.title.as_str();
    let size = dossier.config.build.page_size.get();
    let word = |key| views.strings.get(key);
    let render_section = |section: Section| -> Result<SectionFiles> {
        match section {
            Section::Home => {
                let home = Page::section(Section::Home, title).source(intro);
                Ok(vec![r.page(home, &pages::home::view(dossier, views, size))?].into())
            }
            Section::Search => {
                let page = Page::section(Section::Search, word("section-search"));
                Ok(vec![r.page(page, &())?].into())
            }
            Section::Articles => {
                let reports = views.article_summaries();
                let title = word("section-reports");
                let pages = r.list(Section::Articles, title, &reports, size, |chunk| chunk)?;
                Ok(pages.into())
            }
            Section::Claims => {
                let claims = pages::claim::claims_in_order(dossier);
                let pages = r.list_of_claims(
                    Section::Claims,
                    word("section-claims"),
                    &claims,
                    size,
                    |ids| pages::claim::ClaimsPage::new(ids, views),
                )?;
                Ok(pages.into())
            }
            Section::Entities => {
                let entities = pages::entity::entities_in_order(dossier, views);
                let title = word("section-entities");
                let pages = r.list(Section::Entities, title, &entities, size, |chunk| {
                    pages::entity::EntitiesPage::new(chunk, &views.strings)
                })?;
                Ok(pages.into())
            }
            Section::Sources => Ok(sources_pages(dossier, r, views, size)?.into()),
            Section::Timeline => timeline_pages(dossier, r, views, size),
            Section::Corrections => {
                let log = pages::corrections::log(dossier, views);
                let unavailable =
                    pages::corrections::why_no_history(&dossier.history, &views.strings);
                let title = word("section-corrections");
                let pages = r.list(Section::Corrections, title, &log, size, |entries| {
                    pages::corrections::CorrectionsPage {
                        entries,
                        unavailable: unavailable.clone(),
                    }
                })?;
                Ok(pages.into())
            }
        }
    };
    Section::ALL
        .iter()
        .map(|&section| {
            let kept = r.memo.and_then(|memo| memo.kept(section));
            let files = kept.map_or_else(|| render_section(section), Ok)?;
            Ok((section, files))
        })
        .collect()
}

/// The sources index: the reports and the cited sources, paged side by
/// side. A page that shows the same reports and the same sources cited by
/// the same claims as last time, none of them changed since, stands.
fn sources_pages(
    dossier: &Dossier,
    r: &Renderer<'_>,
    views: &Views<'_>,
    size: usize,
) -> Result<Vec<PagePath>> {
    let reports = views.articles_by_date();
    let cited = pages::sources::cited_sources(dossier);
    let count = reports.len().max(cited.len()).div_ceil(size).max(1);
    let share = |len: usize, n: usize| (n * size).min(len)..((n + 1) * size).min(len);
    (0..count)
        .into_par_iter()
        .map(|n| {
            let path = PagePath::section_page(Section::Sources, n + 1);
            let (reports, cited) = (
                &reports[share(reports.len(), n)],
                &cited[share(cited.len(), n)],
            );
            // A source's citations follow from its claims: while they are
            // unchanged, the same claims are grouped in the same sources.
            let listed_reports = reports.iter().map(|a| (ItemKind::Article, &a.slug));
            let listed_claims = cited
                .iter()
                .flat_map(|citing| citing.iter().map(|(claim, _)| (ItemKind::Claim, &claim.id)));
            let listed = listed_reports.chain(listed_claims);
            if r.stands(&path, count, listed, |(kind, id)| Shown::Item(kind, id)) {
                return Ok(path);
            }
            let view = pages::sources::SourcesPage::new(reports, cited, views);
            let title = views.strings.get("section-sources");
            r.drawn_list_page(Section::Sources, title, n + 1, count, &view)
        })
        .collect()
}

/// The timeline in pages of `size` entries, and the stylesheet behind its
/// filters, which covers every page's choices.
fn timeline_pages(
    dossier: &Dossier,
    r: &Renderer<'_>,
    views: &Views<'_>,
    size: usize,
) -> Result<SectionFiles> {
    let entries = crate::timeline::build(dossier);
    let facets = pages::timeline::TimelineFacets::new(dossier);
    let chunks = paginate::chunks(&entries, size);
    let count = chunks.len();
    let pages: Vec<pages::timeline::TimelinePage> = chunks
        .par_iter()
        .map(|chunk| pages::timeline::page(dossier, views, &facets, chunk))
        .collect();
    let filters = Path::new(Section::Timeline.dir()).join("filters.css");
    r.sink.put(OutputFile {
        path: filters.clone(),
        contents: pages::timeline::filter_css(&pages).into_bytes(),
    })?;
    let pages = pages
        .par_iter()
        .enumerate()
        .map(|(i, page)| {
            let title = views.strings.get("section-timeline");
            r.list_page(Section::Timeline, title, i + 1, count, page)
        })
        .collect::<Result<_>>()?;
    Ok(SectionFiles {
        pages,
        others: vec![filters],
    })
}

/// Rendering a section's list page by page.
impl Renderer<'_> {
    /// Renders a section's list in pages of `size` entries, each page's
    /// view made by `view` from its share of `items`.
    pub(super) fn list<'i, T: Sync, V: Serialize>(
        &self,
        section: Section,
        title: &str,
        items: &'i [T],
        size: usize,
        view: impl Fn(&'i [T]) -> V + Sync,
    ) -> Result<Vec<PagePath>> {
        let chunks = paginate::chunks(items, size);
        let count = chunks.len();
        chunks
            .par_iter()
            .enumerate()
            .map(|(i, chunk)| self.list_page(section, title, i + 1, count, &view(chunk)))
            .collect()
    }

    /// [`Renderer::list`] for a list of claims' summaries, each page's
    /// view made by `view` from its share of `claims`. A page that shows
    /// the claims it showed last time, none of whose summaries changed
    /// since, keeps its file without its view being made
    /// ([`Renderer::stands`]).
    pub(super) fn list_of_claims<'i, V: Drawn>(
        &self,
        section: Section,
        title: &str,
        claims: &'i [&'i Id],
        size: usize,
        view: impl Fn(&'i [&'i Id]) -> V + Sync,
    ) -> Result<Vec<PagePath>> {
        let chunks = paginate::chunks(claims, size);
        let count = chunks.len();
        chunks
            .par_iter()
            .enumerate()
            .map(|(i, chunk)| {
                let path = PagePath::section_page(section, i + 1);
                let listed = chunk.iter().map(|&id| (ItemKind::Claim, id));
                if self.stands(&path, count, listed, |(_, id)| Shown::ClaimSummary(id)) {
                    return Ok(path);
                }
                self.drawn_list_page(section, title, i + 1, count, &view(chunk))
            })
            .collect()
    }

    /// Whether the list page at `path`, one of `pages`, stands as the last
    /// render left it: it shows the `items` it showed then, and what it
    /// shows of each (`shown`) did not change since (always no without a
    /// memo). At 10,000 articles the claims index has 250 pages, and an
    /// edit in `serve` changes one: the others keep their files before
    /// their context is even made.
    pub(super) fn stands<'i>(
        &self,
        path: &PagePath,
        pages: usize,
        items: impl Iterator<Item = Listed<'i>> + Clone,
        shown: impl Fn(Listed<'i>) -> Shown<'i>,
    ) -> bool {
        self.memo
            .is_some_and(|memo| memo.items_stand(path, pages, items, shown))
    }

    /// Page `number` of `count` of a section's list.
    pub(super) fn list_page<V: Serialize>(
        &self,
        section: Section,
        title: &str,
        number: usize,
        count: usize,
        view: &V,
    ) -> Result<PagePath> {
        self.list_page_with(section, title, number, count, |page| self.page(page, view))
    }

    /// [`Renderer::list_page`] for a view the built-in templates may draw
    /// in Rust.
    pub(super) fn drawn_list_page<V: Drawn>(
        &self,
        section: Section,
        title: &str,
        number: usize,
        count: usize,
        view: &V,
    ) -> Result<PagePath> {
        self.list_page_with(section, title, number, count, |page| {
            self.drawn_page(page, view)
        })
    }

    /// Page `number` of `count` of a section's list, its address, title
    /// and pager set, rendered by `render`.
    fn list_page_with(
        &self,
        section: Section,
        title: &str,
        number: usize,
        count: usize,
        render: impl FnOnce(Page<'_>) -> Result<PagePath>,
    ) -> Result<PagePath> {
        let strings = &self.views.strings;
        let numbered = strings.fill(
            "list-page-of",
            &[
                ("heading", title),
                ("number", &number.to_string()),
                ("count", &count.to_string()),
            ],
        );
        let mut page = Page::section(section, if number > 1 { &numbered } else { title });
        page.path = PagePath::section_page(section, number);
        page.pagination = (count > 1)
            .then(|| Pagination::new(section, number, count, strings.get("pages-of-list")));
        render(page)
    }
}
