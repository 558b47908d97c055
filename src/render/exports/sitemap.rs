//! `sitemap.xml`: every page of the site, with when the item it shows last
//! changed. Sitemaps need absolute URLs, which only `[site] base-url` can
//! give; without it none is written.
//!
//! The file is each page's `<url>` entry, in the order of the pages'
//! paths, so that `serve`, which writes it again after every edit, keeps
//! each item page's entry and makes only those of the pages it renders
//! again ([`entry`], [`files`]).

use std::fmt::Write as _;

use rayon::prelude::*;

use crate::date::Moment;
use crate::dossier::Dossier;
use crate::escape;
use crate::render::OutputFile;
use crate::urls::{PagePath, Urls};

/// The most URLs one sitemap file may list (the sitemaps protocol's limit);
/// beyond it `sitemap.xml` becomes an index of numbered sitemaps.
const SITEMAP_URLS: usize = 50_000;

/// The sitemap of `pages`, in any order, each with the date
/// [`last_changed`] gives; none without a base URL.
pub(crate) fn of_pages(pages: &[PagePath], urls: &Urls<'_>, dossier: &Dossier) -> Vec<OutputFile> {
    if urls.base.is_none() {
        return Vec::new();
    }
    let mut pages: Vec<&PagePath> = pages.iter().collect();
    // A merge sort, which takes runs already in order as they are: the
    // pages come as a few sorted runs (each kind of item's, the lists').
    pages.par_sort();
    let entries = pages
        .iter()
        .map(|page| entry(page, urls, last_changed(dossier, page)));
    files(entries, urls)
}

/// When the item a page shows last changed, by the dossier's history (for
/// a claim, counting its review and corrections): a sitemap's `lastmod`.
pub(crate) fn last_changed(dossier: &Dossier, page: &PagePath) -> Option<Moment> {
    dossier.page_dates(page)?.modified
}

/// The `<url>` entry of `page`, a line, with its `lastmod` if it has one.
pub(crate) fn entry(page: &PagePath, urls: &Urls<'_>, lastmod: Option<Moment>) -> String {
    let loc = escape::xml(&urls.page(page));
    match lastmod {
        Some(moment) => {
            let lastmod = match moment.time {
                Some(_) => moment.rfc3339(),
                None => moment.date.iso(),
            };
            format!("  <url><loc>{loc}</loc><lastmod>{lastmod}</lastmod></url>\n")
        }
        None => format!("  <url><loc>{loc}</loc></url>\n"),
    }
}

/// The sitemap's files from its pages' `entries`, in the pages' order:
/// `sitemap.xml`, or past [`SITEMAP_URLS`] numbered sitemaps and
/// `sitemap.xml` as their index; none without a base URL.
pub(crate) fn files<E: AsRef<str>>(
    entries: impl ExactSizeIterator<Item = E>,
    urls: &Urls<'_>,
) -> Vec<OutputFile> {
    if urls.base.is_none() {
        return Vec::new();
    }
    let count = entries.len();
    let mut entries = entries.peekable();
    let mut files = Vec::new();
    while files.is_empty() || entries.peek().is_some() {
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for entry in entries.by_ref().take(SITEMAP_URLS) {
            xml.push_str(entry.as_ref());
        }
        xml.push_str("</urlset>\n");
        let path = match count <= SITEMAP_URLS {
            true => "sitemap.xml".to_owned(),
            false => format!("sitemap-{}.xml", files.len() + 1),
        };
        files.push(OutputFile {
            path: path.into(),
            contents: xml.into_bytes(),
        });
    }
    if count > SITEMAP_URLS {
        files.push(index_of(&files, urls));
    }
    files
}

/// `sitemap.xml` as the index of the numbered sitemaps `parts`.
fn index_of(parts: &[OutputFile], urls: &Urls<'_>) -> OutputFile {
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for part in parts {
        let name = part.path.display().to_string();
        let _ = writeln!(
            index,
            "  <sitemap><loc>{}</loc></sitemap>",
            escape::xml(&urls.file(&name))
        );
    }
    index.push_str("</sitemapindex>\n");
    OutputFile {
        path: "sitemap.xml".into(),
        contents: index.into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id::Id;
    use crate::vocabulary::ItemKind;

    fn entries(pages: &[PagePath], urls: &Urls<'_>) -> Vec<String> {
        pages.iter().map(|page| entry(page, urls, None)).collect()
    }

    #[test]
    fn a_sitemap_over_the_protocol_limit_becomes_an_index() {
        let urls = Urls {
            base: Some("https://e.org/d/"),
        };
        let pages: Vec<PagePath> = (0..=SITEMAP_URLS)
            .map(|i| PagePath::item(ItemKind::Claim, &Id::parse(&format!("c{i}")).unwrap()))
            .collect();
        let parts = files(entries(&pages, &urls).iter(), &urls);
        let names: Vec<String> = parts.iter().map(|f| f.path.display().to_string()).collect();
        assert_eq!(names, ["sitemap-1.xml", "sitemap-2.xml", "sitemap.xml"]);
        let index = String::from_utf8(parts[2].contents.clone()).unwrap();
        assert!(index.contains("<sitemapindex"));
        assert!(index.contains("<loc>https://e.org/d/sitemap-2.xml</loc>"));
        let second = String::from_utf8(parts[1].contents.clone()).unwrap();
        assert_eq!(second.matches("<url>").count(), 1);
        let few = files(entries(&pages[..10], &urls).iter(), &urls);
        assert_eq!(few.len(), 1);
        assert_eq!(few[0].path.display().to_string(), "sitemap.xml");
    }

    #[test]
    fn a_site_without_pages_has_an_empty_sitemap() {
        let urls = Urls {
            base: Some("https://e.org/"),
        };
        let parts = files(std::iter::empty::<&str>(), &urls);
        let xml = String::from_utf8(parts[0].contents.clone()).unwrap();
        assert!(xml.ends_with(
            "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n</urlset>\n"
        ));
    }
}
