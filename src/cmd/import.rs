//! `gloss import`: saved web pages and plain-text copies of reports,
//! written as articles of the dossier (see [`crate::import`]).

use std::path::Path;

use crate::cli::ImportArgs;
use crate::config::Config;
use crate::id::{Id, slugify};
use crate::import::{article_from_html, article_from_text};

/// Imports each page as `content/articles/<slug>.md`, writing nothing over
/// an existing article; exit 0 only if every page was imported.
pub fn run(args: &ImportArgs) -> u8 {
    if args.slug.is_some() && args.pages.len() > 1 {
        eprintln!("error: `--slug` names one article; import one page with it");
        return 2;
    }
    let root = super::dossier_root(&args.dir);
    let config = match Config::from_dir(&root) {
        Ok(config) => config,
        Err(e) => return super::Report::HUMAN.fail(&e),
    };
    let articles = root.join(config.build.articles_dir());
    let mut code = 0;
    for page in &args.pages {
        code = code.max(import(page, args.slug.as_deref(), &articles));
    }
    code
}

/// Imports one page into the folder `articles`; returns the exit code.
fn import(page: &Path, slug: Option<&str>, articles: &Path) -> u8 {
    let fail = |message: String| {
        eprintln!("error: {}: {message}; nothing was written", page.display());
        2
    };
    let stem = page
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let slug = match Id::parse(&slug.map_or_else(|| slugify(&stem), str::to_owned)) {
        Ok(slug) => slug,
        Err(e) => {
            return fail(format!(
                "no slug can be made from its name ({e}); give one with `--slug`"
            ));
        }
    };
    let bytes = match std::fs::read(page) {
        Ok(bytes) => bytes,
        Err(e) => return fail(format!("cannot be read: {e}")),
    };
    let Ok(text) = String::from_utf8(bytes) else {
        return fail(
            "is not UTF-8; save the page as UTF-8 (\"Web page, HTML only\" in most browsers)"
                .into(),
        );
    };
    let name = page
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let extension = page.extension().map(|x| x.to_string_lossy().to_lowercase());
    let article = match extension.as_deref() {
        Some("html" | "htm") => match article_from_html(&text, &slug, &name) {
            Ok(article) => article,
            Err(e) => return fail(e.to_string()),
        },
        Some("txt") => article_from_text(&text, &slug, &name),
        _ => {
            return fail("is neither a saved web page (.html) nor a plain-text copy (.txt)".into());
        }
    };
    let path = articles.join(format!("{slug}.md"));
    match crate::files::write_new(&path, &article) {
        Ok(()) => {
            eprintln!(
                "Imported {} as {}. Check its front matter (each field says where it came from), then run `gloss check`.",
                page.display(),
                path.display()
            );
            0
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => fail(format!(
            "{} already exists; give another `--slug`",
            path.display()
        )),
        Err(e) => fail(format!("could not write {}: {e}", path.display())),
    }
}
