//! The views of every page, one module per page kind: what each page
//! shows, built from the resolved dossier, and next to each view what of
//! the dossier it draws on ([`Shown`]), from which `serve` works out the
//! pages an edit affects. Helpers that several kinds share are here.

pub mod article;
pub mod claim;
pub mod corrections;
pub mod entity;
pub mod event;
pub mod home;
pub mod long_list;
pub mod sources;
pub mod timeline;
pub mod version;

use super::model::{EventSummary, Quotation, WordingView};
pub use super::shown::{ClaimPart, Shown};
use super::views::Views;
use crate::id::Id;
use crate::render::strings::Strings;
use crate::vocabulary::Section;

/// What the pages of a list section show, as each section's page kind
/// declares it.
pub fn shown_by(section: Section) -> &'static [Shown<'static>] {
    match section {
        Section::Home => home::SHOWN,
        Section::Search => &[],
        Section::Articles => article::SHOWN_BY_LIST,
        Section::Claims => claim::SHOWN_BY_INDEX,
        Section::Entities => entity::SHOWN_BY_INDEX,
        Section::Sources => sources::SHOWN,
        Section::Timeline => timeline::SHOWN,
        Section::Corrections => corrections::SHOWN,
    }
}

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
