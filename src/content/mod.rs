//! Finding and reading a dossier's content: articles, annotation files and
//! the introduction.
//!
//! Files are discovered with walkdir and sorted by path, so the order in
//! which the file system lists them never shows in the output. Articles are
//! parsed in parallel; annotation files are only read here and parsed by
//! [`crate::annotation`].

pub mod article;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use walkdir::WalkDir;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::dossier::{Article, Intro};
use crate::files::{Presence, inside, not_a_regular_file, outside_link, read_source};
use crate::source::SourceFile;

/// Everything read from the content directory.
#[derive(Debug, Default)]
pub struct Content {
    /// Parsed articles, sorted by path.
    pub articles: Vec<Article>,
    /// Annotation files, sorted by path, not yet parsed.
    pub annotation_files: Vec<SourceFile>,
    /// The introduction.
    pub intro: Option<Intro>,
}

/// What reading the content can reuse from the last read of the same
/// dossier, for `serve`: each article as parsed and each annotation file
/// as read, kept while its file's size and modification time are
/// unchanged. A newsroom's dossier holds thousands of files and an editor
/// changes one at a time.
#[derive(Debug, Default)]
pub struct Cache {
    articles: Kept<Parsed>,
    annotation_files: Kept<SourceFile>,
}

impl Cache {
    /// Forgets the file at `path` (relative to the dossier root), so that
    /// the next read takes it from disk whatever its stamp says: for an
    /// edit the file watcher saw, which a file system with coarse
    /// modification times might not show.
    pub fn forget(&mut self, path: &Path) {
        self.articles.remove(path);
        self.annotation_files.remove(path);
    }
}

/// Files as read (and parsed), by path, with the stamps they had then.
type Kept<T> = FxHashMap<PathBuf, (Stamp, T)>;

/// A file's size and modification time, which change when it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: SystemTime,
}

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        let metadata = std::fs::metadata(path).ok()?;
        Some(Stamp {
            len: metadata.len(),
            modified: metadata.modified().ok()?,
        })
    }
}

/// What parsing an article gave.
type Parsed = Result<Article, Vec<Diagnostic>>;

/// Reads the content of the dossier at `root`, recording every problem in
/// `diagnostics`, and reusing what `cache` holds from the last read (and
/// refreshing it) if there is one; what could be read is returned
/// regardless.
pub fn load(
    root: &Path,
    config: &Config,
    diagnostics: &mut Diagnostics,
    mut cache: Option<&mut Cache>,
) -> Content {
    let content_dir = config.build.content_dir.clone();
    if !root.join(&content_dir).is_dir() {
        diagnostics.push(Diagnostic::error(
            &content_dir,
            "the content directory does not exist (set `[build] content-dir` in book.toml)",
        ));
        return Content::default();
    }
    let articles = load_articles(root, config, diagnostics, cache.as_deref_mut());
    let intro_path = config.build.intro_file();
    let intro = match read_source(root, &intro_path, Presence::Optional) {
        Ok(body) => body.map(|body| Intro {
            path: intro_path,
            body,
        }),
        Err(problem) => {
            diagnostics.push(*problem);
            None
        }
    };
    Content {
        articles,
        annotation_files: load_annotation_files(root, config, diagnostics, cache),
        intro,
    }
}

/// Reads and parses every article, in parallel, taking from `cache` those
/// whose files are unchanged (and refreshing it).
fn load_articles(
    root: &Path,
    config: &Config,
    diagnostics: &mut Diagnostics,
    cache: Option<&mut Cache>,
) -> Vec<Article> {
    let paths = list_files(root, &config.build.articles_dir(), "md", diagnostics);
    let kept = cache.map(|cache| &mut cache.articles);
    let parse =
        |path: PathBuf, text: String| article::parse(&path, &text, config.markdown.raw_html);
    let mut articles = Vec::with_capacity(paths.len());
    for article in read_each(root, paths, kept, parse) {
        match article {
            Ok(Ok(article)) => articles.push(article),
            Ok(Err(problems)) => diagnostics.extend(problems),
            Err(problem) => diagnostics.push(*problem),
        }
    }
    articles
}

/// Reads every annotation file, in parallel, taking from `cache` those
/// whose files are unchanged (and refreshing it).
fn load_annotation_files(
    root: &Path,
    config: &Config,
    diagnostics: &mut Diagnostics,
    cache: Option<&mut Cache>,
) -> Vec<SourceFile> {
    let paths = list_files(root, &config.build.annotations_dir(), "toml", diagnostics);
    let kept = cache.map(|cache| &mut cache.annotation_files);
    let mut files = Vec::with_capacity(paths.len());
    for file in read_each(root, paths, kept, SourceFile::new) {
        match file {
            Ok(file) => files.push(file),
            Err(problem) => diagnostics.push(*problem),
        }
    }
    files
}

/// Reads each of the files at `paths` (relative to `root`, found by
/// listing, so each must be readable), in parallel, and makes each into
/// what `make` makes of its path and text; or takes it from `kept` if the
/// file's stamp is the one kept with it. Refreshes `kept`, forgetting the
/// files not listed. In the order of `paths`.
fn read_each<T: Clone + Send + Sync>(
    root: &Path,
    paths: Vec<PathBuf>,
    kept: Option<&mut Kept<T>>,
    make: impl Fn(PathBuf, String) -> T + Sync,
) -> Vec<Result<T, Box<Diagnostic>>> {
    let previous = kept.as_deref();
    let read: Vec<(PathBuf, bool, Read<T>)> = paths
        .into_par_iter()
        .map(|path| {
            let stamp = previous.and_then(|_| Stamp::of(&root.join(&path)));
            let was_kept = previous.and_then(|kept| kept.get(&path));
            let unchanged = was_kept.filter(|(was, _)| stamp == Some(*was));
            let read = match unchanged {
                Some((_, value)) => Read::Kept(value.clone()),
                None => match read_source(root, &path, Presence::Required) {
                    Ok(text) => Read::Fresh(stamp, make(path.clone(), text.unwrap_or_default())),
                    Err(problem) => Read::Unreadable(problem),
                },
            };
            (path, was_kept.is_some(), read)
        })
        .collect();
    if let Some(kept) = kept {
        // Only a file kept but no longer listed is forgotten: while every
        // kept file is listed, no path is looked up again.
        let listed_and_kept = read.iter().filter(|(_, was_kept, _)| *was_kept).count();
        if listed_and_kept < kept.len() {
            let listed: HashSet<&Path> = read.iter().map(|(path, ..)| path.as_path()).collect();
            kept.retain(|path, _| listed.contains(path.as_path()));
        }
        for (path, _, read) in &read {
            if let Read::Fresh(Some(stamp), value) = read {
                kept.insert(path.clone(), (*stamp, value.clone()));
            }
        }
    }
    read.into_iter()
        .map(|(_, _, read)| match read {
            Read::Kept(value) | Read::Fresh(_, value) => Ok(value),
            Read::Unreadable(problem) => Err(problem),
        })
        .collect()
}

/// One file, as [`read_each`] found it.
enum Read<T> {
    /// Unchanged since it was kept.
    Kept(T),
    /// Read now, with its file's stamp if it could be taken.
    Fresh(Option<Stamp>, T),
    /// Not readable.
    Unreadable(Box<Diagnostic>),
}

/// The paths (relative to `root`) of the `*.{extension}` files below `dir`,
/// sorted, skipping hidden files and directories.
///
/// Sorted once at the end rather than by the walk: comparing two paths
/// parses both at every comparison, which at 10,000 articles cost `serve`
/// 30 ms after every edit. The order is the one the walk's sort gave:
/// depth first, siblings by name, which is the order of the paths' bytes
/// with each separator read as the lowest byte (no name holds one).
fn list_files(
    root: &Path,
    dir: &Path,
    extension: &str,
    diagnostics: &mut Diagnostics,
) -> Vec<PathBuf> {
    let walk = WalkDir::new(root.join(dir))
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    let mut paths = Vec::new();
    for entry in walk {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e)
                if e.io_error()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound)
                    && e.depth() == 0 =>
            {
                break;
            }
            Err(e) => {
                let path = e
                    .path()
                    .map_or_else(|| dir.to_owned(), |p| relative(root, p));
                diagnostics.push(Diagnostic::error(&path, format!("cannot be read: {e}")));
                continue;
            }
        };
        let is_match = entry.path().extension().is_some_and(|x| x == extension);
        if !is_match {
            continue;
        }
        let path = relative(root, entry.path());
        // The walk knows a plain file's type from its directory listing:
        // only links and odd files cost a look at the file itself.
        if !entry.path_is_symlink() && entry.file_type().is_file() {
            paths.push(path);
        } else if entry.path_is_symlink() && !inside(root, entry.path()) {
            diagnostics.push(outside_link(&path));
        } else if entry.file_type().is_dir() {
            let message = format!("is a directory, but a `.{extension}` name is for a file");
            diagnostics.push(Diagnostic::error(&path, message));
        } else if let Some(problem) = not_a_regular_file(&path, entry.path()) {
            diagnostics.push(problem);
        } else {
            paths.push(path);
        }
    }
    paths.sort_by_cached_key(|path| {
        let bytes = path.as_os_str().as_encoded_bytes().iter();
        let separator_lowest = |&b: &u8| {
            if std::path::is_separator(b.into()) {
                0
            } else {
                b
            }
        };
        bytes.map(separator_lowest).collect::<Vec<u8>>()
    });
    paths
}

fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_listed_depth_first_with_siblings_by_name() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("articles");
        for file in ["b.md", "a.md", "a-b.md", "a/x.md", "a/.hidden.md", "c.txt"] {
            let path = dir.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "").unwrap();
        }
        let mut diagnostics = Diagnostics::default();
        let listed = list_files(root.path(), Path::new("articles"), "md", &mut diagnostics);
        let expected = ["a/x.md", "a-b.md", "a.md", "b.md"].map(|f| Path::new("articles").join(f));
        assert_eq!(listed, expected);
        assert!(diagnostics.into_sorted().is_empty());
    }
}
