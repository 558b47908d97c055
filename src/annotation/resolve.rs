//! From parsed annotation files and articles to a checked [`Dossier`].

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;
use toml::Spanned;

use super::items::{Defined, FileItems, Items};
use super::known::{Known, define_all};
use super::passages::{self, FoundInFile};
use super::raw::{AnnotationFile, Parsed, RawAppearance, RawClaim, RawEntity, RawEvent, RawSource};
use super::relations::{self, push_anchor};
use super::reuse::{Cache, Resolution, Reusable, parse_files};
use crate::config::Config;
use crate::content::Content;
use crate::content::article::check_url;
use crate::date::{DateError, Moment, Precision, date_from_toml, moment_from_toml};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::dossier::{
    Anchor, AnchorKind, Appearance, Article, Claim, Correction, Dossier, Entity, Event, Source,
    Verdict,
};
use crate::figures::{Judgement, Notation, Override, listed_figure};
use crate::history::History;
use crate::id::{Id, IdMap};
use crate::source::{Lines, Origin, SourceFile};
use crate::vocabulary::ItemKind;

/// Parses and checks all annotations against the articles, reusing what
/// `cache` holds from the last resolve (and refreshing it) if there is
/// one. The dossier carries `history` as it is. Returns `None` when any
/// error was recorded in `diagnostics`.
pub fn resolve(
    config: Config,
    root: PathBuf,
    content: Content,
    history: Arc<History>,
    diagnostics: &mut Diagnostics,
    mut cache: Option<&mut Cache>,
) -> Option<Dossier> {
    let files = parse_files(&content.annotation_files, diagnostics, cache.as_deref_mut());
    let mut known = Known::default();
    let articles = define_articles(content.articles, &mut known, diagnostics);
    let defined = define_all(&files, &mut known, diagnostics);
    let (anchored, resolutions) = match cache {
        Some(cache) => (Some(&mut cache.anchored), Some(&mut cache.resolved)),
        None => (None, None),
    };
    let mut found_per_file =
        passages::anchor_quotes(&files, &known, &articles, diagnostics, anchored);
    let sics = sic_anchors(&files, &mut found_per_file);
    let keep = resolutions.is_some();
    let reusable = resolutions
        .as_deref()
        .and_then(|kept| kept.valid_for(&known));
    // Each file's parse is let go as soon as it is resolved (and freed,
    // unless serve's cache keeps it): together they are larger than what
    // they resolve to.
    let resolved: Vec<_> = files
        .into_par_iter()
        .zip(defined)
        .zip(found_per_file)
        .map(|(((file, data), ids), found)| {
            let to_resolve = ToResolve {
                file,
                data,
                ids,
                found,
            };
            to_resolve.resolve(&known, reusable, keep)
        })
        .collect();
    let mut parts = Parts::default();
    let mut fresh = Vec::new();
    for ((in_file, found_in_file), resolution) in resolved {
        parts.push(in_file);
        diagnostics.append(found_in_file);
        fresh.extend(resolution);
    }
    if let Some(resolutions) = resolutions {
        let paths = content.annotation_files.iter().map(|file| &file.path);
        resolutions.refresh(known, paths, fresh.into_iter());
    }
    let (claims, events, entities) = parts.keyed();
    let mut dossier = Dossier {
        config,
        root,
        intro: content.intro,
        articles,
        claims,
        events,
        entities,
        history,
        renamed: Default::default(),
    };
    for (article, anchor) in sics {
        push_anchor(&mut dossier, &article, anchor);
    }
    relations::check_aliases(&dossier, diagnostics);
    if diagnostics.has_errors() {
        return None;
    }
    relations::link_both_ways(&mut dossier);
    dossier.follow_renames();
    Some(dossier)
}

/// The items of every annotation file, kept file by file for
/// [`IdMap::keyed`] rather than moved into one vector of each kind first:
/// the claims alone are tens of megabytes.
#[derive(Default)]
struct Parts {
    claims: Vec<Vec<Claim>>,
    events: Vec<Vec<Event>>,
    entities: Vec<Vec<Entity>>,
}

impl Parts {
    fn push(&mut self, items: Items) {
        self.claims.push(items.claims);
        self.events.push(items.events);
        self.entities.push(items.entities);
    }

    /// The items of each kind keyed by id, the claims beside the others
    /// (each map is filled on one thread).
    fn keyed(self) -> (IdMap<Claim>, IdMap<Event>, IdMap<Entity>) {
        let Parts {
            claims,
            events,
            entities,
        } = self;
        let (claims, (events, entities)) = rayon::join(
            || IdMap::keyed(claims, |c| &c.id),
            || {
                rayon::join(
                    || IdMap::keyed(events, |e| &e.id),
                    || IdMap::keyed(entities, |e| &e.id),
                )
            },
        );
        (claims, events, entities)
    }
}

/// Keys articles by slug, refusing duplicate slugs.
fn define_articles(
    articles: Vec<Article>,
    known: &mut Known,
    diagnostics: &mut Diagnostics,
) -> IdMap<Article> {
    let defined = articles
        .into_iter()
        .filter(|a| known.define_article(&a.slug, &a.path, diagnostics))
        .collect();
    IdMap::keyed(vec![defined], |a| &a.slug)
}

/// The \[sic\] anchors of every file, in file order.
fn sic_anchors(files: &[Parsed<'_>], found: &mut [FoundInFile]) -> Vec<(Id, Anchor)> {
    let mut anchors = Vec::new();
    for ((_, data), found) in files.iter().zip(found) {
        for (index, raw) in data.sic.iter().enumerate() {
            if let Some(found) = found.sic(index) {
                let kind = AnchorKind::Sic {
                    note: raw.note.clone(),
                };
                let anchor = Anchor {
                    range: found.range,
                    part: found.part,
                    kind,
                };
                anchors.push((found.article, anchor));
            }
        }
    }
    anchors
}

/// One annotation file's resolution from what it follows from.
struct ToResolve<'f> {
    file: &'f SourceFile,
    data: Arc<AnnotationFile>,
    ids: Defined,
    found: FoundInFile,
}

impl ToResolve<'_> {
    /// The file's items and problems, taken from `reusable` when resolving
    /// would give them again; with `keep`, also a record of resolving
    /// them, for next time.
    fn resolve(
        self,
        known: &Known,
        reusable: Option<Reusable<'_>>,
        keep: bool,
    ) -> (FileItems, Option<Resolution>) {
        let ToResolve {
            file,
            data,
            ids,
            found,
        } = self;
        if let Some(kept) = reusable.and_then(|r| r.items(&file.path, &data, &ids, &found)) {
            return (kept, None);
        }
        let found_for_next_time = keep.then(|| found.clone());
        let mut problems = Diagnostics::default();
        let mut resolver = Resolver {
            known,
            diagnostics: &mut problems,
            found,
        };
        let mut items = Items::default();
        resolver.file(file, &data, &ids, &mut items);
        let resolved = (items, problems);
        let resolution =
            found_for_next_time.map(|found| Resolution::new(file, &data, ids, found, &resolved));
        (resolved, resolution)
    }
}

/// An annotation file being resolved, with its lines found once.
#[derive(Clone, Copy)]
struct InFile<'f> {
    file: &'f SourceFile,
    lines: &'f Lines,
}

/// Turns one file's raw annotations into resolved values, taking each
/// appearance's passage from what anchoring found in the file.
struct Resolver<'a, 'd> {
    known: &'a Known,
    diagnostics: &'d mut Diagnostics,
    found: FoundInFile,
}

impl Resolver<'_, '_> {
    /// Resolves one file's claims, events and entities into `items`.
    fn file(&mut self, file: &SourceFile, data: &AnnotationFile, ids: &Defined, items: &mut Items) {
        let lines = Lines::of(&file.text);
        let at = InFile {
            file,
            lines: &lines,
        };
        for (place, (raw, id)) in data.claim.iter().zip(&ids.claims).enumerate() {
            items.claims.extend(self.claim(at, place, raw, id.clone()));
        }
        for (raw, id) in data.event.iter().zip(&ids.events) {
            items
                .events
                .extend(id.clone().and_then(|id| self.event(at, raw, id)));
        }
        for (raw, id) in data.entity.iter().zip(&ids.entities) {
            if let Some(id) = id.clone() {
                let aliases = self.aliases(file, &raw.aliases);
                items.entities.push(entity(at, raw, id, aliases));
            }
        }
    }

    /// The claim's verdict. A word outside the vocabulary gets the whole
    /// vocabulary with each verdict's meaning, not a guess: the nearest
    /// spelling of `naccurate` may be `accurate`, the opposite of what the
    /// editor meant.
    fn verdict(&mut self, file: &SourceFile, raw: &Spanned<String>) -> Option<Verdict> {
        let verdict = Verdict::from_key(raw.get_ref());
        if verdict.is_none() {
            let vocabulary: Vec<String> = Verdict::ALL
                .iter()
                .map(|v| format!("`{}`: {}", v.key(), v.description()))
                .collect();
            let message = format!("`{}` is not a verdict", raw.get_ref());
            let help = format!(
                "choose the one that fits; gloss does not guess a verdict. {}",
                vocabulary.join(" ")
            );
            self.diagnostics.push(
                Diagnostic::error(&file.path, message)
                    .at(&file.text, raw.span())
                    .with_help(help),
            );
        }
        verdict
    }

    /// Validates former ids.
    fn aliases(&mut self, file: &SourceFile, raw: &[Spanned<String>]) -> Vec<Id> {
        keep_each(raw, |alias| match Id::parse(alias.get_ref()) {
            Ok(id) => Some(id),
            Err(e) => {
                let d = Diagnostic::error(&file.path, format!("invalid alias: {e}"));
                self.diagnostics.push(d.at(&file.text, alias.span()));
                None
            }
        })
    }

    fn refs(&mut self, kind: ItemKind, raw: &[Spanned<String>], file: &SourceFile) -> Vec<Id> {
        keep_each(raw, |r| {
            self.known.reference(kind, r, file, self.diagnostics)
        })
    }

    /// The claim `raw`, the `place`th of its file.
    fn claim(
        &mut self,
        at: InFile<'_>,
        place: usize,
        raw: &RawClaim,
        id: Option<Id>,
    ) -> Option<Claim> {
        let file = at.file;
        let appearances = self.appearances(file, place, &raw.appearance);
        let verdict = self.verdict(file, &raw.status);
        let (id, verdict) = (id?, verdict?);
        let claimant = raw.claimant.as_ref().and_then(|c| {
            self.known
                .reference(ItemKind::Entity, c, file, self.diagnostics)
        });
        let events = self.refs(ItemKind::Event, &raw.events, file);
        let related = self.refs(ItemKind::Claim, &raw.related, file);
        let sources = keep_each(&raw.source, |s| self.source(file, s));
        let reviewed = match &raw.reviewed {
            Some(date) => Some(self.moment(file, date)?),
            None => None,
        };
        let corrections = keep_each(&raw.correction, |c| {
            Some(Correction {
                date: self.moment(file, &c.date)?,
                note: c.note.clone(),
            })
        });
        Some(Claim {
            origin: origin(at, "claim", &raw.id),
            id,
            title: raw.title.clone(),
            claimant,
            verdict,
            events,
            related,
            note: raw.note.clone(),
            appearances: appearances.into(),
            sources: sources.into(),
            allow: raw.allow.clone(),
            aliases: self.aliases(file, &raw.aliases),
            reviewed,
            corrections,
        })
    }

    /// The appearances of the `claim`th claim of the file, those whose
    /// passage was found.
    fn appearances(
        &mut self,
        file: &SourceFile,
        claim: usize,
        raw: &[RawAppearance],
    ) -> Vec<Appearance> {
        let mut seen: BTreeMap<Id, usize> = BTreeMap::new();
        let mut out = Vec::with_capacity(raw.len());
        for (index, a) in raw.iter().enumerate() {
            let figures = self.figure_override(file, a);
            if let Some(found) = self.found.appearance(claim, index) {
                let occurrence = seen.entry(found.article.clone()).or_default();
                *occurrence += 1;
                out.push(Appearance {
                    article: found.article,
                    range: found.range,
                    sentence: found.sentence,
                    part: found.part,
                    occurrence: *occurrence,
                    note: a.note.clone(),
                    figures,
                });
            }
        }
        out
    }

    /// The editor's `figures` and `figure-judgement` of an appearance,
    /// each listed figure checked to read as one.
    fn figure_override(&mut self, file: &SourceFile, raw: &RawAppearance) -> Option<Box<Override>> {
        if raw.figures.is_none() && raw.figure_judgement.is_none() {
            return None;
        }
        for listed in raw.figures.iter().flatten() {
            if listed_figure(listed.get_ref(), Notation::DecimalPoint).is_none()
                && listed_figure(listed.get_ref(), Notation::DecimalComma).is_none()
            {
                let message = format!("`{}` has no number in it", listed.get_ref());
                let help = "list each figure as the quote writes it, e.g. \"more than 2 million\" or \"2015\"";
                self.diagnostics.push(
                    Diagnostic::error(&file.path, message)
                        .at(&file.text, listed.span())
                        .with_help(help),
                );
            }
        }
        let judgement = raw.figure_judgement.as_ref().and_then(|j| {
            let parsed = Judgement::parse(j.get_ref());
            if parsed.is_none() {
                let message = format!("`{}` is not a figure judgement", j.get_ref());
                let help = format!("use one of: {}", Judgement::NAMES.join(", "));
                self.diagnostics.push(
                    Diagnostic::error(&file.path, message)
                        .at(&file.text, j.span())
                        .with_help(help),
                );
            }
            parsed
        });
        Some(Box::new(Override {
            figures: raw
                .figures
                .as_ref()
                .map(|listed| listed.iter().map(|f| f.get_ref().clone()).collect()),
            judgement,
        }))
    }

    fn source(&mut self, file: &SourceFile, raw: &RawSource) -> Option<Source> {
        if let Some(url) = &raw.url
            && let Err(message) = check_url(url.get_ref())
        {
            self.diagnostics
                .push(Diagnostic::error(&file.path, message).at(&file.text, url.span()));
        }
        let date = match &raw.date {
            Some(d) => Some(self.date(file, d)?),
            None => None,
        };
        Some(Source {
            title: raw.title.clone(),
            publisher: raw.publisher.clone(),
            url: raw.url.as_ref().map(|u| u.get_ref().clone()),
            date,
            note: raw.note.clone(),
        })
    }

    fn date(
        &mut self,
        file: &SourceFile,
        raw: &Spanned<toml::Value>,
    ) -> Option<crate::date::PartialDate> {
        date_from_toml(raw.get_ref())
            .map_err(|e| {
                self.diagnostics
                    .push(Diagnostic::error(&file.path, e.to_string()).at(&file.text, raw.span()))
            })
            .ok()
    }

    /// A review or correction date: a day, with the time if known.
    fn moment(&mut self, file: &SourceFile, raw: &Spanned<toml::Value>) -> Option<Moment> {
        let moment = moment_from_toml(raw.get_ref()).and_then(|m| match m.date.precision() {
            Precision::Day => Ok(m),
            _ => Err(DateError::Imprecise(m.date.iso())),
        });
        moment
            .map_err(|e| {
                self.diagnostics
                    .push(Diagnostic::error(&file.path, e.to_string()).at(&file.text, raw.span()))
            })
            .ok()
    }

    fn event(&mut self, at: InFile<'_>, raw: &RawEvent, id: Id) -> Option<Event> {
        let file = at.file;
        let date = self.date(file, &raw.date);
        let end = raw.end.as_ref().map(|e| self.date(file, e));
        let claims = self.refs(ItemKind::Claim, &raw.claims, file);
        let articles = self.refs(ItemKind::Article, &raw.articles, file);
        let entities = self.refs(ItemKind::Entity, &raw.entities, file);
        let (date, end) = (date?, end.unwrap_or(None));
        if let (Some(end_date), Some(end_raw)) = (end, &raw.end)
            && end_date <= date
        {
            let message = format!("the span ends ({end_date}) before it starts ({date})");
            self.diagnostics
                .push(Diagnostic::error(&file.path, message).at(&file.text, end_raw.span()));
            return None;
        }
        Some(Event {
            origin: origin(at, "event", &raw.id),
            id,
            title: raw.title.clone(),
            date,
            end,
            note: raw.note.clone(),
            claims,
            articles,
            entities,
            allow: raw.allow.clone(),
            aliases: self.aliases(file, &raw.aliases),
        })
    }
}

/// The items of `raw` that `keep` makes something of, in a vector with room
/// for no more than all of them: the dossier holds hundreds of thousands
/// of these short lists, and `collect` would make room for at least four
/// items in each.
fn keep_each<'r, R, T>(raw: &'r [R], keep: impl FnMut(&'r R) -> Option<T>) -> Vec<T> {
    let mut kept = Vec::with_capacity(raw.len());
    kept.extend(raw.iter().filter_map(keep));
    kept
}

fn entity(at: InFile<'_>, raw: &RawEntity, id: Id, aliases: Vec<Id>) -> Entity {
    Entity {
        origin: origin(at, "entity", &raw.id),
        id,
        name: raw.name.clone(),
        kind: raw.kind,
        description: raw.description.clone(),
        claims: Vec::new(),
        events: Vec::new(),
        allow: raw.allow.clone(),
        aliases,
    }
}

/// Where the table whose id is `id` was written: the id's position, and the
/// whole table from its `[[kind]]` header to the line before the next
/// top-level table (trailing blank and comment lines left out).
fn origin(InFile { file, lines }: InFile<'_>, kind: &str, id: &Spanned<String>) -> Origin {
    let line = lines.line(id.span().start);
    let line_range = lines.range(line);
    let text_of = |n: usize| file.text[lines.range(n)].trim();
    let header = format!("[[{kind}]]");
    let first = (1..=line)
        .rev()
        .find(|&n| text_of(n) == header)
        .unwrap_or(line);
    let nested = format!("[[{kind}.");
    let next_table = (line + 1..=lines.count())
        .find(|&n| text_of(n).starts_with("[[") && !text_of(n).starts_with(&nested))
        .unwrap_or(lines.count() + 1);
    let last = (line..next_table)
        .rev()
        .find(|&n| !text_of(n).is_empty() && !text_of(n).starts_with('#'))
        .unwrap_or(line);
    let block = lines.range(first).start..lines.range(last).end;
    let column = file.text[line_range.start..id.span().start].chars().count() + 1;
    Origin::new(
        file.path.clone(),
        (line, column),
        file.text.clone(),
        line_range,
        (block, (first, last)),
    )
}
