//! Markdown's own footnotes (`[^1]`), numbered by first reference, with
//! prefixed ids and back-links from each note to every reference.
//!
//! pulldown-cmark would use the bare label as the id (`id="1"`), which can
//! collide with other anchors on the page and gives no way back to the text.

use std::collections::HashMap;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use crate::id::slugify;
use crate::urls::Fragment;

/// Rewrites footnote references and definitions, their ids in the
/// namespace of the text (see [`Fragment::Footnote`]).
pub(crate) fn number<'a>(events: Vec<Event<'a>>, namespace: &str) -> Vec<Event<'a>> {
    let mut numbers: HashMap<String, (usize, usize)> = HashMap::new();
    let mut out = Vec::with_capacity(events.len());
    let mut open: Option<String> = None;
    for event in events {
        match event {
            Event::FootnoteReference(label) => {
                let next = numbers.len() + 1;
                let entry = numbers.entry(label.to_string()).or_insert((next, 0));
                entry.1 += 1;
                let slug = label_slug(&label);
                let ref_id = reference(namespace, &slug, entry.1);
                let note = Fragment::Footnote {
                    namespace,
                    label: &slug,
                };
                // The number is drawn by the stylesheet (from `data-n`),
                // as gloss's own markers are, so that a passage quoted
                // across it reads as the editor quoted it.
                out.push(Event::Html(CowStr::from(format!(
                    "<sup class=\"footnote-ref\" id=\"{ref_id}\"><a href=\"#{note}\" aria-label=\"{n}\" data-n=\"{n}\"></a></sup>",
                    n = entry.0
                ))));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let next = numbers.len() + 1;
                let n = numbers.entry(label.to_string()).or_insert((next, 0)).0;
                let note = Fragment::Footnote {
                    namespace,
                    label: &label_slug(&label),
                };
                out.push(Event::Html(CowStr::from(format!(
                    "<div class=\"footnote\" id=\"{note}\"><span class=\"footnote-label\">{n}.</span>"
                ))));
                open = Some(label.to_string());
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                let label = open.take().unwrap_or_default();
                let refs = numbers.get(&label).map_or(0, |e| e.1);
                let slug = label_slug(&label);
                let backs: String = (1..=refs)
                    .map(|k| {
                        format!(
                            " <a class=\"footnote-back\" href=\"#{}\" aria-label=\"Back to reference\">↩</a>",
                            reference(namespace, &slug, k)
                        )
                    })
                    .collect();
                out.push(Event::Html(CowStr::from(format!("{backs}</div>\n"))));
            }
            other => out.push(other),
        }
    }
    out
}

fn label_slug(label: &str) -> String {
    let slug = slugify(label);
    if slug.is_empty() {
        "note".to_owned()
    } else {
        slug
    }
}

fn reference<'a>(namespace: &'a str, label: &'a str, occurrence: usize) -> Fragment<'a> {
    Fragment::FootnoteRef {
        namespace,
        label,
        occurrence,
    }
}

#[cfg(test)]
mod tests {
    use super::super::{RawHtml, render_fragment};

    #[test]
    fn footnotes_are_numbered_and_linked_both_ways() {
        let html = render_fragment(
            "A[^b] and B[^a] and A again[^b].\n\n[^a]: Note a.\n[^b]: Note b.\n",
            "x",
            RawHtml::Escape,
            "",
        );
        assert!(
            html.contains(
                r##"<sup class="footnote-ref" id="fn-x-ref-b"><a href="#fn-x-b" aria-label="1" data-n="1"></a></sup>"##
            ),
            "{html}"
        );
        assert!(html.contains(r##"id="fn-x-ref-b-2""##), "{html}");
        assert!(
            html.contains(
                r##"<div class="footnote" id="fn-x-a"><span class="footnote-label">2.</span>"##
            ),
            "{html}"
        );
        assert!(html.contains(r##"href="#fn-x-ref-b-2""##), "{html}");
    }
}
