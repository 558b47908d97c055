//! The sources index: the reports, and the sources cited for claims.

use rayon::prelude::*;
use serde::Serialize;

use super::{ClaimPart, Shown};
use crate::dossier::{Claim, Dossier};
use crate::render::model::{ArticleSummary, Link, SourceView};
use crate::render::views::Views;
use crate::vocabulary::ItemKind;

/// What the sources index shows: the reports, and each claim's title and
/// sources.
pub const SHOWN: &[Shown<'static>] = &[
    Shown::Every(ItemKind::Article),
    Shown::EveryClaim(ClaimPart::Title),
    Shown::EveryClaim(ClaimPart::Sources),
];

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
