//! The search index's files, made so that a reader's query loads only the
//! little it needs, and straight from disk (each file is a script that
//! files its data under `window.glossSearch`; browsers refuse `fetch()` on
//! `file:` pages).
//!
//! - `search/index.js`: how many documents there are, the first key of
//!   each shard and how many documents each chunk holds. Tens of kilobytes
//!   at 10,000 articles.
//! - `search/words-<n>.js`: shards of every word (folded), each with the
//!   documents that hold it and those whose title does, in UTF-16 order
//!   (JavaScript's), so that a query finds a word's shard by bisection and
//!   the words beginning with what it types in the shards that follow.
//! - `search/pairs-<n>.js`: the same for every two words that follow one
//!   another in a passage: a phrase is found as the documents holding all
//!   of its pairs, before any text is loaded, so exact phrases rank first.
//! - `search/docs-<n>.js`: chunks of the documents themselves (kind,
//!   title, address, line under the title, passages with their anchors),
//!   in document order: loaded for the results a reader is shown.
//!
//! A set of documents is written as base64 of either a bitmap of every
//! document or their numbers' differences as LEB128, whichever is shorter,
//! so that no set outgrows one bit per document.

use std::cmp::Ordering;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::error::Result;
use crate::escape;
use crate::render::{OutputFile, Sink};

/// About how many bytes a shard of words or pairs holds: one word's
/// documents at most (a bitmap) over a few small ones.
const SHARD_BYTES: usize = 16 * 1024;

/// The most bytes a chunk of documents holds, unless one document alone
/// is longer: a reader's first ten results load at most ten chunks.
const CHUNK_BYTES: usize = 12 * 1024;

/// How many keys are encoded at a time, in parallel.
const KEYS_AT_A_TIME: usize = 4096;

/// A searchable item, analysed: what its result shows, and its words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Document {
    /// The result as JSON: `[kind, title, href, meta, [[anchor, text]…]]`.
    pub(super) shown: String,
    /// Its folded words, a space after each and a line break after each
    /// passage; the first passage is the title.
    pub(super) words: String,
}

/// Writes the index of documents given one at a time, in order.
pub(super) struct IndexWriter<'s> {
    sink: &'s dyn Sink,
    words: FxHashMap<Box<str>, Key>,
    pairs: FxHashMap<Box<str>, Key>,
    documents: u32,
    /// The chunk being filled: its documents' JSON, comma-separated.
    chunk: String,
    /// How many documents each chunk holds, the last one's included.
    chunks: Vec<u32>,
}

impl<'s> IndexWriter<'s> {
    /// A writer that puts each file into `sink` as soon as it is ready.
    pub(super) fn new(sink: &'s dyn Sink) -> IndexWriter<'s> {
        IndexWriter {
            sink,
            words: FxHashMap::default(),
            pairs: FxHashMap::default(),
            documents: 0,
            chunk: String::new(),
            chunks: vec![0],
        }
    }

    /// Takes in the next document.
    pub(super) fn add(&mut self, document: &Document) -> Result<()> {
        let n = self.documents;
        self.documents += 1;
        for (i, passage) in document.words.split_terminator('\n').enumerate() {
            let in_title = i == 0;
            let mut previous: Option<usize> = None;
            let mut start = 0;
            while let Some(space) = passage[start..].find(' ') {
                let end = start + space;
                key_in(&mut self.words, &passage[start..end]).add(n, in_title);
                if let Some(before) = previous {
                    key_in(&mut self.pairs, &passage[before..end]).add(n, in_title);
                }
                previous = Some(start);
                start = end + 1;
            }
        }
        if !self.chunk.is_empty() && self.chunk.len() + document.shown.len() > CHUNK_BYTES {
            self.close_chunk()?;
            self.chunks.push(0);
        }
        if !self.chunk.is_empty() {
            self.chunk.push(',');
        }
        self.chunk.push_str(&document.shown);
        *self.chunks.last_mut().expect("there is always a chunk") += 1;
        Ok(())
    }

    /// Puts the last chunk, the shards and `search/index.js`.
    pub(super) fn finish(mut self) -> Result<()> {
        if self.chunk.is_empty() {
            self.chunks.pop();
        } else {
            self.close_chunk()?;
        }
        let documents = self.documents;
        let words = put_shards(self.sink, "words", self.words, documents)?;
        let pairs = put_shards(self.sink, "pairs", self.pairs, documents)?;
        let index = Index {
            documents,
            longest_word: super::words::LONGEST_WORD,
            words,
            pairs,
            chunks: self.chunks,
        };
        self.sink
            .put(script("index", &escape::json_in_script(&index)))
    }

    fn close_chunk(&mut self) -> Result<()> {
        let name = format!("docs-{}", self.chunks.len() - 1);
        let json = format!("[{}]", std::mem::take(&mut self.chunk));
        self.sink.put(script(&name, &json))
    }
}

/// What `search/index.js` holds.
#[derive(Serialize)]
struct Index {
    documents: u32,
    /// Words are cut to this many characters ([`LONGEST_WORD`](super::words::LONGEST_WORD)).
    #[serde(rename = "longestWord")]
    longest_word: usize,
    /// The first word of each `words-<n>.js`.
    words: Vec<String>,
    /// The first pair of each `pairs-<n>.js`.
    pairs: Vec<String>,
    /// How many documents each `docs-<n>.js` holds.
    chunks: Vec<u32>,
}

/// The key `text` of `keys`, made if new.
fn key_in<'k>(keys: &'k mut FxHashMap<Box<str>, Key>, text: &str) -> &'k mut Key {
    if !keys.contains_key(text) {
        keys.insert(text.into(), Key::default());
    }
    keys.get_mut(text).expect("just made")
}

/// The documents that hold a word or pair, and those whose title does.
#[derive(Default)]
struct Key {
    all: DocumentSet,
    in_title: DocumentSet,
}

impl Key {
    fn add(&mut self, document: u32, in_title: bool) {
        self.all.add(document);
        if in_title {
            self.in_title.add(document);
        }
    }
}

/// A set of documents given in increasing order, kept as the differences
/// between them (LEB128): a byte or two per document.
#[derive(Default)]
struct DocumentSet {
    /// One past the last document added.
    next: u32,
    count: u32,
    gaps: Vec<u8>,
}

impl DocumentSet {
    fn add(&mut self, document: u32) {
        if self.count > 0 && document < self.next {
            return;
        }
        let mut gap = document - self.next;
        loop {
            let byte = (gap & 0x7f) as u8;
            gap >>= 7;
            if gap == 0 {
                self.gaps.push(byte);
                break;
            }
            self.gaps.push(byte | 0x80);
        }
        self.next = document + 1;
        self.count += 1;
    }

    /// The set in base64: a `0` byte then the gaps, or a `1` byte then a
    /// bitmap of all `documents` (least significant bit first), whichever
    /// is shorter; empty for an empty set.
    fn encode(&self, documents: u32) -> String {
        if self.count == 0 {
            return String::new();
        }
        let bitmap_len = documents.div_ceil(8) as usize;
        let mut bytes = Vec::with_capacity(1 + self.gaps.len().min(bitmap_len));
        if self.gaps.len() <= bitmap_len {
            bytes.push(0);
            bytes.extend_from_slice(&self.gaps);
        } else {
            bytes.push(1);
            bytes.resize(1 + bitmap_len, 0);
            for document in self.documents() {
                bytes[1 + document as usize / 8] |= 1 << (document % 8);
            }
        }
        BASE64.encode(bytes)
    }

    fn documents(&self) -> impl Iterator<Item = u32> + '_ {
        let mut bytes = self.gaps.iter();
        let mut next = 0u32;
        std::iter::from_fn(move || {
            let mut gap = 0u32;
            let mut shift = 0;
            loop {
                let byte = *bytes.next()?;
                gap |= u32::from(byte & 0x7f) << shift;
                shift += 7;
                if byte & 0x80 == 0 {
                    break;
                }
            }
            let document = next + gap;
            next = document + 1;
            Some(document)
        })
    }
}

/// Puts `keys` as shards `<series>-<n>.js` of about [`SHARD_BYTES`] each,
/// in UTF-16 order; returns each shard's first key.
fn put_shards(
    sink: &dyn Sink,
    series: &str,
    keys: FxHashMap<Box<str>, Key>,
    documents: u32,
) -> Result<Vec<String>> {
    let mut keys: Vec<(Box<str>, Key)> = keys.into_iter().collect();
    keys.par_sort_unstable_by(|(a, _), (b, _)| utf16_order(a, b));
    let mut firsts = Vec::new();
    let mut shard = String::new();
    for batch in keys.chunks(KEYS_AT_A_TIME) {
        let encoded: Vec<(&str, String)> = batch
            .par_iter()
            .map(|(text, key)| {
                let entry = [
                    text.as_ref(),
                    &key.all.encode(documents),
                    &key.in_title.encode(documents),
                ];
                (text.as_ref(), escape::json_in_script(&entry))
            })
            .collect();
        for (text, entry) in encoded {
            if shard.is_empty() {
                firsts.push(text.to_owned());
            } else {
                shard.push(',');
            }
            shard.push_str(&entry[1..entry.len() - 1]);
            if shard.len() >= SHARD_BYTES {
                put_shard(sink, series, firsts.len() - 1, &mut shard)?;
            }
        }
    }
    if !shard.is_empty() {
        put_shard(sink, series, firsts.len() - 1, &mut shard)?;
    }
    Ok(firsts)
}

/// Puts the shard `shard` holds (its entries, comma-separated) and empties it.
fn put_shard(sink: &dyn Sink, series: &str, n: usize, shard: &mut String) -> Result<()> {
    let json = format!("[{}]", std::mem::take(shard));
    sink.put(script(&format!("{series}-{n}"), &json))
}

/// `search/<name>.js`, which files `json` under `window.glossSearch`.
fn script(name: &str, json: &str) -> OutputFile {
    OutputFile {
        path: format!("search/{name}.js").into(),
        contents: format!("(window.glossSearch ||= {{}})[\"{name}\"] = {json};\n").into_bytes(),
    }
}

/// How JavaScript orders strings: by UTF-16 code units, which differs from
/// Rust's order (by code points) only around the astral planes.
fn utf16_order(a: &str, b: &str) -> Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(text: &str, documents: u32) -> Vec<u32> {
        let bytes = BASE64.decode(text).unwrap();
        match bytes[0] {
            0 => {
                let set = DocumentSet {
                    gaps: bytes[1..].to_vec(),
                    ..DocumentSet::default()
                };
                set.documents().collect()
            }
            _ => (0..documents)
                .filter(|d| bytes[1 + *d as usize / 8] & (1 << (d % 8)) != 0)
                .collect(),
        }
    }

    #[test]
    fn a_set_is_written_as_gaps_or_as_a_bitmap_whichever_is_shorter() {
        let mut sparse = DocumentSet::default();
        for d in [3, 3, 200, 70_000] {
            sparse.add(d);
        }
        assert_eq!(decode(&sparse.encode(100_000), 100_000), [3, 200, 70_000]);
        assert_eq!(BASE64.decode(sparse.encode(100_000)).unwrap()[0], 0);

        let mut dense = DocumentSet::default();
        let every_other: Vec<u32> = (0..1000).step_by(2).collect();
        for &d in &every_other {
            dense.add(d);
        }
        assert_eq!(BASE64.decode(dense.encode(1000)).unwrap()[0], 1);
        assert_eq!(decode(&dense.encode(1000), 1000), every_other);
        assert_eq!(DocumentSet::default().encode(10), "");
    }

    #[test]
    fn keys_are_in_javascripts_order() {
        let mut keys = ["\u{ff21}", "𠀀", "a"];
        keys.sort_by(|a, b| utf16_order(a, b));
        assert_eq!(keys, ["a", "𠀀", "\u{ff21}"]);
    }
}
