//! Writing for editors: the stub of a new report, the TOML of a new claim,
//! of a passage of one, of a `[sic]`, and adding it to an annotation file;
//! and the placeholders those stubs hold until the editor replaces them
//! (the `placeholder` check looks for exactly these).
//!
//! `gloss new`, the preview's annotation panel and `check --todo`'s
//! snippets all write through here, so that they write the same TOML, and
//! every write keeps what the file held: the text is only ever added (at
//! the end, or right after a claim's table, which is where TOML gives an
//! `[[claim.appearance]]` to that claim), the file is replaced in one step,
//! nothing is written if the file changed since it was read, and the result
//! must read back as the one thing added.

use std::path::{Path, PathBuf};

use crate::content::article::PLACEHOLDER_MARK;
use crate::date::PartialDate;
use crate::diagnostics::Diagnostic;
use crate::dossier::{Part, Verdict};
use crate::error::{Error, Result};
use crate::escape::toml_string;
use crate::files;
use crate::id::Id;
use crate::source::Origin;

pub mod draft;

/// The headline `gloss new article` writes for the report `slug`.
pub fn headline(slug: &Id) -> String {
    format!("[Headline of {slug}]")
}

/// The title `gloss new claim` writes for the claim `id`.
pub fn claim_title(id: &Id) -> String {
    format!("[State claim {id} in one line]")
}

/// The `published` line `gloss new article` and `gloss import` write when
/// they do not know the date: today's, marked as a placeholder.
pub fn published_line() -> String {
    format!(
        "published = {} {PLACEHOLDER_MARK}: today; write the report's date and delete this comment",
        PartialDate::today()
    )
}

/// The source `gloss new claim` asks the editor to name.
pub const SOURCE_TITLE: &str = "[Name the primary source]";

/// The front matter and body `gloss new article` writes for the report
/// `slug`: commented, with placeholders the `placeholder` check flags.
pub fn article(slug: &Id) -> String {
    format!(
        "+++\n\
         # The report's headline, exactly as published. If it has none, describe it\n\
         # in [square brackets] and say so in `note`.\n\
         title = {headline}\n\
         # When it was published: 2014-05-20, 2014-05-20T07:09:00Z, or \"2014-05\" /\n\
         # \"2014\" when the copy does not give the day.\n\
         {published}\n\
         # Leave out what the copy does not say: pages show it as \"not recorded\".\n\
         # outlet = \"\"\n\
         # byline = \"\"\n\
         # url = \"https://\"\n\
         # retrieved = {today}\n\
         # The editor's remarks on this copy: provenance, what page chrome was dropped.\n\
         # note = \"\"\"\"\"\"\n\
         +++\n\
         Paste the report's text here, exactly as published: keep its typos and mark\n\
         them with [[sic]] annotations instead of correcting them.\n",
        headline = toml_string(&headline(slug)),
        published = published_line(),
        today = PartialDate::today(),
    )
}

/// A passage of a report, as an appearance or a `[sic]` quotes it.
#[derive(Debug, Clone, Copy)]
pub struct Excerpt<'a> {
    /// The report's slug.
    pub article: &'a Id,
    /// The headline or the body.
    pub part: Part,
    /// The exact words.
    pub quote: &'a str,
    /// Words just before, to pick one of several occurrences.
    pub prefix: Option<&'a str>,
    /// Words just after, to pick one of several occurrences.
    pub suffix: Option<&'a str>,
}

impl Excerpt<'_> {
    /// `article`, `in`, `quote`, `prefix` and `suffix`, a line each,
    /// indented by `indent`.
    fn fields(&self, indent: &str) -> String {
        let mut fields = format!("{indent}article = \"{}\"\n", self.article);
        if self.part == Part::Title {
            fields.push_str(&format!("{indent}in = \"title\"\n"));
        }
        fields.push_str(&format!("{indent}quote = {}\n", toml_string(self.quote)));
        for (key, value) in [("prefix", self.prefix), ("suffix", self.suffix)] {
            if let Some(value) = value {
                fields.push_str(&format!("{indent}{key} = {}\n", toml_string(value)));
            }
        }
        fields
    }
}

/// An `[[claim.appearance]]` table quoting `excerpt`, indented as a
/// claim's sub-table.
pub fn appearance(excerpt: &Excerpt<'_>) -> String {
    format!("  [[claim.appearance]]\n{}", excerpt.fields("  "))
}

/// A `[[sic]]` table marking `excerpt`, with the editor's `note` (Markdown).
pub fn sic(excerpt: &Excerpt<'_>, note: &str) -> String {
    format!(
        "[[sic]]\n{}note = {}\n",
        excerpt.fields(""),
        toml_string(note)
    )
}

/// What an editor says about a new claim; what is left out is written as
/// a placeholder or a commented line to fill in.
#[derive(Debug, Clone, Copy)]
pub struct NewClaim<'a> {
    /// Its id, which must be free.
    pub id: &'a Id,
    /// Its title, if the editor gave one.
    pub title: Option<&'a str>,
    /// Who makes it, if the editor said.
    pub claimant: Option<&'a Id>,
    /// The verdict, if the editor chose one (else `unverified`).
    pub verdict: Option<Verdict>,
    /// The passages that make it.
    pub excerpts: &'a [Excerpt<'a>],
}

/// A `[[claim]]` table with its passages, and commented lines for the
/// fields left to fill in, so that it passes `gloss check` as written.
pub fn claim(new: &NewClaim<'_>) -> String {
    let title = new.title.map_or_else(|| claim_title(new.id), str::to_owned);
    let verdict = new.verdict.unwrap_or(Verdict::Unverified).key();
    let claimant = match new.claimant {
        Some(claimant) => format!("claimant = \"{claimant}\"\n"),
        None => "# claimant = \"entity-id\"\n".to_owned(),
    };
    let appearances: String = new
        .excerpts
        .iter()
        .map(|excerpt| format!("\n{}", appearance(excerpt)))
        .collect();
    format!(
        "[[claim]]\n\
         id = \"{id}\"\n\
         title = {title}\n\
         # The verdict: accurate, corroborated, misleading, inaccurate, disputed,\n\
         # unverified or opinion (see docs/format.md).\n\
         status = \"{verdict}\"\n\
         {claimant}\
         # events = [\"event-id\"]\n\
         # related = [\"claim-id\"]\n\
         # note = \"\"\"Context, and where the reports disagree (Markdown).\"\"\"\n\
         {appearances}\
         \n  # Where the claim can be checked; keep it even if the URL is unknown.\n\
         \n  [[claim.source]]\n  title = {source}\n  # url = \"https://\"\n",
        id = new.id,
        title = toml_string(&title),
        source = toml_string(SOURCE_TITLE),
    )
}

/// What a write adds, which the file must read back as having gained.
#[derive(Debug, Clone)]
pub enum Addition {
    /// A `[[claim]]` with this id.
    Claim(Id),
    /// One more `[[claim.appearance]]` of this claim.
    Appearance(Id),
    /// One more `[[sic]]`.
    Sic,
}

/// Adds `text` to the end of the annotation file at `path`, creating it
/// (and its folder) if need be; `text` must add `addition`.
pub fn append(path: &Path, text: &str, addition: &Addition) -> Result<()> {
    let read = match std::fs::read_to_string(path) {
        Ok(read) => Some(read),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(source) => return Err(files::read_error(path, source)),
    };
    let Some(read) = read else {
        expect(path, "", text, addition)?;
        return files::write_new(path, text).map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => refused(
                path,
                "was created while gloss was writing it; nothing was written, try again",
            ),
            _ => files::write_error(path, e),
        });
    };
    let separator = match read.as_str() {
        "" => "",
        r if r.ends_with("\n\n") => "",
        r if r.ends_with('\n') => "\n",
        _ => "\n\n",
    };
    let whole = format!("{read}{separator}{text}");
    replace_checked(path, &read, &whole, addition)
}

/// Adds the claim's sub-table `text` (an appearance) to the table of the
/// claim written at `origin`, in the dossier at `root`: after its last
/// appearance (or before its first sub-table, if it has none yet), so that
/// its passages stay together, and never inside another sub-table's
/// comments.
pub fn insert_after_claim(root: &Path, origin: &Origin, claim: &Id, text: &str) -> Result<PathBuf> {
    let path = root.join(&origin.path);
    let read = origin.file_text();
    let block = origin.block();
    let at = origin.block_end() - block.len() + appearance_place(block);
    let whole = format!("{}\n\n{}{}", &read[..at], text.trim_end(), &read[at..]);
    replace_checked(&path, read, &whole, &Addition::Appearance(claim.clone()))?;
    Ok(path)
}

/// Where in a claim's `block` a new appearance goes: the end of the last
/// line of values before the sub-table that follows its last appearance
/// (or its first sub-table, if it has no appearance), leaving the comments
/// that lead into that sub-table with it; else the block's end.
fn appearance_place(block: &str) -> usize {
    let mut lines = Vec::new();
    let mut offset = 0;
    for line in block.split_inclusive('\n') {
        lines.push((offset, line.trim_end_matches(['\n', '\r']), line.trim()));
        offset += line.len();
    }
    let is_header = |trimmed: &str| trimmed.starts_with('[');
    let headers: Vec<usize> = (1..lines.len())
        .filter(|&i| is_header(lines[i].2))
        .collect();
    let last_appearance = headers
        .iter()
        .rposition(|&i| lines[i].2.replace(' ', "") == "[[claim.appearance]]");
    let next = match last_appearance {
        Some(h) => headers.get(h + 1),
        None => headers.first(),
    };
    let Some(&next) = next else {
        return block.len();
    };
    let valued = (0..next)
        .rev()
        .find(|&i| !lines[i].2.is_empty() && !lines[i].2.starts_with('#'))
        .unwrap_or(0);
    lines[valued].0 + lines[valued].1.len()
}

/// Replaces the file at `path`, whose text was `read`, with `whole`, if
/// `whole` adds `addition` to it and the file has not changed since.
fn replace_checked(path: &Path, read: &str, whole: &str, addition: &Addition) -> Result<()> {
    expect(path, read, whole, addition)?;
    let unchanged = || match std::fs::read_to_string(path) {
        Ok(now) if now == read => Ok(()),
        _ => Err(refused(
            path,
            "changed since gloss read it (an edit saved meanwhile?); nothing was written: let the preview rebuild, then try again",
        )),
    };
    files::replace(path, |out| out.write_all(whole.as_bytes()), unchanged)
}

/// Checks that `after` reads as `before` with `addition` added.
fn expect(path: &Path, before: &str, after: &str, addition: &Addition) -> Result<()> {
    /// The entries of the array of tables `value`, if it is one.
    fn entries(value: Option<&toml::Value>) -> &[toml::Value] {
        value
            .and_then(toml::Value::as_array)
            .map_or(&[], Vec::as_slice)
    }
    /// The claims of `table` whose id is `id`.
    fn claims<'t>(table: &'t toml::Table, id: &'t Id) -> impl Iterator<Item = &'t toml::Value> {
        entries(table.get("claim"))
            .iter()
            .filter(move |c| c.get("id").and_then(toml::Value::as_str) == Some(id.as_str()))
    }
    let count = |text: &str| -> Option<usize> {
        let table: toml::Table = toml::from_str(text).ok()?;
        Some(match addition {
            Addition::Claim(id) => claims(&table, id).count(),
            Addition::Appearance(id) => claims(&table, id)
                .map(|c| entries(c.get("appearance")).len())
                .sum(),
            Addition::Sic => entries(table.get("sic")).len(),
        })
    };
    match (count(before), count(after)) {
        (Some(was), Some(now)) if now == was + 1 => Ok(()),
        (None, _) => Err(refused(
            path,
            "has errors; fix them (`gloss check` lists them) before adding to it",
        )),
        _ => Err(refused(
            path,
            "would not read back with the addition where it belongs; nothing was written",
        )),
    }
}

fn refused(path: &Path, message: &str) -> Error {
    Error::Content(vec![Diagnostic::error(path, message)])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> Id {
        Id::parse(s).unwrap()
    }

    fn excerpt<'a>(article: &'a Id, quote: &'a str) -> Excerpt<'a> {
        Excerpt {
            article,
            part: Part::Body,
            quote,
            prefix: None,
            suffix: Some("he said"),
        }
    }

    #[test]
    fn a_claim_is_added_after_what_the_file_holds_without_a_newline() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        std::fs::write(
            &path,
            "[[sic]]\narticle = \"a\"\nquote = \"teh\"\nnote = \"x\"",
        )
        .unwrap();
        let (claim_id, article) = (id("new-claim"), id("a"));
        let excerpts = [excerpt(&article, "It's \"fine\"")];
        let text = claim(&NewClaim {
            id: &claim_id,
            title: Some("It is fine"),
            claimant: Some(&id("mayor")),
            verdict: Some(Verdict::Disputed),
            excerpts: &excerpts,
        });
        append(&path, &text, &Addition::Claim(claim_id.clone())).unwrap();
        let written = std::fs::read_to_string(&path).unwrap();
        assert!(
            written.starts_with(
                "[[sic]]\narticle = \"a\"\nquote = \"teh\"\nnote = \"x\"\n\n[[claim]]\n"
            )
        );
        let table: toml::Table = toml::from_str(&written).unwrap();
        let claim = &table["claim"][0];
        assert_eq!(claim["status"].as_str(), Some("disputed"));
        assert_eq!(claim["claimant"].as_str(), Some("mayor"));
        let appearance = &claim["appearance"][0];
        assert_eq!(appearance["quote"].as_str(), Some("It's \"fine\""));
        assert_eq!(appearance["suffix"].as_str(), Some("he said"));
    }

    #[test]
    fn an_appearance_goes_after_the_claims_last_and_before_its_sources() {
        let block = "[[claim]]\nid = \"x\"\n\n  [[claim.appearance]]\n  quote = \"a\"\n\n  # Where to check.\n  [[claim.source]]\n  title = \"t\"\n  # url = \"\"";
        let at = appearance_place(block);
        assert_eq!(
            &block[..at],
            "[[claim]]\nid = \"x\"\n\n  [[claim.appearance]]\n  quote = \"a\""
        );
        let none_yet = "[[claim]]\nid = \"x\"\n# A comment.\n[[claim.source]]\ntitle = \"t\"";
        assert_eq!(
            &none_yet[..appearance_place(none_yet)],
            "[[claim]]\nid = \"x\""
        );
        let only = "[[claim]]\nid = \"x\"\n  [[claim.appearance]]\n  quote = \"a\"";
        assert_eq!(appearance_place(only), only.len());
    }

    #[test]
    fn a_file_with_errors_is_not_added_to() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        std::fs::write(&path, "[[claim]\nid = ").unwrap();
        let article = id("a");
        let error = append(
            &path,
            &sic(&excerpt(&article, "teh"), "For \"the\"."),
            &Addition::Sic,
        );
        let Err(Error::Content(diagnostics)) = error else {
            panic!("refusal expected: {error:?}");
        };
        assert!(diagnostics[0].message.contains("has errors"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "[[claim]\nid = ");
    }

    #[test]
    fn text_that_would_not_read_back_as_the_addition_is_not_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        let article = id("a");
        let error = append(
            &path,
            &appearance(&excerpt(&article, "x")),
            &Addition::Appearance(id("missing")),
        );
        assert!(error.is_err());
        assert!(!path.exists());
    }
}
