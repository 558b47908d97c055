//! `annotations.jsonld`: a W3C Web Annotation collection, one annotation
//! per appearance, whose `TextQuoteSelector` is built from the rendered
//! article page's DOM text ([`DomText`]) so that annotation clients such
//! as Hypothesis find each quote exactly once.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use memchr::memmem;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Value, json};

use super::{ITEMS, ITEMS_AT_A_TIME, Joined, Shell, page_file, pretty_at, write_json_with_items};
use crate::dossier::{AnchorKind, Article, Dossier};
use crate::error::Result;
use crate::id::Id;
use crate::render::Sink;
use crate::render::dom_text::DomText;
use crate::render::model::VerdictView;
use crate::render::strings::Strings;
use crate::urls::Urls;
use crate::urls::{Fragment, PagePath};
use crate::vocabulary::ItemKind;

/// How far the items of `claims.json` and of `annotations.jsonld` are
/// indented in their files. Each item is indented once, when it is made,
/// so that writing an export again from kept items (as `serve` does after
/// every edit) only copies them.
pub(super) const ANNOTATION_INDENT: usize = 6;

/// The path of `annotations.jsonld` in the site.
pub(crate) const FILE: &str = "annotations.jsonld";

/// How many characters of context a `TextQuoteSelector` starts with.
const CONTEXT_CHARS: usize = 32;

/// How many annotations a page of the collection holds at the least: a
/// page ends with the last annotation of an article, so that `serve` can
/// keep each article's annotations joined. About a megabyte.
const PAGE_SIZE: usize = 1000;

/// The collection's pages, from each article's [`PageQuote`]s in the order
/// of their slugs, each written a batch of annotations at a time: the
/// first into `annotations.jsonld` with the collection around it, the
/// others into `annotations-<n>.jsonld`.
pub(crate) fn write<'a>(
    dossier: &Dossier,
    urls: &Urls<'_>,
    strings: &Strings,
    per_article: impl Iterator<Item = (&'a Id, &'a Vec<PageQuote>)>,
    sink: &dyn Sink,
) -> Result<()> {
    let articles: Vec<(&Id, &Vec<PageQuote>)> = per_article.collect();
    let counts: Vec<usize> = articles.iter().map(|(_, quotes)| quotes.len()).collect();
    let paging = Paging::of(&counts);
    for (number, page) in (1..).zip(&paging.pages) {
        let quotes: Vec<(&Id, &PageQuote)> = articles[page.clone()]
            .iter()
            .flat_map(|(slug, quotes)| quotes.iter().map(move |quote| (*slug, quote)))
            .collect();
        let items = || {
            quotes.chunks(ITEMS_AT_A_TIME).flat_map(|batch| {
                batch
                    .par_iter()
                    .map(|(slug, quote)| annotation_item(dossier, urls, strings, slug, quote))
                    .collect::<Vec<_>>()
            })
        };
        let shell = Shell::of(&paging.shell(dossier, urls, number));
        sink.put_streamed(page_file(FILE, number).into(), &mut |out| {
            write_json_with_items(out, &shell, items())
        })?;
    }
    Ok(())
}

/// The collection's pages, by site path, from each article's
/// annotations, kept by slug.
pub(crate) fn joined(
    dossier: &Dossier,
    urls: &Urls<'_>,
    per_article: &BTreeMap<Id, KeptAnnotations>,
) -> Vec<(String, Joined)> {
    let kept: Vec<&KeptAnnotations> = per_article.values().collect();
    let counts: Vec<usize> = kept.iter().map(|kept| kept.count).collect();
    let paging = Paging::of(&counts);
    (1..)
        .zip(&paging.pages)
        .map(|(number, page)| {
            let items = kept[page.clone()]
                .iter()
                .filter(|kept| kept.count > 0)
                .map(|kept| Arc::clone(&kept.items))
                .collect();
            let shell = paging.shell(dossier, urls, number);
            (page_file(FILE, number), Joined::new(&shell, items))
        })
        .collect()
}

/// How the annotations are cut into pages.
struct Paging {
    /// Each page's articles, as a range of indexes into the articles in
    /// slug order; never empty (a dossier with no annotation has one
    /// empty page).
    pages: Vec<Range<usize>>,
    /// How many annotations come before each page.
    starts: Vec<usize>,
    /// How many there are in all.
    total: usize,
}

impl Paging {
    /// The pages of articles that have `counts` annotations each: a page
    /// closes once it holds [`PAGE_SIZE`] annotations.
    fn of(counts: &[usize]) -> Paging {
        let mut paging = Paging {
            pages: Vec::new(),
            starts: Vec::new(),
            total: 0,
        };
        let (mut first, mut held) = (0, 0);
        for (i, &count) in counts.iter().enumerate() {
            held += count;
            if held >= PAGE_SIZE {
                paging.close(first..i + 1, held);
                (first, held) = (i + 1, 0);
            }
        }
        if held > 0 || paging.pages.is_empty() {
            paging.close(first..counts.len(), held);
        }
        paging
    }

    fn close(&mut self, page: Range<usize>, held: usize) {
        self.pages.push(page);
        self.starts.push(self.total);
        self.total += held;
    }

    /// Page `number`'s file, its annotations standing for [`ITEMS`]: for
    /// the first, the collection with the page inside it; for the others,
    /// the page, which says which collection it is `partOf`, as the Web
    /// Annotation Protocol asks of every page.
    fn shell(&self, dossier: &Dossier, urls: &Urls<'_>, number: usize) -> Value {
        let collection = urls.file(FILE);
        let count = self.pages.len();
        let mut page = json!({
            "id": page_id(urls, number),
            "type": "AnnotationPage",
            "startIndex": self.starts[number - 1],
            "items": ITEMS,
        });
        if number > 1 {
            page["prev"] = json!(page_id(urls, number - 1));
        }
        if number < count {
            page["next"] = json!(page_id(urls, number + 1));
        }
        let described = json!({
            "id": collection,
            "type": "AnnotationCollection",
            "label": dossier.config.book.title,
            "total": self.total,
            "first": page_id(urls, 1),
            "last": page_id(urls, count),
        });
        if number > 1 {
            page["@context"] = json!(CONTEXT);
            page["partOf"] = described;
            return page;
        }
        page["partOf"] = json!(collection);
        let mut whole = described;
        whole["@context"] = json!(CONTEXT);
        whole["first"] = page;
        whole
    }
}

/// The Web Annotation vocabulary's JSON-LD context.
const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// The `id` of the collection's page `number`.
fn page_id(urls: &Urls<'_>, number: usize) -> String {
    match number {
        1 => format!("{}#page-1", urls.file(FILE)),
        n => urls.file(&page_file(FILE, n)),
    }
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
        strings: &Strings,
        slug: &Id,
        quotes: &[PageQuote],
    ) -> KeptAnnotations {
        let items: Vec<String> = quotes
            .iter()
            .map(|quote| annotation_item(dossier, urls, strings, slug, quote))
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
    /// Where the passage is in the whole page.
    in_page: Context,
    /// Which element of the page holds the passage whole.
    element: Element,
}

/// A passage with just enough text on each side to be found once where
/// it is looked for.
#[derive(Debug)]
struct Context {
    /// The selector's prefix, exact text and suffix, one after the other.
    text: Box<str>,
    /// Where the exact text is in `text`.
    exact: Range<usize>,
}

impl Context {
    /// The passage at `range` of `text`, with the context it needs there.
    fn of(text: &str, range: Range<usize>) -> Context {
        let selector = quote_selector(text, range);
        let exact = selector.prefix.len()..selector.prefix.len() + selector.exact.len();
        Context {
            text: [selector.prefix, selector.exact, selector.suffix]
                .concat()
                .into(),
            exact,
        }
    }

    fn selector(&self) -> TextQuoteSelector<'_> {
        TextQuoteSelector {
            prefix: &self.text[..self.exact.start],
            exact: &self.text[self.exact.clone()],
            suffix: &self.text[self.exact.end..],
            kind: "TextQuoteSelector",
        }
    }
}

/// The element of an article page that holds a passage whole, which the
/// annotation's `FragmentSelector` names.
#[derive(Debug)]
enum Element {
    /// Its own `<mark id="quote-…">`: the passage lies in one run of text.
    Own,
    /// The paragraph it lies in (its `p-…` id), for a passage drawn in
    /// pieces because it runs into or out of a link or emphasis; within
    /// the paragraph, the passage with the context it needs there.
    Paragraph { id: Box<str>, within: Context },
    /// None: the passage runs across paragraphs.
    None,
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
            let quoted = dom.quotes.get(&passage.to_string())?;
            let span = quoted.span.clone();
            let element = match (quoted.pieces, dom.paragraph_around(&span)) {
                (1, _) => Element::Own,
                (_, Some((id, paragraph))) => Element::Paragraph {
                    id: id.as_str().into(),
                    within: Context::of(
                        &dom.text[paragraph.clone()],
                        span.start - paragraph.start..span.end - paragraph.start,
                    ),
                },
                (_, None) => Element::None,
            };
            Some(PageQuote {
                claim: claim.clone(),
                occurrence,
                in_page: Context::of(&dom.text, span),
                element,
            })
        })
        .collect()
}

/// The annotation of `quote` in the article `slug`, pretty-printed and
/// indented for the file; its assessment in the words of `strings`.
fn annotation_item(
    dossier: &Dossier,
    urls: &Urls<'_>,
    strings: &Strings,
    slug: &Id,
    quote: &PageQuote,
) -> String {
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
                value: strings.fill(
                    "description-claim",
                    &[
                        ("verdict", &VerdictView::new(claim.verdict, strings).label),
                        ("title", &claim.title),
                    ],
                ),
            },
            ClaimBody {
                format: "text/html",
                id: urls.page(&PagePath::item(ItemKind::Claim, &claim.id)),
                kind: "Text",
            },
        ),
        id: format!("{}#{slug}/{anchor}", urls.file(FILE)),
        motivation: "assessing",
        target: Target {
            selector: selectors(quote, &anchor),
            source: &page,
        },
        kind: "Annotation",
    };
    pretty_at(&annotation, ANNOTATION_INDENT)
}

/// Two ways to find `quote`, whose own element's id is `anchor`: by its
/// text in the page, and by the element that holds it whole (refined by
/// its text there when that is its paragraph); only the first when no
/// element holds it whole.
fn selectors<'q>(quote: &'q PageQuote, anchor: &'q str) -> Vec<Selector<'q>> {
    let fragment = |value, refined_by| {
        Selector::Fragment(FragmentSelector {
            // Fragment identifiers of HTML pages (RFC 3987 is IRIs).
            conforms_to: "http://tools.ietf.org/rfc/rfc3236",
            kind: "FragmentSelector",
            value,
            refined_by,
        })
    };
    let in_page = Selector::Quote(quote.in_page.selector());
    match &quote.element {
        Element::Own => vec![in_page, fragment(anchor, None)],
        Element::Paragraph { id, within } => vec![in_page, fragment(id, Some(within.selector()))],
        Element::None => vec![in_page],
    }
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

/// The passage annotated: its page, and the ways to find it there.
#[derive(Serialize)]
struct Target<'a> {
    selector: Vec<Selector<'a>>,
    source: &'a str,
}

/// A way to find a passage.
#[derive(Serialize)]
#[serde(untagged)]
enum Selector<'a> {
    Quote(TextQuoteSelector<'a>),
    Fragment(FragmentSelector<'a>),
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

/// The HTML id of the element that holds the passage, and where the
/// passage is in it when it is not the whole element.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FragmentSelector<'a> {
    conforms_to: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    refined_by: Option<TextQuoteSelector<'a>>,
    #[serde(rename = "type")]
    kind: &'static str,
    value: &'a str,
}

/// A `TextQuoteSelector` for `range` of the page's text, with enough
/// context on each side that it matches the page exactly once. The places
/// where the quote's own text recurs are found first, in one pass, so that
/// a longer context need only be compared there.
fn quote_selector(text: &str, range: Range<usize>) -> TextQuoteSelector<'_> {
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
    fn pages_close_after_a_whole_article_once_they_hold_a_page_full() {
        let paging = Paging::of(&[600, 0, 500, 300, 0]);
        assert_eq!(paging.pages, [0..3, 3..5]);
        assert_eq!(paging.starts, [0, 1100]);
        assert_eq!(paging.total, 1400);
        let full = Paging::of(&[PAGE_SIZE, 0]);
        assert_eq!((full.pages.len(), full.pages[0].clone()), (1, 0..1));
        let none = Paging::of(&[0, 0]);
        assert_eq!((none.pages.len(), none.pages[0].clone()), (1, 0..2));
        assert_eq!(none.total, 0);
    }

    #[test]
    fn selectors_carry_context_across_elements() {
        let dom = DomText::of(
            "<html><body><p>He said <mark data-quote=\"quote-c\">it was </mark><em><mark data-quote=\"quote-c\">false</mark></em><sup>1</sup> today.</p></body></html>",
        );
        let selector = quote_selector(&dom.text, dom.quotes["quote-c"].span.clone());
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
        let selector = quote_selector(&dom.text, dom.quotes["q"].span.clone());
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
            let selector = quote_selector(&dom.text, dom.quotes[quote].span.clone());
            let whole = format!("{}{}{}", selector.prefix, selector.exact, selector.suffix);
            let places = (0..dom.text.len())
                .filter(|&at| dom.text[at..].starts_with(&whole))
                .count();
            assert_eq!(places, 1, "{selector:?} is found {places} times");
        }
    }
}
