//! The one place pulldown-cmark's options are chosen, so the visible text
//! used for anchoring and the rendered HTML always come from the same parse.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag};

use super::RawHtml;
use crate::vocabulary::ItemKind;

/// The parser for dossier Markdown, before raw HTML is turned into text.
pub(crate) fn parser(markdown: &str) -> Parser<'_> {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    Parser::new_ext(markdown, options)
}

/// The events of dossier Markdown: tables, footnotes and strikethrough on;
/// smart punctuation off, because an article's characters must stay exactly
/// as published. With [`RawHtml::Escape`], raw HTML arrives as text, so it
/// is shown escaped and every `Event::Html` later in the chain is one gloss
/// wrote itself; with [`RawHtml::Sanitize`] it stays HTML (not visible text,
/// so it cannot be quoted) and the final output is sanitised.
///
/// A link or image with an unsafe scheme (`javascript:` and the like) loses
/// its destination here, whatever checks ran before: the check reports it,
/// this makes sure it never reaches a page.
pub(crate) fn events(markdown: &str, raw_html: RawHtml) -> impl Iterator<Item = Event<'_>> {
    parser(markdown).map(move |event| match event {
        Event::Html(html) | Event::InlineHtml(html) if raw_html == RawHtml::Escape => {
            Event::Text(html)
        }
        other => with_destination(other, |dest| {
            if is_safe_url(&dest) {
                dest
            } else {
                CowStr::from("")
            }
        }),
    })
}

/// `event` with its destination passed through `change` if it starts a
/// link or an image, as it is otherwise.
pub(crate) fn with_destination<'e>(
    event: Event<'e>,
    change: impl FnOnce(CowStr<'e>) -> CowStr<'e>,
) -> Event<'e> {
    match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: change(dest_url),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: change(dest_url),
            title,
            id,
        }),
        other => other,
    }
}

/// Whether a link destination is safe to put in a page: relative, `http`,
/// `https` or `mailto`, or a link to a dossier item (`claim:id`), which
/// becomes a relative link. Browsers ignore white space and control
/// characters in a scheme (`java\tscript:`), so the check does too.
pub fn is_safe_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect();
    let Some((scheme, _)) = cleaned.split_once(':') else {
        return true;
    };
    let is_scheme = scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c));
    if !is_scheme {
        return true;
    }
    let scheme = scheme.to_ascii_lowercase();
    matches!(scheme.as_str(), "http" | "https" | "mailto") || ItemKind::named(&scheme).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_mail_and_relative_links_are_safe() {
        for safe in [
            "https://x.org",
            "http://x",
            "mailto:a@b",
            "../claims/x/",
            "#p-a",
            "/a/b",
            "./a:b",
            "?q=a:b",
            "claim:x",
            "article:y#p-z",
        ] {
            assert!(is_safe_url(safe), "{safe}");
        }
        for bad in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "java\tscript:x",
            "data:text/html,x",
            "vbscript:x",
            "file:///etc/passwd",
        ] {
            assert!(!is_safe_url(&bad.replace("\\t", "\t")), "{bad}");
        }
    }
}
