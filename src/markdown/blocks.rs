//! Stable anchors for paragraphs and headings.
//!
//! A journalist cites a paragraph by its URL fragment, so the fragment must
//! survive edits elsewhere in the article: it is derived from the block's own
//! first words (`#p-china-has-dismissed-all-us`), never from its position.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use unicode_segmentation::UnicodeSegmentation;

use super::visible::VisibleText;
use crate::id::{UniqueIds, slugify};
use crate::urls::Fragment;

/// How many leading words of a paragraph name its anchor.
const PARAGRAPH_ID_WORDS: usize = 6;

/// Gives every paragraph an `id="p-…"` and a ¶ link to itself (shown on
/// hover and focus, named `label` for screen readers), and every heading
/// without an explicit id one derived from its text, unique within the
/// page.
pub(crate) fn anchor_blocks<'a>(
    events: Vec<Event<'a>>,
    reserved: &[&str],
    label: &str,
) -> Vec<Event<'a>> {
    let label = crate::escape::html(label);
    let ids = block_ids(&events, reserved);
    let mut out = Vec::with_capacity(events.len() + ids.len());
    let mut open_paragraphs: Vec<Option<&String>> = Vec::new();
    for (i, event) in events.into_iter().enumerate() {
        match (event, ids.get(&i)) {
            (Event::Start(Tag::Paragraph), id) => {
                open_paragraphs.push(id);
                out.push(match id {
                    Some(id) => Event::Html(format!("<p id=\"{id}\">").into()),
                    None => Event::Start(Tag::Paragraph),
                });
            }
            (Event::End(TagEnd::Paragraph), _) => {
                if let Some(id) = open_paragraphs.pop().flatten() {
                    out.push(Event::Html(pilcrow(id, &label).into()));
                }
                out.push(Event::End(TagEnd::Paragraph));
            }
            (
                Event::Start(Tag::Heading {
                    level,
                    id: None,
                    classes,
                    attrs,
                }),
                Some(id),
            ) => {
                out.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(CowStr::from(id.clone())),
                    classes,
                    attrs,
                }));
            }
            (event, _) => out.push(event),
        }
    }
    out
}

/// The link a reader copies to cite a paragraph; `label` is escaped.
fn pilcrow(id: &str, label: &str) -> String {
    format!(" <a class=\"pilcrow\" href=\"#{id}\" aria-label=\"{label}\">¶</a>")
}

/// Maps the index of each paragraph or heading start event to its id.
fn block_ids(events: &[Event<'_>], reserved: &[&str]) -> HashMap<usize, String> {
    let mut ids = HashMap::new();
    for_each_block(events, reserved, |event, _, id| {
        ids.insert(event, id);
    });
    ids
}

/// A Markdown body's visible text, and where each of its paragraphs and
/// headings starts in it (in that order), with the id its page gives it:
/// what the search index links a passage of the body to, worked out with
/// the page's own rules.
pub(crate) fn text_and_anchors(events: &[Event<'_>]) -> (String, Vec<BlockAnchor>) {
    let mut anchors = Vec::new();
    let visible = for_each_block(events, super::RESERVED_IDS, |_, range, id| {
        anchors.push(BlockAnchor {
            at: range.start,
            end: range.end,
            id,
        });
    });
    (visible.into_text(), anchors)
}

/// A paragraph's or heading's id, and where the block starts in the
/// body's visible text ([`visible_text`](super::visible_text)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockAnchor {
    /// The byte in the visible text at which the block starts.
    pub at: usize,
    /// And the byte at which it ends: a list or table between two blocks
    /// is in neither.
    pub end: usize,
    /// Its `id` on the article's page.
    pub id: String,
}

/// Calls `found` with the index of each paragraph or heading start event,
/// where the block is in the visible text, and its id, unique within the
/// page; returns the visible text.
fn for_each_block(
    events: &[Event<'_>],
    reserved: &[&str],
    mut found: impl FnMut(usize, Range<usize>, String),
) -> VisibleText {
    let mut visible = VisibleText::default();
    let mut unique = UniqueIds::with_reserved(reserved);
    let mut open: Option<(usize, usize)> = None;
    for (i, event) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::Paragraph) | Event::Start(Tag::Heading { id: None, .. }) => {
                open = Some((i, visible.as_str().len()));
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_)) => {
                if let Some((start, from)) = open.take() {
                    let words = &visible.as_str()[from..];
                    let id = if matches!(event, Event::End(TagEnd::Paragraph)) {
                        paragraph_id(words)
                    } else {
                        heading_id(words)
                    };
                    found(start, from..visible.as_str().len(), unique.claim(&id));
                }
            }
            _ => {}
        }
        visible.feed(event);
    }
    visible
}

fn paragraph_id(text: &str) -> String {
    let slug = slugify(&first_words(text, PARAGRAPH_ID_WORDS).join(" "));
    Fragment::Paragraph { slug: &slug }.to_string()
}

/// The first `n` words of `text`: runs between spaces, except that in
/// Chinese or Japanese, where words are not spaced, each ideograph or kana
/// word counts as one (Unicode word boundaries), so that a paragraph in
/// those scripts is named by its first few words, not by all of it.
fn first_words(text: &str, n: usize) -> Vec<&str> {
    text.split_whitespace()
        .flat_map(|run| {
            let unspaced = run.chars().any(crate::text::is_unspaced_script);
            let words: Box<dyn Iterator<Item = &str>> = if unspaced {
                Box::new(run.unicode_words())
            } else {
                Box::new(std::iter::once(run))
            };
            words
        })
        .take(n)
        .collect()
}

fn heading_id(text: &str) -> String {
    let slug = slugify(text);
    if slug.is_empty() {
        "section".to_owned()
    } else {
        slug
    }
}
