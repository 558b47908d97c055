//! The one place pulldown-cmark's options are chosen, so the visible text
//! used for anchoring and the rendered HTML always come from the same parse.

use pulldown_cmark::{Event, Options, Parser};

/// The parser for dossier Markdown, before raw HTML is turned into text.
pub(crate) fn parser(markdown: &str) -> Parser<'_> {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    Parser::new_ext(markdown, options)
}

/// The events of dossier Markdown: tables, footnotes and strikethrough on;
/// smart punctuation off, because an article's characters must stay exactly
/// as published. Raw HTML arrives as text, so it is shown escaped and every
/// `Event::Html` later in the chain is one gloss wrote itself.
pub(crate) fn events(markdown: &str) -> impl Iterator<Item = Event<'_>> {
    parser(markdown).map(|event| match event {
        Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
        other => other,
    })
}
