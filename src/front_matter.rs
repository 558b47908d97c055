//! Splitting an article into its `+++` TOML front matter and Markdown body.

/// An article file cut in two, with enough offsets to locate errors in either
/// part within the whole file.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Split<'a> {
    /// The TOML between the fences.
    pub(crate) front: &'a str,
    /// Byte offset of `front` in the file.
    pub(crate) front_offset: usize,
    /// The Markdown after the closing fence.
    pub(crate) body: &'a str,
}

/// Why the file could not be split.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub(crate) enum SplitError {
    /// The file does not start with a `+++` line.
    #[error("an article must start with `+++` front matter (title, published, …)")]
    Missing,
    /// The file starts with a `---` line: YAML front matter, as Jekyll and
    /// Hugo write it, which gloss does not read.
    #[error(
        "this front matter is YAML (between `---` lines); gloss reads TOML between `+++` lines"
    )]
    Yaml,
    /// No closing `+++` line.
    #[error("the front matter opened on line 1 is never closed: add a `+++` line after it")]
    Unterminated,
}

const FENCE: &str = "+++";

/// What opens YAML front matter.
const YAML_FENCE: &str = "---";

/// Splits `text` at its front matter fences.
pub(crate) fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let bom = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let rest = &text[bom..];
    let first_line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
    match rest[..first_line_end].trim_end() {
        FENCE => {}
        YAML_FENCE => return Err(SplitError::Yaml),
        _ => return Err(SplitError::Missing),
    }
    let front_offset = bom + first_line_end;
    let mut offset = front_offset;
    for line in text[front_offset..].split_inclusive('\n') {
        if line.trim_end() == FENCE {
            return Ok(Split {
                front: &text[front_offset..offset],
                front_offset,
                body: &text[offset + line.len()..],
            });
        }
        offset += line.len();
    }
    Err(SplitError::Unterminated)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_from_body() {
        let s = split("+++\ntitle = \"x\"\n+++\nBody\n").unwrap();
        assert_eq!(s.front, "title = \"x\"\n");
        assert_eq!(s.front_offset, 4);
        assert_eq!(s.body, "Body\n");
    }

    #[test]
    fn handles_crlf_and_bom() {
        let s = split("\u{feff}+++\r\na = 1\r\n+++\r\nB").unwrap();
        assert_eq!(s.front, "a = 1\r\n");
        assert_eq!(s.body, "B");
    }

    #[test]
    fn reports_missing_and_unterminated() {
        assert_eq!(split("title = 1\n"), Err(SplitError::Missing));
        assert_eq!(split(""), Err(SplitError::Missing));
        assert_eq!(split("+++\ntitle = 1\n"), Err(SplitError::Unterminated));
        assert_eq!(split("---\ntitle: x\n---\n"), Err(SplitError::Yaml));
    }
}
