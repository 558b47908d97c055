//! The plumbing every page goes through: what a page is apart from its
//! view ([`Page`]), the context its template receives, and the
//! [`Renderer`] that renders it (or, when `serve` re-renders lists, finds
//! it unchanged) and hands it to the sink.

use std::hash::{DefaultHasher, Hasher};
use std::path::Path;
use std::sync::Arc;

use serde::Serialize;

use super::cite;
use super::memo::Memo;
use super::model::DateView;
use super::paginate::Pagination;
use super::sink::{OutputFile, Sink};
use super::strings::Strings;
use super::theme::Theme;
use super::views::Views;
use crate::date::PartialDate;
use crate::dossier::Dossier;
use crate::error::{Error, Result};
use crate::escape;
use crate::id::Id;
use crate::urls::{PagePath, Urls};
use crate::vocabulary::{ItemKind, Section};

/// Site-wide values every template receives as `site`.
#[derive(Debug, Serialize)]
pub(super) struct SiteView {
    pub(super) title: String,
    pub(super) description: Option<String>,
    pub(super) language: String,
    /// Whether the site's language runs right to left.
    pub(super) rtl: bool,
    pub(super) authors: Vec<String>,
    pub(super) publisher: Option<String>,
    pub(super) repository: Option<String>,
    /// The link-preview picture's URL (`[site] image`), absolute with a
    /// base URL as `og:image` wants.
    pub(super) image: Option<String>,
    /// What it shows.
    pub(super) image_alt: Option<String>,
    /// `[extra]`, only when a template mentions it (see [`Theme`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) extra: Option<toml::Table>,
}

/// The context of every page.
#[derive(Serialize)]
pub(super) struct PageContext<'a, T> {
    pub(super) site: &'a SiteView,
    /// `../` repeated up to the site root; prefix every `href` with it.
    pub(super) root: String,
    /// The page's canonical URL.
    pub(super) permalink: String,
    /// Where an editor changes the page's source, if `[site] edit-url` is set.
    pub(super) edit_url: Option<String>,
    /// schema.org JSON-LD for the page, safe inside `<script>`.
    pub(super) json_ld: Option<&'a str>,
    /// What link previews say of the page, if it says something of its own
    /// (left out otherwise, so that the template's default applies).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) description: Option<&'a str>,
    /// "Cite this", on pages that describe one thing.
    pub(super) citation: Option<cite::Citation>,
    /// The page's title (without the site's).
    pub(super) title: &'a str,
    /// Which navigation section the page belongs to.
    pub(super) section: Section,
    /// The page's own view.
    pub(super) page: &'a T,
    /// Where a list page sits among its section's pages.
    pub(super) pagination: Option<Pagination>,
    /// When the page's item came into the dossier and last changed, if
    /// the history or the annotation says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) dates: Option<DatesView>,
    /// Whether the page's item has changes not yet committed (only in
    /// `serve`'s preview).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub(super) unpublished: bool,
}

/// A page's view whose built-in template is also written in Rust (in
/// `render/drawn`), for the pages a dossier has by the thousand: Tera
/// looks up every field by its dotted path in a `serde_json` copy of the
/// context, which was two fifths of a build. The Rust draws the same bytes
/// (a test builds fixture dossiers both ways and compares every file), and
/// a dossier that replaces any of [`Drawn::TEMPLATES`] gets Tera's.
pub(super) trait Drawn: Serialize + Sized {
    /// The built-in templates the page is drawn from: its own, and those it
    /// extends and imports.
    const TEMPLATES: &'static [&'static str];

    /// The whole page for `context`, whose `page` is this view.
    fn draw(context: &PageContext<'_, Self>, strings: &Strings) -> String;
}

/// When a page's item came into the dossier and last changed.
#[derive(Serialize)]
pub(super) struct DatesView {
    pub(super) published: DateView,
    /// Left out when it is the day of `published`.
    pub(super) modified: Option<DateView>,
}

/// What a page is, apart from its view: where it goes, which template draws
/// it, its title and navigation section, and the file it comes from.
pub(super) struct Page<'a> {
    pub(super) path: PagePath,
    pub(super) template: &'static str,
    pub(super) title: &'a str,
    pub(super) section: Section,
    pub(super) source: Option<&'a Path>,
    /// schema.org data, already made safe for a `<script>` block.
    pub(super) json_ld: Option<String>,
    /// Whether the page offers a citation of itself.
    pub(super) citable: bool,
    /// A page that never changes to cite besides it: the version of a
    /// claim that its page shows, with that page's title.
    pub(super) cited_version: Option<(PagePath, String)>,
    /// What link previews say of the page (else the dossier's description).
    pub(super) description: Option<String>,
    /// Where a list page sits among its section's pages.
    pub(super) pagination: Option<Pagination>,
}

impl<'a> Page<'a> {
    /// A page at `path` drawn by `template`, titled `title`, in the
    /// navigation's `section`.
    pub(super) fn new(
        path: PagePath,
        template: &'static str,
        title: &'a str,
        section: Section,
    ) -> Self {
        Page {
            path,
            template,
            title,
            section,
            source: None,
            json_ld: None,
            citable: false,
            cited_version: None,
            description: None,
            pagination: None,
        }
    }

    /// A section's index (`claims/`), drawn by the template of that name.
    pub(super) fn section(section: Section, title: &'a str) -> Self {
        let template = match section {
            Section::Home => "index.html",
            Section::Search => "search.html",
            Section::Articles => "articles.html",
            Section::Claims => "claims.html",
            Section::Entities => "entities.html",
            Section::Sources => "sources.html",
            Section::Timeline => "timeline.html",
            Section::Corrections => "corrections.html",
        };
        Page::new(PagePath::section(section), template, title, section)
    }

    /// One item's page (`claims/<id>/`), drawn by the singular template,
    /// in its kind's section.
    pub(super) fn item(kind: ItemKind, id: &Id, title: &'a str) -> Self {
        let template = match kind {
            ItemKind::Article => "article.html",
            ItemKind::Claim => "claim.html",
            ItemKind::Event => "event.html",
            ItemKind::Entity => "entity.html",
        };
        Page::new(PagePath::item(kind, id), template, title, kind.section())
    }

    /// Names the file the page comes from, for its "edit this page" link.
    pub(super) fn source(mut self, source: Option<&'a Path>) -> Self {
        self.source = source;
        self
    }

    /// Gives the page a description of its own for link previews.
    pub(super) fn describe(mut self, description: String) -> Self {
        self.description = Some(description);
        self
    }

    /// Gives the page schema.org data.
    pub(super) fn json_ld(mut self, value: &impl Serialize) -> Self {
        self.json_ld = Some(escape::json_in_script(value));
        self
    }

    /// Offers a citation of the page, dated as [`Renderer`] finds.
    pub(super) fn citable(mut self) -> Self {
        self.citable = true;
        self
    }

    /// Offers, beside the page's own citation, one of the page at `path`
    /// titled `title`, which shows the same and never changes.
    pub(super) fn citable_version(mut self, path: PagePath, title: String) -> Self {
        self.cited_version = Some((path, title));
        self
    }
}

/// What every page of a dossier shares, worked out once per render: the
/// dossier, its theme, the views pages share and the site-wide context.
pub(super) struct Shared<'d> {
    pub(super) dossier: &'d Dossier,
    pub(super) views: Views<'d>,
    pub(super) theme: Theme,
    pub(super) site: SiteView,
    pub(super) base_url: Option<String>,
    pub(super) edit_pattern: Option<String>,
    /// From `SOURCE_DATE_EPOCH`: the only date not taken from the data.
    pub(super) build_date: Option<PartialDate>,
}

impl<'d> Shared<'d> {
    /// What the pages of `dossier` drawn with `theme` share.
    pub(super) fn new(dossier: &'d Dossier, theme: Theme) -> Self {
        let site_extra = theme.site_extra;
        let config = &dossier.config;
        Shared {
            dossier,
            views: Views::new(dossier, Arc::clone(&theme.strings)),
            theme,
            site: SiteView {
                title: config.book.title.clone(),
                description: config.book.description.clone(),
                language: config.book.language.clone(),
                rtl: crate::language::is_right_to_left(&config.book.language),
                authors: config.book.authors.clone(),
                publisher: config.book.publisher.clone(),
                repository: config.site.repository.clone(),
                image: config.site.image.as_deref().map(|image| {
                    let base = config.base_url();
                    Urls {
                        base: base.as_deref(),
                    }
                    .file(image.trim_start_matches('/'))
                }),
                image_alt: config.site.image_alt.clone(),
                extra: site_extra.then(|| config.extra.clone()),
            },
            base_url: config.base_url(),
            edit_pattern: config.site.edit_url.clone(),
            build_date: PartialDate::from_source_date_epoch(),
        }
    }

    /// How the exports write the site's URLs.
    pub(super) fn urls(&self) -> Urls<'_> {
        Urls {
            base: self.base_url.as_deref(),
        }
    }
}

/// What pages are rendered with, and where they go.
pub(super) struct Renderer<'s> {
    pub(super) sink: &'s dyn Sink,
    pub(super) shared: &'s Shared<'s>,
    pub(super) memo: Option<&'s Memo<'s>>,
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
    type Target = Shared<'s>;

    fn deref(&self) -> &Shared<'s> {
        self.shared
    }
}

impl Renderer<'_> {
    /// Renders a page and hands it to the sink, unless the memo says that
    /// its template and context are unchanged.
    pub(super) fn page<T: Serialize>(&self, page: Page<'_>, view: &T) -> Result<PagePath> {
        if self.stands_unchanged(&page, view)? {
            return Ok(page.path);
        }
        let (path, html) = self.html(page, view)?;
        self.put(&path, html)?;
        Ok(path)
    }

    /// [`Renderer::page`] for a page the built-in templates may draw in
    /// Rust.
    pub(super) fn drawn_page<T: Drawn>(&self, page: Page<'_>, view: &T) -> Result<PagePath> {
        if self.stands_unchanged(&page, view)? {
            return Ok(page.path);
        }
        let (path, html) = self.drawn_html(page, view)?;
        self.put(&path, html)?;
        Ok(path)
    }

    /// Whether the memo says that the page's template and context are
    /// unchanged since the last render (never without a memo).
    fn stands_unchanged<T: Serialize>(&self, page: &Page<'_>, view: &T) -> Result<bool> {
        let Some(memo) = self.memo else {
            return Ok(false);
        };
        let hash = self.fingerprint(page, view)?;
        Ok(memo.is_unchanged(&page.path, hash))
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
        let citation = page.citable.then(|| {
            let mut citation = self.citation(&page.path, page.title);
            citation.version = page
                .cited_version
                .as_ref()
                .map(|(path, title)| Box::new(self.citation(path, title)));
            citation
        });
        PageContext {
            site: &self.site,
            root: page.path.to_root(),
            permalink,
            edit_url: page.source.and_then(|p| self.edit_url(p)),
            json_ld: page.json_ld.as_deref(),
            description: page.description.as_deref(),
            citation,
            title: page.title,
            section: page.section,
            page: view,
            pagination: page.pagination.clone(),
            dates: self.dates(&page.path),
            unpublished: page
                .path
                .item_of()
                .is_some_and(|(kind, id)| self.dossier.history.is_unpublished(kind, id)),
        }
    }

    /// When the item the page at `path` shows came into the dossier and
    /// last changed, as its footer says; `None` for other pages (a claim's
    /// version page gives its own date) and when neither git nor the
    /// annotation tells.
    fn dates(&self, path: &PagePath) -> Option<DatesView> {
        let (kind, id) = path.item_of()?;
        let dates = self.dossier.dates_of(kind, id);
        let published = dates.published?;
        let modified = dates.modified.filter(|m| m.date != published.date);
        Some(DatesView {
            published: self.views.date(published.date),
            modified: modified.map(|m| self.views.date(m.date)),
        })
    }

    /// Hands a page rendered with [`Renderer::html`] to the sink.
    pub(super) fn put(&self, path: &PagePath, html: String) -> Result<()> {
        self.sink.put(OutputFile {
            path: path.file(),
            contents: html.into_bytes(),
        })
    }

    /// Renders a page to its HTML, to be put later.
    pub(super) fn html<T: Serialize>(
        &self,
        page: Page<'_>,
        view: &T,
    ) -> Result<(PagePath, String)> {
        let html = tera::Context::from_serialize(self.context(&page, view))
            .and_then(|context| self.theme.tera().render(page.template, &context))
            .map_err(|source| self.template_error(&page, source))?;
        Ok(with_relative_links(page, html))
    }

    /// [`Renderer::html`] for a page the built-in templates may draw in
    /// Rust: they do unless the dossier replaces one of them.
    pub(super) fn drawn_html<T: Drawn>(
        &self,
        page: Page<'_>,
        view: &T,
    ) -> Result<(PagePath, String)> {
        if !self.theme.draws_built_in(T::TEMPLATES) {
            return self.html(page, view);
        }
        let html = T::draw(&self.context(&page, view), &self.views.strings);
        Ok(with_relative_links(page, html))
    }

    /// The date a citation of the page at `path` gives: the page's own,
    /// when its subject last changed (for a claim, counting its review and
    /// corrections; for a claim's version, its commit), else the build
    /// date from `SOURCE_DATE_EPOCH`. Never the date of what the page
    /// describes: the citation credits the dossier's editors.
    fn cite_date(&self, path: &PagePath) -> Option<PartialDate> {
        let dates = self.dossier.page_dates(path)?;
        let date = dates.modified.or(dates.published).map(|m| m.date);
        date.or(self.build_date)
    }

    /// The citation of the page at `path`, titled `title`.
    fn citation(&self, path: &PagePath, title: &str) -> cite::Citation {
        let permalink = path.permalink(self.base_url.as_deref());
        let responsible = self
            .site
            .publisher
            .clone()
            .or_else(|| (!self.site.authors.is_empty()).then(|| self.site.authors.join(", ")));
        cite::Cited {
            key: path.dir().trim_end_matches('/').replace('/', "-"),
            title,
            url: &permalink,
            date: self.cite_date(path),
            dossier: &self.site.title,
            responsible,
            accessed: self.build_date,
            strings: &self.views.strings,
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

/// The page's HTML with its links from the site root made relative.
fn with_relative_links(page: Page<'_>, html: String) -> (PagePath, String) {
    let html = crate::markdown::links::resolve_root(html, &page.path.to_root());
    (page.path, html)
}
