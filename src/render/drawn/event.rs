//! `templates/event.html`: an event's page.

use super::{Html, present};
use crate::date::Precision;
use crate::render::page::{Drawn, PageContext};
use crate::render::pages::event::EventPage;
use crate::render::strings::Strings;

impl Drawn for EventPage {
    const TEMPLATES: &'static [&'static str] = &["event.html", "base.html", "macros.html"];

    fn draw(cx: &PageContext<'_, Self>, strings: &Strings) -> String {
        let mut html = Html::new(strings);
        html.page(cx, true, |html| html.event(cx));
        html.finish()
    }
}

impl Html<'_> {
    fn event(&mut self, cx: &PageContext<'_, EventPage>) {
        let (page, root) = (cx.page, cx.root.as_str());
        self.raw("\n<article class=\"event\">\n<p class=\"breadcrumb\"><a href=\"")
            .text(root)
            .raw("timeline/index.html\">")
            .t("section-timeline")
            .raw("</a></p>\n<h1>")
            .text(&page.title)
            .raw("</h1>\n<p class=\"event-date\">");
        match &page.end {
            Some(end) => self.t("from").raw(" ").span(&page.date, Some(end)),
            None => self.date(&page.date),
        };
        match page.date.precision {
            Precision::Day => {}
            Precision::Year => {
                self.raw(" <span class=\"precision\">")
                    .t("precision-no-month-day")
                    .raw("</span>");
            }
            Precision::Month => {
                self.raw(" <span class=\"precision\">")
                    .t("precision-no-day")
                    .raw("</span>");
            }
        }
        self.raw("</p>\n");
        if let Some(note) = present(&page.note_html) {
            self.raw("<div class=\"event-note\">")
                .raw(note)
                .raw("</div>");
        }
        self.raw("\n");
        if !page.entities.is_empty() {
            self.raw("\n<section aria-labelledby=\"who-heading\"><h2 id=\"who-heading\">")
                .t("who")
                .raw("</h2>\n<ul>");
            for e in &page.entities {
                self.raw("<li>").link(root, &e.href, &e.title).raw("</li>");
            }
            self.raw("</ul></section>\n");
        }
        self.raw("\n");
        if !page.claims.is_empty() {
            self.raw("\n<section aria-labelledby=\"claims-heading\"><h2 id=\"claims-heading\">")
                .t("claims-about-it")
                .raw("</h2>\n")
                .claim_list(&page.claims)
                .raw("\n")
                .pager(page.claims_pages.as_ref(), root)
                .raw("</section>\n");
        }
        self.raw("\n");
        if !page.articles.is_empty() {
            self.raw("\n<section aria-labelledby=\"reports-heading\"><h2 id=\"reports-heading\">")
                .t("section-reports")
                .raw("</h2>\n<ul>");
            for a in &page.articles {
                self.raw("<li>").report_entry(a, root).raw("</li>");
            }
            self.raw("</ul>\n")
                .pager(page.articles_pages.as_ref(), root)
                .raw("</section>\n");
        }
        self.raw("\n")
            .annotation_source(&page.source, &cx.edit_url, &cx.permalink)
            .raw("\n</article>\n");
    }
}
