//! Judging a report's figures against the first report's by the ranges
//! of values each wording allows, and the editor's word where it
//! overrides gloss's.

use serde::Deserialize;

use super::{Comparison, Figure, Notation, Qualifier, extract, listed_figure};

/// The values a reader takes a figure to allow, as the half-open range
/// [low, high): "2015" is 2014.5 up to 2015.5, "more than 2 million"
/// anything above 2 million, "nearly 2 million" a little less.
fn range(figure: &Figure) -> (f64, f64) {
    let (v, half_step) = (figure.value, figure.precision / 2.0);
    let near = (v * ROUNDING).max(half_step);
    match figure.qualifier {
        None => (v - half_step, v + half_step),
        Some(Qualifier::About) => (v - near, v + near),
        Some(Qualifier::Over) => (v.next_up(), f64::INFINITY),
        Some(Qualifier::AtLeast) => (v, f64::INFINITY),
        Some(Qualifier::Under) => (f64::NEG_INFINITY, v),
        Some(Qualifier::UpTo) => (f64::NEG_INFINITY, v.next_up()),
        Some(Qualifier::Nearly) => (v - near, v),
    }
}

/// How far a hedged figure may be from the value and still be "about" it.
const ROUNDING: f64 = 0.05;

/// Figures further apart than this factor are about different things.
const SAME_SIZE: f64 = 2.0;

/// Compares `figure` with the closest of `base` (the first report's
/// figures) of the same unit and size: `None` when none is comparable or
/// when the two wordings agree (the same words, or ranges that overlap
/// without one being a rounding of the other).
pub fn compare(figure: &Figure, base: &[Figure]) -> Option<Comparison> {
    let nearest = base
        .iter()
        .filter(|b| b.unit == figure.unit && b.value > 0.0 && figure.value > 0.0)
        .filter(|b| {
            let ratio = b.value.max(figure.value) / b.value.min(figure.value);
            ratio <= SAME_SIZE
        })
        .min_by(|a, b| {
            let da = (a.value - figure.value).abs();
            let db = (b.value - figure.value).abs();
            da.total_cmp(&db)
        })?;
    if figure.value == nearest.value {
        match (figure.qualifier, nearest.qualifier) {
            // The same number, or the same number hedged: nothing to judge.
            (a, b) if a == b => return None,
            (Some(Qualifier::About), None) => return None,
            (None, Some(Qualifier::About)) => return Some(Comparison::Unhedged),
            _ => {}
        }
    }
    let (low, high) = range(figure);
    let (base_low, base_high) = range(nearest);
    if low >= base_high {
        return Some(match figure.qualifier {
            Some(Qualifier::Over | Qualifier::AtLeast) => Comparison::Overstated,
            _ => Comparison::Different,
        });
    }
    if high <= base_low {
        return Some(match figure.qualifier {
            Some(Qualifier::Under | Qualifier::UpTo | Qualifier::Nearly) => Comparison::Understated,
            _ => Comparison::Different,
        });
    }
    // Only a figure that states a value (exactly or about) can be rounded:
    // a bound is not a value to round.
    let base_is_value = matches!(nearest.qualifier, None | Some(Qualifier::About));
    let holds_base = base_is_value && low <= nearest.value && nearest.value < high;
    let coarser = figure.precision > nearest.precision;
    match figure.qualifier {
        Some(Qualifier::About) if holds_base => Some(Comparison::Rounded),
        None if holds_base && coarser => Some(Comparison::RoundedSilently),
        _ => None,
    }
}

/// What an editor says about one wording's figures, overriding what gloss
/// reads in it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Override {
    /// The figures of the wording, as written in it, in place of those
    /// found automatically (to compare a year or a model number, or to
    /// leave a number out).
    pub figures: Option<Vec<String>>,
    /// The judgement to show in place of gloss's: a comparison, or none.
    pub judgement: Option<Judgement>,
}

/// An editor's judgement of a wording's figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Judgement {
    /// Shown for every figure of the wording.
    Is(Comparison),
    /// No judgement shown.
    Hidden,
}

impl Judgement {
    /// The values `figure-judgement` takes, as written.
    pub const NAMES: &'static [&'static str] = &[
        "rounded",
        "rounded-silently",
        "overstated",
        "understated",
        "different",
        "unhedged",
        "none",
    ];

    /// Reads a value of `figure-judgement`.
    pub fn parse(name: &str) -> Option<Judgement> {
        match name {
            "none" => Some(Judgement::Hidden),
            other => {
                let value =
                    serde::de::value::StrDeserializer::<serde::de::value::Error>::new(other);
                Comparison::deserialize(value).ok().map(Judgement::Is)
            }
        }
    }
}

/// One figure of a wording and its judgement against the first wording.
#[derive(Debug, Clone, PartialEq)]
pub struct Judged {
    /// The figure.
    pub figure: Figure,
    /// How it compares, if it is judged.
    pub comparison: Option<Comparison>,
    /// Whether an editor set the judgement.
    pub by_editor: bool,
}

/// The figures of each wording (quote, notation, the editor's override),
/// the first wording's unjudged and each later one's judged against it.
pub fn judge_wordings(wordings: &[(&str, Notation, Option<&Override>)]) -> Vec<Vec<Judged>> {
    let all: Vec<Vec<Figure>> = wordings
        .iter()
        .map(
            |&(quote, notation, edit)| match edit.and_then(|e| e.figures.as_ref()) {
                Some(listed) => listed
                    .iter()
                    .filter_map(|f| listed_figure(f, notation))
                    .collect(),
                None => extract(quote, notation),
            },
        )
        .collect();
    let Some(base) = all.first() else {
        return Vec::new();
    };
    all.iter()
        .zip(wordings)
        .enumerate()
        .map(|(i, (figures, &(_, _, edit)))| {
            let judgement = edit.and_then(|e| e.judgement);
            figures
                .iter()
                .map(|figure| {
                    let (comparison, by_editor) = match judgement {
                        Some(Judgement::Is(c)) => (Some(c), true),
                        Some(Judgement::Hidden) => (None, true),
                        None if i == 0 => (None, false),
                        None => (compare(figure, base), false),
                    };
                    Judged {
                        figure: figure.clone(),
                        comparison,
                        by_editor,
                    }
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn english(text: &str) -> Vec<Figure> {
        extract(text, Notation::DecimalPoint)
    }

    fn verdict(figure: &str, base: &str) -> Option<Comparison> {
        compare(&english(figure)[0], &english(base))
    }

    #[test]
    fn flags_roundings_and_overstatements() {
        let base = "2,077 botnet servers controlled 1.18 million host computers";
        assert_eq!(
            verdict("about 1.2 million", base),
            Some(Comparison::Rounded)
        );
        assert_eq!(
            verdict("over 1.2 million", base),
            Some(Comparison::Overstated)
        );
        assert_eq!(
            verdict("1.2 million", base),
            Some(Comparison::RoundedSilently)
        );
        assert_eq!(verdict("1.18 million", base), None);
        assert_eq!(
            verdict("nearly 1.1 million", base),
            Some(Comparison::Understated)
        );
        assert_eq!(verdict("1.5 million", base), Some(Comparison::Different));
        assert_eq!(verdict("14,000", base), None);
    }

    #[test]
    fn identical_and_compatible_figures_are_never_judged() {
        let base = "more than 2 million vehicles";
        assert_eq!(verdict("more than 2 million", base), None);
        assert_eq!(verdict("about 2.1 million", base), None);
        assert_eq!(verdict("over 2 million", base), None);
        assert_eq!(
            verdict("nearly 2 million", base),
            Some(Comparison::Understated)
        );
        assert_eq!(verdict("20%", "20 percent"), None);
        assert_eq!(
            verdict("57,000", "about 57,000"),
            Some(Comparison::Unhedged)
        );
        assert_eq!(verdict("about 57,000", "57,000"), None);
        assert_eq!(verdict("20%", "20 cars"), None);
    }

    proptest::proptest! {
        #[test]
        fn the_same_words_are_never_judged(
            qualifier in proptest::sample::select(&["", "about ", "more than ", "nearly ", "up to ", "under "][..]),
            number in 1u32..100_000,
            decimals in 0u32..3,
            scale in proptest::sample::select(&["", " thousand", " million", "%"][..]),
        ) {
            let number = f64::from(number) / 10f64.powi(decimals as i32);
            let may_be_year = matches!(qualifier, "" | "about " | "up to ") && scale.is_empty();
            proptest::prop_assume!(!(may_be_year && (1500.0..=2100.0).contains(&number)));
            let text = format!("{qualifier}{number}{scale}");
            let figures = english(&text);
            proptest::prop_assert_eq!(figures.len(), 1, "{}", text);
            proptest::prop_assert_eq!(compare(&figures[0], &figures), None);
        }

        #[test]
        fn a_bound_beyond_the_first_figure_is_over_or_understated(
            number in proptest::prop_oneof![10u32..1500, 2101u32..100_000],
            factor in 1.2f64..1.9,
        ) {
            let base = english(&format!("{number} cars"));
            let above = (f64::from(number) * factor).round();
            let over = compare(&english(&format!("more than {above}"))[0], &base);
            proptest::prop_assert_eq!(over, Some(Comparison::Overstated));
            let below = (f64::from(number) / factor).round();
            let under = compare(&english(&format!("nearly {below}"))[0], &base);
            proptest::prop_assert_eq!(under, Some(Comparison::Understated));
        }
    }

    #[test]
    fn an_editor_lists_figures_and_sets_judgements() {
        let listed = Override {
            figures: Some(vec!["2015".to_owned()]),
            judgement: None,
        };
        let hidden = Override {
            figures: None,
            judgement: Some(Judgement::Hidden),
        };
        let judged = judge_wordings(&[
            (
                "built in 2016",
                Notation::DecimalPoint,
                Some(&Override {
                    figures: Some(vec!["2016".to_owned()]),
                    judgement: None,
                }),
            ),
            ("built in 2015", Notation::DecimalPoint, Some(&listed)),
            ("over 3,000 built", Notation::DecimalPoint, Some(&hidden)),
        ]);
        assert_eq!(judged[1][0].figure.text, "2015");
        assert_eq!(judged[1][0].comparison, Some(Comparison::Different));
        assert!(!judged[1][0].by_editor);
        assert_eq!(
            (judged[2][0].comparison, judged[2][0].by_editor),
            (None, true)
        );
        assert_eq!(
            Judgement::parse("overstated"),
            Some(Judgement::Is(Comparison::Overstated))
        );
        assert_eq!(
            Judgement::parse("rounded-silently"),
            Some(Judgement::Is(Comparison::RoundedSilently))
        );
        assert_eq!(Judgement::parse("same"), None);
    }
}
