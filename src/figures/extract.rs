//! Reading figures out of a wording: numbers in the dossier's notation,
//! with their qualifiers, scales and units, and what is not a figure
//! (years, dates, ordinals, model names).

use super::{Figure, Notation, Qualifier, Unit};

/// The qualifiers, as written before a number; the longest that matches
/// is the figure's ("just under", not "under"). Only words that qualify a
/// number whenever they precede one, in any language, since the list
/// serves every dossier: German "über", "unter" and "fast" and Spanish
/// "hasta" are left out ("ein Bericht über 1.500 Fälle", "unter den 1.500
/// Beschäftigten", "a fast 100 metres", "hasta 2026": until 2026).
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
    ("mehr als", Qualifier::Over),
    ("mindestens", Qualifier::AtLeast),
    ("weniger als", Qualifier::Under),
    ("bis zu", Qualifier::UpTo),
    ("höchstens", Qualifier::UpTo),
    ("knapp", Qualifier::Nearly),
    ("beinahe", Qualifier::Nearly),
    ("rund", Qualifier::About),
    ("etwa", Qualifier::About),
    ("ungefähr", Qualifier::About),
    ("circa", Qualifier::About),
    ("más de", Qualifier::Over),
    ("al menos", Qualifier::AtLeast),
    ("menos de", Qualifier::Under),
    ("casi", Qualifier::Nearly),
    ("cerca de", Qualifier::About),
    ("alrededor de", Qualifier::About),
    ("aproximadamente", Qualifier::About),
    ("unos", Qualifier::About),
    ("unas", Qualifier::About),
    ("أكثر من", Qualifier::Over),
    ("أقل من", Qualifier::Under),
    ("حوالي", Qualifier::About),
    ("نحو", Qualifier::About),
];

const SCALES: &[(&str, f64)] = &[
    ("thousand", 1e3),
    ("million", 1e6),
    ("millions", 1e6),
    ("millionen", 1e6),
    ("mio", 1e6),
    ("millón", 1e6),
    ("millones", 1e6),
    ("milione", 1e6),
    ("milioni", 1e6),
    ("milhão", 1e6),
    ("milhões", 1e6),
    ("billion", 1e9),
    ("billions", 1e9),
    ("milliard", 1e9),
    ("milliards", 1e9),
    ("milliarden", 1e9),
    ("mrd", 1e9),
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
    // Every figure has an ASCII digit (see `Token::read`); most wordings
    // have none, and the lints read every claim's wordings after each edit.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
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
/// number (no grouping, scale, unit or bound but "up to": "more than
/// 1500" is a quantity, "around 1990" and "up to 2026" may be years) can
/// be.
fn is_not_a_figure(words: &[&str], i: usize, figure: &Figure) -> bool {
    let grouped = Token::read(words[i]).is_none_or(|t| {
        t.digits
            .contains([',', '.', '\u{202F}', '\u{A0}', '\u{2009}'])
    });
    // "up to 2026" and "jusqu'à 2030" are as often "until" a year.
    let bound = !matches!(
        figure.qualifier,
        None | Some(Qualifier::About) | Some(Qualifier::UpTo)
    );
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

/// A word as the lists above spell it: in lower case, without the
/// punctuation around it (a closing ’ included: ‘2 million’), with a
/// typographic apostrophe inside it made straight ("jusqu’à").
fn bare(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
        .to_lowercase()
        .replace('’', "'")
}

/// The qualifier that ends just before `words[i]`, and its first word.
fn qualifier_before(words: &[&str], i: usize) -> (Option<Qualifier>, usize) {
    let mut found = (None, i);
    for &(phrase, qualifier) in QUALIFIERS {
        let n = phrase.split(' ').count();
        if i < n || i - n >= found.1 {
            continue;
        }
        let before: Vec<String> = words[i - n..i].iter().map(|w| bare(w)).collect();
        if before.join(" ") == phrase {
            found = (Some(qualifier), i - n);
        }
    }
    found
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

    #[test]
    fn the_longest_qualifier_before_a_number_is_its_own() {
        let qualifier = |text: &str, notation| extract(text, notation)[0].qualifier;
        assert_eq!(
            qualifier("just under 2 million cars", Notation::DecimalPoint),
            Some(Qualifier::Nearly)
        );
        assert_eq!(
            qualifier("under 2 million cars", Notation::DecimalPoint),
            Some(Qualifier::Under)
        );
        let german = extract(
            "mehr als 1.500 Stellen, knapp 2,5 Millionen Euro, ein Bericht über 1.200 Fälle",
            Notation::DecimalComma,
        );
        let read: Vec<(f64, Option<Qualifier>)> =
            german.iter().map(|f| (f.value, f.qualifier)).collect();
        assert_eq!(
            read,
            [
                (1_500.0, Some(Qualifier::Over)),
                (2_500_000.0, Some(Qualifier::Nearly)),
                (1_200.0, None)
            ]
        );
        let spanish = extract("más de 2,5 millones de personas", Notation::DecimalComma);
        assert_eq!(
            (spanish[0].value, spanish[0].qualifier),
            (2_500_000.0, Some(Qualifier::Over))
        );
        assert_eq!(
            extract("rund 2,5 Mio. Euro", Notation::DecimalComma)[0].value,
            2_500_000.0
        );
        assert!(extract("cerrará hasta 2026", Notation::DecimalComma).is_empty());
        assert!(extract("fermé jusqu'à 2030", Notation::DecimalComma).is_empty());
        assert_eq!(
            qualifier("jusqu’à 2 000 personnes", Notation::DecimalComma),
            Some(Qualifier::UpTo)
        );
        let british = english("cars ‘more than 2 million’ recalled");
        assert_eq!(
            (british[0].value, british[0].qualifier),
            (2_000_000.0, Some(Qualifier::Over))
        );
        assert_eq!(
            texts(&english("up to 2,000 people, up to 1,500")),
            ["up to 2,000", "up to 1,500"]
        );
    }
}
