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
use crate::dossier::{AnchorKind, Article, Dossier, Intro};
use crate::inventory::Inventory;
use crate::markdown;
use crate::markdown::links::Target;
use crate::source::Origin;
use crate::urls::PagePath;
use crate::vocabulary::ItemKind;

/// Why `link`, written on the page in directory `from` (or in a note whose
/// own page that is), is broken, if it is.
fn problem(site: &Inventory, from: &str, link: &str) -> Option<String> {
    let (path, fragment) = match Target::of(link, from) {
        Target::External => return None,
        Target::SamePage { fragment } => (format!("{from}index.html"), fragment),
        target => target.site_path()?,
    };
    let mut path = path.split('?').next().unwrap_or_default().to_owned();
    if !site.contains(&path) && !path.ends_with("index.html") {
        let as_dir = format!("{path}/index.html");
        if site.contains(&as_dir) {
            path = as_dir;
        }
    }
    let is_page = path.ends_with(".html");
    let fragment = fragment.unwrap_or_default();
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

/// Finds broken internal links in the articles (in parallel), the
/// introduction and every note, each read from its own page.
pub fn check(dossier: &Dossier, site: &Inventory) -> Vec<Diagnostic> {
    let mut problems: Vec<Diagnostic> = dossier
        .articles
        .par_iter()
        .flat_map_iter(|(slug, article)| {
            Located::article(article).check(site, PagePath::item(ItemKind::Article, slug).dir())
        })
        .collect();
    if let Some(intro) = &dossier.intro {
        problems.extend(Located::intro(intro).check(site, PagePath::home().dir()));
    }
    if let Some(image) = &dossier.config.site.image
        && !site.contains(image.trim_start_matches('/'))
    {
        let message = format!(
            "`[site] image` names `{image}`, which is not a file of the site; put it in `{}`",
            dossier.config.build.static_dir.display()
        );
        problems.push(Diagnostic::error(
            std::path::Path::new(crate::config::CONFIG_FILE),
            message,
        ));
    }
    for note in notes(dossier) {
        for (link, _) in markdown::links(note.markdown) {
            if let Some(message) = problem(site, note.home.dir(), &link) {
                let message = format!("broken link in {}: {message}", note.what);
                let d = Diagnostic {
                    lint: Some(Lint::BrokenLink),
                    ..Diagnostic::warning(note.path, message)
                };
                problems.push(note.point(d, &link));
            }
        }
    }
    problems
}

/// Every link or image in the dossier's Markdown whose scheme is not http,
/// https or mailto (or none, for relative links, or a dossier item's): each
/// is an error at the link, or at the item whose note holds it when the
/// link is not written there as it reads (a TOML escape).
pub fn unsafe_links(dossier: &Dossier) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for article in dossier.articles.values() {
        errors.extend(Located::article(article).unsafe_links());
    }
    if let Some(intro) = &dossier.intro {
        errors.extend(Located::intro(intro).unsafe_links());
    }
    for note in notes(dossier) {
        for (link, _) in markdown::links(note.markdown) {
            if !markdown::is_safe_url(&link) {
                let message = format!(
                    "{} links to `{link}`: only http, https, mailto, relative links and links to the dossier's items (claim:, article:, event:, entity:) are allowed",
                    note.what
                );
                errors.push(note.point(Diagnostic::error(note.path, message), &link));
            }
        }
    }
    errors
}

/// A piece of an editor's Markdown kept in a dossier item: where it is
/// written, what it belongs to, and the page its links are read from.
struct Note<'d> {
    path: &'d Path,
    origin: Option<&'d Origin>,
    what: String,
    home: PagePath,
    markdown: &'d str,
}

impl Note<'_> {
    /// Points `diagnostic` at `link` as written in the note's item, or at
    /// the item (the top of the file, for an article's front matter).
    fn point(&self, diagnostic: Diagnostic, link: &str) -> Diagnostic {
        let Some(origin) = self.origin else {
            return Diagnostic {
                line: 1,
                column: 1,
                ..diagnostic
            };
        };
        match origin.find_in_block(link) {
            Some(span) => diagnostic.at(origin.file_text(), span),
            None => Diagnostic {
                line: origin.line,
                column: origin.column,
                excerpt: Some((origin.line_text().to_owned(), 1)),
                ..diagnostic
            },
        }
    }
}

/// Whether `markdown` may hold a link: an inline link (`](`), a reference
/// definition (`]:`) or an autolink (`<`). Most notes hold none, and need
/// not be parsed.
fn may_link(markdown: &str) -> bool {
    markdown.contains("](") || markdown.contains("]:") || markdown.contains('<')
}

/// Every note in the dossier that may hold a link: articles' and \[sic\]
/// notes, claims' and their appearances' and sources', events' and
/// entities' descriptions. Only those that may are described (what they
/// belong to, their page): `serve` checks every note after each edit.
fn notes(dossier: &Dossier) -> Vec<Note<'_>> {
    let mut notes = Vec::new();
    for article in dossier.articles.values() {
        let sics = article.anchors.iter().filter_map(|a| match &a.kind {
            AnchorKind::Sic { note } => Some(note.as_str()),
            AnchorKind::Claim { .. } => None,
        });
        let all = article.meta.note.as_deref().into_iter().chain(sics);
        for markdown in all.filter(|m| may_link(m)) {
            notes.push(Note {
                path: &article.path,
                origin: None,
                what: format!("a note on article `{}`", article.slug),
                home: PagePath::item(ItemKind::Article, &article.slug),
                markdown,
            });
        }
    }
    for claim in dossier.claims.values() {
        let appearance_notes = claim.appearances.iter().filter_map(|a| a.note.as_deref());
        let source_notes = claim.sources.iter().filter_map(|s| s.note.as_deref());
        let all = claim.note.as_deref().into_iter();
        let all = all.chain(appearance_notes).chain(source_notes);
        for markdown in all.filter(|m| may_link(m)) {
            notes.push(Note {
                path: &claim.origin.path,
                origin: Some(&claim.origin),
                what: format!("claim `{}`", claim.id),
                home: PagePath::item(ItemKind::Claim, &claim.id),
                markdown,
            });
        }
    }
    for event in dossier.events.values() {
        let note = event.note.as_deref().filter(|m| may_link(m));
        notes.extend(note.map(|markdown| Note {
            path: &event.origin.path,
            origin: Some(&event.origin),
            what: format!("event `{}`", event.id),
            home: PagePath::item(ItemKind::Event, &event.id),
            markdown,
        }));
    }
    for entity in dossier.entities.values() {
        let description = entity.description.as_deref().filter(|m| may_link(m));
        notes.extend(description.map(|markdown| Note {
            path: &entity.origin.path,
            origin: Some(&entity.origin),
            what: format!("entity `{}`", entity.id),
            home: PagePath::item(ItemKind::Entity, &entity.id),
            markdown,
        }));
    }
    notes
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
                    "unsafe link `{link}`: only http, https, mailto, relative links and links to the dossier's items are allowed"
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_read_like_a_browser_and_item_links_by_id() {
        let site = Inventory::of_pages(&[
            ("claims/x/index.html", r#"<p id="note">x</p>"#),
            ("articles/a/index.html", r#"<p id="p-one">a</p>"#),
            ("index.html", "<p>home</p>"),
            ("style.css", "p {}"),
        ]);
        let fine = |from: &str, link: &str| problem(&site, from, link).is_none();
        assert!(fine("articles/a/", "../../claims/x/"));
        assert!(fine("articles/a/", "/claims/x/index.html#note"));
        assert!(fine("", "style.css"));
        assert!(fine("articles/a/", "#p-one"));
        assert!(fine("claims/x/", "article:a#p-one"));
        assert!(fine("claims/x/", "https://example.org/nowhere"));
        assert!(!fine("claims/x/", "article:b"));
        assert!(!fine("claims/x/", "article:a#p-two"));
        assert!(!fine("claims/x/", "../y/"));
        assert!(!fine("articles/a/", "#nothing"));
    }
}
