//! What the preview's annotation panel asks for, worked out against the
//! last good dossier: the selected passage located in its report, the
//! TOML that annotates it, the file it goes in, and the write.
//!
//! The panel sends what the editor selected and chose; it never sends
//! TOML, paths outside the annotations folder or a quote it typed. Every
//! request is drafted afresh, so a save writes exactly the draft the editor
//! last saw, checked against the dossier as it is then.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{Addition, Excerpt, NewClaim};
use crate::annotation::anchor::{Located, Selection, locate};
use crate::annotation::no_such;
use crate::dossier::{AnchorKind, Article, Dossier, Part, Verdict};
use crate::error::Error;
use crate::files;
use crate::id::{Id, slugify};

/// A selection and what the editor wants made of it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// The report's slug.
    pub article: String,
    /// Whether the selection is in the headline rather than the body.
    #[serde(default)]
    pub headline: bool,
    /// The selected words, as the page shows them.
    pub quote: String,
    /// The page's text just before the selection.
    #[serde(default)]
    pub before: String,
    /// The page's text just after it.
    #[serde(default)]
    pub after: String,
    /// What to add.
    pub action: Action,
    /// The annotation file, relative to the annotations folder (new
    /// claims and `[sic]`s; an appearance goes in its claim's file).
    #[serde(default)]
    pub file: String,
}

/// What the editor wants added for the selection.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Action {
    /// A new claim quoting it.
    Claim {
        /// The new claim's id (the suggested one, if empty).
        #[serde(default)]
        id: String,
        /// Its title, if given.
        #[serde(default)]
        title: String,
        /// Its claimant's entity id, if chosen.
        #[serde(default)]
        claimant: String,
        /// Its verdict's keyword, if chosen.
        #[serde(default)]
        verdict: String,
    },
    /// One more passage of an existing claim.
    Appearance {
        /// The claim's id.
        #[serde(default)]
        claim: String,
    },
    /// A `[sic]` on a slip in the copy.
    Sic {
        /// What the report should read, or why the slip matters.
        #[serde(default)]
        note: String,
    },
}

/// The panel's view of a request: where the selection is, and either the
/// TOML that would be written or what stands in the way.
#[derive(Debug, Clone, Serialize)]
pub struct Draft {
    /// The quote, widened to whole words, as the report writes it.
    pub quote: String,
    /// The context that picks this occurrence, if it repeats.
    pub prefix: Option<String>,
    /// The context that picks this occurrence, if it repeats.
    pub suffix: Option<String>,
    /// A free claim id made from the quote's first words.
    pub suggested_id: String,
    /// The TOML to add, when the request is complete.
    pub toml: Option<String>,
    /// Where it would go, for the editor: the file relative to the
    /// dossier, and whether at its end or after a claim.
    pub placement: Option<String>,
    /// What the editor still has to give or change, if anything.
    pub problem: Option<String>,
    #[serde(skip)]
    write: Option<Write>,
}

/// Where and how a draft's TOML is written.
#[derive(Debug, Clone)]
enum Write {
    Append { path: PathBuf, addition: Addition },
    AfterClaim { claim: Id },
}

/// Why the selection itself cannot be annotated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unusable(pub String);

/// Locates the selection of `request` in its report and drafts what it
/// asks for.
pub fn draft(dossier: &Dossier, request: &Request) -> Result<Draft, Unusable> {
    let article = find_article(dossier, &request.article)?;
    let part = if request.headline {
        Part::Title
    } else {
        Part::Body
    };
    let selection = Selection {
        quote: &request.quote,
        before: &request.before,
        after: &request.after,
    };
    let located =
        locate(article.text_of(part), selection).map_err(|why| Unusable(why.to_string()))?;
    let suggested_id = suggest_id(dossier, &located.quote);
    let excerpt = Excerpt {
        article: &article.slug,
        part,
        quote: &located.quote,
        prefix: located.prefix.as_deref(),
        suffix: located.suffix.as_deref(),
    };
    let mut draft = Draft {
        quote: located.quote.clone(),
        prefix: located.prefix.clone(),
        suffix: located.suffix.clone(),
        suggested_id,
        toml: None,
        placement: None,
        problem: None,
        write: None,
    };
    match compose(dossier, request, &excerpt, &located, &draft.suggested_id) {
        Ok((toml, placement, write)) => {
            draft.toml = Some(toml);
            draft.placement = Some(placement);
            draft.write = Some(write);
        }
        Err(problem) => draft.problem = Some(problem),
    }
    Ok(draft)
}

/// Writes a complete draft into its annotation file; the file relative to
/// the dossier, or what went wrong.
pub fn save(dossier: &Dossier, request: &Request) -> Result<String, String> {
    let draft = draft(dossier, request).map_err(|Unusable(why)| why)?;
    let (Some(toml), Some(write)) = (&draft.toml, &draft.write) else {
        return Err(draft
            .problem
            .unwrap_or_else(|| "the annotation is not complete".to_owned()));
    };
    let written = match write {
        Write::Append { path, addition } => {
            super::append(path, toml, addition).map(|()| path.clone())
        }
        Write::AfterClaim { claim } => {
            let origin = &dossier.claims[claim].origin;
            super::insert_after_claim(&dossier.root, origin, claim, toml)
        }
    };
    match written {
        Ok(path) => Ok(shown(dossier, &path)),
        Err(error) => Err(describe(&error)),
    }
}

/// The TOML for the request's action on `excerpt`, where it goes (for the
/// editor) and how to write it; or what is missing.
fn compose(
    dossier: &Dossier,
    request: &Request,
    excerpt: &Excerpt<'_>,
    located: &Located,
    suggested_id: &str,
) -> Result<(String, String, Write), String> {
    match &request.action {
        Action::Claim {
            id,
            title,
            claimant,
            verdict,
        } => {
            let id = match id.trim() {
                "" => new_claim_id(dossier, suggested_id)?,
                id => new_claim_id(dossier, id)?,
            };
            let claimant = match claimant.trim() {
                "" => None,
                name => Some(known(dossier.entities.keys(), "entity", name)?),
            };
            let verdict = match verdict.trim() {
                "" => None,
                key => Some(Verdict::from_key(key).ok_or_else(|| {
                    format!("`{key}` is not a verdict; choose one from the list")
                })?),
            };
            let toml = super::claim(&NewClaim {
                id: &id,
                title: Some(title.trim()).filter(|t| !t.is_empty()),
                claimant: claimant.as_ref(),
                verdict,
                excerpts: std::slice::from_ref(excerpt),
            });
            let path = annotation_file(dossier, &request.file)?;
            let placement = format!("added to the end of {}", shown(dossier, &path));
            let addition = Addition::Claim(id);
            Ok((toml, placement, Write::Append { path, addition }))
        }
        Action::Appearance { claim } => {
            let claim = known(dossier.claims.keys(), "claim", claim.trim())?;
            if quotes_already(dossier, &claim, excerpt, located) {
                return Err(format!("claim `{claim}` already marks this passage"));
            }
            let origin = &dossier.claims[&claim].origin;
            let placement = format!(
                "added after claim `{claim}`'s table in {}",
                origin.path.display()
            );
            let toml = super::appearance(excerpt);
            Ok((toml, placement, Write::AfterClaim { claim }))
        }
        Action::Sic { note } => {
            let note = note.trim();
            if note.is_empty() {
                return Err("say in the note what the report should read".to_owned());
            }
            let path = annotation_file(dossier, &request.file)?;
            let placement = format!("added to the end of {}", shown(dossier, &path));
            let write = Write::Append {
                path,
                addition: Addition::Sic,
            };
            Ok((super::sic(excerpt, note), placement, write))
        }
    }
}

fn find_article<'d>(dossier: &'d Dossier, slug: &str) -> Result<&'d Article, Unusable> {
    Id::parse(slug)
        .ok()
        .and_then(|slug| dossier.articles.get(&slug))
        .ok_or_else(|| Unusable(format!("there is no article `{slug}` in the dossier")))
}

/// `id` if it can name a new claim.
fn new_claim_id(dossier: &Dossier, id: &str) -> Result<Id, String> {
    let id = Id::parse(id).map_err(|e| format!("`{id}` cannot be a claim id: {e}"))?;
    match dossier.claims.get(&id) {
        Some(claim) => Err(format!(
            "claim `{id}` already exists ({}); add the passage to it instead",
            claim.origin.location()
        )),
        None => Ok(id),
    }
}

/// The id among `ids` that `name` names, or a "did you mean".
fn known<'i>(
    ids: impl Iterator<Item = &'i Id> + Clone,
    kind: &str,
    name: &str,
) -> Result<Id, String> {
    if name.is_empty() {
        return Err(format!("choose the {kind}"));
    }
    if let Some(id) = ids.clone().find(|id| id.as_str() == name) {
        return Ok(id.clone());
    }
    Err(no_such(kind, name, ids))
}

/// Whether `claim` already has an appearance at the located passage.
fn quotes_already(dossier: &Dossier, claim: &Id, excerpt: &Excerpt<'_>, at: &Located) -> bool {
    dossier.claims[claim]
        .appearances
        .iter()
        .any(|a| &a.article == excerpt.article && a.part == excerpt.part && a.range == at.range)
}

/// A free claim id made of the quote's first few words.
fn suggest_id(dossier: &Dossier, quote: &str) -> String {
    const WORDS: usize = 6;
    const MAX_LEN: usize = 48;
    let words: Vec<&str> = quote.split_whitespace().take(WORDS).collect();
    let mut base = slugify(&words.join(" "));
    if base.len() > MAX_LEN {
        let cut = base[..MAX_LEN].rfind('-').unwrap_or(MAX_LEN);
        base.truncate(cut);
    }
    let base = Id::parse(&base).map_or_else(|_| "claim".to_owned(), |id| id.to_string());
    let free =
        |candidate: &str| Id::parse(candidate).is_ok_and(|id| !dossier.claims.contains_key(&id));
    (1..)
        .map(|n| match n {
            1 => base.clone(),
            n => format!("{base}-{n}"),
        })
        .find(|candidate| free(candidate))
        .expect("some numbered id is free")
}

/// The annotation file `name` (relative to the annotations folder) names,
/// if it is a `.toml` file that stays inside the dossier.
fn annotation_file(dossier: &Dossier, name: &str) -> Result<PathBuf, String> {
    let name = name.trim();
    let relative = Path::new(name);
    let plain = relative.components().all(|c| match c {
        Component::Normal(part) => !part.to_string_lossy().starts_with('.'),
        _ => false,
    });
    if name.is_empty() || !plain || relative.extension().is_none_or(|x| x != "toml") {
        return Err(format!(
            "choose an annotation file: a name ending in .toml inside {}",
            dossier.config.build.annotations_dir().display()
        ));
    }
    let folder = dossier.root.join(dossier.config.build.annotations_dir());
    let path = folder.join(relative);
    let existing = path
        .ancestors()
        .find(|p| p.exists())
        .unwrap_or(&dossier.root);
    if !files::inside(&dossier.root, existing) || (path.exists() && !path.is_file()) {
        return Err(format!("{name} is not a file gloss may write to"));
    }
    Ok(path)
}

/// `path` relative to the dossier, for messages.
fn shown(dossier: &Dossier, path: &Path) -> String {
    path.strip_prefix(&dossier.root)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// An error as one line per problem, for the panel.
fn describe(error: &Error) -> String {
    match error {
        Error::Content(diagnostics) => diagnostics
            .iter()
            .map(|d| format!("{}: {}", d.path.display(), d.message))
            .collect::<Vec<_>>()
            .join("\n"),
        other => other.to_string(),
    }
}

/// What the panel offers to choose from for the report `slug`.
#[derive(Debug, Clone, Serialize)]
pub struct Choices {
    /// Every entity, as `(id, name)`, by name.
    pub entities: Vec<(String, String)>,
    /// Every verdict: keyword, label and meaning.
    pub verdicts: Vec<(&'static str, &'static str, &'static str)>,
    /// Every annotation file, relative to the annotations folder.
    pub files: Vec<String>,
    /// The file most of this report's claims are written in, or one named
    /// after the report.
    pub file: String,
}

/// The entities, verdicts and files the panel offers for the report `slug`.
pub fn choices(dossier: &Dossier, slug: &str) -> Result<Choices, Unusable> {
    let article = find_article(dossier, slug)?;
    let mut entities: Vec<(String, String)> = dossier
        .entities
        .values()
        .map(|e| (e.id.to_string(), e.name.clone()))
        .collect();
    entities.sort_by_key(|e| e.1.to_lowercase());
    let folder = dossier.root.join(dossier.config.build.annotations_dir());
    let files: Vec<String> = files::files_in(&dossier.root, &folder)
        .unwrap_or_default()
        .into_iter()
        .map(|(name, _)| name)
        .filter(|name| name.ends_with(".toml"))
        .collect();
    Ok(Choices {
        entities,
        verdicts: Verdict::ALL
            .iter()
            .map(|v| (v.key(), v.label(), v.description()))
            .collect(),
        file: usual_file(dossier, article, &folder),
        files,
    })
}

/// The annotation file that holds most of the claims quoting `article`,
/// or `<slug>.toml`.
fn usual_file(dossier: &Dossier, article: &Article, folder: &Path) -> String {
    let mut counts: BTreeMap<&Path, usize> = BTreeMap::new();
    for anchor in &article.anchors {
        if let AnchorKind::Claim { claim, .. } = &anchor.kind {
            *counts
                .entry(&dossier.claims[claim].origin.path)
                .or_default() += 1;
        }
    }
    let relative_folder = folder.strip_prefix(&dossier.root).unwrap_or(folder);
    counts
        .into_iter()
        .max_by_key(|&(path, n)| (n, std::cmp::Reverse(path)))
        .and_then(|(path, _)| path.strip_prefix(relative_folder).ok())
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .unwrap_or_else(|| format!("{}.toml", article.slug))
}

/// How many claims a search lists.
const LISTED: usize = 20;

/// Claims for the panel's "existing claim" list: those whose id or title
/// contains `search` (all when it is empty), the ones sharing most words
/// with `quote` (what the editor selected) first.
pub fn claims_like(dossier: &Dossier, search: &str, quote: &str) -> Vec<(String, String)> {
    let search = search.trim().to_lowercase();
    let wanted = words(quote);
    let mut scored: Vec<(usize, &Id, &str)> = dossier
        .claims
        .values()
        .filter(|c| {
            search.is_empty()
                || c.id.as_str().contains(&search)
                || c.title.to_lowercase().contains(&search)
        })
        .map(|c| {
            let quoted = c.appearances.iter().filter_map(|a| {
                let article = dossier.articles.get(&a.article)?;
                article.text_of(a.part).get(a.range.clone())
            });
            let theirs: BTreeSet<String> =
                quoted.chain([c.title.as_str()]).flat_map(words).collect();
            (
                wanted.intersection(&theirs).count(),
                &c.id,
                c.title.as_str(),
            )
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored
        .into_iter()
        .take(LISTED)
        .map(|(_, id, title)| (id.to_string(), title.to_owned()))
        .collect()
}

/// The lower-cased words and numbers of `text` worth comparing: three
/// characters or more, or any ideograph.
fn words(text: &str) -> BTreeSet<String> {
    use unicode_segmentation::UnicodeSegmentation;
    text.unicode_words()
        .filter(|w| w.chars().count() >= 3 || !w.is_ascii())
        .map(str::to_lowercase)
        .collect()
}
