//! What an item was at one version of a file: read leniently, because a
//! file committed long ago may use keys gloss no longer reads, or not parse
//! at all, and the history should still tell what it can.

use std::hash::{Hash, Hasher};
use std::path::Path;

use rustc_hash::FxHasher;
use toml::{Table, Value};

use crate::front_matter;
use crate::vocabulary::ItemKind;

/// An item as one version of its file wrote it: the parts a reader is told
/// about when they change, and a fingerprint of the rest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    /// The claim's, event's or report's title, the entity's name.
    pub title: String,
    /// The claim's verdict as written (`status`); `None` for other kinds.
    pub verdict: Option<String>,
    /// The claim's or event's note, the entity's description.
    pub note: Option<String>,
    /// The claim's passages: each report's slug and the words quoted.
    pub wordings: Vec<Wording>,
    /// A fingerprint of everything else (other keys, a report's text).
    pub rest: u64,
}

/// One passage of a claim, as the history compares them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Wording {
    /// The report's slug.
    pub article: String,
    /// The words quoted, as written in the annotation file.
    pub quote: String,
}

/// The items one version of a file defined, each keyed by kind and id.
pub(super) type Items = Vec<((ItemKind, String), Snapshot)>;

/// The items an annotation file defines, or `None` when it does not parse
/// as TOML (its items are then taken to be as they were).
pub(super) fn annotation_file(text: &str) -> Option<Items> {
    let table: Table = text.parse().ok()?;
    let mut items = Items::new();
    for (name, kind) in [
        ("claim", ItemKind::Claim),
        ("event", ItemKind::Event),
        ("entity", ItemKind::Entity),
    ] {
        let Some(Value::Array(tables)) = table.get(name) else {
            continue;
        };
        for mut table in tables.iter().filter_map(Value::as_table).cloned() {
            let Some(Value::String(id)) = table.remove("id") else {
                continue;
            };
            items.push(((kind, id), item(kind, table)));
        }
    }
    Some(items)
}

/// One `[[claim]]`, `[[event]]` or `[[entity]]` table, its id removed.
fn item(kind: ItemKind, mut table: Table) -> Snapshot {
    let (title, note) = match kind {
        ItemKind::Entity => ("name", "description"),
        _ => ("title", "note"),
    };
    let (title, note) = (
        take(&mut table, title).unwrap_or_default(),
        take(&mut table, note),
    );
    let verdict = (kind == ItemKind::Claim)
        .then(|| take(&mut table, "status"))
        .flatten();
    // The annotation's own review date and corrections are the history's
    // other half, shown as themselves, not as changes; former ids are
    // bookkeeping for a rename, which the history follows.
    for key in ["reviewed", "correction", "aliases"] {
        table.remove(key);
    }
    let wordings = match table.get_mut("appearance") {
        Some(Value::Array(appearances)) => appearances
            .iter_mut()
            .filter_map(Value::as_table_mut)
            .filter_map(wording)
            .collect(),
        _ => Vec::new(),
    };
    Snapshot {
        title,
        verdict,
        note,
        wordings,
        rest: fingerprint(&Value::Table(table)),
    }
}

/// Takes an appearance's report and quote out of its table.
fn wording(appearance: &mut Table) -> Option<Wording> {
    Some(Wording {
        article: take(appearance, "article")?,
        quote: take(appearance, "quote")?,
    })
}

/// Takes the string `key` out of `table`; `None` if it is not a string.
fn take(table: &mut Table, key: &str) -> Option<String> {
    match table.remove(key)? {
        Value::String(s) => Some(s),
        _ => None,
    }
}

/// The report an article file holds, keyed by its slug (`slug` in the
/// front matter, else the file's name), or `None` if its front matter does
/// not parse.
pub(super) fn article_file(path: &Path, text: &str) -> Option<((ItemKind, String), Snapshot)> {
    let split = front_matter::split(text).ok()?;
    let mut front: Table = split.front.parse().ok()?;
    let slug = match take(&mut front, "slug") {
        Some(slug) => slug,
        None => path.file_stem()?.to_str()?.to_owned(),
    };
    let (title, note) = (
        take(&mut front, "title").unwrap_or_default(),
        take(&mut front, "note"),
    );
    front.remove("aliases");
    let mut hasher = FxHasher::default();
    Value::Table(front).to_string().hash(&mut hasher);
    split.body.hash(&mut hasher);
    let snapshot = Snapshot {
        title,
        verdict: None,
        note,
        wordings: Vec::new(),
        rest: hasher.finish(),
    };
    Some(((ItemKind::Article, slug), snapshot))
}

fn fingerprint(value: &Value) -> u64 {
    let mut hasher = FxHasher::default();
    value.to_string().hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_claim_is_read_into_what_readers_are_told_and_the_rest() {
        let text = r#"
[[claim]]
id = "c"
title = "T"
status = "disputed"
key-from-an-older-gloss = 1
[[claim.appearance]]
article = "a"
quote = "q"
note = "n"
"#;
        let items = annotation_file(text).unwrap();
        let ((kind, id), snapshot) = &items[0];
        assert_eq!((*kind, id.as_str()), (ItemKind::Claim, "c"));
        assert_eq!(snapshot.verdict.as_deref(), Some("disputed"));
        assert_eq!(snapshot.wordings[0].quote, "q");
        let note_changed = text.replace("note = \"n\"", "note = \"m\"");
        let changed = &annotation_file(&note_changed).unwrap()[0].1;
        assert_ne!(changed.rest, snapshot.rest);
        assert_eq!(changed.wordings, snapshot.wordings);
    }

    #[test]
    fn a_file_that_does_not_parse_has_no_items_to_tell() {
        assert_eq!(annotation_file("[[claim]\nid ="), None);
    }

    #[test]
    fn a_report_is_keyed_by_its_slug_or_file_name() {
        let text = "+++\ntitle = \"T\"\npublished = 2014-01-01\n+++\nBody\n";
        let ((_, slug), _) = article_file(Path::new("content/articles/x.md"), text).unwrap();
        assert_eq!(slug, "x");
        let named = text.replace("+++\nBody", "slug = \"y\"\n+++\nBody");
        let ((_, slug), _) = article_file(Path::new("x.md"), &named).unwrap();
        assert_eq!(slug, "y");
    }
}
