//! Text as a reader sees it, normalised so that an editor's quote matches the
//! article regardless of typographic details.
//!
//! Editors type quotes on ordinary keyboards; reports use curly quotes, en
//! dashes and non-breaking spaces. Both sides are folded the same way before
//! matching: accented letters are composed (Unicode NFC, so "é" typed as
//! "e" and a combining accent matches a composed "é"), every run of white
//! space (no-break spaces included) becomes one space, typographic quotes
//! become `'` and `"`, dashes become `-`, an ellipsis becomes `...`, and
//! invisible characters (soft hyphen, zero-width spaces and joiners, BOM,
//! bidirectional marks and isolates) disappear. Letter case and everything
//! else are kept: a quote is a quote.
//!
//! A quote must also start and end on word boundaries (Unicode UAX #29),
//! which [`is_word_boundary`] decides: "1,000" is one word, so a quote
//! cannot start inside "11,000"; in Chinese or Japanese, where words are
//! not spaced, every ideograph is its own word.

use std::ops::Range;

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
use unicode_segmentation::UnicodeSegmentation;

/// What one character folds to.
enum Fold {
    Space,
    Char(char),
    Str(&'static str),
    Drop,
}

fn fold(c: char) -> Fold {
    match c {
        c if c.is_whitespace() => Fold::Space,
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => Fold::Char('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '«' | '»' => {
            Fold::Char('"')
        }
        '\u{2010}'..='\u{2015}' | '\u{2212}' => Fold::Char('-'),
        '\u{2026}' => Fold::Str("..."),
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => Fold::Drop,
        c if is_bidi_control(c) => Fold::Drop,
        c => Fold::Char(c),
    }
}

/// The invisible marks that set the direction of right-to-left text; copy
/// from a web page often carries them, an editor's quote rarely does.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether `c` begins a new unit of composition: a character that
/// canonical composition never joins to the one before it. (Hangul vowel
/// and final jamo have no combining class but join the syllable before.)
fn starts_composition(c: char) -> bool {
    canonical_combining_class(c) == 0
        && !matches!(c, '\u{1161}'..='\u{1175}' | '\u{11A8}'..='\u{11C2}')
}

/// `s` with each run of white space made one space, and trimmed: a
/// passage across lines or paragraphs written on one line.
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Normalises an editor's quote (or prefix/suffix) for matching, trimming
/// white space at both ends.
pub fn normalize(s: &str) -> String {
    NormalizedText::new(s).text.trim().to_owned()
}

/// A text folded for matching, remembering where each folded byte came from
/// so that a match can be mapped back onto the original.
#[derive(Debug, Clone)]
pub struct NormalizedText {
    /// The folded text.
    pub text: String,
    /// For each byte of `text`, the byte range of the original character it
    /// came from (as `u32` to keep large articles small in memory).
    origin: Vec<(u32, u32)>,
}

impl NormalizedText {
    /// Folds `original`, composing it (NFC) and collapsing white-space runs
    /// to one space.
    pub fn new(original: &str) -> NormalizedText {
        let mut folded = NormalizedText {
            text: String::with_capacity(original.len()),
            origin: Vec::with_capacity(original.len()),
        };
        if is_nfc_quick(original.chars()) == IsNormalized::Yes {
            for (i, c) in original.char_indices() {
                folded.push(c, (i as u32, (i + c.len_utf8()) as u32));
            }
        } else {
            // Each unit is composed on its own, and every character it
            // composes to comes from the whole unit: a match never splits
            // a letter from its accents.
            for unit in composition_units(original) {
                let from = (unit.start as u32, unit.end as u32);
                for c in original[unit].nfc() {
                    folded.push(c, from);
                }
            }
        }
        folded
    }

    /// Appends the folding of `c`, which comes from the bytes `from` of the
    /// original.
    fn push(&mut self, c: char, from: (u32, u32)) {
        // Most of a report's characters are printable ASCII, which folds
        // to itself: the quick way, as this runs once per character of
        // every report anchored in.
        if c.is_ascii_graphic() {
            self.text.push(c);
            self.origin.push(from);
            return;
        }
        let mut buffer = [0; 4];
        let s = match fold(c) {
            Fold::Space if self.text.ends_with(' ') => return,
            Fold::Space => " ",
            Fold::Char(c) => &*c.encode_utf8(&mut buffer),
            Fold::Str(s) => s,
            Fold::Drop => return,
        };
        self.text.push_str(s);
        self.origin.extend(std::iter::repeat_n(from, s.len()));
    }

    /// Whether the non-empty byte range `folded` of the folded text starts
    /// or ends inside what one unit of the original folded to (a letter and
    /// its accents composed, an ellipsis become `...`): mapped back, it
    /// would take in more than it matched.
    pub fn splits_unit(&self, folded: Range<usize>) -> bool {
        let starts_inside =
            folded.start > 0 && self.origin[folded.start - 1] == self.origin[folded.start];
        let ends_inside = folded.end < self.origin.len()
            && self.origin[folded.end - 1] == self.origin[folded.end];
        starts_inside || ends_inside
    }

    /// Maps a non-empty byte range of the folded text back to the original.
    pub fn original_range(&self, folded: Range<usize>) -> Range<usize> {
        debug_assert!(folded.start < folded.end && folded.end <= self.text.len());
        let start = self.origin[folded.start].0 as usize;
        let end = self.origin[folded.end - 1].1 as usize;
        start..end
    }
}

/// The byte ranges of `text` that canonical composition treats apart: each
/// character that [`starts_composition`] with the marks that follow it.
fn composition_units(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut starts = text
        .char_indices()
        .filter(|&(i, c)| i == 0 || starts_composition(c))
        .map(|(i, _)| i)
        .peekable();
    std::iter::from_fn(move || {
        let start = starts.next()?;
        Some(start..starts.peek().copied().unwrap_or(text.len()))
    })
}

/// How many characters on each side of a position decide whether it is a
/// word boundary: UAX #29's rules look one or two characters away (three
/// for a run of regional indicators, which this bounds), so a long
/// unspaced run (a paragraph of Chinese) costs no more than a short one.
const BOUNDARY_WINDOW: usize = 32;

/// Whether byte `i` of `text` is a word boundary (Unicode UAX #29): the
/// start or end of the text, or a place where a word, a number or a run of
/// punctuation or spaces begins or ends.
pub fn is_word_boundary(text: &str, i: usize) -> bool {
    if i == 0 || i >= text.len() {
        return true;
    }
    if !text.is_char_boundary(i) {
        return false;
    }
    let (start, end) = boundary_window(text, i);
    let mut offset = start;
    for word in text[start..end].split_word_bounds() {
        if offset == i {
            return true;
        }
        offset += word.len();
        if offset > i {
            return false;
        }
    }
    offset == i
}

/// The word (UAX #29) of `text` that holds byte `i`, as its byte range.
pub fn word_around(text: &str, mut i: usize) -> Range<usize> {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    let (start, end) = boundary_window(text, i);
    let mut offset = start;
    for word in text[start..end].split_word_bounds() {
        if offset + word.len() > i {
            return offset..offset + word.len();
        }
        offset += word.len();
    }
    i..i
}

/// The stretch of `text` around byte `i` whose word boundaries decide
/// those near `i`: out to the nearest white space on each side, and no
/// further than [`BOUNDARY_WINDOW`] characters.
fn boundary_window(text: &str, i: usize) -> (usize, usize) {
    let before = text[..i]
        .char_indices()
        .rev()
        .take(BOUNDARY_WINDOW)
        .take_while(|(_, c)| !c.is_whitespace())
        .last()
        .map_or(i, |(j, _)| j);
    let after = text[i..]
        .char_indices()
        .take(BOUNDARY_WINDOW)
        .find(|(_, c)| c.is_whitespace())
        .map_or_else(
            || {
                text[i..]
                    .char_indices()
                    .nth(BOUNDARY_WINDOW)
                    .map_or(text.len(), |(j, _)| i + j)
            },
            |(j, _)| i + j,
        );
    (before, after)
}

/// How far, in bytes, the context of a quote reaches on either side: a
/// sentence longer than this is cut, so that a pathological paragraph cannot
/// make each quote's context cost the whole paragraph.
const MAX_CONTEXT: usize = 400;

/// Where the sentence around `range` of `text` starts and ends, so a quote
/// can be shown in context.
///
/// Sentences end at a line break, at `.`, `!`, `?` followed by white space
/// and a capital letter or an opening quote, unless the full stop follows a
/// lone capital ("U.S. Department" is one sentence), and at the full-width
/// `。`, `！`, `？` of Chinese and Japanese, which no space follows. Context is cut at
/// 400 bytes on each side.
pub fn sentence_around(text: &str, range: Range<usize>) -> Range<usize> {
    sentence_start(text, range.start)..sentence_end(text, range.end)
}

fn sentence_start(text: &str, before: usize) -> usize {
    let floor = text.ceil_char_boundary(before.saturating_sub(MAX_CONTEXT));
    let head = &text[floor..before];
    let mut start = head.rfind('\n').map_or(floor, |i| floor + i + 1);
    for (i, _) in head.char_indices().rev() {
        let i = floor + i;
        if i < start {
            break;
        }
        if is_sentence_break(text, i) {
            start = i;
            break;
        }
    }
    start + (text[start..before].len() - text[start..before].trim_start().len())
}

fn sentence_end(text: &str, after: usize) -> usize {
    let ceiling = text.ceil_char_boundary(after + MAX_CONTEXT);
    let limit = text[after..ceiling]
        .find('\n')
        .map_or(ceiling, |i| after + i);
    (after..limit)
        .filter(|&i| text.is_char_boundary(i))
        .find(|&i| is_sentence_break(text, i))
        .map_or(limit, |i| text[..i].trim_end().len())
}

/// Whether a new sentence starts at byte `i` (just after a sentence end and
/// its white space).
fn is_sentence_break(text: &str, i: usize) -> bool {
    // Chinese and Japanese end sentences with full-width stops and no space.
    if text[..i].ends_with(['。', '！', '？', '｡']) {
        return i < text.len();
    }
    // Most places fail this test, the cheapest, so it comes first.
    let next = text[i..].chars().next();
    if !next.is_some_and(|c| c.is_uppercase() || matches!(c, '"' | '“' | '‘' | '\'')) {
        return false;
    }
    let before = text[..i].trim_end_matches(char::is_whitespace);
    if before.len() == i {
        return false;
    }
    let mut back = before
        .chars()
        .rev()
        .skip_while(|c| matches!(c, '"' | '\'' | '”' | '’' | ')'));
    let Some(stop) = back.next() else {
        return false;
    };
    if !matches!(stop, '.' | '!' | '?') {
        return false;
    }
    let word: Vec<char> = back.take_while(|c| !c.is_whitespace()).collect();
    let lone_capital = word.first().is_some_and(|c| c.is_uppercase())
        && (word.len() == 1 || word.get(1) == Some(&'.'));
    !lone_capital
}

/// One word of a wording compared with another.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DiffWord {
    /// The word as written, punctuation included.
    pub text: String,
    /// Whether the other wording lacks it.
    pub changed: bool,
}

/// The longest wordings compared word by word; longer ones are shown unmarked.
const MAX_DIFF_WORDS: usize = 400;

/// The words of `other`, each marked changed unless it is part of the
/// longest common subsequence of words with `base` (compared without case
/// or surrounding punctuation).
pub fn word_diff(base: &str, other: &str) -> Vec<DiffWord> {
    if too_long_to_compare(base) || too_long_to_compare(other) {
        return one_piece(other);
    }
    let base: Vec<String> = base.split_whitespace().map(word_key).collect();
    let words: Vec<&str> = other.split_whitespace().collect();
    let keys: Vec<String> = words.iter().map(|w| word_key(w)).collect();
    let mut kept = vec![false; words.len()];
    for (i, _) in common_subsequence(&keys, &base) {
        kept[i] = true;
    }
    words
        .iter()
        .zip(kept)
        .map(|(w, kept)| DiffWord {
            text: (*w).to_owned(),
            changed: !kept,
        })
        .collect()
}

/// The words of `text`, none marked: what [`word_diff`] makes of a text
/// against itself, without comparing it (the first of a claim's
/// wordings, against which the others are compared).
pub fn unmarked_words(text: &str) -> Vec<DiffWord> {
    if too_long_to_compare(text) {
        return one_piece(text);
    }
    text.split_whitespace()
        .map(|word| DiffWord {
            text: word.to_owned(),
            changed: false,
        })
        .collect()
}

/// Whether `text` has more words than [`word_diff`] compares.
fn too_long_to_compare(text: &str) -> bool {
    text.split_whitespace().nth(MAX_DIFF_WORDS).is_some()
}

/// `text` as one unmarked piece: a whole report quoted is not a list of a
/// million words to carry through the page's template.
fn one_piece(text: &str) -> Vec<DiffWord> {
    vec![DiffWord {
        text: one_line(text),
        changed: false,
    }]
}

/// A word as compared: lower-cased, without surrounding punctuation.
pub(crate) fn word_key(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// A longest common subsequence of `a` and `b`, as matched index pairs in
/// order (dynamic programming, O(len(a) × len(b)): callers bound the sizes).
pub(crate) fn common_subsequence<T: PartialEq>(a: &[T], b: &[T]) -> Vec<(usize, usize)> {
    let (m, n) = (a.len(), b.len());
    let mut table = vec![vec![0u32; n + 1]; m + 1];
    for i in (0..m).rev() {
        for j in (0..n).rev() {
            table[i][j] = if a[i] == b[j] {
                table[i + 1][j + 1] + 1
            } else {
                table[i + 1][j].max(table[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut pairs) = (0, 0, Vec::new());
    while i < m && j < n {
        if a[i] == b[j] {
            pairs.push((i, j));
            i += 1;
            j += 1;
        } else if table[i + 1][j] >= table[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    pairs
}

/// Whether `c` belongs to a script written without spaces between words
/// (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar): paragraph ids
/// and the search count its words one character at a time
/// (`static/search.js` tests the same ranges).
pub fn is_unspaced_script(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FA1F}' | '\u{0E00}'..='\u{0EFF}'
        | '\u{1780}'..='\u{17FF}' | '\u{1000}'..='\u{109F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_typography_and_white_space() {
        assert_eq!(
            normalize("  “China’s”\u{a0}\n data – soft\u{ad}ly… "),
            "\"China's\" data - softly..."
        );
    }

    #[test]
    fn maps_matches_back_to_the_original() {
        let original = "He said:  “purely   ungrounded”.";
        let n = NormalizedText::new(original);
        let quote = normalize("\"purely ungrounded\"");
        let at = n.text.find(&quote).unwrap();
        let range = n.original_range(at..at + quote.len());
        assert_eq!(&original[range], "“purely   ungrounded”");
    }

    /// What precedes `range` in its sentence, the range, and what follows.
    fn around(text: &str, range: Range<usize>) -> (String, String, String) {
        let sentence = sentence_around(text, range.clone());
        (
            text[sentence.start..range.start].to_owned(),
            text[range.clone()].to_owned(),
            text[range.end..sentence.end].to_owned(),
        )
    }

    #[test]
    fn sentences_end_at_full_width_stops() {
        let text = "美国司法部起诉五名军官。外交部发言人表示，指控毫无根据。中方已提出严正交涉！";
        let start = text.find("指控").unwrap();
        let (before, quote, after) = around(text, start..start + "指控".len());
        assert_eq!(
            (before.as_str(), quote.as_str()),
            ("外交部发言人表示，", "指控")
        );
        assert_eq!(after, "毫无根据。");
    }

    #[test]
    fn sentence_context_respects_abbreviations() {
        let text = "First one. The U.S. Department said it. Next.";
        let at = text.find("said").unwrap();
        let (before, quote, after) = around(text, at..at + 4);
        assert_eq!(before, "The U.S. Department ");
        assert_eq!(quote, "said");
        assert_eq!(after, " it.");
    }

    #[test]
    fn sentence_context_is_bounded() {
        let text = format!("{}quote{}", "é".repeat(1000), "ü".repeat(1000));
        let at = text.find("quote").unwrap();
        let (before, _, after) = around(&text, at..at + 5);
        assert!(before.len() <= MAX_CONTEXT && after.len() <= MAX_CONTEXT);
        assert!(before.len() >= MAX_CONTEXT - 1 && after.len() >= MAX_CONTEXT - 1);
    }

    #[test]
    fn a_long_wording_is_one_unmarked_piece() {
        let long = "word ".repeat(MAX_DIFF_WORDS + 1);
        let diff = word_diff("word", &long);
        assert_eq!(diff.len(), 1);
        assert!(!diff[0].changed);
        assert_eq!(diff[0].text, long.trim_end());
    }

    #[test]
    fn unmarked_words_are_a_wording_compared_with_itself() {
        let long = "word ".repeat(MAX_DIFF_WORDS + 1);
        for text in [
            "Purely ungrounded, and \"absurd\"!",
            "  spaced\n out\twords  ",
            "美方的指控 毫无根据",
            "",
            long.as_str(),
        ] {
            assert_eq!(unmarked_words(text), word_diff(text, text), "{text:?}");
        }
    }

    #[test]
    fn word_diff_marks_what_differs() {
        let diff = word_diff(
            "purely ungrounded with ulterior motives",
            "Purely ungrounded and absurd",
        );
        let changed: Vec<&str> = diff
            .iter()
            .filter(|w| w.changed)
            .map(|w| w.text.as_str())
            .collect();
        assert_eq!(changed, ["and", "absurd"]);
    }

    #[test]
    fn sentence_context_stops_at_line_breaks() {
        let text = "para one\npara two has it here\npara three";
        let at = text.find("it").unwrap();
        let (before, _, after) = around(text, at..at + 2);
        assert_eq!(
            (before.as_str(), after.as_str()),
            ("para two has ", " here")
        );
    }
}
