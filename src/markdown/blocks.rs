//! Stable anchors for paragraphs and headings.
//!
//! A journalist cites a paragraph by its URL fragment, so the fragment must
//! survive edits elsewhere in the article: it is derived from the block's own
//! first words (`#p-china-has-dismissed-all-us`), never from its position.

use std::collections::HashMap;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::visible::VisibleText;
use crate::id::{UniqueIds, slugify};

/// How many leading words of a paragraph name its anchor.
const PARAGRAPH_ID_WORDS: usize = 6;

/// Gives every paragraph an `id="p-…"` and a ¶ link to itself (shown on
/// hover and focus), and every heading without an explicit id one derived
/// from its text, unique within the page.
pub(crate) fn anchor_blocks<'a>(events: Vec<Event<'a>>, reserved: &[&str]) -> Vec<Event<'a>> {
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
                    out.push(Event::Html(pilcrow(id).into()));
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

/// The link a reader copies to cite a paragraph.
fn pilcrow(id: &str) -> String {
    format!(" <a class=\"pilcrow\" href=\"#{id}\" aria-label=\"Link to this paragraph\">¶</a>")
}

/// Maps the index of each paragraph or heading start event to its id.
fn block_ids(events: &[Event<'_>], reserved: &[&str]) -> HashMap<usize, String> {
    let mut visible = VisibleText::default();
    let mut unique = UniqueIds::with_reserved(reserved);
    let mut open: Option<(usize, usize)> = None;
    let mut ids = HashMap::new();
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
                    ids.insert(start, unique.claim(&id));
                }
            }
            _ => {}
        }
        visible.feed(event);
    }
    ids
}

fn paragraph_id(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().take(PARAGRAPH_ID_WORDS).collect();
    let slug = slugify(&words.join(" "));
    if slug.is_empty() {
        "p".to_owned()
    } else {
        format!("p-{slug}")
    }
}

fn heading_id(text: &str) -> String {
    let slug = slugify(text);
    if slug.is_empty() {
        "section".to_owned()
    } else {
        slug
    }
}
