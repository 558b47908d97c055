//! The views of every page, one module per page kind: what each page
//! shows, built from the resolved dossier. Helpers that several kinds
//! share are here.

pub mod article;
pub mod claim;
pub mod entity;
pub mod event;
pub mod home;
pub mod long_list;
pub mod sources;
pub mod timeline;

use super::model::{EventSummary, Quotation, WordingView};
use super::views::Views;
use crate::id::Id;
use crate::render::strings::Strings;

/// Wordings drawn for a page whose way to the site root is `root`.
fn quotations(wordings: Vec<WordingView>, root: &str, strings: &Strings) -> Vec<Quotation> {
    wordings
        .into_iter()
        .map(|w| Quotation::new(w, root, strings))
        .collect()
}

fn sorted_events(views: &Views<'_>, ids: &[Id]) -> Vec<EventSummary> {
    let mut events: Vec<EventSummary> = ids.iter().map(|e| views.event_summary(e)).collect();
    events.sort_by(|a, b| (&a.date.iso, &a.link.href).cmp(&(&b.date.iso, &b.link.href)));
    events
}
