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
//! so a build never holds it: [`SiteManifest`] keeps the site's pages in URL
//! order and makes each page's lines from the site's inventory as the
//! committed file streams past to be compared, and again only if it must be
//! written. The committed file itself is read into a [`Manifest`] only by
//! `serve`, which follows it page by page.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fs::File;
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::diagnostics::{Diagnostic, Lint};
use crate::dossier::Dossier;
use crate::error::{Error, Result};
use crate::files;
use crate::id::Id;
use crate::inventory::Inventory;
use crate::urls::{Fragment, PagePath};
use crate::vocabulary::ItemKind;

/// The manifest's file name, at the dossier root.
pub const MANIFEST: &str = "permalinks.txt";

const HEADER: &str = "# Every URL and citable fragment this dossier has published, written by\n\
                      # `gloss build`. Commit it: `gloss check` reports any that vanish.\n";

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

    /// `entries` sorted by URL, keeping the first of each URL.
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

    /// The entries of the page at `url` (`/claims/x/`): the page's own and
    /// its fragments'. They sort together (see [`SiteManifest`]).
    fn of_page<'m>(&'m self, url: &'m str) -> impl Iterator<Item = &'m Entry> + 'm {
        let first = self.entries.partition_point(|e| *e.url < *url);
        self.entries[first..].iter().take_while(move |e| {
            e.url
                .strip_prefix(url)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('#'))
        })
    }
}

/// The manifest of a site just rendered, made page by page whenever it is
/// compared or written rather than held: its pages in URL order, and what
/// each page's lines need besides the site's inventory. Pages listed in
/// URL order, each followed by its fragments in order, are the whole
/// manifest in URL order, since no character of a page's path sorts before
/// the `#` that starts a fragment.
#[derive(Debug)]
pub struct SiteManifest {
    site: Inventory,
    /// The citable pages, sorted by URL.
    pages: Vec<ManifestPage>,
    /// The file each claim comes from, to which its passages and notes on
    /// every page belong too.
    claim_sources: FxHashMap<Id, Arc<Path>>,
}

/// A citable page of the site.
#[derive(Debug)]
struct ManifestPage {
    url: String,
    /// Its file in the site, as the inventory knows it.
    file: String,
    /// The file it comes from, if any.
    source: Option<Arc<Path>>,
}

/// How many pages' lines are made at a time, in parallel, before they are
/// written or compared.
const PAGES_AT_A_TIME: usize = 512;

impl SiteManifest {
    /// The manifest of `site`, rendered from `dossier`.
    pub fn new(dossier: &Dossier, site: Inventory) -> SiteManifest {
        let mut pages: Vec<ManifestPage> = site
            .paths()
            .filter_map(|file| {
                let page = citable_page(file)?;
                Some(ManifestPage {
                    url: url(&page),
                    file: file.to_owned(),
                    source: page_source(dossier, &page),
                })
            })
            .collect();
        pages.par_sort_unstable_by(|a, b| a.url.cmp(&b.url));
        let claim_sources = dossier
            .claims
            .iter()
            .map(|(id, claim)| (id.clone(), Arc::clone(&claim.origin.path)))
            .collect();
        SiteManifest {
            site,
            pages,
            claim_sources,
        }
    }

    /// What the rendered site holds.
    pub fn site(&self) -> &Inventory {
        &self.site
    }

    /// Writes the manifest as `permalinks.txt` holds it.
    pub fn write_text(&self, out: &mut impl Write) -> io::Result<()> {
        out.write_all(HEADER.as_bytes())?;
        for batch in self.pages.chunks(PAGES_AT_A_TIME) {
            let lines: Vec<Vec<u8>> = batch.par_iter().map(|page| self.lines(page)).collect();
            for page_lines in lines {
                out.write_all(&page_lines)?;
            }
        }
        Ok(())
    }

    /// The lines of `page`: its URL's, then its citable fragments' in
    /// order, each with the file it comes from.
    fn lines(&self, page: &ManifestPage) -> Vec<u8> {
        let mut fragments: Vec<&str> = citable_ids(&self.site, &page.file).collect();
        fragments.sort_unstable();
        fragments.dedup();
        let mut lines = Vec::new();
        push_line(&mut lines, &[&page.url], page.source.as_deref());
        for id in fragments {
            let source = Fragment::claims_named(id)
                .find_map(|claim| self.claim_sources.get(claim))
                .or(page.source.as_ref());
            push_line(&mut lines, &[&page.url, "#", id], source.map(|s| &**s));
        }
        lines
    }
}

/// Adds a manifest line: the URL made of `url`'s parts, a tab, the file it
/// comes from.
fn push_line(lines: &mut Vec<u8>, url: &[&str], source: Option<&Path>) {
    for part in url {
        lines.extend_from_slice(part.as_bytes());
    }
    lines.push(b'\t');
    if let Some(source) = source {
        lines.extend_from_slice(source.to_string_lossy().as_bytes());
    }
    lines.push(b'\n');
}

/// Whether the rendered `site` has the permalink `url`: a page's
/// (`/claims/x/`) or that of one of a page's citable fragments
/// (`/claims/x/#p-…`). Asks the inventory rather than a manifest.
fn site_has(site: &Inventory, url: &str) -> bool {
    let has = |page: &str, fragment: Option<&str>| {
        let Some(dir) = page.strip_prefix('/') else {
            return false;
        };
        let file = format!("{dir}index.html");
        citable_page(&file).is_some()
            && site.contains(&file)
            && fragment.is_none_or(|id| citable_ids(site, &file).any(|cited| cited == id))
    };
    has(url, None)
        || url
            .match_indices('#')
            .any(|(at, _)| has(&url[..at], Some(&url[at + 1..])))
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
pub fn compare(root: &Path, current: &SiteManifest, dossier: &Dossier) -> Result<Published> {
    let path = root.join(MANIFEST);
    let read_error = |source| files::read_error(&path, source);
    check_readable(root)?;
    let file = match File::open(&path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Ok(Published::Changed {
                vanished: Vec::new(),
            });
        }
        Err(e) => return Err(read_error(e)),
    };
    let listed = lists_exactly(BufReader::new(file), |out| current.write_text(out));
    if listed.map_err(read_error)? {
        return Ok(Published::Unchanged);
    }
    let text = std::fs::read_to_string(&path).map_err(read_error)?;
    let mut missing: Vec<(&str, &str)> = text
        .par_lines()
        .filter_map(line_entry)
        .filter(|(url, _)| !site_has(&current.site, url))
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

/// Whether `file` holds exactly what `write` writes.
fn lists_exactly<R: BufRead>(
    file: R,
    write: impl FnOnce(&mut SameAs<R>) -> io::Result<()>,
) -> io::Result<bool> {
    let mut same = SameAs { file, same: true };
    write(&mut same)?;
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
    pub fn new(published: Manifest, site: &Inventory) -> Watch {
        let missing = published
            .entries
            .par_iter()
            .filter(|e| !site_has(site, &e.url))
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
    check_readable(root)?;
    match std::fs::read_to_string(root.join(MANIFEST)) {
        Ok(text) => Ok(Some(Manifest::parse(&text))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(files::read_error(&root.join(MANIFEST), source)),
    }
}

/// Refuses a `permalinks.txt` at `root` that gloss must not read: a link
/// out of the dossier (its target would be printed as vanished
/// permalinks), a directory, or something other than a regular file.
fn check_readable(root: &Path) -> Result<()> {
    match files::check_readable(root, Path::new(MANIFEST)) {
        Some(problem) => Err(Error::Content(vec![problem])),
        None => Ok(()),
    }
}

/// Writes `permalinks.txt` at `root`, replacing it in one step. The new
/// text goes into a file created afresh under a random name (so a link or
/// file planted at any name cannot redirect the write), which is then
/// renamed over `permalinks.txt` (replacing a link there, not its target).
pub fn write(root: &Path, manifest: &SiteManifest) -> Result<()> {
    files::replace(
        &root.join(MANIFEST),
        |mut out| manifest.write_text(&mut out),
        || Ok(()),
    )
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
    site.ids(file).filter(|id| Fragment::is_citable(id))
}

/// The file a page comes from: its item's, or the introduction's for the
/// overview.
fn page_source(dossier: &Dossier, page: &PagePath) -> Option<Arc<Path>> {
    if let Some((id, _)) = page.claim_version_of() {
        return Some(Arc::clone(&dossier.claims.get(id)?.origin.path));
    }
    match page.item_of() {
        None if *page == PagePath::home() => Some(dossier.intro.as_ref()?.path.as_path().into()),
        None => None,
        Some((ItemKind::Article, slug)) => Some(dossier.articles.get(slug)?.path.as_path().into()),
        Some((ItemKind::Claim, id)) => Some(Arc::clone(&dossier.claims.get(id)?.origin.path)),
        Some((ItemKind::Event, id)) => Some(Arc::clone(&dossier.events.get(id)?.origin.path)),
        Some((ItemKind::Entity, id)) => Some(Arc::clone(&dossier.entities.get(id)?.origin.path)),
    }
}

/// A warning for each of the `missing` URLs (with the file each came
/// from), unless an alias keeps it alive.
fn warnings<'m>(
    missing: impl Iterator<Item = (&'m str, Option<&'m Path>)>,
    dossier: &Dossier,
) -> Vec<Diagnostic> {
    let aliases = claim_aliases(dossier);
    let mut versions_unread = 0;
    let mut warnings: Vec<Diagnostic> = missing
        .filter(|(url, _)| !kept_by_alias(url, &aliases))
        .filter(|(url, _)| {
            let unread = dossier.history.missing().is_some() && is_claim_version(url);
            versions_unread += usize::from(unread);
            !unread
        })
        .map(|(url, source)| {
            let path = source.map_or_else(|| PathBuf::from(MANIFEST), Path::to_owned);
            Diagnostic {
                lint: Some(Lint::VanishedPermalink),
                ..Diagnostic::warning(&path, format!("the published permalink `{url}` no longer exists"))
            }
            .with_help("restore it, or give the renamed item `aliases = [\"old-id\"]`; readers cite these URLs")
        })
        .collect();
    if let Some(why) = dossier.history.missing().filter(|_| versions_unread > 0) {
        let message = format!(
            "{versions_unread} published permalinks of claims' versions no longer exist: they come from git, and {why}"
        );
        warnings.push(
            Diagnostic {
                lint: Some(Lint::VanishedPermalink),
                ..Diagnostic::warning(Path::new(MANIFEST), message)
            }
            .with_help("build the published site from a full clone of the dossier's repository, with `[build] history` on"),
        );
    }
    warnings
}

/// Every claim's former ids.
fn claim_aliases(dossier: &Dossier) -> BTreeSet<String> {
    dossier
        .claims
        .values()
        .flat_map(|c| c.aliases.iter().map(Id::to_string))
        .collect()
}

/// Whether `url` (root-relative) is a claim's version page or one of its
/// fragments.
fn is_claim_version(url: &str) -> bool {
    let page = url.split('#').next().unwrap_or_default();
    let dir = page.strip_prefix('/').unwrap_or(page);
    PagePath::of_file(Path::new(&format!("{dir}index.html")))
        .is_some_and(|page| page.claim_version_of().is_some())
}

/// Whether a vanished fragment belongs to a claim that was renamed with an
/// alias (its notes and passages moved with it).
fn kept_by_alias(url: &str, aliases: &BTreeSet<String>) -> bool {
    let Some((_, fragment)) = url.split_once('#') else {
        return false;
    };
    Fragment::claims_named(fragment).any(|claim| aliases.contains(claim))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The manifest as `permalinks.txt` would hold it.
    fn text_of(manifest: &Manifest) -> String {
        let mut text = HEADER.as_bytes().to_vec();
        for entry in &manifest.entries {
            push_line(&mut text, &[&entry.url], entry.source.as_deref());
        }
        String::from_utf8(text).unwrap()
    }

    fn listed_exactly(file: &str, manifest: &Manifest) -> bool {
        let text = text_of(manifest);
        lists_exactly(file.as_bytes(), |out| out.write_all(text.as_bytes())).unwrap()
    }

    #[test]
    fn the_manifest_round_trips() {
        let text = format!("{HEADER}/a/\tcontent/x.md\n/a/#p-one\tcontent/x.md\n/claims/\t\n");
        let manifest = Manifest::parse(&text);
        assert_eq!(manifest.entries.len(), 3);
        assert_eq!(text_of(&manifest), text);
        assert!(listed_exactly(&text, &manifest));
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
        assert!(listed_exactly(&text, &manifest));
        let shorter = &text[..text.len() - 1];
        let longer = format!("{text}/b/\t\n");
        let other = text.replace("p-1", "p-2");
        for differing in [shorter, &longer, &other, ""] {
            assert!(!listed_exactly(differing, &manifest), "{differing}");
        }
    }

    #[test]
    fn the_site_has_its_pages_and_their_citable_fragments() {
        let site = Inventory::of_pages(&[
            ("index.html", "<p id=\"p-intro\">"),
            ("claims/x/index.html", "<p id=\"p-a\"><h2 id=\"sources\">"),
            ("claims/page/2/index.html", "<p id=\"p-b\">"),
        ]);
        for url in ["/", "/#p-intro", "/claims/x/", "/claims/x/#p-a"] {
            assert!(site_has(&site, url), "{url}");
        }
        let lacking = [
            "/claims/x/#sources",
            "/claims/x/#p-b",
            "/claims/y/",
            "/claims/page/2/",
            "claims/x/",
        ];
        for url in lacking {
            assert!(!site_has(&site, url), "{url}");
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
