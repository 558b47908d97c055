//! schema.org JSON-LD for the pages that describe something: `ClaimReview`
//! on claim pages, `NewsArticle` on report pages, `Event` on event pages.
//! Embedded in a `<script type="application/ld+json">` block, so the JSON
//! is escaped to never close that block early.

use serde_json::{Value, json};

use crate::date::PartialDate;
use crate::dossier::{Article, Claim, Dossier, EntityKind, Event};
use crate::render::model::VerdictView;
use crate::render::strings::Strings;
use crate::urls::{PagePath, Urls};
use crate::vocabulary::ItemKind;

/// Who publishes the dossier's reviews.
fn publisher(dossier: &Dossier) -> Value {
    let book = &dossier.config.book;
    json!({"@type": "Organization", "name": book.publisher.clone().unwrap_or_else(|| book.title.clone())})
}

/// A claim page's `ClaimReview`, published when the claim's review was
/// (its `reviewed` key, else the commit that added it) and modified when
/// it last changed; `built` (the build date from `SOURCE_DATE_EPOCH`)
/// stands in for a dossier without either. The rating is in the words of
/// `strings`, the page's language.
pub(crate) fn claim_review(
    dossier: &Dossier,
    urls: &Urls<'_>,
    claim: &Claim,
    built: Option<PartialDate>,
    strings: &Strings,
) -> Value {
    let mut appearances: Vec<(&Article, Value)> = claim
        .appearances
        .iter()
        .map(|a| {
            let article = &dossier.articles[&a.article];
            (article, news_article_ref(urls, article))
        })
        .collect();
    appearances.sort_by(|a, b| a.0.publication_order(b.0));
    appearances.dedup_by(|a, b| a.0.slug == b.0.slug);
    let mut item = json!({
        "@type": "Claim",
        "appearance": appearances.iter().map(|(_, v)| v.clone()).collect::<Vec<_>>(),
    });
    if let Some((_, first)) = appearances.first() {
        item["firstAppearance"] = first.clone();
    }
    if let Some(entity) = claim.claimant.as_ref().map(|c| &dossier.entities[c]) {
        let kind = if entity.kind == EntityKind::Person {
            "Person"
        } else {
            "Organization"
        };
        item["author"] = json!({"@type": kind, "name": entity.name});
    }
    let verdict = VerdictView::new(claim.verdict, strings);
    let mut review = json!({
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": urls.page(&PagePath::item(ItemKind::Claim, &claim.id)),
        "claimReviewed": claim.title,
        "itemReviewed": item,
        "author": publisher(dossier),
        "reviewRating": {
            "@type": "Rating",
            "alternateName": verdict.label,
            "ratingExplanation": verdict.description,
        },
    });
    let dates = dossier.claim_dates(claim);
    match dates.published {
        Some(published) => review["datePublished"] = json!(published.iso()),
        None => {
            if let Some(date) = built {
                review["datePublished"] = json!(date.iso());
            }
        }
    }
    if let Some(modified) = dates.modified {
        review["dateModified"] = json!(modified.iso());
    }
    review
}

fn news_article_ref(urls: &Urls<'_>, article: &Article) -> Value {
    let mut value = json!({
        "@type": "NewsArticle",
        "headline": article.meta.title,
        "url": urls.page(&PagePath::item(ItemKind::Article, &article.slug)),
        "datePublished": article.meta.published.iso(),
    });
    if let Some(outlet) = &article.meta.outlet {
        value["publisher"] = json!({"@type": "Organization", "name": outlet});
    }
    if let Some(url) = &article.meta.url {
        value["isBasedOn"] = json!(url);
    }
    value
}

/// A report page's `NewsArticle`: the dossier's copy, based on the original.
pub(crate) fn news_article(urls: &Urls<'_>, article: &Article) -> Value {
    let mut value = news_article_ref(urls, article);
    value["@context"] = json!("https://schema.org");
    if let Some(byline) = &article.meta.byline {
        value["author"] = json!({"@type": "Person", "name": byline});
    }
    if let Some(language) = &article.meta.language {
        value["inLanguage"] = json!(language);
    }
    value
}

/// An event page's `Event`, its dates at their own precision.
pub(crate) fn event(urls: &Urls<'_>, event: &Event) -> Value {
    let mut value = json!({
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "url": urls.page(&PagePath::item(ItemKind::Event, &event.id)),
        "startDate": event.date.iso(),
    });
    if let Some(end) = event.end {
        value["endDate"] = json!(end.iso());
    }
    value
}
