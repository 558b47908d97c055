//! gloss: a static site generator for annotated news dossiers.
//!
//! A dossier is Markdown source articles plus TOML annotations (claims,
//! events, entities). [`site::build`] turns one into a cross-linked HTML site
//! in these steps, each a module:
//!
//! 1. [`config`]: read `book.toml`.
//! 2. [`content`]: discover and parse the articles and the introduction,
//!    every file read through [`files`].
//! 3. [`annotation`]: parse the annotation files, check every id reference,
//!    and anchor every quoted passage in its article's visible [`text`],
//!    producing a resolved [`dossier::Dossier`] that cannot dangle.
//!    [`lint`] then finds what is valid but worth an editor's attention.
//! 4. [`render`]: load the theme, build each page kind's typed view,
//!    render [`markdown`] with marks and notes, lay out the [`timeline`],
//!    compare [`figures`], fill the Tera templates, and write the exports;
//!    the rendered site's links and its [`permalinks`] are checked.
//! 5. [`output`]: write the site atomically.
//!
//! [`site`] runs the steps in order; [`incremental`] renders again only
//! what an edit affects, for the [`serve`] preview (behind the `serve`
//! feature). [`cmd`] runs each subcommand that [`cli`] parses; [`authoring`]
//! writes the stubs and annotations editors ask for; [`import`]
//! turns saved web pages into articles for `gloss import`.
//!
//! Every step uses the leaf modules: [`source`] (where things were
//! written), [`diagnostics`] (problems found anywhere, reported together),
//! [`vocabulary`] (item kinds and site sections), [`urls`] (the URL scheme
//! and the fragment ids readers cite), [`escape`], [`id`], [`date`] and
//! [`shared`] (comparing what `serve`'s loads share).

pub mod annotation;
pub mod authoring;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod content;
pub mod date;
pub mod diagnostics;
pub mod dossier;
pub mod error;
pub mod escape;
pub mod figures;
pub mod files;
pub mod front_matter;
pub mod history;
pub mod id;
pub mod import;
pub mod incremental;
pub mod inventory;
pub mod language;
pub mod lint;
pub mod markdown;
pub mod output;
pub mod permalinks;
pub mod render;
#[cfg(feature = "serve")]
pub mod serve;
pub mod shared;
pub mod site;
pub mod source;
pub mod text;
pub mod timeline;
pub mod urls;
pub mod vocabulary;

pub use error::{Error, Result};
