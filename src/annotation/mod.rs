//! Annotations: parsing the TOML files, checking every reference between
//! ids, and anchoring every quoted passage in its article.
//!
//! The result is a [`Dossier`](crate::dossier::Dossier) in which nothing can
//! dangle; every problem found on the way is a [`Diagnostic`]
//! pointing at the annotation's file, line and column.

pub mod anchor;
mod items;
mod known;
pub mod nearest;
mod passages;
mod raw;
mod relations;
mod resolve;
mod reuse;
mod suggest;

pub use resolve::resolve;
pub use reuse::Cache;

use crate::diagnostics::Diagnostic;
use crate::id::Id;
use crate::source::SourceFile;

/// The id among `ids` an unknown `value` most plausibly misspells, as
/// `check` suggests it ("did you mean"), for tools that take ids on the
/// command line.
pub fn nearest_id<'i>(value: &str, ids: impl IntoIterator<Item = &'i Id>) -> Option<Id> {
    suggest::Suggester::default().nearest(value, || ids.into_iter().collect())
}

/// What to tell someone who named `value`, which is no `kind` among
/// `ids`: "there is no claim `x` (did you mean `y`?)", for tools that
/// take ids from people.
pub fn no_such<'i>(kind: &str, value: &str, ids: impl IntoIterator<Item = &'i Id>) -> String {
    match nearest_id(value, ids) {
        Some(near) => format!("there is no {kind} `{value}` (did you mean `{near}`?)"),
        None => format!("there is no {kind} `{value}`"),
    }
}

/// Parses one annotation file on its own and returns its problems (ids and
/// quotes are not checked): for tools that lint a single file, and for
/// fuzzing the parser.
pub fn parse_file(file: &SourceFile) -> Vec<Diagnostic> {
    raw::parse(file).1
}
