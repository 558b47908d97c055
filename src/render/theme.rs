//! The theme: templates, the interface's words and static assets, read
//! from the binary and the dossier once, before rendering.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tera::Tera;

use super::builtin;
use super::quotes;
use super::sink::OutputFile;
use super::strings::{self, Strings};
use crate::dossier::Dossier;
use crate::error::{Error, Result};
use crate::escape;
use crate::files;
use crate::markdown::highlight;

/// How a dossier's pages look, loaded once before anything is rendered:
/// the compiled templates (the built-in set, each replaced by the
/// dossier's `templates/*.html` of the same name), the interface's words
/// in the dossier's language (which templates print through `t(…)`, and
/// quotation marks through `quoted` and `quote_marks(…)`), and
/// the assets copied into the site (the built-in ones and the code
/// stylesheet, overridden by the dossier's `static/` files). `serve` keeps
/// it from one update to the next: only a change to the templates or the
/// static files, which rebuilds everything, changes it.
#[derive(Clone)]
pub struct Theme {
    tera: Arc<Tera>,
    pub(super) strings: Arc<Strings>,
    /// Whether a template mentions `extra`, so that pages need
    /// `site.extra` in their context.
    pub(super) site_extra: bool,
    /// The built-in templates the dossier replaces with its own: a page
    /// drawn from none of them is drawn in Rust ([`Theme::draws_built_in`]).
    replaced: Arc<[String]>,
    assets: Arc<[OutputFile]>,
}

impl Theme {
    /// Compiles the built-in templates and the dossier's, loads the
    /// interface's words, and reads the assets.
    pub fn load(dossier: &Dossier) -> Result<Theme> {
        let build = &dossier.config.build;
        let strings = Arc::new(Strings::load(
            &dossier.config.book.language,
            &dossier.root,
            &build.templates_dir,
        )?);
        let Templates {
            mut tera,
            site_extra,
            replaced,
        } = load_templates(&dossier.root, &build.templates_dir)?;
        tera.register_function("t", strings::Translate(Arc::clone(&strings)));
        tera.register_filter("quoted", quotes::Quoted(Arc::clone(&strings)));
        tera.register_function("quote_marks", quotes::QuoteMarks(Arc::clone(&strings)));
        let extra = tera::to_value(&dossier.config.extra).map_err(|e| Error::Template {
            page: "the [extra] table".into(),
            source: tera::Error::msg(e),
        })?;
        tera.register_function("extra", Extra(Arc::new(extra)));
        Ok(Theme {
            tera: Arc::new(tera),
            strings,
            site_extra,
            replaced: replaced.into(),
            assets: load_assets(&dossier.root, &build.static_dir)?.into(),
        })
    }

    /// The compiled templates.
    pub(super) fn tera(&self) -> &Tera {
        &self.tera
    }

    /// Whether a page drawn from `templates` (its own, and those it extends
    /// and imports) is drawn as the built-in templates draw it: none of them
    /// is replaced by the dossier's own. Then [`super::page::Drawn`] draws it
    /// in Rust, byte for byte as Tera would, at a fraction of the cost.
    pub(super) fn draws_built_in(&self, templates: &[&str]) -> bool {
        !templates
            .iter()
            .any(|name| self.replaced.iter().any(|replaced| replaced == name))
    }

    /// The files copied into the site as they are.
    pub(super) fn assets(&self) -> &[OutputFile] {
        &self.assets
    }
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

/// The templates compiled, and what is known of them before any page.
struct Templates {
    tera: Tera,
    /// Whether any template mentions `extra`: only then does every page's
    /// context carry `site.extra` (converted again for every page, so a
    /// large `[extra]` table would cost its size times the page count).
    site_extra: bool,
    /// The built-in templates whose text the dossier's differs from. The
    /// default dossier's `templates/` is the built-in set itself.
    replaced: Vec<String>,
}

/// Compiles the built-in templates overridden by those in `dir` (relative
/// to the dossier `root`).
fn load_templates(root: &Path, dir: &Path) -> Result<Templates> {
    let mut sources: BTreeMap<String, String> = builtin::TEMPLATES
        .iter()
        .map(|(name, text)| ((*name).to_owned(), (*text).to_owned()))
        .collect();
    let mut replaced = Vec::new();
    for (name, path) in files::files_in(root, &root.join(dir))? {
        if name.ends_with(".html") {
            let text = String::from_utf8(files::read(&path)?).map_err(|e| {
                files::read_error(
                    &path,
                    std::io::Error::new(std::io::ErrorKind::InvalidData, e),
                )
            })?;
            if sources.get(&name).is_some_and(|built_in| *built_in != text) {
                replaced.push(name.clone());
            }
            sources.insert(name, text);
        }
    }
    let site_extra = sources.values().any(|text| text.contains("extra"));
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html"]);
    tera.set_escape_fn(escape::html);
    tera.add_raw_templates(sources)
        .map_err(|source| Error::Template {
            page: "the templates".into(),
            source,
        })?;
    Ok(Templates {
        tera,
        site_extra,
        replaced,
    })
}

/// The built-in assets and the generated code stylesheet, overridden by the
/// files in `dir` (relative to `root`; copied verbatim, sub-directories
/// included).
fn load_assets(root: &Path, dir: &Path) -> Result<Vec<OutputFile>> {
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
