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

use std::borrow::Cow;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;

use super::order::{Placed, in_javascripts_order, placed, reorder};
use super::script::{ScriptArray, script};
use crate::error::Result;
use crate::escape;
use crate::render::Sink;

/// How many bytes close a shard of words or pairs: a shard holds at most
/// that and one key more, and a key's sets are at most a bitmap of every
/// document (8 KB at 65,000 documents, in base64 11 KB).
pub(super) const SHARD_BYTES: usize = 16 * 1024;

/// The most bytes a chunk of documents holds, unless one document alone
/// is longer: a reader's first ten results load at most ten chunks.
pub(super) const CHUNK_BYTES: usize = 12 * 1024;

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

/// Every word's and pair's documents: what the shards hold. A build adds
/// the documents one at a time, in order; `serve` keeps them, with each
/// key's entry encoded, and updates only the keys an edit touches.
#[derive(Default)]
pub(super) struct Postings {
    words: FxHashMap<Box<str>, Key>,
    pairs: FxHashMap<Box<str>, Key>,
    documents: u32,
    /// The keys [`update`](Postings::update) moved a document in or out
    /// of (made or dropped included), words then pairs, since
    /// [`take_touched`](Postings::take_touched).
    touched: [FxHashSet<Box<str>>; 2],
    /// Each series' keys in JavaScript's order with their entries'
    /// lengths, once [`encode`](Postings::encode) has made it, as
    /// [`take_touched`](Postings::take_touched) brings it up to date:
    /// `serve` puts the shards after every edit, and sorting 160,000 keys
    /// each time (at 10,000 articles) took longer than the rest of the put.
    order: Option<[Vec<Placed>; 2]>,
}

impl Postings {
    /// Takes in the next document.
    pub(super) fn add(&mut self, document: &Document) {
        let n = self.documents;
        self.documents += 1;
        for_each_key(&document.words, |series, text, in_title| {
            let keys = self.series(series);
            // Looked up once: most of a document's words are already keys.
            match keys.get_mut(text) {
                Some(key) => key.add(n, in_title),
                None => {
                    let mut key = Key::default();
                    key.add(n, in_title);
                    keys.insert(text.into(), key);
                }
            }
        });
    }

    fn series(&mut self, series: Series) -> &mut FxHashMap<Box<str>, Key> {
        match series {
            Series::Words => &mut self.words,
            Series::Pairs => &mut self.pairs,
        }
    }

    /// Encodes every key's entry now, for [`update`](Postings::update) to
    /// keep up to date.
    pub(super) fn encode(&mut self) {
        let documents = self.documents;
        for keys in [&mut self.words, &mut self.pairs] {
            keys.par_iter_mut()
                .for_each(|(text, key)| key.entry = key.encode(text, documents));
        }
        self.order = Some([
            placed(&self.words, Key::entry_length),
            placed(&self.pairs, Key::entry_length),
        ]);
    }

    /// Document `n`, which was `old`, is now `new`: moves it in and out of
    /// the keys whose words changed, and encodes their entries again.
    pub(super) fn update(&mut self, n: u32, old: &Document, new: &Document) {
        let (before, after) = (keys_of(old), keys_of(new));
        let documents = self.documents;
        for &(series, text) in before.keys().chain(after.keys()) {
            let was = before.get(&(series, text)).copied();
            let is = after.get(&(series, text)).copied();
            if was == is {
                continue;
            }
            self.touched[series as usize].insert(text.into());
            let keys = self.series(series);
            let key = key_in(keys, text);
            key.all.set(n, is.is_some());
            key.in_title.set(n, is == Some(true));
            if key.all.count == 0 {
                keys.remove(text);
            } else {
                key.entry = key.encode(text, documents);
            }
        }
    }

    /// The keys of a series in JavaScript's order, with their entries'
    /// lengths, as kept since [`encode`](Postings::encode).
    pub(super) fn placed(&self, series: Series) -> &[Placed] {
        let order = self.order.as_ref().expect("the postings are encoded");
        &order[series as usize]
    }

    /// The entry of a series' key `text`, as encoded.
    pub(super) fn entry(&self, series: Series, text: &str) -> &str {
        let keys = match series {
            Series::Words => &self.words,
            Series::Pairs => &self.pairs,
        };
        &keys[text].entry
    }

    /// How many documents there are.
    pub(super) fn documents(&self) -> u32 {
        self.documents
    }

    /// The keys updated since the last call, words then pairs; the order
    /// of the keys, if it is kept, takes in those made and dropped.
    pub(super) fn take_touched(&mut self) -> [FxHashSet<Box<str>>; 2] {
        let touched = std::mem::take(&mut self.touched);
        if let Some([words, pairs]) = &mut self.order {
            let length = Key::entry_length;
            reorder(words, &self.words, &touched[Series::Words as usize], length);
            reorder(pairs, &self.pairs, &touched[Series::Pairs as usize], length);
        }
        touched
    }

    /// Puts the shards; returns the first key of each, words then pairs.
    pub(super) fn put(&self, sink: &dyn Sink) -> Result<(Vec<String>, Vec<String>)> {
        let words = put_shards(sink, "words", &self.words, self.documents)?;
        let pairs = put_shards(sink, "pairs", &self.pairs, self.documents)?;
        Ok((words, pairs))
    }
}

/// Every key of `document`, and whether it is in the title.
fn keys_of(document: &Document) -> FxHashMap<(Series, &str), bool> {
    let mut keys: FxHashMap<(Series, &str), bool> = FxHashMap::default();
    for_each_key(&document.words, |series, text, in_title| {
        *keys.entry((series, text)).or_default() |= in_title;
    });
    keys
}

/// The two kinds of key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Series {
    /// One word.
    Words,
    /// Two words that follow one another in a passage.
    Pairs,
}

/// Calls `found` with every word and pair of `words` (a [`Document`]'s),
/// and whether it is in the title.
fn for_each_key<'w>(words: &'w str, mut found: impl FnMut(Series, &'w str, bool)) {
    for (i, passage) in words.split_terminator('\n').enumerate() {
        let in_title = i == 0;
        let mut previous: Option<usize> = None;
        let mut start = 0;
        while let Some(space) = passage[start..].find(' ') {
            let end = start + space;
            found(Series::Words, &passage[start..end], in_title);
            if let Some(before) = previous {
                found(Series::Pairs, &passage[before..end], in_title);
            }
            previous = Some(start);
            start = end + 1;
        }
    }
}

/// The chunks of documents, each put as soon as it is full.
pub(super) struct Chunks<'s> {
    sink: &'s dyn Sink,
    /// The chunk being filled.
    chunk: ScriptArray,
    /// How many documents each chunk holds, the one being filled included.
    counts: Vec<u32>,
}

impl<'s> Chunks<'s> {
    pub(super) fn new(sink: &'s dyn Sink) -> Chunks<'s> {
        Chunks {
            sink,
            chunk: ScriptArray::new("docs-0", CHUNK_BYTES),
            counts: vec![0],
        }
    }

    /// Takes in the next document.
    pub(super) fn add(&mut self, document: &Document) -> Result<()> {
        if starts_a_chunk(self.chunk.len(), document) {
            let next = ScriptArray::new(&format!("docs-{}", self.counts.len()), CHUNK_BYTES);
            self.sink
                .put(std::mem::replace(&mut self.chunk, next).finish())?;
            self.counts.push(0);
        }
        self.chunk.push(&document.shown);
        *self.counts.last_mut().expect("there is always a chunk") += 1;
        Ok(())
    }

    /// Puts the last chunk; returns how many documents each chunk holds.
    pub(super) fn finish(mut self) -> Result<Vec<u32>> {
        if self.chunk.is_empty() {
            self.counts.pop();
        } else {
            self.sink.put(self.chunk.finish())?;
        }
        Ok(self.counts)
    }
}

/// Whether `document` goes to a new chunk after one holding `filled`
/// bytes of entries.
pub(super) fn starts_a_chunk(filled: usize, document: &Document) -> bool {
    filled > 0 && filled + document.shown.len() > CHUNK_BYTES
}

/// Whether a shard holding `filled` bytes of entries is full.
pub(super) fn closes_a_shard(filled: usize) -> bool {
    filled >= SHARD_BYTES
}

/// Puts `search/index.js`, which tells a query where everything is.
pub(super) fn put_index(
    sink: &dyn Sink,
    postings: &Postings,
    (words, pairs): (Vec<String>, Vec<String>),
    chunks: Vec<u32>,
) -> Result<()> {
    let index = Index {
        documents: postings.documents(),
        longest_word: super::words::LONGEST_WORD,
        words,
        pairs,
        chunks,
    };
    sink.put(script("index", &escape::json_in_script(&index)))
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
    /// The key's entry in its shard, when [`Postings::encode`] has made it.
    entry: String,
}

impl Key {
    /// The key's entry: as encoded, or encoded now.
    fn entry(&self, text: &str, documents: u32) -> Cow<'_, str> {
        match self.entry.as_str() {
            "" => Cow::Owned(self.encode(text, documents)),
            entry => Cow::Borrowed(entry),
        }
    }

    /// The length of the key's entry, as encoded.
    fn entry_length(&self) -> usize {
        self.entry.len()
    }

    fn add(&mut self, document: u32, in_title: bool) {
        self.all.add(document);
        if in_title {
            self.in_title.add(document);
        }
    }

    /// The key's entry in its shard: `"text","all","title"`.
    fn encode(&self, text: &str, documents: u32) -> String {
        let entry = [
            text,
            &self.all.encode(documents),
            &self.in_title.encode(documents),
        ];
        let json = escape::json_in_script(&entry);
        json[1..json.len() - 1].to_owned()
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
    /// Adds `document`, which is no lower than any in the set.
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

    /// Puts `document` in the set or takes it out.
    fn set(&mut self, document: u32, member: bool) {
        let mut documents: Vec<u32> = self.documents().collect();
        match (documents.binary_search(&document), member) {
            (Err(at), true) => documents.insert(at, document),
            (Ok(at), false) => {
                documents.remove(at);
            }
            _ => return,
        }
        *self = DocumentSet::default();
        for document in documents {
            self.add(document);
        }
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
    keys: &FxHashMap<Box<str>, Key>,
    documents: u32,
) -> Result<Vec<String>> {
    let keys = in_javascripts_order(keys);
    let mut firsts = Vec::new();
    let mut shard: Option<ScriptArray> = None;
    for batch in keys.chunks(KEYS_AT_A_TIME) {
        let encoded: Vec<(&str, Cow<'_, str>)> = batch
            .par_iter()
            .map(|&(text, key)| (text, key.entry(text, documents)))
            .collect();
        for (text, entry) in encoded {
            let filling = shard.get_or_insert_with(|| {
                firsts.push(text.to_owned());
                ScriptArray::new(&format!("{series}-{}", firsts.len() - 1), SHARD_BYTES)
            });
            filling.push(&entry);
            if closes_a_shard(filling.len()) {
                sink.put(shard.take().expect("just filled").finish())?;
            }
        }
    }
    if let Some(last) = shard {
        sink.put(last.finish())?;
    }
    Ok(firsts)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

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

    fn document(text: &str) -> Document {
        let mut words = String::new();
        for line in text.lines() {
            super::super::words::push_words(&mut words, line);
            words.push('\n');
        }
        Document {
            shown: String::new(),
            words,
        }
    }

    fn shards(postings: &Postings) -> Vec<(PathBuf, Vec<u8>)> {
        let sink = crate::render::MemorySink::default();
        postings.put(&sink).unwrap();
        sink.into_files()
            .into_iter()
            .map(|f| (f.path, f.contents))
            .collect()
    }

    #[test]
    fn a_document_updated_in_place_leaves_the_postings_a_fresh_start_makes() {
        let texts = [
            "Harbour levy\nThe levy rose",
            "Quay works\nThe quay closed",
            "Levy vote\nA vote on the levy",
        ];
        let edited = "Harbour levy falls\nThe levy fell; the quay reopened";
        let mut live = Postings::default();
        for text in texts {
            live.add(&document(text));
        }
        live.encode();
        live.update(0, &document(texts[0]), &document(edited));
        let mut fresh = Postings::default();
        for text in [edited, texts[1], texts[2]] {
            fresh.add(&document(text));
        }
        assert_eq!(shards(&live), shards(&fresh));
        assert!(
            !live.words.contains_key("rose"),
            "a word no document holds is dropped"
        );
    }
}
