//! Machine-readable exports, documented in `docs/exports.md`, one module
//! each, with the streaming they share here:
//!
//! - `claims.json`: every claim with its verdict, appearances, events and sources;
//! - `timeline.json`: the timeline in Knight Lab TimelineJS's format, with
//!   each date at its own precision;
//! - `annotations.jsonld`: a W3C Web Annotation collection, one annotation
//!   per appearance, in pages of about a thousand (`annotations-<n>.jsonld`
//!   after the first), whose `TextQuoteSelector` is built from the
//!   rendered article page's DOM text ([`DomText`]) so that annotation
//!   clients such as Hypothesis find each quote exactly once.
//! - the Atom feed and `robots.txt` ([`feeds`]);
//! - the sitemap ([`sitemap`]);
//! - the search index ([`search`]).

pub(crate) mod annotations;
pub(crate) mod claims;
pub(crate) mod feeds;
pub(crate) mod search;
pub(crate) mod sitemap;
pub(crate) mod timeline;

use std::io::{self, Write};
use std::sync::Arc;

use serde::Serialize;
use serde_json::Value;

/// Stands for the one long array of an export, whose items are serialised
/// one by one (in parallel, and without a tree of the whole export).
const ITEMS: &str = "\u{0}items";

/// How many items of a long export are serialised at a time, in parallel,
/// before they are written: enough to keep both cores busy, few enough
/// that the export is never held whole.
const ITEMS_AT_A_TIME: usize = 1024;

/// A JSON file whose one long array is a list of items made elsewhere:
/// `serve` keeps each claim's entry in `claims.json` and each article's
/// annotations, and holds those exports (`claims.json`, each page of the
/// annotations) as their items joined, which
/// an edit changes a few of, rather than as hundreds of megabytes copied
/// again after every edit.
#[derive(Debug, Clone, PartialEq)]
pub struct Joined {
    shell: Shell,
    /// The array's items, each pretty-printed JSON already indented to sit
    /// in it (see [`pretty_at`]), or runs of such items joined by `,\n`.
    items: Vec<Arc<str>>,
}

impl Joined {
    /// The file `shell` makes with the string [`ITEMS`], which it must
    /// hold, replaced by an array of `items`.
    fn new(shell: &Value, items: Vec<Arc<str>>) -> Joined {
        Joined {
            shell: Shell::of(shell),
            items,
        }
    }

    /// Writes the file.
    pub fn write_to(&self, out: &mut dyn Write) -> io::Result<()> {
        write_json_with_items(out, &self.shell, self.items.iter())
    }

    /// The file's bytes, copied out.
    pub fn to_vec(&self) -> Vec<u8> {
        let items: usize = self.items.iter().map(|item| item.len() + 2).sum();
        let mut bytes = Vec::with_capacity(self.shell.head.len() + items + self.shell.rest.len());
        self.write_to(&mut bytes)
            .expect("writing to memory cannot fail");
        bytes
    }
}

/// A long export's shell, pretty-printed and cut where the string
/// [`ITEMS`] stands.
#[derive(Debug, Clone, PartialEq)]
struct Shell {
    /// The text before the array.
    head: String,
    /// How far the array's line is indented.
    indent: usize,
    /// The text after it.
    rest: String,
}

impl Shell {
    /// Cuts `value`, which must hold [`ITEMS`].
    fn of(value: &Value) -> Shell {
        let text = serde_json::to_string_pretty(value).expect("JSON values serialize");
        let placeholder = serde_json::to_string(ITEMS).expect("a string serializes");
        let at = text
            .find(&placeholder)
            .expect("the shell of a long export holds its items");
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let indent = text[line_start..].len() - text[line_start..].trim_start().len();
        let rest = text[at + placeholder.len()..].to_owned();
        let mut head = text;
        head.truncate(at);
        Shell { head, indent, rest }
    }
}

/// Writes `shell` with an array of `items` where it holds [`ITEMS`], each
/// item pretty-printed JSON already indented to sit in it (see
/// [`pretty_at`]), so that the whole file is never held in memory.
fn write_json_with_items<S: AsRef<str>>(
    out: &mut dyn Write,
    shell: &Shell,
    items: impl Iterator<Item = S>,
) -> io::Result<()> {
    out.write_all(shell.head.as_bytes())?;
    let mut empty = true;
    for item in items {
        let item = item.as_ref();
        debug_assert!(
            item.starts_with(&" ".repeat(shell.indent + 2)),
            "an item is indented to sit in its array"
        );
        out.write_all(if empty { b"[\n" } else { b",\n" })?;
        empty = false;
        out.write_all(item.as_bytes())?;
    }
    if empty {
        out.write_all(b"[]")?;
    } else {
        write!(out, "\n{}]", " ".repeat(shell.indent))?;
    }
    writeln!(out, "{}", shell.rest)
}

/// The site path of page `number` of a paged export whose first page is
/// `first` (`claims.json`): `first` itself, then `claims-2.json` and on.
fn page_file(first: &str, number: usize) -> String {
    if number == 1 {
        return first.to_owned();
    }
    let (stem, extension) = first
        .rsplit_once('.')
        .expect("an export's name has an extension");
    format!("{stem}-{number}.{extension}")
}

fn pretty(value: &impl Serialize) -> String {
    serde_json::to_string_pretty(value).expect("JSON values serialize")
}

/// `value` pretty-printed with every line indented by `indent` spaces.
fn pretty_at(value: &impl Serialize, indent: usize) -> String {
    let text = pretty(value);
    let margin = " ".repeat(indent);
    let mut indented = String::with_capacity(text.len() + (text.len() / 8 + 1) * indent);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            indented.push('\n');
        }
        indented.push_str(&margin);
        indented.push_str(line);
    }
    indented
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn later_pages_of_an_export_are_numbered_before_its_extension() {
        assert_eq!(page_file("claims.json", 1), "claims.json");
        assert_eq!(page_file("annotations.jsonld", 12), "annotations-12.jsonld");
    }

    #[test]
    fn items_written_one_by_one_or_joined_read_as_the_whole_tree_pretty_printed() {
        let items = [
            json!({"id": "a", "quotes": ["x", "y"]}),
            json!(2),
            json!({}),
        ];
        for count in 0..=items.len() {
            let items = &items[..count];
            let shell = json!({"title": "T", "first": {"items": ITEMS}, "total": count});
            let mut streamed = Vec::new();
            let indented: Vec<String> = items
                .iter()
                .map(|item| pretty_at(item, super::annotations::ANNOTATION_INDENT))
                .collect();
            write_json_with_items(&mut streamed, &Shell::of(&shell), indented.iter()).unwrap();
            let whole = json!({"title": "T", "first": {"items": items}, "total": count});
            let expected = format!("{}\n", pretty(&whole));
            assert_eq!(String::from_utf8(streamed).unwrap(), expected);
            let kept = indented
                .iter()
                .map(|item| Arc::from(item.as_str()))
                .collect();
            let joined = Joined::new(&shell, kept).to_vec();
            assert_eq!(String::from_utf8(joined).unwrap(), expected);
        }
    }
}
