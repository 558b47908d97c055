//! Redirects from former ids (`aliases`), so a renamed article, claim,
//! event or entity never breaks a published link: a page at the old URL
//! (meta refresh and `rel=canonical` to the new one, not indexed), and at
//! the old URL of each of a claim's versions, and the same redirects in a
//! `_redirects` file for hosts that read one.

use std::fmt::Write as _;

use super::OutputFile;
use crate::dossier::{Dossier, Renamed};
use crate::escape;
use crate::history::Version;
use crate::id::Id;
use crate::urls::PagePath;
use crate::vocabulary::ItemKind;

/// One redirect: from a former id's page to the current one.
struct Redirect<'d> {
    from: PagePath,
    to: PagePath,
    title: &'d str,
}

fn redirects(dossier: &Dossier) -> Vec<Redirect<'_>> {
    let mut redirects = Vec::new();
    for item in dossier.renamed_items() {
        for alias in item.aliases {
            redirects.push(Redirect {
                from: PagePath::item(item.kind, alias),
                to: PagePath::item(item.kind, item.id),
                title: item.title,
            });
            if item.kind == ItemKind::Claim {
                redirects.extend(version_redirects(dossier, &item, alias));
            }
        }
    }
    redirects
}

/// Redirects from the version pages a claim had under the former id
/// `alias` to the same versions under its id now, whose history follows
/// it through the rename ([`Dossier::record`]).
fn version_redirects<'d>(
    dossier: &'d Dossier,
    claim: &Renamed<'d>,
    alias: &Id,
) -> Vec<Redirect<'d>> {
    let before = dossier.history.record(ItemKind::Claim, alias.as_str());
    let now = dossier.record(ItemKind::Claim, claim.id.as_str());
    let (Some(before), Some(now)) = (before, now) else {
        return Vec::new();
    };
    let number_now = |version: &Version| {
        let same = |v: &Version| {
            v.stamp.instant <= version.stamp.instant && v.snapshot == version.snapshot
        };
        Some(now.versions.iter().rposition(same)? + 1)
    };
    (1..)
        .zip(&before.versions)
        .filter_map(|(number, version)| {
            Some(Redirect {
                from: PagePath::claim_version(alias.as_str(), number),
                to: PagePath::claim_version(claim.id.as_str(), number_now(version)?),
                title: claim.title,
            })
        })
        .collect()
}

/// The redirect pages and the `_redirects` file.
pub(crate) fn render(dossier: &Dossier, base_url: Option<&str>) -> Vec<OutputFile> {
    let redirects = redirects(dossier);
    let language = escape::html(&dossier.config.book.language);
    let base_path = base_url.map_or("/", url_path);
    let mut listing = String::new();
    let mut files: Vec<OutputFile> = redirects
        .iter()
        .map(|r| {
            let target = escape::html(&format!("{}{}", r.from.to_root(), r.to.href()));
            let canonical = escape::html(&r.to.permalink(base_url));
            let title = escape::html(r.title);
            let html = format!(
                "<!DOCTYPE html>\n<html lang=\"{language}\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'\">\n<title>Moved: {title}</title>\n<link rel=\"canonical\" href=\"{canonical}\">\n<meta name=\"robots\" content=\"noindex\">\n<meta http-equiv=\"refresh\" content=\"0; url={target}\">\n</head>\n<body>\n<p>This page has moved to <a href=\"{target}\">{title}</a>.</p>\n</body>\n</html>\n"
            );
            let _ = writeln!(listing, "{base_path}{} {base_path}{} 301", r.from.dir(), r.to.dir());
            OutputFile { path: r.from.file(), contents: html.into_bytes() }
        })
        .collect();
    if !listing.is_empty() {
        files.push(OutputFile {
            path: "_redirects".into(),
            contents: listing.into_bytes(),
        });
    }
    files
}

/// The path part of an absolute URL, with a trailing slash (`/dossier/`).
fn url_path(url: &str) -> &str {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    after_scheme.find('/').map_or("/", |i| &after_scheme[i..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_paths_come_from_the_base_url() {
        assert_eq!(url_path("https://example.org/dossier/"), "/dossier/");
        assert_eq!(url_path("https://example.org/"), "/");
    }
}
