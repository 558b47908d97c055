//! What `serve` needs beyond a whole render, fenced off here: rendering
//! list sections again only where they changed, and joining the exports
//! from the entries it keeps per item, so that an edit re-renders only
//! what it affects (see [`crate::incremental`]).

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use super::exports::annotations::{KeptAnnotations, PageQuote};
use super::exports::search::SearchEntries;
use super::exports::{self, Joined};
use super::memo::{Edited, ListPages, Memo};
use super::page::Renderer;
use super::prepared::{Prepared, Selection, put_all};
use super::sink::Sink;
use crate::error::Result;
use crate::id::Id;
use crate::vocabulary::Section;

impl Prepared<'_> {
    /// [`Prepared::lists`] after an edit, `previous` being the record of
    /// the last render, before the edit, and `edited` what the edit
    /// changed. Skips the `unchanged` sections (those showing nothing the
    /// edit touched) and, in the others, the pages of items that hold the
    /// same unchanged items as before and the pages whose template and
    /// context hash as `previous` recorded; the caller keeps the files of
    /// all. Returns the record to compare with next time.
    pub fn lists_since(
        &self,
        sink: &dyn Sink,
        previous: &ListPages,
        unchanged: &[Section],
        edited: &dyn Edited,
    ) -> Result<ListPages> {
        let memo = Memo::new(previous, unchanged, edited);
        let sections = self.lists_and_redirects(&Renderer {
            memo: Some(&memo),
            ..self.with(sink)
        })?;
        Ok(memo.into_list_pages(sections))
    }

    /// What [`Prepared::exports`] renders, the search index being joined
    /// from `search` and the sitemap from `sitemap`, every page's entry
    /// ([`Prepared::sitemap_entry`]) in the order of their paths, which a
    /// caller that keeps the exports' items (as for
    /// [`Prepared::joined_exports`]) keeps too. The search index's files
    /// that would be as `search` last put them are left out, and so is
    /// `timeline.json` unless `make_timeline` (the caller knows whether
    /// what it shows, [`SHOWN_BY_TIMELINE_JSON`](super::SHOWN_BY_TIMELINE_JSON),
    /// changed); returns the site paths of the files left out, for the
    /// caller to keep.
    pub fn short_exports(
        &self,
        sink: &dyn Sink,
        search: &mut SearchEntries,
        sitemap: &[&str],
        make_timeline: bool,
    ) -> Result<Vec<String>> {
        // The search index is one of the exports made side by side, each
        // behind a shared closure.
        let search = Mutex::new((search, Vec::new()));
        let put_search = || {
            let mut search = search.lock().unwrap_or_else(|e| e.into_inner());
            search.1 = search.0.put(sink)?;
            Ok(())
        };
        let urls = self.shared.urls();
        let put_sitemap = || put_all(sink, exports::sitemap::files(sitemap.iter(), &urls));
        self.short_exports_with(sink, &put_search, &put_sitemap, make_timeline)?;
        let (_, mut left) = search.into_inner().unwrap_or_else(|e| e.into_inner());
        if !make_timeline {
            left.push(exports::timeline::FILE.to_owned());
        }
        Ok(left)
    }

    /// The pages of `claims.json` and of `annotations.jsonld`, by site path,
    /// from the items an earlier render kept: every article's annotations
    /// ([`Prepared::kept_annotations`]) and every claim's entry
    /// ([`Prepared::claim_entries`]).
    pub fn joined_exports(
        &self,
        annotations: &BTreeMap<Id, KeptAnnotations>,
        claims: &BTreeMap<Id, Arc<str>>,
    ) -> Vec<(String, Joined)> {
        let urls = self.shared.urls();
        let mut joined = exports::claims::joined(self.shared.dossier, &urls, claims);
        joined.extend(exports::annotations::joined(
            self.shared.dossier,
            &urls,
            annotations,
        ));
        joined
    }

    /// The annotations of each article whose passages are `quotes`
    /// (`ItemPages::quotes`), as `serve` keeps them for
    /// [`Prepared::joined_exports`].
    pub fn kept_annotations(
        &self,
        quotes: BTreeMap<Id, Vec<PageQuote>>,
    ) -> BTreeMap<Id, KeptAnnotations> {
        let urls = self.shared.urls();
        let strings = &self.shared.views.strings;
        quotes
            .into_par_iter()
            .map(|(slug, quotes)| {
                let kept =
                    KeptAnnotations::new(self.shared.dossier, &urls, strings, &slug, &quotes);
                (slug, kept)
            })
            .collect()
    }

    /// The search index's entries for the selected items (for all without
    /// a selection).
    pub fn search_entries(&self, selection: Option<&Selection>) -> SearchEntries {
        SearchEntries::of(self.shared.dossier, &self.shared.views.strings, selection)
    }

    /// The entries in `claims.json` of the selected claims (of all claims
    /// without a selection), for a later [`Prepared::joined_exports`].
    pub fn claim_entries(&self, selection: Option<&Selection>) -> BTreeMap<Id, Arc<str>> {
        let urls = self.shared.urls();
        self.shared
            .dossier
            .claims
            .par_iter()
            .filter(|(id, _)| selection.is_none_or(|s| s.claims.contains(*id)))
            .map(|(id, c)| {
                let entry = exports::claims::entry(self.shared.dossier, &urls, c);
                (id.clone(), Arc::from(entry))
            })
            .collect()
    }
}
