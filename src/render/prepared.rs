//! A dossier prepared to render: its theme and what every page shares
//! worked out once, rendered whole ([`super::render`]) or in parts, and
//! the item pages, each drawn by its page kind's module.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use super::exports::annotations::PageQuote;
use super::exports::{self, feeds, search, sitemap};
use super::lists;
use super::memo::SectionFiles;
use super::page::{Renderer, Shared};
use super::pages;
use super::redirects;
use super::sink::{OutputFile, Sink};
use super::theme::Theme;
use crate::dossier::Dossier;
use crate::error::Result;
use crate::id::Id;
use crate::urls::PagePath;
use crate::vocabulary::Section;

/// A dossier ready to render, whole ([`super::render`]) or in parts (what `serve`
/// does after an edit): its theme loaded and what every page shares worked
/// out once.
pub struct Prepared<'d> {
    pub(super) shared: Shared<'d>,
}

/// The item pages to render: the ids of the articles, claims, events and
/// entities whose pages are wanted.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Selection {
    /// Article slugs.
    pub articles: BTreeSet<Id>,
    /// Claim ids.
    pub claims: BTreeSet<Id>,
    /// Event ids.
    pub events: BTreeSet<Id>,
    /// Entity ids.
    pub entities: BTreeSet<Id>,
}

/// What rendering item pages yields beyond the files.
#[derive(Debug, Default)]
pub struct ItemPages {
    /// The pages rendered.
    pub paths: Vec<PagePath>,
    /// Where the claims' passages are in each article page rendered, for
    /// `annotations.jsonld`, which only the rendered page can give.
    pub quotes: BTreeMap<Id, Vec<PageQuote>>,
}

impl<'d> Prepared<'d> {
    /// Loads the dossier's theme and prepares to render with it.
    pub fn new(dossier: &'d Dossier) -> Result<Self> {
        Ok(Prepared::with_theme(dossier, Theme::load(dossier)?))
    }

    /// Prepares `dossier` to render with a theme loaded before.
    pub fn with_theme(dossier: &'d Dossier, theme: Theme) -> Self {
        Prepared {
            shared: Shared::new(dossier, theme),
        }
    }

    /// The theme, to prepare the next version of the dossier with.
    pub fn theme(&self) -> Theme {
        self.shared.theme.clone()
    }

    /// A renderer of this dossier's pages into `sink`.
    pub(super) fn with<'s>(&'s self, sink: &'s dyn Sink) -> Renderer<'s> {
        Renderer {
            sink,
            shared: &self.shared,
            memo: None,
        }
    }

    /// Renders the pages of the selected items (all items without a
    /// selection) into `sink`.
    pub fn items(&self, sink: &dyn Sink, selection: Option<&Selection>) -> Result<ItemPages> {
        render_items(self.shared.dossier, &self.with(sink), selection)
    }

    /// Renders the pages that list the whole dossier (the overview, the
    /// search page, the lists and the timeline) and the redirects; returns
    /// the pages' paths.
    pub fn lists(&self, sink: &dyn Sink) -> Result<Vec<PagePath>> {
        let sections = self.lists_and_redirects(&self.with(sink))?;
        Ok(sections.into_values().flat_map(|s| s.pages).collect())
    }

    /// Renders the list sections (but those `r`'s memo keeps) and the
    /// redirects; returns each section's files.
    pub(super) fn lists_and_redirects(
        &self,
        r: &Renderer<'_>,
    ) -> Result<BTreeMap<Section, SectionFiles>> {
        let sections = lists::render(self.shared.dossier, r, &self.shared.views)?;
        let redirects = redirects::render(self.shared.dossier, self.shared.base_url.as_deref());
        put_all(r.sink, redirects)?;
        Ok(sections)
    }

    /// Renders the two longest exports side by side, each straight into
    /// `sink`: `claims.json`, and the pages of `annotations.jsonld` from
    /// every article's passages ([`ItemPages::quotes`]), which a build need
    /// keep no longer.
    pub fn long_exports(
        &self,
        sink: &dyn Sink,
        quotes: &BTreeMap<Id, Vec<PageQuote>>,
    ) -> Result<()> {
        let urls = self.shared.urls();
        let (claims, annotations) = rayon::join(
            || exports::claims::write(self.shared.dossier, &urls, sink),
            || {
                let strings = &self.shared.views.strings;
                exports::annotations::write(
                    self.shared.dossier,
                    &urls,
                    strings,
                    quotes.iter(),
                    sink,
                )
            },
        );
        claims?;
        annotations
    }

    /// Renders the other files for machines and other tools: the search
    /// index, `timeline.json`, the feed, `robots.txt` and the sitemap of
    /// `pages` (every page of the site), side by side, each going to the
    /// sink as soon as it is ready.
    pub fn exports(&self, sink: &dyn Sink, pages: Vec<PagePath>) -> Result<()> {
        let search = || search::put_index(self.shared.dossier, &self.shared.views.strings, sink);
        let urls = self.shared.urls();
        let sitemap = || put_all(sink, sitemap::of_pages(&pages, &urls, self.shared.dossier));
        self.short_exports_with(sink, &search, &sitemap, true)
    }

    /// The short exports, the search index being put into `sink` by
    /// `search` and the sitemap by `sitemap`, and `timeline.json` left out
    /// unless `make_timeline`; the four makers run side by side.
    pub(super) fn short_exports_with(
        &self,
        sink: &dyn Sink,
        search: MakeFiles<'_>,
        sitemap: MakeFiles<'_>,
        make_timeline: bool,
    ) -> Result<()> {
        let urls = self.shared.urls();
        let dossier = self.shared.dossier;
        let strings = &self.shared.views.strings;
        let makers: [MakeFiles<'_>; 4] = [
            search,
            &|| match make_timeline {
                true => exports::timeline::write(dossier, &urls, strings, sink),
                false => Ok(()),
            },
            &|| {
                let files = vec![
                    feeds::feed(dossier, &urls, strings),
                    feeds::corrections(dossier, &urls, strings),
                    feeds::robots(&urls),
                    exports::claims::schema(),
                ];
                put_all(sink, files)
            },
            sitemap,
        ];
        makers.par_iter().try_for_each(|make| make())
    }

    /// The sitemap's entry for `page`, for a caller that keeps each page's
    /// ([`Prepared::short_exports`]); empty when the site has no sitemap.
    pub fn sitemap_entry(&self, page: &PagePath) -> Box<str> {
        if !self.has_sitemap() {
            return Box::default();
        }
        let lastmod = sitemap::last_changed(self.shared.dossier, page);
        sitemap::entry(page, &self.shared.urls(), lastmod).into()
    }

    /// Whether the site has a sitemap, which `base-url` makes possible:
    /// only then do the exports need the path of every page.
    pub fn has_sitemap(&self) -> bool {
        self.shared.base_url.is_some()
    }

    /// Copies the built-in assets and the dossier's `static/` files.
    pub fn assets(&self, sink: &dyn Sink) -> Result<()> {
        for file in self.shared.theme.assets() {
            sink.put(file.clone())?;
        }
        Ok(())
    }
}

/// Makes some files of the site and puts them into a sink.
pub(super) type MakeFiles<'f> = &'f (dyn Fn() -> Result<()> + Sync);

/// Puts each of `files` into `sink`.
pub(super) fn put_all(sink: &dyn Sink, files: Vec<OutputFile>) -> Result<()> {
    files.into_iter().try_for_each(|file| sink.put(file))
}

/// The pages of the selected items, or of all items.
fn render_items(
    dossier: &Dossier,
    r: &Renderer<'_>,
    selection: Option<&Selection>,
) -> Result<ItemPages> {
    let wanted = |set: fn(&Selection) -> &BTreeSet<Id>, id: &Id| {
        selection.is_none_or(|s| set(s).contains(id))
    };
    let articles = dossier.articles.par_iter();
    let articles = articles.filter(|(slug, _)| wanted(|s| &s.articles, slug));
    let articles = articles.map(|(slug, a)| {
        let (path, quotes) = pages::article::render(r, a)?;
        Ok((path, (slug.clone(), quotes)))
    });
    let claims = dossier.claims.par_iter();
    let claims = claims.filter(|(id, _)| wanted(|s| &s.claims, id));
    let claims = claims.map(|(_, c)| pages::claim::render(r, c));
    let events = dossier.events.par_iter();
    let events = events.filter(|(id, _)| wanted(|s| &s.events, id));
    let events = events.map(|(_, e)| pages::event::render(r, e));
    let entities = dossier.entities.par_iter();
    let entities = entities.filter(|(id, _)| wanted(|s| &s.entities, id));
    let entities = entities.map(|(_, e)| pages::entity::render(r, e));
    let (mut paths, quotes): (Vec<PagePath>, BTreeMap<Id, Vec<PageQuote>>) =
        articles.collect::<Result<Vec<_>>>()?.into_iter().unzip();
    paths.extend(claims.collect::<Result<Vec<_>>>()?.concat());
    paths.extend(events.collect::<Result<Vec<_>>>()?.concat());
    paths.extend(entities.collect::<Result<Vec<_>>>()?.concat());
    Ok(ItemPages { paths, quotes })
}
