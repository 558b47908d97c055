//! Rendering the resolved dossier into the files of the site.
//!
//! Templates are compiled once: the built-in set first, then the dossier's
//! `templates/*.html`, each replacing the built-in of the same name. Every
//! page gets a typed view ([`views`], [`article`], [`pages`]) plus the common
//! context (`site`, `root`, `permalink`, `title`, `section`); pages are
//! rendered in parallel and handed to a [`Sink`] one by one as they are
//! ready, so the finished site never has to fit in memory.

pub mod article;
mod builtin;
pub mod cite;
mod dom_text;
mod exports;
mod feeds;
mod fragments;
mod lists;
pub mod model;
pub mod pages;
pub mod paginate;
mod redirects;
mod search;
pub mod strings;
mod structured;
pub mod views;

use std::collections::{BTreeMap, BTreeSet};
use std::hash::{DefaultHasher, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use serde::Serialize;
use tera::Tera;

use crate::date::PartialDate;
use crate::dossier::Dossier;
use crate::error::{Error, Result};
use crate::escape;
use crate::files;
use crate::id::Id;
use crate::markdown::highlight;
use crate::urls::PagePath;
use crate::vocabulary::{ItemKind, Section};
use paginate::Pagination;
use strings::Strings;
use views::Views;

pub use exports::{Joined, KeptAnnotations, PageQuote};
pub use lists::ListPages;
pub use search::SearchEntries;

/// One file of the finished site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output directory.
    pub path: PathBuf,
    /// Its bytes.
    pub contents: Vec<u8>,
}

/// Where rendered files go, each as soon as it is ready: a staging
/// directory for `build`, memory for `serve`. Called from many threads.
pub trait Sink: Sync {
    /// Takes one finished file.
    fn put(&self, file: OutputFile) -> Result<()>;

    /// Takes the file at `path` (relative to the output directory, and
    /// not a page) that `write` writes piece by piece: the largest exports
    /// run to hundreds of megabytes, which a sink that writes to disk need
    /// never hold whole. By default the pieces are collected and the file
    /// put.
    fn put_streamed(&self, path: PathBuf, write: Contents<'_>) -> Result<()> {
        let mut contents = Vec::new();
        write(&mut contents).expect("writing to memory cannot fail");
        self.put(OutputFile { path, contents })
    }
}

/// Writes a file's contents, for [`Sink::put_streamed`].
pub type Contents<'w> = &'w mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>;

/// Keeps every file in memory, for `serve` and for tests.
#[derive(Debug, Default)]
pub struct MemorySink {
    files: Mutex<Vec<OutputFile>>,
}

impl MemorySink {
    /// The files received, sorted by path.
    pub fn into_files(self) -> Vec<OutputFile> {
        let mut files = self.files.into_inner().unwrap_or_else(|e| e.into_inner());
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

impl Sink for MemorySink {
    fn put(&self, file: OutputFile) -> Result<()> {
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(file);
        Ok(())
    }
}

/// Site-wide values every template receives as `site`.
#[derive(Debug, Serialize)]
struct SiteView {
    title: String,
    description: Option<String>,
    language: String,
    /// Whether the site's language runs right to left.
    rtl: bool,
    authors: Vec<String>,
    publisher: Option<String>,
    repository: Option<String>,
    /// `[extra]`, only when a template mentions it (see [`Templates`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    extra: Option<toml::Table>,
}

/// The Tera function `extra(key="a.b")`: the value at that dotted path of
/// `[extra]`, converted once for the whole build (`site.extra` is too, but
/// again for every page).
struct Extra(Arc<tera::Value>);

impl tera::Function for Extra {
    fn call(
        &self,
        args: &std::collections::HashMap<String, tera::Value>,
    ) -> tera::Result<tera::Value> {
        let key = args.get("key").and_then(tera::Value::as_str).unwrap_or("");
        let found = key
            .split('.')
            .filter(|part| !part.is_empty())
            .try_fold(&*self.0, |value, part| value.get(part));
        found.cloned().ok_or_else(|| {
            tera::Error::msg(format!("extra(): `[extra] {key}` is not set in book.toml"))
        })
    }
}

/// The context of every page.
#[derive(Serialize)]
struct PageContext<'a, T: Serialize> {
    site: &'a SiteView,
    /// `../` repeated up to the site root; prefix every `href` with it.
    root: String,
    /// The page's canonical URL.
    permalink: String,
    /// Where an editor changes the page's source, if `[site] edit-url` is set.
    edit_url: Option<String>,
    /// schema.org JSON-LD for the page, safe inside `<script>`.
    json_ld: Option<&'a str>,
    /// "Cite this", on pages that describe one thing.
    citation: Option<cite::Citation>,
    /// The page's title (without the site's).
    title: &'a str,
    /// Which navigation section the page belongs to.
    section: Section,
    /// The page's own view.
    page: &'a T,
    /// Where a list page sits among its section's pages.
    pagination: Option<Pagination>,
}

/// What a page is, apart from its view: where it goes, which template draws
/// it, its title and navigation section, and the file it comes from.
struct Page<'a> {
    path: PagePath,
    template: &'static str,
    title: &'a str,
    section: Section,
    source: Option<&'a Path>,
    /// schema.org data, already made safe for a `<script>` block.
    json_ld: Option<String>,
    /// The date a citation of the page carries.
    cite_date: Option<Option<PartialDate>>,
    /// Where a list page sits among its section's pages.
    pagination: Option<Pagination>,
}

impl<'a> Page<'a> {
    fn new(path: PagePath, template: &'static str, title: &'a str, section: Section) -> Self {
        Page {
            path,
            template,
            title,
            section,
            source: None,
            json_ld: None,
            cite_date: None,
            pagination: None,
        }
    }

    /// A section's index (`claims/`), drawn by the template of that name.
    fn section(section: Section, title: &'a str) -> Self {
        let template = match section {
            Section::Home => "index.html",
            Section::Search => "search.html",
            Section::Articles => "articles.html",
            Section::Claims => "claims.html",
            Section::Entities => "entities.html",
            Section::Sources => "sources.html",
            Section::Timeline => "timeline.html",
        };
        Page::new(PagePath::section(section), template, title, section)
    }

    /// One item's page (`claims/<id>/`), drawn by the singular template,
    /// in its kind's section.
    fn item(kind: ItemKind, id: &Id, title: &'a str) -> Self {
        let template = match kind {
            ItemKind::Article => "article.html",
            ItemKind::Claim => "claim.html",
            ItemKind::Event => "event.html",
            ItemKind::Entity => "entity.html",
        };
        Page::new(PagePath::item(kind, id), template, title, kind.section())
    }

    fn source(mut self, source: Option<&'a Path>) -> Self {
        self.source = source;
        self
    }

    fn json_ld(mut self, value: &serde_json::Value) -> Self {
        self.json_ld = Some(structured::script_safe(value));
        self
    }

    /// Offers a citation of the page, dated `date` when its subject has one.
    fn citable(mut self, date: Option<PartialDate>) -> Self {
        self.cite_date = Some(date);
        self
    }
}

/// A dossier ready to render, whole ([`render`]) or in parts (what `serve`
/// does after an edit): its templates compiled and what every page shares
/// worked out once.
pub struct Prepared<'d> {
    dossier: &'d Dossier,
    views: Views<'d>,
    tera: Templates,
    site: SiteView,
    base_url: Option<String>,
    edit_pattern: Option<String>,
    /// From `SOURCE_DATE_EPOCH`: the only date not taken from the data.
    build_date: Option<PartialDate>,
}

/// The item pages to render: the ids of the articles, claims, events and
/// entities whose pages are wanted.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Selection {
    /// Article slugs.
    pub articles: BTreeSet<Id>,
    /// Claim ids.
    pub claims: BTreeSet<Id>,
    /// Event ids.
    pub events: BTreeSet<Id>,
    /// Entity ids.
    pub entities: BTreeSet<Id>,
}

/// What rendering item pages yields beyond the files.
#[derive(Debug, Default)]
pub struct ItemPages {
    /// The pages rendered.
    pub paths: Vec<PagePath>,
    /// Where the claims' passages are in each article page rendered, for
    /// `annotations.jsonld`, which only the rendered page can give.
    pub quotes: BTreeMap<Id, Vec<PageQuote>>,
}

/// The compiled templates, the dossier's overriding the built-in ones.
/// `serve` keeps them from one update to the next, since only a change to
/// the templates themselves (which rebuilds everything) changes them.
/// With them, the interface's words in the dossier's language, which they
/// print through `t(…)`.
#[derive(Clone)]
pub struct Templates {
    tera: Arc<Tera>,
    strings: Arc<Strings>,
    /// Whether a template mentions `extra`, so that pages need
    /// `site.extra` in their context.
    site_extra: bool,
}

impl Templates {
    /// Compiles the built-in templates and the dossier's, and loads the
    /// interface's words.
    pub fn load(dossier: &Dossier) -> Result<Templates> {
        let dir = &dossier.config.build.templates_dir;
        let strings = Arc::new(Strings::load(
            &dossier.config.book.language,
            &dossier.root,
            dir,
        )?);
        let (mut tera, site_extra) = load_templates(&dossier.root, dir)?;
        tera.register_function("t", strings::Translate(Arc::clone(&strings)));
        let extra = tera::to_value(&dossier.config.extra).map_err(|e| Error::Template {
            page: "the [extra] table".into(),
            source: tera::Error::msg(e),
        })?;
        tera.register_function("extra", Extra(Arc::new(extra)));
        Ok(Templates {
            tera: Arc::new(tera),
            strings,
            site_extra,
        })
    }
}

impl std::ops::Deref for Templates {
    type Target = Tera;

    fn deref(&self) -> &Tera {
        &self.tera
    }
}

impl<'d> Prepared<'d> {
    /// Compiles the templates (the dossier's overriding the built-in ones).
    pub fn new(dossier: &'d Dossier) -> Result<Self> {
        Ok(Prepared::with_templates(dossier, Templates::load(dossier)?))
    }

    /// Prepares `dossier` to render through templates compiled before.
    pub fn with_templates(dossier: &'d Dossier, templates: Templates) -> Self {
        let site_extra = templates.site_extra;
        let config = &dossier.config;
        Prepared {
            dossier,
            views: Views::new(dossier, Arc::clone(&templates.strings)),
            tera: templates,
            site: SiteView {
                title: config.book.title.clone(),
                description: config.book.description.clone(),
                language: config.book.language.clone(),
                rtl: crate::language::is_right_to_left(&config.book.language),
                authors: config.book.authors.clone(),
                publisher: config.book.publisher.clone(),
                repository: config.site.repository.clone(),
                extra: site_extra.then(|| config.extra.clone()),
            },
            base_url: config.base_url(),
            edit_pattern: config.site.edit_url.clone(),
            build_date: PartialDate::from_source_date_epoch(),
        }
    }

    /// The compiled templates, to prepare the next version of the dossier
    /// with.
    pub fn templates(&self) -> Templates {
        self.tera.clone()
    }

    fn with<'s>(&'s self, sink: &'s dyn Sink) -> Renderer<'s> {
        Renderer {
            sink,
            prepared: self,
            memo: None,
        }
    }

    /// Renders the pages of the selected items (all items without a
    /// selection) into `sink`.
    pub fn items(&self, sink: &dyn Sink, selection: Option<&Selection>) -> Result<ItemPages> {
        render_items(self.dossier, &self.with(sink), &self.views, selection)
    }

    /// Renders the pages that list the whole dossier (the overview, the
    /// search page, the lists and the timeline) and the redirects; returns
    /// the pages' paths.
    pub fn lists(&self, sink: &dyn Sink) -> Result<Vec<PagePath>> {
        let sections = self.lists_and_redirects(&self.with(sink))?;
        Ok(sections.into_values().flat_map(|s| s.pages).collect())
    }

    /// [`Prepared::lists`] after an edit, `previous` being the record of
    /// the last render, before the edit. Skips the `unchanged` sections
    /// (those showing nothing the edit touched) and, in the others, the
    /// pages whose template and context hash as `previous` recorded; the
    /// caller keeps the files of both. Returns the record to compare with
    /// next time.
    pub fn lists_since(
        &self,
        sink: &dyn Sink,
        previous: &ListPages,
        unchanged: &[Section],
    ) -> Result<ListPages> {
        let memo = lists::Memo::new(previous, unchanged);
        let sections = self.lists_and_redirects(&Renderer {
            memo: Some(&memo),
            ..self.with(sink)
        })?;
        Ok(memo.into_list_pages(sections))
    }

    fn lists_and_redirects(
        &self,
        r: &Renderer<'_>,
    ) -> Result<BTreeMap<Section, lists::SectionFiles>> {
        let sections = lists::render(self.dossier, r, &self.views)?;
        for file in redirects::render(self.dossier, self.base_url.as_deref()) {
            r.sink.put(file)?;
        }
        Ok(sections)
    }

    /// Renders the two longest exports side by side, each straight into
    /// `sink`: `claims.json`, and `annotations.jsonld` from every
    /// article's passages ([`ItemPages::quotes`]), which a build need
    /// keep no longer.
    pub fn long_exports(
        &self,
        sink: &dyn Sink,
        quotes: &BTreeMap<Id, Vec<PageQuote>>,
    ) -> Result<()> {
        let urls = self.urls();
        let (claims, annotations) = rayon::join(
            || exports::claims(self.dossier, &urls, sink),
            || exports::annotations(self.dossier, &urls, quotes.iter(), sink),
        );
        claims?;
        annotations
    }

    /// Renders the other files for machines and other tools: the search
    /// index, `timeline.json`, the feed, `robots.txt` and the sitemap of
    /// `pages` (every page of the site), side by side, each going to the
    /// sink as soon as it is ready.
    pub fn exports(&self, sink: &dyn Sink, pages: Vec<PagePath>) -> Result<()> {
        let search = || search::put_index(self.dossier, sink);
        self.short_exports_with(sink, pages, &search)
    }

    /// What [`Prepared::exports`] renders, the search index being joined
    /// from `search`, which a caller that keeps the exports' items (as
    /// for [`Prepared::joined_exports`]) keeps too.
    pub fn short_exports(
        &self,
        sink: &dyn Sink,
        pages: Vec<PagePath>,
        search: &SearchEntries,
    ) -> Result<()> {
        self.short_exports_with(sink, pages, &|| sink.put(search.file()))
    }

    /// The short exports, the search index being put into `sink` by
    /// `search`; the four files are made side by side.
    fn short_exports_with(
        &self,
        sink: &dyn Sink,
        mut pages: Vec<PagePath>,
        search: MakeFiles<'_>,
    ) -> Result<()> {
        pages.par_sort_unstable();
        let urls = self.urls();
        let dossier = self.dossier;
        let put_all = |files: Vec<OutputFile>| files.into_iter().try_for_each(|f| sink.put(f));
        let makers: [MakeFiles<'_>; 4] = [
            search,
            &|| exports::timeline(dossier, &urls, sink),
            &|| put_all(vec![feeds::feed(dossier, &urls), feeds::robots(&urls)]),
            &|| put_all(feeds::sitemap(&pages, &urls)),
        ];
        makers.par_iter().try_for_each(|make| make())
    }

    /// `claims.json` and `annotations.jsonld`, by site path, from the
    /// items an earlier render kept: every article's annotations
    /// ([`Prepared::kept_annotations`]) and every claim's entry
    /// ([`Prepared::claim_entries`]).
    pub fn joined_exports(
        &self,
        annotations: &BTreeMap<Id, KeptAnnotations>,
        claims: &BTreeMap<Id, Arc<str>>,
    ) -> [(&'static str, Joined); 2] {
        let urls = self.urls();
        [
            (
                exports::CLAIMS_FILE,
                exports::claims_joined(self.dossier, &urls, claims),
            ),
            (
                exports::ANNOTATIONS_FILE,
                exports::annotations_joined(self.dossier, &urls, annotations),
            ),
        ]
    }

    /// The annotations of each article whose passages are `quotes`
    /// ([`ItemPages::quotes`]), as `serve` keeps them for
    /// [`Prepared::joined_exports`].
    pub fn kept_annotations(
        &self,
        quotes: BTreeMap<Id, Vec<PageQuote>>,
    ) -> BTreeMap<Id, KeptAnnotations> {
        let urls = self.urls();
        quotes
            .into_par_iter()
            .map(|(slug, quotes)| {
                let kept = KeptAnnotations::new(self.dossier, &urls, &slug, &quotes);
                (slug, kept)
            })
            .collect()
    }

    /// The search index's entries for the selected items (for all without
    /// a selection).
    pub fn search_entries(&self, selection: Option<&Selection>) -> SearchEntries {
        SearchEntries::of(self.dossier, selection)
    }

    /// The entries in `claims.json` of the selected claims (of all claims
    /// without a selection), for a later [`Prepared::joined_exports`].
    pub fn claim_entries(&self, selection: Option<&Selection>) -> BTreeMap<Id, Arc<str>> {
        let urls = self.urls();
        self.dossier
            .claims
            .par_iter()
            .filter(|(id, _)| selection.is_none_or(|s| s.claims.contains(*id)))
            .map(|(id, c)| {
                let entry = exports::claim_entry(self.dossier, &urls, c);
                (id.clone(), Arc::from(entry))
            })
            .collect()
    }

    fn urls(&self) -> exports::Urls<'_> {
        exports::Urls {
            base: self.base_url.as_deref(),
        }
    }

    /// Copies the built-in assets and the dossier's `static/` files.
    pub fn assets(&self, sink: &dyn Sink) -> Result<()> {
        let static_dir = &self.dossier.config.build.static_dir;
        for file in assets(&self.dossier.root, static_dir)? {
            sink.put(file)?;
        }
        Ok(())
    }
}

/// Makes some files of the site and puts them into a sink.
type MakeFiles<'f> = &'f (dyn Fn() -> Result<()> + Sync);

/// A [`Prepared`] dossier and where its pages go.
struct Renderer<'s> {
    sink: &'s dyn Sink,
    prepared: &'s Prepared<'s>,
    memo: Option<&'s lists::Memo<'s>>,
}

/// Feeds what is written to it to a hasher, in blocks: the serialiser
/// writes a few bytes at a time, and the hasher's cost is mostly per call.
struct HashWriter {
    hasher: DefaultHasher,
    pending: Vec<u8>,
}

impl HashWriter {
    const BLOCK: usize = 8 * 1024;

    fn new() -> Self {
        HashWriter {
            hasher: DefaultHasher::new(),
            pending: Vec::with_capacity(Self::BLOCK),
        }
    }

    fn finish(mut self) -> u64 {
        self.hasher.write(&self.pending);
        self.hasher.finish()
    }
}

impl std::io::Write for HashWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if self.pending.len() + bytes.len() > Self::BLOCK {
            self.hasher.write(&self.pending);
            self.pending.clear();
        }
        self.pending.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'s> std::ops::Deref for Renderer<'s> {
    type Target = Prepared<'s>;

    fn deref(&self) -> &Prepared<'s> {
        self.prepared
    }
}

impl Renderer<'_> {
    /// Renders a page and hands it to the sink, unless the memo says that
    /// its template and context are unchanged.
    fn page<T: Serialize>(&self, page: Page<'_>, view: &T) -> Result<PagePath> {
        if let Some(memo) = self.memo {
            let hash = self.fingerprint(&page, view)?;
            if memo.is_unchanged(&page.path, hash) {
                return Ok(page.path);
            }
        }
        let (path, html) = self.html(page, view)?;
        self.put(&path, html)?;
        Ok(path)
    }

    /// A hash of the page's template name and context.
    fn fingerprint<T: Serialize>(&self, page: &Page<'_>, view: &T) -> Result<u64> {
        let mut hasher = HashWriter::new();
        hasher.pending.extend_from_slice(page.template.as_bytes());
        serde_json::to_writer(&mut hasher, &self.context(page, view))
            .map_err(|e| self.template_error(page, tera::Error::json(e)))?;
        Ok(hasher.finish())
    }

    fn template_error(&self, page: &Page<'_>, source: tera::Error) -> Error {
        Error::Template {
            page: page.path.permalink(self.base_url.as_deref()),
            source,
        }
    }

    /// What the page's template receives.
    fn context<'p, T: Serialize>(&'p self, page: &'p Page<'_>, view: &'p T) -> PageContext<'p, T> {
        let permalink = page.path.permalink(self.base_url.as_deref());
        let citation = page
            .cite_date
            .map(|date| self.citation(page, &permalink, date));
        PageContext {
            site: &self.site,
            root: page.path.to_root(),
            permalink,
            edit_url: page.source.and_then(|p| self.edit_url(p)),
            json_ld: page.json_ld.as_deref(),
            citation,
            title: page.title,
            section: page.section,
            page: view,
            pagination: page.pagination.clone(),
        }
    }

    fn put(&self, path: &PagePath, html: String) -> Result<()> {
        self.sink.put(OutputFile {
            path: path.file(),
            contents: html.into_bytes(),
        })
    }

    /// Renders a page to its HTML, to be put later.
    fn html<T: Serialize>(&self, page: Page<'_>, view: &T) -> Result<(PagePath, String)> {
        let html = tera::Context::from_serialize(self.context(&page, view))
            .and_then(|context| self.tera.render(page.template, &context))
            .map_err(|source| self.template_error(&page, source))?;
        let html = crate::markdown::links::resolve_root(html, &page.path.to_root());
        Ok((page.path, html))
    }

    /// Renders a section's list in pages of `size` entries, each page's
    /// view made by `view` from its share of `items`.
    fn list<'i, T: Sync, V: Serialize>(
        &self,
        section: Section,
        title: &str,
        items: &'i [T],
        size: usize,
        view: impl Fn(&'i [T]) -> V + Sync,
    ) -> Result<Vec<PagePath>> {
        let chunks = paginate::chunks(items, size);
        let count = chunks.len();
        chunks
            .par_iter()
            .enumerate()
            .map(|(i, chunk)| self.list_page(section, title, i + 1, count, &view(chunk)))
            .collect()
    }

    /// Page `number` of `count` of a section's list.
    fn list_page<V: Serialize>(
        &self,
        section: Section,
        title: &str,
        number: usize,
        count: usize,
        view: &V,
    ) -> Result<PagePath> {
        let numbered = format!("{title}, page {number} of {count}");
        let mut page = Page::section(section, if number > 1 { &numbered } else { title });
        page.path = PagePath::section_page(section, number);
        page.pagination = (count > 1).then(|| Pagination::new(section, number, count));
        self.page(page, view)
    }

    /// Renders an item's page, then the later pages of its long lists;
    /// returns their paths.
    fn item_with_long_lists<T: Serialize>(
        &self,
        page: Page<'_>,
        view: &T,
        owner: &model::Link,
        long_lists: &[pages::LongList],
    ) -> Result<Vec<PagePath>> {
        let (item, section) = (page.path.clone(), page.section);
        let mut paths = vec![self.page(page, view)?];
        for list in long_lists {
            let count = list.later.len() + 1;
            for (number, entries) in (2..).zip(&list.later) {
                let strings = &self.views.strings;
                let title = strings.fill(
                    "long-list-title",
                    &[
                        ("owner", &owner.title),
                        ("list", strings.get(list.name)),
                        ("number", &number.to_string()),
                        ("count", &count.to_string()),
                    ],
                );
                let mut page = Page::new(
                    item.list_page(list.dir, number),
                    "long-list.html",
                    &title,
                    section,
                );
                page.pagination = Some(list.pagination(strings, &item, number, count));
                let view = pages::LongListPage {
                    owner,
                    heading: strings.get(list.heading).to_owned(),
                    entries,
                };
                paths.push(self.page(page, &view)?);
            }
        }
        Ok(paths)
    }

    fn citation(
        &self,
        page: &Page<'_>,
        permalink: &str,
        date: Option<PartialDate>,
    ) -> cite::Citation {
        let responsible = self
            .site
            .publisher
            .clone()
            .or_else(|| (!self.site.authors.is_empty()).then(|| self.site.authors.join(", ")));
        cite::Cited {
            key: page.path.dir().trim_end_matches('/').replace('/', "-"),
            title: page.title,
            url: permalink,
            date,
            dossier: &self.site.title,
            responsible,
            accessed: self.build_date,
        }
        .citation()
    }

    /// The "edit this page" link for a source file, from `[site] edit-url`.
    fn edit_url(&self, source: &Path) -> Option<String> {
        let path = source.to_string_lossy().replace('\\', "/");
        self.edit_pattern
            .as_ref()
            .map(|pattern| pattern.replace("{path}", &path))
    }
}

/// Renders every page and asset of the site into `sink`.
pub fn render(dossier: &Dossier, sink: &dyn Sink) -> Result<()> {
    let prepared = Prepared::new(dossier)?;
    let items = prepared.items(sink, None)?;
    prepared.long_exports(sink, &items.quotes)?;
    drop(items.quotes);
    let mut pages = prepared.lists(sink)?;
    pages.extend(items.paths);
    prepared.exports(sink, pages)?;
    prepared.assets(sink)
}

/// The pages of the selected items, or of all items.
fn render_items(
    dossier: &Dossier,
    r: &Renderer<'_>,
    views: &Views<'_>,
    selection: Option<&Selection>,
) -> Result<ItemPages> {
    let wanted = |set: fn(&Selection) -> &BTreeSet<Id>, id: &Id| {
        selection.is_none_or(|s| set(s).contains(id))
    };
    let urls = r.urls();
    let size = dossier.config.build.page_size.get();
    let articles = dossier.articles.par_iter();
    let articles = articles.filter(|(slug, _)| wanted(|s| &s.articles, slug));
    let articles = articles.map(|(slug, a)| {
        let page = Page::item(ItemKind::Article, slug, &a.meta.title)
            .source(Some(&a.path))
            .json_ld(&structured::news_article(&urls, a))
            .citable(Some(a.meta.published.date));
        let (path, html) = r.html(page, &article::article_page(dossier, views, a))?;
        let quotes = exports::page_quotes(a, &html);
        r.put(&path, html)?;
        Ok((path, (slug.clone(), quotes)))
    });
    let claims = dossier.claims.par_iter();
    let claims = claims.filter(|(id, _)| wanted(|s| &s.claims, id));
    let claims = claims.map(|(id, c)| {
        let page = Page::item(ItemKind::Claim, id, &c.title)
            .source(Some(&c.origin.path))
            .json_ld(&structured::claim_review(dossier, &urls, c, r.build_date))
            .citable(r.build_date);
        r.page(page, &pages::claim(dossier, views, c))
    });
    let events = dossier.events.par_iter();
    let events = events.filter(|(id, _)| wanted(|s| &s.events, id));
    let events = events.map(|(id, e)| {
        let page = Page::item(ItemKind::Event, id, &e.title)
            .source(Some(&e.origin.path))
            .json_ld(&structured::event(&urls, e))
            .citable(Some(e.date));
        let (view, long_lists) = pages::event(dossier, views, e, size);
        let owner = views.event_summary(id).link;
        r.item_with_long_lists(page, &view, &owner, &long_lists)
    });
    let entities = dossier.entities.par_iter();
    let entities = entities.filter(|(id, _)| wanted(|s| &s.entities, id));
    let entities = entities.map(|(id, e)| {
        let page = Page::item(ItemKind::Entity, id, &e.name)
            .source(Some(&e.origin.path))
            .citable(r.build_date);
        let (view, long_lists) = pages::entity(dossier, views, e, size);
        let owner = views.entity_link(id);
        r.item_with_long_lists(page, &view, &owner, &long_lists)
    });
    let (mut paths, quotes): (Vec<PagePath>, BTreeMap<Id, Vec<PageQuote>>) =
        articles.collect::<Result<Vec<_>>>()?.into_iter().unzip();
    paths.extend(claims.collect::<Result<Vec<_>>>()?);
    paths.extend(events.collect::<Result<Vec<_>>>()?.concat());
    paths.extend(entities.collect::<Result<Vec<_>>>()?.concat());
    Ok(ItemPages { paths, quotes })
}

/// Compiles the built-in templates overridden by those in `dir` (relative
/// to the dossier `root`).
/// Also says whether any template mentions `extra`: only then does every
/// page's context carry `site.extra` (converted again for every page, so a
/// large `[extra]` table would cost its size times the page count).
fn load_templates(root: &Path, dir: &Path) -> Result<(Tera, bool)> {
    let mut sources: BTreeMap<String, String> = builtin::TEMPLATES
        .iter()
        .map(|(name, text)| ((*name).to_owned(), (*text).to_owned()))
        .collect();
    for (name, path) in files::files_in(root, &root.join(dir))? {
        if name.ends_with(".html") {
            let text = String::from_utf8(files::read(&path)?).map_err(|e| {
                files::read_error(
                    &path,
                    std::io::Error::new(std::io::ErrorKind::InvalidData, e),
                )
            })?;
            sources.insert(name, text);
        }
    }
    let mentions_extra = sources.values().any(|text| text.contains("extra"));
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html"]);
    tera.set_escape_fn(escape::html);
    tera.add_raw_templates(sources)
        .map_err(|source| Error::Template {
            page: "the templates".into(),
            source,
        })?;
    Ok((tera, mentions_extra))
}

/// The built-in assets and the generated code stylesheet, overridden by the
/// files in `dir` (relative to `root`; copied verbatim, sub-directories
/// included).
fn assets(root: &Path, dir: &Path) -> Result<Vec<OutputFile>> {
    let mut assets: BTreeMap<String, Vec<u8>> = builtin::ASSETS
        .iter()
        .map(|(name, bytes)| ((*name).to_owned(), bytes.to_vec()))
        .collect();
    assets.insert(
        "highlight.css".to_owned(),
        highlight::stylesheet().as_bytes().to_vec(),
    );
    for (name, path) in files::files_in(root, &root.join(dir))? {
        assets.insert(name, files::read(&path)?);
    }
    Ok(assets
        .into_iter()
        .map(|(name, contents)| OutputFile {
            path: PathBuf::from(name),
            contents,
        })
        .collect())
}
