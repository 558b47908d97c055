//! What is left to annotate (`gloss check --todo`): in each report, the
//! figures and quoted statements no claim covers, and the passages that
//! repeat word for word a claim anchored in another report but not in
//! this one, each of those with the appearance ready to add. Linear in the
//! text: the claims' wordings are looked for in every report in one
//! Aho–Corasick pass each.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use aho_corasick::AhoCorasick;
use rayon::prelude::*;
use serde::Serialize;

use crate::annotation::anchor::{Miss, Query, anchor_all};
use crate::authoring::{self, Excerpt};
use crate::dossier::{Article, Dossier, Part};
use crate::figures::{Notation, extract};
use crate::id::Id;
use crate::text::normalize;

/// A wording shorter than this many words is too common to call a repeat.
const MIN_REPEAT_WORDS: usize = 4;

/// A quoted statement shorter than this many words is a term, not a
/// statement.
const MIN_QUOTED_WORDS: usize = 4;

/// How many repeats of other reports' claims one report lists; the rest
/// are counted. Text that many reports share (a wire story run by every
/// outlet) would otherwise list every claim in every report: output, and
/// memory, that grow with reports times claims.
const MAX_REPEATS: usize = 20;

/// What one report has left to annotate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Todo {
    /// The report's slug.
    pub article: Id,
    /// Its file, relative to the dossier root.
    pub path: String,
    /// What is left, in reading order.
    pub items: Vec<Item>,
    /// How many more passages repeat another report's claim than
    /// [`MAX_REPEATS`] lets `items` list.
    pub more_repeats: usize,
}

/// One thing left to annotate.
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
}

/// What every report of `dossier` has left to annotate, reports with
/// nothing left omitted.
pub fn todo(dossier: &Dossier) -> Vec<Todo> {
    let wordings = Wordings::of(dossier);
    dossier
        .articles
        .par_iter()
        .map(|(slug, article)| {
            let notation = article.meta.language.as_deref().map_or(
                Notation::of_language(&dossier.config.book.language),
                Notation::of_language,
            );
            // A repeat's appearance covers the figures and quotes in it.
            let (repeats, more_repeats) = wordings.repeats_in(article);
            let mut covered = covered(article);
            covered.extend(repeats.iter().map(|(range, _)| range.clone()));
            let mut items: Vec<(usize, Item)> = Vec::new();
            items.extend(figures(&article.text, notation, &covered));
            items.extend(quoted(&article.text, &covered));
            items.extend(repeats.into_iter().map(|(range, item)| (range.start, item)));
            items.sort_by_key(|(at, _)| *at);
            Todo {
                article: slug.clone(),
                path: article.path.display().to_string(),
                items: items.into_iter().map(|(_, item)| item).collect(),
                more_repeats,
            }
        })
        .filter(|todo| !todo.items.is_empty() || todo.more_repeats > 0)
        .collect()
}

/// The byte ranges of the body that claims' passages cover.
fn covered(article: &Article) -> Vec<Range<usize>> {
    article
        .anchors
        .iter()
        .filter(|a| a.part == Part::Body)
        .map(|a| a.range.clone())
        .collect()
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

/// The words inside quotation marks (“…”, "…", «…», „…“) of at least
/// [`MIN_QUOTED_WORDS`] words outside every covered range.
fn quoted(text: &str, covered: &[Range<usize>]) -> Vec<(usize, Item)> {
    const PAIRS: [(char, char); 4] = [('“', '”'), ('"', '"'), ('«', '»'), ('„', '“')];
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
            // Marks left unpaired by a typo would pair across paragraphs.
            let one_block = !inside.contains('\n');
            if one_block
                && inside.split_whitespace().count() >= MIN_QUOTED_WORDS
                && !is_covered(covered, &range)
            {
                found.push((
                    start,
                    Item::Quoted {
                        text: inside.to_owned(),
                    },
                ));
            }
        }
    }
    found
}

/// Every claim's wordings of at least [`MIN_REPEAT_WORDS`] words,
/// normalised, in one automaton.
struct Wordings {
    automaton: Option<AhoCorasick>,
    /// For each pattern, the claims it is a wording of and the wording as
    /// first written.
    owners: Vec<(BTreeSet<Id>, String)>,
    /// The claims with an appearance in each report.
    appearing: BTreeMap<Id, BTreeSet<Id>>,
}

impl Wordings {
    fn of(dossier: &Dossier) -> Wordings {
        let mut by_text: BTreeMap<String, (BTreeSet<Id>, String)> = BTreeMap::new();
        let mut appearing: BTreeMap<Id, BTreeSet<Id>> = BTreeMap::new();
        for claim in dossier.claims.values() {
            for a in &claim.appearances {
                appearing
                    .entry(a.article.clone())
                    .or_default()
                    .insert(claim.id.clone());
                let written = &dossier.articles[&a.article].text_of(a.part)[a.range.clone()];
                let normal = normalize(written);
                if normal.split_whitespace().count() < MIN_REPEAT_WORDS {
                    continue;
                }
                let entry = by_text
                    .entry(normal)
                    .or_insert_with(|| (BTreeSet::new(), written.to_owned()));
                entry.0.insert(claim.id.clone());
            }
        }
        let automaton = (!by_text.is_empty())
            .then(|| AhoCorasick::new(by_text.keys()).expect("plain patterns build"));
        Wordings {
            automaton,
            owners: by_text.into_values().collect(),
            appearing,
        }
    }

    /// The first [`MAX_REPEATS`] passages of `article` that are a wording
    /// of a claim with no appearance in it, where they are, with the
    /// appearance to add; and how many more there are.
    fn repeats_in(&self, article: &Article) -> (Vec<(Range<usize>, Item)>, usize) {
        let Some(automaton) = &self.automaton else {
            return (Vec::new(), 0);
        };
        let none = BTreeSet::new();
        let appearing = self.appearing.get(&article.slug).unwrap_or(&none);
        let normal = normalize(&article.text);
        let mut wanted: BTreeSet<(&Id, &str)> = BTreeSet::new();
        let mut more: BTreeSet<(&Id, &str)> = BTreeSet::new();
        for hit in automaton.find_overlapping_iter(&normal) {
            let (claims, written) = &self.owners[hit.pattern().as_usize()];
            for claim in claims.iter().filter(|c| !appearing.contains(*c)) {
                let candidate = (claim, written.as_str());
                if wanted.len() < MAX_REPEATS || wanted.contains(&candidate) {
                    wanted.insert(candidate);
                } else {
                    more.insert(candidate);
                }
            }
        }
        // Every candidate anchored in one pass over the report.
        let queries: Vec<Query<'_>> = wanted
            .iter()
            .map(|(_, written)| Query {
                quote: written,
                prefix: None,
                suffix: None,
            })
            .collect();
        let found = anchor_all(&article.text, &queries);
        let listed = wanted
            .into_iter()
            .zip(found)
            .filter_map(|((claim, written), found)| {
                let (range, pick) = match found {
                    Ok(range) => (range, None),
                    Err(Miss::Ambiguous { places, .. }) => {
                        let at = article.text.find(written).unwrap_or(0);
                        (at..at, places.first().map(|p| p.pick.clone()))
                    }
                    Err(_) => return None,
                };
                let text = if range.is_empty() {
                    written.to_owned()
                } else {
                    article.text[range.clone()].to_owned()
                };
                let appearance = authoring::appearance(&Excerpt {
                    article: &article.slug,
                    part: Part::Body,
                    quote: &text,
                    prefix: pick.as_ref().and_then(|p| p.prefix.as_deref()),
                    suffix: pick.as_ref().and_then(|p| p.suffix.as_deref()),
                });
                let claim = claim.clone();
                Some((
                    range,
                    Item::Repeat {
                        claim,
                        text,
                        appearance,
                    },
                ))
            })
            .collect();
        (listed, more.len())
    }
}
