//! Markdown to HTML, as a chain of small named passes over pulldown-cmark's
//! event stream.
//!
//! An article body goes through: block anchors (paragraph and heading ids
//! derived from their words) → marks (anchored passages wrapped, footnote
//! markers inserted) → code highlighting → Markdown footnotes → HTML. Raw
//! HTML in the source is escaped and shown as text, never passed through.
//! Notes, descriptions and the introduction use the same chain without marks
//! and block anchors.

mod blocks;
mod footnotes;
pub mod highlight;
mod marks;
mod options;
mod visible;

use std::ops::Range;

use pulldown_cmark::{Event, Tag, html};

pub use marks::Mark;
pub use options::is_safe_url;
pub use visible::visible_text;

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
pub fn render_article(body: &str, marks: &[Mark]) -> String {
    let events: Vec<Event<'_>> = options::events(body).collect();
    let events = blocks::anchor_blocks(events, RESERVED_IDS);
    let events = marks::apply(events, marks);
    finish(events, "fn-")
}

/// Renders a short piece of Markdown (a note, a description, the
/// introduction); `namespace` keeps its footnote ids apart from others on
/// the same page.
pub fn render_fragment(markdown: &str, namespace: &str) -> String {
    let events: Vec<Event<'_>> = options::events(markdown).collect();
    let events = marks::apply(events, &[]);
    finish(events, &format!("fn-{namespace}-"))
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

fn finish(events: Vec<Event<'_>>, footnote_prefix: &str) -> String {
    let events = highlight::code_blocks(events);
    let events = footnotes::number(events, footnote_prefix);
    let mut out = String::new();
    html::push_html(&mut out, events.into_iter());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_shown_as_text() {
        let html = render_fragment("a <script>alert(1)</script> b", "x");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("<script"), "{html}");
    }

    #[test]
    fn paragraphs_get_word_derived_anchors() {
        let html = render_article("Hello there world.\n\nHello there world.\n\n# Notes", &[]);
        assert!(html.contains(r#"<p id="p-hello-there-world">"#), "{html}");
        assert!(html.contains(r##"<a class="pilcrow" href="#p-hello-there-world" aria-label="Link to this paragraph">¶</a></p>"##), "{html}");
        assert!(html.contains(r#"<p id="p-hello-there-world-2">"#), "{html}");
        assert!(html.contains(r#"<h1 id="notes-2">"#), "{html}");
    }
}
