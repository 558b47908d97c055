//! The search index: every report, claim, event and entity with the words a
//! reader would look for. It is written as a script that sets one global
//! rather than as JSON, because browsers refuse `fetch()` from the file
//! system and the dossier must work opened straight from disk.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

use rayon::prelude::*;
use serde::Serialize;

use crate::dossier::{Article, Claim, Dossier, Entity, Event};
use crate::error::Result;
use crate::escape;
use crate::id::Id;
use crate::render::{OutputFile, Selection, Sink};
use crate::urls::PagePath;
use crate::vocabulary::ItemKind;

/// The index's place in the site.
const INDEX_FILE: &str = "search/index.js";

/// How many entries of the index are made at a time, in parallel, when it
/// is written straight from the dossier.
const ENTRIES_AT_A_TIME: usize = 1024;

/// One thing a reader can find.
#[derive(Debug, Serialize)]
struct Entry<'d> {
    /// "Report", "Claim", "Event" or the entity's kind.
    kind: &'static str,
    /// What the result shows and ranks first.
    title: &'d str,
    /// The page, relative to the site root.
    href: String,
    /// A line under the title: date, outlet or verdict.
    meta: String,
    /// More words to match (quotes, outlets), not shown.
    text: String,
}

/// The search index's entries, each serialised and kept under its item, in
/// the index's order: reports, claims, events, then entities, each by id.
/// `serve` keeps them from one update to the next and makes again only
/// those of the items an edit affects.
#[derive(Debug, Default, Clone)]
pub struct SearchEntries(BTreeMap<(ItemKind, Id), String>);

impl SearchEntries {
    /// The entries of the selected items of `dossier` (of all without a
    /// selection), made and serialised in parallel: at 10,000 articles the
    /// index holds 65,000 of them.
    pub(in crate::render) fn of(dossier: &Dossier, selection: Option<&Selection>) -> SearchEntries {
        let wanted = |set: fn(&Selection) -> &BTreeSet<Id>, id: &Id| {
            selection.is_none_or(|s| set(s).contains(id))
        };
        let articles = dossier.articles.par_iter();
        let articles = articles.filter(|(slug, _)| wanted(|s| &s.articles, slug));
        let claims = dossier.claims.par_iter();
        let claims = claims.filter(|(id, _)| wanted(|s| &s.claims, id));
        let events = dossier.events.par_iter();
        let events = events.filter(|(id, _)| wanted(|s| &s.events, id));
        let entities = dossier.entities.par_iter();
        let entities = entities.filter(|(id, _)| wanted(|s| &s.entities, id));
        let entries = articles
            .map(|(slug, article)| ((ItemKind::Article, slug), Item::Report(article)))
            .chain(claims.map(|(id, claim)| ((ItemKind::Claim, id), Item::Claim(claim))))
            .chain(events.map(|(id, event)| ((ItemKind::Event, id), Item::Event(event))))
            .chain(entities.map(|(id, entity)| ((ItemKind::Entity, id), Item::Entity(entity))))
            .map(|((kind, id), item)| ((kind, id.clone()), item.entry(dossier)));
        SearchEntries(entries.collect())
    }

    /// Takes in the entries made again after an edit to the dossier, which
    /// is now `dossier`, and drops those of the items it no longer has.
    pub fn refresh(&mut self, dossier: &Dossier, fresh: SearchEntries) {
        self.0.retain(|(kind, id), _| match kind {
            ItemKind::Article => dossier.articles.contains_key(id),
            ItemKind::Claim => dossier.claims.contains_key(id),
            ItemKind::Event => dossier.events.contains_key(id),
            ItemKind::Entity => dossier.entities.contains_key(id),
        });
        self.0.extend(fresh.0);
    }

    /// `search/index.js`.
    pub fn file(&self) -> OutputFile {
        let entries: usize = self.0.values().map(|entry| entry.len() + 1).sum();
        let mut contents = Vec::with_capacity(HEAD.len() + entries + TAIL.len());
        write_index(&mut contents, self.0.values()).expect("writing to memory cannot fail");
        OutputFile {
            path: INDEX_FILE.into(),
            contents,
        }
    }
}

/// Puts `search/index.js` for the whole of `dossier` into `sink`, making
/// its entries a batch at a time (in the order [`SearchEntries`] keeps
/// them) rather than holding them all: 21 MB at 10,000 articles.
pub(in crate::render) fn put_index(dossier: &Dossier, sink: &dyn Sink) -> Result<()> {
    let items: Vec<Item<'_>> = (dossier.articles.values().map(Item::Report))
        .chain(dossier.claims.values().map(Item::Claim))
        .chain(dossier.events.values().map(Item::Event))
        .chain(dossier.entities.values().map(Item::Entity))
        .collect();
    let entries = || {
        items.chunks(ENTRIES_AT_A_TIME).flat_map(|batch| {
            batch
                .par_iter()
                .map(|item| item.entry(dossier))
                .collect::<Vec<_>>()
        })
    };
    sink.put_streamed(INDEX_FILE.into(), &mut |out| write_index(out, entries()))
}

/// What the index's script holds before its entries and after them.
const HEAD: &str =
    "// Generated by gloss: what the search page searches.\nwindow.glossSearchIndex = [";
const TAIL: &str = "];\n";

/// Writes the index of `entries`, each an entry serialised.
fn write_index<S: AsRef<str>>(
    out: &mut dyn Write,
    entries: impl Iterator<Item = S>,
) -> io::Result<()> {
    out.write_all(HEAD.as_bytes())?;
    for (i, entry) in entries.enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        out.write_all(entry.as_ref().as_bytes())?;
    }
    out.write_all(TAIL.as_bytes())
}

/// An item the index has an entry for.
#[derive(Clone, Copy)]
enum Item<'d> {
    Report(&'d Article),
    Claim(&'d Claim),
    Event(&'d Event),
    Entity(&'d Entity),
}

impl Item<'_> {
    /// The item's entry, serialised.
    fn entry(self, dossier: &Dossier) -> String {
        match self {
            Item::Report(article) => escape::json_in_script(&report(article)),
            Item::Claim(claim) => escape::json_in_script(&self::claim(dossier, claim)),
            Item::Event(event) => escape::json_in_script(&self::event(event)),
            Item::Entity(entity) => escape::json_in_script(&self::entity(entity)),
        }
    }
}

fn report(article: &Article) -> Entry<'_> {
    let meta = &article.meta;
    Entry {
        kind: "Report",
        title: &meta.title,
        href: PagePath::item_href(ItemKind::Article, &article.slug),
        meta: match &meta.outlet {
            Some(outlet) => format!("{outlet}, {}", meta.published.date.human()),
            None => meta.published.date.human(),
        },
        text: [meta.outlet.as_deref(), meta.byline.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" "),
    }
}

fn claim<'d>(dossier: &'d Dossier, claim: &'d Claim) -> Entry<'d> {
    let quotes = claim
        .appearances
        .iter()
        .map(|a| &dossier.articles[&a.article].text_of(a.part)[a.range.clone()]);
    Entry {
        kind: "Claim",
        title: &claim.title,
        href: PagePath::item_href(ItemKind::Claim, &claim.id),
        meta: claim.verdict.label().to_owned(),
        text: quotes.collect::<Vec<_>>().join(" "),
    }
}

fn event(event: &Event) -> Entry<'_> {
    Entry {
        kind: "Event",
        title: &event.title,
        href: PagePath::item_href(ItemKind::Event, &event.id),
        meta: match event.end {
            Some(end) => format!("{} – {}", event.date.human(), end.human()),
            None => event.date.human(),
        },
        text: String::new(),
    }
}

fn entity(entity: &Entity) -> Entry<'_> {
    Entry {
        kind: entity.kind.label(),
        title: &entity.name,
        href: PagePath::item_href(ItemKind::Entity, &entity.id),
        meta: String::new(),
        text: entity.description.clone().unwrap_or_default(),
    }
}
