//! Parsing one article file into an [`Article`].

use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;
use toml::{Spanned, Value};

use crate::date::{Moment, moment_from_toml};
use crate::diagnostics::Diagnostic;
use crate::dossier::{Article, ArticleMeta};
use crate::front_matter::{self, SplitError};
use crate::id::Id;
use crate::markdown::{self, RawHtml};

/// Front matter as written; see `docs/format.md` for each key.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawFrontMatter {
    title: Spanned<String>,
    published: Spanned<Value>,
    outlet: Option<String>,
    byline: Option<String>,
    url: Option<Spanned<String>>,
    retrieved: Option<Spanned<Value>>,
    language: Option<String>,
    slug: Option<Spanned<String>>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    note: Option<String>,
}

/// The 1-based line and column (in characters) of byte `at` of `text`.
fn line_and_column(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at.min(text.len())];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

/// What ends the line of a value `gloss new` wrote for the editor to
/// replace, such as today's date as `published`.
pub const PLACEHOLDER_MARK: &str = "# placeholder";

/// Whether the line of the value at `span` of the front matter `front`
/// ends with the [`PLACEHOLDER_MARK`] comment.
fn marked_placeholder(front: &str, span: std::ops::Range<usize>) -> bool {
    let end = front[span.end.min(front.len())..]
        .find('\n')
        .map_or(front.len(), |i| span.end + i);
    front[span.end.min(end)..end].contains(PLACEHOLDER_MARK)
}

/// Parses an article; `path` (relative to the dossier root) names it in
/// diagnostics and supplies the default slug. All problems are returned.
pub fn parse(path: &Path, text: &str, raw_html: RawHtml) -> Result<Article, Vec<Diagnostic>> {
    let error = |message: String| Diagnostic::error(path, message);
    let split = front_matter::split(text).map_err(|e| {
        let d = error(e.to_string());
        vec![match e {
            SplitError::Missing => d.at(text, 0..text.find('\n').unwrap_or(text.len())),
            SplitError::Unterminated => d.at(text, 0..3),
            SplitError::Yaml => d.at(text, 0..3).with_help(
                "write `+++` for each `---`, and each `key: value` as `key = \"value\"` (dates bare: `published = 2014-05-20`)",
            ),
        }]
    })?;
    let raw: RawFrontMatter = toml::from_str(split.front)
        .map_err(|e| vec![Diagnostic::toml(path, text, split.front_offset, &e)])?;
    if split.front.contains('\\')
        && let Ok(table) = toml::de::DeTable::parse(split.front)
    {
        let table = toml::Spanned::new(table.span(), toml::de::DeValue::Table(table.into_inner()));
        let control = crate::diagnostics::escaped_control(path, text, split.front_offset, &table);
        if let Some(problem) = control {
            return Err(vec![problem]);
        }
    }
    let mut problems = Vec::new();
    let located = |span: std::ops::Range<usize>| {
        split.front_offset + span.start..split.front_offset + span.end
    };
    let mut check = |result: Result<(), String>, span: std::ops::Range<usize>| {
        if let Err(message) = result {
            problems.push(error(message).at(text, located(span)));
        }
    };

    if raw.title.get_ref().trim().is_empty() {
        check(Err("`title` cannot be empty".into()), raw.title.span());
    }
    let published = moment(&raw.published, &mut check);
    let retrieved = raw.retrieved.as_ref().and_then(|r| moment(r, &mut check));
    if let Some(url) = &raw.url {
        check(check_url(url.get_ref()), url.span());
    }
    let slug = match &raw.slug {
        Some(s) => id(s.get_ref(), "`slug`", s.span(), &mut check),
        None => {
            let stem = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default();
            let parsed = Id::parse(stem).map_err(|e| {
                format!("the file name `{stem}` cannot be used as a slug ({e}); rename the file or set `slug`")
            });
            check(parsed.clone().map(|_| ()), 0..0);
            parsed.ok()
        }
    };
    let aliases: Vec<(Id, (usize, usize))> = raw
        .aliases
        .iter()
        .filter_map(|a| {
            let alias = id(a.get_ref(), "an alias", a.span(), &mut check)?;
            Some((alias, line_and_column(text, located(a.span()).start)))
        })
        .collect();

    match (published, slug) {
        (Some(published), Some(slug)) if problems.is_empty() => {
            let (visible, blocks) = markdown::visible_text_and_anchors(split.body, raw_html);
            Ok(Article {
                slug,
                path: path.to_owned(),
                meta: Arc::new(ArticleMeta {
                    title: raw.title.into_inner(),
                    published,
                    outlet: raw.outlet,
                    byline: raw.byline,
                    url: raw.url.map(Spanned::into_inner),
                    retrieved,
                    language: raw.language,
                    alias_places: aliases.iter().map(|(_, place)| *place).collect(),
                    aliases: aliases.into_iter().map(|(alias, _)| alias).collect(),
                    note: raw.note,
                    date_is_placeholder: marked_placeholder(split.front, raw.published.span()),
                }),
                body: Arc::from(split.body),
                body_line: text[..text.len() - split.body.len()].matches('\n').count() + 1,
                text: Arc::from(visible),
                blocks: blocks.into(),
                links: markdown::links(split.body).into(),
                anchors: Vec::new(),
            })
        }
        _ => Err(problems),
    }
}

fn moment(
    value: &Spanned<Value>,
    check: &mut impl FnMut(Result<(), String>, std::ops::Range<usize>),
) -> Option<Moment> {
    match moment_from_toml(value.get_ref()) {
        Ok(m) => Some(m),
        Err(e) => {
            check(Err(e.to_string()), value.span());
            None
        }
    }
}

fn id(
    value: &str,
    what: &str,
    span: std::ops::Range<usize>,
    check: &mut impl FnMut(Result<(), String>, std::ops::Range<usize>),
) -> Option<Id> {
    match Id::parse(value) {
        Ok(id) => Some(id),
        Err(e) => {
            check(Err(format!("{what} is not a valid id: {e}")), span);
            None
        }
    }
}

/// Only web addresses: an article's `url` is printed as a link for readers.
pub(crate) fn check_url(url: &str) -> Result<(), String> {
    if url.starts_with("https://") || url.starts_with("http://") {
        Ok(())
    } else {
        Err(format!("`{url}` is not an http(s) URL"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::RawHtml;

    #[test]
    fn parses_front_matter_and_derives_the_slug() {
        let a = parse(
            Path::new("content/articles/rt-report.md"),
            "+++\ntitle = \"T\"\npublished = 2014-05-20\n+++\nText *here*.\n",
            RawHtml::Escape,
        )
        .unwrap();
        assert_eq!(a.slug.as_str(), "rt-report");
        assert_eq!(a.meta.outlet, None);
        assert_eq!(&*a.text, "Text here.\n");
    }

    #[test]
    fn reports_every_front_matter_problem_with_its_line() {
        let errs = parse(
            Path::new("a.md"),
            "+++\ntitle = \"T\"\npublished = \"2014-02-30\"\nslug = \"Bad Slug\"\n+++\n",
            RawHtml::Escape,
        )
        .unwrap_err();
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert_eq!(errs[0].line, 3);
        assert!(errs[0].message.contains("no day 30"));
        assert_eq!(errs[1].line, 4);
    }

    #[test]
    fn missing_front_matter_is_located() {
        let errs = parse(Path::new("a.md"), "Just text\n", RawHtml::Escape).unwrap_err();
        assert_eq!((errs[0].line, errs[0].column), (1, 1));
        assert!(errs[0].message.contains("+++"));
    }

    #[test]
    fn unknown_keys_are_named() {
        let errs = parse(
            Path::new("a.md"),
            "+++\ntitle = \"T\"\npublished = 2014-05-20\nauthor = \"x\"\n+++\n",
            RawHtml::Escape,
        )
        .unwrap_err();
        assert_eq!(errs[0].line, 4);
        assert!(errs[0].message.contains("author"), "{}", errs[0].message);
    }
}
