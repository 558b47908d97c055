//! Finding each quoted passage in its article's visible text.
//!
//! All quotes of one article are searched in a single Aho–Corasick pass over
//! the normalised text (see [`crate::text`]), so the cost is linear in the
//! article's size whatever the number of quotes. Only occurrences that
//! start and end on word boundaries count: "1,000 crashes" is not found
//! inside "11,000 crashes". A quote must match exactly once;
//! `prefix`/`suffix` pick one occurrence among several. When a quote
//! is missing, the closest passage and what differs are reported (see
//! [`nearest`](super::nearest)), because the usual cause is a word the
//! editor or the outlet changed.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use unicode_segmentation::UnicodeSegmentation;

mod locate;

pub use locate::{Located, NotLocated, Selection, locate, locate_in};

use super::nearest::{Nearest, nearest};
use crate::id::Id;
use crate::text::{NormalizedText, is_word_boundary, normalize, word_around};

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
    /// The quote occurs only inside longer words or numbers: it would mark
    /// part of a word.
    MidWord(PartWord),
}

/// Where a quote found only inside a longer word cuts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartWord {
    /// Whether the quote's start (rather than its end) falls inside a word.
    pub at_start: bool,
    /// The word it cuts, as the article has it.
    pub word: String,
    /// The passage widened to whole words, as the article has it.
    pub whole: String,
}

/// One place a quote occurs, with the words around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    /// Up to a few words before the quote.
    pub before: String,
    /// Up to a few words after it.
    pub after: String,
    /// The shortest `prefix` or `suffix` that picks this place alone
    /// (both, when neither alone does within a sentence's worth of words).
    pub pick: Pick,
}

/// The context that tells one occurrence of a quote from the others, as
/// normalised text (see [`crate::text`]), which is how it is matched.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pick {
    /// The words just before the passage, if they are needed.
    pub prefix: Option<String>,
    /// The words just after it, if they are needed.
    pub suffix: Option<String>,
}

impl Pick {
    /// The `prefix`/`suffix` lines of TOML to add to an appearance, one per
    /// line.
    pub fn toml_lines(&self) -> String {
        let line = |key: &str, value: &Option<String>| {
            value
                .as_ref()
                .map(|v| format!("{key} = {}\n", crate::escape::toml_string(v)))
        };
        [line("prefix", &self.prefix), line("suffix", &self.suffix)]
            .into_iter()
            .flatten()
            .collect()
    }
}

impl std::fmt::Display for Pick {
    /// The lines of TOML joined in a sentence, for a hint.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.toml_lines().trim_end() {
            "" => f.write_str("it is the whole text"),
            lines => f.write_str(&lines.replace('\n', " and ")),
        }
    }
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
            Miss::MidWord(cut) => (
                format!(
                    "quote {} inside the word “{}” in article `{article}`",
                    if cut.at_start { "starts" } else { "ends" },
                    cut.word
                ),
                Some(format!(
                    "a quote must start and end on whole words or numbers; quote “{}”",
                    cut.whole
                )),
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
            _ => format!(
                "it has “{}” where the quote has “{}”{}",
                c.article,
                c.quote,
                how_alike(&c.article, &c.quote)
            ),
        })
        .collect();
    format!(
        "the closest passage reads “{}”: {}",
        near.passage,
        changes.join("; ")
    )
}

/// What tells two words apart when a reader could not: letter case, or
/// the code points of the first characters that differ when they look
/// alike or are invisible ("" when the difference is plain to see).
fn how_alike(article: &str, quote: &str) -> String {
    if article.to_lowercase() == quote.to_lowercase() {
        return " (only the letter case differs)".to_owned();
    }
    let differing = article.chars().zip(quote.chars()).find(|(a, q)| a != q);
    let subtle = |c: char| !c.is_ascii() || c.is_control();
    match differing {
        Some((a, q)) if subtle(a) || subtle(q) => format!(
            " (they differ in characters that look alike or are invisible: the article has U+{:04X}, the quote U+{:04X})",
            u32::from(a),
            u32::from(q)
        ),
        _ => String::new(),
    }
}

fn describe_places(places: &[Occurrence]) -> String {
    let listed: Vec<String> = places
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let pick = p.pick.to_string();
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
///
/// Occurrences are tallied as they are found rather than collected, so
/// that memory stays proportional to the queries whatever the number of
/// occurrences (a thousand claims quoting a word the article has a
/// hundred thousand times); equal quotes are searched for once.
pub fn anchor_all(text: &str, queries: &[Query<'_>]) -> Vec<Result<Range<usize>, Miss>> {
    anchor_all_in(text, &NormalizedText::new(text), queries)
}

/// [`anchor_all`] in `text` already normalised as `norm`, for callers that
/// anchor in the same text more than once.
pub fn anchor_all_in(
    text: &str,
    norm: &NormalizedText,
    queries: &[Query<'_>],
) -> Vec<Result<Range<usize>, Miss>> {
    let quotes: Vec<String> = queries.iter().map(|q| normalize(q.quote)).collect();
    let mut tallies: Vec<Tally> = queries.iter().map(Tally::new).collect();
    for_each_occurrence(&norm.text, &quotes, |pattern_queries, start, len| {
        let original = norm.original_range(start..start + len);
        let whole = !norm.splits_unit(start..start + len) && on_word_boundaries(text, original);
        for &q in pattern_queries {
            tallies[q].see(&norm.text, start, len, whole);
        }
    });
    quotes
        .iter()
        .zip(tallies)
        .map(|(quote, tally)| {
            if quote.is_empty() {
                return Err(Miss::Empty);
            }
            let original = |start: usize| norm.original_range(start..start + quote.len());
            let cut_word = |cut: usize| Miss::MidWord(part_word(text, original(cut)));
            tally.verdict(&norm.text, quote, cut_word).map(original)
        })
        .collect()
}

/// What the search found of one query, kept to what the verdict needs.
#[derive(Debug, Default)]
struct Tally {
    prefix: Option<String>,
    suffix: Option<String>,
    /// The first occurrence, whole words or not.
    first: Option<usize>,
    /// Occurrences on word boundaries: how many, and the first few.
    whole: usize,
    whole_listed: Vec<usize>,
    /// Of those, the ones that `prefix` and `suffix` allow.
    fitting: usize,
    fitting_listed: Vec<usize>,
}

impl Tally {
    fn new(query: &Query<'_>) -> Tally {
        Tally {
            prefix: query.prefix.map(normalize).filter(|p| !p.is_empty()),
            suffix: query.suffix.map(normalize).filter(|s| !s.is_empty()),
            ..Tally::default()
        }
    }

    /// Takes in an occurrence at `start` of the normalised `text`, `len`
    /// bytes long, on word boundaries or not (`whole`).
    fn see(&mut self, text: &str, start: usize, len: usize, whole: bool) {
        self.first.get_or_insert(start);
        if !whole {
            return;
        }
        self.whole += 1;
        if self.whole_listed.len() < MAX_OCCURRENCES {
            self.whole_listed.push(start);
        }
        let before = text[..start].trim_end();
        let after = text[start + len..].trim_start();
        let fits = self
            .prefix
            .as_ref()
            .is_none_or(|p| before.ends_with(p.as_str()))
            && self
                .suffix
                .as_ref()
                .is_none_or(|s| after.starts_with(s.as_str()));
        if fits {
            self.fitting += 1;
            if self.fitting_listed.len() < MAX_OCCURRENCES {
                self.fitting_listed.push(start);
            }
        }
    }

    /// The start of the one occurrence to anchor at in the normalised
    /// `text`, or why there is none; `cut_word` describes an occurrence
    /// found only inside longer words.
    fn verdict(
        self,
        text: &str,
        quote: &str,
        cut_word: impl FnOnce(usize) -> Miss,
    ) -> Result<usize, Miss> {
        match (self.first, self.whole, self.fitting) {
            (None, ..) => Err(Miss::NotFound(nearest(text, quote))),
            (Some(cut), 0, _) => Err(cut_word(cut)),
            (_, _, 1) => Ok(self.fitting_listed[0]),
            (_, _, 0) => Err(Miss::ContextMismatch(occurrences(
                text,
                quote,
                &self.whole_listed,
                self.whole,
            ))),
            (_, _, count) => Err(Miss::Ambiguous {
                count,
                places: occurrences(text, quote, &self.fitting_listed, self.whole),
            }),
        }
    }
}

/// Whether `range` of `text` starts and ends on word boundaries.
fn on_word_boundaries(text: &str, range: Range<usize>) -> bool {
    is_word_boundary(text, range.start) && is_word_boundary(text, range.end)
}

/// How `range`, which does not start or end on a word boundary, cuts a
/// word of `text`.
fn part_word(text: &str, range: Range<usize>) -> PartWord {
    let at_start = !is_word_boundary(text, range.start);
    let word = if at_start {
        word_around(text, range.start)
    } else {
        word_around(text, range.end - 1)
    };
    let start = word_around(text, range.start).start.min(range.start);
    let end = word_around(text, range.end - 1).end.max(range.end);
    PartWord {
        at_start,
        word: text[word].to_owned(),
        whole: normalize(&text[start..end]),
    }
}

/// Quotes longer than this are searched for on their own (with memchr's
/// two-way search, in constant memory) rather than in the automaton,
/// whose size grows with its patterns': a 20 MB quote would take gigabytes.
const LONG_QUOTE: usize = 4096;

/// Up to this many distinct short quotes, each is searched for on its own
/// (memchr's vectorised search, one pass over the text per quote) rather
/// than in one Aho–Corasick pass: building the automaton costs more than a
/// few passes, and a report's quotes are usually this few (a dozen on
/// average at 10,000 articles, where building one automaton per report
/// was a third of loading). With more, the automaton keeps a long report
/// with many quotes one pass.
const FEW_QUOTES: usize = 16;

/// Calls `found` with the queries that share a quote, the start and the
/// length of every occurrence of each distinct non-empty quote in `text`:
/// short quotes with their overlapping occurrences ([`FEW_QUOTES`] says
/// how), long ones one by one (occurrences that do not overlap). Each
/// quote's occurrences come in the order of the text.
fn for_each_occurrence(
    text: &str,
    quotes: &[String],
    mut found: impl FnMut(&[usize], usize, usize),
) {
    let mut distinct: Vec<(&str, Vec<usize>)> = Vec::new();
    let mut index: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
    for (q, quote) in quotes.iter().enumerate().filter(|(_, q)| !q.is_empty()) {
        let at = *index.entry(quote.as_str()).or_insert_with(|| {
            distinct.push((quote.as_str(), Vec::new()));
            distinct.len() - 1
        });
        distinct[at].1.push(q);
    }
    let (long, short): (Vec<_>, Vec<_>) = distinct.iter().partition(|(q, _)| q.len() > LONG_QUOTE);
    for (quote, queries) in long {
        for start in memchr::memmem::find_iter(text.as_bytes(), quote.as_bytes()) {
            found(queries, start, quote.len());
        }
    }
    if short.len() <= FEW_QUOTES {
        each_searched(text, &short, found);
    } else {
        each_in_automaton(text, &short, found);
    }
}

/// The occurrences of each of `quotes` in `text`, overlapping ones
/// included, a search per quote.
fn each_searched(
    text: &str,
    quotes: &[&(&str, Vec<usize>)],
    mut found: impl FnMut(&[usize], usize, usize),
) {
    for (quote, queries) in quotes {
        let finder = memchr::memmem::Finder::new(quote.as_bytes());
        let mut from = 0;
        while let Some(at) = finder.find(&text.as_bytes()[from..]) {
            found(queries, from + at, quote.len());
            // The next occurrence may overlap this one (a quote cannot
            // start inside a character: it starts with a whole one).
            from += at + 1;
        }
    }
}

/// The occurrences of `quotes` in `text`, overlapping ones included, in
/// one Aho–Corasick pass.
fn each_in_automaton(
    text: &str,
    quotes: &[&(&str, Vec<usize>)],
    mut found: impl FnMut(&[usize], usize, usize),
) {
    if quotes.is_empty() {
        return;
    }
    // A contiguous NFA builds in a fraction of a DFA's time and still scans
    // in linear time; with one automaton per article, building dominates.
    let automaton = AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .match_kind(MatchKind::Standard)
        .build(quotes.iter().map(|(q, _)| *q))
        .expect("literal quotes always build an automaton");
    for m in automaton.find_overlapping_iter(text) {
        let (quote, queries) = quotes[m.pattern().as_usize()];
        found(queries, m.start(), quote.len());
    }
}

/// The first few of `starts`, where `quote` occurs in `text` (`whole`
/// times in all on word boundaries), described.
fn occurrences(text: &str, quote: &str, starts: &[usize], whole: usize) -> Vec<Occurrence> {
    let every = (whole <= MAX_PICKED).then(|| whole_word_starts(text, quote));
    starts
        .iter()
        .take(MAX_OCCURRENCES)
        .map(|&start| Occurrence {
            before: last_words(&text[..start], CONTEXT_WORDS),
            after: first_words(&text[start + quote.len()..], CONTEXT_WORDS),
            pick: shortest_pick(text, quote.len(), start, every.as_deref()),
        })
        .collect()
}

/// How many words of context a suggested `prefix` or `suffix` may take.
const PICK_WORDS: usize = 12;

/// Past this many occurrences, no shortest context is worked out (a word
/// a long article repeats thousands of times is no passage to quote, and
/// the search would cost as much as anchoring the whole dossier).
const MAX_PICKED: usize = 1000;

/// Every start of `quote` in the normalised `text` on word boundaries,
/// overlapping ones included: what a `prefix` or `suffix` must tell apart.
fn whole_word_starts(text: &str, quote: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut from = 0;
    while let Some(at) = text.get(from..).and_then(|rest| rest.find(quote)) {
        let start = from + at;
        if on_word_boundaries(text, start..start + quote.len()) {
            starts.push(start);
        }
        from = start + text[start..].chars().next().map_or(1, char::len_utf8);
    }
    starts
}

/// The shortest `prefix` or `suffix` (in words; the prefix on a tie, as
/// it reads first) with which only the occurrence at `start` of `every`
/// fits; a context must have a letter or a digit in it.
fn shortest_pick(text: &str, len: usize, start: usize, every: Option<&[usize]>) -> Pick {
    let before = |at: usize, n: usize| last_words(&text[..at], n);
    let after = |at: usize, n: usize| first_words(&text[at + len..], n);
    let every = every.unwrap_or_default();
    // A context of punctuation alone would pick a place, but tells an
    // editor reading the annotation nothing.
    let unique = |context: &str, fits: &dyn Fn(usize) -> bool| {
        context.chars().any(char::is_alphanumeric)
            && every.iter().filter(|&&at| fits(at)).count() == 1
    };
    let some = |context: String| Some(context).filter(|c| !c.is_empty());
    for n in (1..=PICK_WORDS).filter(|_| !every.is_empty()) {
        let prefix = before(start, n);
        let suffix = after(start, n);
        let prefix_picks = unique(&prefix, &|at| {
            text[..at].trim_end().ends_with(prefix.as_str())
        });
        let suffix_picks = unique(&suffix, &|at| {
            text[at + len..].trim_start().starts_with(suffix.as_str())
        });
        let pick = match (prefix_picks, suffix_picks) {
            (true, _) => Pick {
                prefix: Some(prefix),
                ..Pick::default()
            },
            (false, true) => Pick {
                suffix: Some(suffix),
                ..Pick::default()
            },
            (false, false) => continue,
        };
        return pick;
    }
    Pick {
        prefix: some(before(start, CONTEXT_WORDS)),
        suffix: some(after(start, CONTEXT_WORDS)),
    }
}

/// The first `n` words of `s` (UAX #29 words with a letter or digit in
/// them, with the punctuation between), so that in Chinese, which has no
/// spaces, a word is an ideograph rather than a whole run of text.
fn first_words(s: &str, n: usize) -> String {
    let mut words = 0;
    let end = s
        .split_word_bound_indices()
        .find(|&(_, w)| {
            words += usize::from(is_word(w));
            words > n
        })
        .map_or(s.len(), |(at, _)| at);
    s[..end].trim().to_owned()
}

/// The last `n` words of `s`, read from its end: `s` may be most of a
/// long article.
fn last_words(s: &str, n: usize) -> String {
    let mut words = 0;
    let start = s
        .split_word_bound_indices()
        .rev()
        .find(|&(_, w)| {
            words += usize::from(is_word(w));
            words == n
        })
        .map_or(0, |(at, _)| at);
    s[start..].trim().to_owned()
}

/// Whether a UAX #29 segment is a word or a number, not punctuation or
/// space.
fn is_word(segment: &str) -> bool {
    segment.chars().any(char::is_alphanumeric)
}

#[cfg(test)]
mod tests;
