//! `gloss new article`, `gloss new claim` and `gloss new appearance`:
//! commented stubs and passages, every quote checked against its article
//! first, written where nothing exists yet or added to an annotation file
//! in one step, so that they pass `gloss check` as written.

use std::path::{Path, PathBuf};

use super::Report;
use crate::annotation::anchor::{Query, anchor_all};
use crate::annotation::nearest_id;
use crate::cli::{NewAppearanceArgs, NewArticleArgs, NewClaimArgs};
use crate::config::Config;
use crate::date::PartialDate;
use crate::diagnostics::Diagnostic;
use crate::dossier::{Article, Dossier};
use crate::error::Error;
use crate::escape::toml_string;
use crate::files;
use crate::id::Id;
use crate::lint::placeholders;
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
         title = {headline}\n\
         # When it was published: 2014-05-20, 2014-05-20T07:09:00Z, or \"2014-05\" /\n\
         # \"2014\" when the copy does not give the day.\n\
         {published}\n\
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
        headline = toml_string(&placeholders::headline(&slug)),
        published = placeholders::published_line(),
        today = PartialDate::today(),
    );
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
    let mut appearances = String::new();
    for (slug, quote) in args.article.iter().zip(&args.quote) {
        let query = Query {
            quote,
            prefix: None,
            suffix: None,
        };
        match passage(dossier, slug, query) {
            Ok(article) => appearances.push_str(&appearance_table(&article.slug, query)),
            Err(code) => return code,
        }
    }
    let title = args
        .title
        .clone()
        .unwrap_or_else(|| placeholders::claim_title(&id));
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
         {appearances}\
         \n  # Where the claim can be checked; keep it even if the URL is unknown.\n\
         \n  [[claim.source]]\n  title = {source}\n  # url = \"https://\"\n",
        title = toml_string(&title),
        source = toml_string(placeholders::SOURCE_TITLE),
    );
    let next = "Fill in its title, verdict and source";
    let annotations = root.join(dossier.config.build.annotations_dir());
    match &args.file {
        None => write_new(&annotations.join(format!("{id}.toml")), &stub, next),
        Some(file) => match annotation_file(&annotations, file) {
            Ok(path) => append(&path, &stub, next),
            Err(code) => code,
        },
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
        let near = nearest_id(&args.claim, dossier.claims.keys());
        return unknown("claim", &args.claim, near.as_ref());
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
    let origin = &claim.origin;
    let path = root.join(&origin.path);
    let read = origin.file_text();
    let at = origin.block_end();
    let table = appearance_table(&article.slug, query);
    let text = format!("{}\n{}{}", &read[..at], table.trim_end(), &read[at..]);
    let claim_id = claim.id.clone();
    let before = claim.appearances.len();
    if let Err(code) = replace_if_unchanged(&path, read, &text) {
        return code;
    }
    // What was written must read back as one more passage of this claim.
    let added = site::load(&root)
        .ok()
        .and_then(|l| l.dossier.claims.get(&claim_id).map(|c| c.appearances.len()))
        == Some(before + 1);
    if !added {
        let _ = files::replace(&path, |out| out.write_all(read.as_bytes()), || Ok(()));
        eprintln!(
            "error: the passage did not read back as claim `{claim_id}`'s; {} is as it was",
            path.display()
        );
        return 1;
    }
    eprintln!(
        "Added a passage of `{}` to claim `{claim_id}` in {}. Run `gloss check`.",
        article.slug,
        path.display()
    );
    0
}

/// The article `slug` names, and the passage `query` found once in it; or
/// the exit code, having said why not.
fn passage<'d>(dossier: &'d Dossier, slug: &str, query: Query<'_>) -> Result<&'d Article, u8> {
    let Some(article) = Id::parse(slug).ok().and_then(|s| dossier.articles.get(&s)) else {
        let near = nearest_id(slug, dossier.articles.keys());
        return Err(unknown("article", slug, near.as_ref()));
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

/// An `[[claim.appearance]]` table for `query` in the article `slug`.
fn appearance_table(slug: &Id, query: Query<'_>) -> String {
    let mut table = format!(
        "\n  [[claim.appearance]]\n  article = \"{slug}\"\n  quote = {}\n",
        toml_string(query.quote)
    );
    if let Some(prefix) = query.prefix {
        table.push_str(&format!("  prefix = {}\n", toml_string(prefix)));
    }
    if let Some(suffix) = query.suffix {
        table.push_str(&format!("  suffix = {}\n", toml_string(suffix)));
    }
    table
}

/// Says that no `kind` is named `value`, with the nearest one if any;
/// returns the exit code.
fn unknown(kind: &str, value: &str, near: Option<&Id>) -> u8 {
    match near {
        Some(near) => usage(&format!(
            "there is no {kind} `{value}` (did you mean `{near}`?)"
        )),
        None => usage(&format!("there is no {kind} `{value}`")),
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

/// Adds `text` to the end of the annotation file at `path` (created if
/// missing), replacing the file in one step.
fn append(path: &Path, text: &str, next: &str) -> u8 {
    let read = match std::fs::read_to_string(path) {
        Ok(read) => read,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return write_new(path, text, next),
        Err(e) => {
            eprintln!("error: could not read {}: {e}", path.display());
            return 2;
        }
    };
    let separator = if read.ends_with('\n') { "\n" } else { "\n\n" };
    let whole = format!("{read}{separator}{text}");
    match replace_if_unchanged(path, &read, &whole) {
        Ok(()) => {
            eprintln!(
                "Added to {}. {next}, then run `gloss check`.",
                path.display()
            );
            0
        }
        Err(code) => code,
    }
}

/// Replaces the file at `path`, whose text was `read`, with `text`, unless
/// it changed in the meantime (an editor's unsaved work is never lost);
/// the exit code when not.
fn replace_if_unchanged(path: &Path, read: &str, text: &str) -> Result<(), u8> {
    let unchanged = || match std::fs::read_to_string(path) {
        Ok(now) if now == read => Ok(()),
        _ => Err(Error::Content(vec![Diagnostic::error(
            path,
            "changed while gloss was writing to it; nothing was written, try again",
        )])),
    };
    files::replace(path, |out| out.write_all(text.as_bytes()), unchanged)
        .map_err(|e| Report::HUMAN.fail(&e))
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
