//! Checks that find things worth an editor's attention in a dossier that is
//! otherwise valid: claims nobody carries or sources, entities and events
//! nothing mentions, articles nobody annotates, claims sharing a passage.
//! Each raises a warning tagged with its [`Lint`], which `[check]` in
//! book.toml can allow or deny. [`links`] checks the rendered site.

pub mod links;
pub mod placeholders;
pub mod todo;

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Lint};
use crate::dossier::{AnchorKind, Article, Claim, Dossier, Part, Verdict};
use crate::figures::Comparison;
use crate::id::Id;

/// Runs every check over a resolved dossier.
///
/// Claims and articles are checked on the thread pool: reading each
/// claim's figures is most of the work, and `serve` checks again after
/// every edit.
pub fn check(dossier: &Dossier) -> Vec<Diagnostic> {
    let mut warnings: Vec<Diagnostic> = dossier
        .claims
        .par_iter()
        .flat_map_iter(|(_, claim)| claim_warnings(dossier, claim))
        .collect();
    unreferenced(dossier, &mut warnings);
    warnings.par_extend(
        dossier
            .articles
            .par_iter()
            .flat_map_iter(|(_, article)| article_warnings(dossier, article)),
    );
    placeholders::check(dossier, &mut warnings);
    warnings
}

fn claim_warnings(dossier: &Dossier, claim: &Claim) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    figures_against_verdict(dossier, claim, &mut warnings);
    let len = claim.id.as_str().len() + 2;
    if claim.appearances.is_empty() && !claim.allow.contains(&Lint::ClaimWithoutAppearance) {
        let message = format!("claim `{}` appears in no article", claim.id);
        warnings.push(
            Diagnostic::lint(Lint::ClaimWithoutAppearance, &claim.origin, len, message)
                .with_help("add a [[claim.appearance]] quoting the passage that carries it"),
        );
    }
    if claim.sources.is_empty() && !claim.allow.contains(&Lint::UnsourcedClaim) {
        let message = format!("claim `{}` has no source", claim.id);
        warnings.push(
            Diagnostic::lint(Lint::UnsourcedClaim, &claim.origin, len, message).with_help(
                "add a [[claim.source]] naming where it can be checked, even if its URL is unknown, \
                 or `allow = [\"unsourced-claim\"]` when the reports name none",
            ),
        );
    }
    warnings
}

/// Warns when gloss's own reading of a claim's figures contradicts the
/// editor's verdict: an "accurate" or "corroborated" claim whose wordings
/// give figures that disagree with the first report's. The editor either
/// reconsiders the verdict or says what the figures are
/// (`figure-judgement` on the appearance).
fn figures_against_verdict(dossier: &Dossier, claim: &Claim, warnings: &mut Vec<Diagnostic>) {
    let lint = Lint::FiguresContradictVerdict;
    // Later wordings are judged against the first: one alone contradicts
    // nothing.
    if !matches!(claim.verdict, Verdict::Accurate | Verdict::Corroborated)
        || claim.allow.contains(&lint)
        || claim.appearances.len() < 2
    {
        return;
    }
    let judged = dossier.judged_figures(claim);
    let discrepancies = claim
        .appearances
        .iter()
        .zip(&judged)
        .flat_map(|(a, figures)| {
            figures
                .iter()
                .filter(|j| !j.by_editor && j.comparison.is_some_and(Comparison::is_discrepancy))
                .map(move |j| (a, j))
        });
    for (appearance, judged) in discrepancies {
        let label = judged.comparison.map_or("", Comparison::label);
        let message = format!(
            "claim `{}` is `{}`, but its wording in `{}` gives “{}”, which gloss reads as {label} against the first report's figures",
            claim.id,
            claim.verdict.key(),
            appearance.article,
            judged.figure.text,
        );
        let help = "reconsider the verdict, or set `figure-judgement` on that appearance (one of rounded, rounded-silently, overstated, understated, different, unhedged, none)";
        warnings.push(
            Diagnostic::lint(lint, &claim.origin, claim.id.as_str().len() + 2, message)
                .with_help(help),
        );
    }
}

fn unreferenced(dossier: &Dossier, warnings: &mut Vec<Diagnostic>) {
    for entity in dossier.entities.values() {
        let allowed = entity.allow.contains(&Lint::UnreferencedEntity);
        if entity.claims.is_empty() && entity.events.is_empty() && !allowed {
            let message = format!(
                "entity `{}` is not mentioned by any claim or event",
                entity.id
            );
            let len = entity.id.as_str().len() + 2;
            warnings.push(
                Diagnostic::lint(Lint::UnreferencedEntity, &entity.origin, len, message)
                    .with_help("make it a claim's `claimant` or list it in an event's `entities`"),
            );
        }
    }
    for event in dossier.events.values() {
        if event.claims.is_empty() && !event.allow.contains(&Lint::UnreferencedEvent) {
            let message = format!("event `{}` has no claim about it", event.id);
            let len = event.id.as_str().len() + 2;
            warnings.push(
                Diagnostic::lint(Lint::UnreferencedEvent, &event.origin, len, message)
                    .with_help("list it in a claim's `events`, or list claims in its `claims`"),
            );
        }
    }
}

fn article_warnings(dossier: &Dossier, article: &Article) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let mut by_passage: BTreeMap<(Part, usize, usize), Vec<&Id>> = BTreeMap::new();
    for anchor in &article.anchors {
        if let AnchorKind::Claim { claim, .. } = &anchor.kind {
            by_passage
                .entry((anchor.part, anchor.range.start, anchor.range.end))
                .or_default()
                .push(claim);
        }
    }
    if by_passage.is_empty() {
        let message = format!("article `{}` has no annotation", article.slug);
        warnings.push(Diagnostic {
            lint: Some(Lint::UnannotatedArticle),
            ..Diagnostic::warning(&article.path, message)
        });
    }
    for ((part, start, end), claims) in by_passage.into_iter().filter(|(_, c)| c.len() > 1) {
        let second = &dossier.claims[claims[1]];
        let message = format!(
            "claims `{}` and `{}` are anchored on the same passage of `{}`: “{}”",
            claims[0],
            claims[1],
            article.slug,
            &article.text_of(part)[start..end]
        );
        warnings.push(
            Diagnostic::lint(
                Lint::SharedPassage,
                &second.origin,
                claims[1].as_str().len() + 2,
                message,
            )
            .with_help("merge the claims, or quote the part of the passage each one is about"),
        );
    }
    warnings
}
