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
use std::path::{Path, PathBuf};

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
        let sources = page_sources(dossier);
        let mut entries = BTreeMap::new();
        for file in site.paths() {
            let Some(page) = PagePath::of_file(Path::new(file)) else {
                continue;
            };
            if page.is_list_continuation() {
                continue;
            }
            let url = format!("/{}", page.dir());
            let source = sources.get(&page).cloned().unwrap_or_default();
            for id in site.ids(file) {
                if CITABLE.iter().any(|p| id.starts_with(p)) {
                    let from = claim_of_fragment(dossier, id)
                        .map(|c| dossier.claims[c].origin.path.display().to_string())
                        .unwrap_or_else(|| source.clone());
                    entries.insert(format!("{url}#{id}"), from);
                }
            }
            entries.insert(url, source);
        }
        Manifest { entries }
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
        let aliases = claim_aliases(dossier);
        self.entries
            .iter()
            .filter(|(url, _)| !current.entries.contains_key(*url))
            .filter(|(url, _)| !kept_by_alias(url, &aliases))
            .map(|(url, source)| {
                let path = if source.is_empty() { PathBuf::from(MANIFEST) } else { PathBuf::from(source) };
                Diagnostic {
                    lint: Some(Lint::VanishedPermalink),
                    ..Diagnostic::warning(&path, format!("the published permalink `{url}` no longer exists"))
                }
                .with_help("restore it, or give the renamed item `aliases = [\"old-id\"]`; readers cite these URLs")
            })
            .collect()
    }
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

/// Each page's source file.
fn page_sources(dossier: &Dossier) -> BTreeMap<PagePath, String> {
    let mut sources = BTreeMap::new();
    let mut add = |page: PagePath, path: &Path| {
        sources.insert(page, path.display().to_string());
    };
    for a in dossier.articles.values() {
        add(PagePath::item("articles", &a.slug), &a.path);
    }
    for c in dossier.claims.values() {
        add(PagePath::item("claims", &c.id), &c.origin.path);
    }
    for e in dossier.events.values() {
        add(PagePath::item("events", &e.id), &e.origin.path);
    }
    for e in dossier.entities.values() {
        add(PagePath::item("entities", &e.id), &e.origin.path);
    }
    if let Some(intro) = &dossier.intro {
        add(PagePath::home(), &intro.path);
    }
    sources
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
