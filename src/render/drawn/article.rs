//! `templates/article.html`: a report's page.

use super::{Html, present};
use crate::render::model::ArticleSummary;
use crate::render::page::{Drawn, PageContext};
use crate::render::pages::article::{ArticlePage, NoteView, SicView};
use crate::render::strings::Strings;

impl Drawn for ArticlePage {
    const TEMPLATES: &'static [&'static str] = &["article.html", "base.html", "macros.html"];

    fn draw(cx: &PageContext<'_, Self>, strings: &Strings) -> String {
        let mut html = Html::new(strings);
        html.page(cx, true, |html| html.article(cx.page, &cx.root));
        html.finish()
    }
}

impl Html<'_> {
    fn article(&mut self, page: &ArticlePage, root: &str) {
        self.raw("\n<article class=\"report\"");
        if let Some(language) = present(&page.language) {
            self.raw(" lang=\"").text(language).raw("\"");
        }
        if let Some(direction) = page.direction.filter(|d| !d.is_empty()) {
            self.raw(" dir=\"").text(direction).raw("\"");
        }
        self.raw(">\n<header class=\"report-header\">\n  <p class=\"kicker\">")
            .t("kicker-report")
            .raw("</p>\n  <h1>")
            .raw(&page.title_html)
            .raw("</h1>\n  <dl class=\"report-meta\">\n    <dt>")
            .t("label-outlet")
            .raw("</dt><dd>")
            .or_unrecorded(&page.outlet, "not-recorded")
            .raw("</dd>\n    <dt>")
            .t("label-byline")
            .raw("</dt><dd>")
            .or_unrecorded(&page.byline, "not-recorded")
            .raw("</dd>\n    <dt>")
            .t("label-published")
            .raw("</dt><dd>")
            .date(&page.published)
            .raw("</dd>\n    <dt>")
            .t("label-original")
            .raw("</dt><dd>");
        match present(&page.url) {
            Some(url) => self.outside_link(url, url),
            None => self.unrecorded("url-not-recorded"),
        };
        self.raw("</dd>\n    ");
        if let Some(retrieved) = &page.retrieved {
            self.raw("<dt>")
                .t("label-retrieved")
                .raw("</dt><dd>")
                .date(retrieved)
                .raw("</dd>");
        }
        self.raw("\n  </dl>\n  ");
        if let Some(note) = present(&page.note_html) {
            self.raw("<aside class=\"editor-note\" aria-label=\"")
                .t("editor-note-copy-label")
                .raw("\"><h2>")
                .t("editor-note-copy")
                .raw("</h2>")
                .raw(note)
                .raw("</aside>");
        }
        self.raw("\n</header>\n\n<div class=\"report-body\">\n")
            .raw(&page.body_html)
            .raw("\n</div>\n\n");
        if !page.notes.is_empty() {
            self.raw("\n<section class=\"notes\" id=\"notes\" aria-labelledby=\"notes-heading\" role=\"doc-endnotes\">\n<h2 id=\"notes-heading\">")
                .t("notes-heading")
                .raw("</h2>\n<ol>\n");
            for note in &page.notes {
                self.note(note, root);
            }
            self.raw("\n</ol>\n</section>\n");
        }
        self.raw("\n\n");
        if !page.sics.is_empty() {
            self.sics(&page.sics);
        }
        self.raw("\n<p class=\"source-path\">")
            .t("source-file")
            .raw(" <code>")
            .text(&page.source_path)
            .raw("</code></p>\n</article>\n");
        if page.previous.is_some() || page.next.is_some() {
            self.reports_pager(page.previous.as_ref(), page.next.as_ref(), root);
        }
        self.raw("\n");
    }

    /// A claim's note: its head, where other reports carry it, its events
    /// and the way back to each of its passages.
    fn note(&mut self, note: &NoteView, root: &str) {
        self.raw("\n  <li id=\"")
            .text(&note.id)
            .raw("\" value=\"")
            .number(note.number)
            .raw("\" class=\"note\" tabindex=\"-1\">\n    <p class=\"note-head\">")
            .link(root, &note.claim.href, &note.claim.title)
            .raw(" ")
            .verdict(&note.verdict)
            .raw("</p>\n    ");
        if let Some(claimant) = &note.claimant {
            self.raw("<p class=\"note-claimant\">")
                .t("claimed-by")
                .raw(" ")
                .link(root, &claimant.href, &claimant.title)
                .raw("</p>");
        }
        self.raw("\n    ");
        if let Some(body) = present(&note.note_html) {
            self.raw("<div class=\"note-body\">")
                .raw(body)
                .raw("</div>");
        }
        self.raw("\n    ");
        if !note.elsewhere.is_empty() {
            self.elsewhere(note, root);
        }
        self.raw("\n    ");
        if !note.events.is_empty() {
            self.raw("<p class=\"note-events\">")
                .t("events-label")
                .raw(" ");
            for (i, e) in note.events.iter().enumerate() {
                self.link(root, &e.href, &e.title);
                if i + 1 < note.events.len() {
                    self.raw("; ");
                }
            }
            self.raw("</p>");
        }
        self.raw("\n    <p class=\"backrefs\">");
        let number = note.number.to_string();
        for (i, r) in note.backrefs.iter().enumerate() {
            let index = (i + 1).to_string();
            self.raw("<a href=\"#")
                .text(r)
                .raw("\" aria-label=\"")
                .t_with("back-to-passage", &[("passage", &index), ("note", &number)])
                .raw("\">↩");
            if note.backrefs.len() > 1 {
                self.raw("<sup>").raw(&index).raw("</sup>");
            }
            self.raw("</a> ");
        }
        self.raw("</p>\n  </li>\n");
    }

    /// How the other reports word a note's claim.
    fn elsewhere(&mut self, note: &NoteView, root: &str) {
        self.raw("\n    <details class=\"note-elsewhere\"");
        if note.elsewhere_count < 3 {
            self.raw(" open");
        }
        self.raw(">\n      <summary>")
            .t_count("also-carried", note.elsewhere_count)
            .raw("</summary>\n      <ul>\n      ");
        for w in &note.elsewhere {
            self.raw("\n        <li>")
                .link(root, &w.passage.href, &w.article.link.title)
                .raw(" (");
            match present(&w.article.outlet) {
                Some(outlet) => self.text(outlet),
                None => self.t("outlet-not-recorded"),
            };
            self.raw("): ");
            if w.quote == note.quote {
                self.t("same-wording");
            } else {
                self.quoted(&w.quote);
            }
            self.raw("</li>\n      ");
        }
        if note.elsewhere_unlisted != 0 {
            self.raw("\n        <li><a href=\"")
                .text(root)
                .text(&note.claim.href)
                .raw("#appearances-heading\">")
                .t_count("also-carried-rest", note.elsewhere_unlisted)
                .raw("</a></li>");
        }
        self.raw("\n      </ul>\n    </details>\n    ");
    }

    /// The report's slips, each marked \[sic\] in its text.
    fn sics(&mut self, sics: &[SicView]) {
        self.raw("\n<section class=\"sic-notes\" id=\"slips\" aria-labelledby=\"slips-heading\">\n<h2 id=\"slips-heading\">")
            .t("sic-heading")
            .raw("</h2>\n<p>")
            .t("sic-intro")
            .raw("</p>\n<ul>\n");
        for s in sics {
            self.raw("\n  <li id=\"")
                .text(&s.id)
                .raw("\"><a href=\"#")
                .text(&s.passage_id)
                .raw("\">")
                .quoted(&s.quote)
                .raw("</a>: ")
                .raw(&s.note_html)
                .raw("</li>\n");
        }
        self.raw("\n</ul>\n</section>\n");
    }

    /// The reports published just before and after this one.
    fn reports_pager(
        &mut self,
        previous: Option<&ArticleSummary>,
        next: Option<&ArticleSummary>,
        root: &str,
    ) {
        self.raw("\n<nav class=\"pager\" aria-label=\"")
            .t("reports-in-order")
            .raw("\">\n  ");
        if let Some(previous) = previous {
            self.beside("prev", previous, "earlier-report", root);
        }
        self.raw("\n  ");
        if let Some(next) = next {
            self.beside("next", next, "later-report", root);
        }
        self.raw("\n</nav>\n");
    }

    /// The report published just before or after this one (`rel`), its
    /// title after the words for `label`.
    fn beside(&mut self, rel: &str, report: &ArticleSummary, label: &str, root: &str) {
        self.raw("<a rel=\"")
            .raw(rel)
            .raw("\" href=\"")
            .text(root)
            .text(&report.link.href)
            .raw("\"><span class=\"pager-label\">")
            .t(label)
            .raw("</span> ")
            .text(&report.link.title)
            .raw("</a>");
    }
}
