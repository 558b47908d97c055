//! schema.org JSON-LD for the pages that describe something: `ClaimReview`
//! on claim pages, `NewsArticle` on report pages, `Event` on event pages.
//! Embedded in a `<script type="application/ld+json">` block, so the JSON
//! is escaped to never close that block early.
//!
//! Each object is a struct serialised as it is, borrowing the dossier's
//! text: a claim page's review names every report that carries the claim,
//! and 50,000 of them built as `serde_json` trees were 2 % of a build.
//! Their fields are in the order of their keys' bytes, as the trees'
//! sorted maps wrote them, so that the pages stay as they were.

use serde::Serialize;

use crate::date::PartialDate;
use crate::dossier::{Article, Claim, Dossier, EntityKind, Event};
use crate::render::model::VerdictView;
use crate::render::strings::Strings;
use crate::urls::{PagePath, Urls};
use crate::vocabulary::ItemKind;

/// A person or an organisation, by name.
#[derive(Serialize)]
struct Agent<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

impl<'a> Agent<'a> {
    fn organization(name: &'a str) -> Self {
        Agent {
            kind: "Organization",
            name,
        }
    }

    fn person(name: &'a str) -> Self {
        Agent {
            kind: "Person",
            name,
        }
    }
}

/// Who publishes the dossier's reviews.
fn publisher(dossier: &Dossier) -> Agent<'_> {
    let book = &dossier.config.book;
    Agent::organization(book.publisher.as_deref().unwrap_or(&book.title))
}

/// A claim page's `ClaimReview`.
#[derive(Serialize)]
pub(crate) struct ClaimReview<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    author: Agent<'a>,
    #[serde(rename = "claimReviewed")]
    claim_reviewed: &'a str,
    #[serde(rename = "dateModified", skip_serializing_if = "Option::is_none")]
    date_modified: Option<String>,
    #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
    #[serde(rename = "itemReviewed")]
    item_reviewed: ClaimItem<'a>,
    #[serde(rename = "reviewRating")]
    review_rating: Rating,
    url: String,
}

/// The claim a review is of, and where it appeared.
#[derive(Serialize)]
struct ClaimItem<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    appearance: Vec<NewsArticle<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Agent<'a>>,
    #[serde(rename = "firstAppearance", skip_serializing_if = "Option::is_none")]
    first_appearance: Option<NewsArticle<'a>>,
}

/// A review's verdict, in the words of the page's language.
#[derive(Serialize)]
struct Rating {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "alternateName")]
    alternate_name: String,
    #[serde(rename = "ratingExplanation")]
    rating_explanation: String,
}

/// A claim page's `ClaimReview`, published when the claim's review was
/// (its `reviewed` key, else the commit that added it) and modified when
/// it last changed; `built` (the build date from `SOURCE_DATE_EPOCH`)
/// stands in for a dossier without either. The rating is in the words of
/// `strings`, the page's language.
pub(crate) fn claim_review<'a>(
    dossier: &'a Dossier,
    urls: &Urls<'_>,
    claim: &'a Claim,
    built: Option<PartialDate>,
    strings: &Strings,
) -> ClaimReview<'a> {
    let mut carried: Vec<&Article> = claim
        .appearances
        .iter()
        .map(|a| &dossier.articles[&a.article])
        .collect();
    carried.sort_by(|a, b| a.publication_order(b));
    carried.dedup_by(|a, b| a.slug == b.slug);
    let author = claim.claimant.as_ref().map(|c| {
        let entity = &dossier.entities[c];
        match entity.kind {
            EntityKind::Person => Agent::person(&entity.name),
            _ => Agent::organization(&entity.name),
        }
    });
    let verdict = VerdictView::new(claim.verdict, strings);
    let dates = dossier.claim_dates(claim);
    ClaimReview {
        context: "https://schema.org",
        kind: "ClaimReview",
        author: publisher(dossier),
        claim_reviewed: &claim.title,
        date_modified: dates.modified.map(|modified| modified.iso()),
        date_published: match dates.published {
            Some(published) => Some(published.iso()),
            None => built.map(|date| date.iso()),
        },
        item_reviewed: ClaimItem {
            kind: "Claim",
            first_appearance: carried.first().map(|a| NewsArticle::of(urls, a)),
            appearance: carried.iter().map(|a| NewsArticle::of(urls, a)).collect(),
            author,
        },
        review_rating: Rating {
            kind: "Rating",
            alternate_name: verdict.label,
            rating_explanation: verdict.description,
        },
        url: urls.page(&PagePath::item(ItemKind::Claim, &claim.id)),
    }
}

/// A report as a `NewsArticle`: in a review, where the claim appeared;
/// on its own page, with its context, author and language too.
#[derive(Serialize)]
pub(crate) struct NewsArticle<'a> {
    #[serde(rename = "@context", skip_serializing_if = "Option::is_none")]
    context: Option<&'static str>,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Agent<'a>>,
    #[serde(rename = "datePublished")]
    date_published: String,
    headline: &'a str,
    #[serde(rename = "inLanguage", skip_serializing_if = "Option::is_none")]
    in_language: Option<&'a str>,
    #[serde(rename = "isBasedOn", skip_serializing_if = "Option::is_none")]
    is_based_on: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<Agent<'a>>,
    url: String,
}

impl<'a> NewsArticle<'a> {
    /// The report as a review names it.
    fn of(urls: &Urls<'_>, article: &'a Article) -> Self {
        let meta = &article.meta;
        NewsArticle {
            context: None,
            kind: "NewsArticle",
            author: None,
            date_published: meta.published.iso(),
            headline: &meta.title,
            in_language: None,
            is_based_on: meta.url.as_deref(),
            publisher: meta.outlet.as_deref().map(Agent::organization),
            url: urls.page(&PagePath::item(ItemKind::Article, &article.slug)),
        }
    }
}

/// A report page's `NewsArticle`: the dossier's copy, based on the original.
pub(crate) fn news_article<'a>(urls: &Urls<'_>, article: &'a Article) -> NewsArticle<'a> {
    let meta = &article.meta;
    NewsArticle {
        context: Some("https://schema.org"),
        author: meta.byline.as_deref().map(Agent::person),
        in_language: meta.language.as_deref(),
        ..NewsArticle::of(urls, article)
    }
}

/// An event page's `Event`.
#[derive(Serialize)]
pub(crate) struct EventData<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "endDate", skip_serializing_if = "Option::is_none")]
    end_date: Option<String>,
    name: &'a str,
    #[serde(rename = "startDate")]
    start_date: String,
    url: String,
}

/// An event page's `Event`, its dates at their own precision.
pub(crate) fn event<'a>(urls: &Urls<'_>, event: &'a Event) -> EventData<'a> {
    EventData {
        context: "https://schema.org",
        kind: "Event",
        end_date: event.end.map(|end| end.iso()),
        name: &event.title,
        start_date: event.date.iso(),
        url: urls.page(&PagePath::item(ItemKind::Event, &event.id)),
    }
}
