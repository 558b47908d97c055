//! Anchoring checked on examples and on generated texts and quotes.

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

/// Applies a suggested `pick` to the quote.
fn with_pick<'a>(quote: &'a str, pick: &'a Pick) -> Query<'a> {
    Query {
        quote,
        prefix: pick.prefix.as_deref(),
        suffix: pick.suffix.as_deref(),
    }
}

#[test]
fn each_place_of_an_ambiguous_quote_gets_the_shortest_context_that_picks_it() {
    let text = "The council said the service would end in May. A spokesman repeated that \
                the service would end in May, and that fares would rise. Later the council said \
                \"the service would end in May\" again.";
    let quote = "the service would end in May";
    let Err(Miss::Ambiguous { count, places }) = &anchor_all(text, &[q(quote)])[0] else {
        panic!("ambiguous expected");
    };
    assert_eq!(*count, 3);
    let picks: Vec<String> = places.iter().map(|p| p.pick.to_string()).collect();
    assert_eq!(
        picks,
        [
            "prefix = \"said\"",
            "prefix = \"that\"",
            "prefix = 'said \"'"
        ]
    );
    let norm = normalize(text);
    for (place, pick) in places.iter().zip(&picks) {
        let found = anchor_all(text, &[with_pick(quote, &place.pick)])[0].clone();
        let range = found.unwrap_or_else(|e| panic!("{pick}: {e:?}"));
        let before = normalize(&text[..range.start]);
        assert!(
            before.ends_with(place.before.as_str()),
            "{pick} picks another place"
        );
        assert!(norm.contains(&place.before));
    }
}

/// Every occurrence of each of `quotes` in `text`, in the order found,
/// by searching for each (or in the automaton).
fn occurrences_found(searched: bool, text: &str, quotes: &[(&str, Vec<usize>)]) -> Vec<Vec<usize>> {
    let mut seen = vec![Vec::new(); quotes.len()];
    let quotes: Vec<&(&str, Vec<usize>)> = quotes.iter().collect();
    let found = |queries: &[usize], start, _| seen[queries[0]].push(start);
    match searched {
        true => each_searched(text, &quotes, found),
        false => each_in_automaton(text, &quotes, found),
    }
    seen
}

proptest::proptest! {
    #[test]
    fn searching_each_quote_finds_what_the_automaton_finds(
        text in visible_text(),
        cuts in proptest::collection::vec(
            (proptest::prelude::any::<proptest::sample::Index>(), 1usize..24),
            1..20,
        ),
    ) {
        // Quotes cut anywhere in the text (overlapping, repeated, inside
        // words), each text a distinct quote.
        let bounds: Vec<usize> = (0..text.len()).filter(|&i| text.is_char_boundary(i)).collect();
        let mut quotes: Vec<&str> = cuts
            .iter()
            .map(|(at, len)| {
                let start = bounds[at.index(bounds.len())];
                let end = text.floor_char_boundary((start + len).min(text.len()));
                &text[start..end]
            })
            .filter(|quote| !quote.is_empty())
            .collect();
        quotes.sort_unstable();
        quotes.dedup();
        let quotes: Vec<(&str, Vec<usize>)> =
            quotes.into_iter().enumerate().map(|(i, quote)| (quote, vec![i])).collect();
        proptest::prop_assert_eq!(
            occurrences_found(true, &text, &quotes),
            occurrences_found(false, &text, &quotes)
        );
    }
}
