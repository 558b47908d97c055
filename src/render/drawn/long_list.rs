//! `templates/long-list.html`: a later page of an item's long list.

use super::Html;
use crate::render::page::{Drawn, PageContext};
use crate::render::pages::long_list::{Entries, LongListPage};
use crate::render::strings::Strings;

impl Drawn for LongListPage<'_> {
    const TEMPLATES: &'static [&'static str] = &["long-list.html", "base.html", "macros.html"];

    fn draw(cx: &PageContext<'_, Self>, strings: &Strings) -> String {
        let mut html = Html::new(strings);
        html.page(cx, false, |html| html.long_list(cx));
        html.finish()
    }
}

impl Html<'_> {
    fn long_list(&mut self, cx: &PageContext<'_, LongListPage<'_>>) {
        let (page, root) = (cx.page, cx.root.as_str());
        let (number, count) = cx
            .pagination
            .as_ref()
            .map_or((String::new(), String::new()), |p| {
                (p.number.to_string(), p.count.to_string())
            });
        self.raw("\n<article class=\"long-list\">\n<p class=\"breadcrumb\">")
            .link(root, &page.owner.href, &page.owner.title)
            .raw("</p>\n<h1>")
            .text(&page.owner.title)
            .raw("</h1>\n<section aria-labelledby=\"list-heading\">\n<h2 id=\"list-heading\">")
            .t_with(
                "list-page-of",
                &[
                    ("heading", &page.heading),
                    ("number", &number),
                    ("count", &count),
                ],
            )
            .raw("</h2>\n");
        self.entries(page.entries, root);
        self.raw("\n</section>\n")
            .pager(cx.pagination.as_ref(), root)
            .raw("\n</article>\n");
    }

    /// The page's entries, on the template's line for their kind (one
    /// line of four for each kind, the three others left empty).
    fn entries(&mut self, entries: &Entries, root: &str) {
        let line = match entries {
            Entries::Claims(_) => 0,
            Entries::Wordings(_) => 1,
            Entries::Events(_) => 2,
            Entries::Articles(_) => 3,
        };
        self.raw(&"\n".repeat(line));
        match entries {
            Entries::Claims(claims) if !claims.is_empty() => {
                self.claim_list(claims);
            }
            Entries::Wordings(wordings) => {
                for w in wordings {
                    self.wording(w);
                }
            }
            Entries::Events(events) if !events.is_empty() => {
                self.raw("<ul>");
                for e in events {
                    self.raw("<li>").event_entry(e, root).raw("</li>");
                }
                self.raw("</ul>");
            }
            Entries::Articles(articles) if !articles.is_empty() => {
                self.raw("<ul>");
                for a in articles {
                    self.raw("<li>").report_entry(a, root).raw("</li>");
                }
                self.raw("</ul>");
            }
            _ => {}
        }
        self.raw(&"\n".repeat(3 - line));
    }
}
