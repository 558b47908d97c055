//! A claim's history as its page shows it, and the corrections log
//! (`corrections/`): every correction and change of verdict in the
//! dossier, newest first.

use serde::Serialize;

use super::{ClaimPart, Shown};
use crate::dossier::{Claim, Dossier, Verdict};
use crate::history::{Change, Entry, History, Unavailable, What};
use crate::render::model::{DateView, Link, VerdictView};
use crate::render::quotes::quoted;
use crate::render::strings::Strings;
use crate::render::views::Views;
use crate::urls::PagePath;
use crate::vocabulary::ItemKind;

/// A claim's history: its dates and every change and correction.
#[derive(Debug, Serialize)]
pub struct HistoryView {
    /// When its review was first published, if known.
    pub published: Option<DateView>,
    /// When it last changed, if known and later than `published`.
    pub modified: Option<DateView>,
    /// Every change after the first version and every correction,
    /// newest first.
    pub entries: Vec<ChangeView>,
    /// Every version git records, oldest first, each with its page.
    pub versions: Vec<VersionLink>,
    /// Why the dossier's history could not be read, if it could not.
    pub unavailable: Option<String>,
}

/// A version of a claim, linked to its page.
#[derive(Debug, Serialize)]
pub struct VersionLink {
    /// Which version, from 1.
    pub number: usize,
    /// Its page, from the site root.
    pub href: String,
    /// When it was committed.
    pub date: DateView,
}

/// One change or correction.
#[derive(Debug, Serialize)]
pub struct ChangeView {
    /// Its element id on the claim page: `change-<version>` for a commit,
    /// `correction-<n>` for a correction the annotation records.
    pub anchor: String,
    /// When it was published.
    pub date: DateView,
    /// The claim's version it made, for a commit.
    pub version: Option<usize>,
    /// That version's page, from the site root.
    pub version_href: Option<String>,
    /// The verdict before and after, when it changed.
    pub verdict: Option<VerdictChange>,
    /// The same, for readers.
    pub verdict_text: Option<String>,
    /// What else changed, for readers.
    pub changes: Vec<String>,
    /// The editor's reason: the commit's first line.
    pub reason: Option<String>,
    /// A correction's note (HTML).
    pub note_html: Option<String>,
    /// The commit, abbreviated.
    pub commit: Option<String>,
}

/// A change of verdict.
#[derive(Debug, Serialize)]
pub struct VerdictChange {
    /// As it was (`None` if the earlier version had none).
    pub from: Option<VerdictView>,
    /// As it became (`None` if the later version has none).
    pub to: Option<VerdictView>,
}

/// A verdict as an old version wrote it: its badge, or the word itself if
/// it is no longer in the vocabulary.
pub(super) fn verdict_as_written(views: &Views<'_>, key: Option<&str>) -> Option<VerdictView> {
    let key = key?;
    Some(match Verdict::from_key(key) {
        Some(verdict) => views.verdict(verdict),
        None => VerdictView {
            key: "unknown",
            label: key.to_owned(),
            description: String::new(),
        },
    })
}

/// "Verdict changed from Accurate to Disputed."
fn verdict_text(views: &Views<'_>, change: &VerdictChange) -> String {
    let label = |v: &Option<VerdictView>| v.as_ref().map_or("—", |v| v.label.as_str()).to_owned();
    let (from, to) = (label(&change.from), label(&change.to));
    match change.from {
        Some(_) => views
            .strings
            .fill("history-verdict", &[("from", &from), ("to", &to)]),
        None => views.strings.fill("history-verdict-set", &[("to", &to)]),
    }
}

/// One entry of `claim`'s history, drawn for its page.
pub fn change_view(views: &Views<'_>, claim: &Claim, entry: &Entry<'_>) -> ChangeView {
    let strings = &views.strings;
    let date = views.date(entry.moment.date);
    match &entry.what {
        What::Changed {
            version,
            stamp,
            changes,
        } => {
            let mut verdict = None;
            let mut described = Vec::new();
            for change in changes {
                let text = match change {
                    Change::Verdict { from, to } => {
                        verdict = Some(VerdictChange {
                            from: verdict_as_written(views, *from),
                            to: verdict_as_written(views, *to),
                        });
                        continue;
                    }
                    Change::Title { from, .. } => {
                        strings.fill("change-title", &[("from", &quoted(from, strings))])
                    }
                    Change::Note => strings.get("change-note").to_owned(),
                    Change::Wordings { added, removed } => strings.fill(
                        "change-wordings",
                        &[
                            ("added", &added.to_string()),
                            ("removed", &removed.to_string()),
                        ],
                    ),
                    Change::Other => strings.get("change-other").to_owned(),
                };
                described.push(text);
            }
            ChangeView {
                anchor: entry.anchor(),
                date,
                version: Some(*version),
                version_href: Some(PagePath::claim_version(claim.id.as_str(), *version).href()),
                verdict_text: verdict.as_ref().map(|v| verdict_text(views, v)),
                verdict,
                changes: described,
                reason: Some(stamp.subject.clone()).filter(|s| !s.is_empty()),
                note_html: None,
                commit: Some(stamp.commit.clone()),
            }
        }
        What::Corrected { correction, .. } => {
            let home = PagePath::item(ItemKind::Claim, &claim.id);
            let anchor = entry.anchor();
            let namespace = format!("{}-{anchor}", claim.id);
            ChangeView {
                anchor,
                date,
                version: None,
                version_href: None,
                verdict: None,
                verdict_text: None,
                changes: Vec::new(),
                reason: None,
                note_html: Some(views.markdown(&correction.note, &namespace, &home)),
                commit: None,
            }
        }
    }
}

/// The history section of `claim`'s page.
pub fn history_view(dossier: &Dossier, views: &Views<'_>, claim: &Claim) -> HistoryView {
    let history = &dossier.history;
    let dates = dossier.claim_dates(claim);
    let modified = dates.modified.filter(|m| Some(*m) != dates.published);
    HistoryView {
        published: dates.published.map(|m| views.date(m.date)),
        modified: modified.map(|m| views.date(m.date)),
        entries: dossier
            .claim_log(claim)
            .iter()
            .map(|entry| change_view(views, claim, entry))
            .collect(),
        versions: version_links(dossier, views, claim),
        unavailable: why_no_history(history, &views.strings),
    }
}

/// Why the dossier has no history, in the words of `strings`, if pages
/// tell readers: not when the editors turned it off.
pub(crate) fn why_no_history(history: &History, strings: &Strings) -> Option<String> {
    let key = match history.missing()? {
        Unavailable::TurnedOff => return None,
        Unavailable::Unreadable(error) => {
            return Some(strings.fill("history-unreadable", &[("error", error)]));
        }
        Unavailable::NotARepository => "history-no-repository",
        Unavailable::Shallow => "history-shallow",
        Unavailable::NotBuilt => "history-not-built",
    };
    Some(strings.get(key).to_owned())
}

/// A link to each of `claim`'s versions.
fn version_links(dossier: &Dossier, views: &Views<'_>, claim: &Claim) -> Vec<VersionLink> {
    let record = dossier.record(ItemKind::Claim, claim.id.as_str());
    let versions = record.into_iter().flat_map(|record| &record.versions);
    (1..)
        .zip(versions)
        .map(|(number, version)| VersionLink {
            number,
            href: PagePath::claim_version(claim.id.as_str(), number).href(),
            date: views.date(version.stamp.moment.date),
        })
        .collect()
}

/// One entry of the corrections log.
#[derive(Debug, Serialize)]
pub struct LoggedChange {
    /// The claim, linked to the entry on its page.
    pub claim: Link,
    /// Its verdict now.
    pub verdict: VerdictView,
    /// The change or correction.
    pub change: ChangeView,
}

/// Every correction and change of verdict, newest first.
pub fn log(dossier: &Dossier, views: &Views<'_>) -> Vec<LoggedChange> {
    dossier
        .corrections()
        .iter()
        .map(|(claim, entry)| {
            let change = change_view(views, claim, entry);
            let href = PagePath::item_href(ItemKind::Claim, &claim.id);
            LoggedChange {
                claim: Link {
                    href: format!("{href}#{}", change.anchor),
                    title: claim.title.clone(),
                },
                verdict: views.verdict(claim.verdict),
                change,
            }
        })
        .collect()
}

/// One page of the corrections log.
#[derive(Debug, Serialize)]
pub struct CorrectionsPage<'a> {
    /// This page's entries, newest first.
    pub entries: &'a [LoggedChange],
    /// Why the dossier's history could not be read, if it could not.
    pub unavailable: Option<String>,
}

/// What the corrections log shows: each claim's title, verdict and
/// corrections (its git history changes only with a commit, after which
/// the whole site is drawn again).
pub const SHOWN: &[Shown<'static>] = &[
    Shown::EveryClaim(ClaimPart::Title),
    Shown::EveryClaim(ClaimPart::Verdict),
    Shown::EveryClaim(ClaimPart::Corrections),
];
