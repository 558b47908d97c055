//! `gloss new article`, `gloss new claim` and `gloss new appearance`:
//! commented stubs and passages, every quote checked against its article
//! first, written where nothing exists yet or added to an annotation file
//! in one step, so that they pass `gloss check` as written.

use std::path::{Path, PathBuf};

use super::Report;
use crate::annotation::anchor::{Query, anchor_all};
use crate::annotation::no_such;
use crate::authoring::{self, Addition, Excerpt, NewClaim};
use crate::cli::{NewAppearanceArgs, NewArticleArgs, NewClaimArgs};
use crate::config::Config;
use crate::dossier::{Article, Dossier, Part};
use crate::id::Id;
use crate::site;

/// Writes `content/articles/<slug>.md`.
pub fn article(args: &NewArticleArgs) -> u8 {
    let slug = match Id::parse(&args.slug) {
        Ok(slug) => slug,
        Err(e) => return usage(&format!("`{}` cannot be a slug: {e}", args.slug)),
    };
    let root = super::dossier_root(&args.dir);
    let config = match Config::from_dir(&root) {
        Ok(config) => config,
        Err(e) => return Report::HUMAN.fail(&e),
    };
    let path = root
        .join(config.build.articles_dir())
        .join(format!("{slug}.md"));
    let stub = authoring::article(&slug);
    write_new(
        &path,
        &stub,
        "Paste the report's text below its front matter",
    )
}

/// Writes a claim quoting each `--article`/`--quote` pair, after checking
/// the id is free and each quote occurs exactly once in its article: a
/// new `content/annotations/<id>.toml`, or added to the end of `--file`.
pub fn claim(args: &NewClaimArgs) -> u8 {
    let id = match Id::parse(&args.id) {
        Ok(id) => id,
        Err(e) => return usage(&format!("`{}` cannot be a claim id: {e}", args.id)),
    };
    if args.article.len() != args.quote.len() {
        return usage("give one `--quote` after each `--article`, in order");
    }
    let root = super::dossier_root(&args.dir);
    let loaded = match site::load(&root) {
        Ok(loaded) => loaded,
        Err(e) => return Report::HUMAN.fail(&e),
    };
    let dossier = &loaded.dossier;
    if dossier.claims.contains_key(&id) {
        return usage(&format!(
            "claim `{id}` already exists ({}); add a passage to it with `gloss new appearance {id}`",
            dossier.claims[&id].origin.location()
        ));
    }
    let mut excerpts = Vec::new();
    for (slug, quote) in args.article.iter().zip(&args.quote) {
        let query = Query {
            quote,
            prefix: None,
            suffix: None,
        };
        match passage(dossier, slug, query) {
            Ok(article) => excerpts.push(excerpt(&article.slug, query)),
            Err(code) => return code,
        }
    }
    let stub = authoring::claim(&NewClaim {
        id: &id,
        title: args.title.as_deref(),
        claimant: None,
        verdict: None,
        excerpts: &excerpts,
    });
    let annotations = root.join(dossier.config.build.annotations_dir());
    let path = match &args.file {
        None => annotations.join(format!("{id}.toml")),
        Some(file) => match annotation_file(&annotations, file) {
            Ok(path) => path,
            Err(code) => return code,
        },
    };
    if args.file.is_none() && path.exists() {
        return usage(&format!("{} already exists", path.display()));
    }
    match authoring::append(&path, &stub, &Addition::Claim(id.clone())) {
        Ok(()) => {
            eprintln!(
                "Wrote claim `{id}` in {}. Fill in its title, verdict and source, then run `gloss check`.",
                path.display()
            );
            0
        }
        Err(e) => Report::HUMAN.fail(&e),
    }
}

/// Adds a passage to an existing claim, after checking it occurs exactly
/// once in its article (with `--prefix`/`--suffix`): an
/// `[[claim.appearance]]` written into the claim's own file, right after
/// the claim's table, since TOML gives a sub-table to the table above it.
pub fn appearance(args: &NewAppearanceArgs) -> u8 {
    let root = super::dossier_root(&args.dir);
    let loaded = match site::load(&root) {
        Ok(loaded) => loaded,
        Err(e) => return Report::HUMAN.fail(&e),
    };
    let dossier = &loaded.dossier;
    let Some(claim) = Id::parse(&args.claim)
        .ok()
        .and_then(|id| dossier.claims.get(&id))
    else {
        return usage(&no_such("claim", &args.claim, dossier.claims.keys()));
    };
    let query = Query {
        quote: &args.quote,
        prefix: args.prefix.as_deref(),
        suffix: args.suffix.as_deref(),
    };
    let article = match passage(dossier, &args.article, query) {
        Ok(article) => article,
        Err(code) => return code,
    };
    let table = authoring::appearance(&excerpt(&article.slug, query));
    match authoring::insert_after_claim(&root, &claim.origin, &claim.id, &table) {
        Ok(path) => {
            eprintln!(
                "Added a passage of `{}` to claim `{}` in {}. Run `gloss check`.",
                article.slug,
                claim.id,
                path.display()
            );
            0
        }
        Err(e) => Report::HUMAN.fail(&e),
    }
}

/// The article `slug` names, and the passage `query` found once in it; or
/// the exit code, having said why not.
fn passage<'d>(dossier: &'d Dossier, slug: &str, query: Query<'_>) -> Result<&'d Article, u8> {
    let Some(article) = Id::parse(slug).ok().and_then(|s| dossier.articles.get(&s)) else {
        return Err(usage(&no_such("article", slug, dossier.articles.keys())));
    };
    if let Err(miss) = &anchor_all(&article.text, &[query])[0] {
        let (message, help) = miss.describe(&article.slug);
        eprintln!("error: {message}");
        if let Some(help) = help {
            eprintln!("  = help: {help}");
        }
        eprintln!("nothing was written");
        return Err(1);
    }
    Ok(article)
}

/// `query`, found in the body of the article `slug`, as an appearance
/// quotes it.
fn excerpt<'q>(slug: &'q Id, query: Query<'q>) -> Excerpt<'q> {
    Excerpt {
        article: slug,
        part: Part::Body,
        quote: query.quote,
        prefix: query.prefix,
        suffix: query.suffix,
    }
}

/// `file` (as given on the command line), if it is a `.toml` file in the
/// dossier's annotations folder `annotations`, where `check` reads it.
fn annotation_file(annotations: &Path, file: &Path) -> Result<PathBuf, u8> {
    let in_folder = |f: &Path| {
        let parent = f.parent().filter(|p| !p.as_os_str().is_empty());
        let dir = std::path::absolute(parent.unwrap_or(Path::new("."))).ok();
        let folder = std::path::absolute(annotations).ok();
        dir.is_some() && dir == folder
    };
    let is_toml = file.extension().is_some_and(|x| x == "toml");
    if is_toml && in_folder(file) {
        Ok(file.to_owned())
    } else {
        Err(usage(&format!(
            "`{}` is not a .toml file in {}, where annotation files are read",
            file.display(),
            annotations.display()
        )))
    }
}

fn usage(message: &str) -> u8 {
    eprintln!("error: {message}; nothing was written");
    2
}

/// Creates `path` with `text`, refusing to overwrite anything, and tells
/// the editor what to do `next`.
fn write_new(path: &Path, text: &str, next: &str) -> u8 {
    match crate::files::write_new(path, text) {
        Ok(()) => {
            eprintln!("Wrote {}. {next}, then run `gloss check`.", path.display());
            0
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            usage(&format!("{} already exists", path.display()))
        }
        Err(e) => {
            eprintln!("error: could not write {}: {e}", path.display());
            2
        }
    }
}
