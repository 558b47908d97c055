//! The overview: the first reports, the verdicts' tally and the totals.

use serde::Serialize;

use super::{ClaimPart, Shown};
use crate::dossier::{Dossier, Verdict};
use crate::render::model::{ArticleSummary, VerdictView};
use crate::render::views::Views;
use crate::urls::PagePath;
use crate::vocabulary::ItemKind;

/// What the overview shows: the reports, the introduction, how many
/// events and entities there are, and the tally of verdicts.
pub const SHOWN: &[Shown<'static>] = &[
    Shown::Every(ItemKind::Article),
    Shown::Intro,
    Shown::Count(ItemKind::Event),
    Shown::Count(ItemKind::Entity),
    Shown::EveryClaim(ClaimPart::Verdict),
];

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
pub fn view(dossier: &Dossier, views: &Views<'_>, size: usize) -> HomePage {
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
