//! The ids a dossier defines, and checking references against them.

use std::path::Path;
use std::sync::Arc;

use rustc_hash::FxHashMap;
use toml::Spanned;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::id::Id;
use crate::source::{Lines, SourceFile};
use crate::vocabulary::ItemKind;

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
            && (Arc::ptr_eq(&self.path, &other.path) || self.path == other.path)
            && (!self.broken || self.line == other.line)
    }
}

/// Every defined id, by namespace.
#[derive(Debug, Default)]
pub(crate) struct Known {
    articles: FxHashMap<Id, Definition>,
    claims: FxHashMap<Id, Definition>,
    events: FxHashMap<Id, Definition>,
    entities: FxHashMap<Id, Definition>,
    /// "Did you mean" for each namespace, built when first needed.
    suggesters: [Suggester; 4],
}

impl Known {
    fn map(&self, kind: ItemKind) -> &FxHashMap<Id, Definition> {
        match kind {
            ItemKind::Article => &self.articles,
            ItemKind::Claim => &self.claims,
            ItemKind::Event => &self.events,
            ItemKind::Entity => &self.entities,
        }
    }

    /// Whether `other` defines the same ids in the same files, so that
    /// every reference is checked against both alike. Where in a file an
    /// id is defined counts only for tables with errors: an edit that adds
    /// a line moves every definition after it.
    pub(crate) fn same_definitions(&self, other: &Known) -> bool {
        let same = |a: &FxHashMap<Id, Definition>, b: &FxHashMap<Id, Definition>| {
            a.len() == b.len()
                && a.iter()
                    .all(|(id, d)| b.get(id).is_some_and(|e| d.checks_references_as(e)))
        };
        same(&self.articles, &other.articles)
            && same(&self.claims, &other.claims)
            && same(&self.events, &other.events)
            && same(&self.entities, &other.entities)
    }

    /// Records an article's slug; `false` (with a diagnostic) when another
    /// article already has it.
    pub(crate) fn define_article(
        &mut self,
        slug: &Id,
        path: &Path,
        diagnostics: &mut Diagnostics,
    ) -> bool {
        if let Some(first) = self.articles.get(slug) {
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
        self.suggesters[ItemKind::Article as usize].forget();
        self.articles.insert(
            slug.clone(),
            Definition {
                path: Arc::from(path),
                line: 1,
                broken: false,
            },
        );
        true
    }

    /// Validates and records an id defined at `raw` in `file`; `None` (with a
    /// diagnostic) when it is malformed or already defined.
    pub(crate) fn define(
        &mut self,
        kind: ItemKind,
        raw: &Spanned<String>,
        file: &SourceFile,
        lines: &Lines,
        diagnostics: &mut Diagnostics,
    ) -> Option<Id> {
        self.define_as(kind, raw, (file, lines), false, diagnostics)
    }

    /// [`Known::define`] for an id whose table has errors (or whose file
    /// does not parse): references to it resolve, each with a warning
    /// saying where it is defined and that its file has errors, rather
    /// than an "unknown" error on top of the real one.
    pub(crate) fn define_broken(
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
        self.suggesters[kind as usize].forget();
        let map = match kind {
            ItemKind::Article => &mut self.articles,
            ItemKind::Claim => &mut self.claims,
            ItemKind::Event => &mut self.events,
            ItemKind::Entity => &mut self.entities,
        };
        if let Some(first) = map.get(&id) {
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
        map.insert(
            id.clone(),
            Definition {
                path: file.path.clone(),
                line: lines.line(raw.span().start),
                broken,
            },
        );
        Some(id)
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
        let value = raw.get_ref();
        if let Some((id, defined)) = self.map(kind).get_key_value(value.as_str()) {
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
        let suggester = &self.suggesters[kind as usize];
        if let Some(near) = suggester.nearest(value, || self.map(kind).keys().collect()) {
            d = d.with_help(format!("did you mean `{near}`?"));
        }
        diagnostics.push(d);
        None
    }
}

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
        known.define(ItemKind::Entity, &spanned, &f, &Lines::of(&f.text), &mut d);
        let bad = Spanned::new(4..14, "qin-gnag".to_owned());
        assert_eq!(known.reference(ItemKind::Entity, &bad, &f, &mut d), None);
        let all = d.into_sorted();
        assert_eq!(all[0].message, "unknown entity `qin-gnag`");
        assert_eq!(all[0].help.as_deref(), Some("did you mean `qin-gang`?"));
        assert_eq!(all[0].column, 5);
    }
}
