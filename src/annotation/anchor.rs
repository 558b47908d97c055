//! Finding each quoted passage in its article's visible text.
//!
//! All quotes of one article are searched in a single Aho–Corasick pass over
//! the normalised text (see [`crate::text`]), so the cost is linear in the
//! article's size whatever the number of quotes. A quote must match exactly
//! once; `prefix`/`suffix` pick one occurrence among several. When a quote
//! is missing, the closest passage and what differs are reported (see
//! [`nearest`](super::nearest)), because the usual cause is a word the
//! editor or the outlet changed.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::nearest::{Nearest, nearest};
use crate::id::Id;
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
    /// The quote is not in the article; the closest passage, if any is close.
    NotFound(Option<Nearest>),
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

/// One place a quote occurs, with the words around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    /// Up to a few words before the quote.
    pub before: String,
    /// Up to a few words after it.
    pub after: String,
}

impl Miss {
    /// A message and, where one is likely, a hint for the editor.
    pub fn describe(&self, article: &Id) -> (String, Option<String>) {
        match self {
            Miss::Empty => ("the quote is empty".to_owned(), None),
            Miss::NotFound(None) => (
                format!("quote not found in article `{article}`"),
                Some("no passage there is close to it; is `article` the right report?".to_owned()),
            ),
            Miss::NotFound(Some(near)) => (
                format!("quote not found in article `{article}`"),
                Some(describe_nearest(near)),
            ),
            Miss::Ambiguous { count, places } => (
                format!(
                    "quote occurs {count} times in article `{article}`; add `prefix` or `suffix` to pick one"
                ),
                Some(describe_places(places)),
            ),
            Miss::ContextMismatch(places) => (
                format!(
                    "quote occurs in article `{article}`, but never with the given `prefix`/`suffix`"
                ),
                Some(describe_places(places)),
            ),
        }
    }
}

fn describe_nearest(near: &Nearest) -> String {
    let changes: Vec<String> = near
        .changes
        .iter()
        .take(3)
        .map(|c| match (c.quote.is_empty(), c.article.is_empty()) {
            (true, _) => format!("it adds “{}”", c.article),
            (_, true) => format!("it lacks “{}”", c.quote),
            _ => format!("it has “{}” where the quote has “{}”", c.article, c.quote),
        })
        .collect();
    format!(
        "the closest passage reads “{}”: {}",
        near.passage,
        changes.join("; ")
    )
}

fn describe_places(places: &[Occurrence]) -> String {
    let listed: Vec<String> = places
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let pick = match (p.before.is_empty(), p.after.is_empty()) {
                (false, _) => format!("prefix = \"{}\"", p.before),
                (true, false) => format!("suffix = \"{}\"", p.after),
                (true, true) => "it is the whole text".to_owned(),
            };
            let before = if p.before.is_empty() {
                "the start".to_owned()
            } else {
                format!("“{}”", p.before)
            };
            let after = if p.after.is_empty() {
                "the end".to_owned()
            } else {
                format!("“{}”", p.after)
            };
            format!("({}) after {before}, before {after}: {pick}", i + 1)
        })
        .collect();
    format!("it occurs {}", listed.join("; "))
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
        [] if starts.is_empty() => Err(Miss::NotFound(nearest(text, quote))),
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
    fn a_missing_quote_reports_the_nearest_passage() {
        let text = "is purely ungrounded with ulterior motives, he said";
        let r = anchor_all(text, &[q("purely ungrounded and absurd")]);
        let Err(Miss::NotFound(Some(n))) = &r[0] else {
            panic!("{r:?}")
        };
        assert_eq!(n.passage, "purely ungrounded with ulterior");
        let (message, help) = r[0].clone().unwrap_err().describe(&Id::parse("a").unwrap());
        assert_eq!(message, "quote not found in article `a`");
        let help = help.unwrap();
        assert!(
            help.contains("“with ulterior” where the quote has “and absurd”"),
            "{help}"
        );
    }

    #[test]
    fn empty_and_absent_quotes() {
        let r = anchor_all("text", &[q("  "), q("zzz")]);
        assert_eq!(r[0], Err(Miss::Empty));
        assert_eq!(r[1], Err(Miss::NotFound(None)));
    }
}
