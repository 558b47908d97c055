//! `templates/macros.html`: the pieces several pages print.

use super::{Html, present};
use crate::render::model::{
    ArticleSummary, ClaimEntry, DateView, EventSummary, Quotation, SourceBlock, VerdictView,
};
use crate::render::pages::corrections::ChangeView;
use crate::render::paginate::Pagination;

impl Html<'_> {
    /// `m::verdict(v)`: a verdict's badge.
    pub(super) fn verdict(&mut self, v: &VerdictView) -> &mut Self {
        self.raw("<span class=\"verdict verdict-")
            .text(v.key)
            .raw("\" title=\"")
            .text(&v.description)
            .raw("\">")
            .text(&v.label)
            .raw("</span>")
    }

    /// `m::date(d)`: a date, machine-readable too.
    pub(super) fn date(&mut self, d: &DateView) -> &mut Self {
        self.raw("<time datetime=\"")
            .text(&d.iso)
            .raw("\">")
            .text(&d.human)
            .raw("</time>")
    }

    /// `m::span(start, end)`: a date, or two joined by a dash.
    pub(super) fn span(&mut self, start: &DateView, end: Option<&DateView>) -> &mut Self {
        self.date(start);
        if let Some(end) = end {
            self.raw(" – ").date(end);
        }
        self
    }

    /// `m::event_entry(e, root)`: an event's dates and link.
    pub(super) fn event_entry(&mut self, e: &EventSummary, root: &str) -> &mut Self {
        self.span(&e.date, e.end.as_ref())
            .raw(": ")
            .link(root, &e.link.href, &e.link.title)
    }

    /// `m::report_entry(a, root)`: a report's link, outlet and date.
    pub(super) fn report_entry(&mut self, a: &ArticleSummary, root: &str) -> &mut Self {
        self.link(root, &a.link.href, &a.link.title).raw(" (");
        match present(&a.outlet) {
            Some(outlet) => self.text(outlet),
            None => self.t("outlet-not-recorded"),
        };
        self.raw(", ").date(&a.published).raw(")")
    }

    /// `m::claim_list(claims, root)`: claims' entries, drawn already.
    pub(super) fn claim_list(&mut self, claims: &[ClaimEntry]) -> &mut Self {
        self.raw("\n<ul class=\"claim-list\">\n  ");
        for c in claims {
            self.raw("\n  <li>").raw(&c.html).raw("</li>\n  ");
        }
        self.raw("\n</ul>\n")
    }

    /// `m::wording(w, root)`: a report's wording, drawn already.
    pub(super) fn wording(&mut self, w: &Quotation) -> &mut Self {
        self.raw("\n").raw(&w.html).raw("\n")
    }

    /// `m::change(e, root)`: one entry of a claim's history.
    pub(super) fn change(&mut self, e: &ChangeView, root: &str) -> &mut Self {
        self.date(&e.date).raw(" (");
        match e.version.filter(|v| *v != 0) {
            Some(version) => {
                self.raw("<a href=\"")
                    .text(root)
                    .text(e.version_href.as_deref().unwrap_or_default())
                    .raw("\">")
                    .t_with("history-version", &[("version", &version.to_string())])
                    .raw("</a>");
            }
            None => {
                self.t("history-correction");
            }
        }
        self.raw("): ");
        if let Some(verdict) = present(&e.verdict_text) {
            self.text(verdict).raw(" ");
        }
        for c in &e.changes {
            self.text(c).raw(" ");
        }
        if let Some(reason) = present(&e.reason) {
            self.raw("<span class=\"history-reason\">")
                .t("history-reason")
                .raw(" ")
                .quoted(reason)
                .raw("</span>");
        }
        if let Some(note) = present(&e.note_html) {
            self.raw("<div class=\"correction-note\">")
                .raw(note)
                .raw("</div>");
        }
        self
    }

    /// `m::annotation_source(source, edit_url, permalink)`: where the
    /// page's annotation is written, and the annotation itself.
    pub(super) fn annotation_source(
        &mut self,
        source: &SourceBlock,
        edit_url: &Option<String>,
        permalink: &str,
    ) -> &mut Self {
        self.raw("\n<section class=\"annotation-source\" aria-labelledby=\"source-heading\">\n<h2 id=\"source-heading\">")
            .t("the-annotation")
            .raw("</h2>\n<p class=\"source-path\">")
            .t("as-written-in")
            .raw(" <code>")
            .text(&source.path)
            .raw("</code>, ")
            .t_with(
                "lines",
                &[
                    ("first", &source.first_line.to_string()),
                    ("last", &source.last_line.to_string()),
                ],
            );
        if let Some(edit_url) = present(edit_url) {
            self.raw(" (<a href=\"")
                .text(edit_url)
                .raw("\">")
                .t("edit")
                .raw("</a>)");
        }
        self.raw(". ")
            .t("permalink-label")
            .raw(" <code>")
            .text(permalink)
            .raw("</code></p>\n")
            .raw(&source.html)
            .raw("\n</section>\n")
    }

    /// `m::pager(p, root)`: where a page sits among its list's pages, if
    /// the list has several.
    pub(super) fn pager(&mut self, p: Option<&Pagination>, root: &str) -> &mut Self {
        let Some(p) = p else {
            return self;
        };
        self.raw("\n<nav class=\"pagination\" aria-label=\"")
            .text(&p.label)
            .raw("\">\n  <p>")
            .t_with(
                "page-of",
                &[
                    ("number", &p.number.to_string()),
                    ("count", &p.count.to_string()),
                ],
            )
            .raw("</p>\n  <ul>\n    ");
        if let Some(previous) = present(&p.previous) {
            self.raw("<li><a rel=\"prev\" href=\"")
                .text(root)
                .text(previous)
                .raw("\">")
                .t("previous-page")
                .raw("</a></li>");
        }
        self.raw("\n    ");
        for n in &p.pages {
            if n.number == 0 {
                self.raw("<li class=\"gap\" aria-hidden=\"true\">…</li>");
                continue;
            }
            self.raw("<li><a href=\"")
                .text(root)
                .text(&n.href)
                .raw("\"");
            if n.number == p.number {
                self.raw(" aria-current=\"page\"");
            }
            self.raw(">").number(n.number).raw("</a></li>");
        }
        self.raw("\n    ");
        if let Some(next) = present(&p.next) {
            self.raw("<li><a rel=\"next\" href=\"")
                .text(root)
                .text(next)
                .raw("\">")
                .t("next-page")
                .raw("</a></li>");
        }
        self.raw("\n  </ul>\n</nav>\n")
    }
}
