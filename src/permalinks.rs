//! The permalink manifest: every URL and citable fragment the dossier has
//! published, kept in `permalinks.txt` at the dossier root and committed,
//! so that `gloss check` can report any that a change makes vanish.
//!
//! `gloss build` rewrites the manifest after a successful build. Each line
//! is a URL (root-relative, `/claims/x/` or `/articles/a/#p-…`), a tab,
//! and the file the URL comes from, which is the file to blame (or to give
//! an `aliases` entry) when it vanishes. Citable fragments are paragraphs
//! (`p-`), quoted passages (`quote-`), note markers (`ref-`), notes
//! (`note-`), \[sic\] marks (`sic-`) and footnotes (`fn-`).

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Bound;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Lint};
use crate::dossier::Dossier;
use crate::error::{Error, Result};
use crate::id::Id;
use crate::inventory::Inventory;
use crate::render::paths::PagePath;

/// The manifest's file name, at the dossier root.
pub const MANIFEST: &str = "permalinks.txt";

const HEADER: &str = "# Every URL and citable fragment this dossier has published, written by\n\
                      # `gloss build`. Commit it: `gloss check` reports any that vanish.\n";

/// Fragment prefixes that readers cite.
const CITABLE: [&str; 6] = ["p-", "quote-", "ref-", "note-", "sic-", "fn-"];

/// Published URLs and the files they come from.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Manifest {
    entries: BTreeMap<String, String>,
}

impl Manifest {
    /// The URLs and fragments of a rendered site.
    pub fn of_site(dossier: &Dossier, site: &Inventory) -> Manifest {
        let files: Vec<&str> = site.paths().collect();
        let entries = files
            .par_iter()
            .flat_map_iter(|file| page_entries(dossier, site, file))
            .collect::<Vec<_>>();
        Manifest {
            entries: entries.into_iter().collect(),
        }
    }

    /// Reads a manifest; lines that are blank or start with `#` are skipped.
    pub fn parse(text: &str) -> Manifest {
        let entries = text
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(|l| {
                let (url, source) = l.split_once('\t').unwrap_or((l, ""));
                (url.trim().to_owned(), source.trim().to_owned())
            })
            .collect();
        Manifest { entries }
    }

    /// The manifest as written to disk.
    pub fn to_text(&self) -> String {
        let mut text = String::from(HEADER);
        for (url, source) in &self.entries {
            text.push_str(url);
            text.push('\t');
            text.push_str(source);
            text.push('\n');
        }
        text
    }

    /// A warning for each URL of `self` that `current` no longer has, unless
    /// an alias keeps it alive.
    pub fn vanished(&self, current: &Manifest, dossier: &Dossier) -> Vec<Diagnostic> {
        let missing = self
            .entries
            .keys()
            .filter(|url| !current.entries.contains_key(*url));
        self.warnings(missing, dossier)
    }

    fn warnings<'m>(
        &'m self,
        missing: impl Iterator<Item = &'m String>,
        dossier: &Dossier,
    ) -> Vec<Diagnostic> {
        let aliases = claim_aliases(dossier);
        missing
            .filter(|url| !kept_by_alias(url, &aliases))
            .map(|url| {
                let source = &self.entries[url];
                let path = if source.is_empty() { PathBuf::from(MANIFEST) } else { PathBuf::from(source) };
                Diagnostic {
                    lint: Some(Lint::VanishedPermalink),
                    ..Diagnostic::warning(&path, format!("the published permalink `{url}` no longer exists"))
                }
                .with_help("restore it, or give the renamed item `aliases = [\"old-id\"]`; readers cite these URLs")
            })
            .collect()
    }

    /// The URLs of the page at `url` (`/claims/x/`): the page's own and
    /// its fragments'. They sort together, since no URL character sorts
    /// between the end of a page's URL and the `#` of its fragments.
    fn of_page<'m>(&'m self, url: &'m str) -> impl Iterator<Item = &'m String> + 'm {
        self.entries
            .range::<str, _>((Bound::Included(url), Bound::Unbounded))
            .map(|(key, _)| key)
            .take_while(move |key| {
                key.strip_prefix(url)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('#'))
            })
    }
}

/// The published permalinks that a site changing page by page lacks,
/// followed page by page: `serve` checks each update without building the
/// whole manifest again (half a million URLs at 10,000 articles).
#[derive(Debug)]
pub struct Watch {
    published: Manifest,
    current: Manifest,
    /// The published URLs that `current` lacks.
    missing: BTreeSet<String>,
}

impl Watch {
    /// Starts following the rendered `site` against `published`.
    pub fn new(published: Manifest, dossier: &Dossier, site: &Inventory) -> Watch {
        let current = Manifest::of_site(dossier, site);
        let missing = published
            .entries
            .keys()
            .filter(|url| !current.entries.contains_key(*url))
            .cloned()
            .collect();
        Watch {
            published,
            current,
            missing,
        }
    }

    /// Takes in the pages among `files` (site paths) that were rendered
    /// again, or that the site no longer has.
    pub fn refresh<'f>(
        &mut self,
        dossier: &Dossier,
        site: &Inventory,
        files: impl IntoIterator<Item = &'f str>,
    ) {
        for file in files {
            let Some(url) = citable_page(file).as_ref().map(url) else {
                continue;
            };
            let stale: Vec<String> = self.current.of_page(&url).cloned().collect();
            for key in stale {
                self.current.entries.remove(&key);
            }
            self.current
                .entries
                .extend(page_entries(dossier, site, file));
            for key in self.published.of_page(&url) {
                if self.current.entries.contains_key(key) {
                    self.missing.remove(key);
                } else {
                    self.missing.insert(key.clone());
                }
            }
        }
    }

    /// A warning for each published URL the site no longer has, unless an
    /// alias keeps it alive: what [`Manifest::vanished`] gives.
    pub fn vanished(&self, dossier: &Dossier) -> Vec<Diagnostic> {
        self.published.warnings(self.missing.iter(), dossier)
    }
}

/// The page whose file is `file`, unless it is not a page or is a later
/// page of a list (not a permalink).
fn citable_page(file: &str) -> Option<PagePath> {
    PagePath::of_file(Path::new(file)).filter(|page| !page.is_list_continuation())
}

/// A page's root-relative URL, as the manifest lists it.
fn url(page: &PagePath) -> String {
    format!("/{}", page.dir())
}

/// The manifest's entries for the file `file` of `site`: the page's URL
/// and its citable fragments, each with the file it comes from. None if
/// the site has no such page.
fn page_entries(dossier: &Dossier, site: &Inventory, file: &str) -> Vec<(String, String)> {
    let Some(page) = citable_page(file).filter(|_| site.contains(file)) else {
        return Vec::new();
    };
    let url = url(&page);
    let source = page_source(dossier, &page).unwrap_or_default();
    let mut entries = Vec::new();
    for id in site.ids(file) {
        if CITABLE.iter().any(|p| id.starts_with(p)) {
            let from = claim_of_fragment(dossier, id)
                .map(|c| dossier.claims[c].origin.path.display().to_string())
                .unwrap_or_else(|| source.clone());
            entries.push((format!("{url}#{id}"), from));
        }
    }
    entries.push((url, source));
    entries
}

/// Reads `permalinks.txt` at `root`, if there is one.
pub fn read(root: &Path) -> Result<Option<Manifest>> {
    match std::fs::read_to_string(root.join(MANIFEST)) {
        Ok(text) => Ok(Some(Manifest::parse(&text))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(Error::Read {
            path: root.join(MANIFEST),
            source,
        }),
    }
}

/// Writes `permalinks.txt` at `root`, replacing it in one step.
pub fn write(root: &Path, manifest: &Manifest) -> Result<()> {
    let path = root.join(MANIFEST);
    let staging = root.join(format!(".{MANIFEST}.tmp"));
    let write_error = |source| Error::Write {
        path: path.clone(),
        source,
    };
    std::fs::write(&staging, manifest.to_text()).map_err(write_error)?;
    std::fs::rename(&staging, &path).map_err(write_error)
}

/// The file a page comes from: its item's, or the introduction's for the
/// overview.
fn page_source(dossier: &Dossier, page: &PagePath) -> Option<String> {
    let path: &Path = match page.item_of() {
        None if *page == PagePath::home() => &dossier.intro.as_ref()?.path,
        None => return None,
        Some(("articles", slug)) => &dossier.articles.get(slug)?.path,
        Some(("claims", id)) => &dossier.claims.get(id)?.origin.path,
        Some(("events", id)) => &dossier.events.get(id)?.origin.path,
        Some(("entities", id)) => &dossier.entities.get(id)?.origin.path,
        Some(_) => return None,
    };
    Some(path.display().to_string())
}

/// The claim a `quote-`/`ref-`/`note-` fragment belongs to, if any.
fn claim_of_fragment<'d>(dossier: &'d Dossier, fragment: &str) -> Option<&'d Id> {
    let rest = ["quote-", "ref-", "note-"]
        .iter()
        .find_map(|p| fragment.strip_prefix(p))?;
    let candidates = [Some(rest), rest.rsplit_once('-').map(|(head, _)| head)];
    candidates.into_iter().flatten().find_map(|c| {
        Id::parse(c)
            .ok()
            .and_then(|id| dossier.claims.get_key_value(&id))
            .map(|(k, _)| k)
    })
}

fn claim_aliases(dossier: &Dossier) -> BTreeSet<String> {
    dossier
        .claims
        .values()
        .flat_map(|c| c.aliases.iter().map(Id::to_string))
        .collect()
}

/// Whether a vanished fragment belongs to a claim that was renamed with an
/// alias (its notes and passages moved with it).
fn kept_by_alias(url: &str, aliases: &BTreeSet<String>) -> bool {
    let Some((_, fragment)) = url.split_once('#') else {
        return false;
    };
    let Some(rest) = ["quote-", "ref-", "note-"]
        .iter()
        .find_map(|p| fragment.strip_prefix(p))
    else {
        return false;
    };
    aliases.contains(rest)
        || rest
            .rsplit_once('-')
            .is_some_and(|(head, _)| aliases.contains(head))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manifest_round_trips() {
        let text = format!("{HEADER}/a/\tcontent/x.md\n/a/#p-one\tcontent/x.md\n/claims/\t\n");
        let manifest = Manifest::parse(&text);
        assert_eq!(manifest.entries.len(), 3);
        assert_eq!(manifest.to_text(), text);
    }

    #[test]
    fn fragments_of_renamed_claims_are_kept() {
        let aliases: BTreeSet<String> = ["old".to_owned()].into();
        assert!(kept_by_alias("/articles/a/#note-old", &aliases));
        assert!(kept_by_alias("/articles/a/#quote-old-2", &aliases));
        assert!(!kept_by_alias("/articles/a/#p-old", &aliases));
        assert!(!kept_by_alias("/claims/old/", &aliases));
    }
}
