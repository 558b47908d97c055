//! Wrapping anchored passages in `<mark>` and inserting what follows them.
//!
//! A passage may start in plain text and end inside emphasis or a link, so a
//! single `<mark>…</mark>` could not always nest correctly. Instead each text
//! event the passage touches gets its own `<mark>` around its share of the
//! passage; the first piece carries the passage's id and the trailer (a
//! footnote marker, a \[sic\]) follows the last. Where passages end together,
//! the innermost trailer comes first ("monday\[sic\]²"). A passage that ends
//! inside a link has its trailer placed after the link closes: a footnote
//! marker is itself a link, and links cannot nest. Overlapping passages nest
//! piece by piece the same way. The work is one sweep over the events with
//! the marks sorted by start, so it is linear in the article's size.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::visible::VisibleText;

use crate::escape;

/// A passage of an article's visible text to highlight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    /// Byte range in the article's visible text.
    pub range: Range<usize>,
    /// CSS class of the `<mark>` elements.
    pub class: String,
    /// HTML id of the passage's first piece.
    pub id: String,
    /// Extra attributes set on every piece (name, value), e.g. `data-claim`.
    pub data: Vec<(String, String)>,
    /// HTML inserted right after the passage.
    pub trailer: String,
}

impl Mark {
    fn open_tag(&self, first: bool) -> String {
        let mut tag = String::from("<mark class=\"");
        escape::push_html(&mut tag, &self.class);
        tag.push('"');
        if first {
            tag.push_str(" id=\"");
            escape::push_html(&mut tag, &self.id);
            tag.push('"');
        }
        for (name, value) in &self.data {
            tag.push_str(&format!(" {name}=\""));
            escape::push_html(&mut tag, value);
            tag.push('"');
        }
        tag.push('>');
        tag
    }
}

/// Applies `marks` (sorted by start) to the events.
pub(crate) fn apply<'a>(events: Vec<Event<'a>>, marks: &[Mark]) -> Vec<Event<'a>> {
    debug_assert!(
        marks
            .windows(2)
            .all(|w| w[0].range.start <= w[1].range.start)
    );
    let mut visible = VisibleText::default();
    let mut live = LiveMarks::new(marks);
    let mut out = Vec::with_capacity(events.len());
    for event in events {
        match (visible.feed(&event), &event) {
            (Some(range), _) => split_text(event, range, &mut live, &mut out),
            (None, Event::Start(Tag::Link { .. })) => {
                live.link_depth += 1;
                out.push(event);
            }
            (None, Event::End(TagEnd::Link)) => {
                out.push(event);
                live.leave_link(&mut out);
            }
            (None, _) => out.push(event),
        }
    }
    live.close_all(&mut out);
    out
}

/// The marks overlapping the current position of a left-to-right sweep,
/// and which have had their first piece (the one with the id) and their
/// trailer. A passage normally starts and ends inside text, but one that
/// starts or ends between blocks still gets its id on its first piece and
/// its trailer after its last.
struct LiveMarks<'m> {
    marks: &'m [Mark],
    next: usize,
    live: Vec<usize>,
    opened: Vec<bool>,
    closed: Vec<bool>,
    /// How many links the sweep is inside.
    link_depth: usize,
    /// Trailers owed by marks that ended inside a link, in order.
    after_link: Vec<usize>,
}

impl<'m> LiveMarks<'m> {
    fn new(marks: &'m [Mark]) -> Self {
        LiveMarks {
            marks,
            next: 0,
            live: Vec::new(),
            opened: vec![false; marks.len()],
            closed: vec![false; marks.len()],
            link_depth: 0,
            after_link: Vec::new(),
        }
    }

    /// The marks overlapping `range`, in start order; the trailers of marks
    /// that ended before it and still owe one go to `out` first.
    fn overlapping(&mut self, range: &Range<usize>, out: &mut Vec<Event<'_>>) -> Vec<usize> {
        while self.next < self.marks.len() && self.marks[self.next].range.start < range.end {
            self.live.push(self.next);
            self.next += 1;
        }
        let (ended, live): (Vec<usize>, Vec<usize>) = self
            .live
            .iter()
            .partition(|&&i| self.marks[i].range.end <= range.start);
        for i in ended.into_iter().rev() {
            self.close(i, out);
        }
        self.live = live;
        self.live.clone()
    }

    /// Puts mark `i`'s trailer next, or after the link the sweep is in.
    fn close(&mut self, i: usize, out: &mut Vec<Event<'_>>) {
        if self.closed[i] {
            return;
        }
        self.closed[i] = true;
        if self.link_depth > 0 {
            self.after_link.push(i);
        } else {
            out.push(Event::Html(self.marks[i].trailer.clone().into()));
        }
    }

    /// Leaves a link, placing the trailers owed inside it once outside
    /// every link.
    fn leave_link(&mut self, out: &mut Vec<Event<'_>>) {
        self.link_depth = self.link_depth.saturating_sub(1);
        if self.link_depth == 0 {
            for i in std::mem::take(&mut self.after_link) {
                out.push(Event::Html(self.marks[i].trailer.clone().into()));
            }
        }
    }

    /// Trailers still owed at the end of the document.
    fn close_all(&mut self, out: &mut Vec<Event<'_>>) {
        for i in std::mem::take(&mut self.live).into_iter().rev() {
            self.close(i, out);
        }
    }
}

fn split_text<'a>(
    event: Event<'a>,
    range: Range<usize>,
    live: &mut LiveMarks<'_>,
    out: &mut Vec<Event<'a>>,
) {
    let marks = live.overlapping(&range, out);
    let (text, is_code) = match event {
        Event::Code(s) => (s, true),
        Event::Text(s) => (s, false),
        other => unreachable!("only text-bearing events are visible: {other:?}"),
    };
    let piece_event = |s: CowStr<'a>| {
        if is_code {
            Event::Code(s)
        } else {
            Event::Text(s)
        }
    };
    if marks.is_empty() {
        out.push(piece_event(text));
        return;
    }
    let mut cuts = vec![range.start, range.end];
    for &i in &marks {
        let r = &live.marks[i].range;
        cuts.extend(
            [r.start, r.end]
                .into_iter()
                .filter(|&c| c > range.start && c < range.end),
        );
    }
    cuts.sort_unstable();
    cuts.dedup();
    for piece in cuts.windows(2) {
        let (a, b) = (piece[0], piece[1]);
        let covering: Vec<usize> = marks
            .iter()
            .copied()
            .filter(|&i| live.marks[i].range.start <= a && live.marks[i].range.end >= b)
            .collect();
        for &i in &covering {
            let first = !std::mem::replace(&mut live.opened[i], true);
            out.push(Event::Html(live.marks[i].open_tag(first).into()));
        }
        out.push(piece_event(CowStr::from(
            text[a - range.start..b - range.start].to_owned(),
        )));
        for _ in &covering {
            out.push(Event::Html("</mark>".into()));
        }
        for &i in marks
            .iter()
            .rev()
            .filter(|&&i| live.marks[i].range.end == b)
        {
            live.close(i, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{RawHtml, render_article, visible_text};
    use super::*;

    fn mark(text: &str, passage: &str, id: &str) -> Mark {
        let start = text.find(passage).unwrap();
        Mark {
            range: start..start + passage.len(),
            class: "claim".into(),
            id: id.into(),
            data: Vec::new(),
            trailer: format!("<sup>{id}</sup>"),
        }
    }

    #[test]
    fn a_mark_crossing_emphasis_nests_piece_by_piece() {
        let body = "It was *purely ungrounded* with motives.";
        let text = visible_text(body, RawHtml::Escape);
        let html = render_article(
            body,
            &[mark(&text, "was purely", "q")],
            RawHtml::Escape,
            "",
            "¶",
        );
        assert!(
            html.contains(r#"It <mark class="claim" id="q">was </mark><em><mark class="claim">purely</mark><sup>q</sup> ungrounded</em>"#),
            "{html}"
        );
    }

    #[test]
    fn a_mark_starting_between_blocks_still_gets_its_id_and_trailer() {
        let body = "First.\n\nSecond.";
        let text = visible_text(body, RawHtml::Escape);
        let start = text.find('\n').unwrap();
        let mark = Mark {
            range: start..text.len() - 1,
            class: "claim".into(),
            id: "q".into(),
            data: Vec::new(),
            trailer: "<sup>q</sup>".into(),
        };
        let html = render_article(body, &[mark], RawHtml::Escape, "", "¶");
        assert!(
            html.contains(r#"<mark class="claim" id="q">Second.</mark><sup>q</sup>"#),
            "{html}"
        );
    }

    #[test]
    fn a_mark_ending_inside_a_link_has_its_trailer_after_the_link() {
        let body = "Recalls of [the vehicles in question](https://example.org/r) went on.";
        let text = visible_text(body, RawHtml::Escape);
        let html = render_article(
            body,
            &[mark(&text, "Recalls of the vehicles", "q")],
            RawHtml::Escape,
            "",
            "¶",
        );
        assert!(
            html.contains(r#"<a href="https://example.org/r"><mark class="claim">the vehicles</mark> in question</a><sup>q</sup> went on."#),
            "{html}"
        );
        let whole = mark(&text, "the vehicles in question", "w");
        let html = render_article(body, &[whole], RawHtml::Escape, "", "¶");
        assert!(
            html.contains("in question</mark></a><sup>w</sup>"),
            "{html}"
        );
    }

    #[test]
    fn overlapping_marks_both_apply() {
        let body = "one two three four";
        let text = visible_text(body, RawHtml::Escape);
        let marks = [
            mark(&text, "one two three", "a"),
            mark(&text, "two three four", "b"),
        ];
        let html = render_article(body, &marks, RawHtml::Escape, "", "¶");
        assert!(
            html.contains(r#"<mark class="claim" id="a">one </mark><mark class="claim">"#),
            "{html}"
        );
        assert!(html.contains("three</mark></mark><sup>a</sup>"), "{html}");
        assert!(html.contains(" four</mark><sup>b</sup>"), "{html}");
    }
}
