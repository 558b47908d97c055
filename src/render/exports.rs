//! Machine-readable exports, documented in `docs/exports.md`:
//!
//! - `claims.json`: every claim with its verdict, appearances, events and sources;
//! - `timeline.json`: the timeline in Knight Lab TimelineJS's format, with
//!   each date at its own precision;
//! - `annotations.jsonld`: a W3C Web Annotation collection, one annotation
//!   per appearance, whose `TextQuoteSelector` is built from the rendered
//!   article page's DOM text ([`DomText`]) so that annotation clients such
//!   as Hypothesis find each quote exactly once.

use std::ops::Range;

use rayon::prelude::*;
use serde_json::{Value, json};

use super::OutputFile;
use super::dom_text::DomText;
use super::paths::PagePath;
use crate::date::PartialDate;
use crate::dossier::{AnchorKind, Article, Claim, Dossier, anchor_id};
use crate::id::Id;
use crate::timeline::{self, Item};

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

fn json_file(name: &str, value: &Value) -> OutputFile {
    json_file_with_items::<String>(name, value, &[])
}

/// Stands for the one long array of an export, whose items are serialised
/// one by one (in parallel, and without a tree of the whole export).
const ITEMS: &str = "\u{0}items";

/// `value` as a pretty-printed JSON file, with the string [`ITEMS`], if it
/// holds it, replaced by an array of `items`, each pretty-printed JSON.
fn json_file_with_items<S: AsRef<str>>(name: &str, value: &Value, items: &[S]) -> OutputFile {
    let mut text = serde_json::to_string_pretty(value).expect("JSON values serialize");
    let placeholder = serde_json::to_string(ITEMS).expect("a string serializes");
    if let Some(at) = text.find(&placeholder) {
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let indent = text[line_start..].len() - text[line_start..].trim_start().len();
        let array = indented_array(items, indent);
        text.replace_range(at..at + placeholder.len(), &array);
    }
    text.push('\n');
    OutputFile {
        path: name.into(),
        contents: text.into_bytes(),
    }
}

/// A JSON array of `items` (each pretty-printed JSON) whose closing
/// bracket sits at `indent` spaces, built in one pass into one string.
fn indented_array<S: AsRef<str>>(items: &[S], indent: usize) -> String {
    if items.is_empty() {
        return "[]".to_owned();
    }
    let item_indent = " ".repeat(indent + 2);
    let bytes: usize = items.iter().map(|item| item.as_ref().len()).sum();
    let mut array = String::with_capacity(bytes + bytes / 4);
    array.push('[');
    for (n, item) in items.iter().enumerate() {
        array.push_str(if n == 0 { "\n" } else { ",\n" });
        for (i, line) in item.as_ref().split('\n').enumerate() {
            if i > 0 {
                array.push('\n');
            }
            array.push_str(&item_indent);
            array.push_str(line);
        }
    }
    array.push('\n');
    array.push_str(&" ".repeat(indent));
    array.push(']');
    array
}

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).expect("JSON values serialize")
}

/// `claims.json`.
pub(crate) fn claims(dossier: &Dossier, urls: &Urls<'_>) -> OutputFile {
    let claims: Vec<String> = dossier
        .claims
        .par_iter()
        .map(|(_, c)| pretty(&claim(dossier, urls, c)))
        .collect();
    json_file_with_items(
        "claims.json",
        &json!({
            "dossier": dossier.config.book.title,
            "url": urls.page(&PagePath::home()),
            "claims": ITEMS,
        }),
        &claims,
    )
}

fn claim(dossier: &Dossier, urls: &Urls<'_>, claim: &Claim) -> Value {
    let appearances: Vec<Value> = claim
        .appearances
        .iter()
        .map(|a| {
            let article = &dossier.articles[&a.article];
            let page = PagePath::item("articles", &a.article);
            json!({
                "article": a.article,
                "title": article.meta.title,
                "outlet": article.meta.outlet,
                "published": article.meta.published.iso(),
                "quote": article.text[a.range.clone()],
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
        "url": urls.page(&PagePath::item("claims", &claim.id)),
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

/// `timeline.json`, in TimelineJS's format.
pub(crate) fn timeline(dossier: &Dossier, urls: &Urls<'_>) -> OutputFile {
    let events: Vec<Value> = timeline::build(dossier)
        .into_iter()
        .map(|entry| {
            let (unique_id, headline, page, group) = match &entry.item {
                Item::Event(id) => (
                    format!("event-{id}"),
                    dossier.events[id].title.clone(),
                    PagePath::item("events", id),
                    "Events",
                ),
                Item::Publication(slug) => (
                    format!("report-{slug}"),
                    dossier.articles[slug].meta.title.clone(),
                    PagePath::item("articles", slug),
                    "Reports",
                ),
            };
            let mut event = json!({
                "unique_id": unique_id,
                "group": group,
                "start_date": timeline_date(entry.date),
                "text": {"headline": headline, "text": format!("<a href=\"{}\">{}</a>", urls.page(&page), group.trim_end_matches('s'))},
            });
            if let Some(end) = entry.end {
                event["end_date"] = timeline_date(end);
            }
            event
        })
        .collect();
    json_file(
        "timeline.json",
        &json!({
            "title": {"text": {"headline": dossier.config.book.title, "text": dossier.config.book.description}},
            "events": events,
        }),
    )
}

/// A TimelineJS date with only the parts the dossier knows.
fn timeline_date(date: PartialDate) -> Value {
    let iso = date.iso();
    let mut parts = iso.split('-');
    let mut value = json!({"year": parts.next().unwrap_or_default().parse::<u16>().unwrap_or_default(), "display_date": date.human()});
    if let Some(month) = parts.next() {
        value["month"] = json!(month.parse::<u8>().unwrap_or_default());
    }
    if let Some(day) = parts.next() {
        value["day"] = json!(day.parse::<u8>().unwrap_or_default());
    }
    value
}

/// `annotations.jsonld`, from each article's [`article_annotations`] in
/// the order of their slugs.
pub(crate) fn annotations<'a>(
    dossier: &Dossier,
    urls: &Urls<'_>,
    per_article: impl Iterator<Item = &'a Vec<String>>,
) -> OutputFile {
    let items: Vec<&String> = per_article.flatten().collect();
    json_file_with_items(
        "annotations.jsonld",
        &json!({
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "id": urls.file("annotations.jsonld"),
            "type": "AnnotationCollection",
            "label": dossier.config.book.title,
            "total": items.len(),
            "first": {"type": "AnnotationPage", "startIndex": 0, "items": ITEMS},
        }),
        &items,
    )
}

/// The annotations of one article, from its rendered page `html`, by claim
/// id and then occurrence, each as pretty-printed JSON: the article's own
/// anchors say which claims it carries, so the work is proportional to the
/// article, not to the whole dossier.
pub(crate) fn article_annotations(
    dossier: &Dossier,
    urls: &Urls<'_>,
    article: &Article,
    html: &str,
) -> Vec<String> {
    let slug = &article.slug;
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
    let page_url = urls.page(&PagePath::item("articles", slug));
    let mut items = Vec::with_capacity(quoted.len());
    for (id, occurrence) in quoted {
        let claim = &dossier.claims[id];
        let anchor = anchor_id("quote", id, occurrence);
        let Some(range) = dom.quotes.get(&anchor) else {
            continue;
        };
        items.push(pretty(&json!({
            "id": format!("{}#{}/{}", urls.file("annotations.jsonld"), slug, anchor),
            "type": "Annotation",
            "motivation": "assessing",
            "body": [
                {"type": "TextualBody", "purpose": "assessing", "format": "text/plain",
                 "value": format!("{}: {}", claim.verdict.label(), claim.title)},
                {"id": urls.page(&PagePath::item("claims", id)), "type": "Text", "format": "text/html"},
            ],
            "target": {
                "source": page_url,
                "selector": [
                    quote_selector(&dom, range.clone()),
                    {"type": "FragmentSelector", "conformsTo": "http://tools.ietf.org/rfc/rfc3987", "value": anchor},
                ],
            },
        })));
    }
    items
}

/// A `TextQuoteSelector` for `range` of the page's text, with enough
/// context on each side that it matches the page exactly once.
fn quote_selector(dom: &DomText, range: Range<usize>) -> Value {
    let text = &dom.text;
    let exact = &text[range.clone()];
    let mut chars = CONTEXT_CHARS;
    loop {
        let prefix = tail(&text[..range.start], chars);
        let suffix = head(&text[range.end..], chars);
        let whole = format!("{prefix}{exact}{suffix}");
        let unique = text.matches(&whole).nth(1).is_none();
        let exhausted = prefix.len() == range.start && suffix.len() == text.len() - range.end;
        if unique || exhausted {
            return json!({"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix});
        }
        chars *= 2;
    }
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
    fn selectors_carry_context_across_elements() {
        let dom = DomText::of(
            "<html><body><p>He said <mark data-quote=\"quote-c\">it was </mark><em><mark data-quote=\"quote-c\">false</mark></em><sup>1</sup> today.</p></body></html>",
        );
        let selector = quote_selector(&dom, dom.quotes["quote-c"].clone());
        assert_eq!(selector["prefix"], "He said ");
        assert_eq!(selector["suffix"], "1 today.");
    }

    #[test]
    fn context_grows_until_the_quote_is_unique() {
        let repeated = "x".repeat(40);
        let html = format!(
            "<html><body><p>a{repeated}<mark data-quote=\"q\">Q</mark>{repeated}</p><p>b{repeated}Q{repeated}</p></body></html>"
        );
        let dom = DomText::of(&html);
        let selector = quote_selector(&dom, dom.quotes["q"].clone());
        let whole = format!(
            "{}{}{}",
            selector["prefix"].as_str().unwrap(),
            selector["exact"].as_str().unwrap(),
            selector["suffix"].as_str().unwrap()
        );
        assert_eq!(dom.text.matches(&whole).count(), 1);
    }

    #[test]
    fn timeline_dates_keep_their_precision() {
        let month = timeline_date(PartialDate::parse("2014-05").unwrap());
        assert_eq!(
            month,
            json!({"year": 2014, "month": 5, "display_date": "May 2014"})
        );
    }
}
