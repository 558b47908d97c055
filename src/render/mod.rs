//! Rendering the resolved dossier into the files of the site.
//!
//! The [`theme`] (templates, the interface's words, static assets) is
//! loaded once; [`Prepared`] works out what every page shares. Each page
//! kind has its module under [`pages`], which builds the page's typed view
//! from the [`views`] every page shares (the plain data of [`model`],
//! some of it drawn by `fragments`); the plumbing in `page` gives
//! each page its common context (`site`, `root`, `permalink`, `title`,
//! `section`) and renders it: through Tera, or, for the pages a dossier
//! has by the thousand while their built-in templates stand, drawn in Rust
//! by `drawn` to the same bytes. Pages are rendered in parallel and handed to
//! a [`Sink`] one by one as they are ready, so the finished site never has
//! to fit in memory. The `exports` for machines (JSON, JSON-LD, the
//! feed, the sitemap, the search index) follow; `partial` holds what
//! `serve` needs to render again only what an edit affects.

mod builtin;
pub mod cite;
mod dom_text;
mod drawn;
mod exports;
mod fragments;
mod lists;
mod memo;
pub mod model;
mod page;
pub mod pages;
pub mod paginate;
mod partial;
mod prepared;
mod quotes;
mod redirects;
mod shown;
mod sink;
pub mod strings;
mod structured;
pub mod theme;
pub mod views;

use crate::dossier::Dossier;
use crate::error::Result;

pub use exports::Joined;
pub use exports::annotations::{KeptAnnotations, PageQuote};
pub use exports::search::SearchEntries;
pub use exports::timeline::SHOWN as SHOWN_BY_TIMELINE_JSON;
pub use memo::{Edited, FirstRender, ListPages};
pub use prepared::{ItemPages, Prepared, Selection};
pub use sink::{Contents, MemorySink, OutputFile, Sink};
pub use theme::Theme;

/// Renders every page and asset of the site into `sink`.
pub fn render(dossier: &Dossier, sink: &dyn Sink) -> Result<()> {
    let prepared = Prepared::new(dossier)?;
    let items = prepared.items(sink, None)?;
    prepared.long_exports(sink, &items.quotes)?;
    drop(items.quotes);
    let mut pages = prepared.lists(sink)?;
    pages.extend(items.paths);
    prepared.exports(sink, pages)?;
    prepared.assets(sink)
}
