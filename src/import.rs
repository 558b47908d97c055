//! Turning a saved web page (or a plain-text copy) into an article of the
//! dossier: the report's body as a reader-view extraction finds it
//! (dom_smoothie, after readability.js), converted to Markdown (htmd), and
//! front matter filled from what the page says of itself, each field with
//! a comment naming where it came from. A field the page does not give is
//! left out, never guessed; the headline and date, which every article
//! needs, are then `gloss new`'s placeholders, which `check` flags.

use std::str::FromStr;

use dom_query::Document;
use serde_json::Value;

use crate::authoring;
use crate::escape::toml_string;
use crate::id::Id;

/// Fewer words than this in what the reader view finds is not a report:
/// a menu, a cookie notice, a page that loads its text with script.
const MIN_WORDS: usize = 12;

/// Why a page could not be imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// No article body could be found in the page.
    #[error(
        "no article text was found in the page ({0}); save the article's own page, not a list or a front page"
    )]
    NoArticle(String),
    /// The page could not be converted to Markdown.
    #[error("the article's HTML could not be converted: {0}")]
    Convert(#[from] std::io::Error),
}

/// A front matter value the page gave, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The value as TOML (a quoted string, or a bare date).
    pub toml: String,
    /// Where the page gave it, for the comment above it.
    pub from: &'static str,
}

/// What the page says of itself.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PageFacts {
    /// The headline.
    pub title: Option<Found>,
    /// When it was published, with its time zone when the page gives one.
    pub published: Option<Found>,
    /// The publication.
    pub outlet: Option<Found>,
    /// The author(s).
    pub byline: Option<Found>,
    /// The page's canonical address.
    pub url: Option<Found>,
    /// The page's language.
    pub language: Option<Found>,
}

/// The article file an import makes: front matter and Markdown body.
pub fn article_from_html(html: &str, slug: &Id, file_name: &str) -> Result<String, ImportError> {
    let document = Document::from(html);
    let facts = page_facts(&document);
    let mut readability = dom_smoothie::Readability::with_document(document, None, None)
        .map_err(|e| ImportError::NoArticle(e.to_string()))?;
    let article = readability
        .parse()
        .map_err(|e| ImportError::NoArticle(e.to_string()))?;
    let words = article.text_content.split_whitespace().count();
    if words < MIN_WORDS {
        let found = format!("the reader view found {words} word(s)");
        return Err(ImportError::NoArticle(found));
    }
    let body = htmd::convert(&article.content)?;
    Ok(article_file(&facts, slug, file_name, body.trim()))
}

/// The article file for a plain-text copy (paragraphs between blank
/// lines, as copied from a browser): its text kept as it is, with what
/// Markdown would read as markup escaped.
pub fn article_from_text(text: &str, slug: &Id, file_name: &str) -> String {
    let paragraphs: Vec<String> = text
        .split("\n\n")
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .map(|p| escape_markdown(&crate::text::one_line(p)))
        .collect();
    article_file(
        &PageFacts::default(),
        slug,
        file_name,
        &paragraphs.join("\n\n"),
    )
}

/// Writes the front matter and appends `body`.
fn article_file(facts: &PageFacts, slug: &Id, file_name: &str, body: &str) -> String {
    let mut out = String::from("+++\n");
    out.push_str(&format!(
        "# Imported by `gloss import` from {file_name}: check it against the original.\n"
    ));
    let field = |out: &mut String, key: &str, found: &Option<Found>| {
        if let Some(found) = found {
            out.push_str(&format!(
                "# {key}: from {}\n{key} = {}\n",
                found.from, found.toml
            ));
        }
    };
    let headline = Found {
        toml: toml_string(&authoring::headline(slug)),
        from: "nowhere in the page: write the headline as published",
    };
    field(
        &mut out,
        "title",
        &Some(facts.title.clone().unwrap_or(headline)),
    );
    match &facts.published {
        Some(_) => field(&mut out, "published", &facts.published),
        None => out.push_str(&format!(
            "# published: the page does not say; write the report's date.\n{}\n",
            authoring::published_line()
        )),
    }
    for (key, found) in [
        ("outlet", &facts.outlet),
        ("byline", &facts.byline),
        ("url", &facts.url),
        ("language", &facts.language),
    ] {
        field(&mut out, key, found);
    }
    out.push_str(&format!(
        "note = {}\n+++\n",
        toml_string(&format!(
            "Imported by `gloss import` from `{file_name}`: the article's text as a reader view of the page found it, page chrome dropped. Checked against the original: not yet."
        ))
    ));
    out.push_str(body);
    out.push('\n');
    out
}

/// What the page says of itself in its JSON-LD, meta tags and canonical
/// link, the structured data first.
pub fn page_facts(document: &Document) -> PageFacts {
    let ld = news_article_ld(document);
    let ld_text = |key: &str| ld.as_ref().and_then(|v| text_of(v.get(key)?));
    let meta = |selector: &str| {
        let found = document.select(selector);
        found
            .attr("content")
            .map(|c| c.trim().to_owned())
            .filter(|c| !c.is_empty())
    };
    let string = |value: String, from| {
        Some(Found {
            toml: toml_string(&value),
            from,
        })
    };
    let title = ld_text("headline")
        .and_then(|t| string(t, "the JSON-LD NewsArticle `headline`"))
        .or_else(|| {
            meta(r#"meta[property="og:title"]"#)
                .and_then(|t| string(t, "<meta property=\"og:title\">"))
        });
    let published = ld_text("datePublished")
        .and_then(|d| datetime(&d, "the JSON-LD NewsArticle `datePublished`"))
        .or_else(|| {
            meta(r#"meta[property="article:published_time"]"#)
                .and_then(|d| datetime(&d, "<meta property=\"article:published_time\">"))
        });
    let outlet = ld
        .as_ref()
        .and_then(|v| text_of(v.get("publisher")?))
        .and_then(|p| string(p, "the JSON-LD NewsArticle `publisher`"))
        .or_else(|| {
            meta(r#"meta[property="og:site_name"]"#)
                .and_then(|s| string(s, "<meta property=\"og:site_name\">"))
        });
    let byline = ld
        .as_ref()
        .and_then(|v| names_of(v.get("author")?))
        .and_then(|a| string(a, "the JSON-LD NewsArticle `author`"))
        .or_else(|| {
            meta(r#"meta[name="author"]"#).and_then(|a| string(a, "<meta name=\"author\">"))
        });
    let canonical = document.select(r#"link[rel="canonical"]"#).attr("href");
    let url = canonical
        .map(|c| c.trim().to_owned())
        .filter(|c| c.starts_with("https://") || c.starts_with("http://"))
        .and_then(|u| string(u, "<link rel=\"canonical\">"))
        .or_else(|| {
            meta(r#"meta[property="og:url"]"#)
                .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
                .and_then(|u| string(u, "<meta property=\"og:url\">"))
        });
    let language = document
        .select("html")
        .attr("lang")
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .and_then(|l| string(l, "<html lang>"));
    PageFacts {
        title,
        published,
        outlet,
        byline,
        url,
        language,
    }
}

/// The page's JSON-LD object describing a news article, if any.
fn news_article_ld(document: &Document) -> Option<Value> {
    let scripts = document.select(r#"script[type="application/ld+json"]"#);
    scripts.iter().find_map(|script| {
        let value: Value = serde_json::from_str(&script.text()).ok()?;
        let candidates = match value {
            Value::Array(items) => items,
            Value::Object(ref o) if o.contains_key("@graph") => {
                o["@graph"].as_array().cloned().unwrap_or_default()
            }
            other => vec![other],
        };
        candidates.into_iter().find(|item| {
            let kinds = match item.get("@type") {
                Some(Value::String(t)) => vec![t.clone()],
                Some(Value::Array(ts)) => ts
                    .iter()
                    .filter_map(|t| t.as_str().map(str::to_owned))
                    .collect(),
                _ => Vec::new(),
            };
            kinds
                .iter()
                .any(|k| k.ends_with("NewsArticle") || k == "Article" || k == "Report")
        })
    })
}

/// A JSON-LD value as text: a string, or the `name` of an object.
fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
        Value::Object(o) => text_of(o.get("name")?),
        _ => None,
    }
}

/// The names a JSON-LD `author` gives, joined.
fn names_of(value: &Value) -> Option<String> {
    let names: Vec<String> = match value {
        Value::Array(items) => items.iter().filter_map(text_of).collect(),
        other => text_of(other).into_iter().collect(),
    };
    (!names.is_empty()).then(|| names.join(", "))
}

/// A date or date and time as the page writes it, as a bare TOML date
/// or datetime, when it is one (an offset written `+0800` is written
/// `+08:00`, which is the same).
fn datetime(text: &str, from: &'static str) -> Option<Found> {
    let text = text.trim();
    let zone_at = text.len().checked_sub(5);
    let with_colon = match zone_at.and_then(|i| text.split_at_checked(i)) {
        Some((head, zone))
            if zone.starts_with(['+', '-']) && zone[1..].chars().all(|c| c.is_ascii_digit()) =>
        {
            format!("{head}{}:{}", &zone[..3], &zone[3..])
        }
        _ => text.to_owned(),
    };
    let parsed = toml::value::Datetime::from_str(&with_colon).ok()?;
    parsed.date?;
    Some(Found {
        toml: parsed.to_string(),
        from,
    })
}

/// Text with what Markdown would read as markup escaped, so that it shows
/// as written.
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        let at_start = i == 0;
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '#' | '+' | '-' | '=' if at_start => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    escape_ordered_list_start(out)
}

/// `1. Text` at the start of a paragraph, which Markdown reads as a list.
fn escape_ordered_list_start(text: String) -> String {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && text[digits..].starts_with(['.', ')']) {
        format!("{}\\{}", &text[..digits], &text[digits..])
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_kept_with_their_zone_or_left_out() {
        let toml = |text: &str| datetime(text, "test").map(|f| f.toml);
        assert_eq!(
            toml("2021-03-02T07:09:00+08:00").as_deref(),
            Some("2021-03-02T07:09:00+08:00")
        );
        assert_eq!(
            toml("2022-11-04T18:30:00+0100").as_deref(),
            Some("2022-11-04T18:30:00+01:00")
        );
        assert_eq!(toml(" 2020-01-31 ").as_deref(), Some("2020-01-31"));
        assert_eq!(toml("07:09:00"), None);
        assert_eq!(toml("last Tuesday"), None);
        assert_eq!(toml("ଳO𐦷꧑ଡ଼tt$⃢`𞻰{$"), None);
    }

    #[test]
    fn plain_text_is_escaped_to_show_as_written() {
        assert_eq!(escape_markdown("#1 priority"), "\\#1 priority");
        assert_eq!(escape_markdown("1. Not a list"), "1\\. Not a list");
        assert_eq!(escape_markdown("a *b* [c]"), "a \\*b\\* \\[c\\]");
    }
}
