//! What a page shows of the dossier, as each page kind declares it next
//! to its view (in [`crate::render::pages`]) and each list page of items
//! records it: what `serve` weighs an edit against to choose the pages to
//! render again. Apart from the views so that the memo of list pages and
//! the renderer can name it without importing them.

use crate::dossier::Claim;
use crate::id::Id;
use crate::vocabulary::ItemKind;

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
