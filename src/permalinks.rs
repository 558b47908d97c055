//! The permalink manifest: every URL and citable fragment the dossier has
//! published, kept in `permalinks.txt` at the dossier root and committed,
//! so that `gloss check` can report any that a change makes vanish.
//!
//! `gloss build` rewrites the manifest after a successful build that
//! changed it. Each line is a URL (root-relative, `/claims/x/` or
//! `/articles/a/#p-…`), a tab, and the file the URL comes from, which is the
//! file to blame (or to give an `aliases` entry) when it vanishes. Citable
//! fragments are paragraphs (`p-`), quoted passages (`quote-`), note markers
//! (`ref-`), notes (`note-`), \[sic\] marks (`sic-`) and footnotes (`fn-`).
//!
//! At 10,000 articles the manifest lists over half a million URLs (80 MB),
//! so it is held as one sorted vector, compared with the committed file as
//! that file streams past, and written only when it differs.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

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
#[derive(Debug)]
pub struct Manifest {
    /// Sorted by URL, each URL once.
    entries: Vec<Entry>,
}

/// One URL and the file it comes from, if any. The file is shared: a
/// page's fragments come from a handful of files.
#[derive(Debug)]
struct Entry {
    url: Box<str>,
    source: Option<Arc<Path>>,
}

impl Manifest {
    /// The URLs and fragments of a rendered site.
    pub fn of_site(dossier: &Dossier, site: &Inventory) -> Manifest {
        let mut pages: Vec<(String, PagePath, &str)> = site
            .paths()
            .filter_map(|file| citable_page(file).map(|page| (url(&page), page, file)))
            .collect();
        pages.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let entries = pages
            .par_iter()
            .flat_map_iter(|(url, page, file)| page_entries(dossier, site, url, page, file))
            .collect();
        Manifest::sorted(entries)
    }

    /// Reads a manifest; lines that are blank or start with `#` are skipped,
    /// and a URL listed twice counts once.
    pub fn parse(text: &str) -> Manifest {
        let mut sources: HashMap<&str, Arc<Path>> = HashMap::new();
        let entries = text
            .lines()
            .filter_map(line_entry)
            .map(|(url, source)| Entry {
                url: url.into(),
                source: (!source.is_empty()).then(|| {
                    let shared = sources
                        .entry(source)
                        .or_insert_with(|| Path::new(source).into());
                    Arc::clone(shared)
                }),
            })
            .collect();
        Manifest::sorted(entries)
    }

    /// `entries` sorted by URL, keeping the first of each URL: pages
    /// listed in URL order already are, since no URL character sorts
    /// between the end of a page's URL and the `#` of its fragments.
    fn sorted(mut entries: Vec<Entry>) -> Manifest {
        if !entries.is_sorted_by(|a, b| a.url < b.url) {
            entries.par_sort_by(|a, b| a.url.cmp(&b.url));
            entries.dedup_by(|later, earlier| later.url == earlier.url);
        }
        Manifest { entries }
    }

    /// The manifest's entry for `url`, if it lists it.
    fn entry(&self, url: &str) -> Option<&Entry> {
        let found = self.entries.binary_search_by(|e| (*e.url).cmp(url));
        found.ok().map(|i| &self.entries[i])
    }

    /// Writes the manifest as `permalinks.txt` holds it.
    pub fn write_text(&self, out: &mut impl Write) -> io::Result<()> {
        out.write_all(HEADER.as_bytes())?;
        for entry in &self.entries {
            out.write_all(entry.url.as_bytes())?;
            out.write_all(b"\t")?;
            if let Some(source) = &entry.source {
                out.write_all(source.to_string_lossy().as_bytes())?;
            }
            out.write_all(b"\n")?;
        }
        Ok(())
    }

    /// The entries of the page at `url` (`/claims/x/`): the page's own and
    /// its fragments'. They sort together (see [`Manifest::sorted`]).
    fn of_page<'m>(&'m self, url: &'m str) -> impl Iterator<Item = &'m Entry> + 'm {
        let first = self.entries.partition_point(|e| *e.url < *url);
        self.entries[first..].iter().take_while(move |e| {
            e.url
                .strip_prefix(url)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('#'))
        })
    }
}

/// How `permalinks.txt` compares with the manifest of a site just rendered.
#[derive(Debug)]
pub enum Published {
    /// It lists exactly the site's permalinks: there is nothing to write.
    Unchanged,
    /// There is none, or it differs: a warning for each URL it lists that
    /// the site no longer has, unless an alias keeps it alive.
    Changed {
        /// The warnings, one per vanished URL.
        vanished: Vec<Diagnostic>,
    },
}

/// Compares `permalinks.txt` at `root` with `current`, the manifest of the
/// site just rendered: byte for byte as the file streams past, and only if
/// they differ, URL by URL.
pub fn compare(root: &Path, current: &Manifest, dossier: &Dossier) -> Result<Published> {
    let path = root.join(MANIFEST);
    let read_error = |source| Error::Read {
        path: path.clone(),
        source,
    };
    let file = match File::open(&path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Ok(Published::Changed {
                vanished: Vec::new(),
            });
        }
        Err(e) => return Err(read_error(e)),
    };
    if lists_exactly(BufReader::new(file), current).map_err(read_error)? {
        return Ok(Published::Unchanged);
    }
    let text = std::fs::read_to_string(&path).map_err(read_error)?;
    let mut missing: Vec<(&str, &str)> = text
        .par_lines()
        .filter_map(line_entry)
        .filter(|(url, _)| current.entry(url).is_none())
        .collect();
    missing.sort_unstable();
    missing.dedup_by(|later, earlier| later.0 == earlier.0);
    let missing = missing
        .into_iter()
        .map(|(url, source)| (url, (!source.is_empty()).then(|| Path::new(source))));
    Ok(Published::Changed {
        vanished: warnings(missing, dossier),
    })
}

/// Whether `file` holds exactly what `manifest` writes.
fn lists_exactly(file: impl BufRead, manifest: &Manifest) -> io::Result<bool> {
    let mut same = SameAs { file, same: true };
    manifest.write_text(&mut same)?;
    Ok(same.same && same.file.fill_buf()?.is_empty())
}

/// A writer that compares what is written with what a file holds, in
/// step, instead of keeping either in memory.
struct SameAs<R> {
    file: R,
    /// Whether everything written so far matched.
    same: bool,
}

impl<R: BufRead> Write for SameAs<R> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        while self.same && !rest.is_empty() {
            let held = self.file.fill_buf()?;
            let n = held.len().min(rest.len());
            self.same = n > 0 && held[..n] == rest[..n];
            self.file.consume(n);
            rest = &rest[n..];
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The published permalinks that a site changing page by page lacks,
/// followed page by page: `serve` checks each update without building the
/// whole manifest again (half a million URLs at 10,000 articles).
#[derive(Debug)]
pub struct Watch {
    published: Manifest,
    /// The published URLs that the site lacks.
    missing: BTreeSet<Box<str>>,
}

impl Watch {
    /// Starts following the rendered `site` against `published`.
    pub fn new(published: Manifest, dossier: &Dossier, site: &Inventory) -> Watch {
        let current = Manifest::of_site(dossier, site);
        let missing = published
            .entries
            .iter()
            .filter(|e| current.entry(&e.url).is_none())
            .map(|e| e.url.clone())
            .collect();
        Watch { published, missing }
    }

    /// Takes in the pages among `files` (site paths) that were rendered
    /// again, or that the site no longer has.
    pub fn refresh<'f>(&mut self, site: &Inventory, files: impl IntoIterator<Item = &'f str>) {
        for file in files {
            let Some(url) = citable_page(file).as_ref().map(url) else {
                continue;
            };
            let exists = site.contains(file);
            let ids: HashSet<&str> = citable_ids(site, file).collect();
            for entry in self.published.of_page(&url) {
                let present = exists
                    && match entry.url[url.len()..].strip_prefix('#') {
                        None => true,
                        Some(id) => ids.contains(id),
                    };
                if present {
                    self.missing.remove(&entry.url);
                } else {
                    self.missing.insert(entry.url.clone());
                }
            }
        }
    }

    /// A warning for each published URL the site no longer has, unless an
    /// alias keeps it alive: what [`compare`] gives.
    pub fn vanished(&self, dossier: &Dossier) -> Vec<Diagnostic> {
        let missing = self
            .missing
            .iter()
            .filter_map(|url| self.published.entry(url));
        warnings(missing.map(|e| (&*e.url, e.source.as_deref())), dossier)
    }
}

/// Reads `permalinks.txt` at `root`, if there is one.
pub fn read(root: &Path) -> Result<Option<Manifest>> {
    match std::fs::read_to_string(root.join(MANIFEST)) {
        Ok(text) => Ok(Some(Manifest::parse(&text))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
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
    let mut out = BufWriter::new(File::create(&staging).map_err(write_error)?);
    manifest.write_text(&mut out).map_err(write_error)?;
    out.into_inner()
        .map_err(|e| write_error(e.into_error()))?
        .sync_all()
        .map_err(write_error)?;
    std::fs::rename(&staging, &path).map_err(write_error)
}

/// The URL and source of a manifest line, unless it is blank or a comment.
fn line_entry(line: &str) -> Option<(&str, &str)> {
    if line.trim().is_empty() || line.starts_with('#') {
        return None;
    }
    let (url, source) = line.split_once('\t').unwrap_or((line, ""));
    Some((url.trim(), source.trim()))
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

/// The ids on the page at `file` that readers cite.
fn citable_ids<'s>(site: &'s Inventory, file: &str) -> impl Iterator<Item = &'s str> {
    site.ids(file)
        .filter(|id| CITABLE.iter().any(|p| id.starts_with(p)))
}

/// The manifest's entries for `page` of `site`, at `url` in the file
/// `file`: the page's URL and its citable fragments, in URL order, each
/// with the file it comes from.
fn page_entries(
    dossier: &Dossier,
    site: &Inventory,
    url: &str,
    page: &PagePath,
    file: &str,
) -> Vec<Entry> {
    let source = page_source(dossier, page);
    let mut fragments: Vec<Entry> = citable_ids(site, file)
        .map(|id| Entry {
            url: format!("{url}#{id}").into(),
            source: match claim_of_fragment(dossier, id) {
                Some(claim) => Some(Arc::clone(&dossier.claims[claim].origin.path)),
                None => source.clone(),
            },
        })
        .collect();
    fragments.sort_unstable_by(|a, b| a.url.cmp(&b.url));
    let mut entries = Vec::with_capacity(fragments.len() + 1);
    entries.push(Entry {
        url: url.into(),
        source,
    });
    entries.append(&mut fragments);
    entries
}

/// The file a page comes from: its item's, or the introduction's for the
/// overview.
fn page_source(dossier: &Dossier, page: &PagePath) -> Option<Arc<Path>> {
    match page.item_of() {
        None if *page == PagePath::home() => Some(dossier.intro.as_ref()?.path.as_path().into()),
        None => None,
        Some(("articles", slug)) => Some(dossier.articles.get(slug)?.path.as_path().into()),
        Some(("claims", id)) => Some(Arc::clone(&dossier.claims.get(id)?.origin.path)),
        Some(("events", id)) => Some(Arc::clone(&dossier.events.get(id)?.origin.path)),
        Some(("entities", id)) => Some(Arc::clone(&dossier.entities.get(id)?.origin.path)),
        Some(_) => None,
    }
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

/// A warning for each of the `missing` URLs (with the file each came
/// from), unless an alias keeps it alive.
fn warnings<'m>(
    missing: impl Iterator<Item = (&'m str, Option<&'m Path>)>,
    dossier: &Dossier,
) -> Vec<Diagnostic> {
    let aliases = claim_aliases(dossier);
    missing
        .filter(|(url, _)| !kept_by_alias(url, &aliases))
        .map(|(url, source)| {
            let path = source.map_or_else(|| PathBuf::from(MANIFEST), Path::to_owned);
            Diagnostic {
                lint: Some(Lint::VanishedPermalink),
                ..Diagnostic::warning(&path, format!("the published permalink `{url}` no longer exists"))
            }
            .with_help("restore it, or give the renamed item `aliases = [\"old-id\"]`; readers cite these URLs")
        })
        .collect()
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

    fn text_of(manifest: &Manifest) -> String {
        let mut out = Vec::new();
        manifest.write_text(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_manifest_round_trips() {
        let text = format!("{HEADER}/a/\tcontent/x.md\n/a/#p-one\tcontent/x.md\n/claims/\t\n");
        let manifest = Manifest::parse(&text);
        assert_eq!(manifest.entries.len(), 3);
        assert_eq!(text_of(&manifest), text);
        assert!(lists_exactly(text.as_bytes(), &manifest).unwrap());
    }

    #[test]
    fn a_hand_edited_manifest_is_sorted_and_listed_once() {
        let manifest =
            Manifest::parse("/b/\tx.md\n# moved\n\n/a/#p-1\ty.md\n/a/\ty.md\n/b/\tz.md\n");
        assert_eq!(
            text_of(&manifest),
            format!("{HEADER}/a/\ty.md\n/a/#p-1\ty.md\n/b/\tx.md\n")
        );
    }

    #[test]
    fn only_the_same_bytes_list_exactly() {
        let manifest = Manifest::parse("/a/\tx.md\n/a/#p-1\tx.md\n");
        let text = text_of(&manifest);
        assert!(lists_exactly(text.as_bytes(), &manifest).unwrap());
        let shorter = &text[..text.len() - 1];
        let longer = format!("{text}/b/\t\n");
        let other = text.replace("p-1", "p-2");
        for differing in [shorter, &longer, &other, ""] {
            assert!(
                !lists_exactly(differing.as_bytes(), &manifest).unwrap(),
                "{differing}"
            );
        }
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
