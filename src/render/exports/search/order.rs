//! The order of the search index's keys: JavaScript's order of strings
//! (by UTF-16 code units), in which a reader's query looks them up by
//! bisection. A build sorts them once; `serve` keeps the order and brings
//! it up to date after each edit.

use std::cmp::Ordering;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

/// A key in the order of the shards, with the length of its entry there:
/// all that cutting the shards takes, so that `serve` looks up only the
/// keys of the shards it puts again (at 10,000 articles, looking up every
/// key after each edit took 11 ms).
pub(super) struct Placed {
    pub(super) text: Box<str>,
    /// The length in bytes of the key's entry.
    pub(super) length: usize,
}

/// The keys of `keys` in JavaScript's order, each placed with the length
/// of its entry, `length`.
pub(super) fn placed<V: Sync>(
    keys: &FxHashMap<Box<str>, V>,
    length: impl Fn(&V) -> usize + Sync,
) -> Vec<Placed> {
    in_javascripts_order(keys)
        .into_par_iter()
        .map(|(text, key)| Placed {
            text: text.into(),
            length: length(key),
        })
        .collect()
}

/// Brings `order`, the keys of a series in JavaScript's order before an
/// update, up to the series' `keys` after it, `touched` being every key
/// the update moved a document in or out of: the keys made go in at their
/// places, found by bisection, the keys dropped go, in one pass that
/// compares no two keys, and the other touched keys take the length of
/// their entries now, `length`.
pub(super) fn reorder<V>(
    order: &mut Vec<Placed>,
    keys: &FxHashMap<Box<str>, V>,
    touched: &FxHashSet<Box<str>>,
    length: impl Fn(&V) -> usize,
) {
    let place =
        |order: &[Placed], text: &str| order.binary_search_by(|key| utf16_order(&key.text, text));
    let mut made: Vec<(&str, &V)> = Vec::new();
    let mut dropped: Vec<usize> = Vec::new();
    for text in touched {
        match (keys.get(text), place(order, text)) {
            (Some(key), Err(_)) => made.push((text, key)),
            (Some(key), Ok(at)) => order[at].length = length(key),
            (None, Ok(at)) => dropped.push(at),
            (None, Err(_)) => {}
        }
    }
    if made.is_empty() && dropped.is_empty() {
        return;
    }
    made.sort_unstable_by(|(a, _), (b, _)| utf16_order(a, b));
    dropped.sort_unstable();
    let made: Vec<(usize, Placed)> = made
        .into_iter()
        .map(|(text, key)| {
            let at = place(order, text).unwrap_or_else(|at| at);
            let placed = Placed {
                text: text.into(),
                length: length(key),
            };
            (at, placed)
        })
        .collect();
    let mut made = made.into_iter().peekable();
    let mut dropped = dropped.into_iter().peekable();
    let old = std::mem::take(order);
    order.reserve(old.len() + made.len());
    for (at, key) in old.into_iter().enumerate() {
        while let Some((_, placed)) = made.next_if(|(place, _)| *place == at) {
            order.push(placed);
        }
        if dropped.next_if_eq(&at).is_none() {
            order.push(key);
        }
    }
    order.extend(made.map(|(_, placed)| placed));
}

/// The keys of `keys`, in the order of the shards.
pub(super) fn in_javascripts_order<V: Sync>(keys: &FxHashMap<Box<str>, V>) -> Vec<(&str, &V)> {
    let mut keys: Vec<(&str, &V)> = keys.iter().map(|(text, key)| (&**text, key)).collect();
    sort_in_javascripts_order(&mut keys);
    keys
}

/// Sorts `keys` by their text as JavaScript orders strings, by UTF-16 code
/// units ([`utf16_order`]). That is the order of their bytes unless a key
/// holds a character beyond U+FFFF (four bytes in UTF-8, the first from
/// 0xF0), which few dossiers' words do; only then is each comparison made
/// in code units, which takes more than twice as long (a build sorts
/// 160,000 keys at 10,000 articles).
fn sort_in_javascripts_order<T: Send>(keys: &mut [(&str, T)]) {
    let astral = keys
        .iter()
        .any(|(text, _)| text.bytes().any(|byte| byte >= 0xF0));
    if astral {
        keys.par_sort_unstable_by(|(a, _), (b, _)| utf16_order(a, b));
    } else {
        keys.par_sort_unstable_by(|(a, _), (b, _)| a.cmp(b));
    }
}

/// How JavaScript orders strings: by UTF-16 code units, which differs from
/// Rust's order (by code points) only around the astral planes.
pub(super) fn utf16_order(a: &str, b: &str) -> Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_in_javascripts_order() {
        let mut keys = ["\u{ff21}", "𠀀", "a"];
        keys.sort_by(|a, b| utf16_order(a, b));
        assert_eq!(keys, ["a", "𠀀", "\u{ff21}"]);
    }

    #[test]
    fn keys_are_sorted_by_bytes_only_where_that_is_javascripts_order() {
        // Characters on each side of the place where the order of bytes and
        // that of UTF-16 units part: ASCII, two- and three-byte ones below
        // and above the surrogates (CJK, full-width forms), and astral ones
        // (whose four bytes start with 0xF0).
        let bmp = "azé\u{d7ff}中文\u{e000}\u{ff21}\u{ffff}";
        for alphabet in [bmp.to_owned(), format!("{bmp}𠀀😀")] {
            let mut texts = vec![String::new()];
            for _ in 0..2 {
                let longer: Vec<String> = texts
                    .iter()
                    .flat_map(|s| alphabet.chars().map(move |c| format!("{s}{c}")))
                    .collect();
                texts.extend(longer);
            }
            let mut keys: Vec<(&str, ())> = texts.iter().rev().map(|t| (t.as_str(), ())).collect();
            sort_in_javascripts_order(&mut keys);
            let sorted: Vec<&str> = keys.iter().map(|(t, _)| *t).collect();
            let mut expected: Vec<&str> = texts.iter().map(String::as_str).collect();
            expected.sort_by(|a, b| a.encode_utf16().cmp(b.encode_utf16()));
            assert_eq!(sorted, expected, "keys made of {alphabet}");
        }
    }
}
