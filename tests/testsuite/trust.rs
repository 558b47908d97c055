//! Trust on text nobody here wrote: the fixture dossiers under
//! `tests/fixtures/` (invented reports of other stories, with links,
//! repeated figures and figures inside figures) render what the reports
//! say, no more and no less.

use super::support::{Fixture, select, text};

#[test]
fn a_passage_ending_inside_a_link_has_its_marker_after_the_link() {
    let f = Fixture::copy_of("recall");
    let site = f.build();
    let page = site.page("articles/wire-harwell-recall/index.html");
    assert!(select(&page, "a a, a sup, a .sidenote").is_empty());
    let link = select(&page, "a[href='https://example.org/harwell/notice']")[0];
    assert_eq!(text(link), "more than 2 million vehicles");
    let marker = link
        .next_siblings()
        .find_map(scraper::ElementRef::wrap)
        .expect("an element follows the link");
    assert_eq!(marker.value().name(), "sup");
    assert_eq!(text(marker), "1");
}

#[test]
fn a_figure_is_never_anchored_inside_a_longer_figure() {
    let f = Fixture::copy_of("recall");
    let site = f.build();
    let page = site.page("articles/wire-harwell-recall/index.html");
    let marks = select(&page, "mark[data-claim='crashes-reviewed']");
    assert_eq!(marks.len(), 1);
    assert_eq!(text(marks[0]), "1,000 crashes were reviewed a second time");
    let paragraph = marks[0]
        .parent()
        .and_then(scraper::ElementRef::wrap)
        .unwrap();
    assert!(text(paragraph).contains("; 1,000 crashes were reviewed a second time"));
}
