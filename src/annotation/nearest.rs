//! Finding the passage of an article most like a quote that is not in it,
//! and saying what differs, in the spirit of annotation tools' fuzzy
//! re-anchoring: an editor's quote usually misses because one or two words
//! were changed, added or dropped, by the editor or by the outlet.
//!
//! Words are compared case-insensitively without surrounding punctuation.
//! A sliding window the length of the quote finds where most of its words
//! are (linear in the article), then a word-level longest common subsequence
//! aligns the quote with that passage to name the differences.

use std::collections::HashMap;

use crate::text::{common_subsequence, word_key};

/// The closest passage and how it differs from the quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nearest {
    /// The passage, as normalised text.
    pub passage: String,
    /// Where the quote and the passage part ways, in order.
    pub changes: Vec<Change>,
}

/// One difference: words the quote has where the passage has others
/// (either side may be empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The quote's words here.
    pub quote: String,
    /// The article's words here.
    pub article: String,
}

/// The least share of the quote's words the passage must contain.
const MIN_SIMILARITY: f64 = 0.5;
/// Words of slack around the best window, to catch insertions.
const SLACK: usize = 3;

/// A word and where it is.
struct Word<'t> {
    text: &'t str,
    key: String,
    start: usize,
    end: usize,
}

fn words(text: &str) -> Vec<Word<'_>> {
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                let text = &text[s..i];
                let key = word_key(text);
                words.push(Word {
                    text,
                    key,
                    start: s,
                    end: i,
                });
                start = None;
            }
            _ => {}
        }
    }
    words
}

/// The passage of `text` (normalised) most like `quote` (normalised), if at
/// least half of the quote's words are in it.
pub fn nearest(text: &str, quote: &str) -> Option<Nearest> {
    let quote_words = words(quote);
    let article_words = words(text);
    if quote_words.is_empty() || article_words.is_empty() {
        return None;
    }
    let size = window_size(quote_words.len()).min(article_words.len());
    let start = best_window(&quote_words, &article_words, size);
    let from = start.saturating_sub(SLACK);
    let to = (start + size + SLACK).min(article_words.len());
    let window = &article_words[from..to];
    let needed = (MIN_SIMILARITY * quote_words.len() as f64).ceil() as usize;
    let pairs = trim_stragglers(align(&quote_words, window), needed);
    if pairs.len() < needed {
        return None;
    }
    let first = pairs.first()?.1;
    let last = pairs
        .last()?
        .1
        .max(first + quote_words.len().saturating_sub(1))
        .min(window.len() - 1);
    let passage = &text[window[first].start..window[last].end];
    Some(Nearest {
        passage: passage.to_owned(),
        changes: changes(&quote_words, &window[first..=last], &pairs, first),
    })
}

/// How many article words to weigh against a quote of `quote_len` words:
/// half as many again, so words the article has in between still count.
fn window_size(quote_len: usize) -> usize {
    quote_len + quote_len / 2 + 2
}

/// The start of the `size`-word window holding the most of the quote's
/// words, counted with multiplicity.
fn best_window(quote: &[Word<'_>], article: &[Word<'_>], size: usize) -> usize {
    let mut wanted: HashMap<&str, i64> = HashMap::new();
    for w in quote {
        *wanted.entry(w.key.as_str()).or_default() += 1;
    }
    let mut have: HashMap<&str, i64> = HashMap::new();
    let mut score = 0i64;
    let (mut best, mut best_score) = (0, -1);
    for (i, w) in article.iter().enumerate() {
        let count = have.entry(w.key.as_str()).or_default();
        *count += 1;
        if *count <= wanted.get(w.key.as_str()).copied().unwrap_or(0) {
            score += 1;
        }
        if i >= size {
            let out = article[i - size].key.as_str();
            let count = have.get_mut(out).expect("counted on the way in");
            if *count <= wanted.get(out).copied().unwrap_or(0) {
                score -= 1;
            }
            *count -= 1;
        }
        if i + 1 >= size && score > best_score {
            best_score = score;
            best = i + 1 - size;
        }
    }
    best
}

/// Longest common subsequence of words: the matched (quote, window) index
/// pairs, in order.
fn align(quote: &[Word<'_>], window: &[Word<'_>]) -> Vec<(usize, usize)> {
    let quote: Vec<&str> = quote.iter().map(|w| w.key.as_str()).collect();
    let window: Vec<&str> = window.iter().map(|w| w.key.as_str()).collect();
    common_subsequence(&quote, &window)
}

/// Drops matches at either end that are far from the rest in the article
/// but not in the quote, as long as `needed` matches remain: a common word
/// picked up further along ("and") would otherwise stretch the passage past
/// where it really diverges.
fn trim_stragglers(mut pairs: Vec<(usize, usize)>, needed: usize) -> Vec<(usize, usize)> {
    let stretched = |a: (usize, usize), b: (usize, usize)| (b.1 - a.1) > (b.0 - a.0) + 2;
    while pairs.len() > needed && stretched(pairs[pairs.len() - 2], pairs[pairs.len() - 1]) {
        pairs.pop();
    }
    while pairs.len() > needed && stretched(pairs[0], pairs[1]) {
        pairs.remove(0);
    }
    pairs
}

/// The runs of unmatched words between matched ones, on both sides; when
/// there are none, the matched words that differ all the same.
fn changes(
    quote: &[Word<'_>],
    passage: &[Word<'_>],
    pairs: &[(usize, usize)],
    offset: usize,
) -> Vec<Change> {
    let join = |ws: &[Word<'_>]| ws.iter().map(|w| w.text).collect::<Vec<_>>().join(" ");
    let mut changes = Vec::new();
    let (mut qi, mut pi) = (0, 0);
    let ends = pairs
        .iter()
        .map(|&(q, p)| (q, p - offset))
        .chain(std::iter::once((quote.len(), passage.len())));
    for (q, p) in ends {
        let (q_run, p_run) = (&quote[qi..q.max(qi)], &passage[pi..p.max(pi)]);
        if !q_run.is_empty() || !p_run.is_empty() {
            changes.push(Change {
                quote: join(q_run),
                article: join(p_run),
            });
        }
        qi = q + 1;
        pi = p + 1;
    }
    if changes.is_empty() {
        changes = subtle_changes(quote, passage, pairs, offset);
    }
    changes
}

/// The matched words that differ all the same, in letter case, punctuation
/// or characters that look alike: what tells a quote from a passage when
/// no word is missing or changed.
fn subtle_changes(
    quote: &[Word<'_>],
    passage: &[Word<'_>],
    pairs: &[(usize, usize)],
    offset: usize,
) -> Vec<Change> {
    pairs
        .iter()
        .map(|&(q, p)| (quote[q].text, passage[p - offset].text))
        .filter(|(q, p)| q != p)
        .map(|(q, p)| Change {
            quote: q.to_owned(),
            article: p.to_owned(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_a_changed_ending() {
        let text = "He said it is purely ungrounded with ulterior motives, and left the room.";
        let n = nearest(text, "it is purely ungrounded and absurd").unwrap();
        assert_eq!(n.passage, "it is purely ungrounded with ulterior");
        assert_eq!(
            n.changes,
            [Change {
                quote: "and absurd".into(),
                article: "with ulterior".into()
            }]
        );
    }

    #[test]
    fn names_a_changed_word_in_the_middle_and_ignores_case_and_punctuation() {
        let text = "Officials said China has never engaged in the theft of trade secrets. Next.";
        let n = nearest(
            text,
            "china has never conducted in the Theft of trade secrets",
        )
        .unwrap();
        assert_eq!(
            n.passage,
            "China has never engaged in the theft of trade secrets."
        );
        assert_eq!(
            n.changes,
            [Change {
                quote: "conducted".into(),
                article: "engaged".into()
            }]
        );
    }

    #[test]
    fn names_dropped_and_added_words() {
        let text = "alpha beta gamma delta epsilon zeta eta";
        let n = nearest(text, "beta gamma extra delta zeta").unwrap();
        assert_eq!(
            n.changes,
            [
                Change {
                    quote: "extra".into(),
                    article: String::new()
                },
                Change {
                    quote: String::new(),
                    article: "epsilon".into()
                },
            ]
        );
    }

    #[test]
    fn words_the_article_adds_in_between_still_count() {
        let text = "Other things. Typos in a report are kept and marked, never corrected.";
        let n = nearest(text, "Typos are fixed").unwrap();
        assert!(
            n.passage.starts_with("Typos in a report are"),
            "{}",
            n.passage
        );
    }

    #[test]
    fn nothing_when_too_little_matches() {
        assert_eq!(
            nearest(
                "completely different words here",
                "nothing in common at all"
            ),
            None
        );
    }
}
