//! What the rendered site holds: every file, and the ids on each page.
//!
//! The link check and the permalink manifest need to know which pages and
//! anchors exist, and only rendering knows. Rather than keep the rendered
//! site in memory to ask it afterwards, [`Inventory::sink`] notes each
//! file's path and ids as the file streams past on its way out.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rustc_hash::{FxHashMap, FxHashSet};

use crate::error::{Error, Result};
use crate::render::{Contents, OutputFile, Sink};

/// Every file of a rendered site and, for pages, the ids on them.
#[derive(Debug, Default, Clone)]
pub struct Inventory {
    /// Site path (`claims/x/index.html`) → the page's ids, each followed
    /// by a newline (empty for files that are not pages). Pages made from
    /// one template mostly carry the same ids, so equal lists are one
    /// shared text: at 10,000 articles the 50,250 claim pages carry three
    /// lists between them, and the inventory is held to the end of a
    /// build. Paths are shared too, so that `serve`, which copies the
    /// inventory to check an update against, copies no text.
    files: FxHashMap<Arc<str>, Arc<str>>,
}

impl Inventory {
    /// A sink that takes stock of each file, then passes it on to `inner`.
    pub fn sink(inner: &dyn Sink) -> Taking<'_> {
        Taking {
            inner,
            files: Mutex::default(),
        }
    }

    /// Whether the site has a file at `path`.
    pub fn contains(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    /// The ids on the page at `path` (none if it is not a page).
    pub fn ids<'i>(&'i self, path: &str) -> impl Iterator<Item = &'i str> {
        self.files.get(path).into_iter().flat_map(|ids| ids.lines())
    }

    /// Notes a file that is not a page, made without a sink.
    pub fn add_file(&mut self, path: String) {
        self.files.insert(path.into(), Arc::default());
    }

    /// Forgets the file at `path`, which the site no longer has.
    pub fn remove(&mut self, path: &str) {
        self.files.remove(path);
    }

    /// Adds the files of `other`, replacing those at the same paths.
    pub fn extend(&mut self, other: Inventory) {
        self.files.extend(other.files);
    }

    /// How many files the site has.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether the site has no files at all.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Every file's path, in no particular order.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(AsRef::as_ref)
    }

    /// The inventory of a site made of `pages` (path, HTML), taken as a
    /// build takes it: for tests of what reads an inventory.
    #[cfg(test)]
    pub(crate) fn of_pages(pages: &[(&str, &str)]) -> Inventory {
        let memory = crate::render::MemorySink::default();
        let taking = Inventory::sink(&memory);
        for &(path, html) in pages {
            let file = OutputFile {
                path: path.into(),
                contents: html.into(),
            };
            taking.put(file).expect("memory takes every file");
        }
        taking
            .into_inventory()
            .expect("the test pages have distinct paths")
    }
}

/// The sink [`Inventory::sink`] returns.
pub struct Taking<'s> {
    inner: &'s dyn Sink,
    files: Mutex<Taken>,
}

/// The files noted so far, and every distinct list of ids among them.
#[derive(Default)]
struct Taken {
    files: Vec<(Arc<str>, Arc<str>)>,
    lists: FxHashSet<Arc<str>>,
}

impl Taken {
    /// Notes the file at `path`, sharing its list of `ids` with an equal
    /// list noted before, if there is one.
    fn note(&mut self, path: String, ids: String) {
        let ids = match self.lists.get(ids.as_str()) {
            Some(same) => Arc::clone(same),
            None => {
                let ids = Arc::<str>::from(ids);
                self.lists.insert(Arc::clone(&ids));
                ids
            }
        };
        self.files.push((path.into(), ids));
    }
}

impl Taking<'_> {
    /// The inventory of everything that was put; an error if two files were
    /// put at one path (a static file over a generated page), which a sink
    /// kept in memory or discarding would not notice.
    pub fn into_inventory(self) -> Result<Inventory> {
        let taken = self.files.into_inner().unwrap_or_else(|e| e.into_inner());
        let count = taken.files.len();
        let mut files = FxHashMap::with_capacity_and_hasher(count, Default::default());
        for (path, ids) in taken.files {
            if files.contains_key(&path) {
                return Err(Error::Collision {
                    path: PathBuf::from(&*path),
                });
            }
            files.insert(path, ids);
        }
        Ok(Inventory { files })
    }
}

impl Sink for Taking<'_> {
    fn put(&self, file: OutputFile) -> Result<()> {
        let path = site_path(&file.path);
        let ids = if path.ends_with(".html") {
            ids(&file.contents)
        } else {
            String::new()
        };
        self.inner.put(file)?;
        self.note(path, ids);
        Ok(())
    }

    fn put_streamed(&self, path: PathBuf, write: Contents<'_>) -> Result<()> {
        let key = site_path(&path);
        self.inner.put_streamed(path, write)?;
        self.note(key, String::new());
        Ok(())
    }
}

impl Taking<'_> {
    fn note(&self, path: String, ids: String) {
        let mut taken = self.files.lock().unwrap_or_else(|e| e.into_inner());
        taken.note(path, ids);
    }
}

/// A file's path in the site, with `/` separators whatever the platform.
fn site_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// The ids in a page gloss rendered, one per line: every `id="…"`
/// attribute (values are escaped, so a `"` always ends one). Every page
/// of a build passes through here, so the search is memchr's vectorised
/// one rather than the standard library's, and only the ids' own bytes
/// are checked to be UTF-8, not the whole page's.
fn ids(html: &[u8]) -> String {
    const MARKER: &[u8] = b" id=\"";
    let mut ids = String::new();
    for at in memchr::memmem::find_iter(html, MARKER) {
        let value = &html[at + MARKER.len()..];
        let id = memchr::memchr(b'"', value).map(|end| std::str::from_utf8(&value[..end]));
        if let Some(Ok(id)) = id {
            ids.push_str(id);
            ids.push('\n');
        }
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::MemorySink;

    #[test]
    fn notes_every_file_and_the_ids_of_pages() {
        let memory = MemorySink::default();
        let taking = Inventory::sink(&memory);
        let page = "<p id=\"p-one\">a</p><span data-id=\"x\" id=\"quote-c\">b</span>";
        for (path, text) in [("a/index.html", page), ("claims.json", "{\"id\": 1}")] {
            taking
                .put(OutputFile {
                    path: path.into(),
                    contents: text.into(),
                })
                .unwrap();
        }
        taking
            .put_streamed("big.json".into(), &mut |out| out.write_all(b"[1, 2]"))
            .unwrap();
        let inventory = taking.into_inventory().unwrap();
        assert_eq!(
            inventory.ids("a/index.html").collect::<Vec<_>>(),
            ["p-one", "quote-c"]
        );
        assert!(inventory.contains("claims.json"));
        assert_eq!(inventory.ids("claims.json").count(), 0);
        assert!(inventory.contains("big.json"));
        let files = memory.into_files();
        assert_eq!(files.len(), 3);
        assert_eq!(files[1].contents, b"[1, 2]");
    }

    #[test]
    fn pages_with_the_same_ids_share_one_list() {
        let inventory = Inventory::of_pages(&[
            ("a/index.html", "<h2 id=\"sources\">S</h2>"),
            ("b/index.html", "<h2 id=\"sources\">T</h2>"),
            ("c/index.html", "<h2 id=\"events\">E</h2>"),
        ]);
        let list = |path: &str| Arc::clone(&inventory.files[path]);
        assert!(Arc::ptr_eq(&list("a/index.html"), &list("b/index.html")));
        assert_eq!(&*list("c/index.html"), "events\n");
        assert_eq!(
            inventory.ids("b/index.html").collect::<Vec<_>>(),
            ["sources"]
        );
    }
}
