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
///
/// Occurrences are tallied as they are found rather than collected, so
/// that memory stays proportional to the queries whatever the number of
/// occurrences (a thousand claims quoting a word the article has a
/// hundred thousand times); equal quotes are searched for once.
pub fn anchor_all(text: &str, queries: &[Query<'_>]) -> Vec<Result<Range<usize>, Miss>> {
    let norm = NormalizedText::new(text);
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
            ))),
            (_, _, count) => Err(Miss::Ambiguous {
                count,
                places: occurrences(text, quote, &self.fitting_listed),
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

/// Calls `found` with the queries that share a quote, the start and the
/// length of every occurrence of each distinct non-empty quote in `text`:
/// short quotes in one Aho–Corasick pass (overlapping occurrences
/// included), long ones one by one (occurrences that do not overlap).
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
    if short.is_empty() {
        return;
    }
    // A contiguous NFA builds in a fraction of a DFA's time and still scans
    // in linear time; with one automaton per article, building dominates.
    let automaton = AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .match_kind(MatchKind::Standard)
        .build(short.iter().map(|(q, _)| *q))
        .expect("literal quotes always build an automaton");
    for m in automaton.find_overlapping_iter(text) {
        let (quote, queries) = short[m.pattern().as_usize()];
        found(queries, m.start(), quote.len());
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
    use proptest::strategy::Strategy;
    use unicode_normalization::UnicodeNormalization;

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
    fn a_quote_inside_a_longer_number_or_word_is_refused() {
        let text = "In all, 11,000 crashes were reviewed at all times.";
        let r = anchor_all(text, &[q("1,000 crashes were reviewed"), q("at all time")]);
        let Err(Miss::MidWord(cut)) = &r[0] else {
            panic!("{r:?}")
        };
        assert!(cut.at_start);
        assert_eq!(cut.word, "11,000");
        assert_eq!(cut.whole, "11,000 crashes were reviewed");
        let Err(Miss::MidWord(cut)) = &r[1] else {
            panic!("{r:?}")
        };
        assert!(!cut.at_start);
        assert_eq!(
            (cut.word.as_str(), cut.whole.as_str()),
            ("times", "at all times")
        );
        let (message, help) = r[1].clone().unwrap_err().describe(&Id::parse("a").unwrap());
        assert_eq!(message, "quote ends inside the word “times” in article `a`");
        assert!(help.unwrap().ends_with("quote “at all times”"));
    }

    #[test]
    fn whole_word_occurrences_are_chosen_over_parts_of_words() {
        let text = "Of 11,000 crashes, 1,000 crashes were fatal.";
        let r = anchor_all(text, &[q("1,000 crashes")]);
        let range = r[0].clone().unwrap();
        assert_eq!(range.start, text.find(" 1,000").unwrap() + 1);
    }

    #[test]
    fn quotes_anchor_in_unspaced_chinese_text() {
        let text = "外交部发言人表示，美方的指控毫无根据。";
        let r = anchor_all(text, &[q("美方的指控"), q("毫无根据")]);
        assert_eq!(&text[r[0].clone().unwrap()], "美方的指控");
        assert_eq!(&text[r[1].clone().unwrap()], "毫无根据");
    }

    #[test]
    fn decomposed_accents_match_composed_text() {
        let text = "L'Élysée a déclaré mardi que";
        let quote = "a de\u{301}clare\u{301} mardi";
        let r = anchor_all(text, &[q(quote)]);
        assert_eq!(&text[r[0].clone().unwrap()], "a déclaré mardi");
        let decomposed: String = text.nfd().collect();
        let r = anchor_all(&decomposed, &[q("déclaré")]);
        assert_eq!(&decomposed[r[0].clone().unwrap()], "de\u{301}clare\u{301}");
    }

    #[test]
    fn a_quote_never_takes_part_of_a_composed_letter_or_an_ellipsis() {
        // "Ύ" and a combining mark compose into one unit; "…" folds to "...".
        let text = "A \u{38e}\u{1a75} b… c";
        let r = anchor_all(text, &[q("\u{1a75}"), q("."), q("b...")]);
        assert!(matches!(r[0], Err(Miss::MidWord(_))), "{:?}", r[0]);
        assert!(matches!(r[1], Err(Miss::MidWord(_))), "{:?}", r[1]);
        assert_eq!(&text[r[2].clone().unwrap()], "b…");
    }

    #[test]
    fn bidi_marks_and_no_break_spaces_are_invisible_to_quotes() {
        let text = "قال\u{200F} المتحدث\u{00A0}إن";
        let r = anchor_all(text, &[q("قال المتحدث إن")]);
        assert_eq!(r[0].clone().unwrap(), 0..text.len());
    }

    #[test]
    fn a_quote_differing_only_in_case_or_a_look_alike_says_so() {
        let text = "Le Président a déclaré mardi que";
        let article = Id::parse("a").unwrap();
        let r = anchor_all(text, &[q("le président a déclaré")]);
        let help = r[0].clone().unwrap_err().describe(&article).1.unwrap();
        assert!(
            help.ends_with(
                "it has “Le” where the quote has “le” (only the letter case differs); it has “Président” where the quote has “président” (only the letter case differs)"
            ),
            "{help}"
        );
        // A Cyrillic "а" typed for a Latin "a".
        let r = anchor_all(text, &[q("Président \u{0430} déclaré")]);
        let help = r[0].clone().unwrap_err().describe(&article).1.unwrap();
        assert!(
            help.ends_with("the article has U+0061, the quote U+0430)"),
            "{help}"
        );
    }

    /// Random visible text from words that contain one another, numbers
    /// that contain one another, unspaced Chinese and accented words.
    fn visible_text() -> impl proptest::strategy::Strategy<Value = String> {
        const WORDS: &[&str] = &[
            "time",
            "times",
            "at",
            "all",
            "1,000",
            "11,000",
            "2",
            "2.5",
            "million",
            "U.S.",
            "China's",
            "美方",
            "的",
            "指控",
            "déclaré",
            "«",
            "»",
            "(",
            ")",
            ",",
            ".",
        ];
        let word = proptest::sample::select(WORDS);
        let gap = proptest::sample::select(&[" ", " ", "  ", "\n", ""][..]);
        proptest::collection::vec((word, gap), 1..40)
            .prop_map(|parts| parts.into_iter().map(|(w, g)| format!("{w}{g}")).collect())
    }

    /// The word boundaries of `text` where a quote may start (before a
    /// visible character) or end (after one).
    fn cut_points(text: &str) -> (Vec<usize>, Vec<usize>) {
        use unicode_segmentation::UnicodeSegmentation;
        let words: Vec<(usize, &str)> = text.split_word_bound_indices().collect();
        let visible = |w: &&(usize, &str)| !w.1.trim().is_empty();
        let starts = words.iter().filter(visible).map(|w| w.0).collect();
        let ends = words
            .iter()
            .filter(visible)
            .map(|w| w.0 + w.1.len())
            .collect();
        (starts, ends)
    }

    proptest::proptest! {
        #[test]
        fn a_quote_cut_at_word_boundaries_anchors_exactly_there(
            text in visible_text(),
            a in proptest::prelude::any::<proptest::sample::Index>(),
            b in proptest::prelude::any::<proptest::sample::Index>(),
        ) {
            let (starts, ends) = cut_points(&text);
            proptest::prop_assume!(!starts.is_empty());
            let start = starts[a.index(starts.len())];
            let later: Vec<usize> = ends.into_iter().filter(|&e| e > start).collect();
            let end = later[b.index(later.len())];
            let r = anchor_all(&text, &[q(&text[start..end])]);
            match &r[0] {
                Ok(range) => proptest::prop_assert_eq!(range.clone(), start..end),
                Err(Miss::Ambiguous { count, .. }) => proptest::prop_assert!(*count > 1),
                other => proptest::prop_assert!(false, "{:?} for {:?}", other, &text[start..end]),
            }
        }

        #[test]
        fn a_quote_cut_inside_a_word_is_refused(
            text in visible_text(),
            a in proptest::prelude::any::<proptest::sample::Index>(),
            b in proptest::prelude::any::<proptest::sample::Index>(),
        ) {
            // A long word first, so that every text has places inside words.
            let text = format!("11,000 {text}");
            let inside: Vec<usize> = (1..text.len())
                .filter(|&i| text.is_char_boundary(i) && !is_word_boundary(&text, i))
                .collect();
            proptest::prop_assume!(!inside.is_empty());
            let start = inside[a.index(inside.len())];
            let (_, ends) = cut_points(&text);
            let later: Vec<usize> = ends.into_iter().filter(|&e| e > start).collect();
            proptest::prop_assume!(!later.is_empty());
            let end = later[b.index(later.len())];
            let quote = &text[start..end];
            proptest::prop_assume!(!quote.starts_with(char::is_whitespace));
            let r = anchor_all(&text, &[q(quote)]);
            if let Ok(range) = &r[0] {
                proptest::prop_assert!(range.start != start);
                proptest::prop_assert!(is_word_boundary(&text, range.start));
                proptest::prop_assert!(is_word_boundary(&text, range.end));
            }
            let (text, quote) = (normalize(&text), normalize(quote));
            let occurrences = (0..text.len())
                .filter(|&i| text.is_char_boundary(i) && text[i..].starts_with(&quote))
                .count();
            if occurrences == 1 {
                proptest::prop_assert!(matches!(r[0], Err(Miss::MidWord(_))), "{:?}", r[0]);
            }
        }
    }

    #[test]
    fn empty_and_absent_quotes() {
        let r = anchor_all("text", &[q("  "), q("zzz")]);
        assert_eq!(r[0], Err(Miss::Empty));
        assert_eq!(r[1], Err(Miss::NotFound(None)));
    }
}
