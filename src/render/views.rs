//! Building the typed views of [`super::model`] from the resolved
//! dossier: the summaries, links and wordings that pages share, made once
//! per build where they can be.

use std::sync::OnceLock;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::fragments;
use super::model::{
    ArticleSummary, ClaimEntry, ClaimSummary, DateView, EventSummary, Link, PassageLink, Quotation,
    SourceView, VerdictView, WordingView,
};
use crate::date::{Moment, PartialDate};
use crate::dossier::{Appearance, Article, Claim, Dossier, Event, Source, Verdict};
use crate::id::Id;
use crate::markdown::{RawHtml, render_fragment};
use crate::render::strings::Strings;
use crate::urls::PagePath;
use crate::vocabulary::ItemKind;

/// Entries and quotations are drawn when they are made, for the page
/// whose way to the site root they are given.
impl ClaimEntry {
    fn new(link: Link, verdict: VerdictView, claimant: Option<Link>, root: &str) -> ClaimEntry {
        let html = fragments::claim_entry(&link, &verdict, claimant.as_ref(), root);
        ClaimEntry {
            link,
            verdict,
            claimant,
            html,
        }
    }
}

impl Quotation {
    /// The wording drawn for a page whose way to the site root is `root`.
    pub fn new(wording: WordingView, root: &str, strings: &Strings) -> Quotation {
        let html = fragments::quotation(&wording, root, strings);
        Quotation { wording, html }
    }
}

/// Builds views from a resolved dossier.
pub struct Views<'d> {
    dossier: &'d Dossier,
    raw_html: RawHtml,
    /// The interface's words in the dossier's language.
    pub strings: std::sync::Arc<crate::render::strings::Strings>,
    /// Articles oldest first, and each one's place in that order.
    chronology: Vec<&'d Article>,
    position: FxHashMap<&'d Id, usize>,
    /// Each report's summary, by its place among the dossier's articles,
    /// made the first time a page asks for it: a report is summarised on
    /// every page that quotes it, and writing out its date in words is
    /// most of the work.
    summaries: Vec<OnceLock<ArticleSummary>>,
}

impl<'d> Views<'d> {
    /// Views over `dossier`.
    pub fn new(
        dossier: &'d Dossier,
        strings: std::sync::Arc<crate::render::strings::Strings>,
    ) -> Self {
        let mut chronology: Vec<&Article> = dossier.articles.values().collect();
        // The order is total, so the sort need not be stable.
        chronology.par_sort_unstable_by(|a, b| a.publication_order(b));
        let position = chronology
            .iter()
            .enumerate()
            .map(|(i, a)| (&a.slug, i))
            .collect();
        Views {
            dossier,
            raw_html: dossier.config.markdown.raw_html,
            strings,
            chronology,
            position,
            summaries: dossier.articles.iter().map(|_| OnceLock::new()).collect(),
        }
    }

    /// The reports published just before and just after `slug`.
    pub fn neighbours(&self, slug: &Id) -> (Option<ArticleSummary>, Option<ArticleSummary>) {
        let i = self.position[slug];
        let summary = |j: usize| {
            self.chronology
                .get(j)
                .map(|a| self.article_summary(&a.slug))
        };
        (i.checked_sub(1).and_then(summary), summary(i + 1))
    }

    /// Link to a claim page.
    pub fn claim_link(&self, id: &Id) -> Link {
        link_to_claim(&self.dossier.claims[id])
    }

    /// A claim for lists.
    pub fn claim_summary(&self, id: &Id) -> ClaimSummary {
        let claim = &self.dossier.claims[id];
        ClaimSummary {
            link: link_to_claim(claim),
            verdict: self.verdict(claim.verdict),
            claimant: claim.claimant.as_ref().map(|e| self.entity_link(e)),
            report_count: report_count(&claim.appearances),
        }
    }

    /// Claims for a list on the page whose way to the site root is
    /// `root`, in the order given.
    pub fn claim_entries<'i>(
        &self,
        ids: impl IntoIterator<Item = &'i Id>,
        root: &str,
    ) -> Vec<ClaimEntry> {
        ids.into_iter()
            .map(|id| {
                let claim = &self.dossier.claims[id];
                let claimant = claim.claimant.as_ref().map(|e| self.entity_link(e));
                ClaimEntry::new(
                    link_to_claim(claim),
                    self.verdict(claim.verdict),
                    claimant,
                    root,
                )
            })
            .collect()
    }

    /// Link to an entity page.
    pub fn entity_link(&self, id: &Id) -> Link {
        Link {
            href: PagePath::item_href(ItemKind::Entity, id),
            title: self.dossier.entities[id].name.clone(),
        }
    }

    /// Link to an event page.
    pub fn event_link(&self, id: &Id) -> Link {
        link_to_event(id, &self.dossier.events[id])
    }

    /// An event for lists.
    pub fn event_summary(&self, id: &Id) -> EventSummary {
        let event: &Event = &self.dossier.events[id];
        EventSummary {
            link: link_to_event(id, event),
            date: self.date(event.date),
            end: event.end.map(|d| self.date(d)),
        }
    }

    /// A report for lists.
    pub fn article_summary(&self, slug: &Id) -> ArticleSummary {
        let (at, article) = self.report(slug);
        self.summary(at, article)
    }

    /// The report `slug`, with its place among the dossier's articles.
    fn report(&self, slug: &Id) -> (usize, &'d Article) {
        self.dossier
            .articles
            .get_full(slug)
            .expect("a resolved dossier's reports")
    }

    /// The summary of `article`, the `at`th of the dossier's articles.
    fn summary(&self, at: usize, article: &Article) -> ArticleSummary {
        self.summaries[at]
            .get_or_init(|| self.summarise(article))
            .clone()
    }

    fn summarise(&self, article: &Article) -> ArticleSummary {
        ArticleSummary {
            link: Link {
                href: PagePath::item_href(ItemKind::Article, &article.slug),
                title: article.meta.title.clone(),
            },
            outlet: article.meta.outlet.clone(),
            published: self.moment(article.meta.published),
        }
    }

    /// One appearance of `claim`, in its sentence.
    pub fn wording(&self, claim: &Claim, appearance: &Appearance) -> WordingView {
        let (at, article) = self.report(&appearance.article);
        let text = article.text_of(appearance.part);
        let (sentence, range) = (&appearance.sentence, &appearance.range);
        let before = text[sentence.start..range.start].to_owned();
        let quote = text[range.clone()].to_owned();
        let after = text[range.end..sentence.end].to_owned();
        let (article_summary, passage) = self.passage(claim, appearance, at, article);
        WordingView {
            passage,
            article: article_summary,
            before,
            quote,
            after,
            note_html: self.markdown_opt(
                appearance.note.as_deref(),
                &format!("{}-{}", claim.id, appearance.article),
                &PagePath::item(ItemKind::Claim, &claim.id),
            ),
            original: article
                .meta
                .url
                .as_ref()
                .map(|url| text_fragment_link(url, text, appearance.range.clone())),
        }
    }

    /// A report's passage of `claim` as a link, with its words: less than
    /// [`Views::wording`] works out, for a page that lists the passages.
    pub fn passage_link(&self, claim: &Claim, appearance: &Appearance) -> PassageLink {
        let (at, article) = self.report(&appearance.article);
        let (article_summary, passage) = self.passage(claim, appearance, at, article);
        PassageLink {
            article: article_summary,
            passage,
            quote: article.text_of(appearance.part)[appearance.range.clone()].to_owned(),
        }
    }

    /// The report an appearance of `claim` is in (`article`, the `at`th),
    /// and the link to it.
    fn passage(
        &self,
        claim: &Claim,
        appearance: &Appearance,
        at: usize,
        article: &Article,
    ) -> (ArticleSummary, Link) {
        let summary = self.summary(at, article);
        let passage = Link {
            href: format!(
                "{}#{}",
                summary.link.href,
                appearance.quote_anchor(&claim.id)
            ),
            title: summary.link.title.clone(),
        };
        (summary, passage)
    }

    /// A source of the claim `claim`.
    pub fn source(&self, claim: &Id, source: &Source, namespace: &str) -> SourceView {
        let home = PagePath::item(ItemKind::Claim, claim);
        SourceView {
            title: source.title.clone(),
            publisher: source.publisher.clone(),
            url: source.url.clone(),
            date: source.date.map(|d| self.date(d)),
            note_html: self.markdown_opt(source.note.as_deref(), namespace, &home),
        }
    }

    /// The dossier's articles, oldest first (ties by slug).
    pub fn articles_by_date(&self) -> Vec<&'d Article> {
        self.chronology.clone()
    }

    /// Summaries of the dossier's articles, oldest first.
    pub fn article_summaries(&self) -> Vec<ArticleSummary> {
        self.articles_by_date()
            .iter()
            .map(|a| self.article_summary(&a.slug))
            .collect()
    }
}

/// The link to `claim`'s page, titled with it: [`Views::claim_link`] for
/// a claim at hand, without looking it up again.
pub fn link_to_claim(claim: &Claim) -> Link {
    Link {
        href: PagePath::item_href(ItemKind::Claim, &claim.id),
        title: claim.title.clone(),
    }
}

/// The link to the page of `event`, whose id is `id`.
fn link_to_event(id: &Id, event: &Event) -> Link {
    Link {
        href: PagePath::item_href(ItemKind::Event, id),
        title: event.title.clone(),
    }
}

/// In how many distinct reports a claim appears, wherever the annotation
/// lists each report's appearances (a claim has a handful).
fn report_count(appearances: &[Appearance]) -> usize {
    let first_in_report =
        |(i, a): &(usize, &Appearance)| !appearances[..*i].iter().any(|b| b.article == a.article);
    appearances
        .iter()
        .enumerate()
        .filter(first_in_report)
        .count()
}

/// Characters a text directive must escape: everything but unreserved
/// characters, and `-`, `,` and `&`, which the directive's syntax uses.
const TEXT_DIRECTIVE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'.').remove(b'_').remove(b'~');

/// How many words of context the text directive carries on each side.
const DIRECTIVE_CONTEXT_WORDS: usize = 3;

/// `url#:~:text=prefix-,exact,-suffix`: a link that scrolls to and
/// highlights the passage in the original, in browsers that support text
/// fragments (and opens the page in those that do not). The prefix and
/// suffix are taken from the passage's own paragraph: the original page
/// has more between its paragraphs than the dossier's copy (an
/// advertisement, a caption, "Read more"), and a browser finds nothing
/// when a prefix and the passage are apart.
pub fn text_fragment_link(url: &str, text: &str, range: std::ops::Range<usize>) -> String {
    let before = &text[..range.start];
    let before = before.rsplit_once('\n').map_or(before, |(_, line)| line);
    let after = &text[range.end..];
    let after = after.split_once('\n').map_or(after, |(line, _)| line);
    // The words next to the passage only: a paragraph can be long, and
    // each wording of each passage takes a link.
    let mut prefix: Vec<&str> = (before.split_whitespace().rev())
        .take(DIRECTIVE_CONTEXT_WORDS)
        .collect();
    prefix.reverse();
    let mut suffix = after
        .split_whitespace()
        .take(DIRECTIVE_CONTEXT_WORDS)
        .peekable();
    let base = url.split_once('#').map_or(url, |(base, _)| base);
    // Written straight into the link: it is made for every wording on
    // every page that shows one.
    let mut link = String::with_capacity(base.len() + 3 * (range.len() + 64));
    link.push_str(base);
    link.push_str("#:~:text=");
    if !prefix.is_empty() {
        push_directive_words(&mut link, prefix.into_iter());
        link.push_str("-,");
    }
    push_directive_words(&mut link, text[range].split_whitespace());
    if suffix.peek().is_some() {
        link.push_str(",-");
        push_directive_words(&mut link, suffix);
    }
    link
}

/// Appends `words` to a text directive, escaped, a space (`%20`) between
/// each two: the words of a passage written on one line.
fn push_directive_words<'w>(directive: &mut String, words: impl Iterator<Item = &'w str>) {
    for (i, word) in words.enumerate() {
        if i > 0 {
            directive.push_str("%20");
        }
        directive.extend(utf8_percent_encode(word, TEXT_DIRECTIVE));
    }
}

impl Views<'_> {
    /// A verdict's badge in the dossier's language.
    pub fn verdict(&self, v: Verdict) -> VerdictView {
        VerdictView::new(v, &self.strings)
    }

    /// A date in the dossier's language.
    pub fn date(&self, d: PartialDate) -> DateView {
        DateView::of_date(d, &self.strings)
    }

    /// A moment in the dossier's language.
    pub fn moment(&self, m: Moment) -> DateView {
        DateView::of_moment(m, &self.strings)
    }

    /// Renders a note, description or introduction; `namespace` keeps its
    /// footnote ids apart from others on the page, and `home` is the note's
    /// own page, from which its relative links are read.
    pub fn markdown(&self, markdown: &str, namespace: &str, home: &PagePath) -> String {
        render_fragment(markdown, namespace, self.raw_html, home.dir())
    }

    /// Renders optional Markdown.
    pub fn markdown_opt(
        &self,
        markdown: Option<&str>,
        namespace: &str,
        home: &PagePath,
    ) -> Option<String> {
        markdown.map(|m| self.markdown(m, namespace, home))
    }

    /// Renders the body of the article `slug` with its marks.
    pub fn article_body(&self, slug: &Id, body: &str, marks: &[crate::markdown::Mark]) -> String {
        let home = PagePath::item(ItemKind::Article, slug);
        let label = self.strings.get("paragraph-link");
        crate::markdown::render_article(body, marks, self.raw_html, home.dir(), label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_fragments_escape_their_syntax() {
        let text =
            "He said: the U.S. accusation is purely ungrounded, with ulterior motives - truly.";
        let start = text.find("the U.S.").unwrap();
        let end = text.find(", with").unwrap();
        let link = text_fragment_link("https://e.org/a#top", text, start..end);
        assert_eq!(
            link,
            "https://e.org/a#:~:text=He%20said%3A-,the%20U.S.%20accusation%20is%20purely%20ungrounded,-%2C%20with%20ulterior"
        );
    }

    #[test]
    fn text_fragments_carry_the_three_words_on_each_side_of_a_long_text() {
        let filler = "word ".repeat(5000);
        let text = format!("{filler}one two  three QUOTE four\tfive six {filler}");
        let start = text.find("QUOTE").unwrap();
        let link = text_fragment_link("u", &text, start..start + 5);
        assert_eq!(
            link,
            "u#:~:text=one%20two%20three-,QUOTE,-four%20five%20six"
        );
        let link = text_fragment_link("u", "QUOTE ab", 0..5);
        assert_eq!(link, "u#:~:text=QUOTE,-ab", "nothing before it");
    }

    #[test]
    fn text_fragments_take_their_context_from_the_passages_paragraph() {
        let text =
            "The mayor spoke on Friday.\nIf the club does not pay, the lease ends.\nShe left.";
        let start = text.find("If the club").unwrap();
        let end = text.find(", the lease").unwrap();
        assert_eq!(
            text_fragment_link("u", text, start..end),
            "u#:~:text=If%20the%20club%20does%20not%20pay,-%2C%20the%20lease"
        );
        let end = text.find(" ends.").unwrap() + " ends.".len();
        let start = text.find("the lease").unwrap();
        assert_eq!(
            text_fragment_link("u", text, start..end),
            "u#:~:text=does%20not%20pay%2C-,the%20lease%20ends."
        );
    }
}
