//! Markdown links: to pages or anchors of the site that do not exist
//! (warnings), and with schemes a page must never carry, such as
//! `javascript:` (errors).
//!
//! Checked against the rendered site, because only rendering knows every
//! page and every anchor (paragraph ids, quote markers, notes). A link is
//! internal when it has no scheme; it is resolved from the page it is on,
//! like a browser would, and must name a file of the site and, with a
//! fragment, an id on that page.

use std::borrow::Cow;
use std::ops::Range;
use std::path::Path;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Lint, Severity};
use crate::dossier::{Article, Dossier, Intro, Origin};
use crate::inventory::Inventory;
use crate::markdown;
use crate::render::paths::PagePath;

/// Why `link`, written on the page in directory `from`, is broken, if it is.
fn problem(site: &Inventory, from: &str, link: &str) -> Option<String> {
    if is_external(link) {
        return None;
    }
    let (target, fragment) = link.split_once('#').unwrap_or((link, ""));
    let mut path = resolve(from, target);
    if !site.contains(&path) && !path.ends_with("index.html") {
        let as_dir = format!("{path}/index.html");
        if site.contains(&as_dir) {
            path = as_dir;
        }
    }
    let is_page = path.ends_with(".html");
    if !site.contains(&path) {
        Some(format!(
            "`{link}` points to `{path}`, which the site does not have"
        ))
    } else if is_page && !fragment.is_empty() && !site.ids(&path).any(|id| id == fragment) {
        Some(format!("`{link}`: `{path}` has no anchor `#{fragment}`"))
    } else {
        None
    }
}

/// Finds broken internal links in the articles (in parallel) and the
/// introduction.
pub fn check(dossier: &Dossier, site: &Inventory) -> Vec<Diagnostic> {
    let mut problems: Vec<Diagnostic> = dossier
        .articles
        .par_iter()
        .flat_map_iter(|(slug, article)| {
            Located::article(article).check(site, PagePath::item("articles", slug).dir())
        })
        .collect();
    if let Some(intro) = &dossier.intro {
        problems.extend(Located::intro(intro).check(site, PagePath::home().dir()));
    }
    problems
}

/// Every link or image in the dossier's Markdown whose scheme is not http,
/// https or mailto (or none, for relative links): each is an error, with
/// its location when it is in an article or the introduction, else the
/// location of the annotation whose note holds it.
pub fn unsafe_links(dossier: &Dossier) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for article in dossier.articles.values() {
        errors.extend(Located::article(article).unsafe_links());
        let what = "the article's `note`";
        flag(
            &mut errors,
            (&article.path, 1, 1),
            what,
            article.meta.note.as_deref(),
        );
    }
    if let Some(intro) = &dossier.intro {
        errors.extend(Located::intro(intro).unsafe_links());
    }
    for claim in dossier.claims.values() {
        let appearance_notes = claim.appearances.iter().map(|a| a.note.as_deref());
        let source_notes = claim.sources.iter().map(|s| s.note.as_deref());
        let what = format!("claim `{}`", claim.id);
        for note in std::iter::once(claim.note.as_deref())
            .chain(appearance_notes)
            .chain(source_notes)
        {
            flag(&mut errors, at(&claim.origin), &what, note);
        }
    }
    for event in dossier.events.values() {
        let what = format!("event `{}`", event.id);
        flag(&mut errors, at(&event.origin), &what, event.note.as_deref());
    }
    for entity in dossier.entities.values() {
        let what = format!("entity `{}`", entity.id);
        flag(
            &mut errors,
            at(&entity.origin),
            &what,
            entity.description.as_deref(),
        );
    }
    errors
}

/// A file, line and column to report at.
type At<'a> = (&'a Path, usize, usize);

fn at(origin: &Origin) -> At<'_> {
    (&origin.path, origin.line, origin.column)
}

/// Records an error for each unsafe link in `markdown`, a note of `what`.
fn flag(
    errors: &mut Vec<Diagnostic>,
    (path, line, column): At<'_>,
    what: &str,
    markdown: Option<&str>,
) {
    for (link, _) in markdown.map(markdown::links).unwrap_or_default() {
        if !markdown::is_safe_url(&link) {
            let message = format!(
                "{what} links to `{link}`: only http, https, mailto and relative links are allowed"
            );
            let mut d = Diagnostic::error(path, message);
            (d.line, d.column) = (line, column);
            errors.push(d);
        }
    }
}

/// A Markdown body, where it sits in its file, and its links.
struct Located<'a> {
    path: &'a Path,
    body: &'a str,
    first_line: usize,
    links: Cow<'a, [(String, Range<usize>)]>,
}

impl<'a> Located<'a> {
    fn article(article: &'a Article) -> Self {
        Located {
            path: &article.path,
            body: &article.body,
            first_line: article.body_line,
            links: Cow::Borrowed(&article.links),
        }
    }

    fn intro(intro: &'a Intro) -> Self {
        Located {
            path: &intro.path,
            body: &intro.body,
            first_line: 1,
            links: Cow::Owned(markdown::links(&intro.body)),
        }
    }

    fn check(&self, site: &Inventory, page_dir: &str) -> Vec<Diagnostic> {
        self.links
            .iter()
            .filter_map(|(link, range)| {
                let message = problem(site, page_dir, link)?;
                Some(self.diagnostic(format!("broken link: {message}"), range.clone()))
            })
            .collect()
    }

    fn unsafe_links(&self) -> Vec<Diagnostic> {
        self.links
            .iter()
            .filter(|(link, _)| !markdown::is_safe_url(link))
            .map(|(link, range)| {
                let message = format!(
                    "unsafe link `{link}`: only http, https, mailto and relative links are allowed"
                );
                Diagnostic {
                    severity: Severity::Error,
                    lint: None,
                    ..self.diagnostic(message, range.clone())
                }
            })
            .collect()
    }

    fn diagnostic(&self, message: String, range: Range<usize>) -> Diagnostic {
        let line_start = self.body[..range.start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = self.body[range.start..]
            .find('\n')
            .map_or(self.body.len(), |i| range.start + i);
        let width = self.body[range.start..range.end.min(line_end)]
            .chars()
            .count();
        Diagnostic {
            line: self.first_line + self.body[..range.start].matches('\n').count(),
            column: self.body[line_start..range.start].chars().count() + 1,
            excerpt: Some((self.body[line_start..line_end].to_owned(), width.max(1))),
            lint: Some(Lint::BrokenLink),
            ..Diagnostic::warning(self.path, message)
        }
    }
}

fn is_external(link: &str) -> bool {
    let scheme = link.split(['/', '?', '#']).next().unwrap_or_default();
    scheme.contains(':') || link.starts_with("//")
}

/// Resolves `target` against the directory `from` (both site-relative);
/// a leading `/` starts from the site root.
fn resolve(from: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        from.split('/').filter(|p| !p.is_empty()).collect()
    };
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            part => parts.push(part),
        }
    }
    let mut path = parts.join("/");
    if target.is_empty() || target.ends_with('/') {
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str("index.html");
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_like_a_browser() {
        assert_eq!(
            resolve("articles/a/", "../../claims/x/"),
            "claims/x/index.html"
        );
        assert_eq!(
            resolve("articles/a/", "/claims/x/index.html"),
            "claims/x/index.html"
        );
        assert_eq!(resolve("", "claims/"), "claims/index.html");
        assert_eq!(resolve("articles/a/", ""), "articles/a/index.html");
        assert_eq!(resolve("", "style.css"), "style.css");
    }

    #[test]
    fn external_links_are_not_checked() {
        assert!(is_external("https://example.org/x"));
        assert!(is_external("mailto:a@b"));
        assert!(is_external("//cdn.example.org/x"));
        assert!(!is_external("../claims/x/#a:b"));
    }
}
