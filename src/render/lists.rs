//! The pages that list the whole dossier: the overview, the search page,
//! the lists of reports, claims, people and sources, and the timeline.

use std::path::PathBuf;

use rayon::prelude::*;

use super::paths::PagePath;
use super::views::Views;
use super::{OutputFile, Page, Renderer, pages, paginate};
use crate::dossier::Dossier;
use crate::error::Result;

/// The overview, search page and lists; returns their paths.
pub(super) fn render(
    dossier: &Dossier,
    r: &Renderer<'_>,
    views: &Views<'_>,
) -> Result<Vec<PagePath>> {
    let intro = dossier.intro.as_ref().map(|i| i.path.as_path());
    let title = dossier.config.book.title.as_str();
    let size = dossier.config.build.page_size.get();
    type Section<'f> = &'f (dyn Fn() -> Result<Vec<PagePath>> + Sync);
    let sections: [Section<'_>; 7] = [
        &|| {
            let home = Page::new(PagePath::home(), "index.html", title, "home").source(intro);
            Ok(vec![r.page(home, &pages::home(dossier, views, size))?])
        },
        &|| Ok(vec![r.page(Page::section("search", "Search"), &())?]),
        &|| {
            let reports = views.article_summaries();
            r.list("articles", "Reports", &reports, size, |chunk| chunk)
        },
        &|| {
            let claims = pages::claims_in_order(dossier, views);
            r.list("claims", "Claims", &claims, size, pages::ClaimsPage::new)
        },
        &|| {
            let entities = pages::entities_in_order(dossier, views);
            let title = "People and organisations";
            r.list("entities", title, &entities, size, pages::EntitiesPage::new)
        },
        &|| sources_pages(dossier, r, views, size),
        &|| timeline_pages(dossier, r, views, size),
    ];
    let pages: Vec<Vec<PagePath>> = sections
        .par_iter()
        .map(|section| section())
        .collect::<Result<_>>()?;
    Ok(pages.concat())
}

/// The sources index: the reports and the cited sources, paged side by side.
fn sources_pages(
    dossier: &Dossier,
    r: &Renderer<'_>,
    views: &Views<'_>,
    size: usize,
) -> Result<Vec<PagePath>> {
    let reports = pages::report_sources(views);
    let cited = pages::cited_sources(dossier, views);
    let count = reports.len().max(cited.len()).div_ceil(size).max(1);
    let share = |len: usize, n: usize| (n * size).min(len)..((n + 1) * size).min(len);
    (0..count)
        .into_par_iter()
        .map(|n| {
            let view = pages::SourcesPage {
                reports: &reports[share(reports.len(), n)],
                sources: &cited[share(cited.len(), n)],
            };
            r.list_page("sources", "Sources", n + 1, count, &view)
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
) -> Result<Vec<PagePath>> {
    let entries = crate::timeline::build(dossier);
    let facets = pages::TimelineFacets::new(dossier);
    let chunks = paginate::chunks(&entries, size);
    let count = chunks.len();
    let pages: Vec<pages::TimelinePage> = chunks
        .par_iter()
        .map(|chunk| pages::timeline(dossier, views, &facets, chunk))
        .collect();
    r.sink.put(OutputFile {
        path: PathBuf::from("timeline/filters.css"),
        contents: pages::timeline_filter_css(&pages).into_bytes(),
    })?;
    pages
        .par_iter()
        .enumerate()
        .map(|(i, page)| r.list_page("timeline", "Timeline", i + 1, count, page))
        .collect()
}
