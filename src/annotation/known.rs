//! The ids a dossier defines, and checking references against them.

use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use toml::Spanned;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::id::Id;
use crate::shared::same;
use crate::source::{Lines, SourceFile};
use crate::vocabulary::ItemKind;

use super::items::Defined;
use super::raw::{AnnotationFile, Parsed};
use super::suggest::Suggester;

/// Where an id was first defined.
#[derive(Debug, Clone)]
pub(crate) struct Definition {
    path: Arc<Path>,
    line: usize,
    /// Whether the table defining it has errors, so that it is defined
    /// for references only, to spare them an "unknown" error.
    broken: bool,
}

impl Definition {
    /// Whether a reference to this definition is checked as one to `other`
    /// is: the same file (compared by address first, as two loads of a
    /// dossier share an unchanged file's path), the same brokenness, and
    /// for a broken table, which the warning names by line, the same line.
    fn checks_references_as(&self, other: &Definition) -> bool {
        self.broken == other.broken
            && same(&self.path, &other.path)
            && (!self.broken || self.line == other.line)
    }
}

/// Every defined id, by namespace.
#[derive(Debug, Default)]
pub(crate) struct Known {
    articles: Namespace,
    claims: Namespace,
    events: Namespace,
    entities: Namespace,
}

/// The ids of one kind, each with where it was first defined, and "did
/// you mean" for them, built when first needed.
#[derive(Debug, Default)]
struct Namespace {
    ids: FxHashMap<Id, Definition>,
    suggester: Suggester,
}

impl Known {
    fn namespace(&self, kind: ItemKind) -> &Namespace {
        match kind {
            ItemKind::Article => &self.articles,
            ItemKind::Claim => &self.claims,
            ItemKind::Event => &self.events,
            ItemKind::Entity => &self.entities,
        }
    }

    /// The namespaces of the annotation files' items (claims, events,
    /// entities), which are independent of one another: their ids can be
    /// defined side by side.
    fn item_namespaces(&mut self) -> [&mut Namespace; 3] {
        [&mut self.claims, &mut self.events, &mut self.entities]
    }

    /// Whether `other` defines the same ids in the same files, so that
    /// every reference is checked against both alike. Where in a file an
    /// id is defined counts only for tables with errors: an edit that adds
    /// a line moves every definition after it.
    pub(crate) fn same_definitions(&self, other: &Known) -> bool {
        self.articles.checks_references_as(&other.articles)
            && self.claims.checks_references_as(&other.claims)
            && self.events.checks_references_as(&other.events)
            && self.entities.checks_references_as(&other.entities)
    }

    /// Records an article's slug; `false` (with a diagnostic) when another
    /// article already has it.
    pub(crate) fn define_article(
        &mut self,
        slug: &Id,
        path: &Path,
        diagnostics: &mut Diagnostics,
    ) -> bool {
        if let Some(first) = self.articles.ids.get(slug) {
            diagnostics.push(
                Diagnostic::error(path, format!("duplicate article slug `{slug}`")).with_help(
                    format!(
                        "`{}` already uses it; set a different `slug`",
                        first.path.display()
                    ),
                ),
            );
            return false;
        }
        self.articles.suggester.forget();
        self.articles.ids.insert(
            slug.clone(),
            Definition {
                path: Arc::from(path),
                line: 1,
                broken: false,
            },
        );
        true
    }

    /// Checks a reference to a `kind` written at `raw` in `file`, suggesting
    /// the nearest defined id when it is unknown. The id returned is the
    /// one defined, shared.
    pub(crate) fn reference(
        &self,
        kind: ItemKind,
        raw: &Spanned<String>,
        file: &SourceFile,
        diagnostics: &mut Diagnostics,
    ) -> Option<Id> {
        let namespace = self.namespace(kind);
        let value = raw.get_ref();
        if let Some((id, defined)) = namespace.ids.get_key_value(value.as_str()) {
            if defined.broken {
                let message = format!(
                    "{} `{value}` is defined in {} (line {}), which has errors; this reference is checked once they are fixed",
                    kind.name(),
                    defined.path.display(),
                    defined.line
                );
                diagnostics
                    .push(Diagnostic::warning(&file.path, message).at(&file.text, raw.span()));
            }
            return Some(id.clone());
        }
        let mut d = Diagnostic::error(&file.path, format!("unknown {} `{value}`", kind.name()))
            .at(&file.text, raw.span());
        if let Some(near) = namespace
            .suggester
            .nearest(value, || namespace.ids.keys().collect())
        {
            d = d.with_help(format!("did you mean `{near}`?"));
        }
        diagnostics.push(d);
        None
    }
}

impl Namespace {
    /// Whether `other` defines the same ids, each as
    /// [`Definition::checks_references_as`] says.
    fn checks_references_as(&self, other: &Namespace) -> bool {
        self.ids.len() == other.ids.len()
            && (self.ids.iter())
                .all(|(id, d)| (other.ids.get(id)).is_some_and(|e| d.checks_references_as(e)))
    }

    /// Makes room for `more` ids.
    fn reserve(&mut self, more: usize) {
        self.ids.reserve(more);
    }

    /// Validates and records a `kind` id defined at `raw` in `file`; `None`
    /// (with a diagnostic) when it is malformed or already defined.
    fn define(
        &mut self,
        kind: ItemKind,
        raw: &Spanned<String>,
        file: &SourceFile,
        lines: &Lines,
        diagnostics: &mut Diagnostics,
    ) -> Option<Id> {
        self.define_as(kind, raw, (file, lines), false, diagnostics)
    }

    /// [`Namespace::define`] for an id whose table has errors (or whose file
    /// does not parse): references to it resolve, each with a warning
    /// saying where it is defined and that its file has errors, rather
    /// than an "unknown" error on top of the real one.
    fn define_broken(
        &mut self,
        kind: ItemKind,
        raw: &Spanned<String>,
        file: &SourceFile,
        lines: &Lines,
        diagnostics: &mut Diagnostics,
    ) -> Option<Id> {
        self.define_as(kind, raw, (file, lines), true, diagnostics)
    }

    fn define_as(
        &mut self,
        kind: ItemKind,
        raw: &Spanned<String>,
        (file, lines): (&SourceFile, &Lines),
        broken: bool,
        diagnostics: &mut Diagnostics,
    ) -> Option<Id> {
        let id = match Id::parse(raw.get_ref()) {
            Ok(id) => id,
            Err(e) => {
                diagnostics.push(
                    Diagnostic::error(&file.path, format!("invalid {} id: {e}", kind.name()))
                        .at(&file.text, raw.span()),
                );
                return None;
            }
        };
        self.suggester.forget();
        if let Some(first) = self.ids.get(&id) {
            let here =
                Diagnostic::error(&file.path, format!("duplicate {} id `{id}`", kind.name()))
                    .at(&file.text, raw.span());
            diagnostics.push(here.with_help(format!(
                "first defined at {}:{}; ids are permalinks and must be unique",
                first.path.display(),
                first.line
            )));
            return None;
        }
        self.ids.insert(
            id.clone(),
            Definition {
                path: file.path.clone(),
                line: lines.line(raw.span().start),
                broken,
            },
        );
        Some(id)
    }
}

/// Defines the ids of every annotation file's items in `known`, as
/// `files` are in order: the first definition of an id stands.
pub(super) fn define_all(
    files: &[Parsed<'_>],
    known: &mut Known,
    diagnostics: &mut Diagnostics,
) -> Vec<Defined> {
    // Ids are defined in file order (the first definition stands), each
    // kind's on its own thread; the files' lines, which say where, are
    // found side by side first.
    let lines: Vec<Lines> = files
        .par_iter()
        .map(|(file, _)| Lines::of(&file.text))
        .collect();
    let define = |kind, namespace: &mut Namespace, ids: IdsOfKind| {
        let mut diagnostics = Diagnostics::default();
        namespace.reserve(files.iter().map(|(_, data)| ids(data).len()).sum());
        let defined: Vec<Vec<Option<Id>>> = files
            .iter()
            .zip(&lines)
            .map(|((file, data), lines)| {
                for (_, id) in data.broken.iter().filter(|(k, _)| *k == kind) {
                    namespace.define_broken(kind, id, file, lines, &mut diagnostics);
                }
                let ids = ids(data).into_iter();
                ids.map(|id| namespace.define(kind, id, file, lines, &mut diagnostics))
                    .collect()
            })
            .collect();
        (defined, diagnostics)
    };
    let claim_ids: IdsOfKind = |data| data.claim.iter().map(|c| &c.id).collect();
    let event_ids: IdsOfKind = |data| data.event.iter().map(|e| &e.id).collect();
    let entity_ids: IdsOfKind = |data| data.entity.iter().map(|e| &e.id).collect();
    let [claims, events, entities] = known.item_namespaces();
    let ((claims, found), ((events, found_too), (entities, found_also))) = rayon::join(
        || define(ItemKind::Claim, claims, claim_ids),
        || {
            rayon::join(
                || define(ItemKind::Event, events, event_ids),
                || define(ItemKind::Entity, entities, entity_ids),
            )
        },
    );
    for found in [found, found_too, found_also] {
        diagnostics.append(found);
    }
    (claims.into_iter().zip(events).zip(entities))
        .map(|((claims, events), entities)| Defined {
            claims,
            events,
            entities,
        })
        .collect()
}

/// The ids an annotation file defines of one kind, as written.
type IdsOfKind = for<'d> fn(&'d AnnotationFile) -> Vec<&'d Spanned<String>>;

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::new("a.toml".into(), text.into())
    }

    #[test]
    fn unknown_references_suggest_the_nearest_id() {
        let f = file("x = \"qin-gnag\"\n");
        let mut known = Known::default();
        let mut d = Diagnostics::default();
        let def: toml::Table = toml::from_str("a = \"qin-gang\"").unwrap();
        let spanned = Spanned::new(0..1, def["a"].as_str().unwrap().to_owned());
        let [_, _, entities] = known.item_namespaces();
        entities.define(ItemKind::Entity, &spanned, &f, &Lines::of(&f.text), &mut d);
        let bad = Spanned::new(4..14, "qin-gnag".to_owned());
        assert_eq!(known.reference(ItemKind::Entity, &bad, &f, &mut d), None);
        let all = d.into_sorted();
        assert_eq!(all[0].message, "unknown entity `qin-gnag`");
        assert_eq!(all[0].help.as_deref(), Some("did you mean `qin-gang`?"));
        assert_eq!(all[0].column, 5);
    }
}
