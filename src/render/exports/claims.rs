//! `claims.json`: every claim with its verdict, appearances, events and
//! sources, a thousand to a page (`claims-<n>.json` after the first).

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Value, json};

use super::{ITEMS, ITEMS_AT_A_TIME, Joined, Shell, page_file, pretty_at, write_json_with_items};
use crate::dossier::{Claim, Dossier};
use crate::error::Result;
use crate::id::Id;
use crate::render::{OutputFile, Sink};
use crate::urls::{PagePath, Urls};
use crate::vocabulary::ItemKind;

/// How far the items of `claims.json` and of `annotations.jsonld` are
/// indented in their files. Each item is indented once, when it is made,
/// so that writing an export again from kept items (as `serve` does after
/// every edit) only copies them.
const CLAIM_INDENT: usize = 4;

/// The path of `claims.json` in the site.
pub(crate) const FILE: &str = "claims.json";

/// The path of its JSON Schema in the site, which `claims.json` names.
pub(crate) const SCHEMA_FILE: &str = "claims.schema.json";

/// The format's version, in `claims.json` and its schema: it changes only
/// when a field changes meaning or disappears (docs/exports.md). Version 2
/// pages the claims: `claims` holds one page's, no longer every claim.
const VERSION: u32 = 2;

/// How many claims a page holds: about two megabytes of JSON.
const PAGE_SIZE: usize = 1000;

/// `claims.schema.json`: the JSON Schema (draft 2020-12) of `claims.json`
/// and its later pages, nulls and all.
pub(crate) fn schema() -> OutputFile {
    OutputFile {
        path: SCHEMA_FILE.into(),
        contents: include_bytes!("claims.schema.json").to_vec(),
    }
}

/// `claims.json` and its later pages, each written into `sink` a batch of
/// claims at a time.
pub(crate) fn write(dossier: &Dossier, urls: &Urls<'_>, sink: &dyn Sink) -> Result<()> {
    let claims: Vec<&Claim> = dossier.claims.values().collect();
    let pages = pages(&claims);
    for (number, page) in (1..).zip(&pages) {
        let items = || {
            page.chunks(ITEMS_AT_A_TIME).flat_map(|batch| {
                batch
                    .par_iter()
                    .map(|c| entry(dossier, urls, c))
                    .collect::<Vec<_>>()
            })
        };
        let shell = Shell::of(&shell(dossier, urls, number, pages.len()));
        sink.put_streamed(page_file(FILE, number).into(), &mut |out| {
            write_json_with_items(out, &shell, items())
        })?;
    }
    Ok(())
}

/// `claims.json` and its later pages, by site path, from every claim's
/// [`entry`], kept by id.
pub(crate) fn joined(
    dossier: &Dossier,
    urls: &Urls<'_>,
    entries: &BTreeMap<Id, Arc<str>>,
) -> Vec<(String, Joined)> {
    let entries: Vec<&Arc<str>> = entries.values().collect();
    let pages = pages(&entries);
    (1..)
        .zip(&pages)
        .map(|(number, page)| {
            let shell = shell(dossier, urls, number, pages.len());
            let items = page.iter().map(|entry| Arc::clone(entry)).collect();
            (page_file(FILE, number), Joined::new(&shell, items))
        })
        .collect()
}

/// `items` cut into pages of [`PAGE_SIZE`]; one empty page for none.
fn pages<T>(items: &[T]) -> Vec<&[T]> {
    match items.is_empty() {
        true => vec![items],
        false => items.chunks(PAGE_SIZE).collect(),
    }
}

/// Page `number` of `count`, its claims standing for [`ITEMS`]; every
/// page says where it is among them, so that a reader of any page finds
/// the others.
fn shell(dossier: &Dossier, urls: &Urls<'_>, number: usize, count: usize) -> Value {
    let link = |n: usize| {
        (1..=count)
            .contains(&n)
            .then(|| urls.file(&page_file(FILE, n)))
    };
    json!({
        "$schema": urls.file(SCHEMA_FILE),
        "version": VERSION,
        "dossier": dossier.config.book.title,
        "url": urls.page(&PagePath::home()),
        "total": dossier.claims.len(),
        "page": number,
        "pages": count,
        "prev": link(number - 1),
        "next": link(number + 1),
        "claims": ITEMS,
    })
}

/// A claim's entry in `claims.json`, pretty-printed and indented.
pub(crate) fn entry(dossier: &Dossier, urls: &Urls<'_>, c: &Claim) -> String {
    pretty_at(&claim(dossier, urls, c), CLAIM_INDENT)
}

/// A claim's entry: its fields declared in their keys' byte order, the
/// order a map of them would be written in (the format's order since
/// version 1), borrowing the dossier's text rather than copying it into a
/// tree of values.
#[derive(Serialize)]
struct Entry<'d> {
    appearances: Vec<AppearanceEntry<'d>>,
    claimant: Option<Claimant<'d>>,
    events: &'d [Id],
    id: &'d Id,
    note: Option<&'d str>,
    related: &'d [Id],
    sources: Vec<SourceEntry<'d>>,
    title: &'d str,
    url: String,
    verdict: &'static str,
}

/// One appearance in a claim's entry.
#[derive(Serialize)]
struct AppearanceEntry<'d> {
    article: &'d Id,
    outlet: Option<&'d str>,
    published: String,
    quote: &'d str,
    title: &'d str,
    url: String,
}

/// Who makes the claim.
#[derive(Serialize)]
struct Claimant<'d> {
    id: &'d Id,
    name: &'d str,
}

/// One of the claim's sources.
#[derive(Serialize)]
struct SourceEntry<'d> {
    date: Option<String>,
    publisher: Option<&'d str>,
    title: &'d str,
    url: Option<&'d str>,
}

fn claim<'d>(dossier: &'d Dossier, urls: &Urls<'_>, claim: &'d Claim) -> Entry<'d> {
    let appearances = claim
        .appearances
        .iter()
        .map(|a| {
            let article = &dossier.articles[&a.article];
            let page = PagePath::item(ItemKind::Article, &a.article);
            AppearanceEntry {
                article: &a.article,
                outlet: article.meta.outlet.as_deref(),
                published: article.meta.published.iso(),
                quote: &article.text_of(a.part)[a.range.clone()],
                title: &article.meta.title,
                url: format!("{}#{}", urls.page(&page), a.quote_anchor(&claim.id)),
            }
        })
        .collect();
    let sources = claim
        .sources
        .iter()
        .map(|s| SourceEntry {
            date: s.date.map(|d| d.iso()),
            publisher: s.publisher.as_deref(),
            title: &s.title,
            url: s.url.as_deref(),
        })
        .collect();
    Entry {
        appearances,
        claimant: claim.claimant.as_ref().map(|e| Claimant {
            id: e,
            name: &dossier.entities[e].name,
        }),
        events: &claim.events,
        id: &claim.id,
        note: claim.note.as_deref(),
        related: &claim.related,
        sources,
        title: &claim.title,
        url: urls.page(&PagePath::item(ItemKind::Claim, &claim.id)),
        verdict: claim.verdict.key(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_is_json_and_names_this_version() {
        let schema: Value = serde_json::from_slice(&schema().contents).unwrap();
        assert_eq!(schema["properties"]["version"]["const"], json!(VERSION));
    }
}
