//! `gloss new article` and `gloss new claim`: commented stubs, written only
//! where nothing exists yet, that pass `gloss check` as written.

use std::path::Path;

use super::Report;
use crate::annotation::anchor::{Query, anchor_all};
use crate::cli::{NewArticleArgs, NewClaimArgs};
use crate::config::Config;
use crate::date::PartialDate;
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
    let stub = format!(
        "+++\n\
         # The report's headline, exactly as published. If it has none, describe it\n\
         # in [square brackets] and say so in `note`.\n\
         title = \"[Headline of {slug}]\"\n\
         # When it was published: 2014-05-20, 2014-05-20T07:09:00Z, or \"2014-05\" /\n\
         # \"2014\" when the copy does not give the day. Replace today's date.\n\
         published = {today}\n\
         # Leave out what the copy does not say: pages show it as \"not recorded\".\n\
         # outlet = \"\"\n\
         # byline = \"\"\n\
         # url = \"https://\"\n\
         # retrieved = {today}\n\
         # The editor's remarks on this copy: provenance, what page chrome was dropped.\n\
         # note = \"\"\"\"\"\"\n\
         +++\n\
         Paste the report's text here, exactly as published: keep its typos and mark\n\
         them with [[sic]] annotations instead of correcting them.\n",
        today = PartialDate::today()
    );
    write_new(
        &path,
        &stub,
        "Paste the report's text below its front matter",
    )
}

/// Writes `content/annotations/<id>.toml` after checking the id is free and
/// the quote occurs exactly once in the article.
pub fn claim(args: &NewClaimArgs) -> u8 {
    let id = match Id::parse(&args.id) {
        Ok(id) => id,
        Err(e) => return usage(&format!("`{}` cannot be a claim id: {e}", args.id)),
    };
    let root = super::dossier_root(&args.dir);
    let loaded = match site::load(&root) {
        Ok(loaded) => loaded,
        Err(e) => return Report::HUMAN.fail(&e),
    };
    let dossier = &loaded.dossier;
    if dossier.claims.contains_key(&id) {
        return usage(&format!(
            "claim `{id}` already exists ({})",
            dossier.claims[&id].origin.location()
        ));
    }
    let Some(article) = Id::parse(&args.article)
        .ok()
        .and_then(|slug| dossier.articles.get(&slug))
    else {
        return usage(&format!("there is no article `{}`", args.article));
    };
    let query = Query {
        quote: &args.quote,
        prefix: None,
        suffix: None,
    };
    if let Err(miss) = &anchor_all(&article.text, &[query])[0] {
        let (message, help) = miss.describe(&article.slug);
        eprintln!("error: {message}");
        if let Some(help) = help {
            eprintln!("  = help: {help}");
        }
        eprintln!("nothing was written");
        return 1;
    }
    let title = args
        .title
        .clone()
        .unwrap_or_else(|| format!("[State claim {id} in one line]"));
    let stub = format!(
        "[[claim]]\n\
         id = \"{id}\"\n\
         title = {title}\n\
         # The verdict: accurate, corroborated, misleading, inaccurate, disputed,\n\
         # unverified or opinion (see docs/format.md).\n\
         status = \"unverified\"\n\
         # claimant = \"entity-id\"\n\
         # events = [\"event-id\"]\n\
         # related = [\"claim-id\"]\n\
         # note = \"\"\"Context, and where the reports disagree (Markdown).\"\"\"\n\
         \n  [[claim.appearance]]\n  article = \"{article}\"\n  quote = {quote}\n\
         \n  # Where the claim can be checked; keep it even if the URL is unknown.\n\
         \n  [[claim.source]]\n  title = \"[Name the primary source]\"\n  # url = \"https://\"\n",
        title = toml_string(&title),
        article = article.slug,
        quote = toml_string(&args.quote),
    );
    let path = root
        .join(dossier.config.build.annotations_dir())
        .join(format!("{id}.toml"));
    write_new(&path, &stub, "Fill in its title, verdict and source")
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

fn usage(message: &str) -> u8 {
    eprintln!("error: {message}; nothing was written");
    2
}

/// Creates `path` with `text`, refusing to overwrite anything, and tells
/// the editor what to do `next`.
fn write_new(path: &Path, text: &str, next: &str) -> u8 {
    match super::write_new(path, text) {
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
