//! Links in an editor's Markdown that name the dossier's own pages.
//!
//! A note is written once and shown on many pages: a claim's note on the
//! claim's page, under every article that quotes it and beside each of its
//! passages. So links in notes are written in terms of the dossier, not of
//! one page: `[text](claim:id)`, `article:slug#fragment`, `event:id` and
//! `entity:id` name an item's page; a plain relative link (`../other/`) is
//! read from the note's own page (a claim's note from the claim's page, a
//! report's note from the report's page) and `/claims/` from the site root.
//! Each becomes a link from the site root marked with [`ROOT`], which the
//! renderer replaces, page by page, with the way to the root from that
//! page. So the same note links right wherever it lands.

use pulldown_cmark::{CowStr, Event};

use crate::vocabulary::ItemKind;

/// What a link from the site root starts with until the page it is on
/// replaces it with its own way to the root (`../../`). It cannot be
/// written by an editor: Markdown with an unknown scheme loses its link.
pub const ROOT: &str = "gloss-root:";

/// Where a link in Markdown goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target<'a> {
    /// A dossier item: its kind (written as the scheme: `claim:`), id
    /// and fragment.
    Item {
        /// The item's kind.
        kind: ItemKind,
        /// The item's id.
        id: &'a str,
        /// The fragment after `#`, if any.
        fragment: Option<&'a str>,
    },
    /// A file of the site, as a path from the site root with its fragment.
    Site {
        /// The path from the site root (`claims/x/index.html`).
        path: String,
        /// The fragment after `#`, if any.
        fragment: Option<&'a str>,
    },
    /// An anchor on the page the link is on.
    SamePage {
        /// The fragment after `#`, if any.
        fragment: Option<&'a str>,
    },
    /// Another site, or an address with a scheme.
    External,
}

impl<'a> Target<'a> {
    /// Reads `dest`, a link written in Markdown whose own page is the site
    /// directory `home` (`claims/x/`, or empty for the root).
    pub fn of(dest: &'a str, home: &str) -> Target<'a> {
        if dest.is_empty() || dest.starts_with('#') {
            return Target::SamePage {
                fragment: dest.strip_prefix('#'),
            };
        }
        if let Some((scheme, rest)) = dest.split_once(':')
            && let Some(kind) = ItemKind::named(scheme)
        {
            let (id, fragment) = split_fragment(rest);
            return Target::Item { kind, id, fragment };
        }
        if has_scheme(dest) || dest.starts_with("//") {
            return Target::External;
        }
        let (path, fragment) = split_fragment(dest);
        let path = match path.strip_prefix('/') {
            Some(from_root) => normalize(from_root),
            None => normalize(&format!("{home}{path}")),
        };
        Target::Site { path, fragment }
    }

    /// The file of the site this target names, from the site root, and
    /// its fragment: `None` for another site or the same page.
    pub fn site_path(&self) -> Option<(String, Option<&'a str>)> {
        match self {
            Target::Item { kind, id, fragment } => {
                Some((format!("{}/{id}/index.html", kind.dir()), *fragment))
            }
            Target::Site { path, fragment } => Some((path.clone(), *fragment)),
            Target::SamePage { .. } | Target::External => None,
        }
    }
}

fn split_fragment(s: &str) -> (&str, Option<&str>) {
    match s.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (s, None),
    }
}

fn has_scheme(dest: &str) -> bool {
    dest.split_once(':').is_some_and(|(scheme, _)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
    })
}

/// `path` (from the site root, possibly with `.` and `..` segments and a
/// query) as a file of the site: `..` applied (never above the root), and
/// a directory given its `index.html`.
fn normalize(path: &str) -> String {
    let (path, query) = match path.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (path, None),
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            part => parts.push(part),
        }
    }
    let mut normal = parts.join("/");
    if path.is_empty() || path.ends_with('/') || path.ends_with("/.") || path.ends_with("/..") {
        if !normal.is_empty() {
            normal.push('/');
        }
        normal.push_str("index.html");
    }
    if let Some(query) = query {
        normal.push('?');
        normal.push_str(query);
    }
    normal
}

/// Rewrites the links of a note whose own page is `home`: item links and
/// relative links become links from the site root (marked with [`ROOT`]).
pub(crate) fn from_home<'e>(events: Vec<Event<'e>>, home: &str) -> Vec<Event<'e>> {
    events
        .into_iter()
        .map(|event| super::options::with_destination(event, |dest| rooted(dest, home)))
        .collect()
}

fn rooted<'e>(dest: CowStr<'e>, home: &str) -> CowStr<'e> {
    match Target::of(&dest, home).site_path() {
        Some((path, fragment)) => {
            let fragment = fragment.map(|f| format!("#{f}")).unwrap_or_default();
            CowStr::from(format!("{ROOT}{path}{fragment}"))
        }
        None => dest,
    }
}

/// Replaces, in a page's HTML, each link from the site root (see
/// [`ROOT`]) with one from the page, whose way to the root is `root`
/// (`../../`).
pub fn resolve_root(html: String, root: &str) -> String {
    const HREF: &str = "href=\"gloss-root:";
    const SRC: &str = "src=\"gloss-root:";
    if memchr::memmem::find(html.as_bytes(), ROOT.as_bytes()).is_none() {
        return html;
    }
    html.replace(HREF, &format!("href=\"{root}"))
        .replace(SRC, &format!("src=\"{root}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_read_from_the_notes_own_page() {
        let home = "claims/a/";
        let site = |path: &str, fragment: Option<&'static str>| Target::Site {
            path: path.to_owned(),
            fragment,
        };
        assert_eq!(Target::of("../b/", home), site("claims/b/index.html", None));
        assert_eq!(
            Target::of("../../articles/x/index.html#p-y", home),
            site("articles/x/index.html", Some("p-y"))
        );
        assert_eq!(
            Target::of("/timeline/", home),
            site("timeline/index.html", None)
        );
        assert_eq!(Target::of("../../../../x", home), site("x", None));
        assert_eq!(
            Target::of("claim:b#note", home),
            Target::Item {
                kind: ItemKind::Claim,
                id: "b",
                fragment: Some("note")
            }
        );
        assert_eq!(
            Target::of("#p-x", home),
            Target::SamePage {
                fragment: Some("p-x")
            }
        );
        assert_eq!(Target::of("https://x.org/a", home), Target::External);
        assert_eq!(Target::of("mailto:a@b", home), Target::External);
    }

    #[test]
    fn a_page_replaces_the_root_mark_with_its_own_way_to_the_root() {
        let html = r#"<a href="gloss-root:claims/b/index.html">b</a> gloss-root: <img src="gloss-root:x.png">"#;
        assert_eq!(
            resolve_root(html.to_owned(), "../../"),
            r#"<a href="../../claims/b/index.html">b</a> gloss-root: <img src="../../x.png">"#
        );
        assert_eq!(resolve_root("plain".to_owned(), "../"), "plain");
    }
}
