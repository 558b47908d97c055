//! The words the search finds: a text folded (accents and case dropped)
//! and cut into words exactly as `static/search.js` cuts a reader's query,
//! so that what the index holds is what a query looks up.
//!
//! Each character is decomposed (NFD), its combining marks dropped and the
//! rest lowercased; a word is a run of letters and digits. In scripts
//! written without spaces (Chinese, Japanese, Thai, Lao, Khmer, Myanmar)
//! each character is a word of its own: the index's word pairs then find
//! any run of them, as a phrase.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use crate::text::is_unspaced_script;

/// The longest word the index keeps, in characters of its folded form:
/// a longer run (a URL's path, a hash) is cut there, in the index and in
/// the query alike.
pub(super) const LONGEST_WORD: usize = 40;

/// Appends the folded words of `text` to `out`, each followed by a space.
pub(super) fn push_words(out: &mut String, text: &str) {
    let mut word = Word::default();
    for c in text.chars() {
        if c.is_ascii() {
            word.take_ascii(c, out);
        } else {
            word.take(c, out);
        }
    }
    word.end(out);
}

/// The word being read.
#[derive(Default)]
struct Word {
    text: String,
    chars: usize,
}

impl Word {
    /// Takes in `c` folded: the word grows by what folding leaves of it
    /// that is a letter or digit, and ends at anything else.
    fn take(&mut self, c: char, out: &mut String) {
        if is_unspaced_script(c) {
            self.end(out);
        }
        decompose_canonical(c, |d| {
            if is_combining_mark(d) {
                return;
            }
            for lower in d.to_lowercase() {
                if lower.is_alphanumeric() {
                    self.push(lower);
                } else {
                    self.end(out);
                }
            }
        });
        if is_unspaced_script(c) {
            self.end(out);
        }
    }

    /// [`Word::take`] for an ASCII character, which has no marks to drop
    /// and lowercases to ASCII: the quick way for most of a report's
    /// characters, with the same words.
    fn take_ascii(&mut self, c: char, out: &mut String) {
        match c.to_ascii_lowercase() {
            lower if lower.is_ascii_alphanumeric() => self.push(lower),
            _ => self.end(out),
        }
    }

    fn push(&mut self, c: char) {
        if self.chars < LONGEST_WORD {
            self.text.push(c);
        }
        self.chars += 1;
    }

    fn end(&mut self, out: &mut String) {
        if !self.text.is_empty() {
            out.push_str(&self.text);
            out.push(' ');
        }
        self.text.clear();
        self.chars = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> String {
        let mut out = String::new();
        push_words(&mut out, text);
        out
    }

    #[test]
    fn folds_case_and_accents_and_cuts_at_punctuation() {
        assert_eq!(
            words("Élysée’s “1,180,000” hosts"),
            "elysee s 1 180 000 hosts "
        );
        assert_eq!(words("İstanbul ÅNGSTRÖM"), "istanbul angstrom ");
        assert_eq!(words("  --  "), "");
    }

    #[test]
    fn each_character_of_an_unspaced_script_is_a_word() {
        assert_eq!(words("美国指控5名"), "美 国 指 控 5 名 ");
        assert_eq!(words("ガス"), "カ ス ");
        assert_eq!(words("abc美def"), "abc 美 def ");
    }

    #[test]
    fn ascii_taken_the_quick_way_gives_the_words_folding_gives() {
        for c in (0u8..128).map(char::from) {
            let (mut quick, mut folded) = (String::new(), String::new());
            let (mut a, mut b) = (Word::default(), Word::default());
            for x in ['A', c, 'b', c] {
                a.take_ascii(x, &mut quick);
                b.take(x, &mut folded);
            }
            a.end(&mut quick);
            b.end(&mut folded);
            assert_eq!(quick, folded, "{c:?}");
        }
    }

    #[test]
    fn long_runs_are_cut_to_the_longest_word() {
        let long = "x".repeat(100);
        assert_eq!(
            words(&format!("{long} y")),
            format!("{} y ", "x".repeat(LONGEST_WORD))
        );
    }
}
