//! Escaping text for the markup gloss writes itself, in one place: pages
//! drawn in Rust, Tera's autoescaping, marks and notes in Markdown, the
//! feed and the sitemap. Each function says what its output is safe in.

/// `text` escaped for HTML text and attribute values, quoted either way
/// (`&`, `<`, `>`, `"`, `'`). Unlike Tera's own escaping it leaves `/`
/// alone, which is needless in HTML and makes every link unreadable in a
/// page's source.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_html(&mut out, text);
    out
}

/// Appends `text` to `out` escaped as [`html`] does.
pub fn push_html(out: &mut String, text: &str) {
    pulldown_cmark_escape::escape_html(out, text).expect("writing to a String cannot fail");
}

/// `text` escaped for HTML element content only (`&`, `<`, `>`), as in a
/// highlighted code block.
pub fn html_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_html_text(&mut out, text);
    out
}

/// Appends `text` to `out` escaped as [`html_text`] does.
pub fn push_html_text(out: &mut String, text: &str) {
    pulldown_cmark_escape::escape_html_body_text(out, text)
        .expect("writing to a String cannot fail");
}

/// Appends the URL `url` to `out` as an `href` value: what is not allowed
/// in a URL percent-encoded, `&` and `'` as entities.
pub fn push_href(out: &mut String, url: &str) {
    pulldown_cmark_escape::escape_href(out, url).expect("writing to a String cannot fail");
}

/// `text` escaped for HTML text and double-quoted attributes (`&`, `<`,
/// `>`, `"`), an apostrophe staying as written: for the interface's
/// words, where apostrophes are frequent and gloss never puts them in a
/// single-quoted attribute.
pub fn html_keeping_apostrophes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_html_keeping_apostrophes(&mut out, text);
    out
}

/// Appends `text` to `out` escaped as [`html_keeping_apostrophes`] does.
pub fn push_html_keeping_apostrophes(out: &mut String, text: &str) {
    push_markup(out, text, "'");
}

/// `text` escaped for XML content and attribute values, with XML's own
/// `&apos;`: for the feed and the sitemap.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_markup(&mut out, text, "&apos;");
    out
}

/// Appends `text` to `out` with `&`, `<`, `>` and `"` escaped, and `'`
/// written as `apostrophe`. The text between two of those is copied
/// whole: they are ASCII, so no byte of a longer character is one of
/// them, and most texts (every URL of the sitemap, which `serve` writes
/// after every edit) have none.
fn push_markup(out: &mut String, text: &str, apostrophe: &str) {
    let mut copied = 0;
    for (at, byte) in text.bytes().enumerate() {
        let escaped = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => apostrophe,
            _ => continue,
        };
        out.push_str(&text[copied..at]);
        out.push_str(escaped);
        copied = at + 1;
    }
    out.push_str(&text[copied..]);
}

/// `text` as a TOML string, escaped where it must be, for the annotations
/// and front matter gloss writes or suggests.
pub fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

/// JSON text safe inside `<script>`: every `<` is written `\u003c`, so no
/// `</script>` or `<!--` can appear, and the JSON means the same.
pub fn json_in_script(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value)
        .expect("JSON values serialize")
        .replace('<', "\\u003c")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_in_a_script_cannot_close_it() {
        let note = "</script><script>alert(1)</script><!--";
        let text = json_in_script(&serde_json::json!({ "note": note }));
        assert!(!text.contains('<'), "{text}");
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["note"], note);
    }

    #[test]
    fn each_escape_covers_what_its_output_needs() {
        let text = "a & b < c > d \"e\" 'f' /g";
        assert_eq!(
            html(text),
            "a &amp; b &lt; c &gt; d &quot;e&quot; &#39;f&#39; /g"
        );
        assert_eq!(html_text(text), "a &amp; b &lt; c &gt; d \"e\" 'f' /g");
        assert_eq!(
            html_keeping_apostrophes(text),
            "a &amp; b &lt; c &gt; d &quot;e&quot; 'f' /g"
        );
        assert_eq!(
            xml(text),
            "a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos; /g"
        );
    }

    #[test]
    fn markup_escapes_keep_every_other_character_as_written() {
        for (text, escaped) in [
            ("", ""),
            ("plain", "plain"),
            ("&", "&amp;"),
            ("<é>", "&lt;é&gt;"),
            ("中文'\"中文", "中文&apos;&quot;中文"),
            ("🦀&🦀", "🦀&amp;🦀"),
        ] {
            assert_eq!(xml(text), escaped);
        }
    }
}
