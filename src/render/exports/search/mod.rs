//! The search index: every report, claim, event and entity, with their
//! text (a report's body, the quotes, every note) cut into passages, so
//! that a reader finds a passage by its words and the result shows it.
//!
//! Each item is analysed into a [`Document`] (see [`words`] for how text
//! becomes words), and the documents are written as the sharded index
//! [`index`] describes: a reader's query loads the few shards of its words
//! and the chunks of the results it shows, never the whole index.

mod changed;
mod index;
mod order;
mod script;
mod words;

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use rustc_hash::FxHashSet;

use crate::dossier::{Article, Claim, Dossier, Entity, Event};
use crate::error::Result;
use crate::escape;
use crate::id::Id;
use crate::markdown::{self, BlockAnchor};
use crate::render::model::VerdictView;
use crate::render::strings::Strings;
use crate::render::{Selection, Sink};
use crate::urls::PagePath;
use crate::vocabulary::ItemKind;

use changed::{Touched, Written};
use index::{Chunks, Document, Postings};

/// How many documents are analysed at a time, in parallel, when the index
/// is written straight from the dossier.
const DOCUMENTS_AT_A_TIME: usize = 1024;

/// The search index's documents, each under its item, in the index's
/// order: reports, claims, events, then entities, each by id; and, for the
/// whole dossier, their words' postings. `serve` keeps them from one update
/// to the next, analyses again only the items an edit affects and updates
/// only the postings of the words that changed, and puts again only the
/// index's files that changed (`changed.rs`).
#[derive(Default)]
pub struct SearchEntries {
    documents: BTreeMap<(ItemKind, Id), Document>,
    /// The postings of all of `documents`; `None` for a selection's.
    postings: Option<Postings>,
    /// The index's files as last put, if the documents have kept their
    /// numbers since.
    written: Option<Written>,
    /// The documents whose entries changed since the last put.
    touched: FxHashSet<u32>,
}

impl std::fmt::Debug for SearchEntries {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchEntries")
            .field("documents", &self.documents.len())
            .finish_non_exhaustive()
    }
}

impl SearchEntries {
    /// The documents of the selected items of `dossier` (of all, with
    /// their postings, without a selection), analysed in parallel: at
    /// 10,000 articles the index holds 65,000 of them.
    pub(in crate::render) fn of(
        dossier: &Dossier,
        strings: &Strings,
        selection: Option<&Selection>,
    ) -> SearchEntries {
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
            .map(|((kind, id), item)| ((kind, id.clone()), item.document(dossier, strings)));
        let mut entries = SearchEntries {
            documents: entries.collect(),
            ..SearchEntries::default()
        };
        if selection.is_none() {
            entries.index_all();
        }
        entries
    }

    /// Takes in the documents analysed again after an edit to the dossier,
    /// which is now `dossier`, and drops those of the items it no longer
    /// has (unless the caller knows it has `same_items` as before, though
    /// some differ). While no item comes or goes, every document keeps its
    /// number and only the words that changed are moved in the postings;
    /// otherwise they are made again.
    pub fn refresh(&mut self, dossier: &Dossier, fresh: SearchEntries, mut same_items: bool) {
        if !same_items {
            let before = self.documents.len();
            self.documents.retain(|(kind, id), _| match kind {
                ItemKind::Article => dossier.articles.contains_key(id),
                ItemKind::Claim => dossier.claims.contains_key(id),
                ItemKind::Event => dossier.events.contains_key(id),
                ItemKind::Entity => dossier.entities.contains_key(id),
            });
            same_items = self.documents.len() == before;
        }
        let mut changed = BTreeMap::new();
        for (item, document) in fresh.documents {
            match self.documents.insert(item.clone(), document) {
                Some(old) => {
                    changed.insert(item, old);
                }
                None => same_items = false,
            }
        }
        match self.postings.as_mut() {
            Some(postings) if same_items => {
                for (n, (item, document)) in (0u32..).zip(&self.documents) {
                    let Some(old) = changed.get(item) else {
                        continue;
                    };
                    if old.shown != document.shown {
                        self.touched.insert(n);
                    }
                    if old.words != document.words {
                        postings.update(n, old, document);
                    }
                }
            }
            _ => self.index_all(),
        }
    }

    /// Makes the postings of every document, each key's entry encoded.
    fn index_all(&mut self) {
        let mut postings = Postings::default();
        for document in self.documents.values() {
            postings.add(document);
        }
        postings.encode();
        self.postings = Some(postings);
        self.written = None;
        self.touched.clear();
    }

    /// Puts the index of these documents into `sink`, but for the files
    /// that would be as the last put left them; returns their site paths,
    /// for the caller to keep.
    pub fn put(&mut self, sink: &dyn Sink) -> Result<Vec<String>> {
        let postings = self
            .postings
            .as_mut()
            .expect("the whole dossier's entries are indexed");
        let touched = Touched {
            documents: std::mem::take(&mut self.touched),
            keys: postings.take_touched(),
        };
        let documents: Vec<&Document> = self.documents.values().collect();
        let before = self.written.as_ref();
        match changed::put(sink, &documents, postings, before, &touched) {
            Ok((written, kept)) => {
                self.written = Some(written);
                Ok(kept)
            }
            Err(e) => {
                // What changed is forgotten: the next put writes all.
                self.written = None;
                Err(e)
            }
        }
    }
}

/// Puts the search index of the whole of `dossier` into `sink`, analysing
/// its items a batch at a time (in the order [`SearchEntries`] keeps them)
/// rather than holding every document: their text is the dossier's. Each
/// batch's documents go into the postings, one by one, while the next
/// batch is analysed in parallel: taking them in was a third of the
/// index's time, with the other threads idle.
pub(in crate::render) fn put_index(
    dossier: &Dossier,
    strings: &Strings,
    sink: &dyn Sink,
) -> Result<()> {
    let items: Vec<Item<'_>> = (dossier.articles.values().map(Item::Report))
        .chain(dossier.claims.values().map(Item::Claim))
        .chain(dossier.events.values().map(Item::Event))
        .chain(dossier.entities.values().map(Item::Entity))
        .collect();
    let analysed = |batch: &[Item<'_>]| -> Vec<Document> {
        batch
            .par_iter()
            .map(|item| item.document(dossier, strings))
            .collect()
    };
    let mut postings = Postings::default();
    let mut chunks = Chunks::new(sink);
    let mut take_in = |documents: &[Document]| -> Result<()> {
        for document in documents {
            postings.add(document);
            chunks.add(document)?;
        }
        Ok(())
    };
    let mut batches = items.chunks(DOCUMENTS_AT_A_TIME);
    let mut documents = batches.next().map(analysed).unwrap_or_default();
    for batch in batches {
        let (taken, next) = rayon::join(|| take_in(&documents), || analysed(batch));
        taken?;
        documents = next;
    }
    take_in(&documents)?;
    let chunks = chunks.finish()?;
    index::put_index(sink, &postings, postings.put(sink)?, chunks)
}

/// An item the index has a document for.
#[derive(Clone, Copy)]
enum Item<'d> {
    Report(&'d Article),
    Claim(&'d Claim),
    Event(&'d Event),
    Entity(&'d Entity),
}

impl Item<'_> {
    /// The item's document, its kind, verdict and dates in the words of
    /// `strings` (the dossier's language).
    fn document(self, dossier: &Dossier, strings: &Strings) -> Document {
        let raw_html = dossier.config.markdown.raw_html;
        let note = |markdown: &str| markdown::visible_text(markdown, raw_html);
        match self {
            Item::Report(article) => {
                let meta = &article.meta;
                let published = strings.date(meta.published.date);
                let mut found = Found::new(
                    strings.get("item-report"),
                    &meta.title,
                    PagePath::item_href(ItemKind::Article, &article.slug),
                    match &meta.outlet {
                        Some(outlet) => format!("{outlet}, {published}"),
                        None => published,
                    },
                );
                // The byline heads the page, so a result that found it
                // shows it, linked to the page's top.
                found.passages(meta.byline.as_deref().unwrap_or_default());
                found.body(&article.text, &article.blocks);
                found.passages(&note(meta.note.as_deref().unwrap_or_default()));
                found.document()
            }
            Item::Claim(claim) => {
                let mut found = Found::new(
                    strings.get("item-claim"),
                    &claim.title,
                    PagePath::item_href(ItemKind::Claim, &claim.id),
                    VerdictView::new(claim.verdict, strings).label,
                );
                for appearance in claim.appearances.iter() {
                    let article = &dossier.articles[&appearance.article];
                    found.passages(&article.text_of(appearance.part)[appearance.range.clone()]);
                }
                found.passages(&note(claim.note.as_deref().unwrap_or_default()));
                for remark in claim.appearances.iter().filter_map(|a| a.note.as_deref()) {
                    found.passages(&note(remark));
                }
                found.document()
            }
            Item::Event(event) => {
                let mut found = Found::new(
                    strings.get("item-event"),
                    &event.title,
                    PagePath::item_href(ItemKind::Event, &event.id),
                    match event.end {
                        Some(end) => {
                            format!("{} – {}", strings.date(event.date), strings.date(end))
                        }
                        None => strings.date(event.date),
                    },
                );
                found.passages(&note(event.note.as_deref().unwrap_or_default()));
                found.document()
            }
            Item::Entity(entity) => {
                let mut found = Found::new(
                    strings.get(entity.kind.string_key()),
                    &entity.name,
                    PagePath::item_href(ItemKind::Entity, &entity.id),
                    String::new(),
                );
                found.passages(&note(entity.description.as_deref().unwrap_or_default()));
                found.document()
            }
        }
    }
}

/// A document being made: what its result shows, and its words.
struct Found<'d> {
    kind: &'d str,
    title: &'d str,
    href: String,
    meta: String,
    passages: Vec<(&'d str, String)>,
    words: String,
}

impl<'d> Found<'d> {
    /// A document found by the words of its title (always its first
    /// passage of words, even if it has none) and of `meta`, the line
    /// under it.
    fn new(kind: &'d str, title: &'d str, href: String, meta: String) -> Found<'d> {
        let mut words = String::new();
        words::push_words(&mut words, title);
        words.push('\n');
        let mut found = Found {
            kind,
            title,
            href,
            meta: String::new(),
            passages: Vec::new(),
            words,
        };
        found.searched(&meta);
        found.meta = meta;
        found
    }

    /// Takes in words the item is found by, as a passage of their own
    /// that no result shows (the line under the title) unless the caller
    /// shows it.
    fn searched(&mut self, text: &str) {
        let before = self.words.len();
        words::push_words(&mut self.words, text);
        if self.words.len() > before {
            self.words.push('\n');
        }
    }

    /// Each line of `text` as a passage, linked to the item's page itself.
    fn passages(&mut self, text: &str) {
        for line in text.lines() {
            self.passage("", line);
        }
    }

    /// `line`, trimmed, as a passage linked to `anchor` (a passage found
    /// by its words and shown), unless it is blank.
    fn passage(&mut self, anchor: &'d str, line: &str) {
        let line = line.trim();
        if !line.is_empty() {
            self.searched(line);
            self.passages.push((anchor, line.to_owned()));
        }
    }

    /// Each line of a report's visible `text` as a passage, linked to the
    /// paragraph or heading it is in (or the last one before it: a list
    /// item's).
    fn body(&mut self, text: &'d str, blocks: &'d [BlockAnchor]) {
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            let within = blocks.partition_point(|b| b.at <= start);
            let anchor = within.checked_sub(1).map_or("", |i| blocks[i].id.as_str());
            start += line.len();
            self.passage(anchor, line);
        }
    }

    fn document(self) -> Document {
        let shown = (
            self.kind,
            self.title,
            &self.href,
            &self.meta,
            &self.passages,
        );
        Document {
            shown: escape::json_in_script(&shown),
            words: self.words,
        }
    }
}
