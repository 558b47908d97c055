//! `templates/claim-version.html`: a claim as one commit left it.

use super::{Html, present};
use crate::render::page::{Drawn, PageContext};
use crate::render::pages::version::{VersionPage, VersionWording};
use crate::render::strings::Strings;

impl Drawn for VersionPage {
    const TEMPLATES: &'static [&'static str] = &["claim-version.html", "base.html", "macros.html"];

    fn draw(cx: &PageContext<'_, Self>, strings: &Strings) -> String {
        let mut html = Html::new(strings);
        html.page(cx, true, |html| html.version(cx.page, &cx.root));
        html.finish()
    }
}

impl Html<'_> {
    fn version(&mut self, page: &VersionPage, root: &str) {
        self.raw("\n<article class=\"claim claim-version\">\n<p class=\"breadcrumb\"><a href=\"")
            .text(root)
            .raw("claims/index.html\">")
            .t("section-claims")
            .raw("</a></p>\n<p class=\"version-banner\" role=\"note\">")
            .t_with(
                "version-of",
                &[
                    ("number", &page.number.to_string()),
                    ("count", &page.count.to_string()),
                ],
            )
            .raw(" ")
            .date(&page.date)
            .raw(". ");
        match present(&page.next) {
            Some(_) => self.t("version-replaced"),
            None => self.t("version-latest"),
        };
        self.raw(" <a href=\"")
            .text(root)
            .text(&page.claim.href)
            .raw("\">")
            .t("version-see-current")
            .raw("</a></p>\n<h1>")
            .text(&page.title)
            .raw("</h1>\n<p class=\"claim-verdict\">")
            .t("verdict-label")
            .raw(" ");
        match &page.verdict {
            Some(verdict) => self
                .verdict(verdict)
                .raw(" <span class=\"verdict-explained\">")
                .text(&verdict.description)
                .raw("</span>"),
            None => self.unrecorded("version-no-verdict"),
        };
        self.raw("</p>\n").claim_note(&page.note_html);
        self.raw("\n\n<section aria-labelledby=\"appearances-heading\">\n<h2 id=\"appearances-heading\">")
            .t("where-carried")
            .raw("</h2>\n");
        if page.wordings.is_empty() {
            self.raw("<p class=\"unrecorded\">")
                .t("version-no-passages")
                .raw("</p>");
        } else {
            self.raw("<ul class=\"version-wordings\">\n");
            for w in &page.wordings {
                self.version_wording(w, root);
            }
            self.raw("</ul>");
        }
        self.raw("\n</section>\n\n");
        self.commit(page, root);
        self.raw("\n</article>\n");
    }

    fn version_wording(&mut self, w: &VersionWording, root: &str) {
        self.raw("<li><blockquote><p>")
            .quoted(&w.quote)
            .raw("</p></blockquote>\n<p>");
        match present(&w.href) {
            Some(href) => self.link(root, href, &w.report),
            None => self
                .raw("<code>")
                .text(&w.report)
                .raw("</code> <span class=\"unrecorded\">(")
                .t("version-report-gone")
                .raw(")</span>"),
        };
        self.raw("</p></li>\n");
    }

    /// The commit that made the version, and the way to the versions
    /// beside it.
    fn commit(&mut self, page: &VersionPage, root: &str) {
        self.raw("<section aria-labelledby=\"version-heading\">\n<h2 id=\"version-heading\">")
            .t("version-heading")
            .raw("</h2>\n<p>")
            .t("version-committed")
            .raw(" ")
            .date(&page.date);
        if let Some(reason) = present(&page.reason) {
            self.raw(". <span class=\"history-reason\">")
                .t("history-reason")
                .raw(" ")
                .quoted(reason)
                .raw("</span>");
        }
        self.raw(" (")
            .t("version-commit")
            .raw(" <code>")
            .text(&page.commit)
            .raw("</code>)</p>\n<nav class=\"version-nav\" aria-label=\"")
            .t("version-nav-label")
            .raw("\">\n<ul>\n");
        if let Some(previous) = present(&page.previous) {
            self.raw("<li><a rel=\"prev\" href=\"")
                .text(root)
                .text(previous)
                .raw("\">")
                .t("version-previous")
                .raw("</a></li>");
        }
        self.raw("\n");
        if let Some(next) = present(&page.next) {
            self.raw("<li><a rel=\"next\" href=\"")
                .text(root)
                .text(next)
                .raw("\">")
                .t("version-next")
                .raw("</a></li>");
        }
        self.raw("\n<li><a href=\"").text(root);
        match present(&page.change) {
            Some(change) => self.text(change),
            None => self.text(&page.claim.href).raw("#history-heading"),
        };
        self.raw("\">")
            .t("version-in-history")
            .raw("</a></li>\n</ul>\n</nav>\n</section>");
    }
}
