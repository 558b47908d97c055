//! `templates/claim.html`: a claim's page.

use super::{Html, present};
use crate::render::model::SourceView;
use crate::render::page::{Drawn, PageContext};
use crate::render::pages::claim::{ClaimPage, ComparisonRow, FigureView};
use crate::render::pages::corrections::HistoryView;
use crate::render::quotes::Marks;
use crate::render::strings::Strings;

impl Drawn for ClaimPage {
    const TEMPLATES: &'static [&'static str] = &["claim.html", "base.html", "macros.html"];

    fn draw(cx: &PageContext<'_, Self>, strings: &Strings) -> String {
        let mut html = Html::new(strings);
        html.page(cx, true, |html| html.claim(cx));
        html.finish()
    }
}

impl Html<'_> {
    /// The editor's note on a claim, if there is one.
    pub(super) fn claim_note(&mut self, note: &Option<String>) -> &mut Self {
        if let Some(note) = present(note) {
            self.raw("<section class=\"claim-note\" aria-labelledby=\"editor-note-heading\"><h2 id=\"editor-note-heading\">")
                .t("editor-note")
                .raw("</h2>")
                .raw(note)
                .raw("</section>");
        }
        self
    }

    fn claim(&mut self, cx: &PageContext<'_, ClaimPage>) {
        let (page, root) = (cx.page, cx.root.as_str());
        self.raw("\n<article class=\"claim\">\n<p class=\"breadcrumb\"><a href=\"")
            .text(root)
            .raw("claims/index.html\">")
            .t("section-claims")
            .raw("</a></p>\n<h1>")
            .text(&page.title)
            .raw("</h1>\n<p class=\"claim-verdict\">")
            .t("verdict-label")
            .raw(" ")
            .verdict(&page.verdict)
            .raw(" <span class=\"verdict-explained\">")
            .text(&page.verdict.description)
            .raw("</span></p>\n<p class=\"claim-claimant\">")
            .t("claimed-by")
            .raw(" ");
        match &page.claimant {
            Some(claimant) => self.link(root, &claimant.href, &claimant.title),
            None => self.unrecorded("no-claimant"),
        };
        self.raw("</p>\n").claim_note(&page.note_html);
        self.raw("\n\n<section aria-labelledby=\"appearances-heading\">\n<h2 id=\"appearances-heading\">")
            .t("where-carried")
            .raw("</h2>\n");
        for w in &page.wordings {
            self.wording(w);
        }
        self.raw("\n</section>\n\n");
        if page.wordings.len() > 1 {
            self.comparison(&page.comparison, root);
        }
        self.raw("\n\n");
        self.sources(&page.sources);
        self.raw("\n\n");
        if !page.events.is_empty() {
            self.raw("\n<section aria-labelledby=\"events-heading\">\n<h2 id=\"events-heading\">")
                .t("events-heading")
                .raw("</h2>\n<ul>");
            for e in &page.events {
                self.raw("<li>").event_entry(e, root).raw("</li>");
            }
            self.raw("</ul>\n</section>\n");
        }
        self.raw("\n\n");
        if !page.related.is_empty() {
            self.raw(
                "\n<section aria-labelledby=\"related-heading\">\n<h2 id=\"related-heading\">",
            )
            .t("related-claims")
            .raw("</h2>\n")
            .claim_list(&page.related)
            .raw("\n</section>\n");
        }
        self.raw("\n");
        if !page.same_events.is_empty() {
            self.raw("\n<section aria-labelledby=\"same-events-heading\">\n<h2 id=\"same-events-heading\">")
                .t("same-events")
                .raw("</h2>\n")
                .claim_list(&page.same_events)
                .raw("\n</section>\n");
        }
        self.raw("\n\n");
        self.history(&page.history, root);
        self.raw("\n")
            .annotation_source(&page.source, &cx.edit_url, &cx.permalink)
            .raw("\n</article>\n");
    }

    /// The table of wordings, each against the first.
    fn comparison(&mut self, rows: &[ComparisonRow], root: &str) {
        self.raw("\n<section aria-labelledby=\"wording-heading\">\n<h2 id=\"wording-heading\">")
            .t("how-worded")
            .raw("</h2>\n<p class=\"wording-key\">")
            .t("wording-key-before")
            .raw(" <ins>")
            .t("wording-key-marked")
            .raw("</ins>")
            .t("wording-key-after")
            .raw("</p>\n<table class=\"wording-table\">\n<thead><tr>");
        for key in [
            "column-report",
            "label-outlet",
            "column-date",
            "column-wording",
            "column-figures",
        ] {
            self.raw("<th scope=\"col\">").t(key).raw("</th>");
        }
        self.raw("</tr></thead>\n<tbody>\n");
        for row in rows {
            self.comparison_row(row, root);
        }
        self.raw("\n</tbody>\n</table>\n</section>\n");
    }

    fn comparison_row(&mut self, row: &ComparisonRow, root: &str) {
        let w = &row.wording;
        self.raw("\n<tr>\n  <td>")
            .link(root, &w.passage.href, &w.article.link.title)
            .raw("</td>\n  <td>");
        self.or_unrecorded(&w.article.outlet, "not-recorded")
            .raw("</td>\n  <td>")
            .date(&w.article.published)
            .raw("</td>\n  ");
        let marks = Marks::around(&w.quote, self.strings);
        self.raw("<td class=\"wording-diff\">").text(&marks.open);
        for (i, word) in row.diff.iter().enumerate() {
            if word.changed {
                self.raw("<ins>").text(&word.text).raw("</ins>");
            } else {
                self.text(&word.text);
            }
            if i + 1 < row.diff.len() {
                self.raw(" ");
            }
        }
        self.text(&marks.close).raw("</td>\n  <td>");
        for (i, figure) in row.figures.iter().enumerate() {
            self.figure(figure);
            if i + 1 < row.figures.len() {
                self.raw("<br>");
            }
        }
        self.raw("</td>\n</tr>\n");
    }

    /// A figure of a wording, and how it compares with the first's.
    fn figure(&mut self, f: &FigureView) {
        self.raw("<span class=\"figure\">").text(&f.text);
        if let Some(label) = present(&f.label) {
            self.raw(" <span class=\"figure-flag figure-")
                .text(f.key.map_or("", |k| k.key()))
                .raw("\">(")
                .text(label);
            if f.by_editor {
                self.raw(", ").t("editors-judgement");
            }
            self.raw(")</span>");
        }
        self.raw("</span>");
    }

    fn sources(&mut self, sources: &[SourceView]) {
        self.raw("<section aria-labelledby=\"sources-heading\">\n<h2 id=\"sources-heading\">")
            .t("section-sources")
            .raw("</h2>\n");
        if sources.is_empty() {
            self.raw("\n<p class=\"unrecorded\">")
                .t("no-source")
                .raw("</p>\n");
        } else {
            self.raw("\n<ul class=\"sources\">\n");
            for s in sources {
                self.source(s);
            }
            self.raw("\n</ul>\n");
        }
        self.raw("\n</section>");
    }

    fn source(&mut self, s: &SourceView) {
        self.raw("\n  <li>").source_head(s);
        if let Some(note) = present(&s.note_html) {
            self.raw("<div class=\"source-note\">")
                .raw(note)
                .raw("</div>");
        }
        self.raw("</li>\n");
    }

    /// When the claim's review was published and changed, and how.
    fn history(&mut self, h: &HistoryView, root: &str) {
        self.raw("<section class=\"claim-history\" aria-labelledby=\"history-heading\">\n<h2 id=\"history-heading\">")
            .t("history-heading")
            .raw("</h2>\n");
        if let Some(published) = &h.published {
            self.raw("<p class=\"history-dates\">")
                .t("history-published")
                .raw(" ")
                .date(published);
            if let Some(modified) = &h.modified {
                self.raw("; ").t("history-modified").raw(" ").date(modified);
            }
            self.raw(".</p>");
        }
        if !h.versions.is_empty() {
            self.raw("\n<p class=\"history-versions\">")
                .t("version-every")
                .raw(" ");
            for (i, v) in h.versions.iter().enumerate() {
                self.raw("<a href=\"")
                    .text(root)
                    .text(&v.href)
                    .raw("\">")
                    .t_with("history-version", &[("version", &v.number.to_string())])
                    .raw("</a> (")
                    .date(&v.date)
                    .raw(")");
                if i + 1 < h.versions.len() {
                    self.raw(", ");
                }
            }
            self.raw(".</p>");
        }
        self.raw("\n");
        if let Some(reason) = present(&h.unavailable) {
            self.raw("<p class=\"unrecorded\">")
                .t_with("history-unavailable", &[("reason", reason)])
                .raw("</p>");
        }
        self.raw("\n");
        if !h.entries.is_empty() {
            self.raw("<ol class=\"history-log\">\n");
            for e in &h.entries {
                self.raw("<li id=\"")
                    .text(&e.anchor)
                    .raw("\">")
                    .change(e, root)
                    .raw("</li>\n");
            }
            self.raw("</ol>\n");
        } else if h.published.is_some() {
            self.raw("<p>").t("history-none").raw("</p>");
        }
        self.raw("\n<p><a href=\"")
            .text(root)
            .raw("corrections/index.html\">")
            .t("corrections-link")
            .raw("</a></p>\n</section>");
    }
}
