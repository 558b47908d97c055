//! `templates/claims.html`: a page of the claims index.

use super::Html;
use crate::render::page::{Drawn, PageContext};
use crate::render::pages::claim::ClaimsPage;
use crate::render::strings::Strings;

impl Drawn for ClaimsPage {
    const TEMPLATES: &'static [&'static str] = &["claims.html", "base.html", "macros.html"];

    fn draw(cx: &PageContext<'_, Self>, strings: &Strings) -> String {
        let mut html = Html::new(strings);
        html.page(cx, false, |html| html.claims(cx));
        html.finish()
    }
}

impl Html<'_> {
    fn claims(&mut self, cx: &PageContext<'_, ClaimsPage>) {
        let (page, root) = (cx.page, cx.root.as_str());
        self.raw("\n<h1>")
            .t("section-claims")
            .raw("</h1>\n<p>")
            .t("claims-intro")
            .raw(" <a href=\"#key-heading\">")
            .t("claims-intro-link")
            .raw("</a>. <a href=\"")
            .text(root)
            .raw("corrections/index.html\">")
            .t("corrections-link")
            .raw("</a>.</p>\n<table class=\"claims-table\">\n<thead><tr><th scope=\"col\">")
            .t("column-claim")
            .raw("</th><th scope=\"col\">")
            .t("column-verdict")
            .raw("</th><th scope=\"col\">")
            .t("claimed-by")
            .raw("</th><th scope=\"col\">")
            .t("section-reports")
            .raw("</th></tr></thead>\n<tbody>\n");
        for c in &page.claims {
            self.raw("\n<tr>\n  <td>")
                .link(root, &c.link.href, &c.link.title)
                .raw("</td>\n  <td>")
                .verdict(&c.verdict)
                .raw("</td>\n  <td>");
            match &c.claimant {
                Some(claimant) => self.link(root, &claimant.href, &claimant.title),
                None => self.unrecorded("the-reports-themselves"),
            };
            self.raw("</td>\n  <td>")
                .number(c.report_count)
                .raw("</td>\n</tr>\n");
        }
        self.raw("\n</tbody>\n</table>\n<section aria-labelledby=\"key-heading\">\n<h2 id=\"key-heading\">")
            .t("verdicts-heading")
            .raw("</h2>\n<dl class=\"verdict-key\">\n");
        for v in &page.verdicts {
            self.raw("<dt>")
                .verdict(v)
                .raw("</dt><dd>")
                .text(&v.description)
                .raw("</dd>\n");
        }
        self.raw("\n</dl>\n</section>\n")
            .pager(cx.pagination.as_ref(), root)
            .raw("\n");
    }
}
