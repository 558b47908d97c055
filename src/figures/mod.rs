//! Figures in quoted passages, and how each report's figures compare with
//! the first report's, so that "1.18 million" against "about 1.2 million"
//! against "over 1.2 million" is flagged as a rounding and an overstatement
//! without an editor having to spell it out.
//!
//! A figure is a number with what a reader takes from it: the qualifier
//! before it ("more than", "about", "nearly"), its scale ("million"), its
//! unit (a count, a percentage, years, an amount of money) and its
//! precision (the step of its last digit: "1.2 million" is 1.15–1.25
//! million to a reader). Each becomes the range of values the wording
//! allows, and two wordings are judged by their ranges: the same words are
//! never judged; a bound that the first report's range lies wholly beyond
//! is an overstatement or an understatement; a hedged or coarser figure
//! whose range holds the first report's is a rounding; ranges that overlap
//! otherwise are not judged at all. Years, dates, ordinals and model names
//! ("Model 3", "Boeing 737") are not figures: an editor who wants one
//! compared lists it in the appearance's `figures`.

mod compare;
mod extract;

use serde::{Deserialize, Serialize};

pub use compare::{Judged, Judgement, Override, compare, judge_wordings};
pub use extract::{extract, listed_figure};

/// A number as a report states it.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// The words as written ("about 1.2 million"), without the punctuation
    /// that follows them.
    pub text: String,
    /// The value (1_200_000.0).
    pub value: f64,
    /// A hedge or bound before the number.
    pub qualifier: Option<Qualifier>,
    /// What is counted.
    pub unit: Unit,
    /// The step of the last digit written, times the scale (100,000 for
    /// "1.2 million"; 1 for "2,077").
    pub precision: f64,
}

/// A hedge or bound before a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Qualifier {
    /// "more than", "over", "above": strictly more.
    Over,
    /// "at least": the number or more.
    AtLeast,
    /// "less than", "under", "fewer than", "below": strictly less.
    Under,
    /// "up to", "at most": the number or less.
    UpTo,
    /// "nearly", "almost": a little less.
    Nearly,
    /// "about", "around", "approximately", "roughly", "some": near it,
    /// either way.
    About,
}

/// What a figure counts: figures of different units are never compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unit {
    /// Things, people, events.
    Count,
    /// "20%", "20 percent".
    Percent,
    /// "10 years".
    Years,
    /// An amount in the currency of this symbol ("$", "€").
    Money(char),
}

/// How a figure compares with the first report's figure of the same size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Comparison {
    /// Within a few percent, with a hedge ("about 1.2 million" for 1.18 million).
    Rounded,
    /// Within its own precision, stated as exact ("1.2 million" for 1.18 million).
    RoundedSilently,
    /// A lower bound ("over", "more than") above everything the first figure allows.
    Overstated,
    /// An upper bound ("under", "nearly") below everything the first figure allows.
    Understated,
    /// Further apart than rounding explains, and not a bound.
    Different,
    /// The first report's number without its hedge ("57,000" where the
    /// first report has "about 57,000").
    Unhedged,
}

impl Comparison {
    /// For readers.
    pub fn label(self) -> &'static str {
        match self {
            Comparison::Rounded => "rounded",
            Comparison::RoundedSilently => "rounded, stated as exact",
            Comparison::Overstated => "overstated",
            Comparison::Understated => "understated",
            Comparison::Different => "different figure",
            Comparison::Unhedged => "hedge dropped",
        }
    }

    /// Its keyword, as `figure-judgement` takes it and CSS classes use.
    pub fn key(self) -> &'static str {
        match self {
            Comparison::Rounded => "rounded",
            Comparison::RoundedSilently => "rounded-silently",
            Comparison::Overstated => "overstated",
            Comparison::Understated => "understated",
            Comparison::Different => "different",
            Comparison::Unhedged => "unhedged",
        }
    }

    /// Whether the figure says something other than the first report's:
    /// what a verdict of "accurate" contradicts.
    pub fn is_discrepancy(self) -> bool {
        matches!(
            self,
            Comparison::Overstated | Comparison::Understated | Comparison::Different
        )
    }
}

/// How numbers are written in a report's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notation {
    /// `1,234.5`: a comma groups thousands, a point marks decimals
    /// (English, Chinese, Japanese …).
    DecimalPoint,
    /// `1.234,5` or `1 234,5`: a point or a space groups thousands, a comma
    /// marks decimals (French, German, Spanish …).
    DecimalComma,
}

impl Notation {
    /// The notation of a language tag (`en`, `fr-CA`).
    pub fn of_language(tag: &str) -> Notation {
        let primary = crate::language::primary(tag);
        const COMMA: &[&str] = &[
            "fr", "de", "es", "it", "pt", "nl", "ru", "pl", "cs", "sv", "da", "nb", "no", "fi",
            "tr", "uk", "ro", "hu", "el", "id", "vi",
        ];
        if COMMA.contains(&primary.as_ref()) {
            Notation::DecimalComma
        } else {
            Notation::DecimalPoint
        }
    }
}
