//! The index's files: each a script that files its JSON under
//! `window.glossSearch`, so that the search page can load it from disk
//! with a `<script>` element (no `fetch`, which a page opened from disk
//! may not use).

use crate::render::OutputFile;

/// A `search/<name>.js` that files a JSON array under
/// `window.glossSearch`, written as its entries come: each entry's bytes
/// are copied once, into the file. The chunks and shards are 90 MB at
/// 10,000 articles.
pub(super) struct ScriptArray {
    name: String,
    /// The script so far: its head, then the entries, comma-separated.
    text: String,
    /// Where the entries start in `text`.
    head: usize,
}

impl ScriptArray {
    /// An empty array, with room for `entries` bytes of entries (and
    /// some over, since the entry that fills an array is still taken).
    pub(super) fn new(name: &str, entries: usize) -> ScriptArray {
        let head = script_head(name);
        let mut text = String::with_capacity(head.len() + entries + entries / 4);
        text.push_str(&head);
        text.push('[');
        ScriptArray {
            name: name.to_owned(),
            head: text.len(),
            text,
        }
    }

    /// Appends an entry (JSON).
    pub(super) fn push(&mut self, entry: &str) {
        if !self.is_empty() {
            self.text.push(',');
        }
        self.text.push_str(entry);
    }

    /// The bytes of the entries so far, with their commas.
    pub(super) fn len(&self) -> usize {
        self.text.len() - self.head
    }

    pub(super) fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The finished file.
    pub(super) fn finish(mut self) -> OutputFile {
        self.text.push_str("];\n");
        OutputFile {
            path: format!("search/{}.js", self.name).into(),
            contents: self.text.into_bytes(),
        }
    }
}

/// What `search/<name>.js` starts with, before the JSON it files under
/// `window.glossSearch`.
fn script_head(name: &str) -> String {
    format!("(window.glossSearch ||= {{}})[\"{name}\"] = ")
}

/// `search/<name>.js`, which files `json` under `window.glossSearch`.
pub(super) fn script(name: &str, json: &str) -> OutputFile {
    OutputFile {
        path: format!("search/{name}.js").into(),
        contents: format!("{}{json};\n", script_head(name)).into_bytes(),
    }
}
