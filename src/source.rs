//! Where things were written: the dossier's text files as read, where
//! their lines start, and the place of each value in them. Diagnostics,
//! the data model and every stage that reports a problem point into
//! sources through these types, so they sit below all of them.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A text file of the dossier, kept in memory so diagnostics can quote it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the dossier root, shared with what is resolved
    /// from it.
    pub path: Arc<Path>,
    /// Its contents, shared with what is resolved from it.
    pub text: Arc<str>,
}

impl SourceFile {
    /// Wraps a file's path and text.
    pub fn new(path: PathBuf, text: String) -> SourceFile {
        SourceFile {
            path: Arc::from(path),
            text: Arc::from(text),
        }
    }
}

/// Where each line of a text starts, so that locating a value is a binary
/// search rather than a scan of the text. Made for one file while its
/// values are located rather than kept with it: the annotation files of a
/// 10,000-article dossier have 1.7 million lines.
#[derive(Debug)]
pub struct Lines {
    /// Byte offset of each line's start.
    starts: Vec<usize>,
    /// The text's length.
    len: usize,
}

impl Lines {
    /// The lines of `text`.
    pub fn of(text: &str) -> Lines {
        let breaks = memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1);
        Lines {
            starts: std::iter::once(0).chain(breaks).collect(),
            len: text.len(),
        }
    }

    /// The 1-based line holding byte `offset`.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset)
    }

    /// The byte range of 1-based line `line`, without its line break.
    pub fn range(&self, line: usize) -> Range<usize> {
        let start = self.starts[line - 1];
        let end = self.starts.get(line).map_or(self.len, |next| next - 1);
        start..end.max(start)
    }

    /// The number of lines.
    pub fn count(&self) -> usize {
        self.starts.len()
    }
}

/// Where a value was written, so pages can show an editor its source and
/// checks can point at it.
#[derive(Debug, Clone)]
pub struct Origin {
    /// Path relative to the dossier root, shared with the file's other
    /// values.
    pub path: Arc<Path>,
    /// 1-based line of the value's id.
    pub line: usize,
    /// 1-based column (in characters) of the value's id.
    pub column: usize,
    /// The 1-based first and last lines of [`Origin::block`].
    pub block_lines: (usize, usize),
    /// The whole file's text, shared by every value written in it rather
    /// than copied into each.
    source: Arc<str>,
    /// Where [`Origin::line_text`] and [`Origin::block`] are in `source`.
    line_range: Range<usize>,
    block_range: Range<usize>,
}

impl Origin {
    /// The value written at `line`:`column` of the file at `path`, whose
    /// text is `source`; `line_range` and `block_range` locate the id's
    /// line and the value's whole table, `block_lines` in lines.
    pub fn new(
        path: Arc<Path>,
        (line, column): (usize, usize),
        source: Arc<str>,
        line_range: Range<usize>,
        (block_range, block_lines): (Range<usize>, (usize, usize)),
    ) -> Origin {
        Origin {
            path,
            line,
            column,
            block_lines,
            source,
            line_range,
            block_range,
        }
    }

    /// The line holding the id, as written.
    pub fn line_text(&self) -> &str {
        &self.source[self.line_range.clone()]
    }

    /// The whole table (`[[claim]]` and its sub-tables) as written.
    pub fn block(&self) -> &str {
        &self.source[self.block_range.clone()]
    }

    /// The byte range of the first place `needle` is written in the
    /// value's table, in [`Origin::file_text`]: where a link in a note
    /// is, unless a TOML escape changed how it is written.
    pub fn find_in_block(&self, needle: &str) -> Option<Range<usize>> {
        let start = self.block().find(needle)? + self.block_range.start;
        Some(start..start + needle.len())
    }

    /// Where the value's table ends in [`Origin::file_text`]: the end of
    /// its last line (before the line break), where another sub-table of
    /// the value can be written.
    pub fn block_end(&self) -> usize {
        self.block_range.end
    }

    /// The whole file the value was written in.
    pub fn file_text(&self) -> &str {
        &self.source
    }

    /// `path:line`, for pages and messages.
    pub fn location(&self) -> String {
        format!("{}:{}", self.path.display(), self.line)
    }
}

/// Two values were written alike when their place and their text are the
/// same, whatever else their files hold.
impl PartialEq for Origin {
    fn eq(&self, other: &Origin) -> bool {
        let same_text = Arc::ptr_eq(&self.source, &other.source)
            && (&self.line_range, &self.block_range) == (&other.line_range, &other.block_range);
        self.path == other.path
            && (self.line, self.column, self.block_lines)
                == (other.line, other.column, other.block_lines)
            && (same_text
                || (self.line_text() == other.line_text() && self.block() == other.block()))
    }
}

impl Eq for Origin {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_found_by_offset() {
        let text = "a\nbc\n\nd";
        let lines = Lines::of(text);
        let found: Vec<usize> = (0..text.len()).map(|i| lines.line(i)).collect();
        assert_eq!(found, [1, 1, 2, 2, 2, 3, 4]);
        assert_eq!(lines.count(), 4);
        assert_eq!(&text[lines.range(2)], "bc");
        assert_eq!(&text[lines.range(3)], "");
        assert_eq!(&text[lines.range(4)], "d");
    }
}
