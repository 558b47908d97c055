//! A TOML highlighter for the annotation blocks shown on every claim,
//! event and entity page.
//!
//! Those blocks are TOML that has already parsed, one or two per page and
//! tens of thousands per dossier, so a single pass over the bytes does the
//! job that syntect's regex grammar did at many times the cost. It emits
//! the classes of syntect's TOML scopes (`hl-string`, `hl-entity hl-name
//! hl-tag`, …), so the themes' stylesheet colours it the same way.

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
                    "hl-string hl-quoted"
                };
                string(&mut out, class, &rest[..len]);
                len
            }
            '=' => {
                expect = Expect::Value;
                span(&mut out, "hl-punctuation hl-definition hl-key-value", "=");
                1
            }
            '.' if expect == Expect::Key => {
                span(&mut out, "hl-punctuation hl-separator", ".");
                1
            }
            '[' | '{' => {
                open.push(first as u8);
                expect = if first == '{' {
                    Expect::Key
                } else {
                    Expect::Value
                };
                span(&mut out, bracket_class(first), &rest[..1]);
                1
            }
            ']' | '}' => {
                open.pop();
                span(&mut out, bracket_class(first), &rest[..1]);
                1
            }
            ',' => {
                expect = if open.last() == Some(&b'{') {
                    Expect::Key
                } else {
                    Expect::Value
                };
                span(&mut out, "hl-punctuation hl-separator", ",");
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

fn bracket_class(bracket: char) -> &'static str {
    match bracket {
        '[' => "hl-punctuation hl-definition hl-array hl-begin",
        ']' => "hl-punctuation hl-definition hl-array hl-end",
        '{' => "hl-punctuation hl-definition hl-inline-table hl-begin",
        _ => "hl-punctuation hl-definition hl-inline-table hl-end",
    }
}

/// The class of a bare word: a key, a boolean, a date or time, or a number.
fn word_class(expect: Expect, word: &str) -> &'static str {
    let starts_with_digit = word.starts_with(|c: char| c.is_ascii_digit());
    match word {
        _ if expect == Expect::Key => "hl-entity hl-name hl-tag",
        "true" | "false" => "hl-constant hl-language hl-boolean",
        _ if starts_with_digit && (word.contains(':') || word[1..].contains('-')) => {
            "hl-constant hl-other hl-datetime"
        }
        _ => "hl-constant hl-numeric",
    }
}

/// A `[table]` or `[[array]]` header, up to its closing brackets; returns
/// how many bytes it took.
fn table_header(out: &mut String, rest: &str) -> usize {
    let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let double = line.starts_with("[[");
    let (open, close) = if double { ("[[", "]]") } else { ("[", "]") };
    let Some(end) = line[open.len()..].find(close).map(|i| i + open.len()) else {
        out.push_str(&escape::html_text(line));
        return line.len();
    };
    span(out, "hl-punctuation hl-definition hl-table hl-begin", open);
    span(out, "hl-entity hl-name hl-table", &line[open.len()..end]);
    span(out, "hl-punctuation hl-definition hl-table hl-end", close);
    end + close.len()
}

/// The length of the string at the start of `rest`: basic (`"`), literal
/// (`'`) or either's multi-line form, up to and including its closing
/// quotes (or to the end, if it has none).
fn string_len(rest: &str) -> usize {
    let quote = &rest[..1];
    let triple = quote.repeat(3);
    let multi_line = rest.starts_with(&triple);
    let delimiter = if multi_line { triple.as_str() } else { quote };
    let basic = quote == "\"";
    let body = &rest[delimiter.len()..];
    let mut bytes = body.char_indices();
    while let Some((i, c)) = bytes.next() {
        if basic && c == '\\' {
            bytes.next();
        } else if body[i..].starts_with(delimiter) {
            // TOML allows up to two extra quotes before a closing triple.
            let extra = body[i + delimiter.len()..]
                .bytes()
                .take_while(|b| *b == quote.as_bytes()[0])
                .count()
                .min(if multi_line { 2 } else { 0 });
            return delimiter.len() + i + delimiter.len() + extra;
        } else if !multi_line && c == '\n' {
            return delimiter.len() + i;
        }
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
            out.push_str(&escape::html_text(&rest[..at]));
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
        out.push_str(&escape::html_text(rest));
    } else {
        out.push_str(&escape::html_text(token));
    }
    out.push_str("</span>");
}

fn span(out: &mut String, class: &str, text: &str) {
    out.push_str("<span class=\"");
    out.push_str(class);
    out.push_str("\">");
    out.push_str(&escape::html_text(text));
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
    fn classes_follow_the_grammar() {
        let html =
            highlight("[[claim]]\nid = \"a\\\"b\" # why\nn = [1, true]\nt = { k = 2014-05 }\n");
        for expected in [
            "<span class=\"hl-entity hl-name hl-table\">claim</span>",
            "<span class=\"hl-entity hl-name hl-tag\">id</span>",
            "<span class=\"hl-constant hl-character hl-escape\">\\\"</span>",
            "<span class=\"hl-comment\"># why</span>",
            "<span class=\"hl-constant hl-numeric\">1</span>",
            "<span class=\"hl-constant hl-language hl-boolean\">true</span>",
            "<span class=\"hl-entity hl-name hl-tag\">k</span>",
            "<span class=\"hl-constant hl-other hl-datetime\">2014-05</span>",
        ] {
            assert!(html.contains(expected), "{expected} in {html}");
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
