//! What is left to annotate (`gloss check --todo`, and the preview's
//! `/__gloss/todo/` page): in each report, the figures, dates and quoted
//! statements no claim covers, in its headline and its text, and the
//! passages that repeat, word for word or nearly (`repeats`), a claim
//! anchored in another report but not in this one, each of those with the
//! appearance ready to add; each where it is (the headline, or the
//! paragraph by its id on the report's page). Linear in the text.

mod dates;
mod repeats;

use std::ops::Range;

use rayon::prelude::*;
use serde::Serialize;

use crate::dossier::{Article, Dossier, Part};
use crate::figures::{Notation, extract};
use crate::id::Id;
use crate::text::{NormalizedText, is_unspaced_script};
use repeats::Wordings;

/// A quoted statement shorter than this many words is a term, not a
/// statement.
const MIN_QUOTED_WORDS: usize = 4;

/// What one report has left to annotate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Todo {
    /// The report's slug.
    pub article: Id,
    /// Its file, relative to the dossier root.
    pub path: String,
    /// What is left, in reading order.
    pub items: Vec<Left>,
    /// How many more passages repeat another report's claim than
    /// the limit lets `items` list.
    pub more_repeats: usize,
}

/// One thing left to annotate, and where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Left {
    /// The part of the report it is in, as an appearance's `in` names
    /// it: the headline or the text.
    #[serde(rename = "in")]
    pub part: Part,
    /// The paragraph or heading it is in, by its id on the report's page
    /// (`p-…`, from its first words); none in the headline, or in a list
    /// or table.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub block: Option<String>,
    /// What it is.
    #[serde(flatten)]
    pub item: Item,
}

impl Left {
    /// Where it is, for people: "in the headline", "in ¶ p-…".
    pub fn place(&self) -> String {
        match (self.part, &self.block) {
            (Part::Title, _) => "in the headline".to_owned(),
            (Part::Body, Some(block)) => format!("in ¶ {block}"),
            (Part::Body, None) => "in the text, outside the paragraphs".to_owned(),
        }
    }
}

/// What is left to annotate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Item {
    /// A figure no claim's passage covers.
    Figure {
        /// The figure as written.
        text: String,
    },
    /// Words in quotation marks no claim's passage covers.
    Quoted {
        /// The words inside the marks.
        text: String,
    },
    /// A date or weekday no claim's passage covers.
    Date {
        /// The date as written.
        text: String,
    },
    /// A passage that is, word for word, a wording of a claim that has no
    /// appearance in this report.
    Repeat {
        /// The claim.
        claim: Id,
        /// The passage as this report has it.
        text: String,
        /// The `[[claim.appearance]]` to add under the claim, as TOML.
        appearance: String,
    },
    /// Words in quotation marks no claim's passage covers, which a
    /// claim's wording holds word for word: part of a statement that
    /// another passage quotes whole.
    PartOfWording {
        /// The claim.
        claim: Id,
        /// The words inside the marks.
        text: String,
        /// The claim's wording that holds them.
        wording: String,
        /// The `[[claim.appearance]]` to add under the claim, as TOML.
        appearance: String,
    },
    /// A passage that nearly repeats a wording of a claim that has no
    /// appearance in this report: the same figures, most of the words.
    NearRepeat {
        /// The claim.
        claim: Id,
        /// The passage as this report has it.
        text: String,
        /// The claim's wording it resembles, as another report has it.
        wording: String,
        /// The passage's words that the wording does not have.
        adds: Vec<String>,
        /// The wording's words that the passage does not have.
        lacks: Vec<String>,
        /// The `[[claim.appearance]]` to add under the claim, as TOML.
        appearance: String,
    },
}

impl Item {
    /// For a near repeat, what the passage changes in the claim's
    /// wording, as a clause for people ("it has “shut” for “close”"); for
    /// anything else, nothing.
    pub fn differences(&self) -> Option<String> {
        let Item::NearRepeat { adds, lacks, .. } = self else {
            return None;
        };
        let quoted = |words: &[String]| {
            words
                .iter()
                .map(|w| format!("“{w}”"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        Some(match (adds.is_empty(), lacks.is_empty()) {
            (true, true) => "it has the same words, punctuated otherwise".to_owned(),
            (false, true) => format!("it adds {}", quoted(adds)),
            (true, false) => format!("it lacks {}", quoted(lacks)),
            (false, false) => format!("it has {} for {}", quoted(adds), quoted(lacks)),
        })
    }
}

/// What every report of `dossier` has left to annotate, reports with
/// nothing left omitted.
pub fn todo(dossier: &Dossier) -> Vec<Todo> {
    let wordings = Wordings::of(dossier);
    dossier
        .articles
        .par_iter()
        .map(|(slug, article)| {
            let notation = dossier.notation(article);
            // A repeat's appearance covers the figures, dates and quotes
            // in it.
            // Normalised once for the repeats and the quotations' places.
            let norm = NormalizedText::new(&article.text);
            let (repeats, more_repeats) = wordings.repeats_in(dossier, article, &norm);
            let mut covered_text = covered(article, Part::Body);
            covered_text.extend(repeats.iter().map(|(range, _)| range.clone()));
            let mut body = unclaimed(&article.text, notation, &covered_text);
            for (at, item) in &mut body {
                if let Item::Quoted { text } = item
                    && let Some(part) = wordings.holding(article, &norm, *at, text)
                {
                    *item = part;
                }
            }
            body.extend(repeats.into_iter().map(|(range, item)| (range.start, item)));
            body.sort_by_key(|(at, _)| *at);
            let title = &article.meta.title;
            let headline = unclaimed(title, notation, &covered(article, Part::Title));
            let items = headline.into_iter().map(|(_, item)| Left {
                part: Part::Title,
                block: None,
                item,
            });
            let items = items.chain(body.into_iter().map(|(at, item)| Left {
                part: Part::Body,
                block: block_at(article, at),
                item,
            }));
            Todo {
                article: slug.clone(),
                path: article.path.display().to_string(),
                items: items.collect(),
                more_repeats,
            }
        })
        .filter(|todo| !todo.items.is_empty() || todo.more_repeats > 0)
        .collect()
}

/// The figures, dates and quoted statements of `text` (a headline or a
/// report's text) outside every `covered` range, with where each starts,
/// in reading order.
fn unclaimed(text: &str, notation: Notation, covered: &[Range<usize>]) -> Vec<(usize, Item)> {
    let dates: Vec<Range<usize>> = dates::dates(text)
        .into_iter()
        .filter(|date| !is_covered(covered, date))
        .collect();
    // A figure in a date (the day, the year) is the date's.
    let mut not_figures = covered.to_vec();
    not_figures.extend(dates.iter().cloned());
    let mut items = figures(text, notation, &not_figures);
    items.extend(dates.into_iter().map(|date| {
        let text = text[date.clone()].to_owned();
        (date.start, Item::Date { text })
    }));
    items.extend(quoted(text, covered));
    items.sort_by_key(|(at, _)| *at);
    items
}

/// The byte ranges of `part` of the article that claims' passages cover.
fn covered(article: &Article, part: Part) -> Vec<Range<usize>> {
    article
        .anchors
        .iter()
        .filter(|a| a.part == part)
        .map(|a| a.range.clone())
        .collect()
}

/// The id of the paragraph or heading of the article's text that holds
/// the byte `at`, if one does.
fn block_at(article: &Article, at: usize) -> Option<String> {
    let after = article.blocks.partition_point(|block| block.at <= at);
    let block = &article.blocks[after.checked_sub(1)?];
    (at < block.end).then(|| block.id.clone())
}

/// Roughly how many words `text` has: its runs between spaces, except
/// that a run in a script written without spaces counts a word for every
/// two of its characters (most Chinese and Japanese words have two), so
/// that a quoted name of a few characters is a term and a quoted sentence
/// a statement.
fn rough_word_count(text: &str) -> usize {
    text.split_whitespace()
        .map(|run| {
            let unspaced = run.chars().filter(|c| is_unspaced_script(*c)).count();
            unspaced.div_ceil(2).max(1)
        })
        .sum()
}

/// Whether a claim's passage covers any of `range`: an editor who quoted
/// part of a statement has dealt with it.
fn is_covered(covered: &[Range<usize>], range: &Range<usize>) -> bool {
    covered
        .iter()
        .any(|c| c.start < range.end && range.start < c.end)
}

/// The figures of `text` outside every covered range, with where they are.
fn figures(text: &str, notation: Notation, covered: &[Range<usize>]) -> Vec<(usize, Item)> {
    let mut from = 0;
    let mut found = Vec::new();
    for figure in extract(text, notation) {
        let Some(at) = text[from..].find(figure.text.as_str()).map(|i| from + i) else {
            continue;
        };
        from = at + figure.text.len();
        if !is_covered(covered, &(at..from)) {
            found.push((at, Item::Figure { text: figure.text }));
        }
    }
    found
}

/// The words inside quotation marks (“…”, "…", «…», „…“, 「…」, 『…』)
/// of at least [`MIN_QUOTED_WORDS`] words outside every covered range.
fn quoted(text: &str, covered: &[Range<usize>]) -> Vec<(usize, Item)> {
    const PAIRS: [(char, char); 6] = [
        ('“', '”'),
        ('"', '"'),
        ('«', '»'),
        ('„', '“'),
        ('「', '」'),
        ('『', '』'),
    ];
    let mut found = Vec::new();
    for (open, close) in PAIRS {
        let mut from = 0;
        while let Some(start) = text[from..].find(open).map(|i| from + i + open.len_utf8()) {
            let Some(end) = text[start..].find(close).map(|i| start + i) else {
                break;
            };
            from = end + close.len_utf8();
            let inside = text[start..end].trim();
            let range = start..end;
            let at = end - text[start..end].trim_start().len();
            // Marks left unpaired by a typo would pair across paragraphs.
            let one_block = !inside.contains('\n');
            if one_block
                && rough_word_count(inside) >= MIN_QUOTED_WORDS
                && !is_covered(covered, &range)
            {
                found.push((
                    at,
                    Item::Quoted {
                        text: inside.to_owned(),
                    },
                ));
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted_texts(text: &str) -> Vec<String> {
        quoted(text, &[])
            .into_iter()
            .map(|(_, item)| match item {
                Item::Quoted { text } => text,
                other => panic!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn a_quoted_statement_is_told_from_a_quoted_term_in_any_script() {
        assert_eq!(
            quoted_texts("He called it “a farce” and said “we will not pay this levy”."),
            ["we will not pay this levy"]
        );
        assert_eq!(
            quoted_texts("非政府组织“自由之水”表示：“我们要求立即提供紧急援助”。"),
            ["我们要求立即提供紧急援助"]
        );
        assert_eq!(
            quoted_texts("市長は「来年度から料金を引き上げる」と述べ、『港湾』の計画を示した。"),
            ["来年度から料金を引き上げる"]
        );
    }
}
