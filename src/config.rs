//! `book.toml`: the dossier's title, its public address and where things live.
//!
//! Unknown keys are errors, not silently ignored, so a misspelt setting never
//! leaves an editor wondering why it has no effect. Site-specific values that
//! templates need go in the free-form `[extra]` table.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostics::{Diagnostic, Lint, Severity};
use crate::error::{Error, Result};
use crate::files::{self, Presence};
use crate::markdown::RawHtml;

/// The name of the config file at a dossier's root.
pub const CONFIG_FILE: &str = "book.toml";

/// The root of the dossier that `dir` is in: `dir` itself if it holds a
/// `book.toml`, else the nearest folder above it that does (so that
/// `gloss check` works from `content/articles/`, as `cargo` does from
/// `src/`), else `dir`, whose missing `book.toml` the caller reports.
pub fn dossier_root(dir: &Path) -> PathBuf {
    let holds_config = |d: &Path| d.join(CONFIG_FILE).symlink_metadata().is_ok();
    if holds_config(dir) {
        return dir.to_owned();
    }
    let Ok(absolute) = std::path::absolute(dir) else {
        return dir.to_owned();
    };
    absolute
        .ancestors()
        .skip(1)
        .find(|d| holds_config(d))
        .map_or_else(|| dir.to_owned(), Path::to_owned)
}

/// The whole of `book.toml`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// `[book]`: what the dossier is.
    pub book: BookConfig,
    /// `[site]`: where it is published.
    pub site: SiteConfig,
    /// `[build]`: where its parts are on disk.
    pub build: BuildConfig,
    /// `[check]`: which warnings to silence or treat as errors.
    pub check: CheckConfig,
    /// `[markdown]`: how Markdown is read.
    pub markdown: MarkdownConfig,
    /// `[extra]`: anything a custom template needs, passed through untouched.
    pub extra: toml::Table,
}

/// `[book]`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct BookConfig {
    /// Shown in every page title. Default: "Untitled dossier".
    pub title: String,
    /// One sentence for the overview and for search engines. Default: none.
    pub description: Option<String>,
    /// The editors responsible for the annotations. Default: none.
    pub authors: Vec<String>,
    /// BCP 47 language tag of the site chrome and annotations. Default: "en".
    pub language: String,
    /// Who publishes the dossier (a newsroom, a fact-checking desk). Default: none.
    pub publisher: Option<String>,
}

impl Default for BookConfig {
    fn default() -> Self {
        BookConfig {
            title: "Untitled dossier".to_owned(),
            description: None,
            authors: Vec::new(),
            language: "en".to_owned(),
            publisher: None,
        }
    }
}

/// `[site]`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct SiteConfig {
    /// The absolute URL the site is published at (`https://example.org/dossier/`).
    /// Default: none; pages then link to each other by relative paths only.
    pub base_url: Option<String>,
    /// The dossier's source repository, shown in the footer. Default: none.
    pub repository: Option<String>,
    /// Pattern for "edit this page" links; `{path}` becomes the source file's
    /// path relative to the dossier root. Default: none (no links).
    pub edit_url: Option<String>,
    /// The picture link previews show for every page: the path of a file
    /// of the site (put it in `static/`), e.g. "images/cover.png".
    /// Default: none (previews show no picture).
    pub image: Option<String>,
    /// What the picture shows, for people who cannot see it. Default: none.
    pub image_alt: Option<String>,
}

/// `[build]`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct BuildConfig {
    /// Articles, annotations and the introduction. Default: "content".
    pub content_dir: PathBuf,
    /// Where `gloss build` writes the site. Default: "public".
    pub output_dir: PathBuf,
    /// Template overrides. Default: "templates".
    pub templates_dir: PathBuf,
    /// Files copied verbatim into the site. Default: "static".
    pub static_dir: PathBuf,
    /// How many entries a list page (reports, claims, timeline, entities,
    /// sources) shows before it continues on `/<section>/page/2/`.
    /// Default: 200.
    pub page_size: PageSize,
    /// Whether pages show what the git repository holding the dossier
    /// records: review dates, each claim's history, the corrections log.
    /// Turn it off for a dossier whose repository's commits are not
    /// editorial (gloss's own default dossier). Default: true.
    pub history: bool,
}

impl BuildConfig {
    /// Where the articles are (relative to the dossier root): `articles/`
    /// in the content folder.
    pub fn articles_dir(&self) -> PathBuf {
        self.content_dir.join("articles")
    }

    /// Where the annotation files are: `annotations/` in the content folder.
    pub fn annotations_dir(&self) -> PathBuf {
        self.content_dir.join("annotations")
    }

    /// The optional introduction: `index.md` in the content folder.
    pub fn intro_file(&self) -> PathBuf {
        self.content_dir.join("index.md")
    }
}

/// Entries per list page: at least 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(try_from = "usize", into = "usize")]
pub struct PageSize(usize);

impl PageSize {
    /// The number of entries.
    pub fn get(self) -> usize {
        self.0
    }
}

impl Default for PageSize {
    fn default() -> Self {
        PageSize(200)
    }
}

impl TryFrom<usize> for PageSize {
    type Error = &'static str;

    fn try_from(n: usize) -> Result<Self, Self::Error> {
        if n == 0 {
            Err("page-size must be at least 1")
        } else {
            Ok(PageSize(n))
        }
    }
}

impl From<PageSize> for usize {
    fn from(size: PageSize) -> usize {
        size.0
    }
}

impl Default for BuildConfig {
    fn default() -> Self {
        BuildConfig {
            content_dir: PathBuf::from("content"),
            output_dir: PathBuf::from("public"),
            templates_dir: PathBuf::from("templates"),
            static_dir: PathBuf::from("static"),
            page_size: PageSize::default(),
            history: true,
        }
    }
}

/// `[markdown]`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct MarkdownConfig {
    /// What raw HTML becomes: `"escape"` (shown as text) or `"sanitize"`
    /// (a safe subset kept). Default: `"escape"`.
    pub raw_html: RawHtml,
}

/// `[check]`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct CheckConfig {
    /// Warnings never reported. Default: none.
    pub allow: Vec<Lint>,
    /// Warnings reported as errors. Default: none.
    pub deny: Vec<Lint>,
    /// Report every warning as an error. Default: false.
    pub deny_warnings: bool,
}

impl CheckConfig {
    /// Applies the configured levels: drops allowed warnings and turns
    /// denied ones into errors.
    pub fn apply(&self, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        diagnostics
            .into_iter()
            .filter(|d| d.lint.is_none_or(|l| !self.allow.contains(&l)))
            .map(|mut d| {
                let denied = d.lint.is_some_and(|l| self.deny.contains(&l));
                if d.severity == Severity::Warning && (self.deny_warnings || denied) {
                    d.severity = Severity::Error;
                }
                d
            })
            .collect()
    }
}

impl Config {
    /// Parses `book.toml` text; `path` only names the file in diagnostics.
    pub fn parse(path: &Path, text: &str) -> Result<Config, Vec<Diagnostic>> {
        let config: Config =
            toml::from_str(text).map_err(|e| vec![Diagnostic::toml(path, text, 0, &e)])?;
        config.validate(path, text)?;
        Ok(config)
    }

    /// Reads `book.toml` from a dossier root.
    pub fn from_dir(root: &Path) -> Result<Config> {
        let path = root.join(CONFIG_FILE);
        // A missing book.toml means this is not a dossier at all.
        if let Err(source) = path.symlink_metadata() {
            return Err(files::read_error(&path, source));
        }
        let text = files::read_source(root, Path::new(CONFIG_FILE), Presence::Required)
            .map_err(|problem| Error::Content(vec![*problem]))?
            .expect("a required file is read or is an error");
        let config = Config::parse(Path::new(CONFIG_FILE), &text).map_err(Error::Content)?;
        config.check_confined(root, &text).map_err(Error::Content)?;
        Ok(config)
    }

    /// The source folders gloss reads (`content-dir`, `templates-dir`,
    /// `static-dir`, the articles, annotations and introduction in the
    /// content folder; `book.toml` itself is checked before it is read),
    /// each of which must resolve,
    /// after every symbolic link, inside the dossier at `root`: a dossier
    /// from a pull request must not make gloss read (and publish) a file
    /// elsewhere. A problem is reported at the setting's line in `text`,
    /// or names the link.
    fn check_confined(&self, root: &Path, text: &str) -> Result<(), Vec<Diagnostic>> {
        let build = &self.build;
        let content = &build.content_dir;
        let places = [
            (content.clone(), Some("content-dir")),
            (build.templates_dir.clone(), Some("templates-dir")),
            (build.static_dir.clone(), Some("static-dir")),
            (build.articles_dir(), None),
            (build.annotations_dir(), None),
            (build.intro_file(), None),
        ];
        let mut problems = Vec::new();
        let mut outside: Vec<PathBuf> = Vec::new();
        for (place, key) in places {
            let full = root.join(&place);
            let in_outside_folder = outside.iter().any(|o| place.starts_with(o));
            if in_outside_folder || full.symlink_metadata().is_err() || files::inside(root, &full) {
                continue;
            }
            outside.push(place.clone());
            let set_at = key.and_then(|key| Some((key, text.find(key)?)));
            problems.push(match set_at {
                Some((key, at)) => {
                    let value = place.to_string_lossy();
                    Diagnostic::error(
                        Path::new(CONFIG_FILE),
                        format!("`{key}` = \"{value}\" leads outside the dossier; gloss reads only files inside it"),
                    )
                    .at(text, at..at + key.len())
                    .with_help("give a folder inside the dossier, relative to book.toml")
                }
                None => files::outside_link(&place),
            });
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    fn validate(&self, path: &Path, text: &str) -> Result<(), Vec<Diagnostic>> {
        let mut problems = Vec::new();
        let urls = [
            ("base-url", &self.site.base_url),
            ("repository", &self.site.repository),
            ("edit-url", &self.site.edit_url),
        ];
        for (key, url) in urls {
            if let Some(url) = url
                .as_deref()
                .filter(|u| !(u.starts_with("https://") || u.starts_with("http://")))
            {
                let at = text.find(url).unwrap_or(0);
                problems.push(
                    Diagnostic::error(path, format!("`{key}` must be an absolute http(s) URL"))
                        .at(text, at..at + url.len()),
                );
            }
        }
        if self.book.title.trim().is_empty() {
            problems.push(Diagnostic::error(path, "`[book] title` cannot be empty"));
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    /// `base-url` with exactly one trailing slash, if set.
    pub fn base_url(&self) -> Option<String> {
        self.site
            .base_url
            .as_ref()
            .map(|u| format!("{}/", u.trim_end_matches('/')))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_apply_to_an_empty_file() {
        let c = Config::parse(Path::new("book.toml"), "").unwrap();
        assert_eq!(c.book.title, "Untitled dossier");
        assert_eq!(c.build.output_dir, PathBuf::from("public"));
    }

    #[test]
    fn unknown_keys_are_rejected_with_their_line() {
        let err = Config::parse(
            Path::new("book.toml"),
            "[book]\ntitle = \"x\"\ntitel = \"y\"\n",
        )
        .unwrap_err();
        assert_eq!(err[0].line, 3);
        assert!(err[0].message.contains("titel"), "{}", err[0].message);
    }

    #[test]
    fn base_url_must_be_absolute() {
        let err = Config::parse(
            Path::new("book.toml"),
            "[site]\nbase-url = \"example.org\"\n",
        )
        .unwrap_err();
        assert_eq!((err[0].line, err[0].column), (2, 13));
        let ok = Config::parse(
            Path::new("book.toml"),
            "[site]\nbase-url = \"https://x.org\"",
        )
        .unwrap();
        assert_eq!(ok.base_url().unwrap(), "https://x.org/");
    }
}
