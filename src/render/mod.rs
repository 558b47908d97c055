//! Rendering the resolved dossier into the files of the site.
//!
//! Templates are compiled once: the built-in set first, then the dossier's
//! `templates/*.html`, each replacing the built-in of the same name. Every
//! page gets a typed view ([`views`], [`article`], [`pages`]) plus the common
//! context (`site`, `root`, `permalink`, `title`, `section`); pages are
//! rendered in parallel.

pub mod article;
mod builtin;
pub mod pages;
pub mod paths;
pub mod views;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;
use tera::Tera;
use walkdir::WalkDir;

use crate::dossier::Dossier;
use crate::error::{Error, Result};
use crate::markdown::highlight;
use paths::PagePath;
use views::Views;

/// One file of the finished site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output directory.
    pub path: PathBuf,
    /// Its bytes.
    pub contents: Vec<u8>,
}

/// Site-wide values every template receives as `site`.
#[derive(Debug, Serialize)]
struct SiteView {
    title: String,
    description: Option<String>,
    language: String,
    authors: Vec<String>,
    publisher: Option<String>,
    repository: Option<String>,
    extra: toml::Table,
}

/// The context of every page.
#[derive(Serialize)]
struct PageContext<'a, T: Serialize> {
    site: &'a SiteView,
    /// `../` repeated up to the site root; prefix every `href` with it.
    root: String,
    /// The page's canonical URL.
    permalink: String,
    /// The page's title (without the site's).
    title: &'a str,
    /// Which navigation section the page belongs to.
    section: &'static str,
    /// The page's own view.
    page: &'a T,
}

/// Compiled templates plus what every page shares.
struct Renderer {
    tera: Tera,
    site: SiteView,
    base_url: Option<String>,
}

impl Renderer {
    fn page<T: Serialize>(
        &self,
        path: PagePath,
        template: &str,
        title: &str,
        section: &'static str,
        page: &T,
    ) -> Result<OutputFile> {
        let context = PageContext {
            site: &self.site,
            root: path.to_root(),
            permalink: path.permalink(self.base_url.as_deref()),
            title,
            section,
            page,
        };
        let permalink = context.permalink.clone();
        let context =
            tera::Context::from_serialize(&context).map_err(|source| Error::Template {
                page: permalink.clone(),
                source,
            })?;
        let html = self
            .tera
            .render(template, &context)
            .map_err(|source| Error::Template {
                page: permalink,
                source,
            })?;
        Ok(OutputFile {
            path: path.file(),
            contents: html.into_bytes(),
        })
    }
}

/// Renders every page and asset of the site.
pub fn render(dossier: &Dossier) -> Result<Vec<OutputFile>> {
    let config = &dossier.config;
    let renderer = Renderer {
        tera: load_templates(&dossier.root.join(&config.build.templates_dir))?,
        site: SiteView {
            title: config.book.title.clone(),
            description: config.book.description.clone(),
            language: config.book.language.clone(),
            authors: config.book.authors.clone(),
            publisher: config.book.publisher.clone(),
            repository: config.site.repository.clone(),
            extra: config.extra.clone(),
        },
        base_url: config.base_url(),
    };
    let views = Views::new(dossier);
    let mut files = render_pages(dossier, &renderer, &views)?;
    files.extend(assets(&dossier.root.join(&config.build.static_dir))?);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

fn render_pages(dossier: &Dossier, r: &Renderer, views: &Views<'_>) -> Result<Vec<OutputFile>> {
    let mut files = vec![
        r.page(
            PagePath::home(),
            "index.html",
            &dossier.config.book.title,
            "home",
            &pages::home(dossier, views),
        )?,
        r.page(
            PagePath::section("articles"),
            "articles.html",
            "Reports",
            "articles",
            &views.article_summaries(),
        )?,
        r.page(
            PagePath::section("claims"),
            "claims.html",
            "Claims",
            "claims",
            &pages::claims(dossier, views),
        )?,
        r.page(
            PagePath::section("timeline"),
            "timeline.html",
            "Timeline",
            "timeline",
            &pages::timeline(dossier, views),
        )?,
        r.page(
            PagePath::section("entities"),
            "entities.html",
            "People and organisations",
            "entities",
            &pages::entities(dossier, views),
        )?,
        r.page(
            PagePath::section("sources"),
            "sources.html",
            "Sources",
            "sources",
            &pages::sources(dossier, views),
        )?,
    ];
    let articles: Vec<OutputFile> = dossier
        .articles
        .par_iter()
        .map(|(slug, a)| {
            let page = article::article_page(dossier, views, a);
            r.page(
                PagePath::item("articles", slug),
                "article.html",
                &a.meta.title,
                "articles",
                &page,
            )
        })
        .collect::<Result<_>>()?;
    let claims: Vec<OutputFile> = dossier
        .claims
        .par_iter()
        .map(|(id, c)| {
            r.page(
                PagePath::item("claims", id),
                "claim.html",
                &c.title,
                "claims",
                &pages::claim(views, c),
            )
        })
        .collect::<Result<_>>()?;
    let events: Vec<OutputFile> = dossier
        .events
        .par_iter()
        .map(|(id, e)| {
            r.page(
                PagePath::item("events", id),
                "event.html",
                &e.title,
                "timeline",
                &pages::event(dossier, views, e),
            )
        })
        .collect::<Result<_>>()?;
    let entities: Vec<OutputFile> = dossier
        .entities
        .par_iter()
        .map(|(id, e)| {
            r.page(
                PagePath::item("entities", id),
                "entity.html",
                &e.name,
                "entities",
                &pages::entity(dossier, views, e),
            )
        })
        .collect::<Result<_>>()?;
    files.extend(
        articles
            .into_iter()
            .chain(claims)
            .chain(events)
            .chain(entities),
    );
    Ok(files)
}

/// Compiles the built-in templates overridden by those in `dir`.
fn load_templates(dir: &Path) -> Result<Tera> {
    let mut sources: BTreeMap<String, String> = builtin::TEMPLATES
        .iter()
        .map(|(name, text)| ((*name).to_owned(), (*text).to_owned()))
        .collect();
    for (name, path) in files_in(dir)? {
        if name.ends_with(".html") {
            let text =
                std::fs::read_to_string(&path).map_err(|source| Error::Read { path, source })?;
            sources.insert(name, text);
        }
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html"]);
    tera.set_escape_fn(escape_html);
    tera.add_raw_templates(sources)
        .map_err(|source| Error::Template {
            page: "the templates".into(),
            source,
        })?;
    Ok(tera)
}

/// The built-in assets and the generated code stylesheet, overridden by the
/// files in `dir` (copied verbatim, sub-directories included).
fn assets(dir: &Path) -> Result<Vec<OutputFile>> {
    let mut assets: BTreeMap<String, Vec<u8>> = builtin::ASSETS
        .iter()
        .map(|(name, bytes)| ((*name).to_owned(), bytes.to_vec()))
        .collect();
    assets.insert(
        "highlight.css".to_owned(),
        highlight::stylesheet().as_bytes().to_vec(),
    );
    for (name, path) in files_in(dir)? {
        let bytes = std::fs::read(&path).map_err(|source| Error::Read { path, source })?;
        assets.insert(name, bytes);
    }
    Ok(assets
        .into_iter()
        .map(|(name, contents)| OutputFile {
            path: PathBuf::from(name),
            contents,
        })
        .collect())
}

/// Tera's escaping minus its `/` → `&#x2F;`, which is needless in HTML
/// and makes every link unreadable in the page source.
fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    pulldown_cmark_escape::escape_html(&mut out, text).expect("writing to a String cannot fail");
    out
}

/// Every file below `dir` (none if it does not exist), named by its path
/// relative to `dir` with `/` separators, skipping hidden entries.
fn files_in(dir: &Path) -> Result<Vec<(String, PathBuf)>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    let walk = WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walk {
        let entry = entry.map_err(|e| Error::Read {
            path: e.path().unwrap_or(dir).to_owned(),
            source: e
                .into_io_error()
                .unwrap_or_else(|| std::io::Error::other("file system loop")),
        })?;
        if entry.file_type().is_file() {
            let relative = entry.path().strip_prefix(dir).expect("walked below dir");
            let name = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            files.push((name, entry.path().to_owned()));
        }
    }
    Ok(files)
}
