//! The text a reader sees, built event by event.
//!
//! Quotes are anchored in this text, and the renderer walks the same events
//! with the same [`VisibleText`] to find where each anchored range falls, so
//! the two can never disagree. Text inside code blocks and image alt text is
//! left out: it cannot carry a mark.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::{RawHtml, options};

/// Accumulates visible text while events are fed to it.
#[derive(Debug, Default)]
pub(crate) struct VisibleText {
    text: String,
    image_depth: usize,
    in_code_block: bool,
}

impl VisibleText {
    /// Feeds one event; returns the range of `text` holding the event's own
    /// characters when they are visible and can be marked.
    pub(crate) fn feed(&mut self, event: &Event<'_>) -> Option<Range<usize>> {
        match event {
            Event::Text(s) | Event::Code(s) if self.image_depth == 0 && !self.in_code_block => {
                let start = self.text.len();
                self.text.push_str(s);
                return Some(start..self.text.len());
            }
            Event::SoftBreak => self.text.push(' '),
            Event::HardBreak | Event::Rule => self.text.push('\n'),
            Event::Start(Tag::Image { .. }) => self.image_depth += 1,
            Event::End(TagEnd::Image) => self.image_depth -= 1,
            Event::Start(Tag::CodeBlock(_)) => self.in_code_block = true,
            Event::End(end) => {
                if *end == TagEnd::CodeBlock {
                    self.in_code_block = false;
                }
                if ends_block(end) && !self.text.is_empty() && !self.text.ends_with('\n') {
                    self.text.push('\n');
                }
            }
            _ => {}
        }
        None
    }

    /// The text seen so far.
    pub(crate) fn as_str(&self) -> &str {
        &self.text
    }

    /// The text, once every event is seen.
    pub(crate) fn into_text(self) -> String {
        self.text
    }
}

fn ends_block(end: &TagEnd) -> bool {
    !matches!(
        end,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// The reader-visible text of a Markdown document: Markdown syntax removed,
/// blocks separated by line breaks.
pub fn visible_text(markdown: &str, raw_html: RawHtml) -> String {
    let mut visible = VisibleText::default();
    for event in options::events(markdown, raw_html) {
        visible.feed(&event);
    }
    visible.into_text()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_syntax_and_separates_blocks() {
        let md = "A *quoted* [link](x) here\nand `code`.\n\n> Block ![alt](i.png)\n\n```\nlet x;\n```\nEnd";
        assert_eq!(
            visible_text(md, RawHtml::Escape),
            "A quoted link here and code.\nBlock \nEnd\n"
        );
    }
}
