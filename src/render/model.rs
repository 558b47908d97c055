//! The typed views: plain data each template receives, serialised for
//! Tera. Templates only ever see these structs, so a renamed field is a
//! compile error rather than an empty spot on a page. [`super::views`]
//! builds them from the dossier and `fragments` draws the ones
//! that recur across the site; both import this, and this nothing of
//! theirs.

use serde::Serialize;

use crate::date::{Moment, PartialDate, Precision};
use crate::dossier::Verdict;
use crate::markdown::highlight::highlight;
use crate::render::strings::Strings;
use crate::source::Origin;

/// A link to another page (or a place in one), relative to the site root.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// Site-root-relative target; templates prefix it with `root`.
    pub href: String,
    /// The link text.
    pub title: String,
}

/// A verdict as a badge.
#[derive(Debug, Clone, Serialize)]
pub struct VerdictView {
    /// Keyword, for CSS classes.
    pub key: &'static str,
    /// Badge text, in the dossier's language.
    pub label: String,
    /// What it means, in the dossier's language.
    pub description: String,
}

impl VerdictView {
    /// `v` in the words of `strings`.
    pub fn new(v: Verdict, strings: &Strings) -> VerdictView {
        let key = v.key();
        VerdictView {
            key,
            label: strings.get(&format!("verdict-{key}")).to_owned(),
            description: strings
                .get(&format!("verdict-{key}-description"))
                .to_owned(),
        }
    }
}

/// A date for display and for `<time datetime>`.
#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    /// "19 May 2014", "May 2014", "2013".
    pub human: String,
    /// ISO 8601 at the same precision.
    pub iso: String,
    /// How much of the date is known.
    pub precision: Precision,
}

impl DateView {
    /// `d`, written in the words of `strings`.
    pub fn of_date(d: PartialDate, strings: &Strings) -> DateView {
        DateView {
            human: strings.date(d),
            iso: d.iso(),
            precision: d.precision(),
        }
    }

    /// `m`, written in the words of `strings`.
    pub fn of_moment(m: Moment, strings: &Strings) -> DateView {
        DateView {
            human: strings.moment(m),
            iso: m.iso(),
            precision: m.date.precision(),
        }
    }
}

/// A claim in a list: link, verdict, who makes it.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimSummary {
    /// Link to the claim page.
    pub link: Link,
    /// Verdict badge.
    pub verdict: VerdictView,
    /// Who makes it.
    pub claimant: Option<Link>,
    /// In how many reports it appears.
    pub report_count: usize,
}

/// A claim in a list on an item's page (a claim's related claims, an
/// entity's or an event's claims): what a summary has, and the entry drawn.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimEntry {
    /// Link to the claim page.
    pub link: Link,
    /// Verdict badge.
    pub verdict: VerdictView,
    /// Who makes it.
    pub claimant: Option<Link>,
    /// The entry as the built-in `claim_list` macro shows it (link, verdict
    /// badge, claimant), its links relative to the page it is on: drawn in
    /// Rust (`render/fragments.rs` says why), while a dossier that
    /// overrides the macro draws its own from the fields.
    pub html: String,
}

/// A report in a list.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleSummary {
    /// Link to the article page.
    pub link: Link,
    /// Outlet, if recorded.
    pub outlet: Option<String>,
    /// Publication date.
    pub published: DateView,
}

/// One report's wording of a claim, placed in its sentence.
#[derive(Debug, Clone, Serialize)]
pub struct WordingView {
    /// The report.
    pub article: ArticleSummary,
    /// Link to the exact passage in the report.
    pub passage: Link,
    /// The sentence up to the quote.
    pub before: String,
    /// The quoted words as the report has them.
    pub quote: String,
    /// The sentence after the quote.
    pub after: String,
    /// The editor's remark on this wording (HTML).
    pub note_html: Option<String>,
    /// A text-fragment link to the passage in the original report, when its
    /// URL is known.
    pub original: Option<String>,
}

/// One report's passage of a claim where a page links to it rather than
/// show it in its sentence (a report's note, listing the claim's passages
/// in other reports): the report, the link and the words.
#[derive(Debug, Clone, Serialize)]
pub struct PassageLink {
    /// The report.
    pub article: ArticleSummary,
    /// Link to the exact passage in the report.
    pub passage: Link,
    /// The quoted words as the report has them.
    pub quote: String,
}

/// One report's wording of a claim where a page shows it whole (a claim's
/// page, an entity's quotations): the wording, and the figure drawn.
#[derive(Debug, Clone, Serialize)]
pub struct Quotation {
    /// The wording, its fields alongside `html`.
    #[serde(flatten)]
    pub wording: WordingView,
    /// The wording as the built-in `wording` macro shows it (a `<figure>`
    /// with the sentence and its report), its links relative to the page it
    /// is on: drawn in Rust, as [`ClaimEntry::html`] is.
    pub html: String,
}

/// A source for a claim.
#[derive(Debug, Clone, Serialize)]
pub struct SourceView {
    /// What it is.
    pub title: String,
    /// Who published it.
    pub publisher: Option<String>,
    /// Where, if known.
    pub url: Option<String>,
    /// When.
    pub date: Option<DateView>,
    /// Remarks (HTML).
    pub note_html: Option<String>,
}

/// An event in a list.
#[derive(Debug, Clone, Serialize)]
pub struct EventSummary {
    /// Link to the event page.
    pub link: Link,
    /// When it happened or began.
    pub date: DateView,
    /// When a span ended.
    pub end: Option<DateView>,
}

/// An annotation's own TOML, for editors.
#[derive(Debug, Clone, Serialize)]
pub struct SourceBlock {
    /// The file, relative to the dossier root.
    pub path: String,
    /// First line of the block.
    pub first_line: usize,
    /// Last line of the block.
    pub last_line: usize,
    /// The block, highlighted (HTML).
    pub html: String,
}

impl From<&Origin> for SourceBlock {
    fn from(origin: &Origin) -> Self {
        SourceBlock {
            path: origin.path.display().to_string(),
            first_line: origin.block_lines.0,
            last_line: origin.block_lines.1,
            html: highlight("toml", origin.block()),
        }
    }
}
