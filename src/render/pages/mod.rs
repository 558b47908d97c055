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
use super::views::Views;
use crate::dossier::Claim;
use crate::id::Id;
use crate::render::strings::Strings;
use crate::vocabulary::{ItemKind, Section};

/// Something of the dossier that a page shows, as each page kind declares
/// it next to its view. After an edit `serve` renders a page again only
/// if the edit changed something the page shows (see
/// [`crate::incremental`]), so a declaration must name everything its view
/// draws on; a test compares every update with a full build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown<'d> {
    /// One item, whole.
    Item(ItemKind, &'d Id),
    /// A claim as lists show it: its title, verdict and claimant's name.
    ClaimSummary(&'d Id),
    /// A claim's wordings: the passages that carry it, in their reports.
    ClaimWordings(&'d Id),
    /// A claim's note on a report's page: its summary, its wordings and
    /// its events.
    ClaimNote(&'d Id),
    /// The reports before and after a report, in publication order.
    Neighbours(&'d Id),
    /// Every item of a kind, as a list of them all shows them.
    Every(ItemKind),
    /// How many items of a kind there are.
    Count(ItemKind),
    /// One part of every claim, as a list of them all shows it.
    EveryClaim(ClaimPart),
    /// The introduction.
    Intro,
}

/// A part of a claim that a list of every claim shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimPart {
    /// Its title.
    Title,
    /// Its verdict.
    Verdict,
    /// Who makes it.
    Claimant,
    /// The reports that carry it.
    Reports,
    /// The sources cited for it.
    Sources,
    /// The events it is about.
    Events,
    /// Its review date and the corrections its annotation records.
    Corrections,
}

impl ClaimPart {
    /// Whether two versions of a claim show this part alike.
    pub fn alike(self, a: &Claim, b: &Claim) -> bool {
        match self {
            ClaimPart::Title => a.title == b.title,
            ClaimPart::Verdict => a.verdict == b.verdict,
            ClaimPart::Claimant => a.claimant == b.claimant,
            ClaimPart::Reports => a
                .appearances
                .iter()
                .map(|x| &x.article)
                .eq(b.appearances.iter().map(|x| &x.article)),
            ClaimPart::Sources => a.sources == b.sources,
            ClaimPart::Events => a.events == b.events,
            ClaimPart::Corrections => a.reviewed == b.reviewed && a.corrections == b.corrections,
        }
    }
}

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
