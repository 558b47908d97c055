//! The built-in templates of the pages a dossier has by the thousand,
//! written in Rust: claims', their versions', reports', entities',
//! events', the claims and sources indexes' and the later pages of long
//! lists ([`Drawn`] says why).
//! Each module follows its template (`templates/<name>.html`) line by
//! line, whitespace included, so that a change to one is made to the
//! other in the same place; the test suite builds fixture dossiers with
//! these and with the templates through Tera and compares every file.
//!
//! What Tera does that the drawing must do too: every `{{ … }}` of text is
//! escaped ([`Html::text`]), a `t(…)` keeps apostrophes ([`Html::t`]), a
//! macro's or a `| safe` value is copied as it is ([`Html::raw`]), and an
//! `{% if x %}` is false for an empty text or list and for zero as much as
//! for a value left out ([`present`]).
//!
//! [`Drawn`]: super::page::Drawn

mod article;
mod base;
mod claim;
mod claim_version;
mod claims;
mod entity;
mod event;
mod long_list;
mod macros;
mod sources;

use super::fragments;
use super::model::SourceView;
use super::quotes;
use super::strings::Strings;
use crate::escape;

/// A page being drawn: the markup so far, and the interface's words its
/// `t(…)` calls print.
struct Html<'s> {
    out: String,
    strings: &'s Strings,
}

impl<'s> Html<'s> {
    /// An empty page, with room for a typical one.
    fn new(strings: &'s Strings) -> Self {
        Html {
            out: String::with_capacity(32 * 1024),
            strings,
        }
    }

    /// Markup, or a value the template prints `| safe`, as it is.
    fn raw(&mut self, markup: &str) -> &mut Self {
        self.out.push_str(markup);
        self
    }

    /// Text, escaped as Tera's `{{ … }}` escapes it.
    fn text(&mut self, text: &str) -> &mut Self {
        escape::push_html(&mut self.out, text);
        self
    }

    /// A number, as Tera prints it.
    fn number(&mut self, n: usize) -> &mut Self {
        self.out.push_str(&n.to_string());
        self
    }

    /// `t(key=…)`: the interface's words for `key`.
    fn t(&mut self, key: &str) -> &mut Self {
        escape::push_html_keeping_apostrophes(&mut self.out, self.strings.get(key));
        self
    }

    /// `t(key=…, name=value…)`: the words for `key`, each `{name}` filled.
    fn t_with(&mut self, key: &str, args: &[(&str, &str)]) -> &mut Self {
        let words = self.strings.fill(key, args);
        escape::push_html_keeping_apostrophes(&mut self.out, &words);
        self
    }

    /// `t(key=…, n=…)`: the words for `key` in the plural form for `n`.
    fn t_count(&mut self, key: &str, n: usize) -> &mut Self {
        let words = self.strings.count(key, n as u64);
        escape::push_html_keeping_apostrophes(&mut self.out, &words);
        self
    }

    /// `<a href="{{ root }}{{ href }}">{{ title }}</a>`: a link to a
    /// page of the site, from the page at `root`.
    fn link(&mut self, root: &str, href: &str, title: &str) -> &mut Self {
        fragments::push_link(&mut self.out, root, href, title);
        self
    }

    /// `<span class="unrecorded">{{ t(key=…) }}</span>`: what the
    /// dossier does not record, said in the words for `key`.
    fn unrecorded(&mut self, key: &str) -> &mut Self {
        self.raw("<span class=\"unrecorded\">")
            .t(key)
            .raw("</span>")
    }

    /// `<a href="{{ url }}" rel="nofollow noopener">{{ title }}</a>`: a
    /// link out of the site, to an original or a source.
    fn outside_link(&mut self, url: &str, title: &str) -> &mut Self {
        self.raw("<a href=\"")
            .text(url)
            .raw("\" rel=\"nofollow noopener\">")
            .text(title)
            .raw("</a>")
    }

    /// A cited source's title (linked to it, or marked as having no
    /// address), publisher and date, as `claim.html` and `sources.html`
    /// both write them.
    fn source_head(&mut self, s: &SourceView) -> &mut Self {
        match present(&s.url) {
            Some(url) => self.outside_link(url, &s.title),
            None => self
                .text(&s.title)
                .raw(" <span class=\"unrecorded\">(")
                .t("url-not-recorded")
                .raw(")</span>"),
        };
        if let Some(publisher) = present(&s.publisher) {
            self.raw(", ").text(publisher);
        }
        if let Some(date) = &s.date {
            self.raw(", ").date(date);
        }
        self
    }

    /// A text, or the words for `missing` marked as unrecorded.
    fn or_unrecorded(&mut self, text: &Option<String>, missing: &str) -> &mut Self {
        match present(text) {
            Some(text) => self.text(text),
            None => self.unrecorded(missing),
        }
    }

    /// `{{ text | quoted }}`: the text between the language's marks.
    fn quoted(&mut self, text: &str) -> &mut Self {
        let quoted = quotes::quoted(text, self.strings);
        self.text(&quoted)
    }

    /// The page drawn.
    fn finish(self) -> String {
        self.out
    }
}

/// The text of an optional value, if Tera's `{% if … %}` would take it as
/// true: given, and not empty.
fn present(value: &Option<String>) -> Option<&str> {
    value.as_deref().filter(|text| !text.is_empty())
}
