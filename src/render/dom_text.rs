//! The text of a rendered page's `<body>` as a browser's DOM holds it, and
//! where each quoted passage (`<mark data-quote="…">`) lies in it: what
//! `annotations.jsonld` builds its `TextQuoteSelector`s from, so that
//! annotation clients such as Hypothesis find each quote exactly once.
//!
//! A single pass over the page gloss has just rendered, rather than a full
//! HTML5 parse: the pages come from gloss's templates, whose text and
//! attributes are escaped, so the tree builder's repairs (implied and
//! misnested tags, text foster-parented out of tables) never change their
//! text. The tokenizer's rules that do are kept: character references, raw
//! text in `<script>` and `<style>`, the newline dropped after `<pre>`, and
//! line endings normalised. A test holds this to html5ever's reading of the
//! default dossier.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;

use markup5ever::data::{C1_REPLACEMENTS, NAMED_ENTITIES};

/// Elements whose content is text up to their end tag, taken as written.
const RAW_TEXT: [&str; 6] = ["script", "style", "xmp", "iframe", "noembed", "noframes"];
/// Elements whose content is text up to their end tag, references decoded.
const ESCAPABLE_RAW_TEXT: [&str; 2] = ["textarea", "title"];
/// Elements that drop a newline directly after their start tag.
const DROPS_LEADING_NEWLINE: [&str; 3] = ["pre", "textarea", "listing"];

/// A page's DOM text, its quoted passages and its paragraphs.
#[derive(Debug, Default)]
pub(crate) struct DomText {
    /// The concatenated text nodes of `<body>`.
    pub(crate) text: String,
    /// Each `data-quote` value, and where its marks are.
    pub(crate) quotes: BTreeMap<String, Quoted>,
    /// Each paragraph with a citable id (`p-…`), and the span of `text` it
    /// holds, in the order they end.
    pub(crate) paragraphs: Vec<(String, Range<usize>)>,
}

/// Where a quoted passage is in a page's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Quoted {
    /// The span of the text its marks cover.
    pub(crate) span: Range<usize>,
    /// How many `<mark>` elements it is drawn in: more than one when it
    /// runs into or out of an element (a link, emphasis).
    pub(crate) pieces: usize,
}

impl DomText {
    /// The paragraph with a citable id that holds all of `span`, if one
    /// does.
    pub(crate) fn paragraph_around(&self, span: &Range<usize>) -> Option<&(String, Range<usize>)> {
        self.paragraphs
            .iter()
            .find(|(_, p)| p.start <= span.start && span.end <= p.end)
    }
}

impl DomText {
    /// Reads the page `html`.
    pub(crate) fn of(html: &str) -> DomText {
        let normalised;
        let html = if html.contains('\r') {
            normalised = html.replace("\r\n", "\n").replace('\r', "\n");
            &normalised
        } else {
            html
        };
        let mut reader = Reader {
            dom: DomText::default(),
            in_body: !has_body_tag(html),
            open_marks: Vec::new(),
            open_paragraphs: Vec::new(),
        };
        reader.read(html);
        reader.dom
    }
}

/// Whether the page has a `<body>` start tag; without one, everything is
/// the body.
fn has_body_tag(html: &str) -> bool {
    html.match_indices('<').any(|(at, _)| {
        let tag = &html[at + 1..];
        tag.get(..4).is_some_and(|n| n.eq_ignore_ascii_case("body"))
            && tag[4..].starts_with(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
    })
}

struct Reader {
    dom: DomText,
    in_body: bool,
    /// The `data-quote` of every `<mark>` open around the current text
    /// (`None` for marks without one).
    open_marks: Vec<Option<String>>,
    /// The citable id of every `<p>` open around the current text, and
    /// where its text starts (`None` for paragraphs without one).
    open_paragraphs: Vec<Option<(String, usize)>>,
}

impl Reader {
    fn read(&mut self, html: &str) {
        let mut rest = html;
        while !rest.is_empty() {
            let Some(at) = rest.find('<') else {
                self.text(&decode(rest));
                return;
            };
            self.text(&decode(&rest[..at]));
            rest = &rest[at..];
            rest = match rest.as_bytes().get(1) {
                Some(b'!' | b'?') => skip_markup_declaration(rest),
                Some(b'/') if rest.as_bytes().get(2).is_some_and(u8::is_ascii_alphabetic) => {
                    let (tag, after) = tag(&rest[2..]);
                    self.end_tag(&tag.name);
                    after
                }
                Some(c) if c.is_ascii_alphabetic() => {
                    let (tag, after) = tag(&rest[1..]);
                    self.start_tag(tag, after)
                }
                _ => {
                    self.text("<");
                    &rest[1..]
                }
            };
        }
    }

    /// Handles a start tag; returns the input after it and after any text
    /// the element takes raw.
    fn start_tag<'h>(&mut self, tag: Tag<'_>, after: &'h str) -> &'h str {
        let name = &*tag.name;
        if name == "body" {
            self.in_body = true;
        }
        if name == "mark" && !tag.self_closing {
            let quote = tag.data_quote.map(Cow::into_owned);
            if let Some(quote) = &quote {
                let at = self.dom.text.len();
                let quoted = self.dom.quotes.entry(quote.clone()).or_insert(Quoted {
                    span: at..at,
                    pieces: 0,
                });
                quoted.pieces += 1;
            }
            self.open_marks.push(quote);
        }
        if name == "p" && !tag.self_closing {
            let citable = tag.id.filter(|id| id.starts_with("p-"));
            let at = self.dom.text.len();
            self.open_paragraphs
                .push(citable.map(|id| (id.into_owned(), at)));
        }
        let mut after = after;
        if DROPS_LEADING_NEWLINE.contains(&name) {
            after = after.strip_prefix('\n').unwrap_or(after);
        }
        let raw = RAW_TEXT.contains(&name);
        if raw || ESCAPABLE_RAW_TEXT.contains(&name) {
            let end = find_end_tag(after, name);
            let content = &after[..end];
            if raw {
                self.text(content);
            } else {
                self.text(&decode(content));
            }
            return &after[end..];
        }
        after
    }

    /// Handles an end tag. `</body>` changes nothing: text after it still
    /// joins the body, as the tree builder's "after body" rules say.
    fn end_tag(&mut self, name: &str) {
        if name == "mark" {
            self.open_marks.pop();
        }
        if name == "p"
            && let Some(Some((id, start))) = self.open_paragraphs.pop()
        {
            let span = start..self.dom.text.len();
            self.dom.paragraphs.push((id, span));
        }
    }

    fn text(&mut self, chunk: &str) {
        if !self.in_body || chunk.is_empty() {
            return;
        }
        let range = self.dom.text.len()..self.dom.text.len() + chunk.len();
        self.dom.text.push_str(chunk);
        for quote in self.open_marks.iter().flatten() {
            if let Some(quoted) = self.dom.quotes.get_mut(quote) {
                let span = &mut quoted.span;
                if span.start == span.end {
                    *span = range.clone();
                }
                span.start = span.start.min(range.start);
                span.end = span.end.max(range.end);
            }
        }
    }
}

/// A start or end tag's name (lower-cased), its `id` and `data-quote`
/// attributes and whether it closes itself; borrowed from the page unless
/// lower-casing or decoding changed them, since a page has thousands of
/// tags and keeps the names and values of only a few.
struct Tag<'h> {
    name: Cow<'h, str>,
    id: Option<Cow<'h, str>>,
    data_quote: Option<Cow<'h, str>>,
    self_closing: bool,
}

/// Reads a tag from just after its `<` or `</`; returns it and the input
/// after its `>`.
fn tag(input: &str) -> (Tag<'_>, &str) {
    // Byte by byte: every character that ends a name is ASCII.
    let name_end = input
        .bytes()
        .position(|b| b.is_ascii_whitespace() || b == b'/' || b == b'>')
        .unwrap_or(input.len());
    let name = &input[..name_end];
    let mut tag = Tag {
        name: if name.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(name.to_ascii_lowercase())
        } else {
            Cow::Borrowed(name)
        },
        id: None,
        data_quote: None,
        self_closing: false,
    };
    let mut rest = &input[name_end..];
    loop {
        rest = rest.trim_ascii_start();
        if let Some(after) = rest.strip_prefix('>') {
            return (tag, after);
        }
        if let Some(after) = rest.strip_prefix("/>") {
            tag.self_closing = true;
            return (tag, after);
        }
        if rest.is_empty() {
            return (tag, rest);
        }
        let attribute_end = rest.as_bytes()[1..]
            .iter()
            .position(|&b| b.is_ascii_whitespace() || b == b'/' || b == b'>' || b == b'=')
            .map_or(rest.len(), |i| i + 1);
        let name = &rest[..attribute_end];
        rest = rest[attribute_end..].trim_ascii_start();
        let Some(value_start) = rest.strip_prefix('=') else {
            continue;
        };
        let value_start = value_start.trim_ascii_start();
        let (value, after) = attribute_value(value_start);
        if name.eq_ignore_ascii_case("data-quote") && tag.data_quote.is_none() {
            tag.data_quote = Some(decode(value));
        }
        if name.eq_ignore_ascii_case("id") && tag.id.is_none() {
            tag.id = Some(decode(value));
        }
        rest = after;
    }
}

/// An attribute's value, quoted or not, and the input after it.
fn attribute_value(input: &str) -> (&str, &str) {
    match input.chars().next() {
        Some(quote @ ('"' | '\'')) => {
            let body = &input[1..];
            match body.find(quote) {
                Some(end) => (&body[..end], &body[end + 1..]),
                None => (body, ""),
            }
        }
        _ => {
            let end = input
                .bytes()
                .position(|b| b.is_ascii_whitespace() || b == b'>')
                .unwrap_or(input.len());
            (&input[..end], &input[end..])
        }
    }
}

/// Skips a comment (`<!-- … -->`), doctype or other `<!…>`/`<?…>`.
fn skip_markup_declaration(input: &str) -> &str {
    if let Some(comment) = input.strip_prefix("<!--") {
        for ending in ["-->", "--!>"] {
            if let Some(end) = comment.find(ending) {
                return &comment[end + ending.len()..];
            }
        }
        return "";
    }
    input.find('>').map_or("", |end| &input[end + 1..])
}

/// Where the end tag `</name` of a raw text element starts in `input`.
fn find_end_tag(input: &str, name: &str) -> usize {
    let mut from = 0;
    while let Some(at) = input[from..].find("</").map(|i| i + from) {
        let candidate = &input[at + 2..];
        let closes = candidate
            .get(..name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
            && candidate[name.len()..]
                .starts_with(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>');
        if closes {
            return at;
        }
        from = at + 2;
    }
    input.len()
}

/// `text` with its character references (`&amp;`, `&#39;`, `&#x2014;`)
/// replaced by what they stand for, as the HTML tokenizer does.
fn decode(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at + 1..];
        let (decoded, len) = if rest.starts_with('#') {
            numeric_reference(rest)
        } else {
            named_reference(rest)
        };
        match decoded {
            Some(decoded) => out.push_str(&decoded),
            None => out.push('&'),
        }
        rest = &rest[len..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// `#123;` or `#x7b;` (after the `&`): the character and the length read.
fn numeric_reference(input: &str) -> (Option<String>, usize) {
    let (radix, digits_start) = match input.as_bytes().get(1) {
        Some(b'x' | b'X') => (16, 2),
        _ => (10, 1),
    };
    let digits_len = input[digits_start..]
        .find(|c: char| !c.is_digit(radix))
        .unwrap_or(input.len() - digits_start);
    if digits_len == 0 {
        return (None, 0);
    }
    let digits = &input[digits_start..digits_start + digits_len];
    let mut len = digits_start + digits_len;
    if input[len..].starts_with(';') {
        len += 1;
    }
    let code = u32::from_str_radix(digits, radix).unwrap_or(u32::MAX);
    let c = match code {
        0x80..=0x9F => C1_REPLACEMENTS[(code - 0x80) as usize]
            .unwrap_or_else(|| char::from_u32(code).expect("a C1 control is a char")),
        _ => char::from_u32(code)
            .filter(|c| *c != '\0')
            .unwrap_or(char::REPLACEMENT_CHARACTER),
    };
    (Some(c.to_string()), len)
}

/// `amp;` (after the `&`): the longest entity name the input starts with,
/// with or without its `;` where HTML allows that.
fn named_reference(input: &str) -> (Option<String>, usize) {
    let name_len = input
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(input.len());
    let with_semicolon = input[name_len..].starts_with(';');
    let longest = name_len + usize::from(with_semicolon);
    (1..=longest)
        .rev()
        .find_map(|len| {
            let (first, second) = NAMED_ENTITIES.get(&input[..len])?;
            let mut decoded: String = char::from_u32(*first).into_iter().collect();
            decoded.extend(char::from_u32(*second).filter(|_| *second != 0));
            Some((Some(decoded), len))
        })
        .unwrap_or((None, 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_marked_passages_across_elements() {
        let dom = DomText::of(
            "<html><head><title>T</title></head><body><p>He said <mark data-quote=\"quote-c\">it was </mark><em><mark data-quote=\"quote-c\">false</mark></em><sup>1</sup> today.</p></body></html>",
        );
        assert_eq!(dom.text, "He said it was false1 today.");
        assert_eq!(
            &dom.text[dom.quotes["quote-c"].span.clone()],
            "it was false"
        );
        assert_eq!(dom.quotes["quote-c"].pieces, 2);
    }

    #[test]
    fn follows_the_tokenizer_rules_that_change_text() {
        let dom = DomText::of(
            "<!DOCTYPE html><body><!-- a <b> comment --><p title='x>y'>A&amp;B &#x2014; &eacute &notin; &#150;</p><pre>\nline</pre><script>if (a < b) {}</script>a < b\r\nc</body>",
        );
        assert_eq!(dom.text, "A&B — é ∉ –lineif (a < b) {}a < b\nc");
    }

    #[test]
    fn reads_tag_and_attribute_names_in_any_case() {
        let dom = DomText::of(
            "<BODY><P ID=\"p-a\">One <Mark DATA-QUOTE=\"quote-&#99;\">two</MARK> three</p></Body>",
        );
        assert_eq!(dom.text, "One two three");
        assert_eq!(&dom.text[dom.quotes["quote-c"].span.clone()], "two");
        assert_eq!(dom.paragraphs, [("p-a".to_owned(), 0..13)]);
    }

    #[test]
    fn reads_attribute_names_that_begin_outside_ascii() {
        // A template's own markup; reading it once split the first
        // character of the name.
        let html = "<body><p é=\"x\" id=\"p-b\">Text</p></body>";
        let dom = DomText::of(html);
        assert_eq!(dom.text, html5ever_text(html));
        assert_eq!(dom.paragraphs, [("p-b".to_owned(), 0..4)]);
    }

    /// The page text as html5ever reads it, as the reference.
    fn html5ever_text(html: &str) -> String {
        let document = scraper::Html::parse_document(html);
        let body = scraper::Selector::parse("body").unwrap();
        document
            .select(&body)
            .next()
            .map(|b| b.text().collect())
            .unwrap_or_default()
    }

    #[test]
    fn agrees_with_html5ever_on_the_default_dossier() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let compiled = crate::site::compile(root).expect("the default dossier builds");
        let pages = compiled
            .files
            .iter()
            .filter(|f| f.path.extension().is_some_and(|e| e == "html"));
        let mut compared = 0;
        for page in pages {
            let html = std::str::from_utf8(&page.contents).unwrap();
            assert_eq!(
                DomText::of(html).text,
                html5ever_text(html),
                "{}",
                page.path.display()
            );
            compared += 1;
        }
        assert!(compared > 50, "only {compared} pages");
    }
}
