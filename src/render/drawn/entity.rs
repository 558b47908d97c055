//! `templates/entity.html`: a person's or an organisation's page.

use super::{Html, present};
use crate::render::page::{Drawn, PageContext};
use crate::render::pages::entity::EntityPage;
use crate::render::strings::Strings;

impl Drawn for EntityPage {
    const TEMPLATES: &'static [&'static str] = &["entity.html", "base.html", "macros.html"];

    fn draw(cx: &PageContext<'_, Self>, strings: &Strings) -> String {
        let mut html = Html::new(strings);
        html.page(cx, true, |html| html.entity(cx));
        html.finish()
    }
}

impl Html<'_> {
    fn entity(&mut self, cx: &PageContext<'_, EntityPage>) {
        let (page, root) = (cx.page, cx.root.as_str());
        self.raw("\n<article class=\"entity\">\n<p class=\"breadcrumb\"><a href=\"")
            .text(root)
            .raw("entities/index.html\">")
            .t("section-entities")
            .raw("</a></p>\n<h1>")
            .text(&page.name)
            .raw("</h1>\n<p class=\"entity-kind\">")
            .text(&page.kind)
            .raw("</p>\n");
        if let Some(description) = present(&page.description_html) {
            self.raw("<div class=\"entity-description\">")
                .raw(description)
                .raw("</div>");
        }
        self.raw("\n");
        if !page.claims.is_empty() {
            self.raw("\n<section aria-labelledby=\"claims-heading\"><h2 id=\"claims-heading\">")
                .t("what-they-claim")
                .raw("</h2>\n")
                .claim_list(&page.claims)
                .raw("\n")
                .pager(page.claims_pages.as_ref(), root)
                .raw("</section>\n");
        }
        self.raw("\n");
        if !page.quoted.is_empty() {
            self.raw("\n<section aria-labelledby=\"quoted-heading\"><h2 id=\"quoted-heading\">")
                .t("where-quoted")
                .raw("</h2>\n");
            for w in &page.quoted {
                self.wording(w);
            }
            self.raw("\n")
                .pager(page.quoted_pages.as_ref(), root)
                .raw("</section>\n");
        }
        self.raw("\n");
        if !page.events.is_empty() {
            self.raw("\n<section aria-labelledby=\"events-heading\"><h2 id=\"events-heading\">")
                .t("events-heading")
                .raw("</h2>\n<ul>");
            for e in &page.events {
                self.raw("<li>").event_entry(e, root).raw("</li>");
            }
            self.raw("</ul>\n")
                .pager(page.events_pages.as_ref(), root)
                .raw("</section>\n");
        }
        self.raw("\n")
            .annotation_source(&page.source, &cx.edit_url, &cx.permalink)
            .raw("\n</article>\n");
    }
}
