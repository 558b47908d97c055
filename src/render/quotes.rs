//! Quotation marks around the words a page quotes: a report's passage in
//! a note, in the wording table and in a claim's version, an editor's
//! reason, a page's title in its citation.
//!
//! The marks are the dossier's language's (“…” in English, « … » in
//! French), and a quote's own marks are never doubled: editors often
//! select a passage with the report's opening or closing mark, and the
//! report's characters are shown as they are, so gloss adds only what is
//! missing: the partner of the report's own mark where it has one, the
//! language's mark where it has none or it is a straight mark.

use std::collections::HashMap;
use std::sync::Arc;

use super::strings::Strings;

/// The marks that open a quotation, each with the marks that close it.
/// A closing single mark (’) is left out: at the end of a passage it is
/// as often an apostrophe ("the workers’").
const OPENERS: [(char, &[char]); 7] = [
    ('“', &['”']),
    ('„', &['“', '”']),
    ('«', &['»']),
    ('‘', &['’']),
    ('「', &['」']),
    ('『', &['』']),
    ('"', &['"']),
];

/// The marks that close a quotation, each with the marks that open it.
const CLOSERS: [(char, &[char]); 6] = [
    ('”', &['“', '„']),
    ('“', &['„']),
    ('»', &['«']),
    ('」', &['「']),
    ('』', &['『']),
    ('"', &['"']),
];

/// What to print before and after a quote.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Marks {
    /// Before the quote: the language's opening mark, the partner of a
    /// closing mark the quote ends with, or nothing.
    pub(crate) open: String,
    /// After it, likewise.
    pub(crate) close: String,
}

impl Marks {
    /// The marks around `quote` in a page of `strings`' language.
    pub(crate) fn around(quote: &str, strings: &Strings) -> Marks {
        let leading = leading_mark(quote);
        let trailing = trailing_mark(quote);
        if leading == Some(Pairing::Closed { at_end: true }) {
            return Marks {
                open: String::new(),
                close: String::new(),
            };
        }
        let open = match (&leading, &trailing) {
            (Some(Pairing::Open(_)), _) => String::new(),
            (_, Some(Pairing::Open(Some(partner)))) => partner.clone(),
            _ => strings.get("quote-open").to_owned(),
        };
        let close = match (&trailing, &leading) {
            (Some(Pairing::Open(_)), _) => String::new(),
            (_, Some(Pairing::Open(Some(partner)))) => partner.clone(),
            _ => strings.get("quote-close").to_owned(),
        };
        Marks { open, close }
    }
}

/// `quote` between its [`Marks`].
pub(crate) fn quoted(quote: &str, strings: &Strings) -> String {
    let Marks { open, close } = Marks::around(quote, strings);
    format!("{open}{quote}{close}")
}

/// Whether a mark at one end of a quote is closed within it.
#[derive(Debug, PartialEq, Eq)]
enum Pairing {
    /// It is not: the quote needs a mark at its other end, the partner
    /// given or, for a straight mark (whose partner in the report may
    /// have been a curly one), the language's.
    Open(Option<String>),
    /// It is, by the mark at the other end or by one inside.
    Closed { at_end: bool },
}

/// The pairing of the opening mark `quote` starts with, if it starts
/// with one.
fn leading_mark(quote: &str) -> Option<Pairing> {
    let first = quote.chars().next()?;
    let (_, closers) = OPENERS.iter().find(|(opener, _)| *opener == first)?;
    let rest = &quote[first.len_utf8()..];
    let mut depth = 0usize;
    for (i, c) in rest.char_indices() {
        if closers.contains(&c) {
            if depth == 0 {
                return Some(Pairing::Closed {
                    at_end: i + c.len_utf8() == rest.len(),
                });
            }
            depth -= 1;
        } else if c == first {
            depth += 1;
        }
    }
    let space = rest.chars().next().filter(|c| is_mark_space(*c));
    Some(Pairing::Open((first != '"').then(|| match space {
        Some(space) => format!("{space}{}", closers[0]),
        None => closers[0].to_string(),
    })))
}

/// The pairing of the closing mark `quote` ends with, if it ends with
/// one.
fn trailing_mark(quote: &str) -> Option<Pairing> {
    let last = quote.chars().next_back()?;
    let (_, openers) = CLOSERS.iter().find(|(closer, _)| *closer == last)?;
    let rest = &quote[..quote.len() - last.len_utf8()];
    let mut depth = 0usize;
    for (i, c) in rest.char_indices().rev() {
        if openers.contains(&c) {
            if depth == 0 {
                return Some(Pairing::Closed { at_end: i == 0 });
            }
            depth -= 1;
        } else if c == last {
            depth += 1;
        }
    }
    let space = rest.chars().next_back().filter(|c| is_mark_space(*c));
    Some(Pairing::Open((last != '"').then(|| match space {
        Some(space) => format!("{}{space}", openers[0]),
        None => openers[0].to_string(),
    })))
}

/// A space that typography sets between a guillemet and its words.
fn is_mark_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}')
}

/// `title` quoted inside a quotation, as a citation quotes a title that
/// quotes: its marks that are the language's own (“…” in English, « … »
/// in French) and its straight ones (taken in turn as opening and
/// closing) made the language's inner marks, so that no mark reads as the
/// end of the citation's.
pub(crate) fn nested(title: &str, strings: &Strings) -> String {
    let outer_open = strings.get("quote-open").trim();
    let outer_close = strings.get("quote-close").trim();
    let inner_open = strings.get("quote-inner-open");
    let inner_close = strings.get("quote-inner-close");
    let mut straight_open = false;
    let mut out = String::with_capacity(title.len());
    let mut chars = title.chars().peekable();
    while let Some(c) = chars.next() {
        let mut buffer = [0; 4];
        let mark = &*c.encode_utf8(&mut buffer);
        let opens = mark == outer_open || (c == '"' && !straight_open);
        let closes = mark == outer_close || c == '"';
        if c == '"' {
            straight_open = !straight_open;
        }
        if opens {
            out.push_str(inner_open);
            chars.next_if(|next| is_mark_space(*next));
        } else if closes {
            out.truncate(out.trim_end_matches(is_mark_space).len());
            out.push_str(inner_close);
        } else {
            out.push(c);
        }
    }
    out
}

/// The Tera filter `quoted`: the value between its [`Marks`].
pub(super) struct Quoted(pub(super) Arc<Strings>);

impl tera::Filter for Quoted {
    fn filter(
        &self,
        value: &tera::Value,
        _: &HashMap<String, tera::Value>,
    ) -> tera::Result<tera::Value> {
        let quote = value
            .as_str()
            .ok_or_else(|| tera::Error::msg("`quoted` quotes text"))?;
        Ok(tera::Value::String(quoted(quote, &self.0)))
    }
}

/// The Tera function `quote_marks(quote=…)`: the [`Marks`] as `open` and
/// `close`, for a template that prints the quote itself in parts (the
/// wording table marks the words that differ).
pub(super) struct QuoteMarks(pub(super) Arc<Strings>);

impl tera::Function for QuoteMarks {
    fn call(&self, args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
        let quote = args
            .get("quote")
            .and_then(tera::Value::as_str)
            .ok_or_else(|| tera::Error::msg("quote_marks() needs quote=\"…\""))?;
        let Marks { open, close } = Marks::around(quote, &self.0);
        let mut marks = tera::Map::new();
        marks.insert("open".into(), open.into());
        marks.insert("close".into(), close.into());
        Ok(tera::Value::Object(marks))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en(quote: &str) -> String {
        quoted(quote, &Strings::built_in("en"))
    }

    fn fr(quote: &str) -> String {
        quoted(quote, &Strings::built_in("fr"))
    }

    #[test]
    fn a_quote_without_marks_takes_the_languages() {
        assert_eq!(en("purely ungrounded"), "“purely ungrounded”");
        assert_eq!(fr("sans fondement"), "«\u{a0}sans fondement\u{a0}»");
        assert_eq!(en("the workers’"), "“the workers’”");
    }

    #[test]
    fn a_quote_selected_with_the_reports_marks_keeps_them_and_gets_their_partners() {
        assert_eq!(
            en("“If the case is not withdrawn”"),
            "“If the case is not withdrawn”"
        );
        assert_eq!(
            en("“If the case is not withdrawn"),
            "“If the case is not withdrawn”"
        );
        assert_eq!(
            en("the case is not withdrawn”"),
            "“the case is not withdrawn”"
        );
        assert_eq!(fr("\"Nous refusons\""), "\"Nous refusons\"");
        assert_eq!(fr("\"Nous refusons"), "\"Nous refusons\u{a0}»");
        assert_eq!(en("extremely absurd,\""), "“extremely absurd,\"");
        assert_eq!(en("« Nous refusons"), "« Nous refusons »");
        assert_eq!(en("nous refusons\u{a0}»"), "«\u{a0}nous refusons\u{a0}»");
        assert_eq!(en("„Wir lehnen ab"), "„Wir lehnen ab“");
        assert_eq!(en("„Wir lehnen ab“"), "„Wir lehnen ab“");
        assert_eq!(en("「我们拒绝"), "「我们拒绝」");
    }

    #[test]
    fn marks_closed_inside_the_quote_are_the_reports_and_the_quote_still_takes_the_languages() {
        assert_eq!(en("“We will fight,” he said"), "““We will fight,” he said”");
        assert_eq!(en("he called it “a farce”"), "“he called it “a farce””");
        assert_eq!(en("\"a\" and \"b\""), "“\"a\" and \"b\"”");
        assert_eq!(en("“a “b” c”"), "“a “b” c”");
    }

    #[test]
    fn a_title_quoted_in_a_citation_takes_the_inner_marks() {
        let en_strings = Strings::built_in("en");
        assert_eq!(
            nested("\"China is one of the main victims\"", &en_strings),
            "‘China is one of the main victims’"
        );
        assert_eq!(
            nested("A “working group” met", &en_strings),
            "A ‘working group’ met"
        );
        let fr_strings = Strings::built_in("fr");
        assert_eq!(
            nested("Le « groupe de travail » s'est réuni", &fr_strings),
            "Le “groupe de travail” s'est réuni"
        );
    }
}
