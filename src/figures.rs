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

use serde::{Deserialize, Serialize};

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

/// The qualifiers, as written before a number, longest first within each
/// language so that "more than" wins over a lone "than".
const QUALIFIERS: &[(&str, Qualifier)] = &[
    ("more than", Qualifier::Over),
    ("over", Qualifier::Over),
    ("above", Qualifier::Over),
    ("in excess of", Qualifier::Over),
    ("at least", Qualifier::AtLeast),
    ("less than", Qualifier::Under),
    ("fewer than", Qualifier::Under),
    ("under", Qualifier::Under),
    ("below", Qualifier::Under),
    ("up to", Qualifier::UpTo),
    ("at most", Qualifier::UpTo),
    ("nearly", Qualifier::Nearly),
    ("almost", Qualifier::Nearly),
    ("just under", Qualifier::Nearly),
    ("about", Qualifier::About),
    ("around", Qualifier::About),
    ("approximately", Qualifier::About),
    ("roughly", Qualifier::About),
    ("some", Qualifier::About),
    ("an estimated", Qualifier::About),
    ("plus de", Qualifier::Over),
    ("au moins", Qualifier::AtLeast),
    ("moins de", Qualifier::Under),
    ("jusqu'à", Qualifier::UpTo),
    ("près de", Qualifier::Nearly),
    ("environ", Qualifier::About),
    ("أكثر من", Qualifier::Over),
    ("أقل من", Qualifier::Under),
    ("حوالي", Qualifier::About),
    ("نحو", Qualifier::About),
];

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
        if COMMA.contains(&primary.as_str()) {
            Notation::DecimalComma
        } else {
            Notation::DecimalPoint
        }
    }
}

const SCALES: &[(&str, f64)] = &[
    ("thousand", 1e3),
    ("million", 1e6),
    ("millions", 1e6),
    ("millionen", 1e6),
    ("billion", 1e9),
    ("billions", 1e9),
    ("milliard", 1e9),
    ("milliards", 1e9),
    ("milliarden", 1e9),
    ("trillion", 1e12),
    ("ألف", 1e3),
    ("آلاف", 1e3),
    ("مليون", 1e6),
    ("ملايين", 1e6),
    ("مليار", 1e9),
];

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// Capitalised words that start a sentence or a noun phrase before a
/// number ("The 2 million cars") rather than name a model ("Model 3").
const NOT_NAMES: &[&str] = &[
    "the", "a", "an", "all", "of", "in", "on", "for", "by", "with", "and", "but", "or", "only",
    "another", "those", "these", "its", "their", "his", "her", "our", "to", "from", "since",
    "after", "before", "than", "le", "la", "les", "des", "de", "en", "die", "der", "das",
];

/// Every figure in `text`, in order.
pub fn extract(text: &str, notation: Notation) -> Vec<Figure> {
    let words = words(text);
    let mut figures = Vec::new();
    let mut i = 0;
    while i < words.len() {
        match figure_at(&words, i, notation) {
            Some((figure, end)) if !is_not_a_figure(&words, i, &figure) => {
                figures.push(figure);
                i = end + 1;
            }
            _ => i += 1,
        }
    }
    figures
}

/// The words of `text`, split at white space, except a no-break, narrow
/// or thin space between digits, which groups thousands ("11 000").
fn words(text: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut start = None;
    let mut chars = text.char_indices().peekable();
    let mut previous = ' ';
    while let Some((i, c)) = chars.next() {
        let groups_digits = matches!(c, '\u{A0}' | '\u{202F}' | '\u{2009}')
            && previous.is_ascii_digit()
            && chars.peek().is_some_and(|(_, next)| next.is_ascii_digit());
        match (c.is_whitespace() && !groups_digits, start) {
            (true, Some(s)) => {
                words.push(&text[s..i]);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
        previous = c;
    }
    if let Some(s) = start {
        words.push(&text[s..]);
    }
    words
}

/// Whether the number at `words[i]`, read as `figure`, is a year, a day
/// of the month or part of a name rather than a quantity: only a plain
/// number (no grouping, scale, unit or bound: "more than 1500" is a
/// quantity, "around 1990" may be a year) can be.
fn is_not_a_figure(words: &[&str], i: usize, figure: &Figure) -> bool {
    let grouped = Token::read(words[i]).is_none_or(|t| {
        t.digits
            .contains([',', '.', '\u{202F}', '\u{A0}', '\u{2009}'])
    });
    let bound = !matches!(figure.qualifier, None | Some(Qualifier::About));
    let plain = figure.precision == 1.0
        && !bound
        && figure.unit == Unit::Count
        && !grouped
        && scale_of(words.get(i + 1).unwrap_or(&"")).is_none();
    plain && (is_year(figure.value, words[i]) || is_date(words, i) || is_name(words, i))
}

/// The figure whose number is `words[i]`, and the index of its last word.
fn figure_at(words: &[&str], i: usize, notation: Notation) -> Option<(Figure, usize)> {
    let token = Token::read(words[i])?;
    let (number, precision) = parse_number(token.digits, notation)?;
    let mut end = i;
    let mut scale = 1.0;
    if let Some(s) = words.get(i + 1).and_then(|w| scale_of(w)) {
        scale = s;
        end = i + 1;
    }
    let mut unit = match token.currency {
        Some(symbol) => Unit::Money(symbol),
        None if token.percent => Unit::Percent,
        None => Unit::Count,
    };
    if unit == Unit::Count
        && let Some(named) = words.get(end + 1).and_then(|w| unit_of(w))
    {
        unit = named;
        end += 1;
    }
    let (qualifier, start) = qualifier_before(words, i);
    let mut text = words[start..=end].join(" ");
    let trimmed = text.trim_end_matches(|c: char| {
        matches!(
            c,
            '.' | ',' | ';' | ':' | '!' | '?' | ')' | '"' | '\'' | '”' | '’' | '»'
        )
    });
    text.truncate(trimmed.len());
    let text = text
        .trim_start_matches(['(', '"', '“', '‘', '«'])
        .to_owned();
    let figure = Figure {
        text,
        value: number * scale,
        qualifier,
        unit,
        precision: precision * scale,
    };
    Some((figure, end))
}

/// A word read as a number: its digits and what is attached to them.
struct Token<'w> {
    digits: &'w str,
    currency: Option<char>,
    percent: bool,
}

impl<'w> Token<'w> {
    /// `word` as a number, unless it is something else with digits in it
    /// ("3rd", "737-800", "COVID-19").
    fn read(word: &'w str) -> Option<Token<'w>> {
        let word = word.trim_start_matches(['(', '"', '“', '‘', '«']);
        let word = word.trim_end_matches(|c: char| {
            matches!(
                c,
                '.' | ',' | ';' | ':' | '!' | '?' | ')' | '"' | '\'' | '”' | '’' | '»'
            )
        });
        let (currency, word) = match word.chars().next() {
            Some(c @ ('$' | '€' | '£' | '¥')) => (Some(c), &word[c.len_utf8()..]),
            _ => (None, word),
        };
        let (percent, digits) = match word.strip_suffix('%') {
            Some(d) => (true, d),
            None => (false, word),
        };
        let well_formed = digits.starts_with(|c: char| c.is_ascii_digit())
            && digits.ends_with(|c: char| c.is_ascii_digit())
            && digits.chars().all(|c| {
                c.is_ascii_digit() || matches!(c, ',' | '.' | '\u{202F}' | '\u{A0}' | '\u{2009}')
            });
        well_formed.then_some(Token {
            digits,
            currency,
            percent,
        })
    }
}

/// The value of `digits` and the step of its last digit.
fn parse_number(digits: &str, notation: Notation) -> Option<(f64, f64)> {
    let (group, decimal) = match notation {
        Notation::DecimalPoint => (',', '.'),
        Notation::DecimalComma => ('.', ','),
    };
    let mut plain = String::with_capacity(digits.len());
    for c in digits.chars() {
        match c {
            '\u{202F}' | '\u{A0}' | '\u{2009}' => {}
            c if c == group => {}
            c if c == decimal => plain.push('.'),
            c => plain.push(c),
        }
    }
    let decimals = plain.split_once('.').map_or(0, |(_, d)| d.len());
    let value: f64 = plain.parse().ok()?;
    Some((value, 10f64.powi(-(decimals as i32))))
}

fn scale_of(word: &str) -> Option<f64> {
    let word = bare(word);
    SCALES
        .iter()
        .find(|(name, _)| word == *name)
        .map(|(_, v)| *v)
}

fn unit_of(word: &str) -> Option<Unit> {
    match bare(word).as_str() {
        "percent" | "pct" | "pour-cent" | "prozent" => Some(Unit::Percent),
        "year" | "years" | "ans" | "jahre" => Some(Unit::Years),
        _ => None,
    }
}

/// A four-digit whole number between 1500 and 2100, as years are written
/// (`word` is the number as written, with any punctuation after it).
fn is_year(number: f64, word: &str) -> bool {
    let digits = word.chars().filter(char::is_ascii_digit).count();
    digits == 4 && (1500.0..=2100.0).contains(&number)
}

/// Whether the number at `i` is a day of the month ("March 4", "4 March").
fn is_date(words: &[&str], i: usize) -> bool {
    let month = |j: usize| {
        words
            .get(j)
            .is_some_and(|w| MONTHS.contains(&bare(w).as_str()))
    };
    month(i + 1) || (i > 0 && month(i - 1))
}

/// Whether the number at `i` names a model or an edition ("Model 3",
/// "Boeing 737"): it follows a capitalised word that is not a qualifier
/// or a word that starts a sentence or a phrase.
fn is_name(words: &[&str], i: usize) -> bool {
    let Some(before) = i.checked_sub(1).map(|j| words[j]) else {
        return false;
    };
    let capitalised = before.chars().next().is_some_and(char::is_uppercase);
    let ends_clause = before.ends_with(['.', ',', ';', ':']);
    let key = bare(before);
    capitalised
        && !ends_clause
        && !NOT_NAMES.contains(&key.as_str())
        && !QUALIFIERS
            .iter()
            .any(|(q, _)| q.split(' ').next_back() == Some(key.as_str()))
}

/// A word lower-cased without the punctuation around it.
fn bare(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
        .to_lowercase()
}

/// The qualifier that ends just before `words[i]`, and its first word.
fn qualifier_before(words: &[&str], i: usize) -> (Option<Qualifier>, usize) {
    for &(phrase, qualifier) in QUALIFIERS {
        let n = phrase.split(' ').count();
        if i < n {
            continue;
        }
        let before: Vec<String> = words[i - n..i].iter().map(|w| bare(w)).collect();
        if before.join(" ") == phrase {
            return (Some(qualifier), i - n);
        }
    }
    (None, i)
}

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

/// A figure an editor listed ("about 2 million", "2015"): read as written,
/// a year or a model number included.
pub fn listed_figure(listed: &str, notation: Notation) -> Option<Figure> {
    let words = words(listed);
    let number = words.iter().position(|w| Token::read(w).is_some())?;
    figure_at(&words, number, notation).map(|(figure, _)| figure)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn english(text: &str) -> Vec<Figure> {
        extract(text, Notation::DecimalPoint)
    }

    fn texts(figures: &[Figure]) -> Vec<&str> {
        figures.iter().map(|f| f.text.as_str()).collect()
    }

    #[test]
    fn extracts_figures_with_scales_qualifiers_and_units() {
        let figures = english(
            "a total of 2,077 servers controlled 1.18 million hosts and about 57,000 attacks",
        );
        assert_eq!(texts(&figures), ["2,077", "1.18 million", "about 57,000"]);
        assert_eq!(figures[1].value, 1_180_000.0);
        assert_eq!(figures[1].precision, 10_000.0);
        assert_eq!(figures[2].qualifier, Some(Qualifier::About));
        assert_eq!(
            english("over 1.2 million of China's computers")[0].qualifier,
            Some(Qualifier::Over)
        );
        let units = english("up 20% on 5 percent, $3 billion over 10 years");
        let units: Vec<&Unit> = units.iter().map(|f| &f.unit).collect();
        assert_eq!(
            units,
            [
                &Unit::Percent,
                &Unit::Percent,
                &Unit::Money('$'),
                &Unit::Years
            ]
        );
        assert!(english("more than one million").is_empty());
    }

    #[test]
    fn years_dates_ordinals_and_model_names_are_not_figures() {
        let figures = english(
            "The recall covers Model 3 sedans built from 2015 to 2019, announced March 4, 2021. \
             It is the 3rd recall; Boeing 737 jets and the 2 million cars were not included.",
        );
        assert_eq!(texts(&figures), ["2 million"]);
        assert_eq!(texts(&english("in 2021.")), Vec::<&str>::new());
        assert_eq!(texts(&english("some 2,021 cars")), ["some 2,021"]);
    }

    #[test]
    fn trailing_punctuation_is_not_part_of_a_figure() {
        assert_eq!(
            texts(&english("it recalled 12 cars, then 40.")),
            ["12", "40"]
        );
        assert_eq!(texts(&english("(about 3 million)")), ["about 3 million"]);
    }

    #[test]
    fn numbers_follow_the_language_notation() {
        let french = extract(
            "plus de 2,5 millions de voitures et 11 000 accidents",
            Notation::DecimalComma,
        );
        assert_eq!(french[0].value, 2_500_000.0);
        assert_eq!(french[0].qualifier, Some(Qualifier::Over));
        assert_eq!(Notation::of_language("fr-CA"), Notation::DecimalComma);
        let arabic = english("أكثر من 2.5 مليون شخص");
        assert_eq!(
            (arabic[0].value, arabic[0].qualifier),
            (2_500_000.0, Some(Qualifier::Over))
        );
        assert_eq!(Notation::of_language("zh"), Notation::DecimalPoint);
        let narrow = extract("11\u{202F}000 accidents", Notation::DecimalComma);
        assert_eq!(narrow[0].value, 11_000.0);
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
            let may_be_year = matches!(qualifier, "" | "about ") && scale.is_empty();
            proptest::prop_assume!(!(may_be_year && (1500.0..=2100.0).contains(&number)));
            let text = format!("{qualifier}{number}{scale}");
            let figures = english(&text);
            proptest::prop_assert_eq!(figures.len(), 1, "{}", text);
            proptest::prop_assert_eq!(compare(&figures[0], &figures), None);
        }

        #[test]
        fn a_bound_beyond_the_first_figure_is_over_or_understated(
            number in 10u32..100_000,
            factor in 1.2f64..1.9,
        ) {
            proptest::prop_assume!(!(1500..=2100).contains(&number));
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
