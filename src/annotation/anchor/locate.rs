//! Finding a passage an editor selected on a page, and the shortest
//! context that anchors a quote of it there and nowhere else.
//!
//! The browser knows which words were selected and what the page shows
//! around them, not where they are in the article's text: the page adds
//! note numbers and markers, and a passage may occur several times. So the
//! selected words are searched for in the text, and the occurrence whose
//! surroundings agree longest with the page's wins. The quote is then
//! widened to whole words (a drag rarely stops exactly on one) and given
//! the `prefix` or `suffix` that tells it from its repeats, all taken from
//! the article as written, and checked by anchoring it as `gloss check`
//! will.

use std::ops::Range;

use super::{Pick, Query, anchor_all_in, shortest_pick, whole_word_starts};
use crate::text::{NormalizedText, is_word_boundary, normalize, one_line, word_around};

/// What an editor selected: the words, and the text the page shows just
/// before and after them (a few hundred characters is plenty).
#[derive(Debug, Clone, Copy)]
pub struct Selection<'a> {
    /// The selected words, as the page shows them.
    pub quote: &'a str,
    /// The page's text before the selection.
    pub before: &'a str,
    /// The page's text after it.
    pub after: &'a str,
}

/// A quote of the selected passage that anchors there alone, as the
/// article writes it (white space runs made one space).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// The passage, widened to whole words.
    pub quote: String,
    /// What tells it from its repeats, if it has any.
    pub prefix: Option<String>,
    /// What tells it from its repeats, if it has any.
    pub suffix: Option<String>,
    /// Where it is in the article's text.
    pub range: Range<usize>,
}

impl Located {
    /// The query that finds this passage, as an appearance writes it.
    pub fn query(&self) -> Query<'_> {
        Query {
            quote: &self.quote,
            prefix: self.prefix.as_deref(),
            suffix: self.suffix.as_deref(),
        }
    }
}

/// Why a selection could not be quoted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotLocated {
    /// Nothing but white space or markers was selected.
    Empty,
    /// The selected words are not in the text (a selection across the
    /// headline and the body, or over text gloss adds).
    NotFound,
    /// It occurs several times with the same surroundings, and no context
    /// within a sentence tells them apart.
    Indistinct,
}

impl std::fmt::Display for NotLocated {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            NotLocated::Empty => "select some words of the report",
            NotLocated::NotFound => {
                "the selection is not the report's own text: select within the headline or within the body, not across them or over note numbers"
            }
            NotLocated::Indistinct => {
                "this passage repeats with the same words around it; select a longer passage"
            }
        })
    }
}

/// The quote, widened to whole words, that anchors `selection` in `text`
/// at the place whose surroundings match the page's, with the shortest
/// context that picks that place.
pub fn locate(text: &str, selection: Selection<'_>) -> Result<Located, NotLocated> {
    locate_in(text, &NormalizedText::new(text), selection)
}

/// [`locate`] in `text` already normalised as `norm`, for callers that
/// locate several passages in one text.
pub fn locate_in(
    text: &str,
    norm: &NormalizedText,
    selection: Selection<'_>,
) -> Result<Located, NotLocated> {
    let quote = normalize(selection.quote);
    if quote.is_empty() {
        return Err(NotLocated::Empty);
    }
    let (before, after) = (normalize(selection.before), normalize(selection.after));
    let start = best_place(&norm.text, &quote, &before, &after)?;
    let range = whole_words(text, norm.original_range(start..start + quote.len()));
    let quote = one_line(&text[range.clone()]);
    let pick = pick_for(norm, text, &quote, range.start);
    let located = Located {
        quote,
        prefix: pick.prefix,
        suffix: pick.suffix,
        range,
    };
    match &anchor_all_in(text, norm, &[located.query()])[0] {
        Ok(found) if *found == located.range => Ok(located),
        _ => Err(NotLocated::Indistinct),
    }
}

/// The start, in the normalised `text`, of the occurrence of `quote`
/// whose surroundings agree longest with `before` and `after`.
fn best_place(text: &str, quote: &str, before: &str, after: &str) -> Result<usize, NotLocated> {
    let mut best: Option<(usize, usize)> = None;
    let mut tied = false;
    let mut from = 0;
    while let Some(at) = text.get(from..).and_then(|rest| rest.find(quote)) {
        let start = from + at;
        let score = common_suffix(text[..start].trim_end(), before)
            + common_prefix(text[start + quote.len()..].trim_start(), after);
        match best {
            Some((_, top)) if score < top => {}
            Some((_, top)) if score == top => tied = true,
            _ => {
                best = Some((start, score));
                tied = false;
            }
        }
        from = start + text[start..].chars().next().map_or(1, char::len_utf8);
    }
    match best {
        None => Err(NotLocated::NotFound),
        Some(_) if tied => Err(NotLocated::Indistinct),
        Some((start, _)) => Ok(start),
    }
}

/// How many characters `a` and `b` share at their ends.
fn common_suffix(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

/// How many characters `a` and `b` share at their starts.
fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// `range` of `text` widened to start and end on word boundaries.
fn whole_words(text: &str, range: Range<usize>) -> Range<usize> {
    let start = if is_word_boundary(text, range.start) {
        range.start
    } else {
        word_around(text, range.start).start
    };
    let end = if is_word_boundary(text, range.end) {
        range.end
    } else {
        word_around(text, range.end).end
    };
    start..end
}

/// The context that picks the occurrence of `quote` starting at byte
/// `start` of the original `text`, taken from `text` as written.
fn pick_for(norm: &NormalizedText, text: &str, quote: &str, start: usize) -> Pick {
    let folded = normalize(quote);
    let every = whole_word_starts(&norm.text, &folded);
    if every.len() < 2 {
        return Pick::default();
    }
    let Some(&at) = every
        .iter()
        .find(|&&at| norm.original_range(at..at + folded.len()).start == start)
    else {
        return Pick::default();
    };
    let pick = shortest_pick(&norm.text, folded.len(), at, Some(&every));
    let as_written = |context: &str, folded_range: Range<usize>| {
        debug_assert_eq!(&norm.text[folded_range.clone()], context);
        one_line(&text[norm.original_range(folded_range)])
    };
    let before_end = norm.text[..at].trim_end().len();
    let after = at + folded.len();
    let after_start = after + (norm.text[after..].len() - norm.text[after..].trim_start().len());
    Pick {
        prefix: pick
            .prefix
            .map(|p| as_written(&p, before_end - p.len()..before_end)),
        suffix: pick
            .suffix
            .map(|s| as_written(&s, after_start..after_start + s.len())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::anchor::anchor_all;

    fn select<'a>(quote: &'a str, before: &'a str, after: &'a str) -> Selection<'a> {
        Selection {
            quote,
            before,
            after,
        }
    }

    const TEXT: &str = "The council said the service would end in May. A spokesman \
                        repeated that the service would end in May, and that fares would rise.";

    #[test]
    fn the_second_of_two_repeats_is_picked_by_what_surrounds_it_on_the_page() {
        let found = locate(
            TEXT,
            select(
                "the service would end in May",
                "in May. A spokesman repeated that ",
                ", and that fares",
            ),
        )
        .unwrap();
        assert_eq!(found.quote, "the service would end in May");
        assert_eq!(found.prefix.as_deref(), Some("that"));
        assert_eq!(found.suffix, None);
        assert_eq!(&TEXT[found.range.clone()], found.quote);
        assert!(found.range.start > 60);
    }

    #[test]
    fn a_passage_that_occurs_once_needs_no_context() {
        let found = locate(TEXT, select("fares would rise", "", "")).unwrap();
        assert_eq!((found.prefix, found.suffix), (None, None));
    }

    #[test]
    fn a_selection_that_cuts_words_is_widened_to_them() {
        let found = locate(TEXT, select("okesman repea", "A sp", "ted")).unwrap();
        assert_eq!(found.quote, "spokesman repeated");
    }

    #[test]
    fn the_quote_keeps_the_reports_typography_and_spans_paragraphs_on_one_line() {
        let text = "He said: \u{201c}We\u{2019}ll see.\u{201d}\nThen\u{a0}he left.";
        let found = locate(text, select("\"We'll see.\" Then he", "said: ", " left")).unwrap();
        assert_eq!(found.quote, "\u{201c}We\u{2019}ll see.\u{201d} Then he");
    }

    #[test]
    fn a_context_with_quotation_marks_is_taken_as_written() {
        let text = "He said \u{201c}yes\u{201d} twice. Later: \u{201c}yes\u{201d} again.";
        let found = locate(text, select("yes", "Later: \"", "\" again")).unwrap();
        assert_eq!(found.quote, "yes");
        let context = found.prefix.or(found.suffix).unwrap();
        assert!(context.contains('\u{201c}') || context.contains('\u{201d}'));
        assert!(super::super::on_word_boundaries(text, found.range));
    }

    #[test]
    fn chinese_repeats_are_told_apart_without_spaces() {
        let text = "\u{4e2d}\u{56fd}\u{8868}\u{793a}\u{53cd}\u{5bf9}\u{3002}\u{7f8e}\u{56fd}\u{8868}\u{793a}\u{53cd}\u{5bf9}\u{3002}";
        let found = locate(
            text,
            select(
                "\u{8868}\u{793a}\u{53cd}\u{5bf9}",
                "\u{3002}\u{7f8e}\u{56fd}",
                "\u{3002}",
            ),
        )
        .unwrap();
        assert_eq!(found.prefix.as_deref(), Some("\u{7f8e}\u{56fd}"));
        assert!(found.range.start > text.len() / 2);
        let again = anchor_all(text, &[found.query()]);
        assert_eq!(again[0].as_ref().unwrap(), &found.range);
    }

    #[test]
    fn what_is_not_the_reports_text_is_refused() {
        assert_eq!(locate(TEXT, select("  ", "", "")), Err(NotLocated::Empty));
        assert_eq!(
            locate(TEXT, select("service ended", "", "")),
            Err(NotLocated::NotFound)
        );
        assert_eq!(
            locate("Yes. Yes.", select("Yes", "", "")),
            Err(NotLocated::Indistinct)
        );
    }
}
