//! "Cite this": a ready citation for every article, claim, event and
//! entity page, as plain text, BibTeX and CSL-JSON. Dates come from the
//! data (a report's publication, an event's date) or, for the access date,
//! from `SOURCE_DATE_EPOCH`, so two builds of the same input are identical.

use serde::Serialize;

use crate::date::PartialDate;
use crate::render::quotes;
use crate::render::strings::Strings;

/// One page's citation in three formats.
#[derive(Debug, Clone, Serialize)]
pub struct Citation {
    /// For people: a sentence to paste into a text.
    pub text: String,
    /// For LaTeX.
    pub bibtex: String,
    /// For reference managers (Zotero and others read CSL-JSON).
    pub csl_json: String,
    /// The same for a page that shows what this one does and never
    /// changes: the version of a claim its page shows.
    pub version: Option<Box<Citation>>,
}

/// What is cited.
pub(crate) struct Cited<'a> {
    /// A key unique in the dossier (`claims-<id>`).
    pub(crate) key: String,
    /// The page's title.
    pub(crate) title: &'a str,
    /// Its permalink.
    pub(crate) url: &'a str,
    /// The date its subject carries, if any.
    pub(crate) date: Option<PartialDate>,
    /// The dossier's title.
    pub(crate) dossier: &'a str,
    /// Who is responsible for the page: publisher or authors.
    pub(crate) responsible: Option<String>,
    /// The access date, from `SOURCE_DATE_EPOCH`.
    pub(crate) accessed: Option<PartialDate>,
    /// The words of the page's language, for the sentence's dates.
    pub(crate) strings: &'a Strings,
}

impl Cited<'_> {
    /// The citation in every format.
    pub(crate) fn citation(&self) -> Citation {
        Citation {
            text: self.text(),
            bibtex: self.bibtex(),
            csl_json: self.csl_json(),
            version: None,
        }
    }

    fn text(&self) -> String {
        let mut text = String::new();
        if let Some(who) = &self.responsible {
            text.push_str(who);
            // "Example Inc." ends its own sentence.
            text.push_str(if who.ends_with('.') { " " } else { ". " });
        }
        text.push_str(&self.quoted_title());
        text.push(' ');
        text.push_str(self.dossier);
        match self.date {
            Some(date) => text.push_str(&format!(", {}. ", self.strings.date(date))),
            None => text.push_str(". "),
        }
        text.push_str(self.url);
        if let Some(accessed) = self.accessed {
            let accessed = self.strings.date(accessed);
            let accessed = self.strings.fill("cite-accessed", &[("date", &accessed)]);
            text.push_str(&format!(" ({accessed})"));
        }
        text.push('.');
        text
    }

    /// The title between the language's marks (`cite-title`), marks it
    /// has itself made inner ones. The full stop that follows it is left
    /// out after a title that ends its own sentence, and goes inside the
    /// title's closing mark where the language puts it inside the marks
    /// (`“‘We Refuse.’”`).
    fn quoted_title(&self) -> String {
        let ellipsis = self.title.ends_with("...");
        let title = if ellipsis {
            self.title
        } else {
            self.title.trim_end_matches('.')
        };
        let nested = quotes::nested(title, self.strings);
        let template = self.strings.get("cite-title");
        let (before, after) = template.split_once("{title}").unwrap_or((template, ""));
        let inner_close = self.strings.get("quote-inner-close");
        let ends_quoting =
            title.ends_with('"') || title.ends_with(self.strings.get("quote-close").trim());
        let (body, closing) = match nested.strip_suffix(inner_close) {
            Some(body) if ends_quoting => (body, inner_close),
            _ => (nested.as_str(), ""),
        };
        if ellipsis || body.ends_with(['?', '!', '…']) {
            let after = after.replacen('.', "", 1);
            format!("{before}{nested}{after}")
        } else if let Some(after) = after.strip_prefix('.') {
            format!("{before}{body}.{closing}{after}")
        } else {
            format!("{before}{nested}{after}")
        }
    }

    /// An `@misc` entry that plain.bst prints in full: the title in
    /// double braces so that its capitals stay, the dossier in
    /// `howpublished` (plain ignores `organization` in `@misc`), the
    /// address in `note`, the month as BibTeX's macro, and the full date
    /// in `date` for biblatex, and a `key` (the dossier) that plain.bst
    /// sorts and labels by when there is no author.
    fn bibtex(&self) -> String {
        let mut entry = format!("@misc{{{},", self.key);
        let mut field = |name: &str, value: std::fmt::Arguments<'_>| {
            entry.push_str("\n  ");
            entry.push_str(name);
            entry.push_str(" = ");
            std::fmt::Write::write_fmt(&mut entry, value).expect("a String takes any text");
            entry.push(',');
        };
        field(
            "title",
            format_args!("{{{{{}}}}}", bibtex_escape(self.title)),
        );
        let dossier = bibtex_escape(self.dossier);
        field("howpublished", format_args!("{{{{{dossier}}}}}"));
        field("url", format_args!("{{{}}}", self.url));
        field("note", format_args!("{{\\url{{{}}}}}", self.url));
        match &self.responsible {
            Some(who) => field("author", format_args!("{{{{{}}}}}", bibtex_escape(who))),
            None => field("key", format_args!("{{{dossier}}}")),
        }
        if let Some(date) = self.date {
            field("year", format_args!("{{{}}}", date.year()));
            if let Some(month) = date.month() {
                field(
                    "month",
                    format_args!("{}", MONTH_MACROS[usize::from(month) - 1]),
                );
            }
            field("date", format_args!("{{{}}}", date.iso()));
        }
        if let Some(accessed) = self.accessed {
            field("urldate", format_args!("{{{}}}", accessed.iso()));
        }
        entry.pop();
        entry.push_str("\n}");
        entry
    }

    fn csl_json(&self) -> String {
        let item = CslItem {
            url: self.url,
            accessed: self.accessed.map(DateParts::of),
            author: self
                .responsible
                .as_deref()
                .map(|literal| [Literal { literal }]),
            container_title: self.dossier,
            id: &self.key,
            issued: self.date.map(DateParts::of),
            title: self.title,
            kind: "webpage",
        };
        serde_json::to_string(&[item]).expect("a CSL item serializes")
    }
}

/// A CSL-JSON item, its fields declared in their keys' byte order (the
/// order a sorted map of them was written in, so the bytes are as before)
/// and borrowing the page's text.
#[derive(Serialize)]
struct CslItem<'a> {
    #[serde(rename = "URL")]
    url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    accessed: Option<DateParts>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<[Literal<'a>; 1]>,
    #[serde(rename = "container-title")]
    container_title: &'a str,
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    issued: Option<DateParts>,
    title: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
}

/// A name given whole, not split into given and family names.
#[derive(Serialize)]
struct Literal<'a> {
    literal: &'a str,
}

/// A CSL date at the date's own precision.
#[derive(Serialize)]
struct DateParts {
    #[serde(rename = "date-parts")]
    parts: [Vec<u16>; 1],
}

impl DateParts {
    fn of(date: PartialDate) -> DateParts {
        let known = [
            Some(date.year()),
            date.month().map(u16::from),
            date.day().map(u16::from),
        ];
        DateParts {
            parts: [known.into_iter().map_while(|part| part).collect()],
        }
    }
}

/// BibTeX's month macros, which styles print in their own language.
const MONTH_MACROS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Text with every character LaTeX treats specially written so that it
/// prints as itself.
fn bibtex_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '{' | '}' | '%' | '&' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '\\' => out.push_str("\\textbackslash{}"),
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn cited(date: Option<&str>, accessed: Option<&str>) -> Citation {
        cited_in("en", date, accessed)
    }

    fn cited_in(language: &str, date: Option<&str>, accessed: Option<&str>) -> Citation {
        Cited {
            key: "claims-x".into(),
            title: "A 50% claim",
            url: "https://e.org/claims/x/",
            date: date.map(|d| PartialDate::parse(d).unwrap()),
            dossier: "The Dossier",
            responsible: Some("The Desk".into()),
            accessed: accessed.map(|d| PartialDate::parse(d).unwrap()),
            strings: &Strings::built_in(language),
        }
        .citation()
    }

    #[test]
    fn the_sentence_is_dated_in_the_pages_language() {
        let c = cited_in("fr", Some("2014-05"), Some("2026-11-01"));
        assert_eq!(
            c.text,
            "The Desk. «\u{a0}A 50% claim\u{a0}». The Dossier, mai 2014. https://e.org/claims/x/ (consulté le 1er novembre 2026)."
        );
    }

    fn sentence_titled(title: &str, language: &str) -> String {
        Cited {
            key: "k".into(),
            title,
            url: "u",
            date: None,
            dossier: "D",
            responsible: None,
            accessed: None,
            strings: &Strings::built_in(language),
        }
        .citation()
        .text
    }

    #[test]
    fn a_title_that_quotes_is_quoted_once_with_inner_marks() {
        let en = |title| sentence_titled(title, "en");
        assert_eq!(
            en("\"China is one of the main victims of cyberattacks\""),
            "“‘China is one of the main victims of cyberattacks.’” D. u."
        );
        assert_eq!(
            en("Minister calls the levy “a farce”."),
            "“Minister calls the levy ‘a farce.’” D. u."
        );
        assert_eq!(
            en("A “farce” in three acts"),
            "“A ‘farce’ in three acts.” D. u."
        );
        assert_eq!(en("The workers’"), "“The workers’.” D. u.");
        assert_eq!(
            sentence_titled("Le ministre parle d'une « farce »", "fr"),
            "«\u{a0}Le ministre parle d'une “farce”\u{a0}». D. u."
        );
    }

    #[test]
    fn a_title_that_ends_its_own_sentence_takes_no_full_stop() {
        let en = |title| sentence_titled(title, "en");
        assert_eq!(en("Who pays the levy?"), "“Who pays the levy?” D. u.");
        assert_eq!(en("\"We will not pay!\""), "“‘We will not pay!’” D. u.");
        assert_eq!(en("And then..."), "“And then...” D. u.");
        assert_eq!(
            sentence_titled("Qui paiera ?", "fr"),
            "«\u{a0}Qui paiera ?\u{a0}» D. u."
        );
    }

    #[test]
    fn cites_in_three_formats_at_the_dates_precision() {
        let c = cited(Some("2014-05"), Some("2026-11-22"));
        assert_eq!(
            c.text,
            "The Desk. “A 50% claim.” The Dossier, May 2014. https://e.org/claims/x/ (accessed 22 November 2026)."
        );
        assert!(
            c.bibtex.starts_with(
                "@misc{claims-x,\n  title = {{A 50\\% claim}},\n  howpublished = {{The Dossier}},"
            ),
            "{}",
            c.bibtex
        );
        assert!(
            c.bibtex
                .contains("year = {2014},\n  month = may,\n  date = {2014-05}"),
            "{}",
            c.bibtex
        );
        let csl: serde_json::Value = serde_json::from_str(&c.csl_json).unwrap();
        assert_eq!(csl[0]["issued"]["date-parts"], json!([[2014, 5]]));
        assert_eq!(csl[0]["accessed"]["date-parts"], json!([[2026, 11, 22]]));
    }

    #[test]
    fn latex_specials_print_as_themselves_and_a_name_ending_in_a_stop_is_not_stopped_twice() {
        assert_eq!(
            bibtex_escape(r"50% of $1 & #2_a {b} \ ~ ^"),
            r"50\% of \$1 \& \#2\_a \{b\} \textbackslash{} \textasciitilde{} \textasciicircum{}"
        );
        let c = Cited {
            key: "k".into(),
            title: "T",
            url: "u",
            date: None,
            dossier: "D",
            responsible: Some("Example Inc.".into()),
            accessed: None,
            strings: &Strings::built_in("en"),
        }
        .citation();
        assert!(c.text.starts_with("Example Inc. “T.”"), "{}", c.text);
    }

    #[test]
    fn undated_citations_say_nothing_of_dates() {
        let c = cited(None, None);
        assert!(!c.text.contains("accessed") && !c.bibtex.contains("year"));
    }
}
