//! Figures in quoted passages, and how each report's figures compare with
//! the first report's, so that "1.18 million" against "about 1.2 million"
//! against "over 1.2 million" is flagged as a rounding and an overstatement
//! without an editor having to spell it out.

use serde::Serialize;

/// A number as a report states it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    /// The words as written ("about 1.2 million").
    pub text: String,
    /// The value (1_200_000.0).
    pub value: f64,
    /// A hedge or bound before the number, lower-cased ("about", "over").
    pub qualifier: Option<String>,
}

/// How a figure compares with the first report's figure of the same size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Comparison {
    /// The same number.
    Same,
    /// Within a few percent, with a hedge ("about 1.2 million" for 1.18 million).
    Rounded,
    /// Within a few percent, stated as exact.
    RoundedSilently,
    /// A bound ("over", "more than") the first figure does not reach.
    Overstated,
    /// A bound ("under", "nearly") the first figure exceeds.
    Understated,
    /// Further apart than rounding explains.
    Different,
}

impl Comparison {
    /// For readers.
    pub fn label(self) -> &'static str {
        match self {
            Comparison::Same => "same figure",
            Comparison::Rounded => "rounded",
            Comparison::RoundedSilently => "rounded, stated as exact",
            Comparison::Overstated => "overstated",
            Comparison::Understated => "understated",
            Comparison::Different => "different figure",
        }
    }
}

const SCALES: [(&str, f64); 4] = [
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
    ("trillion", 1e12),
];
const QUALIFIERS: [&str; 14] = [
    "more than",
    "less than",
    "at least",
    "up to",
    "about",
    "around",
    "approximately",
    "roughly",
    "nearly",
    "almost",
    "some",
    "over",
    "under",
    "just",
];
/// How far apart two figures may be and still count as a rounding.
const ROUNDING: f64 = 0.05;

/// Every figure in `text`, in order.
pub fn extract(text: &str) -> Vec<Figure> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut figures = Vec::new();
    for (i, word) in words.iter().enumerate() {
        let digits = word.trim_matches(|c: char| !c.is_ascii_digit());
        let Some(mut value) = parse_number(digits) else {
            continue;
        };
        let mut end = i;
        if let Some(scale) = words.get(i + 1).and_then(|w| scale_of(w)) {
            value *= scale;
            end = i + 1;
        }
        let (qualifier, start) = qualifier_before(&words, i);
        figures.push(Figure {
            text: words[start..=end].join(" "),
            value,
            qualifier,
        });
    }
    figures
}

fn parse_number(s: &str) -> Option<f64> {
    if s.is_empty() || !s.bytes().next()?.is_ascii_digit() {
        return None;
    }
    let plain: String = s.chars().filter(|c| *c != ',').collect();
    plain.parse().ok()
}

fn scale_of(word: &str) -> Option<f64> {
    let word = word
        .trim_matches(|c: char| !c.is_alphabetic())
        .to_lowercase();
    SCALES
        .iter()
        .find(|(name, _)| word == *name || word == format!("{name}s"))
        .map(|(_, v)| *v)
}

fn qualifier_before(words: &[&str], i: usize) -> (Option<String>, usize) {
    let key = |w: &str| w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase();
    if i >= 2 {
        let two = format!("{} {}", key(words[i - 2]), key(words[i - 1]));
        if QUALIFIERS.contains(&two.as_str()) {
            return (Some(two), i - 2);
        }
    }
    match i.checked_sub(1).map(|j| key(words[j])) {
        Some(one) if QUALIFIERS.contains(&one.as_str()) => (Some(one), i - 1),
        _ => (None, i),
    }
}

/// Compares `figure` with the closest of `base` (the first report's
/// figures); `None` when nothing in `base` is of the same size.
pub fn compare(figure: &Figure, base: &[Figure]) -> Option<Comparison> {
    let nearest = base.iter().min_by(|a, b| {
        let da = (a.value - figure.value).abs();
        let db = (b.value - figure.value).abs();
        da.total_cmp(&db)
    })?;
    let (value, reference) = (figure.value, nearest.value);
    if reference == 0.0 || (value - reference).abs() / reference > 0.5 {
        return None;
    }
    let close = (value - reference).abs() / reference <= ROUNDING;
    let qualifier = figure.qualifier.as_deref();
    let comparison = match qualifier {
        Some("over" | "more than" | "at least") if reference <= value => Comparison::Overstated,
        Some("under" | "less than" | "nearly" | "almost" | "up to") if reference >= value => {
            Comparison::Understated
        }
        _ if value == reference && qualifier == nearest.qualifier.as_deref() => Comparison::Same,
        Some(_) if close => Comparison::Rounded,
        None if close => Comparison::RoundedSilently,
        _ => Comparison::Different,
    };
    Some(comparison)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extracts_figures_with_scales_and_qualifiers() {
        let figures = extract(
            "a total of 2,077 servers controlled 1.18 million hosts and about 57,000 attacks",
        );
        let texts: Vec<&str> = figures.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(texts, ["2,077", "1.18 million", "about 57,000"]);
        assert_eq!(figures[1].value, 1_180_000.0);
        assert_eq!(figures[2].qualifier.as_deref(), Some("about"));
        assert_eq!(
            extract("over 1.2 million of China's computers")[0]
                .qualifier
                .as_deref(),
            Some("over")
        );
        assert_eq!(extract("more than one million")[0..], []);
    }

    #[test]
    fn flags_roundings_and_overstatements() {
        let base = extract("2,077 botnet servers controlled 1.18 million host computers");
        let verdict = |t: &str| compare(&extract(t)[0], &base);
        assert_eq!(verdict("about 1.2 million"), Some(Comparison::Rounded));
        assert_eq!(verdict("over 1.2 million"), Some(Comparison::Overstated));
        assert_eq!(verdict("1.2 million"), Some(Comparison::RoundedSilently));
        assert_eq!(verdict("1.18 million"), Some(Comparison::Same));
        assert_eq!(verdict("nearly 1.1 million"), Some(Comparison::Understated));
        assert_eq!(verdict("1.5 million"), Some(Comparison::Different));
        assert_eq!(verdict("14,000"), None);
    }
}
