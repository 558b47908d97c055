//! "Did you mean …?" for an unknown id, in time that does not grow as
//! errors × ids × the ids' length squared.
//!
//! A dossier with thousands of wrong references (a renamed file, a bad
//! script) must still be reported in seconds. So each distinct unknown id
//! is looked up once (the answers are kept), and the defined ids are ruled
//! out cheaply before any edit distance is computed: an id whose length,
//! or whose count of each character, differs from the unknown one by more
//! than the best distance found so far cannot be nearer, and a distance is
//! computed only up to that bound (a row of the table past it ends the
//! computation). A plausible typo is found after a few comparisons, and
//! the bound then rules out nearly everything else.

use std::sync::{Mutex, OnceLock};

use rustc_hash::FxHashMap;

use crate::id::Id;

/// The symbols of ids (`a`–`z`, `0`–`9`, `-`) and one for anything else.
const SYMBOLS: usize = 38;

/// One defined id and the counts of its symbols.
#[derive(Debug)]
struct Candidate {
    id: Id,
    counts: [u8; SYMBOLS],
    chars: Vec<char>,
}

/// The ids of one kind, ready to be compared with unknown ones, and the
/// answers given so far.
#[derive(Debug, Default)]
pub(crate) struct Suggester {
    candidates: OnceLock<Vec<Candidate>>,
    answers: Mutex<FxHashMap<Box<str>, Option<Id>>>,
}

impl Suggester {
    /// The id among `ids` nearest to `value` by optimal string alignment
    /// distance, if it is within a third of `value`'s length (at least 2):
    /// a plausible typo. Ties go to the id that sorts first. `ids` is read
    /// once, the first time an answer is needed.
    pub(crate) fn nearest<'i>(&self, value: &str, ids: impl FnOnce() -> Vec<&'i Id>) -> Option<Id> {
        if let Some(answer) = self.lock().get(value) {
            return answer.clone();
        }
        let candidates = self.candidates.get_or_init(|| {
            let mut ids = ids();
            ids.sort();
            ids.into_iter().map(|id| candidate(id.clone())).collect()
        });
        let answer = nearest_in(candidates, value);
        self.lock().insert(value.into(), answer.clone());
        answer
    }

    /// Forgets the ids read and the answers given, when another id is
    /// defined after a suggestion was made.
    pub(crate) fn forget(&mut self) {
        if self.candidates.get().is_some() {
            *self = Suggester::default();
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, FxHashMap<Box<str>, Option<Id>>> {
        self.answers.lock().unwrap_or_else(|e| e.into_inner())
    }
}

fn candidate(id: Id) -> Candidate {
    let chars: Vec<char> = id.as_str().chars().collect();
    Candidate {
        counts: counts(&chars),
        chars,
        id,
    }
}

fn symbol(c: char) -> usize {
    match c {
        'a'..='z' => c as usize - 'a' as usize,
        '0'..='9' => 26 + c as usize - '0' as usize,
        '-' => 36,
        _ => 37,
    }
}

fn counts(chars: &[char]) -> [u8; SYMBOLS] {
    let mut counts = [0u8; SYMBOLS];
    for &c in chars {
        let slot = &mut counts[symbol(c)];
        *slot = slot.saturating_add(1);
    }
    counts
}

/// Every edit changes the symbol counts by at most two, so half their
/// difference is a lower bound on the distance.
fn count_bound(a: &[u8; SYMBOLS], b: &[u8; SYMBOLS]) -> usize {
    let difference: usize = a.iter().zip(b).map(|(x, y)| x.abs_diff(*y) as usize).sum();
    difference.div_ceil(2)
}

/// The nearest candidate within the plausible bound, candidates taken in
/// order of their lower bound so that the search stops as soon as no
/// other can be as near as the best found.
fn nearest_in(candidates: &[Candidate], value: &str) -> Option<Id> {
    let chars: Vec<char> = value.chars().collect();
    let counts = counts(&chars);
    let mut bound = (chars.len() / 3).max(2);
    let mut order: Vec<(usize, usize)> = candidates
        .iter()
        .enumerate()
        .filter(|(_, c)| c.chars.len().abs_diff(chars.len()) <= bound)
        .map(|(i, c)| (count_bound(&c.counts, &counts), i))
        .filter(|&(lower, _)| lower <= bound)
        .collect();
    order.sort_unstable();
    let mut best: Option<usize> = None;
    for (lower, i) in order {
        if lower > bound {
            break;
        }
        let Some(distance) = bounded_osa(&candidates[i].chars, &chars, bound) else {
            continue;
        };
        // Nearer, or as near and first in order: ties go to the first id.
        if best.is_none_or(|b| distance < bound || i < b) {
            bound = distance;
            best = Some(i);
        }
    }
    best.map(|i| candidates[i].id.clone())
}

/// The optimal string alignment distance of `a` and `b` (edits, and
/// transpositions of neighbours), or `None` once it must exceed `limit`.
fn bounded_osa(a: &[char], b: &[char], limit: usize) -> Option<usize> {
    let width = b.len() + 1;
    let mut before: Vec<usize> = Vec::new();
    let mut previous: Vec<usize> = (0..width).collect();
    let mut current = vec![0; width];
    for i in 1..=a.len() {
        current[0] = i;
        let mut row_min = current[0];
        for j in 1..width {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            current[j] = d;
            row_min = row_min.min(d);
        }
        if row_min > limit {
            return None;
        }
        before = std::mem::replace(&mut previous, std::mem::take(&mut current));
        current = vec![0; width];
    }
    let distance = previous[b.len()];
    (distance <= limit).then_some(distance)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(names: &[&str]) -> Vec<Id> {
        names.iter().map(|n| Id::parse(n).unwrap()).collect()
    }

    #[test]
    fn bounded_distance_agrees_with_strsim_within_the_bound() {
        let words = [
            "qin-gang", "qin-gnag", "gin-gang", "qin", "", "kitten", "sitting", "ab", "ba",
            "abcdef", "badcfe",
        ];
        for a in words {
            for b in words {
                let (ac, bc): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
                let exact = strsim::osa_distance(a, b);
                for limit in 0..8 {
                    let bounded = bounded_osa(&ac, &bc, limit);
                    assert_eq!(
                        bounded,
                        (exact <= limit).then_some(exact),
                        "{a} {b} {limit}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_nearest_plausible_id_is_suggested_and_remembered() {
        let defined = ids(&["qin-gang", "qin-gong", "xinhua", "us-doj"]);
        let suggester = Suggester::default();
        let all = || defined.iter().collect();
        assert_eq!(
            suggester.nearest("qin-gnag", all).unwrap().as_str(),
            "qin-gang"
        );
        assert_eq!(suggester.nearest("xinhau", all).unwrap().as_str(), "xinhua");
        assert_eq!(suggester.nearest("something-else", all), None);
        // Equally near: the first in order.
        assert_eq!(
            suggester.nearest("qin-gbng", all).unwrap().as_str(),
            "qin-gang"
        );
        assert_eq!(suggester.lock().len(), 4);
    }
}
