//! Markdown to HTML, as a chain of small named passes over pulldown-cmark's
//! event stream.
//!
//! An article body goes through: block anchors (paragraph and heading ids
//! derived from their words) → marks (anchored passages wrapped, footnote
//! markers inserted) → code highlighting → Markdown footnotes → HTML. Raw
//! HTML in the source is escaped and shown as text, unless the dossier asks
//! for [`RawHtml::Sanitize`], which keeps it and cleans the result.
//! Notes, descriptions and the introduction use the same chain without marks
//! and block anchors.

mod blocks;
mod footnotes;
pub mod highlight;
pub mod links;
mod marks;
mod options;
mod visible;

use std::ops::Range;
use std::sync::LazyLock;

use pulldown_cmark::{Event, Tag, html};
use serde::{Deserialize, Serialize};

use crate::escape;

pub use blocks::BlockAnchor;
pub use marks::Mark;
pub use options::is_safe_url;
pub use visible::visible_text;

/// What raw HTML written in Markdown becomes (`[markdown] raw-html`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RawHtml {
    /// Shown as text, tags and all: nothing a contributor writes is markup.
    #[default]
    Escape,
    /// Kept, then the whole rendered fragment is cleaned by ammonia: a safe
    /// subset of tags and attributes, http(s)/mailto/relative links only, no
    /// script, no event handlers, no styles.
    Sanitize,
}

/// The sanitiser for [`RawHtml::Sanitize`]: ammonia's defaults plus the
/// attributes gloss's own markup carries (ids, classes, `data-*`, ARIA).
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .add_generic_attributes([
            "id",
            "class",
            "title",
            "lang",
            "aria-label",
            "role",
            "value",
        ])
        .add_generic_attribute_prefixes(["data-"])
        .url_schemes(["http", "https", "mailto"].into())
        .link_rel(None);
    builder
});

/// Ids the page templates use themselves, which an article's headings and
/// paragraphs must not take.
const RESERVED_IDS: &[&str] = &[
    "main",
    "top",
    "notes",
    "notes-heading",
    "content",
    "meta",
    "slips",
    "slips-heading",
    "cite",
];

/// Renders an article body, wrapping each mark's passage and inserting its
/// trailer, with stable anchors on every paragraph and heading.
///
/// `marks` index into [`visible_text`] of the same body and must be sorted by
/// start.
///
/// `home` is the article page's directory (`articles/x/`): links to the
/// dossier's items (`claim:id`) and relative links are made from the site
/// root (see [`links`](mod@links)). Each paragraph's ¶ link is named
/// `pilcrow_label`, in the dossier's language.
pub fn render_article(
    body: &str,
    marks: &[Mark],
    raw_html: RawHtml,
    home: &str,
    pilcrow_label: &str,
) -> String {
    let events: Vec<Event<'_>> = options::events(body, raw_html).collect();
    let events = links::from_home(events, home);
    let events = blocks::anchor_blocks(events, RESERVED_IDS, pilcrow_label);
    let events = marks::apply(events, marks);
    finish(events, "", raw_html)
}

/// An article body's visible text ([`visible_text`]) and where each of its
/// paragraphs and headings starts in it, with the id the article's page
/// gives the block: read in one parse, when the article is loaded.
pub fn visible_text_and_anchors(body: &str, raw_html: RawHtml) -> (String, Vec<BlockAnchor>) {
    let events: Vec<Event<'_>> = options::events(body, raw_html).collect();
    blocks::text_and_anchors(&events)
}

/// Renders a short piece of Markdown (a note, a description, the
/// introduction); `namespace` keeps its footnote ids apart from others on
/// the same page. `home` is the directory of the note's own page (a
/// claim's note: `claims/x/`): its links are read from there, and made
/// from the site root so that they work on every page that shows it.
pub fn render_fragment(markdown: &str, namespace: &str, raw_html: RawHtml, home: &str) -> String {
    let events: Vec<Event<'_>> = options::events(markdown, raw_html).collect();
    let events = links::from_home(events, home);
    let events = marks::apply(events, &[]);
    finish(events, namespace, raw_html)
}

/// Plain text (a headline) escaped for HTML, with each of `marks` (indexes
/// into `text`, sorted by start) wrapped and followed by its trailer, as
/// in an article's body.
/// Text is escaped as the templates escape it, quotation marks included.
pub fn render_marked_text(text: &str, marks: &[Mark]) -> String {
    let mut out = String::with_capacity(text.len());
    for event in marks::apply(vec![Event::Text(text.into())], marks) {
        match event {
            Event::Html(html) => out.push_str(&html),
            Event::Text(text) => escape::push_html(&mut out, &text),
            other => unreachable!("marks on plain text make only text and HTML: {other:?}"),
        }
    }
    out
}

/// Every link and image destination in `markdown`, with the byte range of
/// the link in the source, so that broken ones can be reported where they
/// are written.
pub fn links(markdown: &str) -> Vec<(String, Range<usize>)> {
    options::parser(markdown)
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                Some((dest_url.into_string(), range))
            }
            _ => None,
        })
        .collect()
}

fn finish(events: Vec<Event<'_>>, namespace: &str, raw_html: RawHtml) -> String {
    let events = highlight::code_blocks(events);
    let events = footnotes::number(events, namespace);
    let mut out = String::new();
    html::push_html(&mut out, events.into_iter());
    match raw_html {
        RawHtml::Escape => out,
        RawHtml::Sanitize => SANITIZER.clean(&out).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitized_html_keeps_safe_markup_and_drops_script() {
        let md = "a <b onclick=\"x()\">bold</b> <script>alert(1)</script> <a href=\"javascript:x\">l</a> <img src=x onerror=y>";
        let html = render_fragment(md, "x", RawHtml::Sanitize, "");
        assert!(html.contains("<b>bold</b>"), "{html}");
        assert!(
            !html.contains("script") && !html.contains("onclick") && !html.contains("onerror"),
            "{html}"
        );
        assert!(!html.contains("javascript"), "{html}");
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let html = render_fragment("a <script>alert(1)</script> b", "x", RawHtml::Escape, "");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("<script"), "{html}");
    }

    #[test]
    fn paragraphs_get_word_derived_anchors() {
        let html = render_article(
            "Hello there world.\n\nHello there world.\n\n# Notes",
            &[],
            RawHtml::Escape,
            "articles/a/",
            "Link to \"this\" paragraph",
        );
        assert!(html.contains(r#"<p id="p-hello-there-world">"#), "{html}");
        assert!(html.contains(r##"<a class="pilcrow" href="#p-hello-there-world" aria-label="Link to &quot;this&quot; paragraph">¶</a></p>"##), "{html}");
        assert!(html.contains(r#"<p id="p-hello-there-world-2">"#), "{html}");
        assert!(html.contains(r#"<h1 id="notes-2">"#), "{html}");
    }
}
