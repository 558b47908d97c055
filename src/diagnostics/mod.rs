//! Problems found in a dossier, located precisely enough for an editor to fix
//! them without searching: `file:line:col`, the source line, and a hint.
//!
//! Every stage collects its diagnostics instead of stopping at the first, so
//! one `gloss build` reports every mistake in the dossier at once.

mod toml_syntax;

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::source::Origin;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The dossier cannot be built.
    Error,
    /// Worth an editor's attention; the build goes on.
    Warning,
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file at fault, as the editor would name it (relative to the dossier).
    pub path: PathBuf,
    /// 1-based line, 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column in characters, 0 when the problem concerns the whole file.
    pub column: usize,
    /// What is wrong.
    pub message: String,
    /// The offending source line and the length of the span to underline.
    pub excerpt: Option<(String, usize)>,
    /// How to fix it, when a fix is likely.
    pub help: Option<String>,
    /// The check that raised it, for warnings that `[check]` in book.toml
    /// can allow or deny.
    pub lint: Option<Lint>,
}

/// The checks that raise warnings. `[check] allow = [...]` silences one,
/// `[check] deny = [...]` makes it an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Lint {
    /// A claim that no report carries.
    ClaimWithoutAppearance,
    /// A claim with no `[[claim.source]]`.
    UnsourcedClaim,
    /// An entity that no claim or event mentions.
    UnreferencedEntity,
    /// An event with no claim about it.
    UnreferencedEvent,
    /// An article that no claim quotes.
    UnannotatedArticle,
    /// Two claims anchored on exactly the same passage.
    SharedPassage,
    /// A Markdown link to a page or anchor of the site that does not exist.
    BrokenLink,
    /// An annotation file with nothing in it.
    EmptyFile,
    /// A URL or fragment listed in `permalinks.txt` that the site no longer has.
    VanishedPermalink,
    /// A claim judged accurate whose wordings' figures gloss finds
    /// overstated, understated or different.
    FiguresContradictVerdict,
    /// Something `gloss new` wrote for the editor to replace: a bracketed
    /// headline or claim title, `[Name the primary source]`, or a date
    /// still marked `# placeholder`.
    Placeholder,
    /// A dossier whose history git cannot tell: outside a repository, in
    /// a shallow clone, or in a repository that cannot be read.
    NoHistory,
}

impl Lint {
    /// The lint's name, as written in book.toml.
    pub fn name(self) -> &'static str {
        match self {
            Lint::ClaimWithoutAppearance => "claim-without-appearance",
            Lint::UnsourcedClaim => "unsourced-claim",
            Lint::UnreferencedEntity => "unreferenced-entity",
            Lint::UnreferencedEvent => "unreferenced-event",
            Lint::UnannotatedArticle => "unannotated-article",
            Lint::SharedPassage => "shared-passage",
            Lint::BrokenLink => "broken-link",
            Lint::EmptyFile => "empty-file",
            Lint::VanishedPermalink => "vanished-permalink",
            Lint::FiguresContradictVerdict => "figures-contradict-verdict",
            Lint::Placeholder => "placeholder",
            Lint::NoHistory => "no-history",
        }
    }
}

impl Diagnostic {
    /// An error about `path` as a whole; locate it with [`Diagnostic::at`].
    pub fn error(path: &Path, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            path: path.to_owned(),
            line: 0,
            column: 0,
            message: message.into(),
            excerpt: None,
            help: None,
            lint: None,
        }
    }

    /// A warning raised by `lint`, pointing at the id of the value `origin`
    /// describes.
    pub fn lint(
        lint: Lint,
        origin: &Origin,
        id_len: usize,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            line: origin.line,
            column: origin.column,
            excerpt: Some((origin.line_text().to_owned(), id_len.max(1))),
            lint: Some(lint),
            ..Diagnostic::warning(&origin.path, message)
        }
    }

    /// A warning about `path` as a whole.
    pub fn warning(path: &Path, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, message)
        }
    }

    /// Points the diagnostic at the byte range `span` of `source`, the text of
    /// the diagnostic's file.
    pub fn at(mut self, source: &str, span: Range<usize>) -> Diagnostic {
        let start = source.floor_char_boundary(span.start);
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        let line_text = source[line_start..line_end].trim_end_matches('\r');
        self.line = source[..start].matches('\n').count() + 1;
        self.column = source[line_start..start].chars().count() + 1;
        let end = source.floor_char_boundary(span.end.clamp(start, line_end));
        let width = source[start..end].chars().count().max(1);
        self.excerpt = Some((line_text.to_owned(), width));
        self
    }

    /// An error from the TOML parser or from deserializing it, located in
    /// `text` (the whole file) when the TOML started at byte `offset` of it,
    /// with a "did you mean" for a misspelt key or keyword.
    ///
    /// A common syntax mistake (a quote with quotation marks of its own,
    /// an unclosed header, a missing `=`) is explained in an editor's
    /// words, with the line as it should be written.
    pub fn toml(path: &Path, text: &str, offset: usize, error: &toml::de::Error) -> Diagnostic {
        let message = error.message().trim_end();
        let d = Diagnostic::error(path, message);
        let mut d = match error.span() {
            Some(span) => d.at(text, offset + span.start..offset + span.end),
            None => d,
        };
        let line = d.excerpt.as_ref().map_or("", |(line, _)| line.as_str());
        if let Some(explained) = toml_syntax::explain(message, line) {
            d.message = explained.message;
            return d.with_help(explained.help);
        }
        match did_you_mean(message) {
            Some(name) => d.with_help(format!("did you mean `{name}`?")),
            None => d,
        }
    }

    /// Adds a hint on how to fix the problem.
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Whether this diagnostic stops the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The diagnostic as one JSON object, for CI integrations
    /// (`gloss check --format json`).
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "severity": match self.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            "lint": self.lint.map(Lint::name),
            "path": escape_controls(&self.path.to_string_lossy()),
            "line": self.line,
            "column": self.column,
            "message": escape_controls(&self.message),
            "help": self.help.as_deref().map(escape_controls),
        })
    }
}

/// How many warnings of one kind a person is shown before the rest are
/// only counted: a 10,000-report dossier without sources has 50,000
/// `unsourced-claim` warnings, which no one reads past the first few.
pub const WARNINGS_SHOWN_PER_KIND: usize = 10;

/// Writes `diagnostics` as a person reads them: every error, and of the
/// warnings of each kind the first [`WARNINGS_SHOWN_PER_KIND`] (all of
/// them with `every_warning`), then a line counting those left out.
pub fn write_for_people(
    out: &mut impl std::io::Write,
    diagnostics: &[Diagnostic],
    every_warning: bool,
) -> std::io::Result<()> {
    let mut per_kind: BTreeMap<Option<Lint>, usize> = BTreeMap::new();
    for d in diagnostics {
        if !d.is_error() && !every_warning {
            let seen = per_kind.entry(d.lint).or_default();
            *seen += 1;
            if *seen > WARNINGS_SHOWN_PER_KIND {
                continue;
            }
        }
        writeln!(out, "{d}")?;
    }
    for (lint, seen) in per_kind {
        let hidden = seen.saturating_sub(WARNINGS_SHOWN_PER_KIND);
        if hidden > 0 {
            let kind = lint.map_or_else(String::new, |l| format!("`{}` ", l.name()));
            writeln!(
                out,
                "note: {hidden} more {kind}warning(s) not shown; `--verbose` shows every one\n"
            )?;
        }
    }
    Ok(())
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}", escape_controls(&self.path.to_string_lossy()))?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.column)?;
        }
        let message = escape_controls(&self.message);
        match self.lint {
            Some(lint) => writeln!(f, ": {level}[{}]: {message}", lint.name())?,
            None => writeln!(f, ": {level}: {message}")?,
        }
        if let Some((line, width)) = &self.excerpt {
            let gutter = " ".repeat(self.line.to_string().len());
            writeln!(f, "{gutter} |")?;
            writeln!(f, "{} | {}", self.line, escape_controls(line))?;
            let before: String = line.chars().take(self.column - 1).collect();
            let pad: String = escape_controls(&before)
                .chars()
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            writeln!(f, "{gutter} | {pad}{}", "^".repeat(*width))?;
        }
        if let Some(help) = &self.help {
            writeln!(f, "  = help: {}", escape_controls(help))?;
        }
        Ok(())
    }
}

/// Whether `c` is a control character that no text needs: C0 controls
/// other than tab, line feed and carriage return, DEL, and C1 controls.
/// Written to a terminal, some of them (ESC, CSI) are commands.
pub fn is_stray_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// `text` with every [`is_stray_control`] character (and line breaks,
/// which would fake a diagnostic's layout) written as a Rust escape
/// (`\u{1b}`), so that file names and source lines from a dossier cannot
/// drive the terminal or a CI log.
pub fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(|c: char| c.is_control() && c != '\t') {
        return text.into();
    }
    text.chars()
        .map(|c| {
            if c.is_control() && c != '\t' {
                format!("\\u{{{:x}}}", u32::from(c))
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}

/// An error at the first string of `value` (TOML parsed from byte
/// `offset` of `text`, the file at `path`) that holds a stray control
/// character through an escape (`"\u0000"`, `"\b"`): the file's bytes are
/// checked when it is read, but an escape only shows once parsed.
pub(crate) fn escaped_control(
    path: &Path,
    text: &str,
    offset: usize,
    value: &toml::Spanned<toml::de::DeValue<'_>>,
) -> Option<Diagnostic> {
    let (span, c) = find_control(value)?;
    let message = format!(
        "this string holds the control character U+{:04X} through an escape; reports and annotations cannot contain it",
        u32::from(c)
    );
    Some(Diagnostic::error(path, message).at(text, offset + span.start..offset + span.end))
}

/// The span of the first string in `value` holding a stray control
/// character, and the character.
fn find_control(value: &toml::Spanned<toml::de::DeValue<'_>>) -> Option<(Range<usize>, char)> {
    use toml::de::DeValue;
    match value.get_ref() {
        DeValue::String(s) => s
            .chars()
            .find(|&c| is_stray_control(c))
            .map(|c| (value.span(), c)),
        DeValue::Array(items) => items.iter().find_map(find_control),
        DeValue::Table(table) => table.values().find_map(find_control),
        _ => None,
    }
}

/// The first stray control character in `text`, the source of the file
/// at `path`, as an error at its line and column.
pub fn stray_control(path: &Path, text: &str) -> Option<Diagnostic> {
    let (at, c) = text.char_indices().find(|&(_, c)| is_stray_control(c))?;
    let count = text.chars().filter(|&c| is_stray_control(c)).count();
    let others = match count {
        1 => String::new(),
        n => format!(" (and {} more)", n - 1),
    };
    let message = format!(
        "the file contains the control character U+{:04X}{others}, which cannot be part of a report or an annotation",
        u32::from(c)
    );
    let help = "delete it; it is often left by copying from a PDF or a terminal";
    Some(
        Diagnostic::error(path, message)
            .at(text, at..at + c.len_utf8())
            .with_help(help),
    )
}

/// For serde's "unknown field `qoute`, expected one of `article`, `quote`, …"
/// (and "unknown variant"), the expected name closest to the unknown one,
/// if it is close enough to be a typo.
fn did_you_mean(message: &str) -> Option<String> {
    let rest = message
        .strip_prefix("unknown field `")
        .or_else(|| message.strip_prefix("unknown variant `"))?;
    let (unknown, expected) = rest.split_once('`')?;
    let limit = (unknown.chars().count() / 3).max(2);
    expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(|name| (strsim::osa_distance(name, unknown), name))
        .filter(|(distance, _)| *distance <= limit)
        .min()
        .map(|(_, name)| name.to_owned())
}

/// Diagnostics gathered across a whole build.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Records one diagnostic.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Records many.
    pub fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(diagnostics);
    }

    /// Records every diagnostic `other` gathered (on another thread, say).
    pub fn append(&mut self, mut other: Diagnostics) {
        self.items.append(&mut other.items);
    }

    /// Whether any diagnostic stops the build.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// All diagnostics in a stable order (file, line, column), so that the
    /// report does not depend on which thread or file finished first.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            (&a.path, a.line, a.column, a.severity, &a.message)
                .cmp(&(&b.path, b.line, b.column, b.severity, &b.message))
        });
        self.items.dedup();
        self.items
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_from_a_dossier_never_reach_the_terminal() {
        let source = "title = \"Red\u{1b}[31m\"\n";
        let d = Diagnostic::error(Path::new("a\u{1b}]0;owned\u{7}.toml"), "bad \u{9b}2J")
            .at(source, 12..13)
            .with_help("x\ny");
        let shown = d.to_string();
        assert!(!shown.chars().any(is_stray_control), "{shown:?}");
        assert!(shown.starts_with("a\\u{1b}]0;owned\\u{7}.toml:1:13: error: bad \\u{9b}2J\n"));
        assert!(
            shown.contains("1 | title = \"Red\\u{1b}[31m\"\n"),
            "{shown}"
        );
        assert!(shown.contains("  = help: x\\u{a}y\n"), "{shown}");
        let json = d.to_json().to_string();
        assert!(
            json.contains(r#""path":"a\\u{1b}]0;owned\\u{7}.toml""#),
            "{json}"
        );
    }

    #[test]
    fn locates_line_and_column_in_characters() {
        let src = "a = 1\nquote = \"“bad”\"\n";
        let start = src.find("“bad").unwrap();
        let d =
            Diagnostic::error(Path::new("x.toml"), "nope").at(src, start..start + "“bad”".len());
        assert_eq!((d.line, d.column), (2, 10));
        assert_eq!(d.excerpt, Some(("quote = \"“bad”\"".to_owned(), 5)));
        let shown = d.to_string();
        assert!(shown.starts_with("x.toml:2:10: error: nope\n"), "{shown}");
        assert!(shown.contains("2 | quote"), "{shown}");
    }

    #[test]
    fn misspelt_keys_and_keywords_get_a_suggestion() {
        let m = "unknown field `qoute`, expected one of `article`, `quote`, `prefix`";
        assert_eq!(did_you_mean(m).as_deref(), Some("quote"));
        let m = "unknown variant `opinoin`, expected one of `accurate`, `opinion`";
        assert_eq!(did_you_mean(m).as_deref(), Some("opinion"));
        let m = "unknown field `zzzzzz`, expected `title` or `note`";
        assert_eq!(did_you_mean(m), None);
        assert_eq!(did_you_mean("invalid type: integer"), None);
    }

    #[test]
    fn span_past_the_end_is_clamped() {
        let d = Diagnostic::error(Path::new("x"), "m").at("abc", 10..20);
        assert_eq!((d.line, d.column), (1, 4));
    }

    #[test]
    fn sorted_by_location() {
        let mut all = Diagnostics::default();
        all.push(Diagnostic::error(Path::new("b"), "2"));
        all.push(Diagnostic::warning(Path::new("a"), "1"));
        let sorted = all.into_sorted();
        assert_eq!(sorted[0].path, Path::new("a"));
    }
}
