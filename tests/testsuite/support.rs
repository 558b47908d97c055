//! The test harness: fixture dossiers written into temporary directories,
//! built through the library, and read back as parsed HTML.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Component, Path, PathBuf};

use scraper::{Html, Selector};
use tempfile::TempDir;

use gloss::Error;
use gloss::diagnostics::Diagnostic;

/// The repository root: the default dossier lives here.
pub(crate) fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A dossier in a temporary directory.
pub(crate) struct Fixture {
    dir: TempDir,
}

impl Fixture {
    /// An empty dossier with a minimal book.toml.
    pub(crate) fn new() -> Fixture {
        let fixture = Fixture {
            dir: tempfile::tempdir().unwrap(),
        };
        fixture.file("book.toml", "[book]\ntitle = \"Fixture\"\n");
        fs::create_dir_all(fixture.root().join("content")).unwrap();
        fixture
    }

    /// A copy of the fixture dossier at `tests/fixtures/<name>`, so that
    /// building it writes nothing into the repository.
    pub(crate) fn copy_of(name: &str) -> Fixture {
        let fixture = Fixture {
            dir: tempfile::tempdir().unwrap(),
        };
        let from = repo_root().join("tests/fixtures").join(name);
        for entry in walkdir::WalkDir::new(&from) {
            let entry = entry.unwrap();
            let to = fixture
                .root()
                .join(entry.path().strip_prefix(&from).unwrap());
            if entry.file_type().is_dir() {
                fs::create_dir_all(to).unwrap();
            } else {
                fs::copy(entry.path(), to).unwrap();
            }
        }
        fixture
    }

    /// Writes `text` to `path` (relative to the dossier root).
    pub(crate) fn file(&self, path: &str, text: &str) -> &Fixture {
        let full = self.root().join(path);
        fs::create_dir_all(full.parent().unwrap()).unwrap();
        fs::write(full, text).unwrap();
        self
    }

    /// Writes an article with the given slug, title and Markdown body.
    pub(crate) fn article(&self, slug: &str, body: &str) -> &Fixture {
        self.file(
            &format!("content/articles/{slug}.md"),
            &format!("+++\ntitle = \"Article {slug}\"\npublished = 2014-05-20\n+++\n{body}"),
        )
    }

    /// Writes an annotation file.
    pub(crate) fn annotations(&self, name: &str, toml: &str) -> &Fixture {
        self.file(&format!("content/annotations/{name}.toml"), toml)
    }

    /// The dossier root.
    pub(crate) fn root(&self) -> &Path {
        self.dir.path()
    }

    /// The default output directory.
    pub(crate) fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    /// Builds into `public/`, panicking with the diagnostics on failure.
    pub(crate) fn build(&self) -> Site {
        match gloss::site::build(self.root(), None) {
            Ok(built) => Site { dir: built.dest },
            Err(e) => panic!("build failed: {}", describe(&e)),
        }
    }

    /// Builds into `public/` as for publishing, recording the site's
    /// permalinks in `permalinks.txt`.
    pub(crate) fn publish(&self) -> Site {
        match gloss::site::publish(self.root(), None) {
            Ok(built) => Site { dir: built.dest },
            Err(e) => panic!("build failed: {}", describe(&e)),
        }
    }

    /// Builds, expecting content errors; returns them.
    pub(crate) fn build_errors(&self) -> Vec<Diagnostic> {
        match gloss::site::build(self.root(), None) {
            Ok(_) => panic!("the build was expected to fail"),
            Err(Error::Content(diagnostics)) => diagnostics,
            Err(e) => panic!("expected content errors, got {}", describe(&e)),
        }
    }
}

/// The sharded search index a build wrote (`search/*.js`), read as
/// `static/search.js` reads it.
pub(crate) struct SearchIndex {
    /// Each file's data by name (`index`, `words-0`, `docs-3`…).
    parts: BTreeMap<String, serde_json::Value>,
}

impl SearchIndex {
    /// The index among `files` (relative path, bytes). Each of its files
    /// must be exactly one statement that files a JSON literal under
    /// `window.glossSearch`, so that contributed text in it stays data.
    pub(crate) fn of<'f>(files: impl IntoIterator<Item = (&'f Path, &'f [u8])>) -> SearchIndex {
        let mut parts = BTreeMap::new();
        for (path, bytes) in files {
            let Ok(name) = path.strip_prefix("search") else {
                continue;
            };
            let Some(name) = name.to_str().and_then(|n| n.strip_suffix(".js")) else {
                continue;
            };
            let script = std::str::from_utf8(bytes).unwrap();
            let json = script
                .strip_prefix(&format!("(window.glossSearch ||= {{}})[\"{name}\"] = "))
                .and_then(|rest| rest.strip_suffix(";\n"))
                .unwrap_or_else(|| panic!("search/{name}.js is not one assignment: {script:.200}"));
            assert!(!json.contains('<'), "search/{name}.js");
            parts.insert(name.to_owned(), serde_json::from_str(json).unwrap());
        }
        assert!(parts.contains_key("index"), "no search/index.js");
        SearchIndex { parts }
    }

    /// The index of a site built to disk.
    pub(crate) fn of_site(site: &Site) -> SearchIndex {
        let snapshot = site.snapshot();
        SearchIndex::of(snapshot.iter().map(|(p, b)| (p.as_path(), b.as_slice())))
    }

    fn part(&self, name: &str) -> &serde_json::Value {
        self.parts
            .get(name)
            .unwrap_or_else(|| panic!("no search/{name}.js"))
    }

    /// What `search/index.js` says.
    pub(crate) fn index(&self) -> &serde_json::Value {
        self.part("index")
    }

    /// Every document, in order, from the chunks: `[kind, title, href,
    /// meta, [[anchor, passage]…]]`.
    pub(crate) fn documents(&self) -> Vec<serde_json::Value> {
        let chunks = self.index()["chunks"].as_array().unwrap();
        let mut documents = Vec::new();
        for (n, count) in chunks.iter().enumerate() {
            let chunk = self.part(&format!("docs-{n}")).as_array().unwrap();
            assert_eq!(chunk.len() as u64, count.as_u64().unwrap(), "docs-{n}");
            documents.extend(chunk.iter().cloned());
        }
        assert_eq!(
            documents.len() as u64,
            self.index()["documents"].as_u64().unwrap()
        );
        documents
    }

    /// The documents that hold `key` ("words" or "pairs"), and those whose
    /// title does, looked up in the shard the index names for it.
    pub(crate) fn holding(&self, series: &str, key: &str) -> (Vec<u32>, Vec<u32>) {
        let firsts: Vec<&str> = self.index()[series]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f.as_str().unwrap())
            .collect();
        let utf16 = |s: &str| s.encode_utf16().collect::<Vec<_>>();
        let shard = firsts
            .iter()
            .rposition(|first| utf16(first) <= utf16(key))
            .unwrap_or(0);
        let entries = self.part(&format!("{series}-{shard}")).as_array().unwrap();
        let documents = self.index()["documents"].as_u64().unwrap() as u32;
        for entry in entries.chunks(3) {
            if entry[0] == key {
                let set = |v: &serde_json::Value| decode_set(v.as_str().unwrap(), documents);
                return (set(&entry[1]), set(&entry[2]));
            }
        }
        (Vec::new(), Vec::new())
    }

    /// The addresses of the documents that hold `key` ("words" or "pairs").
    pub(crate) fn hrefs_holding(&self, series: &str, key: &str) -> Vec<String> {
        let documents = self.documents();
        let (all, _) = self.holding(series, key);
        all.iter()
            .map(|&d| documents[d as usize][2].as_str().unwrap().to_owned())
            .collect()
    }

    /// Every file of the index by name, for tests of its shape.
    pub(crate) fn parts(&self) -> &BTreeMap<String, serde_json::Value> {
        &self.parts
    }
}

/// A set of documents as the index writes it: base64 of a `0` byte and
/// LEB128 gaps, or of a `1` byte and a bitmap.
fn decode_set(text: &str, documents: u32) -> Vec<u32> {
    use base64::Engine as _;
    if text.is_empty() {
        return Vec::new();
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(text)
        .unwrap();
    if bytes[0] == 1 {
        return (0..documents)
            .filter(|d| bytes[1 + *d as usize / 8] & (1 << (d % 8)) != 0)
            .collect();
    }
    let (mut set, mut next, mut gap, mut shift) = (Vec::new(), 0, 0, 0);
    for &byte in &bytes[1..] {
        gap |= u32::from(byte & 0x7f) << shift;
        shift += 7;
        if byte & 0x80 == 0 {
            set.push(next + gap);
            next += gap + 1;
            gap = 0;
            shift = 0;
        }
    }
    set
}

/// An error with its diagnostics, for panic messages.
pub(crate) fn describe(error: &Error) -> String {
    match error {
        Error::Content(ds) => ds.iter().map(ToString::to_string).collect(),
        other => format!("{other}: {:?}", std::error::Error::source(other)),
    }
}

/// A built site.
pub(crate) struct Site {
    pub(crate) dir: PathBuf,
}

impl Site {
    /// Parses the page at `path` (relative to the site root).
    pub(crate) fn page(&self, path: &str) -> Html {
        let text =
            fs::read_to_string(self.dir.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
        Html::parse_document(&text)
    }

    /// Every file of the site, relative path → bytes.
    pub(crate) fn snapshot(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        walkdir::WalkDir::new(&self.dir)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    e.path().strip_prefix(&self.dir).unwrap().to_owned(),
                    fs::read(e.path()).unwrap(),
                )
            })
            .collect()
    }
}

/// Selects elements matching `css` in `html`.
pub(crate) fn select<'a>(html: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let selector = Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e:?}"));
    html.select(&selector).collect()
}

/// Selects descendants of `element` matching `css`.
pub(crate) fn select_in<'a>(
    element: scraper::ElementRef<'a>,
    css: &str,
) -> Vec<scraper::ElementRef<'a>> {
    let selector = Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e:?}"));
    element.select(&selector).collect()
}

/// The single element matching `css`.
pub(crate) fn one<'a>(html: &'a Html, css: &str) -> scraper::ElementRef<'a> {
    let found = select(html, css);
    assert_eq!(
        found.len(),
        1,
        "expected one `{css}`, found {}",
        found.len()
    );
    found[0]
}

/// An element's text, white space collapsed.
pub(crate) fn text(element: scraper::ElementRef<'_>) -> String {
    element
        .text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Checks every internal link and fragment in the site at `dir`: each
/// `href`/`src` that is not an external URL must name an existing file, and
/// its fragment an element id on that page. Also checks that no page has a
/// duplicate id. Returns the problems found (empty when all is well).
pub(crate) fn broken_links(dir: &Path) -> Vec<String> {
    let pages: BTreeMap<PathBuf, Html> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let html = Html::parse_document(&fs::read_to_string(e.path()).unwrap());
            (e.path().strip_prefix(dir).unwrap().to_owned(), html)
        })
        .collect();
    let mut ids: BTreeMap<&Path, BTreeSet<String>> = BTreeMap::new();
    let mut problems = Vec::new();
    for (path, html) in &pages {
        let set = ids.entry(path.as_path()).or_default();
        for el in select(html, "[id]") {
            let id = el.value().attr("id").unwrap().to_owned();
            if !set.insert(id.clone()) {
                problems.push(format!("{}: duplicate id `{id}`", path.display()));
            }
        }
    }
    for (path, html) in &pages {
        for el in select(html, "[href], [src]") {
            let link = el
                .value()
                .attr("href")
                .or_else(|| el.value().attr("src"))
                .unwrap();
            if is_external(link) {
                continue;
            }
            let (target, fragment) = link.split_once('#').unwrap_or((link, ""));
            let file = if target.is_empty() {
                path.clone()
            } else {
                resolve(path, target)
            };
            if !dir.join(&file).is_file() {
                problems.push(format!(
                    "{}: link `{link}` → missing file {}",
                    path.display(),
                    file.display()
                ));
                continue;
            }
            if !fragment.is_empty() && !fragment.starts_with(":~:") {
                let known = ids
                    .get(file.as_path())
                    .is_some_and(|s| s.contains(fragment));
                if !known {
                    problems.push(format!(
                        "{}: link `{link}` → no id `{fragment}` in {}",
                        path.display(),
                        file.display()
                    ));
                }
            }
        }
    }
    problems
}

fn is_external(link: &str) -> bool {
    ["http://", "https://", "mailto:"]
        .iter()
        .any(|p| link.starts_with(p))
}

/// Resolves `target` relative to the page at `from`; a leading `/` is the site root.
fn resolve(from: &Path, target: &str) -> PathBuf {
    let mut parts: Vec<String> = if target.starts_with('/') {
        Vec::new()
    } else {
        from.parent()
            .unwrap()
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect()
    };
    for component in Path::new(target.trim_start_matches('/')).components() {
        match component {
            Component::ParentDir => {
                parts.pop();
            }
            Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    let mut path: PathBuf = parts.iter().collect();
    if target.ends_with('/') || target.is_empty() {
        path.push("index.html");
    }
    path
}

/// `gloss serve` in a child process, run with `args` from `dir`; killed
/// when dropped.
pub(crate) struct Served {
    child: std::process::Child,
    /// Where it listens.
    pub(crate) address: std::net::SocketAddr,
}

impl Served {
    /// Starts `gloss` with `args` (a `serve` command) in `dir` and waits
    /// until it listens.
    pub(crate) fn start(dir: &Path, args: &[&str]) -> Served {
        use std::io::BufRead;
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_gloss"))
            .args(args)
            .current_dir(dir)
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = std::io::BufReader::new(child.stderr.take().unwrap()).lines();
        let address = loop {
            let line = lines.next().expect("serve exited early").unwrap();
            if let Some(rest) = line.strip_prefix("Serving http://") {
                break rest.split('/').next().unwrap().parse().unwrap();
            }
        };
        std::thread::spawn(move || lines.for_each(drop));
        Served { child, address }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Sends one HTTP/1.1 request to `address`, with `headers` (a `Host`
/// among them: the tests choose it) and `body`; returns the whole
/// response, headers included.
pub(crate) fn http_raw(
    address: std::net::SocketAddr,
    (method, path): (&str, &str),
    headers: &[(&str, &str)],
    body: &str,
) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(40)))
        .unwrap();
    let mut head = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    write!(stream, "{head}Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

/// [`http_raw`]'s status code and body.
pub(crate) fn http(
    address: std::net::SocketAddr,
    request: (&str, &str),
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, String) {
    let response = http_raw(address, request, headers, body);
    let status = response[9..12].parse().unwrap();
    let body = response.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    (status, body.to_owned())
}

/// A copy of the default dossier in a temporary directory, with its
/// permalink manifest, and with a public address so that the sitemap and
/// absolute URLs are made too.
pub(crate) fn default_dossier_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        repo_root().join("permalinks.txt"),
        dir.path().join("permalinks.txt"),
    )
    .unwrap();
    let config = fs::read_to_string(repo_root().join("book.toml")).unwrap();
    let config = config.replacen(
        "[site]\n",
        "[site]\nbase-url = \"https://dossier.example/\"\n",
        1,
    );
    fs::write(dir.path().join("book.toml"), config).unwrap();
    for entry in walkdir::WalkDir::new(repo_root().join("content")) {
        let entry = entry.unwrap();
        let relative = entry.path().strip_prefix(repo_root()).unwrap();
        let target = dir.path().join(relative);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
    dir
}
