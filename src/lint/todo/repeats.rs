//! The passages of a report that repeat a claim anchored in other reports
//! but not in this one: word for word, or nearly (the same figures, and at
//! least [`NEAR`] of the claim's wording in the same order, three words at
//! a time).
//!
//! Both searches are linear in the text. Exact wordings are found with one
//! Aho–Corasick pass over each report. For near ones, every wording's runs
//! of three words ("shingles") are indexed once; each run of the report
//! then looks up the wordings that share it, and the runs are tallied
//! sentence by sentence. A run that a great many wordings share is common
//! phrasing, not evidence, and is skipped, so a lookup costs at most
//! [`MAX_SHARING`] tallies.

use std::collections::{BTreeMap, BTreeSet};
use std::hash::{Hash, Hasher};
use std::ops::Range;

use aho_corasick::AhoCorasick;
use rustc_hash::{FxHashMap, FxHasher};
use unicode_segmentation::UnicodeSegmentation;

use super::Item;
use crate::annotation::anchor::{Located, Selection, locate_in};
use crate::authoring::{self, Excerpt};
use crate::dossier::{Article, Dossier, Part};
use crate::figures::{Figure, Notation, extract};
use crate::id::Id;
use crate::text::{NormalizedText, normalize, word_diff};

/// A wording shorter than this many words is too common to call a repeat.
const MIN_REPEAT_WORDS: usize = 4;

/// A wording must have this many words to be looked for nearly: fewer
/// leave too few runs of three to tell a paraphrase from a coincidence.
const MIN_NEAR_WORDS: usize = 6;

/// How much of a wording's runs of three words a passage must share to
/// nearly repeat it.
const NEAR: f64 = 0.6;

/// A run of three words shared by more wordings than this is skipped.
const MAX_SHARING: usize = 32;

/// How many repeats of other reports' claims one report lists; the rest
/// are counted. Text that many reports share (a wire story run by every
/// outlet) would otherwise list every claim in every report: output, and
/// memory, that grow with reports times claims.
pub(super) const MAX_REPEATS: usize = 20;

/// How much text around a passage tells its place from a repeat's.
const CONTEXT: usize = 300;

/// One distinct wording of one or more claims.
struct Wording {
    /// The claims it is a wording of.
    claims: BTreeSet<Id>,
    /// As first written.
    written: String,
    /// Normalised, as matched.
    normal: String,
    /// How many runs of three words it has.
    shingles: usize,
    /// How many words it has.
    words: usize,
    /// Its figures, as value and unit, which a near repeat must share.
    figures: Vec<FigureKey>,
}

/// A figure's value and unit, compared exactly.
type FigureKey = (u64, String);

fn key(figure: &Figure) -> FigureKey {
    (figure.value.to_bits(), format!("{:?}", figure.unit))
}

/// Every claim's wordings, indexed for both searches.
pub(super) struct Wordings {
    wordings: Vec<Wording>,
    exact: Option<AhoCorasick>,
    /// Run of three words (hashed) → the wordings that have it, with the
    /// place (in words) of its first occurrence in each.
    shingles: FxHashMap<u64, Vec<(u32, u32)>>,
    /// The claims with an appearance in each report.
    appearing: BTreeMap<Id, BTreeSet<Id>>,
}

/// One repeat found, before it is described.
struct Found<'w> {
    claim: &'w Id,
    wording: &'w Wording,
    /// Where in the report's normalised text.
    range: Range<usize>,
    exact: bool,
}

/// The repeats of one report, the first [`MAX_REPEATS`] kept.
#[derive(Default)]
struct Listing<'w> {
    /// By claim and place.
    found: BTreeMap<(&'w Id, usize), Found<'w>>,
    /// The places of the others, only to count them.
    more: BTreeSet<(&'w Id, usize)>,
}

impl<'w> Listing<'w> {
    fn take(&mut self, found: Found<'w>) {
        let place = (found.claim, found.range.start);
        if self.found.len() < MAX_REPEATS || self.found.contains_key(&place) {
            self.found.entry(place).or_insert(found);
        } else {
            self.more.insert(place);
        }
    }

    /// Whether an exact repeat of `claim` overlaps `range` already.
    fn repeats_exactly(&self, claim: &Id, range: &Range<usize>) -> bool {
        self.found.values().any(|f| {
            f.exact && f.claim == claim && f.range.start < range.end && range.start < f.range.end
        })
    }
}

impl Wordings {
    /// Indexes the wordings of every claim of `dossier`.
    pub(super) fn of(dossier: &Dossier) -> Wordings {
        let mut by_text: BTreeMap<String, Wording> = BTreeMap::new();
        let mut appearing: BTreeMap<Id, BTreeSet<Id>> = BTreeMap::new();
        for claim in dossier.claims.values() {
            for a in claim.appearances.iter() {
                appearing
                    .entry(a.article.clone())
                    .or_default()
                    .insert(claim.id.clone());
                let article = &dossier.articles[&a.article];
                let written = &article.text_of(a.part)[a.range.clone()];
                let normal = normalize(written);
                // Words as UAX #29 counts them: in Chinese, each ideograph.
                if normal.unicode_words().count() < MIN_REPEAT_WORDS {
                    continue;
                }
                let notation = dossier.notation(article);
                by_text
                    .entry(normal.clone())
                    .or_insert_with(|| Wording {
                        claims: BTreeSet::new(),
                        written: written.to_owned(),
                        figures: extract(written, notation).iter().map(key).collect(),
                        shingles: 0,
                        words: 0,
                        normal,
                    })
                    .claims
                    .insert(claim.id.clone());
            }
        }
        let exact = (!by_text.is_empty())
            .then(|| AhoCorasick::new(by_text.keys()).expect("plain patterns build"));
        let mut wordings: Vec<Wording> = by_text.into_values().collect();
        let mut shingles: FxHashMap<u64, Vec<(u32, u32)>> = FxHashMap::default();
        for (i, wording) in wordings.iter_mut().enumerate() {
            let words = words(&wording.normal);
            wording.words = words.len();
            if words.len() < MIN_NEAR_WORDS {
                continue;
            }
            let mut first: BTreeMap<u64, u32> = BTreeMap::new();
            for (at, (hash, _)) in runs(&words).enumerate() {
                first.entry(hash).or_insert(at as u32);
            }
            wording.shingles = first.len();
            for (hash, at) in first {
                shingles.entry(hash).or_default().push((i as u32, at));
            }
        }
        Wordings {
            wordings,
            exact,
            shingles,
            appearing,
        }
    }

    /// The first [`MAX_REPEATS`] passages of `article` that repeat a claim
    /// with no appearance in it, where they are (in its text; `norm` is
    /// that text normalised), with the appearance to add; and how many
    /// more there are.
    pub(super) fn repeats_in(
        &self,
        dossier: &Dossier,
        article: &Article,
        norm: &NormalizedText,
    ) -> (Vec<(Range<usize>, Item)>, usize) {
        let none = BTreeSet::new();
        let appearing = self.appearing.get(&article.slug).unwrap_or(&none);
        let mut listing = Listing::default();
        let hits = self
            .exact
            .iter()
            .flat_map(|a| a.find_overlapping_iter(&norm.text));
        for hit in hits {
            let wording = &self.wordings[hit.pattern().as_usize()];
            for claim in wording.claims.iter().filter(|c| !appearing.contains(*c)) {
                let range = hit.start()..hit.end();
                listing.take(Found {
                    claim,
                    wording,
                    range,
                    exact: true,
                });
            }
        }
        let notation = dossier.notation(article);
        for (wording, range) in self.near_in(&norm.text) {
            let passage = &norm.text[range.clone()];
            if passage == wording.normal || !same_figures(wording, passage, notation) {
                continue;
            }
            for claim in wording.claims.iter().filter(|c| !appearing.contains(*c)) {
                if !listing.repeats_exactly(claim, &range) {
                    let range = range.clone();
                    listing.take(Found {
                        claim,
                        wording,
                        range,
                        exact: false,
                    });
                }
            }
        }
        let listed = listing
            .found
            .into_values()
            .filter_map(|f| describe(article, norm, f))
            .collect();
        (listed, listing.more.len())
    }

    /// For a quotation of `article` at byte `at` of its text (`norm` is
    /// that text normalised) that no passage covers, `quoted`: the claim
    /// whose wording holds it word for word (part of a statement another
    /// passage quotes whole), as the item to list instead, with the
    /// appearance that anchors it. Looked for through the rarest of its
    /// runs of three words, in the wordings indexed for near repeats; a
    /// run that more than [`MAX_SHARING`] wordings share tells nothing.
    pub(super) fn holding(
        &self,
        article: &Article,
        norm: &NormalizedText,
        at: usize,
        quoted: &str,
    ) -> Option<Item> {
        let words = words(&normalize(quoted));
        let hashes: Vec<u64> = words.iter().map(|(hash, _)| *hash).collect();
        let rarest = runs(&words)
            .filter_map(|(hash, _)| self.shingles.get(&hash))
            .min_by_key(|sharing| sharing.len())
            .filter(|sharing| sharing.len() <= MAX_SHARING)?;
        let wording = rarest
            .iter()
            .map(|&(w, _)| &self.wordings[w as usize])
            .find(|w| {
                let theirs: Vec<u64> = self::words(&w.normal)
                    .iter()
                    .map(|(hash, _)| *hash)
                    .collect();
                theirs.windows(hashes.len()).any(|run| run == hashes)
            })?;
        let claim = wording.claims.first()?.clone();
        let (located, appearance) = appearance_at(article, norm, at..at + quoted.len())?;
        Some(Item::PartOfWording {
            claim,
            text: located.quote,
            wording: wording.written.clone(),
            appearance,
        })
    }

    /// The passages of the normalised `text` that share at least [`NEAR`]
    /// of a wording's runs of three words within one sentence, with the
    /// wording: from the first shared run to the last, widened by the
    /// words the wording has before and after those (within the sentence),
    /// where a paraphrase changed them.
    fn near_in<'w>(&'w self, text: &str) -> Vec<(&'w Wording, Range<usize>)> {
        let words = words(text);
        let mut near = Vec::new();
        let mut tally: FxHashMap<u32, Tally> = FxHashMap::default();
        let mut sentence = 0..0;
        let mut flush = |tally: &mut FxHashMap<u32, Tally>, sentence: &Range<usize>| {
            for (&w, t) in tally.iter() {
                let wording = &self.wordings[w as usize];
                if (t.count as f64) < NEAR * wording.shingles as f64 {
                    continue;
                }
                let first = t.first.0.saturating_sub(t.first.1).max(sentence.start);
                let words_after = wording.words.saturating_sub(t.last.1 + 3);
                let last = (t.last.0 + 2 + words_after).min(sentence.end.saturating_sub(1));
                near.push((wording, words[first].1.start..words[last].1.end));
            }
            tally.clear();
        };
        for (at, (hash, _)) in runs(&words).enumerate() {
            let gap =
                &text[words[at].1.start.min(words[at.saturating_sub(1)].1.end)..words[at].1.start];
            if at > 0 && ends_sentence(gap) {
                sentence.end = at;
                flush(&mut tally, &sentence);
                sentence.start = at;
            }
            sentence.end = at + 3;
            let Some(sharing) = self.shingles.get(&hash).filter(|s| s.len() <= MAX_SHARING) else {
                continue;
            };
            for &(w, place) in sharing {
                let place = place as usize;
                let entry = tally.entry(w).or_insert(Tally {
                    count: 0,
                    first: (at, place),
                    last: (at, place),
                });
                entry.count += 1;
                entry.last = (at, place);
            }
        }
        // The words after the last run start no run of their own.
        sentence.end = words.len();
        flush(&mut tally, &sentence);
        near.sort_by_key(|(_, range)| range.start);
        near
    }
}

/// A wording's runs found in one sentence of a report: how many, and the
/// first and the last, each as (word in the report, word in the wording).
struct Tally {
    count: usize,
    first: (usize, usize),
    last: (usize, usize),
}

/// Whether `passage` has every figure of `wording`.
fn same_figures(wording: &Wording, passage: &str, notation: Notation) -> bool {
    let theirs: Vec<FigureKey> = extract(passage, notation).iter().map(key).collect();
    wording.figures.iter().all(|f| theirs.contains(f))
}

/// The words of a normalised text, each as the hash of its lower case and
/// its byte range.
fn words(text: &str) -> Vec<(u64, Range<usize>)> {
    text.unicode_word_indices()
        .map(|(at, word)| {
            let mut hasher = FxHasher::default();
            for c in word.chars().flat_map(char::to_lowercase) {
                c.hash(&mut hasher);
            }
            (hasher.finish(), at..at + word.len())
        })
        .collect()
}

/// Every run of three consecutive words, as one hash and its byte range.
fn runs(words: &[(u64, Range<usize>)]) -> impl Iterator<Item = (u64, Range<usize>)> + '_ {
    words.windows(3).map(|three| {
        let mut hasher = FxHasher::default();
        for (hash, _) in three {
            hash.hash(&mut hasher);
        }
        (hasher.finish(), three[0].1.start..three[2].1.end)
    })
}

/// Whether the text between two words ends a sentence.
fn ends_sentence(between: &str) -> bool {
    between.contains(['.', '!', '?', '\n', '。', '！', '？'])
}

/// The item for a repeat found at `f.range` of the normalised text: the
/// passage as the report writes it, widened to whole words, with the
/// appearance that anchors it there.
fn describe(
    article: &Article,
    norm: &NormalizedText,
    f: Found<'_>,
) -> Option<(Range<usize>, Item)> {
    let original = norm.original_range(f.range.clone());
    let (located, appearance) = appearance_at(article, norm, original)?;
    let claim = f.claim.clone();
    let item = if f.exact {
        Item::Repeat {
            claim,
            text: located.quote,
            appearance,
        }
    } else {
        let changed = |base: &str, other: &str| -> Vec<String> {
            word_diff(base, other)
                .into_iter()
                .filter(|w| w.changed)
                .map(|w| w.text)
                .collect()
        };
        Item::NearRepeat {
            claim,
            adds: changed(&f.wording.written, &located.quote),
            lacks: changed(&located.quote, &f.wording.written),
            wording: f.wording.written.clone(),
            text: located.quote,
            appearance,
        }
    };
    Some((located.range, item))
}

/// The passage at `range` of the article's text (`norm` is that text
/// normalised), widened to whole words and told from its repeats by the
/// text around it, with the `[[claim.appearance]]` that anchors it there.
fn appearance_at(
    article: &Article,
    norm: &NormalizedText,
    range: Range<usize>,
) -> Option<(Located, String)> {
    let text = &article.text;
    let before = &text[text.floor_char_boundary(range.start.saturating_sub(CONTEXT))..range.start];
    let after = &text[range.end..text.ceil_char_boundary(range.end + CONTEXT)];
    let selection = Selection {
        quote: &text[range],
        before,
        after,
    };
    let located = locate_in(text, norm, selection).ok()?;
    let appearance = authoring::appearance(&Excerpt {
        article: &article.slug,
        part: Part::Body,
        quote: &located.quote,
        prefix: located.prefix.as_deref(),
        suffix: located.suffix.as_deref(),
    });
    Some((located, appearance))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_end_at_stops_and_line_breaks() {
        assert!(ends_sentence(". "));
        assert!(ends_sentence("。"));
        assert!(ends_sentence("\n"));
        assert!(!ends_sentence(", "));
    }

    #[test]
    fn runs_of_three_words_ignore_case() {
        let a = words("The Depot will close");
        let b = words("the depot WILL close");
        let ra: Vec<u64> = runs(&a).map(|(h, _)| h).collect();
        let rb: Vec<u64> = runs(&b).map(|(h, _)| h).collect();
        assert_eq!(ra, rb);
        assert_eq!(ra.len(), 2);
    }
}
