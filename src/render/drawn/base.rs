//! `templates/base.html`: what every page has around its content (the
//! head, the site's header and navigation, the citation, the footer).

use super::{Html, present};
use crate::render::cite::Citation;
use crate::render::page::PageContext;
use crate::vocabulary::Section;

/// The navigation's entries: where each goes, its section and its words.
const NAVIGATION: [(&str, Section, &str); 7] = [
    ("index.html", Section::Home, "nav-overview"),
    ("articles/index.html", Section::Articles, "section-reports"),
    ("claims/index.html", Section::Claims, "section-claims"),
    ("timeline/index.html", Section::Timeline, "section-timeline"),
    ("entities/index.html", Section::Entities, "nav-entities"),
    ("sources/index.html", Section::Sources, "section-sources"),
    ("search/index.html", Section::Search, "section-search"),
];

impl Html<'_> {
    /// The page for `cx` with `content` (the template's `content` block)
    /// drawn into it, the base's other blocks as it has them: the
    /// `code_styles` block (the code stylesheet's link) only if
    /// `code_styles`, for pages that show highlighted code.
    pub(super) fn page<T>(
        &mut self,
        cx: &PageContext<'_, T>,
        code_styles: bool,
        content: impl FnOnce(&mut Self),
    ) -> &mut Self {
        self.head(cx, code_styles).header(cx);
        self.raw("<main id=\"main\" tabindex=\"-1\">\n");
        if cx.unpublished {
            self.raw("<p class=\"unpublished\" role=\"status\">")
                .t("unpublished")
                .raw("</p>");
        }
        self.raw("\n");
        content(self);
        self.raw("\n");
        if let Some(citation) = &cx.citation {
            self.citation(citation);
        }
        self.raw("\n</main>\n").footer(cx)
    }

    fn head<T>(&mut self, cx: &PageContext<'_, T>, code_styles: bool) -> &mut Self {
        let site = cx.site;
        let description = cx
            .description
            .or(site.description.as_deref())
            .filter(|d| !d.is_empty());
        self.raw("<!DOCTYPE html>\n<html lang=\"")
            .text(&site.language);
        if site.rtl {
            self.raw("\" dir=\"rtl");
        }
        self.raw("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'\">\n<title>");
        if cx.section != Section::Home {
            self.text(cx.title).raw(" · ");
        }
        self.text(&site.title).raw("</title>\n");
        if let Some(description) = description {
            self.raw("<meta name=\"description\" content=\"")
                .text(description)
                .raw("\">");
        }
        self.raw("\n<link rel=\"canonical\" href=\"")
            .text(&cx.permalink)
            .raw("\">\n<link rel=\"icon\" href=\"")
            .text(&cx.root)
            .raw("favicon.ico\" sizes=\"32x32\">\n<link rel=\"icon\" href=\"")
            .text(&cx.root)
            .raw("favicon.svg\" type=\"image/svg+xml\">\n<link rel=\"stylesheet\" href=\"")
            .text(&cx.root)
            .raw("style.css\">\n");
        if code_styles {
            self.raw("<link rel=\"stylesheet\" href=\"")
                .text(&cx.root)
                .raw("highlight.css\">");
        }
        self.raw("\n<link rel=\"alternate\" type=\"application/atom+xml\" title=\"")
            .text(&site.title)
            .raw("\" href=\"")
            .text(&cx.root)
            .raw("feed.xml\">\n<meta property=\"og:site_name\" content=\"")
            .text(&site.title)
            .raw("\">\n<meta property=\"og:title\" content=\"")
            .text(cx.title)
            .raw("\">\n<meta property=\"og:type\" content=\"");
        let json_ld = cx.json_ld.filter(|j| !j.is_empty());
        if cx.section == Section::Articles && json_ld.is_some() {
            self.raw("article");
        } else {
            self.raw("website");
        }
        self.raw("\">\n<meta property=\"og:url\" content=\"")
            .text(&cx.permalink)
            .raw("\">\n");
        if let Some(description) = description {
            self.raw("<meta property=\"og:description\" content=\"")
                .text(description)
                .raw("\">");
        }
        self.raw("\n");
        match present(&site.image) {
            Some(image) => {
                self.raw("<meta property=\"og:image\" content=\"")
                    .text(image)
                    .raw("\">\n");
                if let Some(alt) = present(&site.image_alt) {
                    self.raw("<meta property=\"og:image:alt\" content=\"")
                        .text(alt)
                        .raw("\">\n");
                }
                self.raw("<meta name=\"twitter:card\" content=\"summary_large_image\">");
            }
            None => {
                self.raw("<meta name=\"twitter:card\" content=\"summary\">");
            }
        }
        self.raw("\n<meta name=\"twitter:title\" content=\"")
            .text(cx.title)
            .raw("\">\n");
        if let Some(json_ld) = json_ld {
            self.raw("<script type=\"application/ld+json\">")
                .raw(json_ld)
                .raw("</script>");
        }
        self.raw("\n\n</head>\n")
    }

    fn header<T>(&mut self, cx: &PageContext<'_, T>) -> &mut Self {
        self.raw("<body>\n<a class=\"skip-link\" href=\"#main\">")
            .t("skip-to-content")
            .raw("</a>\n<header class=\"site-header\">\n  <a class=\"site-title\" href=\"")
            .text(&cx.root)
            .raw("index.html\">")
            .text(&cx.site.title)
            .raw("</a>\n  <nav aria-label=\"")
            .t("nav-label")
            .raw("\">\n    <ul>\n");
        for (href, section, words) in NAVIGATION {
            self.raw("      <li><a href=\"")
                .text(&cx.root)
                .raw(href)
                .raw("\"");
            if cx.section == section {
                self.raw(" aria-current=\"page\"");
            }
            self.raw(">").t(words).raw("</a></li>\n");
        }
        self.raw("    </ul>\n  </nav>\n</header>\n")
    }

    fn citation(&mut self, citation: &Citation) -> &mut Self {
        self.raw("\n<details class=\"cite\" id=\"cite\">\n  <summary>")
            .t("cite-this-page")
            .raw("</summary>\n  <p>")
            .text(&citation.text)
            .raw("</p>\n")
            .citation_formats(citation);
        if let Some(version) = &citation.version {
            self.raw("<div class=\"cite-version\">\n  <p>")
                .t("cite-this-version")
                .raw("</p>\n  <p>")
                .text(&version.text)
                .raw("</p>\n")
                .citation_formats(version)
                .raw("\n  </div>");
        }
        self.raw("\n</details>\n")
    }

    /// A citation's BibTeX and CSL-JSON, each under its name.
    fn citation_formats(&mut self, citation: &Citation) -> &mut Self {
        self.raw("  <p class=\"cite-format\">BibTeX</p>\n  <pre><code>")
            .text(&citation.bibtex)
            .raw("</code></pre>\n  <p class=\"cite-format\">CSL-JSON</p>\n  <pre><code>")
            .text(&citation.csl_json)
            .raw("</code></pre>")
    }

    fn footer<T>(&mut self, cx: &PageContext<'_, T>) -> &mut Self {
        let site = cx.site;
        self.raw("<footer class=\"site-footer\">\n  <p>\n    ");
        if let Some(publisher) = present(&site.publisher) {
            self.t_with("published-by", &[("publisher", publisher)])
                .raw(" ");
        }
        self.raw("\n    ");
        if !site.authors.is_empty() {
            self.t_with("annotations-by", &[("authors", &site.authors.join(", "))])
                .raw(" ");
        }
        self.raw("\n    ");
        if let Some(dates) = &cx.dates {
            self.t("in-dossier-since").raw(" ").date(&dates.published);
            if let Some(modified) = &dates.modified {
                self.raw(", ").t("last-changed").raw(" ").date(modified);
            }
            self.raw(". ");
        }
        self.t("permalink-label")
            .raw(" <a href=\"")
            .text(&cx.permalink)
            .raw("\">")
            .text(&cx.permalink)
            .raw("</a>\n    ");
        if let Some(repository) = present(&site.repository) {
            self.raw("· <a href=\"")
                .text(repository)
                .raw("\">")
                .t("source-code")
                .raw("</a>");
        }
        self.raw("\n    ");
        if let Some(edit_url) = present(&cx.edit_url) {
            self.raw("· <a href=\"")
                .text(edit_url)
                .raw("\">")
                .t("edit-this-page")
                .raw("</a>");
        }
        self.raw("\n  </p>\n</footer>\n</body>\n</html>\n")
    }
}
