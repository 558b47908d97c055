//! Machine-readable exports, documented in `docs/exports.md`:
//!
//! - `claims.json`: every claim with its verdict, appearances, events and sources;
//! - `timeline.json`: the timeline in Knight Lab TimelineJS's format, with
//!   each date at its own precision;
//! - `annotations.jsonld`: a W3C Web Annotation collection, one annotation
//!   per appearance, whose `TextQuoteSelector` is built from the rendered
//!   article page's DOM text ([`DomText`]) so that annotation clients such
//!   as Hypothesis find each quote exactly once.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::ops::Range;
use std::sync::Arc;

use memchr::memmem;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Value, json};

use super::Sink;
use super::dom_text::DomText;
use crate::date::PartialDate;
use crate::dossier::{AnchorKind, Article, Claim, Dossier};
use crate::error::Result;
use crate::escape;
use crate::id::Id;
use crate::timeline::{self, Item};
use crate::urls::{Fragment, PagePath};
use crate::vocabulary::ItemKind;

/// How many characters of context a `TextQuoteSelector` starts with.
const CONTEXT_CHARS: usize = 32;

/// Turns site paths into the URLs exports publish: absolute under
/// `base-url`, root-relative without one.
pub(crate) struct Urls<'a> {
    pub(crate) base: Option<&'a str>,
}

impl Urls<'_> {
    pub(crate) fn page(&self, path: &PagePath) -> String {
        path.permalink(self.base)
    }

    pub(crate) fn file(&self, name: &str) -> String {
        match self.base {
            Some(base) => format!("{base}{name}"),
            None => format!("/{name}"),
        }
    }
}

/// Stands for the one long array of an export, whose items are serialised
/// one by one (in parallel, and without a tree of the whole export).
const ITEMS: &str = "\u{0}items";

/// How many items of a long export are serialised at a time, in parallel,
/// before they are written: enough to keep both cores busy, few enough
/// that the export is never held whole.
const ITEMS_AT_A_TIME: usize = 1024;

/// How far the items of `claims.json` and of `annotations.jsonld` are
/// indented in their files. Each item is indented once, when it is made,
/// so that writing an export again from kept items (as `serve` does after
/// every edit) only copies them.
const CLAIM_INDENT: usize = 4;
const ANNOTATION_INDENT: usize = 6;

/// A JSON file whose one long array is a list of items made elsewhere:
/// `serve` keeps each claim's entry in `claims.json` and each article's
/// annotations, and holds those two exports as their items joined, which
/// an edit changes a few of, rather than as hundreds of megabytes copied
/// again after every edit.
#[derive(Debug, Clone, PartialEq)]
pub struct Joined {
    shell: Shell,
    /// The array's items, each pretty-printed JSON already indented to sit
    /// in it (see [`pretty_at`]), or runs of such items joined by `,\n`.
    items: Vec<Arc<str>>,
}

impl Joined {
    /// The file `shell` makes with the string [`ITEMS`], which it must
    /// hold, replaced by an array of `items`.
    fn new(shell: &Value, items: Vec<Arc<str>>) -> Joined {
        Joined {
            shell: Shell::of(shell),
            items,
        }
    }

    /// Writes the file.
    pub fn write_to(&self, out: &mut dyn Write) -> io::Result<()> {
        write_json_with_items(out, &self.shell, self.items.iter())
    }

    /// The file's bytes, copied out.
    pub fn to_vec(&self) -> Vec<u8> {
        let items: usize = self.items.iter().map(|item| item.len() + 2).sum();
        let mut bytes = Vec::with_capacity(self.shell.head.len() + items + self.shell.rest.len());
        self.write_to(&mut bytes)
            .expect("writing to memory cannot fail");
        bytes
    }
}

/// A long export's shell, pretty-printed and cut where the string
/// [`ITEMS`] stands.
#[derive(Debug, Clone, PartialEq)]
struct Shell {
    /// The text before the array.
    head: String,
    /// How far the array's line is indented.
    indent: usize,
    /// The text after it.
    rest: String,
}

impl Shell {
    /// Cuts `value`, which must hold [`ITEMS`].
    fn of(value: &Value) -> Shell {
        let text = serde_json::to_string_pretty(value).expect("JSON values serialize");
        let placeholder = serde_json::to_string(ITEMS).expect("a string serializes");
        let at = text
            .find(&placeholder)
            .expect("the shell of a long export holds its items");
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let indent = text[line_start..].len() - text[line_start..].trim_start().len();
        let rest = text[at + placeholder.len()..].to_owned();
        let mut head = text;
        head.truncate(at);
        Shell { head, indent, rest }
    }
}

/// Writes `shell` with an array of `items` where it holds [`ITEMS`], each
/// item pretty-printed JSON already indented to sit in it (see
/// [`pretty_at`]), so that the whole file is never held in memory.
fn write_json_with_items<S: AsRef<str>>(
    out: &mut dyn Write,
    shell: &Shell,
    items: impl Iterator<Item = S>,
) -> io::Result<()> {
    out.write_all(shell.head.as_bytes())?;
    let mut empty = true;
    for item in items {
        let item = item.as_ref();
        debug_assert!(
            item.starts_with(&" ".repeat(shell.indent + 2)),
            "an item is indented to sit in its array"
        );
        out.write_all(if empty { b"[\n" } else { b",\n" })?;
        empty = false;
        out.write_all(item.as_bytes())?;
    }
    if empty {
        out.write_all(b"[]")?;
    } else {
        write!(out, "\n{}]", " ".repeat(shell.indent))?;
    }
    writeln!(out, "{}", shell.rest)
}

fn pretty(value: &impl Serialize) -> String {
    serde_json::to_string_pretty(value).expect("JSON values serialize")
}

/// `value` pretty-printed with every line indented by `indent` spaces.
fn pretty_at(value: &impl Serialize, indent: usize) -> String {
    let text = pretty(value);
    let margin = " ".repeat(indent);
    let mut indented = String::with_capacity(text.len() + (text.len() / 8 + 1) * indent);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            indented.push('\n');
        }
        indented.push_str(&margin);
        indented.push_str(line);
    }
    indented
}

/// The path of `claims.json` in the site.
pub(crate) const CLAIMS_FILE: &str = "claims.json";
/// The path of `annotations.jsonld` in the site.
pub(crate) const ANNOTATIONS_FILE: &str = "annotations.jsonld";

/// `claims.json`, written into `sink` a batch of claims at a time.
pub(crate) fn claims(dossier: &Dossier, urls: &Urls<'_>, sink: &dyn Sink) -> Result<()> {
    let claims: Vec<&Claim> = dossier.claims.values().collect();
    let items = || {
        claims.chunks(ITEMS_AT_A_TIME).flat_map(|batch| {
            batch
                .par_iter()
                .map(|c| claim_entry(dossier, urls, c))
                .collect::<Vec<_>>()
        })
    };
    let shell = Shell::of(&claims_shell(dossier, urls));
    sink.put_streamed(CLAIMS_FILE.into(), &mut |out| {
        write_json_with_items(out, &shell, items())
    })
}

/// `claims.json` from every claim's [`claim_entry`], kept by id.
pub(crate) fn claims_joined(
    dossier: &Dossier,
    urls: &Urls<'_>,
    entries: &BTreeMap<Id, Arc<str>>,
) -> Joined {
    Joined::new(
        &claims_shell(dossier, urls),
        entries.values().cloned().collect(),
    )
}

fn claims_shell(dossier: &Dossier, urls: &Urls<'_>) -> Value {
    json!({
        "dossier": dossier.config.book.title,
        "url": urls.page(&PagePath::home()),
        "claims": ITEMS,
    })
}

/// A claim's entry in `claims.json`, pretty-printed and indented.
pub(crate) fn claim_entry(dossier: &Dossier, urls: &Urls<'_>, c: &Claim) -> String {
    pretty_at(&claim(dossier, urls, c), CLAIM_INDENT)
}

fn claim(dossier: &Dossier, urls: &Urls<'_>, claim: &Claim) -> Value {
    let appearances: Vec<Value> = claim
        .appearances
        .iter()
        .map(|a| {
            let article = &dossier.articles[&a.article];
            let page = PagePath::item(ItemKind::Article, &a.article);
            json!({
                "article": a.article,
                "title": article.meta.title,
                "outlet": article.meta.outlet,
                "published": article.meta.published.iso(),
                "quote": article.text_of(a.part)[a.range.clone()],
                "url": format!("{}#{}", urls.page(&page), a.quote_anchor(&claim.id)),
            })
        })
        .collect();
    let sources: Vec<Value> = claim
        .sources
        .iter()
        .map(|s| json!({"title": s.title, "publisher": s.publisher, "url": s.url, "date": s.date.map(|d| d.iso())}))
        .collect();
    json!({
        "id": claim.id,
        "url": urls.page(&PagePath::item(ItemKind::Claim, &claim.id)),
        "title": claim.title,
        "verdict": claim.verdict.key(),
        "claimant": claim.claimant.as_ref().map(|e| json!({"id": e, "name": dossier.entities[e].name})),
        "note": claim.note,
        "events": claim.events,
        "related": claim.related,
        "appearances": appearances,
        "sources": sources,
    })
}

/// `timeline.json`, in TimelineJS's format, written into `sink` as it is
/// serialised. Written from typed values rather than a tree of them
/// (`serve` makes it again after every edit); their fields are in
/// alphabetical order, as a tree would print them.
pub(crate) fn timeline(dossier: &Dossier, urls: &Urls<'_>, sink: &dyn Sink) -> Result<()> {
    let events: Vec<TimelineEvent> = timeline::build(dossier)
        .into_iter()
        .map(|entry| {
            let (unique_id, headline, page, group) = match &entry.item {
                Item::Event(id) => (
                    format!("event-{id}"),
                    dossier.events[id].title.as_str(),
                    PagePath::item(ItemKind::Event, id),
                    "Events",
                ),
                Item::Publication(slug) => (
                    format!("report-{slug}"),
                    dossier.articles[slug].meta.title.as_str(),
                    PagePath::item(ItemKind::Article, slug),
                    "Reports",
                ),
            };
            let link = format!(
                "<a href=\"{}\">{}</a>",
                escape::html(&urls.page(&page)),
                group.trim_end_matches('s')
            );
            TimelineEvent {
                end_date: entry.end.map(timeline_date),
                group,
                start_date: timeline_date(entry.date),
                text: TimelineText {
                    headline: escape::html(headline),
                    text: link,
                },
                unique_id,
            }
        })
        .collect();
    let book = &dossier.config.book;
    let timeline = Timeline {
        events,
        title: TimelineTitle {
            text: TimelineText {
                headline: escape::html(&book.title),
                text: book.description.as_deref().map(escape::html),
            },
        },
    };
    sink.put_streamed("timeline.json".into(), &mut |out| {
        serde_json::to_writer_pretty(&mut *out, &timeline).map_err(io::Error::from)?;
        out.write_all(b"\n")
    })
}

/// The whole of `timeline.json`.
#[derive(Serialize)]
struct Timeline {
    events: Vec<TimelineEvent>,
    title: TimelineTitle,
}

/// The timeline's title slide.
#[derive(Serialize)]
struct TimelineTitle {
    text: TimelineText<Option<String>>,
}

/// One event or report on the timeline.
#[derive(Serialize)]
struct TimelineEvent {
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<TimelineDate>,
    group: &'static str,
    start_date: TimelineDate,
    text: TimelineText<String>,
    unique_id: String,
}

/// A slide's headline and text, both HTML: TimelineJS renders them as
/// such, so the dossier's text in them is escaped (a title is text, never
/// markup).
#[derive(Serialize)]
struct TimelineText<T> {
    headline: String,
    text: T,
}

/// A TimelineJS date with only the parts the dossier knows.
#[derive(Debug, PartialEq, Serialize)]
struct TimelineDate {
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<u8>,
    display_date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<u8>,
    year: u16,
}

fn timeline_date(date: PartialDate) -> TimelineDate {
    let iso = date.iso();
    let mut parts = iso.split('-').skip(1);
    let mut part = || parts.next().map(|part| part.parse().unwrap_or_default());
    TimelineDate {
        year: date.year(),
        month: part(),
        day: part(),
        display_date: date.human(),
    }
}

/// `annotations.jsonld`, from each article's [`PageQuote`]s in the order
/// of their slugs, written a batch of annotations at a time.
pub(crate) fn annotations<'a>(
    dossier: &Dossier,
    urls: &Urls<'_>,
    per_article: impl Iterator<Item = (&'a Id, &'a Vec<PageQuote>)>,
    sink: &dyn Sink,
) -> Result<()> {
    let quotes: Vec<(&Id, &PageQuote)> = per_article
        .flat_map(|(slug, quotes)| quotes.iter().map(move |quote| (slug, quote)))
        .collect();
    let items = || {
        quotes.chunks(ITEMS_AT_A_TIME).flat_map(|batch| {
            batch
                .par_iter()
                .map(|(slug, quote)| annotation_item(dossier, urls, slug, quote))
                .collect::<Vec<_>>()
        })
    };
    let shell = Shell::of(&annotations_shell(dossier, urls, quotes.len()));
    sink.put_streamed(ANNOTATIONS_FILE.into(), &mut |out| {
        write_json_with_items(out, &shell, items())
    })
}

/// `annotations.jsonld` from each article's annotations, kept by slug.
pub(crate) fn annotations_joined(
    dossier: &Dossier,
    urls: &Urls<'_>,
    per_article: &BTreeMap<Id, KeptAnnotations>,
) -> Joined {
    let total = per_article.values().map(|kept| kept.count).sum();
    let items = per_article
        .values()
        .filter(|kept| kept.count > 0)
        .map(|kept| Arc::clone(&kept.items))
        .collect();
    Joined::new(&annotations_shell(dossier, urls, total), items)
}

fn annotations_shell(dossier: &Dossier, urls: &Urls<'_>, total: usize) -> Value {
    json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": urls.file(ANNOTATIONS_FILE),
        "type": "AnnotationCollection",
        "label": dossier.config.book.title,
        "total": total,
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": ITEMS},
    })
}

/// One article's annotations as `serve` keeps them: how many there are,
/// and their items joined as they sit in `annotations.jsonld`.
#[derive(Debug, Clone)]
pub struct KeptAnnotations {
    count: usize,
    items: Arc<str>,
}

impl KeptAnnotations {
    /// The annotations of the article `slug` whose rendered page holds
    /// `quotes`.
    pub(crate) fn new(
        dossier: &Dossier,
        urls: &Urls<'_>,
        slug: &Id,
        quotes: &[PageQuote],
    ) -> KeptAnnotations {
        let items: Vec<String> = quotes
            .iter()
            .map(|quote| annotation_item(dossier, urls, slug, quote))
            .collect();
        KeptAnnotations {
            count: items.len(),
            items: items.join(",\n").into(),
        }
    }
}

/// A claim's passage as the rendered page of its article `slug` shows it,
/// with just enough of the page's text around it to be found there once:
/// all that an annotation in `annotations.jsonld` needs of the page. A
/// build keeps this for every passage until the export is written: about
/// a sixth of the annotation that is made from it then.
#[derive(Debug)]
pub struct PageQuote {
    claim: Id,
    occurrence: usize,
    /// The selector's prefix, exact text and suffix, one after the other.
    text: Box<str>,
    /// Where the exact text is in `text`.
    exact: Range<usize>,
}

impl PageQuote {
    fn selector(&self) -> TextQuoteSelector<'_> {
        TextQuoteSelector {
            prefix: &self.text[..self.exact.start],
            exact: &self.text[self.exact.clone()],
            suffix: &self.text[self.exact.end..],
            kind: "TextQuoteSelector",
        }
    }
}

/// Where the claims' passages are in an article's rendered page `html`, by
/// claim id and then occurrence: the article's own anchors say which
/// claims it carries, so the work is proportional to the article, not to
/// the whole dossier.
pub(crate) fn page_quotes(article: &Article, html: &str) -> Vec<PageQuote> {
    let mut quoted: Vec<(&Id, usize)> = article
        .anchors
        .iter()
        .filter_map(|anchor| match &anchor.kind {
            AnchorKind::Claim { claim, occurrence } => Some((claim, *occurrence)),
            AnchorKind::Sic { .. } => None,
        })
        .collect();
    if quoted.is_empty() {
        return Vec::new();
    }
    quoted.sort();
    let dom = DomText::of(html);
    quoted
        .into_iter()
        .filter_map(|(claim, occurrence)| {
            let passage = Fragment::Passage {
                claim: claim.as_str(),
                occurrence,
            };
            let range = dom.quotes.get(&passage.to_string())?;
            let selector = quote_selector(&dom, range.clone());
            let exact = selector.prefix.len()..selector.prefix.len() + selector.exact.len();
            Some(PageQuote {
                claim: claim.clone(),
                occurrence,
                text: [selector.prefix, selector.exact, selector.suffix]
                    .concat()
                    .into(),
                exact,
            })
        })
        .collect()
}

/// The annotation of `quote` in the article `slug`, pretty-printed and
/// indented for the file.
fn annotation_item(dossier: &Dossier, urls: &Urls<'_>, slug: &Id, quote: &PageQuote) -> String {
    let claim = &dossier.claims[&quote.claim];
    let anchor = Fragment::Passage {
        claim: claim.id.as_str(),
        occurrence: quote.occurrence,
    }
    .to_string();
    let page = urls.page(&PagePath::item(ItemKind::Article, slug));
    let annotation = Annotation {
        body: (
            AssessingBody {
                format: "text/plain",
                purpose: "assessing",
                kind: "TextualBody",
                value: format!("{}: {}", claim.verdict.label(), claim.title),
            },
            ClaimBody {
                format: "text/html",
                id: urls.page(&PagePath::item(ItemKind::Claim, &claim.id)),
                kind: "Text",
            },
        ),
        id: format!("{}#{slug}/{anchor}", urls.file(ANNOTATIONS_FILE)),
        motivation: "assessing",
        target: Target {
            selector: (
                quote.selector(),
                FragmentSelector {
                    conforms_to: "http://tools.ietf.org/rfc/rfc3987",
                    kind: "FragmentSelector",
                    value: &anchor,
                },
            ),
            source: &page,
        },
        kind: "Annotation",
    };
    pretty_at(&annotation, ANNOTATION_INDENT)
}

/// One W3C Web Annotation: a claim's verdict on a quoted passage. Fields
/// are in alphabetical order, as in the rest of the file.
#[derive(Serialize)]
struct Annotation<'a> {
    body: (AssessingBody, ClaimBody),
    id: String,
    motivation: &'static str,
    target: Target<'a>,
    #[serde(rename = "type")]
    kind: &'static str,
}

/// The verdict, as text.
#[derive(Serialize)]
struct AssessingBody {
    format: &'static str,
    purpose: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    value: String,
}

/// The claim's page, which explains the verdict.
#[derive(Serialize)]
struct ClaimBody {
    format: &'static str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
}

/// The passage annotated: its page, and two ways to find it there.
#[derive(Serialize)]
struct Target<'a> {
    selector: (TextQuoteSelector<'a>, FragmentSelector<'a>),
    source: &'a str,
}

/// The passage's text, with enough of the page's text around it to find
/// it exactly once.
#[derive(Debug, Serialize)]
struct TextQuoteSelector<'a> {
    exact: &'a str,
    prefix: &'a str,
    suffix: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
}

/// The passage's HTML id.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FragmentSelector<'a> {
    conforms_to: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    value: &'a str,
}

/// A `TextQuoteSelector` for `range` of the page's text, with enough
/// context on each side that it matches the page exactly once. The places
/// where the quote's own text recurs are found first, in one pass, so that
/// a longer context need only be compared there.
fn quote_selector(dom: &DomText, range: Range<usize>) -> TextQuoteSelector<'_> {
    let text = &dom.text;
    let exact = &text[range.clone()];
    let elsewhere = elsewhere(text, exact, range.start);
    let mut chars = CONTEXT_CHARS;
    loop {
        let prefix = tail(&text[..range.start], chars);
        let suffix = head(&text[range.end..], chars);
        let unique = !elsewhere
            .iter()
            .any(|&at| occurs_around(text, at, prefix, exact, suffix));
        let exhausted = prefix.len() == range.start && suffix.len() == text.len() - range.end;
        if unique || exhausted {
            return TextQuoteSelector {
                exact,
                prefix,
                suffix,
                kind: "TextQuoteSelector",
            };
        }
        chars *= 2;
    }
}

/// Every other place `exact` starts in `text` than `at`, overlapping ones
/// included; for an empty `exact`, every other character boundary.
fn elsewhere(text: &str, exact: &str, at: usize) -> Vec<usize> {
    let finder = memmem::Finder::new(exact);
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(i) = finder.find(&text.as_bytes()[from..]) {
        let start = from + i;
        if start != at && text.is_char_boundary(start) {
            found.push(start);
        }
        if start == text.len() {
            break;
        }
        from = start + 1;
    }
    found
}

/// Whether `prefix`, `exact` and `suffix` follow one another in `text`
/// with `exact` starting at byte `at`.
fn occurs_around(text: &str, at: usize, prefix: &str, exact: &str, suffix: &str) -> bool {
    let bytes = text.as_bytes();
    let end = at + exact.len();
    at >= prefix.len()
        && bytes[at - prefix.len()..at] == *prefix.as_bytes()
        && bytes[end..].starts_with(suffix.as_bytes())
}

fn tail(s: &str, chars: usize) -> &str {
    let start = s
        .char_indices()
        .rev()
        .nth(chars.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    &s[start..]
}

fn head(s: &str, chars: usize) -> &str {
    let end = s.char_indices().nth(chars).map_or(s.len(), |(i, _)| i);
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_written_one_by_one_or_joined_read_as_the_whole_tree_pretty_printed() {
        let items = [
            json!({"id": "a", "quotes": ["x", "y"]}),
            json!(2),
            json!({}),
        ];
        for count in 0..=items.len() {
            let items = &items[..count];
            let shell = json!({"title": "T", "first": {"items": ITEMS}, "total": count});
            let mut streamed = Vec::new();
            let indented: Vec<String> = items
                .iter()
                .map(|item| pretty_at(item, ANNOTATION_INDENT))
                .collect();
            write_json_with_items(&mut streamed, &Shell::of(&shell), indented.iter()).unwrap();
            let whole = json!({"title": "T", "first": {"items": items}, "total": count});
            let expected = format!("{}\n", pretty(&whole));
            assert_eq!(String::from_utf8(streamed).unwrap(), expected);
            let kept = indented
                .iter()
                .map(|item| Arc::from(item.as_str()))
                .collect();
            let joined = Joined::new(&shell, kept).to_vec();
            assert_eq!(String::from_utf8(joined).unwrap(), expected);
        }
    }

    #[test]
    fn selectors_carry_context_across_elements() {
        let dom = DomText::of(
            "<html><body><p>He said <mark data-quote=\"quote-c\">it was </mark><em><mark data-quote=\"quote-c\">false</mark></em><sup>1</sup> today.</p></body></html>",
        );
        let selector = quote_selector(&dom, dom.quotes["quote-c"].clone());
        assert_eq!(selector.prefix, "He said ");
        assert_eq!(selector.suffix, "1 today.");
    }

    #[test]
    fn context_grows_until_the_quote_is_unique() {
        let repeated = "x".repeat(40);
        let html = format!(
            "<html><body><p>a{repeated}<mark data-quote=\"q\">Q</mark>{repeated}</p><p>b{repeated}Q{repeated}</p></body></html>"
        );
        let dom = DomText::of(&html);
        let selector = quote_selector(&dom, dom.quotes["q"].clone());
        let whole = format!("{}{}{}", selector.prefix, selector.exact, selector.suffix);
        assert_eq!(dom.text.matches(&whole).count(), 1);
    }

    #[test]
    fn context_tells_apart_passages_that_overlap_or_repeat() {
        let run = "a".repeat(50);
        let dom = DomText::of(&format!(
            "<html><body><p>b{run}<mark data-quote=\"q\">aa</mark>{run}c</p><p><mark data-quote=\"r\">{run}</mark></p></body></html>"
        ));
        for quote in ["q", "r"] {
            let selector = quote_selector(&dom, dom.quotes[quote].clone());
            let whole = format!("{}{}{}", selector.prefix, selector.exact, selector.suffix);
            let places = (0..dom.text.len())
                .filter(|&at| dom.text[at..].starts_with(&whole))
                .count();
            assert_eq!(places, 1, "{selector:?} is found {places} times");
        }
    }

    #[test]
    fn timeline_dates_keep_their_precision() {
        let month = timeline_date(PartialDate::parse("2014-05").unwrap());
        assert_eq!(
            serde_json::to_value(month).unwrap(),
            json!({"year": 2014, "month": 5, "display_date": "May 2014"})
        );
    }
}
