//! `templates/sources.html`: a page of the sources index.

use super::{Html, present};
use crate::render::page::{Drawn, PageContext};
use crate::render::pages::sources::{ReportSource, SourcesPage};
use crate::render::strings::Strings;

impl Drawn for SourcesPage {
    const TEMPLATES: &'static [&'static str] = &["sources.html", "base.html", "macros.html"];

    fn draw(cx: &PageContext<'_, Self>, strings: &Strings) -> String {
        let mut html = Html::new(strings);
        html.page(cx, false, |html| html.sources_index(cx));
        html.finish()
    }
}

impl Html<'_> {
    fn sources_index(&mut self, cx: &PageContext<'_, SourcesPage>) {
        let (page, root) = (cx.page, cx.root.as_str());
        self.raw("\n<h1>")
            .t("section-sources")
            .raw(
                "</h1>\n<section aria-labelledby=\"reports-heading\">\n<h2 id=\"reports-heading\">",
            )
            .t("the-reports")
            .raw("</h2>\n<ul class=\"sources\">\n");
        for r in &page.reports {
            self.report_source(r, root);
        }
        self.raw("\n</ul>\n</section>\n<section aria-labelledby=\"cited-heading\">\n<h2 id=\"cited-heading\">")
            .t("cited-heading")
            .raw("</h2>\n");
        if page.sources.is_empty() {
            self.raw("<p class=\"unrecorded\">")
                .t("no-sources-cited")
                .raw("</p>");
        } else {
            self.raw("\n<ul class=\"sources\">\n");
            for (s, citing) in &page.sources {
                self.raw("\n  <li>")
                    .source_head(s)
                    .raw(".\n    ")
                    .t("cited-for")
                    .raw(" ");
                for (i, c) in citing.iter().enumerate() {
                    self.link(root, &c.href, &c.title);
                    if i + 1 < citing.len() {
                        self.raw("; ");
                    }
                }
                self.raw("</li>\n");
            }
            self.raw("\n</ul>\n");
        }
        self.raw("\n</section>\n")
            .pager(cx.pagination.as_ref(), root)
            .raw("\n");
    }

    /// One report of the sources index, with what it records of itself.
    fn report_source(&mut self, r: &ReportSource, root: &str) {
        self.raw("\n  <li>")
            .link(root, &r.article.link.href, &r.article.link.title)
            .raw(".\n    ");
        self.or_unrecorded(&r.article.outlet, "outlet-not-recorded-capital")
            .raw(";\n    ")
            .or_unrecorded(&r.byline, "byline-not-recorded")
            .raw(";\n    ")
            .date(&r.article.published)
            .raw(".\n    ");
        match present(&r.url) {
            Some(url) => self.t("original-label").raw(" ").outside_link(url, url),
            None => self.unrecorded("original-url-not-recorded"),
        };
        self.raw("</li>\n");
    }
}
