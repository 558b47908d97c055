//! Annotations: parsing the TOML files, checking every reference between
//! ids, and anchoring every quoted passage in its article.
//!
//! The result is a [`Dossier`](crate::dossier::Dossier) in which nothing can
//! dangle; every problem found on the way is a [`Diagnostic`](crate::diagnostics::Diagnostic)
//! pointing at the annotation's file, line and column.

pub mod anchor;
mod known;
pub mod nearest;
mod raw;
mod resolve;

pub use resolve::resolve;
