//! The interface's own words (headings, labels, "not recorded", month
//! names) in the dossier's language.
//!
//! Each language gloss ships is a table in `templates/strings/<lang>.toml`,
//! embedded in the binary; `[book] language` chooses one by its primary
//! subtag, English where gloss has none. A dossier's own
//! `templates/strings.toml` overrides any of its strings (or gives a whole
//! table for a language gloss lacks). Templates call `t(key="…")`, Rust
//! code [`Strings::get`]; a key with plural forms (`key.one`, `key.other`)
//! is chosen by a count `n`, and `{name}` in a string is replaced by the
//! argument of that name.

use std::collections::HashMap;
use std::path::Path;

use rustc_hash::FxHashMap;

use crate::date::{Moment, PartialDate};
use crate::diagnostics::Diagnostic;
use crate::error::{Error, Result};
use crate::escape;
use crate::files::{self, Presence};

/// The tables gloss ships, by primary language subtag.
const BUILT_IN: &[(&str, &str)] = &[
    ("en", include_str!("../../templates/strings/en.toml")),
    ("fr", include_str!("../../templates/strings/fr.toml")),
];

/// Where a dossier overrides the interface's words, under its templates
/// directory.
pub const OVERRIDE_FILE: &str = "strings.toml";

/// The interface's words in one language.
#[derive(Debug, Clone)]
pub struct Strings {
    /// Looked up for every label of every page: hashed with Fx, not SipHash.
    words: FxHashMap<String, String>,
    /// Whether a count of 0 takes the singular, as in French.
    zero_is_singular: bool,
}

impl Strings {
    /// The table for `language`, overridden by the dossier's
    /// `strings.toml` in `templates_dir` (relative to `root`) if there is
    /// one.
    pub fn load(language: &str, root: &Path, templates_dir: &Path) -> Result<Strings> {
        let mut strings = Strings::built_in(language);
        let relative = templates_dir.join(OVERRIDE_FILE);
        let text = files::read_source(root, &relative, Presence::Optional)
            .map_err(|problem| Error::Content(vec![*problem]))?;
        if let Some(text) = text {
            strings
                .override_with(&relative, &text)
                .map_err(Error::Content)?;
        }
        Ok(strings)
    }

    /// gloss's own table for `language`, English where it has none.
    pub fn built_in(language: &str) -> Strings {
        let primary = crate::language::primary(language);
        let english = parse(BUILT_IN[0].1);
        let mut words = english;
        if let Some((_, table)) = BUILT_IN.iter().find(|(tag, _)| *tag == primary) {
            words.extend(parse(table));
        }
        Strings {
            words,
            zero_is_singular: primary == "fr",
        }
    }

    /// Replaces the strings that `text` (a dossier's `strings.toml` at
    /// `path`) sets; a key gloss does not know is an error at its line.
    fn override_with(&mut self, path: &Path, text: &str) -> Result<(), Vec<Diagnostic>> {
        let table: toml::Table =
            toml::from_str(text).map_err(|e| vec![Diagnostic::toml(path, text, 0, &e)])?;
        let mut problems = Vec::new();
        for (key, value) in table {
            let at = text.find(&key).map_or(0..0, |i| i..i + key.len());
            match value {
                toml::Value::String(s) if self.words.contains_key(&key) => {
                    self.words.insert(key, s);
                }
                toml::Value::String(_) => problems.push(
                    Diagnostic::error(
                        path,
                        format!("`{key}` is not one of the interface's strings"),
                    )
                    .at(text, at)
                    .with_help("see gloss's templates/strings/en.toml for every key"),
                ),
                _ => problems.push(
                    Diagnostic::error(path, format!("`{key}` must be a string")).at(text, at),
                ),
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    /// The string `key`, or the key itself where there is no such string
    /// (a test holds every key gloss uses to every table).
    pub fn get<'s>(&'s self, key: &'s str) -> &'s str {
        self.words.get(key).map_or(key, String::as_str)
    }

    /// Whether `key` is a string (or a string with plural forms).
    pub fn has(&self, key: &str) -> bool {
        self.words.contains_key(key) || self.words.contains_key(&format!("{key}.other"))
    }

    /// The form of `key` for a count of `n`, with `{n}` replaced.
    pub fn count(&self, key: &str, n: u64) -> String {
        let one = n == 1 || (n == 0 && self.zero_is_singular);
        let form = format!("{key}.{}", if one { "one" } else { "other" });
        self.get(&form).replace("{n}", &n.to_string())
    }

    /// `key` with each `{name}` replaced by its value from `args`.
    pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill(self.get(key), args)
    }

    /// A date at its precision ("4 March 2021", "March 2021", "2021").
    pub fn date(&self, date: PartialDate) -> String {
        let year = date.year().to_string();
        match (date.month(), date.day()) {
            (None, _) => year,
            (Some(m), None) => {
                self.fill("date-month", &[("month", self.month(m)), ("year", &year)])
            }
            (Some(m), Some(d)) => self.fill(
                if d == 1 { "date-day-first" } else { "date-day" },
                &[
                    ("day", &d.to_string()),
                    ("month", self.month(m)),
                    ("year", &year),
                ],
            ),
        }
    }

    /// A moment: its date and, when the report gives it, its time and zone.
    pub fn moment(&self, moment: Moment) -> String {
        let date = self.date(moment.date);
        let Some(time) = moment.time else {
            return date;
        };
        let clock = time.clock();
        let zone = match time.offset_label() {
            Some(offset) => self.fill("time-zone", &[("offset", &offset)]),
            None => self.get("time-zone-unknown").to_owned(),
        };
        self.fill(
            "date-time",
            &[("date", &date), ("time", &clock), ("zone", &zone)],
        )
    }

    /// The name of month `m` (1–12).
    pub fn month(&self, m: u8) -> &str {
        const KEYS: [&str; 12] = [
            "month-1", "month-2", "month-3", "month-4", "month-5", "month-6", "month-7", "month-8",
            "month-9", "month-10", "month-11", "month-12",
        ];
        self.get(KEYS[usize::from(m.clamp(1, 12)) - 1])
    }

    /// Every key of the table, for the test that every language has them all.
    #[cfg(test)]
    fn keys(&self) -> std::collections::BTreeSet<&str> {
        self.words.keys().map(String::as_str).collect()
    }
}

/// `text` with each `{name}` replaced by its value from `args`.
///
/// In one pass over `text`: a value is never read for placeholders (an
/// outlet named "{date} Daily" stays so), and a page's dates, labels and
/// notes fill hundreds of thousands of strings in a build.
fn fill(text: &str, args: &[(&str, &str)]) -> String {
    let mut out =
        String::with_capacity(text.len() + args.iter().map(|(_, v)| v.len()).sum::<usize>());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let arg = after.find('}').and_then(|close| {
            let name = &after[..close];
            let value = args.iter().find(|(n, _)| *n == name)?.1;
            Some((value, &after[close + 1..]))
        });
        match arg {
            Some((value, next)) => {
                out.push_str(value);
                // "Published by Example Inc." ends its sentence once.
                rest = if value.ends_with('.') {
                    next.strip_prefix('.').unwrap_or(next)
                } else {
                    next
                };
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A built-in table: its TOML checked by the tests.
fn parse(table: &str) -> FxHashMap<String, String> {
    let table: toml::Table = toml::from_str(table).expect("the built-in strings parse");
    table
        .into_iter()
        .filter_map(|(key, value)| match value {
            toml::Value::String(s) => Some((key, s)),
            _ => None,
        })
        .collect()
}

/// The Tera function `t(key="…", n=…, name=…)`: the string `key` of the
/// dossier's language, in the plural form for `n` if given, with `{name}`
/// replaced by each other argument.
pub struct Translate(pub std::sync::Arc<Strings>);

impl tera::Function for Translate {
    fn call(&self, args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
        let key = args
            .get("key")
            .and_then(tera::Value::as_str)
            .ok_or_else(|| tera::Error::msg("t() needs key=\"…\""))?;
        if !self.0.has(key) {
            return Err(tera::Error::msg(format!(
                "t(): `{key}` is not one of the interface's strings"
            )));
        }
        let text = match args.get("n").and_then(tera::Value::as_u64) {
            Some(n) => self.0.count(key, n),
            None => self.0.get(key).to_owned(),
        };
        let named: Vec<(String, String)> = args
            .iter()
            .filter(|(name, _)| !matches!(name.as_str(), "key" | "n"))
            .map(|(name, value)| {
                let value = match value {
                    tera::Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                (name.clone(), value)
            })
            .collect();
        let named: Vec<(&str, &str)> = named
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        Ok(tera::Value::String(escape::html_keeping_apostrophes(
            &fill(&text, &named),
        )))
    }

    /// The result is escaped by [`escape`] already.
    fn is_safe(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_each_placeholder_once_and_never_reads_a_value() {
        let args = [("outlet", "{date} Daily"), ("date", "1 May 2014")];
        assert_eq!(
            fill("By {outlet}, {date}; {date}.", &args),
            "By {date} Daily, 1 May 2014; 1 May 2014."
        );
        assert_eq!(fill("{unknown} {", &args), "{unknown} {");
        let by = [("who", "Example Inc.")];
        assert_eq!(
            fill("Published by {who}. Next", &by),
            "Published by Example Inc. Next"
        );
        assert_eq!(fill("{who}, then", &by), "Example Inc., then");
    }

    #[test]
    fn every_language_has_every_string() {
        let english = parse(BUILT_IN[0].1);
        for (tag, table) in BUILT_IN {
            let table = parse(table);
            let missing: Vec<&String> =
                english.keys().filter(|k| !table.contains_key(*k)).collect();
            let extra: Vec<&String> = table.keys().filter(|k| !english.contains_key(*k)).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{tag}: missing {missing:?}, unknown {extra:?}"
            );
        }
        assert_eq!(
            Strings::built_in("fr").keys(),
            Strings::built_in("en").keys()
        );
    }

    #[test]
    fn a_name_ending_in_a_full_stop_ends_its_sentence_once() {
        let en = Strings::built_in("en");
        let by = |publisher| en.fill("published-by", &[("publisher", publisher)]);
        assert_eq!(by("Example Inc."), "Published by Example Inc.");
        assert_eq!(by("The Desk"), "Published by The Desk.");
    }

    #[test]
    fn counts_take_the_plural_of_the_language() {
        let en = Strings::built_in("en");
        let fr = Strings::built_in("fr-CA");
        assert_eq!(en.count("count-claims", 0), "0 claims");
        assert_eq!(en.count("count-claims", 1), "1 claim");
        assert_eq!(fr.count("count-claims", 0), "0 affirmation");
        assert_eq!(fr.count("count-claims", 2), "2 affirmations");
        assert_eq!(Strings::built_in("sw").get("section-claims"), "Claims");
    }

    #[test]
    fn dates_are_written_in_the_language() {
        let date = PartialDate::parse("2021-03-04").unwrap();
        assert_eq!(Strings::built_in("en").date(date), "4 March 2021");
        assert_eq!(Strings::built_in("fr").date(date), "4 mars 2021");
        let month = PartialDate::parse("2021-05").unwrap();
        assert_eq!(Strings::built_in("fr").date(month), "mai 2021");
    }

    #[test]
    fn a_dossier_overrides_strings_and_misspelt_keys_are_errors() {
        let mut strings = Strings::built_in("en");
        strings
            .override_with(
                Path::new("templates/strings.toml"),
                "section-claims = \"Statements\"\n",
            )
            .unwrap();
        assert_eq!(strings.get("section-claims"), "Statements");
        let problems = strings
            .override_with(Path::new("templates/strings.toml"), "\nnav-claim = \"x\"\n")
            .unwrap_err();
        assert_eq!(problems[0].line, 2);
        assert!(problems[0].message.contains("`nav-claim`"));
    }
}
