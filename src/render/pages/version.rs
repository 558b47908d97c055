//! A claim as one commit left it (`claims/<id>/v/<n>/`): its title,
//! verdict, note and passages as they were, at an address that never
//! changes, so that a journalist can cite the review they read. A banner
//! says whether a later version replaced it and links to the claim as it
//! stands.

use serde::Serialize;

use super::Shown;
use super::corrections::verdict_as_written;
use crate::dossier::{Claim, Dossier};
use crate::error::Result;
use crate::history::{Record, Version, Wording};
use crate::render::model::{DateView, Link, VerdictView};
use crate::render::page::{Page, Renderer};
use crate::render::views::{Views, link_to_claim};
use crate::urls::PagePath;
use crate::vocabulary::{ItemKind, Section};

/// One version of a claim.
#[derive(Debug, Serialize)]
pub struct VersionPage {
    /// The claim as it stands: its page and its title now.
    pub claim: Link,
    /// Which version this is, from 1.
    pub number: usize,
    /// How many versions git has.
    pub count: usize,
    /// The claim's title as this version wrote it.
    pub title: String,
    /// Its verdict as written, if it had one.
    pub verdict: Option<VerdictView>,
    /// Its editor's note (HTML).
    pub note_html: Option<String>,
    /// Its passages: each report and the words quoted.
    pub wordings: Vec<VersionWording>,
    /// When the version was committed.
    pub date: DateView,
    /// The editor's reason: the commit's first line.
    pub reason: Option<String>,
    /// The commit, abbreviated.
    pub commit: String,
    /// The version before, from the site root.
    pub previous: Option<String>,
    /// The version after, from the site root.
    pub next: Option<String>,
    /// The entry for this version in the claim page's history, from the
    /// site root (the first version has none: it is the review published).
    pub change: Option<String>,
}

/// A passage of an earlier version: the words it quoted, and where.
#[derive(Debug, Serialize)]
pub struct VersionWording {
    /// The words quoted, as the annotation wrote them.
    pub quote: String,
    /// The report's title, or its slug if the dossier no longer has it.
    pub report: String,
    /// The passage in its report, if the claim still quotes it there, else
    /// the report's page, if the dossier still has it (from the site root).
    pub href: Option<String>,
}

/// The version pages of `claim`, one per version git records.
fn version_views(
    dossier: &Dossier,
    views: &Views<'_>,
    claim: &Claim,
    record: &Record,
) -> Vec<VersionPage> {
    let count = record.versions.len();
    let link = link_to_claim(claim);
    let passages = current_passages(claim, record);
    let pages = (1..=count).map(|number| {
        let version = &record.versions[number - 1];
        let href = |n: usize| PagePath::claim_version(claim.id.as_str(), n).href();
        VersionPage {
            claim: link.clone(),
            number,
            count,
            title: version.snapshot.title.clone(),
            verdict: verdict_as_written(views, version.snapshot.verdict.as_deref()),
            note_html: note(views, claim, number, version),
            wordings: version
                .snapshot
                .wordings
                .iter()
                .map(|w| wording(dossier, &passages, w))
                .collect(),
            date: views.date(version.stamp.moment.date),
            reason: Some(version.stamp.subject.clone()).filter(|s| !s.is_empty()),
            commit: version.stamp.commit.clone(),
            previous: (number > 1).then(|| href(number - 1)),
            next: (number < count).then(|| href(number + 1)),
            change: (number > 1).then(|| format!("{}#change-{number}", link.href)),
        }
    });
    pages.collect()
}

/// The claim's passages as its latest version quotes them, each with its
/// place in its report: an earlier version's passage that the claim still
/// quotes links there. None when the claim being built is not the one
/// last committed (its passages differ in number or report).
fn current_passages<'r>(claim: &Claim, record: &'r Record) -> Vec<(&'r Wording, String)> {
    let latest = record
        .versions
        .last()
        .map_or(&[][..], |v| &v.snapshot.wordings);
    let paired = latest.len() == claim.appearances.len()
        && latest
            .iter()
            .zip(claim.appearances.iter())
            .all(|(wording, appearance)| wording.article == appearance.article.as_str());
    if !paired {
        return Vec::new();
    }
    latest
        .iter()
        .zip(claim.appearances.iter())
        .map(|(wording, appearance)| {
            let report = PagePath::item_href(ItemKind::Article, &appearance.article);
            (
                wording,
                format!("{report}#{}", appearance.quote_anchor(&claim.id)),
            )
        })
        .collect()
}

/// An earlier version's note, its footnotes kept apart from the page's
/// others, its relative links read from the claim's page as when written.
fn note(views: &Views<'_>, claim: &Claim, number: usize, version: &Version) -> Option<String> {
    let home = PagePath::item(ItemKind::Claim, &claim.id);
    let namespace = format!("{}-v{number}", claim.id);
    views.markdown_opt(version.snapshot.note.as_deref(), &namespace, &home)
}

fn wording(
    dossier: &Dossier,
    passages: &[(&Wording, String)],
    wording: &Wording,
) -> VersionWording {
    let article = dossier.articles.get_key_value(wording.article.as_str());
    let passage = passages.iter().find(|(now, _)| *now == wording);
    VersionWording {
        quote: wording.quote.clone(),
        report: article.map_or_else(|| wording.article.clone(), |(_, a)| a.meta.title.clone()),
        href: match (passage, article) {
            (Some((_, href)), _) => Some(href.clone()),
            (None, Some((slug, _))) => Some(PagePath::item_href(ItemKind::Article, slug)),
            (None, None) => None,
        },
    }
}

/// What a claim's version pages show besides what its page shows (its
/// title now, its passages now): the reports its versions quote.
pub fn shown<'d>(dossier: &'d Dossier, claim: &'d Claim) -> impl Iterator<Item = Shown<'d>> {
    let record = dossier.record(ItemKind::Claim, claim.id.as_str());
    let quoted = record
        .into_iter()
        .flat_map(|record| &record.versions)
        .flat_map(|version| &version.snapshot.wordings);
    quoted.filter_map(|wording| {
        let (slug, _) = dossier.articles.get_key_value(wording.article.as_str())?;
        Some(Shown::Item(ItemKind::Article, slug))
    })
}

/// The title of version `number` of a claim titled `title` then.
fn version_title(r: &Renderer<'_>, title: &str, number: usize) -> String {
    let number = number.to_string();
    let fill = [("title", title), ("number", number.as_str())];
    r.views.strings.fill("version-title", &fill)
}

/// The latest version of `claim`'s page and its title, for the claim's
/// page to offer beside its own citation; `None` if git has none.
pub(in crate::render) fn latest(r: &Renderer<'_>, claim: &Claim) -> Option<(PagePath, String)> {
    let record = r.dossier.record(ItemKind::Claim, claim.id.as_str())?;
    let number = record.versions.len();
    let version = record.version(number)?;
    Some((
        PagePath::claim_version(claim.id.as_str(), number),
        version_title(r, &version.snapshot.title, number),
    ))
}

/// Renders the version pages of `claim`, if git records any.
pub(in crate::render) fn render(r: &Renderer<'_>, claim: &Claim) -> Result<Vec<PagePath>> {
    let Some(record) = r.dossier.record(ItemKind::Claim, claim.id.as_str()) else {
        return Ok(Vec::new());
    };
    let strings = &r.views.strings;
    version_views(r.dossier, &r.views, claim, record)
        .into_iter()
        .map(|view| {
            let number = view.number;
            let number_text = number.to_string();
            let title = version_title(r, &view.title, number);
            let description = strings.fill(
                "description-version",
                &[("number", &number_text), ("title", &view.title)],
            );
            let path = PagePath::claim_version(claim.id.as_str(), number);
            let page = Page::new(path, "claim-version.html", &title, Section::Claims)
                .describe(description)
                .citable();
            r.drawn_page(page, &view)
        })
        .collect()
}
