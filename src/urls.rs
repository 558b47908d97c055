//! The URL scheme, in one place: where each page of the site goes, how
//! pages link to each other, and the canonical URL a reader cites.
//!
//! Every page is a directory with an `index.html`. Pages link to each other
//! by relative paths ending in `index.html`, so the site works from a web
//! server at any base path and straight from the file system; the canonical
//! (citable) URL is the directory form under `base-url`.

use std::path::PathBuf;

use crate::id::Id;
use crate::vocabulary::{ItemKind, Section};

/// A page's location in the site, as a path relative to the site root with
/// no leading slash and a trailing one (`claims/x/`), or empty for the root.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PagePath(String);

impl PagePath {
    /// The overview.
    pub fn home() -> PagePath {
        PagePath(String::new())
    }

    /// A section's index (`claims/`, or the overview at the root).
    pub fn section(section: Section) -> PagePath {
        match section.dir() {
            "" => PagePath::home(),
            dir => PagePath(format!("{dir}/")),
        }
    }

    /// Page `number` (from 1) of a section's list: the section index for
    /// the first, `<section>/page/<n>/` after it.
    pub fn section_page(section: Section, number: usize) -> PagePath {
        PagePath::section(section).list_page("", number)
    }

    /// Page `number` (from 1) of a list that starts on this page and
    /// continues under `dir` (relative to this page's, empty or ending in
    /// `/`): this page for the first, `<this>/<dir>page/<n>/` after it.
    pub fn list_page(&self, dir: &str, number: usize) -> PagePath {
        match number {
            0 | 1 => self.clone(),
            n => PagePath(format!("{}{dir}{}/{n}/", self.0, crate::id::PAGING_DIR)),
        }
    }

    /// Whether this is a later page of a long list (`claims/page/2/`,
    /// `entities/x/claims/page/2/`), whose contents shift as the list
    /// grows: not a permalink.
    pub fn is_list_continuation(&self) -> bool {
        let mut parts = self.0.trim_end_matches('/').rsplit('/');
        matches!(
            (parts.next(), parts.next()),
            (Some(n), Some(crate::id::PAGING_DIR)) if n.parse::<usize>().is_ok()
        )
    }

    /// An item's page (`claims/<id>/`).
    pub fn item(kind: ItemKind, id: &Id) -> PagePath {
        PagePath(format!("{}/{id}/", kind.dir()))
    }

    /// The link from the site root to an item's page
    /// (`claims/<id>/index.html`), what `item(kind, id).href()` gives,
    /// in one allocation: lists of claims make hundreds of thousands.
    pub fn item_href(kind: ItemKind, id: &Id) -> String {
        const FILE: &str = "/index.html";
        let (dir, id) = (kind.dir(), id.as_str());
        let mut href = String::with_capacity(dir.len() + 1 + id.len() + FILE.len());
        href.push_str(dir);
        href.push('/');
        href.push_str(id);
        href.push_str(FILE);
        href
    }

    /// The kind and id of an item's page (`claims/x/` gives
    /// [`ItemKind::Claim`] and `x`); `None` for the overview and the lists.
    pub fn item_of(&self) -> Option<(ItemKind, &str)> {
        let (dir, id) = self.0.strip_suffix('/')?.split_once('/')?;
        let kind = ItemKind::in_dir(dir)?;
        (!id.contains('/')).then_some((kind, id))
    }

    /// The page's directory in the site (`claims/x/`, or empty for the root).
    pub fn dir(&self) -> &str {
        &self.0
    }

    /// `../` repeated to climb from this page to the site root.
    pub fn to_root(&self) -> String {
        "../".repeat(self.0.matches('/').count())
    }

    /// The link to this page from the site root (`claims/x/index.html`).
    pub fn href(&self) -> String {
        format!("{}index.html", self.0)
    }

    /// The canonical URL: absolute under `base_url` when there is one,
    /// root-relative (`/claims/x/`) otherwise.
    pub fn permalink(&self, base_url: Option<&str>) -> String {
        match base_url {
            Some(base) => format!("{base}{}", self.0),
            None => format!("/{}", self.0),
        }
    }

    /// The page whose file is `file` (`claims/x/index.html`), if it is one.
    pub fn of_file(file: &std::path::Path) -> Option<PagePath> {
        let file = file.to_string_lossy().replace('\\', "/");
        file.strip_suffix("index.html")
            .map(|dir| PagePath(dir.to_owned()))
    }

    /// Where the page's file goes in the output directory.
    pub fn file(&self) -> PathBuf {
        PathBuf::from(self.href())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_climb_and_link() {
        let id = Id::parse("x").unwrap();
        let p = PagePath::item(ItemKind::Claim, &id);
        assert_eq!(p.to_root(), "../../");
        assert_eq!(p.href(), "claims/x/index.html");
        assert_eq!(PagePath::item_href(ItemKind::Claim, &id), p.href());
        assert_eq!(
            p.permalink(Some("https://e.org/d/")),
            "https://e.org/d/claims/x/"
        );
        assert_eq!(PagePath::home().to_root(), "");
        assert_eq!(PagePath::home().permalink(None), "/");
        assert_eq!(
            PagePath::section_page(Section::Claims, 1),
            PagePath::section(Section::Claims)
        );
        let later = PagePath::section_page(Section::Claims, 3);
        assert_eq!(later.href(), "claims/page/3/index.html");
        assert!(later.is_list_continuation());
        assert!(!p.is_list_continuation());
        assert!(!PagePath::section(Section::Claims).is_list_continuation());
        let entity = PagePath::item(ItemKind::Entity, &Id::parse("huawei").unwrap());
        assert_eq!(entity.list_page("claims/", 1), entity);
        let continued = entity.list_page("claims/", 2);
        assert_eq!(continued.dir(), "entities/huawei/claims/page/2/");
        assert!(continued.is_list_continuation());
        assert_eq!(continued.item_of(), None);
        assert_eq!(p.item_of(), Some((ItemKind::Claim, "x")));
        assert_eq!(PagePath::section(Section::Home), PagePath::home());
        assert_eq!(PagePath::section(Section::Claims).item_of(), None);
        assert_eq!(later.item_of(), None);
        assert_eq!(PagePath::home().item_of(), None);
    }
}
