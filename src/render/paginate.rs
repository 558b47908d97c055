//! Long lists split into numbered pages, so that no page grows with the
//! dossier without bound: `/claims/` holds the first entries,
//! `/claims/page/2/` the next, and so on. Every page links to its
//! neighbours and to a window of page numbers around it.

use serde::Serialize;

use crate::urls::PagePath;
use crate::vocabulary::Section;

/// Page numbers shown on each side of the current one, besides the first
/// and the last.
const WINDOW: usize = 2;

/// Where one page sits among a list's pages; templates draw it with the
/// `pager` macro.
#[derive(Debug, Clone, Serialize)]
pub struct Pagination {
    /// What the pager's navigation is called, for screen readers: each
    /// pager on a page needs its own name.
    pub label: String,
    /// This page's number, from 1.
    pub number: usize,
    /// How many pages the list has.
    pub count: usize,
    /// The previous page, relative to the site root.
    pub previous: Option<String>,
    /// The next page, relative to the site root.
    pub next: Option<String>,
    /// The page numbers to offer, with gaps where numbers are skipped.
    pub pages: Vec<PageNumber>,
}

/// One entry of the pager: a page or a gap ("…").
#[derive(Debug, Clone, Serialize)]
pub struct PageNumber {
    /// The page's number; 0 for a gap.
    pub number: usize,
    /// Its link, relative to the site root; empty for a gap.
    pub href: String,
}

impl Pagination {
    /// Page `number` (from 1) of `count` pages of a section's list, whose
    /// pager is called `label`.
    pub fn new(section: Section, number: usize, count: usize, label: &str) -> Pagination {
        let first = PagePath::section(section);
        Pagination::of_list(&first, "", number, count, label)
    }

    /// Page `number` (from 1) of `count` pages of a list that starts on
    /// the page `first` and continues under `dir` (see
    /// [`PagePath::list_page`]); the pager is called `label`.
    pub fn of_list(
        first: &PagePath,
        dir: &str,
        number: usize,
        count: usize,
        label: &str,
    ) -> Pagination {
        let href = |n: usize| first.list_page(dir, n).href();
        let mut pages = Vec::new();
        for n in 1..=count {
            let near = n.abs_diff(number) <= WINDOW;
            if n == 1 || n == count || near {
                pages.push(PageNumber {
                    number: n,
                    href: href(n),
                });
            } else if pages.last().is_some_and(|p| p.number != 0) {
                pages.push(PageNumber {
                    number: 0,
                    href: String::new(),
                });
            }
        }
        Pagination {
            label: label.to_owned(),
            number,
            count,
            previous: (number > 1).then(|| href(number - 1)),
            next: (number < count).then(|| href(number + 1)),
            pages,
        }
    }
}

/// `items` cut into pages of `size`, owned; an empty list still has one
/// page.
pub fn cut<T>(items: Vec<T>, size: usize) -> Vec<Vec<T>> {
    let mut pages = Vec::with_capacity(items.len().div_ceil(size).max(1));
    let mut items = items.into_iter().peekable();
    while items.peek().is_some() || pages.is_empty() {
        pages.push(items.by_ref().take(size).collect());
    }
    pages
}

/// `items` cut into pages of `size`; an empty list still has one page.
pub fn chunks<T>(items: &[T], size: usize) -> Vec<&[T]> {
    if items.is_empty() {
        return vec![items];
    }
    items.chunks(size).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(p: &Pagination) -> Vec<usize> {
        p.pages.iter().map(|p| p.number).collect()
    }

    #[test]
    fn the_pager_shows_ends_and_a_window_with_gaps() {
        let p = Pagination::new(Section::Claims, 6, 20, "Pages");
        assert_eq!(numbers(&p), [1, 0, 4, 5, 6, 7, 8, 0, 20]);
        assert_eq!(p.previous.as_deref(), Some("claims/page/5/index.html"));
        assert_eq!(p.next.as_deref(), Some("claims/page/7/index.html"));
        assert_eq!(p.pages[0].href, "claims/index.html");
        let entity = PagePath::item(
            crate::vocabulary::ItemKind::Entity,
            &crate::id::Id::parse("x").unwrap(),
        );
        let p = Pagination::of_list(&entity, "claims/", 1, 2, "Pages of X's claims");
        assert_eq!(p.pages[0].href, "entities/x/index.html");
        assert_eq!(
            p.next.as_deref(),
            Some("entities/x/claims/page/2/index.html")
        );
    }

    #[test]
    fn the_first_and_last_pages_have_one_neighbour() {
        let first = Pagination::new(Section::Claims, 1, 3, "Pages");
        assert_eq!(numbers(&first), [1, 2, 3]);
        assert!(first.previous.is_none());
        let last = Pagination::new(Section::Claims, 3, 3, "Pages");
        assert!(last.next.is_none());
    }

    #[test]
    fn lists_cut_into_pages_and_an_empty_one_keeps_a_page() {
        let items = [1, 2, 3, 4, 5];
        assert_eq!(chunks(&items, 2), [&[1, 2][..], &[3, 4], &[5]]);
        assert_eq!(chunks::<u8>(&[], 2).len(), 1);
        assert_eq!(cut(items.to_vec(), 2), [vec![1, 2], vec![3, 4], vec![5]]);
        assert_eq!(cut(Vec::<u8>::new(), 2), [Vec::<u8>::new()]);
    }
}
