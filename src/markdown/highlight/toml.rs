//! A TOML highlighter for the annotation blocks shown on every claim,
//! event and entity page.
//!
//! Those blocks are TOML that has already parsed, one or two per page and
//! tens of thousands per dossier, so a single pass over the bytes does the
//! job that syntect's regex grammar did at many times the cost. It marks
//! only the tokens the stylesheet colours (keys, strings, numbers, dates,
//! booleans, escapes, comments and array brackets), each with the classes
//! of syntect's TOML scope that its themes' rules select (`hl-string`,
//! `hl-entity hl-name hl-tag`, …), and leaves the punctuation the themes
//! leave in the text colour (`=`, `.`, `,`, table headers and braces) as
//! plain text: the block looks the same with far less markup than
//! marking every token takes. A dossier's own `highlight.css` that
//! colours punctuation reaches it in code fences, not in these blocks.

use crate::escape;

/// What the highlighter expects next outside strings and comments.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// A key: at the start of a line, or inside `{ … }`.
    Key,
    /// A value: after `=`, or inside `[ … ]`.
    Value,
}

/// Highlights `source`, a TOML document, as classed spans (without the
/// `<pre>` around them).
pub(super) fn highlight(source: &str) -> String {
    let mut out = String::with_capacity(source.len() * 3);
    let mut rest = source;
    let mut expect = Expect::Key;
    // The brackets open in the current value: `[` arrays and `{` tables.
    let mut open: Vec<u8> = Vec::new();
    let mut line_start = true;
    while let Some(first) = rest.chars().next() {
        let taken = match first {
            '\n' => {
                if open.is_empty() {
                    expect = Expect::Key;
                }
                line_start = true;
                out.push('\n');
                1
            }
            c if c.is_whitespace() => {
                out.push(c);
                c.len_utf8()
            }
            '#' => {
                let end = rest.find('\n').unwrap_or(rest.len());
                span(&mut out, "hl-comment", &rest[..end]);
                end
            }
            '[' if line_start && open.is_empty() => table_header(&mut out, rest),
            '"' | '\'' => {
                let len = string_len(rest);
                let class = if expect == Expect::Key {
                    "hl-entity hl-name hl-tag"
                } else {
                    "hl-string"
                };
                string(&mut out, class, &rest[..len]);
                len
            }
            '=' => {
                expect = Expect::Value;
                out.push('=');
                1
            }
            '.' if expect == Expect::Key => {
                out.push('.');
                1
            }
            '[' | '{' => {
                open.push(first as u8);
                expect = if first == '{' {
                    Expect::Key
                } else {
                    Expect::Value
                };
                bracket(&mut out, &rest[..1]);
                1
            }
            ']' | '}' => {
                open.pop();
                bracket(&mut out, &rest[..1]);
                1
            }
            ',' => {
                expect = if open.last() == Some(&b'{') {
                    Expect::Key
                } else {
                    Expect::Value
                };
                out.push(',');
                1
            }
            _ => {
                let len = rest
                    .find(|c: char| c.is_whitespace() || "=,]}#[{\"'".contains(c))
                    .unwrap_or(rest.len())
                    .max(first.len_utf8());
                let word = &rest[..len];
                let word = if expect == Expect::Key {
                    // A dotted bare key stops at each dot.
                    &word[..word.find('.').unwrap_or(word.len()).max(1)]
                } else {
                    word
                };
                span(&mut out, word_class(expect, word), word);
                word.len()
            }
        };
        if first != '\n' && !first.is_whitespace() {
            line_start = false;
        }
        rest = &rest[taken..];
    }
    out
}

/// An array's bracket, which the dark theme colours, or an inline
/// table's brace, which neither theme does.
fn bracket(out: &mut String, bracket: &str) {
    match bracket {
        "[" | "]" => span(out, "hl-punctuation hl-definition hl-array", bracket),
        _ => out.push_str(bracket),
    }
}

/// The class of a bare word: a key, a boolean, a date or time, or a number.
fn word_class(expect: Expect, word: &str) -> &'static str {
    let starts_with_digit = word.starts_with(|c: char| c.is_ascii_digit());
    match word {
        _ if expect == Expect::Key => "hl-entity hl-name hl-tag",
        "true" | "false" => "hl-constant hl-language",
        _ if starts_with_digit && (word.contains(':') || word[1..].contains('-')) => {
            "hl-constant hl-other"
        }
        _ => "hl-constant hl-numeric",
    }
}

/// A `[table]` or `[[array]]` header, up to its closing brackets, which
/// the themes leave in the text colour; returns how many bytes it took.
fn table_header(out: &mut String, rest: &str) -> usize {
    let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let double = line.starts_with("[[");
    let (open, close) = if double { ("[[", "]]") } else { ("[", "]") };
    let len = line[open.len()..]
        .find(close)
        .map_or(line.len(), |i| open.len() + i + close.len());
    escape::push_html_text(out, &line[..len]);
    len
}

/// The length of the string at the start of `rest`: basic (`"`), literal
/// (`'`) or either's multi-line form, up to and including its closing
/// quotes (or to the end, if it has none).
fn string_len(rest: &str) -> usize {
    // By bytes: a string ends only at an ASCII quote or line break, and a
    // backslash escapes what follows (a byte of it skipped is never one
    // of those, even when the character is longer).
    let bytes = rest.as_bytes();
    let quote = bytes[0];
    let multi_line = bytes.starts_with(&[quote; 3]);
    let delimiter: &[u8] = if multi_line { &bytes[..3] } else { &bytes[..1] };
    let basic = quote == b'"';
    let body = &bytes[delimiter.len()..];
    let mut i = 0;
    while i < body.len() {
        let b = body[i];
        if basic && b == b'\\' {
            i += 2;
            continue;
        }
        if body[i..].starts_with(delimiter) {
            // TOML allows up to two extra quotes before a closing triple.
            let extra = body[i + delimiter.len()..]
                .iter()
                .take_while(|&&b| b == quote)
                .count()
                .min(if multi_line { 2 } else { 0 });
            return delimiter.len() + i + delimiter.len() + extra;
        }
        if !multi_line && b == b'\n' {
            return delimiter.len() + i;
        }
        i += 1;
    }
    rest.len()
}

/// A string token, with its escapes marked when it is a basic string.
fn string(out: &mut String, class: &str, token: &str) {
    out.push_str("<span class=\"");
    out.push_str(class);
    out.push_str("\">");
    if token.starts_with('"') {
        let mut rest = token;
        while let Some(at) = rest.find('\\') {
            escape::push_html_text(out, &rest[..at]);
            let len = rest[at + 1..]
                .chars()
                .next()
                .map_or(1, |c| 1 + c.len_utf8());
            span(
                out,
                "hl-constant hl-character hl-escape",
                &rest[at..at + len],
            );
            rest = &rest[at + len..];
        }
        escape::push_html_text(out, rest);
    } else {
        escape::push_html_text(out, token);
    }
    out.push_str("</span>");
}

fn span(out: &mut String, class: &str, text: &str) {
    out.push_str("<span class=\"");
    out.push_str(class);
    out.push_str("\">");
    escape::push_html_text(out, text);
    out.push_str("</span>");
}

#[cfg(test)]
mod tests {
    use super::highlight;

    /// The text of highlighted HTML, entities decoded.
    fn text(html: &str) -> String {
        let fragment = scraper::Html::parse_fragment(html);
        fragment.root_element().text().collect()
    }

    #[test]
    fn keeps_every_character_of_the_source() {
        let source = "[[claim]]\nid = \"a\" # note\ntitle = \"He said \\\"no\\\" <b>&\"\nquotes = [\n  { article = 'x', quote = \"\"\"two\nlines\"\"\" },\n]\nshown = true\ndate = 2014-05-19\ncount = -1_000.5\nsite.\"dotted key\" = 'it''s'\n";
        assert_eq!(text(&highlight(source)), source);
    }

    #[test]
    fn keeps_strings_with_escaped_wide_characters_and_unclosed_ones() {
        for source in [
            "a = \"é\\é\\\"ü\" # ok\nb = 1\n",
            "a = '''x''''' \nb = \"\"\"y\"\"\"\"\"\n",
            "a = \"open\nb = 'open\nc = \"tail\\",
        ] {
            assert_eq!(text(&highlight(source)), source);
        }
    }

    #[test]
    fn classes_follow_the_grammar() {
        let html =
            highlight("[[claim]]\nid = \"a\\\"b\" # why\nn = [1, true]\nt = { k = 2014-05 }\n");
        for expected in [
            "[[claim]]\n",
            "<span class=\"hl-entity hl-name hl-tag\">id</span>",
            "<span class=\"hl-constant hl-character hl-escape\">\\\"</span>",
            "<span class=\"hl-comment\"># why</span>",
            "<span class=\"hl-constant hl-numeric\">1</span>",
            "<span class=\"hl-constant hl-language\">true</span>",
            "<span class=\"hl-entity hl-name hl-tag\">k</span>",
            "<span class=\"hl-constant hl-other\">2014-05</span>",
        ] {
            assert!(html.contains(expected), "{expected} in {html}");
        }
    }

    /// The classes of each rule in the stylesheet that selects elements
    /// by their own classes alone (`.hl-a.hl-b`, not `.hl-a .hl-b`).
    fn standalone_selectors() -> Vec<Vec<&'static str>> {
        let css = super::super::stylesheet();
        css.split('}')
            .filter_map(|rule| rule.rsplit_once('{'))
            // What follows an `@media … {` or a comment (`*/`) before the
            // rule's own brace: selectors hold neither `{` nor `/`.
            .map(|(head, _)| head.rsplit(['{', '/']).next().unwrap_or(head))
            .flat_map(|selectors| selectors.split(','))
            .map(str::trim)
            .filter(|s| s.starts_with(".hl-") && !s.contains(' '))
            .map(|s| s.split('.').filter(|c| !c.is_empty()).collect())
            .collect()
    }

    /// The stylesheet's standalone rules that select an element of `classes`.
    fn rules_for<'a>(rules: &'a [Vec<&str>], classes: &str) -> Vec<&'a Vec<&'a str>> {
        let classes: Vec<&str> = classes.split_whitespace().collect();
        rules
            .iter()
            .filter(|rule| rule.iter().all(|c| classes.contains(c)))
            .collect()
    }

    #[test]
    fn marks_tokens_with_exactly_the_rules_their_full_scopes_get() {
        let rules = standalone_selectors();
        // syntect's classes for each token of its TOML grammar, then the
        // classes this highlighter gives it ("" for plain text).
        let tokens = [
            (
                "hl-entity hl-name hl-tag hl-toml",
                "hl-entity hl-name hl-tag",
            ),
            (
                "hl-string hl-quoted hl-double hl-basic hl-toml",
                "hl-string",
            ),
            (
                "hl-string hl-quoted hl-single hl-literal hl-toml",
                "hl-string",
            ),
            (
                "hl-constant hl-numeric hl-integer hl-toml",
                "hl-constant hl-numeric",
            ),
            (
                "hl-constant hl-language hl-boolean hl-toml",
                "hl-constant hl-language",
            ),
            (
                "hl-constant hl-other hl-datetime hl-toml",
                "hl-constant hl-other",
            ),
            (
                "hl-constant hl-character hl-escape hl-toml",
                "hl-constant hl-character hl-escape",
            ),
            ("hl-comment hl-line hl-number-sign hl-toml", "hl-comment"),
            (
                "hl-punctuation hl-definition hl-array hl-begin hl-toml",
                "hl-punctuation hl-definition hl-array",
            ),
            ("hl-punctuation hl-definition hl-key-value hl-toml", ""),
            ("hl-punctuation hl-separator hl-array hl-toml", ""),
            ("hl-punctuation hl-definition hl-table hl-begin hl-toml", ""),
            ("hl-entity hl-name hl-table hl-toml", ""),
            (
                "hl-punctuation hl-definition hl-inline-table hl-begin hl-toml",
                "",
            ),
        ];
        for (full, compact) in tokens {
            assert_eq!(
                rules_for(&rules, full),
                rules_for(&rules, compact),
                "{full}"
            );
        }
    }

    #[test]
    fn leaves_punctuation_and_table_headers_plain() {
        let html = highlight("[[claim.appearance]]\nt = { a.b = 1 }\n");
        assert!(html.starts_with("[[claim.appearance]]\n"), "{html}");
        for plain in [" = ", "{ ", "</span>.<span", " }"] {
            assert!(html.contains(plain), "{plain} in {html}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_comes_through_whole(source in "[\\[\\]{}=,.#\"'\\\\a-z0-9 \n<&-]{0,60}") {
            proptest::prop_assert_eq!(text(&highlight(&source)), source);
        }
    }

    #[test]
    fn a_hash_inside_a_string_is_not_a_comment() {
        let html = highlight("url = \"https://x.org/#top\"\n");
        assert!(!html.contains("hl-comment"), "{html}");
    }

    #[test]
    fn multi_line_strings_end_at_their_closing_quotes() {
        let html = highlight("note = \"\"\"a\n\"b\"\"\"\"\nnext = 1\n");
        assert!(
            html.contains("<span class=\"hl-entity hl-name hl-tag\">next</span>"),
            "{html}"
        );
    }
}
