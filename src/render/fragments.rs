//! The markup render draws in Rust rather than in templates: the markers
//! and margin notes inside a report's text, which templates never see
//! apart, and the entries that recur across the site (a claim in a list,
//! a report's wording of a claim). A dossier of 10,000 reports shows half
//! a million such entries, each on several pages, and Tera spent about a
//! sixth of a build's instructions looking up their fields one dotted path
//! at a time; the views carry them drawn here instead
//! ([`ClaimEntry::html`], [`Quotation::html`]), and the built-in macros
//! print them. The markup and its escaping are the macros' own, byte for
//! byte, and a dossier that overrides a macro still draws from the views'
//! fields.
//!
//! [`ClaimEntry::html`]: super::model::ClaimEntry::html
//! [`Quotation::html`]: super::model::Quotation::html

use super::model::{Link, VerdictView, WordingView};
use super::strings::Strings;
use crate::escape;
use crate::urls::Fragment;

/// A claim in a list: its link, its verdict badge and its claimant, links
/// relative to `root`.
pub(super) fn claim_entry(
    link: &Link,
    verdict: &VerdictView,
    claimant: Option<&Link>,
    root: &str,
) -> String {
    let mut html = String::with_capacity(256);
    push_link(&mut html, root, &link.href, &link.title);
    html.push_str(" <span class=\"verdict verdict-");
    escape::push_html(&mut html, verdict.key);
    html.push_str("\" title=\"");
    escape::push_html(&mut html, &verdict.description);
    html.push_str("\">");
    escape::push_html(&mut html, &verdict.label);
    html.push_str("</span>");
    if let Some(claimant) = claimant {
        html.push_str(" <span class=\"claimant\">— ");
        push_link(&mut html, root, &claimant.href, &claimant.title);
        html.push_str("</span>");
    }
    html
}

/// A report's wording of a claim as a `<figure>`: the sentence with the
/// quote marked, the editor's remark, and the report it is from, links
/// relative to `root`.
pub(super) fn quotation(w: &WordingView, root: &str, strings: &Strings) -> String {
    let mut html = String::with_capacity(1024);
    html.push_str("<figure class=\"wording\">\n  <blockquote cite=\"");
    escape::push_html(&mut html, root);
    escape::push_html(&mut html, &w.passage.href);
    html.push_str("\"><p>");
    escape::push_html(&mut html, &w.before);
    html.push_str("<mark>");
    escape::push_html(&mut html, &w.quote);
    html.push_str("</mark>");
    escape::push_html(&mut html, &w.after);
    html.push_str("</p></blockquote>\n  ");
    if let Some(note) = &w.note_html {
        html.push_str("<div class=\"wording-note\">");
        html.push_str(note);
        html.push_str("</div>");
    }
    html.push_str("\n  <figcaption>\n    ");
    push_link(&mut html, root, &w.passage.href, &w.article.link.title);
    html.push_str(",\n    ");
    match &w.article.outlet {
        Some(outlet) => escape::push_html(&mut html, outlet),
        None => {
            html.push_str("<span class=\"unrecorded\">");
            escape::push_html(&mut html, strings.get("outlet-not-recorded"));
            html.push_str("</span>");
        }
    }
    html.push_str(",\n    <time datetime=\"");
    escape::push_html(&mut html, &w.article.published.iso);
    html.push_str("\">");
    escape::push_html(&mut html, &w.article.published.human);
    html.push_str("</time>\n    ");
    if let Some(original) = &w.original {
        html.push_str("· <a href=\"");
        escape::push_html(&mut html, original);
        html.push_str("\" rel=\"nofollow noopener\">");
        escape::push_html(&mut html, strings.get("in-the-original"));
        html.push_str("</a>");
    }
    html.push_str("\n  </figcaption>\n</figure>");
    html
}

/// The numbered marker after a claim's passage in a report, `marker`,
/// linking to its note, `note`, titled `label`. Like the `[sic]`, its
/// number is drawn by the stylesheet (from `data-n`) and named by its
/// label, not written in the page: a passage that holds another's marker
/// reads, is copied and is annotated as the report wrote it.
pub(super) fn note_marker(marker: Fragment, note: Fragment, label: &str, number: usize) -> String {
    let mut html = format!("<sup class=\"claim-ref\"><a id=\"{marker}\" href=\"#{note}\" title=\"");
    escape::push_html(&mut html, label);
    html.push_str(&format!(
        "\" aria-label=\"{number}\" data-n=\"{number}\"></a></sup>"
    ));
    html
}

/// The `[sic]` after a slip in a report, linking to its note. The
/// stylesheet draws the "\[sic\]" and assistive technology reads its label,
/// so that the page's text stays the report's own: a passage that spans
/// the slip is copied, found in the page and annotated (the W3C
/// annotations' `exact`) as it was published.
pub(super) fn sic_marker(note: Fragment) -> String {
    format!("<a class=\"sic-ref\" href=\"#{note}\" aria-label=\"[sic]\"></a>")
}

/// The margin note beside a claim's first passage: its number, title,
/// verdict and claimant (with the words that introduce them). It repeats
/// the head of the note at the bottom, so it is hidden from assistive
/// technology and kept out of the tab order; the stylesheet shows it only
/// where the page is wide enough for a margin.
pub(super) fn sidenote(
    number: usize,
    claim: &Link,
    verdict: &VerdictView,
    claimant: Option<(&str, &Link)>,
    root: &str,
) -> String {
    let mut html = format!(
        "<span class=\"sidenote\" aria-hidden=\"true\"><span class=\"sidenote-number\">{number}</span> "
    );
    push_untabbed_link(&mut html, root, claim);
    html.push_str(" <span class=\"verdict verdict-");
    html.push_str(verdict.key);
    html.push_str("\">");
    escape::push_html_text(&mut html, &verdict.label);
    html.push_str("</span>");
    if let Some((claimed_by, claimant)) = claimant {
        html.push_str(" <span class=\"sidenote-claimant\">");
        escape::push_html_text(&mut html, claimed_by);
        html.push(' ');
        push_untabbed_link(&mut html, root, claimant);
        html.push_str("</span>");
    }
    html.push_str("</span>");
    html
}

/// Appends `<a href=…>title</a>`, escaped, out of the tab order.
fn push_untabbed_link(html: &mut String, root: &str, link: &Link) {
    html.push_str("<a tabindex=\"-1\" href=\"");
    escape::push_href(html, &format!("{root}{}", link.href));
    html.push_str("\">");
    escape::push_html_text(html, &link.title);
    html.push_str("</a>");
}

/// Appends `<a href="root+href">title</a>`, escaped as the templates'
/// `{{ }}` escape.
pub(super) fn push_link(html: &mut String, root: &str, href: &str, title: &str) {
    html.push_str("<a href=\"");
    escape::push_html(html, root);
    escape::push_html(html, href);
    html.push_str("\">");
    escape::push_html(html, title);
    html.push_str("</a>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::PartialDate;
    use crate::dossier::Verdict;
    use crate::render::model::{ArticleSummary, DateView};

    fn link(href: &str, title: &str) -> Link {
        Link {
            href: href.into(),
            title: title.into(),
        }
    }

    #[test]
    fn claim_entries_escape_what_they_print_and_link_from_their_page() {
        let verdict = VerdictView::new(Verdict::Disputed, &Strings::built_in("en"));
        let claimant = link("entities/o/index.html", "O'Brien & Co");
        let claim = link("claims/c/index.html", "Sales rose <10% & \"fell\"");
        assert_eq!(
            claim_entry(&claim, &verdict, Some(&claimant), "../../"),
            format!(
                "<a href=\"../../claims/c/index.html\">Sales rose &lt;10% &amp; &quot;fell&quot;</a> \
                 <span class=\"verdict verdict-disputed\" title=\"{}\">{}</span> \
                 <span class=\"claimant\">— <a href=\"../../entities/o/index.html\">O&#39;Brien &amp; Co</a></span>",
                verdict.description, verdict.label
            )
        );
        assert_eq!(
            claim_entry(&claim, &verdict, None, ""),
            format!(
                "<a href=\"claims/c/index.html\">Sales rose &lt;10% &amp; &quot;fell&quot;</a> \
                 <span class=\"verdict verdict-disputed\" title=\"{}\">{}</span>",
                verdict.description, verdict.label
            )
        );
    }

    #[test]
    fn quotations_show_the_sentence_the_remark_and_the_report() {
        let english = Strings::built_in("en");
        let mut wording = WordingView {
            article: ArticleSummary {
                link: link("articles/a/index.html", "A & B"),
                outlet: None,
                published: DateView::of_date(PartialDate::parse("2014-05-19").unwrap(), &english),
            },
            passage: link("articles/a/index.html#quote-c-1", "A & B"),
            before: "He said ".into(),
            quote: "it was <ungrounded>".into(),
            after: ".".into(),
            note_html: Some("<p>Checked.</p>".into()),
            original: Some("https://e.org/a#:~:text=it".into()),
        };
        assert_eq!(
            quotation(&wording, "../../", &english),
            "<figure class=\"wording\">\n  \
             <blockquote cite=\"../../articles/a/index.html#quote-c-1\"><p>He said <mark>it was &lt;ungrounded&gt;</mark>.</p></blockquote>\n  \
             <div class=\"wording-note\"><p>Checked.</p></div>\n  \
             <figcaption>\n    \
             <a href=\"../../articles/a/index.html#quote-c-1\">A &amp; B</a>,\n    \
             <span class=\"unrecorded\">outlet not recorded</span>,\n    \
             <time datetime=\"2014-05-19\">19 May 2014</time>\n    \
             · <a href=\"https://e.org/a#:~:text=it\" rel=\"nofollow noopener\">in the original</a>\n  \
             </figcaption>\n</figure>"
        );
        wording.article.outlet = Some("Outlet".into());
        wording.note_html = None;
        wording.original = None;
        let html = quotation(&wording, "", &english);
        assert!(html.contains("<blockquote cite=\"articles/a/index.html#quote-c-1\">"));
        assert!(html.contains("</blockquote>\n  \n  <figcaption>"));
        assert!(html.contains("</a>,\n    Outlet,\n"));
        assert!(html.contains("</time>\n    \n  </figcaption>"));
    }
}
