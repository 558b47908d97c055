//! What `gloss new` writes (see [`crate::authoring`]) where only the editor knows what goes: a
//! bracketed headline or claim title, a source to name, today's date as
//! the report's. The stubs pass `gloss check` so that an editor can build
//! at once; this check keeps them from being published as they are.

use crate::authoring::{SOURCE_TITLE, claim_title, headline};
use crate::diagnostics::{Diagnostic, Lint};
use crate::dossier::Dossier;

/// Warns about every placeholder still in the dossier.
pub fn check(dossier: &Dossier, warnings: &mut Vec<Diagnostic>) {
    let warn = |path, message: String, help: &str| Diagnostic {
        lint: Some(Lint::Placeholder),
        ..Diagnostic::warning(path, message).with_help(help)
    };
    for article in dossier.articles.values() {
        if is_placeholder(&article.meta.title, || headline(&article.slug)) {
            warnings.push(warn(
                &article.path,
                format!("the headline of `{}` is still a placeholder", article.slug),
                "write the report's headline exactly as published, or describe it in [square brackets] and say so in `note`",
            ));
        }
        if article.meta.date_is_placeholder {
            warnings.push(warn(
                &article.path,
                format!(
                    "`published` of `{}` is still the day the stub was written",
                    article.slug
                ),
                "write the date the report gives, then delete the `# placeholder` comment after it",
            ));
        }
    }
    for claim in dossier.claims.values() {
        if claim.allow.contains(&Lint::Placeholder) {
            continue;
        }
        let len = claim.id.as_str().len() + 2;
        if is_placeholder(&claim.title, || claim_title(&claim.id)) {
            let message = format!("the title of claim `{}` is still a placeholder", claim.id);
            warnings.push(
                Diagnostic::lint(Lint::Placeholder, &claim.origin, len, message)
                    .with_help("state the claim in one line, as a reader would look for it"),
            );
        }
        if claim.sources.iter().any(|s| s.title == SOURCE_TITLE) {
            let message = format!("claim `{}` still has a placeholder source", claim.id);
            warnings.push(
                Diagnostic::lint(Lint::Placeholder, &claim.origin, len, message).with_help(
                    "name where the claim can be checked, or remove the [[claim.source]]",
                ),
            );
        }
    }
}

/// Whether `text` is the placeholder `placeholder` makes. Every placeholder
/// is in brackets: only a text that starts with one is compared, so that
/// the check makes no string for the many that do not.
fn is_placeholder(text: &str, placeholder: impl FnOnce() -> String) -> bool {
    text.starts_with('[') && text == placeholder()
}
