//! Putting the index again after an edit, in `serve`: only the chunks and
//! shards that would come out different from the last put's. An edit to
//! one claim changes a chunk of documents and the shards of the words it
//! moved; the other files (90 MB at 10,000 articles) stand.
//!
//! A chunk's file is its number and its documents' entries, so it is the
//! same while it has the same number and documents and none of them
//! changed. A shard's file is its number and its keys' entries; its keys
//! are those between its first and last, so it is the same while it has
//! the same number, first and last key and count, and no key between the
//! first and last (present or dropped) was touched.

use std::ops::Range;

use rayon::prelude::*;
use rustc_hash::FxHashSet;

use super::index::{self, Document, Postings, Series, closes_a_shard, starts_a_chunk};
use super::order::utf16_order;
use super::script::ScriptArray;
use crate::error::Result;
use crate::render::Sink;

/// The chunks and shards as the last put made them.
#[derive(Debug, Default)]
pub(super) struct Written {
    /// The documents of each chunk.
    chunks: Vec<Range<u32>>,
    /// The keys of each shard, words then pairs.
    shards: [Vec<ShardKeys>; 2],
}

/// Which keys a shard holds: all those from `first` to `last`.
#[derive(Debug, PartialEq, Eq)]
struct ShardKeys {
    first: Box<str>,
    last: Box<str>,
    count: usize,
}

/// What changed since a put: the documents (by number) whose entries
/// changed, and the keys whose documents did, words then pairs.
#[derive(Debug, Default)]
pub(super) struct Touched {
    pub(super) documents: FxHashSet<u32>,
    pub(super) keys: [FxHashSet<Box<str>>; 2],
}

/// Puts the index of `documents` and their `postings` into `sink`, but for
/// the files that would be as `before` wrote them, `touched` being what
/// changed since; returns what it wrote and the site paths of the files
/// it left.
pub(super) fn put(
    sink: &dyn Sink,
    documents: &[&Document],
    postings: &Postings,
    before: Option<&Written>,
    touched: &Touched,
) -> Result<(Written, Vec<String>)> {
    let mut kept = Vec::new();
    let chunks = chunk_ranges(documents);
    let standing = |k: usize, range: &Range<u32>| {
        let same = before.and_then(|b| b.chunks.get(k)) == Some(range);
        same && !range.clone().any(|n| touched.documents.contains(&n))
    };
    let changed: Vec<usize> = (0..chunks.len())
        .filter(|&k| {
            let standing = standing(k, &chunks[k]);
            if standing {
                kept.push(format!("search/docs-{k}.js"));
            }
            !standing
        })
        .collect();
    changed.into_par_iter().try_for_each(|k| {
        let range = chunks[k].clone();
        let mut chunk = ScriptArray::new(&format!("docs-{k}"), index::CHUNK_BYTES);
        for document in &documents[range.start as usize..range.end as usize] {
            chunk.push(&document.shown);
        }
        sink.put(chunk.finish())
    })?;
    let mut firsts: [Vec<String>; 2] = Default::default();
    let mut shards: [Vec<ShardKeys>; 2] = Default::default();
    for (series, name) in [(Series::Words, "words"), (Series::Pairs, "pairs")] {
        let s = series as usize;
        let before = before.map_or(&[][..], |b| &b.shards[s][..]);
        let (made, left) = put_shards(sink, name, postings, series, before, &touched.keys[s])?;
        firsts[s] = made.iter().map(|keys| keys.first.to_string()).collect();
        shards[s] = made;
        kept.extend(left);
    }
    let counts = chunks.iter().map(|r| r.end - r.start).collect();
    let [words, pairs] = firsts;
    index::put_index(sink, postings, (words, pairs), counts)?;
    Ok((Written { chunks, shards }, kept))
}

/// The documents of each chunk, cut where [`starts_a_chunk`] says.
fn chunk_ranges(documents: &[&Document]) -> Vec<Range<u32>> {
    let mut ranges: Vec<Range<u32>> = Vec::new();
    let mut filled = 0;
    for (n, document) in (0u32..).zip(documents) {
        if ranges.is_empty() || starts_a_chunk(filled, document) {
            ranges.push(n..n);
            filled = 0;
        } else {
            filled += 1;
        }
        filled += document.shown.len();
        ranges.last_mut().expect("just made").end = n + 1;
    }
    ranges
}

/// Puts the shards of one series that differ from `before`; returns the
/// keys of every shard and the site paths of those left.
fn put_shards(
    sink: &dyn Sink,
    name: &str,
    postings: &Postings,
    series: Series,
    before: &[ShardKeys],
    touched: &FxHashSet<Box<str>>,
) -> Result<(Vec<ShardKeys>, Vec<String>)> {
    let keys = postings.placed(series);
    let mut cuts: Vec<Range<usize>> = Vec::new();
    let mut filled = 0;
    for (i, key) in keys.iter().enumerate() {
        if cuts.is_empty() || closes_a_shard(filled) {
            cuts.push(i..i);
            filled = 0;
        } else {
            filled += 1;
        }
        filled += key.length;
        cuts.last_mut().expect("just made").end = i + 1;
    }
    let mut touched: Vec<&str> = touched.iter().map(|t| &**t).collect();
    touched.sort_unstable_by(|a, b| utf16_order(a, b));
    let shards: Vec<ShardKeys> = cuts
        .iter()
        .map(|cut| ShardKeys {
            first: keys[cut.start].text.clone(),
            last: keys[cut.end - 1].text.clone(),
            count: cut.len(),
        })
        .collect();
    let standing = |j: usize| {
        let shard = &shards[j];
        let from = touched.partition_point(|t| utf16_order(t, &shard.first).is_lt());
        let untouched = touched
            .get(from)
            .is_none_or(|t| utf16_order(t, &shard.last).is_gt());
        before.get(j) == Some(shard) && untouched
    };
    let (left, changed): (Vec<usize>, Vec<usize>) = (0..cuts.len()).partition(|&j| standing(j));
    changed.into_par_iter().try_for_each(|j| {
        let mut shard = ScriptArray::new(&format!("{name}-{j}"), index::SHARD_BYTES);
        for key in &keys[cuts[j].clone()] {
            shard.push(postings.entry(series, &key.text));
        }
        sink.put(shard.finish())
    })?;
    let left = left.into_iter().map(|j| format!("search/{name}-{j}.js"));
    Ok((shards, left.collect()))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::render::MemorySink;

    /// A document of `words` (made-up words numbered from a small
    /// vocabulary, so that keys are shared, some of them beyond U+FFFF or
    /// just below it, where JavaScript's order of strings and Rust's
    /// part), shown as its first words.
    fn document(words: &[u32]) -> Document {
        let word = |w: &u32| match w % 13 {
            0 => format!("\u{1D4B3}{w}"),
            1 => format!("\u{FF5A}{w}"),
            _ => format!("w{w}"),
        };
        let text: Vec<String> = words.iter().map(word).collect();
        Document {
            shown: format!("[\"{}\"]", text.join(" ")),
            words: format!("{} \n", text.join(" ")),
        }
    }

    /// Every file a put writes, by path.
    fn files_of(
        documents: &[Document],
        postings: &Postings,
        before: Option<&Written>,
        touched: &Touched,
    ) -> (BTreeMap<String, Vec<u8>>, Written, Vec<String>) {
        let sink = MemorySink::default();
        let refs: Vec<&Document> = documents.iter().collect();
        let (written, left) = put(&sink, &refs, postings, before, touched).unwrap();
        let files = sink.into_files().into_iter();
        let files = files.map(|f| (f.path.to_string_lossy().into_owned(), f.contents));
        (files.collect(), written, left)
    }

    /// The index after each edit, made from the files the last put left
    /// and those it wrote, is the index a first put of the edited
    /// documents makes: with keys made and dropped at the shards' edges,
    /// and documents growing past their chunk's end.
    #[test]
    fn a_put_after_edits_leaves_the_files_a_first_put_makes() {
        let mut seed = 7u64;
        let mut next = move |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        let mut documents: Vec<Document> = (0..300)
            .map(|_| {
                let words: Vec<u32> = (0..40).map(|_| next(3000) as u32).collect();
                document(&words)
            })
            .collect();
        let mut postings = Postings::default();
        for d in &documents {
            postings.add(d);
        }
        postings.encode();
        let nothing = Touched::default();
        let (mut site, mut written, left) = files_of(&documents, &postings, None, &nothing);
        assert!(left.is_empty());
        assert!(
            site.keys().filter(|p| p.contains("words-")).count() > 3,
            "{:?}",
            site.keys()
        );
        assert!(site.keys().filter(|p| p.contains("docs-")).count() > 3);
        for edit in 0..40 {
            let n = next(documents.len() as u64) as usize;
            let length = if edit % 5 == 0 { 400 } else { 1 + next(60) };
            let words: Vec<u32> = (0..length).map(|_| next(3500) as u32).collect();
            let new = document(&words);
            postings.update(n as u32, &documents[n], &new);
            let old = std::mem::replace(&mut documents[n], new);
            let touched = Touched {
                documents: (old.shown != documents[n].shown)
                    .then_some(n as u32)
                    .into_iter()
                    .collect(),
                keys: postings.take_touched(),
            };
            let (fresh, now, left) = files_of(&documents, &postings, Some(&written), &touched);
            site.retain(|path, _| left.contains(path));
            assert_eq!(site.len(), left.len(), "every file left was there");
            site.extend(fresh);
            let mut first = Postings::default();
            for d in &documents {
                first.add(d);
            }
            first.encode();
            let (whole, _, _) = files_of(&documents, &first, None, &nothing);
            assert_eq!(site, whole, "after edit {edit}");
            written = now;
        }
    }
}
