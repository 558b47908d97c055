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

/// The folder under a claim's page that holds its versions.
const VERSIONS_DIR: &str = "v";

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

    /// Version `number` (from 1) of a claim, as git records it
    /// (`claims/<id>/v/<n>/`): a page that never changes, to cite a claim
    /// as it stood.
    pub fn claim_version(id: &str, number: usize) -> PagePath {
        let dir = ItemKind::Claim.dir();
        PagePath(format!("{dir}/{id}/{VERSIONS_DIR}/{number}/"))
    }

    /// The claim id and version number of a claim's version page.
    pub fn claim_version_of(&self) -> Option<(&str, usize)> {
        let rest = self
            .0
            .strip_prefix(ItemKind::Claim.dir())?
            .strip_prefix('/')?;
        let mut parts = rest.strip_suffix('/')?.split('/');
        match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some(id), Some(VERSIONS_DIR), Some(number), None) => {
                Some((id, number.parse().ok().filter(|n| *n > 0)?))
            }
            _ => None,
        }
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

/// Turns site paths into the URLs the site publishes (in exports, feeds,
/// structured data): absolute under `base-url`, root-relative without one.
#[derive(Debug, Clone, Copy)]
pub struct Urls<'a> {
    /// `base-url` from book.toml, ending in `/`.
    pub base: Option<&'a str>,
}

impl Urls<'_> {
    /// A page's canonical URL.
    pub fn page(&self, path: &PagePath) -> String {
        path.permalink(self.base)
    }

    /// The URL of a file of the site, named by its path from the root.
    pub fn file(&self, name: &str) -> String {
        match self.base {
            Some(base) => format!("{base}{name}"),
            None => format!("/{name}"),
        }
    }
}

/// The ids gloss gives places within a page, which readers link to and
/// cite (`/articles/a/#quote-c`): each kind's form is written here, both
/// to make an id (its `Display`) and to read one back from
/// `permalinks.txt` ([`Fragment::claims_named`], [`Fragment::is_citable`]).
/// Ids derive from names, never from positions, so adding a claim or a
/// paragraph never moves another's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fragment<'a> {
    /// A claim's passage on a report's page: `quote-<claim>`, and
    /// `quote-<claim>-<n>` for its `n`th passage in the same report.
    Passage {
        /// The claim's id.
        claim: &'a str,
        /// Which of the claim's passages in the report, from 1.
        occurrence: usize,
    },
    /// The note marker after a passage: `ref-<claim>`, `ref-<claim>-<n>`.
    Marker {
        /// The claim's id.
        claim: &'a str,
        /// Which of the claim's passages in the report, from 1.
        occurrence: usize,
    },
    /// A claim's note below a report: `note-<claim>`.
    Note {
        /// The claim's id.
        claim: &'a str,
    },
    /// A paragraph, named by the slug of its first words: `p-<slug>`, or
    /// `p` for a paragraph without words.
    Paragraph {
        /// The slug of its first words, possibly empty.
        slug: &'a str,
    },
    /// A Markdown footnote of the text named `namespace` (empty for a
    /// report's own): `fn-<label>`, or `fn-<namespace>-<label>`.
    Footnote {
        /// Whose text: empty for a report, else the note's namespace.
        namespace: &'a str,
        /// The footnote's label, as a slug.
        label: &'a str,
    },
    /// A reference to a footnote: `fn-ref-<label>`, `fn-ref-<label>-<n>`
    /// for the `n`th, with the namespace as in [`Fragment::Footnote`].
    FootnoteRef {
        /// Whose text: empty for a report, else the note's namespace.
        namespace: &'a str,
        /// The footnote's label, as a slug.
        label: &'a str,
        /// Which reference to the footnote, from 1.
        occurrence: usize,
    },
    /// A `[sic]` mark, named by the slug of the words it marks:
    /// `sic-<slug>` (made unique on its page).
    Sic {
        /// The slug of the marked words.
        slug: &'a str,
    },
    /// The note explaining a `[sic]` mark whose id is `mark`:
    /// `<mark>-note`.
    SicNote {
        /// The mark's id on its page.
        mark: &'a str,
    },
}

impl Fragment<'_> {
    /// What every footnote id starts with.
    const FOOTNOTE: &'static str = "fn-";
    /// What the ids of the kinds readers cite start with; a `[sic]`
    /// mark's (`sic-…`) is made unique among a page's claims.
    const CITABLE: [&'static str; 6] = ["p-", "quote-", "ref-", "note-", "sic-", Self::FOOTNOTE];
    /// The kinds that belong to a claim, which its aliases keep.
    const OF_CLAIMS: [&'static str; 3] = ["quote-", "ref-", "note-"];

    /// Whether a fragment id is of a kind readers cite, so that
    /// `permalinks.txt` records it.
    pub fn is_citable(id: &str) -> bool {
        Self::CITABLE.iter().any(|p| id.starts_with(p))
    }

    /// The ids of the claim a passage, marker or note id may belong to,
    /// the likelier first: `quote-c` is claim `c`'s, `quote-c-2` claim
    /// `c`'s second passage unless a claim `c-2` exists.
    pub fn claims_named(id: &str) -> impl Iterator<Item = &str> {
        let rest = Self::OF_CLAIMS.iter().find_map(|p| id.strip_prefix(p));
        let head = rest.and_then(|rest| rest.rsplit_once('-').map(|(head, _)| head));
        rest.into_iter().chain(head)
    }

    /// The prefix of every footnote id in the text named `namespace`.
    pub fn footnote_prefix(namespace: &str) -> String {
        match namespace {
            "" => Self::FOOTNOTE.to_owned(),
            namespace => format!("{}{namespace}-", Self::FOOTNOTE),
        }
    }
}

impl std::fmt::Display for Fragment<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let numbered = |f: &mut std::fmt::Formatter<'_>, kind: &str, claim: &str, n: usize| {
            if n <= 1 {
                write!(f, "{kind}-{claim}")
            } else {
                write!(f, "{kind}-{claim}-{n}")
            }
        };
        match *self {
            Fragment::Passage { claim, occurrence } => numbered(f, "quote", claim, occurrence),
            Fragment::Marker { claim, occurrence } => numbered(f, "ref", claim, occurrence),
            Fragment::Note { claim } => write!(f, "note-{claim}"),
            Fragment::Paragraph { slug: "" } => f.write_str("p"),
            Fragment::Paragraph { slug } => write!(f, "p-{slug}"),
            Fragment::Footnote { namespace, label } => {
                write!(f, "{}{label}", Fragment::footnote_prefix(namespace))
            }
            Fragment::FootnoteRef {
                namespace,
                label,
                occurrence,
            } => {
                let kind = format!("{}ref", Fragment::footnote_prefix(namespace));
                numbered(f, &kind, label, occurrence)
            }
            Fragment::Sic { slug } => write!(f, "sic-{slug}"),
            Fragment::SicNote { mark } => write!(f, "{mark}-note"),
        }
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
        let version = PagePath::claim_version("x", 2);
        assert_eq!(version.href(), "claims/x/v/2/index.html");
        assert_eq!(version.to_root(), "../../../../");
        assert_eq!(version.claim_version_of(), Some(("x", 2)));
        assert_eq!(version.item_of(), None);
        assert!(!version.is_list_continuation());
        assert_eq!(p.claim_version_of(), None);
        assert_eq!(continued.claim_version_of(), None);
        assert_eq!(p.item_of(), Some((ItemKind::Claim, "x")));
        assert_eq!(PagePath::section(Section::Home), PagePath::home());
        assert_eq!(PagePath::section(Section::Claims).item_of(), None);
        assert_eq!(later.item_of(), None);
        assert_eq!(PagePath::home().item_of(), None);
    }

    #[test]
    fn fragments_are_made_and_read_back() {
        let passage = |occurrence| Fragment::Passage {
            claim: "c-2",
            occurrence,
        };
        assert_eq!(passage(1).to_string(), "quote-c-2");
        assert_eq!(passage(3).to_string(), "quote-c-2-3");
        let marker = Fragment::Marker {
            claim: "c",
            occurrence: 2,
        };
        assert_eq!(marker.to_string(), "ref-c-2");
        assert_eq!(Fragment::Note { claim: "c" }.to_string(), "note-c");
        assert_eq!(Fragment::Paragraph { slug: "" }.to_string(), "p");
        assert_eq!(Fragment::Paragraph { slug: "a-b" }.to_string(), "p-a-b");
        let footnote = |namespace| Fragment::Footnote {
            namespace,
            label: "one",
        };
        assert_eq!(footnote("").to_string(), "fn-one");
        assert_eq!(footnote("x").to_string(), "fn-x-one");
        let reference = |namespace, occurrence| Fragment::FootnoteRef {
            namespace,
            label: "one",
            occurrence,
        };
        assert_eq!(reference("", 1).to_string(), "fn-ref-one");
        assert_eq!(reference("x", 2).to_string(), "fn-x-ref-one-2");
        assert_eq!(Fragment::Sic { slug: "teh" }.to_string(), "sic-teh");
        assert_eq!(
            Fragment::SicNote { mark: "sic-teh-2" }.to_string(),
            "sic-teh-2-note"
        );
        let claims: Vec<&str> = Fragment::claims_named("quote-c-2-3").collect();
        assert_eq!(claims, ["c-2-3", "c-2"]);
        assert_eq!(Fragment::claims_named("p-c").count(), 0);
        for id in [
            "quote-c-2",
            "ref-c",
            "note-c",
            "p-a-b",
            "sic-teh",
            "fn-x-one",
        ] {
            assert!(Fragment::is_citable(id), "{id}");
        }
        assert!(!Fragment::is_citable("sources"));
    }
}
