//! Feeds and discovery: `feed.xml` and `corrections/feed.xml` (Atom,
//! RFC 4287) and `robots.txt`.
//!
//! Atom needs absolute URLs, which only `[site] base-url` can give:
//! without it the feed's ids are `urn:gloss:` names built from the
//! dossier's title and each page's path (set `base-url` before publishing,
//! since ids must never change).

use std::cmp::Ordering;
use std::fmt::Write as _;

use rayon::prelude::*;

use crate::date::{Moment, PartialDate};
use crate::dossier::{Article, Claim, Dossier, Verdict};
use crate::escape;
use crate::history::{Change, Entry as HistoryEntry, What};
use crate::id::slugify;
use crate::render::OutputFile;
use crate::render::model::VerdictView;
use crate::render::strings::Strings;
use crate::urls::{PagePath, Urls};
use crate::vocabulary::{ItemKind, Section};

/// How many entries the feed keeps: readers poll it, so it holds the latest
/// changes, not the whole dossier.
const FEED_ENTRIES: usize = 100;

/// One feed entry.
struct Entry {
    title: String,
    /// Its Atom id: the page's (see [`Feed::id`]), with a fragment for an
    /// entry about one part of a page.
    id: String,
    /// The page it links to (absolute when `base-url` is set).
    link: String,
    updated: Moment,
    summary: String,
}

/// What every feed of a dossier shares: how ids and links are made, and
/// the words its entries are written in (the dossier's language).
struct Feed<'a> {
    dossier: &'a Dossier,
    urls: &'a Urls<'a>,
    strings: &'a Strings,
}

impl Feed<'_> {
    /// A page's Atom id: its URL, or without `base-url` a `urn:gloss:`
    /// name made of the dossier's title and the page's path.
    fn id(&self, path: &PagePath) -> String {
        match self.urls.base {
            Some(_) => self.urls.page(path),
            None => format!(
                "urn:gloss:{}:{}",
                slugify(&self.dossier.config.book.title),
                path.dir()
            ),
        }
    }

    /// The Atom document `file` (a path in the site), titled `title`,
    /// about the page `home`, listing `entries` (newest first).
    fn write(&self, file: &str, title: &str, home: &PagePath, entries: &[Entry]) -> OutputFile {
        let book = &self.dossier.config.book;
        let author = book
            .publisher
            .clone()
            .or_else(|| (!book.authors.is_empty()).then(|| book.authors.join(", ")))
            .unwrap_or_else(|| book.title.clone());
        let updated = entries
            .iter()
            .max_by_key(|e| e.updated.utc_minutes())
            .map_or_else(|| EPOCH.to_owned(), |e| e.updated.rfc3339());
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n",
        );
        let _ = writeln!(xml, "  <title>{}</title>", escape::xml(title));
        if let Some(description) = &book.description {
            let _ = writeln!(xml, "  <subtitle>{}</subtitle>", escape::xml(description));
        }
        let _ = writeln!(xml, "  <id>{}</id>", escape::xml(&self.id(home)));
        let _ = writeln!(
            xml,
            "  <link rel=\"self\" href=\"{}\"/>",
            escape::xml(&self.urls.file(file))
        );
        let _ = writeln!(
            xml,
            "  <link href=\"{}\"/>",
            escape::xml(&self.urls.page(home))
        );
        let _ = writeln!(xml, "  <updated>{updated}</updated>");
        let _ = writeln!(
            xml,
            "  <author><name>{}</name></author>",
            escape::xml(&author)
        );
        for entry in entries {
            let _ = write!(
                xml,
                "  <entry>\n    <title>{}</title>\n    <id>{}</id>\n    <link href=\"{}\"/>\n    <updated>{}</updated>\n    <summary>{}</summary>\n  </entry>\n",
                escape::xml(&entry.title),
                escape::xml(&entry.id),
                escape::xml(&entry.link),
                entry.updated.rfc3339(),
                escape::xml(&entry.summary),
            );
        }
        xml.push_str("</feed>\n");
        OutputFile {
            path: file.into(),
            contents: xml.into_bytes(),
        }
    }
}

/// `feed.xml`: the latest reports and claims, newest first.
pub(crate) fn feed(dossier: &Dossier, urls: &Urls<'_>, strings: &Strings) -> OutputFile {
    let feed = Feed {
        dossier,
        urls,
        strings,
    };
    let entries = latest_entries(&feed);
    let title = &dossier.config.book.title;
    feed.write("feed.xml", title, &PagePath::home(), &entries)
}

/// `corrections/feed.xml`: every correction and change of verdict, newest
/// first, as the corrections log lists them.
pub(crate) fn corrections(dossier: &Dossier, urls: &Urls<'_>, strings: &Strings) -> OutputFile {
    let feed = Feed {
        dossier,
        urls,
        strings,
    };
    let entries: Vec<Entry> = dossier
        .corrections()
        .into_iter()
        .take(FEED_ENTRIES)
        .map(|(claim, entry)| correction_entry(&feed, claim, &entry))
        .collect();
    let title = strings.fill("feed-corrections", &[("title", &dossier.config.book.title)]);
    let home = PagePath::section(Section::Corrections);
    feed.write("corrections/feed.xml", &title, &home, &entries)
}

/// A correction or change of verdict as a feed entry, its id the claim
/// page's with the entry's fragment on that page.
fn correction_entry(feed: &Feed<'_>, claim: &Claim, entry: &HistoryEntry<'_>) -> Entry {
    let path = PagePath::item(ItemKind::Claim, &claim.id);
    let fragment = entry.anchor();
    let strings = feed.strings;
    let what = match &entry.what {
        What::Changed { stamp, changes, .. } => {
            let verdict = changes.iter().find_map(|c| match c {
                Change::Verdict { from, to } => Some(strings.fill(
                    "history-verdict",
                    &[
                        ("from", &verdict_label(*from, strings)),
                        ("to", &verdict_label(*to, strings)),
                    ],
                )),
                _ => None,
            });
            let reason = Some(stamp.subject.as_str()).filter(|s| !s.is_empty());
            match reason {
                Some(reason) => format!(
                    "{} {} {reason}",
                    verdict.unwrap_or_default(),
                    strings.get("history-reason")
                ),
                None => verdict.unwrap_or_default(),
            }
        }
        What::Corrected { correction, .. } => crate::text::one_line(&correction.note),
    };
    Entry {
        title: claim_title(claim, strings),
        id: format!("{}#{fragment}", feed.id(&path)),
        link: format!("{}#{fragment}", feed.urls.page(&path)),
        updated: entry.moment,
        summary: what,
    }
}

/// A claim as an entry's title: its verdict, then its title.
fn claim_title(claim: &Claim, strings: &Strings) -> String {
    let verdict = VerdictView::new(claim.verdict, strings).label;
    strings.fill(
        "description-claim",
        &[("verdict", &verdict), ("title", &claim.title)],
    )
}

/// A verdict as a version wrote it, by its label if it is still one.
fn verdict_label(key: Option<&str>, strings: &Strings) -> String {
    match key {
        Some(key) => Verdict::from_key(key)
            .map_or_else(|| key.to_owned(), |v| VerdictView::new(v, strings).label),
        None => strings.get("version-no-verdict").to_owned(),
    }
}

/// The feed's `updated` when it has no entry.
const EPOCH: &str = "1970-01-01T00:00:00Z";

/// What a feed entry is about.
enum Subject<'d> {
    Report(&'d Article),
    Claim(&'d Claim),
}

impl Subject<'_> {
    fn page(&self) -> PagePath {
        match self {
            Subject::Report(a) => PagePath::item(ItemKind::Article, &a.slug),
            Subject::Claim(c) => PagePath::item(ItemKind::Claim, &c.id),
        }
    }
}

/// An item that may make the feed: its moment, its page and itself.
type Candidate<'d> = (Moment, PagePath, Subject<'d>);

/// Newest first, comparing instants across time zones.
fn newer(a: &Moment, b: &Moment) -> Ordering {
    Dated::of(*b).cmp(&Dated::of(*a))
}

/// A moment and the instant it stands for, worked out once: choosing the
/// latest items compares tens of thousands of moments. Ordered by instant,
/// then by the moment as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Dated {
    minutes: i64,
    moment: Moment,
}

impl Dated {
    fn of(moment: Moment) -> Dated {
        Dated {
            minutes: moment.utc_minutes(),
            moment,
        }
    }
}

/// Newest first; items of the same instant in the order of their pages.
fn newest_first(a: &Candidate<'_>, b: &Candidate<'_>) -> Ordering {
    newer(&a.0, &b.0).then_with(|| a.1.cmp(&b.1))
}

/// The [`FEED_ENTRIES`] latest reports and claims, newest first: reports
/// dated by their last change in the dossier's history, else their
/// publication; claims by their review's last change, else the latest
/// report carrying them. Only those are written out; a dossier holds tens
/// of thousands of items and `serve` makes the feed again after every
/// edit.
fn latest_entries(feed: &Feed<'_>) -> Vec<Entry> {
    let dossier = feed.dossier;
    let reports = dossier.articles.par_iter().map(|(_, a)| {
        let changed = dossier
            .dates_of(ItemKind::Article, a.slug.as_str())
            .modified;
        (
            Dated::of(changed.unwrap_or(a.meta.published)),
            Subject::Report(a),
        )
    });
    let claims = dossier.claims.par_iter().map(|(_, c)| {
        let carried = || {
            let published = c.appearances.iter().map(|a| {
                let article = &dossier.articles[&a.article];
                Dated::of(article.meta.published)
            });
            published.max().unwrap_or_else(|| {
                let date = PartialDate::parse("1970").expect("a valid date");
                Dated::of(Moment { date, time: None })
            })
        };
        let changed = dossier.claim_dates(c).modified.map(Dated::of);
        (changed.unwrap_or_else(carried), Subject::Claim(c))
    });
    let mut dated: Vec<(Dated, Subject<'_>)> = reports.chain(claims).collect();
    // Pages break ties, so only the latest and those of the same instant
    // as the last of them need theirs.
    if dated.len() > FEED_ENTRIES {
        dated.select_nth_unstable_by(FEED_ENTRIES - 1, |a, b| b.0.cmp(&a.0));
        let last = dated[FEED_ENTRIES - 1].0;
        dated.retain(|(when, _)| *when >= last);
    }
    let mut latest: Vec<Candidate<'_>> = dated
        .into_iter()
        .map(|(when, subject)| (when.moment, subject.page(), subject))
        .collect();
    latest.sort_by(newest_first);
    latest.truncate(FEED_ENTRIES);
    latest
        .into_iter()
        .map(|(updated, path, subject)| {
            let (id, link) = (feed.id(&path), feed.urls.page(&path));
            match subject {
                Subject::Report(a) => Entry {
                    title: a.meta.title.clone(),
                    id,
                    link,
                    updated,
                    summary: report_summary(a, feed.strings),
                },
                Subject::Claim(c) => Entry {
                    title: claim_title(c, feed.strings),
                    id,
                    link,
                    updated,
                    summary: {
                        let verdict = VerdictView::new(c.verdict, feed.strings);
                        feed.strings.fill(
                            "feed-claim",
                            &[
                                ("verdict", &verdict.label),
                                ("description", &verdict.description),
                            ],
                        )
                    },
                },
            }
        })
        .collect()
}

/// What a report's entry says of it: by whom and when it was published.
fn report_summary(article: &Article, strings: &Strings) -> String {
    let date = strings.moment(article.meta.published);
    match &article.meta.outlet {
        Some(outlet) => strings.fill("feed-report-by", &[("outlet", outlet), ("date", &date)]),
        None => strings.fill("feed-report", &[("date", &date)]),
    }
}

/// `robots.txt`: everything may be crawled; the sitemap is named if there is one.
pub(crate) fn robots(urls: &Urls<'_>) -> OutputFile {
    let mut text = String::from("User-agent: *\nAllow: /\n");
    if urls.base.is_some() {
        let _ = writeln!(text, "Sitemap: {}", urls.file("sitemap.xml"));
    }
    OutputFile {
        path: "robots.txt".into(),
        contents: text.into_bytes(),
    }
}
