//! Annotation files as written: the serde shapes of `[[claim]]`, `[[event]]`,
//! `[[entity]]` and `[[sic]]` tables. Spans are kept on every value a later
//! check might need to point at. `docs/format.md` documents each key.
//!
//! A file is parsed into a spanned TOML document first and each table is
//! then deserialized on its own, so one mistake costs one diagnostic, not
//! the rest of the file, and every mistake in the file is reported.

use serde::Deserialize;
use serde::de::DeserializeOwned;
use toml::de::{DeTable, DeValue, ValueDeserializer};
use toml::{Spanned, Value};

use crate::diagnostics::{Diagnostic, Lint};
use crate::dossier::{EntityKind, Part};
use crate::source::SourceFile;

/// An annotation file and what it holds, shared with `serve`'s cache.
pub(super) type Parsed<'f> = (&'f SourceFile, std::sync::Arc<AnnotationFile>);
use crate::vocabulary::ItemKind;

/// One annotation file: any mix of the four tables.
#[derive(Debug, Default, Clone)]
pub(crate) struct AnnotationFile {
    pub(crate) claim: Vec<RawClaim>,
    pub(crate) event: Vec<RawEvent>,
    pub(crate) entity: Vec<RawEntity>,
    pub(crate) sic: Vec<RawSic>,
    /// Ids of tables that failed to deserialize: still defined, so that
    /// references to them do not add errors on top of the real one.
    pub(crate) broken: Vec<(ItemKind, Spanned<String>)>,
}

/// The table names an annotation file may use.
const TABLES: [&str; 4] = ["claim", "event", "entity", "sic"];

/// Parses `file`, returning what could be read and every problem found.
pub(crate) fn parse(file: &SourceFile) -> (AnnotationFile, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let mut data = AnnotationFile::default();
    if file.text.trim().is_empty() {
        problems.push(Diagnostic {
            lint: Some(Lint::EmptyFile),
            ..Diagnostic::warning(&file.path, "the annotation file is empty")
        });
        return (data, problems);
    }
    let (document, errors) = DeTable::parse_recoverable(&file.text);
    let escapes = file.text.contains('\\');
    if !errors.is_empty() {
        problems.extend(errors.iter().map(|e| toml_error(file, e)));
        data.broken = ids_written_in(&file.text);
        return (data, problems);
    }
    for (key, value) in document.into_inner() {
        let name = key.get_ref().as_ref();
        if !TABLES.contains(&name) {
            let message = format!(
                "unknown table `{name}`; expected `[[claim]]`, `[[event]]`, `[[entity]]` or `[[sic]]`"
            );
            problems.push(Diagnostic::error(&file.path, message).at(&file.text, key.span()));
            continue;
        }
        let DeValue::Array(items) = value.into_inner() else {
            let message = format!("`{name}` must be an array of tables: write `[[{name}]]`");
            problems.push(Diagnostic::error(&file.path, message).at(&file.text, key.span()));
            continue;
        };
        let items: Vec<Spanned<DeValue<'_>>> = items.into_iter().collect();
        let mut sink = Sink {
            file,
            problems: &mut problems,
            broken: &mut data.broken,
            escapes,
        };
        match name {
            "claim" => data.claim = sink.items(items, Some(ItemKind::Claim)),
            "event" => data.event = sink.items(items, Some(ItemKind::Event)),
            "entity" => data.entity = sink.items(items, Some(ItemKind::Entity)),
            _ => data.sic = sink.items(items, None),
        }
    }
    (data, problems)
}

/// Where per-table deserialization problems go.
struct Sink<'a> {
    file: &'a SourceFile,
    problems: &'a mut Vec<Diagnostic>,
    broken: &'a mut Vec<(ItemKind, Spanned<String>)>,
    /// Whether the file has a backslash, without which no string in it
    /// can hold a control character through an escape.
    escapes: bool,
}

impl Sink<'_> {
    /// Deserializes each table on its own, keeping the good ones.
    fn items<T: DeserializeOwned>(
        &mut self,
        items: Vec<Spanned<DeValue<'_>>>,
        kind: Option<ItemKind>,
    ) -> Vec<T> {
        let mut ok = Vec::with_capacity(items.len());
        for item in items {
            let id = item.get_ref().get("id").and_then(|v| {
                v.get_ref()
                    .as_str()
                    .map(|s| Spanned::new(v.span(), s.to_owned()))
            });
            let file = self.file;
            let control = self
                .escapes
                .then(|| crate::diagnostics::escaped_control(&file.path, &file.text, 0, &item))
                .flatten();
            if let Some(problem) = control {
                self.problems.push(problem);
                if let (Some(kind), Some(id)) = (kind, id) {
                    self.broken.push((kind, id));
                }
                continue;
            }
            match T::deserialize(ValueDeserializer::from(item)) {
                Ok(value) => ok.push(value),
                Err(e) => {
                    self.problems.push(toml_error(self.file, &e));
                    if let (Some(kind), Some(id)) = (kind, id) {
                        self.broken.push((kind, id));
                    }
                }
            }
        }
        ok
    }
}

/// The ids a file that does not parse defines, read line by line: each
/// `id = "…"` directly under a `[[claim]]`, `[[event]]` or `[[entity]]`
/// header. They are defined all the same, so that references to them
/// elsewhere do not pile "unknown" errors on the file's own.
fn ids_written_in(text: &str) -> Vec<(ItemKind, Spanned<String>)> {
    let mut ids = Vec::new();
    let mut kind = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            kind = match trimmed.trim_end_matches(']').trim_start_matches('[').trim() {
                "claim" => Some(ItemKind::Claim),
                "event" => Some(ItemKind::Event),
                "entity" => Some(ItemKind::Entity),
                _ => None,
            };
            continue;
        }
        let Some(kind) = kind else { continue };
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        let value_start = start + key.len() + 1;
        let quoted = value.trim();
        let id = quoted
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .filter(|id| !id.contains('"'));
        if let (true, Some(id)) = (key.trim() == "id", id) {
            let at = value_start + (value.len() - value.trim_start().len()) + 1;
            ids.push((kind, Spanned::new(at..at + id.len(), id.to_owned())));
        }
    }
    ids
}

fn toml_error(file: &SourceFile, error: &toml::de::Error) -> Diagnostic {
    Diagnostic::toml(&file.path, &file.text, 0, error)
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawClaim {
    pub(crate) id: Spanned<String>,
    pub(crate) title: String,
    pub(crate) claimant: Option<Spanned<String>>,
    /// Read into a [`crate::dossier::Verdict`] while resolving, so that a wrong one is
    /// answered with the vocabulary rather than a guess.
    pub(crate) status: Spanned<String>,
    #[serde(default)]
    pub(crate) events: Vec<Spanned<String>>,
    #[serde(default)]
    pub(crate) related: Vec<Spanned<String>>,
    pub(crate) note: Option<String>,
    #[serde(default)]
    pub(crate) appearance: Vec<RawAppearance>,
    #[serde(default)]
    pub(crate) source: Vec<RawSource>,
    #[serde(default)]
    pub(crate) allow: Vec<Lint>,
    #[serde(default)]
    pub(crate) aliases: Vec<Spanned<String>>,
    pub(crate) reviewed: Option<Spanned<Value>>,
    #[serde(default)]
    pub(crate) correction: Vec<RawCorrection>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCorrection {
    pub(crate) date: Spanned<Value>,
    pub(crate) note: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawAppearance {
    pub(crate) article: Spanned<String>,
    pub(crate) quote: Spanned<String>,
    pub(crate) prefix: Option<String>,
    pub(crate) suffix: Option<String>,
    pub(crate) note: Option<String>,
    #[serde(default, rename = "in")]
    pub(crate) part: Part,
    pub(crate) figures: Option<Vec<Spanned<String>>>,
    #[serde(rename = "figure-judgement")]
    pub(crate) figure_judgement: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSource {
    pub(crate) title: String,
    pub(crate) publisher: Option<String>,
    pub(crate) url: Option<Spanned<String>>,
    pub(crate) date: Option<Spanned<Value>>,
    pub(crate) note: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawEvent {
    pub(crate) id: Spanned<String>,
    pub(crate) title: String,
    pub(crate) date: Spanned<Value>,
    pub(crate) end: Option<Spanned<Value>>,
    pub(crate) note: Option<String>,
    #[serde(default)]
    pub(crate) claims: Vec<Spanned<String>>,
    #[serde(default)]
    pub(crate) articles: Vec<Spanned<String>>,
    #[serde(default)]
    pub(crate) entities: Vec<Spanned<String>>,
    #[serde(default)]
    pub(crate) allow: Vec<Lint>,
    #[serde(default)]
    pub(crate) aliases: Vec<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawEntity {
    pub(crate) id: Spanned<String>,
    pub(crate) name: String,
    pub(crate) kind: EntityKind,
    pub(crate) description: Option<String>,
    #[serde(default)]
    pub(crate) allow: Vec<Lint>,
    #[serde(default)]
    pub(crate) aliases: Vec<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSic {
    pub(crate) article: Spanned<String>,
    pub(crate) quote: Spanned<String>,
    pub(crate) prefix: Option<String>,
    pub(crate) suffix: Option<String>,
    pub(crate) note: String,
    #[serde(default, rename = "in")]
    pub(crate) part: Part,
}
