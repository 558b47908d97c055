//! Finding each quoted passage in its article's visible text.
//!
//! All quotes of one article are searched in a single Aho–Corasick pass over
//! the normalised text (see [`crate::text`]), so the cost is linear in the
//! article's size whatever the number of quotes. A quote must match exactly
//! once; `prefix`/`suffix` pick one occurrence among several. When a quote
//! is missing, the longest part of it that the article does contain is
//! reported, with where the two diverge, because the usual cause is a word
//! the editor or the outlet changed.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::text::{NormalizedText, normalize};

/// One passage to find, as the editor wrote it.
#[derive(Debug, Clone, Copy)]
pub struct Query<'a> {
    /// The exact words.
    pub quote: &'a str,
    /// Text just before the passage, to choose among repeats.
    pub prefix: Option<&'a str>,
    /// Text just after the passage, to choose among repeats.
    pub suffix: Option<&'a str>,
}

/// Why a passage could not be anchored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Miss {
    /// The quote is empty after normalisation.
    Empty,
    /// The quote is not in the article.
    NotFound(Option<Divergence>),
    /// The quote occurs `count` times and nothing picks one; the first few
    /// places are described.
    Ambiguous {
        /// How many times it occurs (with the given prefix/suffix, if any).
        count: usize,
        /// The first few occurrences.
        places: Vec<Occurrence>,
    },
    /// The quote occurs, but never with the given prefix/suffix.
    ContextMismatch(Vec<Occurrence>),
}

/// Where a missing quote and the article part ways.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Divergence {
    /// The longest leading (or trailing) part of the quote the article has.
    pub shared: String,
    /// Whether `shared` is the quote's start (else its end).
    pub from_start: bool,
    /// What the quote says next (or before).
    pub quote_says: String,
    /// What the article says there.
    pub article_says: String,
}

/// One place a quote occurs, with the words around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    /// Up to a few words before the quote.
    pub before: String,
    /// Up to a few words after it.
    pub after: String,
}

/// How many words of context describe an occurrence.
const CONTEXT_WORDS: usize = 4;
/// How many occurrences of an ambiguous quote are listed.
const MAX_OCCURRENCES: usize = 5;

/// Anchors every query in `text`, returning for each the byte range in
/// `text` or why it failed.
pub fn anchor_all(text: &str, queries: &[Query<'_>]) -> Vec<Result<Range<usize>, Miss>> {
    let norm = NormalizedText::new(text);
    let quotes: Vec<String> = queries.iter().map(|q| normalize(q.quote)).collect();
    let hits = find_occurrences(&norm.text, &quotes);
    queries
        .iter()
        .zip(&quotes)
        .zip(hits)
        .map(|((query, quote), starts)| {
            if quote.is_empty() {
                return Err(Miss::Empty);
            }
            let chosen = choose(&norm.text, quote, query, &starts)?;
            Ok(norm.original_range(chosen..chosen + quote.len()))
        })
        .collect()
}

/// The start of every (possibly overlapping) occurrence of each quote, found
/// in one pass.
fn find_occurrences(text: &str, quotes: &[String]) -> Vec<Vec<usize>> {
    let mut hits = vec![Vec::new(); quotes.len()];
    let searchable: Vec<(usize, &String)> = quotes
        .iter()
        .enumerate()
        .filter(|(_, q)| !q.is_empty())
        .collect();
    if searchable.is_empty() {
        return hits;
    }
    // A contiguous NFA builds in a fraction of a DFA's time and still scans
    // in linear time; with one automaton per article, building dominates.
    let automaton = AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .match_kind(MatchKind::Standard)
        .build(searchable.iter().map(|(_, q)| q.as_str()))
        .expect("literal quotes always build an automaton");
    for m in automaton.find_overlapping_iter(text) {
        hits[searchable[m.pattern().as_usize()].0].push(m.start());
    }
    hits
}

fn choose(text: &str, quote: &str, query: &Query<'_>, starts: &[usize]) -> Result<usize, Miss> {
    let prefix = query.prefix.map(normalize).filter(|p| !p.is_empty());
    let suffix = query.suffix.map(normalize).filter(|s| !s.is_empty());
    let fits = |&&start: &&usize| {
        let before = text[..start].trim_end();
        let after = text[start + quote.len()..].trim_start();
        prefix.as_ref().is_none_or(|p| before.ends_with(p.as_str()))
            && suffix
                .as_ref()
                .is_none_or(|s| after.starts_with(s.as_str()))
    };
    let chosen: Vec<usize> = starts.iter().filter(fits).copied().collect();
    match chosen.as_slice() {
        [only] => Ok(*only),
        [] if starts.is_empty() => Err(Miss::NotFound(diverge(text, quote))),
        [] => Err(Miss::ContextMismatch(occurrences(text, quote, starts))),
        many => Err(Miss::Ambiguous {
            count: many.len(),
            places: occurrences(text, quote, many),
        }),
    }
}

fn occurrences(text: &str, quote: &str, starts: &[usize]) -> Vec<Occurrence> {
    starts
        .iter()
        .take(MAX_OCCURRENCES)
        .map(|&start| Occurrence {
            before: last_words(&text[..start], CONTEXT_WORDS),
            after: first_words(&text[start + quote.len()..], CONTEXT_WORDS),
        })
        .collect()
}

/// Finds the longest start or end of `quote` present in `text` and what
/// follows (or precedes) it on each side.
fn diverge(text: &str, quote: &str) -> Option<Divergence> {
    let head = longest_present(text, quote, true);
    let tail = longest_present(text, quote, false);
    let (len, from_start) = if head >= tail {
        (head, true)
    } else {
        (tail, false)
    };
    if len == 0 {
        return None;
    }
    let (shared, rest) = if from_start {
        (&quote[..len], &quote[len..])
    } else {
        (&quote[quote.len() - len..], &quote[..quote.len() - len])
    };
    let at = text.find(shared).expect("shared part was found");
    let (quote_says, article_says) = if from_start {
        (
            first_words(rest, CONTEXT_WORDS),
            first_words(&text[at + shared.len()..], CONTEXT_WORDS),
        )
    } else {
        (
            last_words(rest, CONTEXT_WORDS),
            last_words(&text[..at], CONTEXT_WORDS),
        )
    };
    Some(Divergence {
        shared: shared.to_owned(),
        from_start,
        quote_says,
        article_says,
    })
}

/// Length in bytes of the longest prefix (or suffix) of `quote` occurring in
/// `text`, by binary search over character boundaries.
fn longest_present(text: &str, quote: &str, from_start: bool) -> usize {
    let bounds: Vec<usize> = (1..=quote.len())
        .filter(|&i| quote.is_char_boundary(i))
        .collect();
    let part = |len: usize| {
        if from_start {
            &quote[..len]
        } else {
            &quote[quote.len() - len..]
        }
    };
    let (mut lo, mut hi) = (0, bounds.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let len = if from_start {
            bounds[mid - 1]
        } else {
            quote.len() - boundary_from_end(quote, mid)
        };
        if text.contains(part(len)) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    match lo {
        0 => 0,
        n if from_start => bounds[n - 1],
        n => quote.len() - boundary_from_end(quote, n),
    }
}

/// The byte index where the last `chars` characters of `s` begin.
fn boundary_from_end(s: &str, chars: usize) -> usize {
    s.char_indices().rev().nth(chars - 1).map_or(0, |(i, _)| i)
}

fn first_words(s: &str, n: usize) -> String {
    s.split_whitespace().take(n).collect::<Vec<_>>().join(" ")
}

fn last_words(s: &str, n: usize) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    words[words.len().saturating_sub(n)..].join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(quote: &str) -> Query<'_> {
        Query {
            quote,
            prefix: None,
            suffix: None,
        }
    }

    #[test]
    fn anchors_typographic_text_from_plain_quotes() {
        let text = "He said “purely  ungrounded” and left.";
        let r = anchor_all(text, &[q("\"purely ungrounded\"")]);
        assert_eq!(&text[r[0].clone().unwrap()], "“purely  ungrounded”");
    }

    #[test]
    fn many_quotes_one_pass_including_overlaps() {
        let text = "one two three four";
        let r = anchor_all(text, &[q("one two three"), q("two three four"), q("three")]);
        let got: Vec<&str> = r.iter().map(|r| &text[r.clone().unwrap()]).collect();
        assert_eq!(got, ["one two three", "two three four", "three"]);
    }

    #[test]
    fn repeats_need_prefix_or_suffix() {
        let text = "the US said no. Then China said no. Later the US said no again.";
        let r = anchor_all(text, &[q("said no")]);
        match &r[0] {
            Err(Miss::Ambiguous { count, places }) => {
                assert_eq!((*count, places.len()), (3, 3));
                assert_eq!(places[1].before, "said no. Then China");
            }
            other => panic!("{other:?}"),
        }
        let pick = Query {
            quote: "said no",
            prefix: Some("China"),
            suffix: None,
        };
        let r = anchor_all(text, &[pick]);
        assert_eq!(
            r[0].clone().unwrap().start,
            text.find("China said").unwrap() + "China ".len()
        );
        let pick = Query {
            quote: "said no",
            prefix: None,
            suffix: Some("again"),
        };
        let r = anchor_all(text, &[pick]);
        assert_eq!(r[0].clone().unwrap().start, text.rfind("said no").unwrap());
        let wrong = Query {
            quote: "said no",
            prefix: Some("Russia"),
            suffix: None,
        };
        assert!(
            matches!(&anchor_all(text, &[wrong])[0], Err(Miss::ContextMismatch(p)) if p.len() == 3)
        );
    }

    #[test]
    fn a_missing_quote_reports_where_it_diverges() {
        let text = "is purely ungrounded with ulterior motives, he said";
        let r = anchor_all(text, &[q("purely ungrounded and absurd")]);
        let Err(Miss::NotFound(Some(d))) = &r[0] else {
            panic!("{r:?}")
        };
        assert_eq!(d.shared, "purely ungrounded ");
        assert!(d.from_start);
        assert_eq!(d.quote_says, "and absurd");
        assert_eq!(d.article_says, "with ulterior motives, he");
    }

    #[test]
    fn a_missing_quote_can_diverge_at_its_start() {
        let text = "has never conducted the theft of trade secrets";
        let r = anchor_all(text, &[q("never engaged in the theft of trade secrets")]);
        let Err(Miss::NotFound(Some(d))) = &r[0] else {
            panic!("{r:?}")
        };
        assert!(!d.from_start);
        assert_eq!(d.shared, " the theft of trade secrets");
        assert_eq!(d.article_says, "has never conducted");
    }

    #[test]
    fn empty_and_absent_quotes() {
        let r = anchor_all("text", &[q("  "), q("zzz")]);
        assert_eq!(r[0], Err(Miss::Empty));
        assert_eq!(r[1], Err(Miss::NotFound(None)));
    }
}
