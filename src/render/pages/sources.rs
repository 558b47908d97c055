//! The sources index: the reports, and the sources cited for claims.

use rayon::prelude::*;
use serde::Serialize;

use super::{ClaimPart, Shown};
use crate::dossier::{Article, Claim, Dossier};
use crate::render::model::{ArticleSummary, Link, SourceView};
use crate::render::views::{Views, link_to_claim};
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
pub struct SourcesPage {
    /// Reports, oldest first, with their originals.
    pub reports: Vec<ReportSource>,
    /// Distinct cited sources, with the claims citing each.
    pub sources: Vec<(SourceView, Vec<Link>)>,
}

impl SourcesPage {
    /// The page listing `reports` and the cited sources `cited`.
    pub fn new(reports: &[&Article], cited: &[Citing<'_>], views: &Views<'_>) -> Self {
        SourcesPage {
            reports: reports.iter().map(|a| report_source(a, views)).collect(),
            sources: cited.iter().map(|c| cited_source(c, views)).collect(),
        }
    }
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

/// A report as a source.
fn report_source(article: &Article, views: &Views<'_>) -> ReportSource {
    ReportSource {
        article: views.article_summary(&article.slug),
        byline: article.meta.byline.clone(),
        url: article.meta.url.clone(),
    }
}

/// The citations of one source: each claim citing it (in id order), with
/// where the claim lists it.
pub type Citing<'d> = Vec<(&'d Claim, usize)>;

/// Every distinct source cited for a claim, by title, as the claims
/// citing it. The citations are sorted rather than gathered in a map: at
/// 50,000 claims, moving each source around a tree of them cost more than
/// the sources' views, and `serve` lists the sources after many edits.
/// The views are made page by page ([`SourcesPage::new`]).
pub fn cited_sources(dossier: &Dossier) -> Vec<Citing<'_>> {
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
    citations
        .chunk_by(|a, b| a.0 == b.0)
        .map(|citing| citing.iter().map(|&(_, claim, i)| (claim, i)).collect())
        .collect()
}

/// A cited source, its view made from its first citation, with the
/// claims citing it.
fn cited_source(citing: &Citing<'_>, views: &Views<'_>) -> (SourceView, Vec<Link>) {
    let (first, i) = citing[0];
    let namespace = format!("{}-source-{i}", first.id);
    let links = citing.iter().map(|(claim, _)| link_to_claim(claim));
    let source = views.source(&first.id, &first.sources[i], &namespace);
    (source, links.collect())
}
