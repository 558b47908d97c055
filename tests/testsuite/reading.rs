//! What readers see beyond the text: sidenotes beside the passages, the
//! timeline grouped by month with its filters, and the search index.

use scraper::Html;

use super::support::{Fixture, SearchIndex, one, select, select_in, text};

/// Two reports, two claims (one quoted twice), two events a year apart and
/// an entity, so that every reader-facing grouping has something to show.
fn dossier() -> Fixture {
    let f = Fixture::new();
    f.article(
        "a",
        "Officials said the hackers stole data. Later the hackers stole data again, \
         officials said, and the ministry denied it.\n",
    );
    f.file(
        "content/articles/b.md",
        "+++\ntitle = \"Article b\"\npublished = \"2013-02\"\n+++\nThe ministry denied it firmly.\n",
    );
    f.annotations(
        "x",
        r#"[[entity]]
id = "ministry"
name = "The Ministry"
kind = "government"

[[claim]]
id = "stole"
title = "Hackers stole data"
status = "disputed"
claimant = "ministry"
events = ["theft"]
allow = ["unsourced-claim"]

  [[claim.appearance]]
  article = "a"
  quote = "the hackers stole data."

  [[claim.appearance]]
  article = "a"
  quote = "the hackers stole data again"

[[claim]]
id = "denied"
title = "The ministry denied it"
status = "opinion"
allow = ["unsourced-claim"]

  [[claim.appearance]]
  article = "a"
  quote = "the ministry denied it"

  [[claim.appearance]]
  article = "b"
  quote = "The ministry denied it"

[[event]]
id = "theft"
title = "The theft"
date = "2014-05-19"
entities = ["ministry"]

[[event]]
id = "earlier"
title = "Something earlier"
date = "2013"
"#,
    );
    f
}

#[test]
fn each_claim_gets_one_sidenote_beside_its_first_passage() {
    let f = dossier();
    let site = f.build();
    let page = site.page("articles/a/index.html");
    let sidenotes = select(&page, ".report-body .sidenote");
    assert_eq!(sidenotes.len(), 2, "one per claim, not per passage");
    let first = sidenotes[0];
    let marker = first
        .prev_siblings()
        .find_map(scraper::ElementRef::wrap)
        .expect("the sidenote follows its marker");
    assert_eq!(
        select_in(marker, "a")[0].value().attr("id"),
        Some("ref-stole")
    );
    assert_eq!(text(select_in(first, ".sidenote-number")[0]), "1");
    let link = select_in(first, "a")[0];
    assert_eq!(
        link.value().attr("href"),
        Some("../../claims/stole/index.html")
    );
    assert_eq!(text(select_in(first, ".verdict")[0]), "Disputed");
    assert!(text(first).contains("Claimed by The Ministry"));
    assert_eq!(first.value().attr("aria-hidden"), Some("true"));
    for link in select_in(first, "a") {
        assert_eq!(link.value().attr("tabindex"), Some("-1"));
    }
}

#[test]
fn the_timeline_groups_by_year_then_month_and_says_when_the_month_is_unknown() {
    let f = dossier();
    let site = f.build();
    let page = site.page("timeline/index.html");
    let headings: Vec<String> = select(&page, ".timeline-year > h2, .timeline-month > h3")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(
        headings,
        [
            "2013",
            "2013, month not known",
            "February 2013",
            "2014",
            "May 2014"
        ]
    );
    let may = one(
        &page,
        "section.timeline-month[aria-labelledby=\"month-2014-05\"]",
    );
    let entries: Vec<String> = select_in(may, "li").into_iter().map(text).collect();
    assert_eq!(entries.len(), 2, "{entries:?}");
    assert!(entries[0].contains("The theft"));
    assert!(entries[1].contains("Report published"));
}

#[test]
fn timeline_entries_carry_the_facets_the_filters_offer() {
    let f = dossier();
    let site = f.build();
    let page = site.page("timeline/index.html");
    let entry = |title: &str| {
        select(&page, "ol.timeline > li")
            .into_iter()
            .find(|li| text(*li).contains(title))
            .unwrap_or_else(|| panic!("no entry {title}"))
    };
    let theft = entry("The theft");
    assert_eq!(theft.value().attr("data-entities"), Some("ministry"));
    assert_eq!(theft.value().attr("data-verdicts"), Some("disputed"));
    let report_a = entry("Article a");
    assert_eq!(report_a.value().attr("data-entities"), Some("ministry"));
    assert_eq!(
        report_a.value().attr("data-verdicts"),
        Some("disputed opinion")
    );
    let earlier = entry("Something earlier");
    assert_eq!(earlier.value().attr("data-entities"), Some(""));

    let options = |id: &str| -> Vec<String> {
        select(&page, &format!("select#{id} option"))
            .into_iter()
            .map(|o| o.value().attr("value").unwrap().to_owned())
            .collect()
    };
    assert_eq!(options("filter-entity"), ["", "ministry"]);
    assert_eq!(options("filter-verdict"), ["", "disputed", "opinion"]);

    let css =
        String::from_utf8(site.snapshot()[std::path::Path::new("timeline/filters.css")].clone())
            .unwrap();
    for (filter, attribute, value) in [
        ("entity", "data-entities", "ministry"),
        ("verdict", "data-verdicts", "disputed"),
        ("verdict", "data-verdicts", "opinion"),
    ] {
        let chosen = format!("#timeline:has(#filter-{filter} [value=\"{value}\"]:checked)");
        let hidden = format!(":is(.timeline > li:not([{attribute}~=\"{value}\"]), ");
        assert!(css.contains(&format!("{chosen} {hidden}")), "{css}");
    }
    let link = one(
        &page,
        "link[rel=stylesheet][href=\"../timeline/filters.css\"]",
    );
    assert!(link.value().attr("href").is_some());
}

#[test]
fn the_search_index_lists_everything_a_reader_can_find() {
    let f = dossier();
    let site = f.build();
    let snapshot = site.snapshot();
    let index = SearchIndex::of_site(&site);
    let documents = index.documents();
    let hrefs: Vec<&str> = documents.iter().map(|d| d[2].as_str().unwrap()).collect();
    for href in [
        "articles/a/index.html",
        "articles/b/index.html",
        "claims/stole/index.html",
        "claims/denied/index.html",
        "events/theft/index.html",
        "events/earlier/index.html",
        "entities/ministry/index.html",
    ] {
        assert!(hrefs.contains(&href), "{href} missing from {hrefs:?}");
        assert!(snapshot.contains_key(std::path::Path::new(href)));
    }
    let stole = documents
        .iter()
        .find(|d| d[2] == "claims/stole/index.html")
        .unwrap();
    assert_eq!(stole[3], "Disputed");
    let passages: Vec<&str> = stole[4]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p[1].as_str().unwrap())
        .collect();
    assert!(
        passages.iter().any(|p| p.contains("stole data again")),
        "{passages:?}"
    );
    assert!(
        index
            .hrefs_holding("words", "stole")
            .contains(&"claims/stole/index.html".to_owned())
    );
    assert!(
        index
            .hrefs_holding("pairs", "data again")
            .contains(&"claims/stole/index.html".to_owned())
    );

    let page: Html = site.page("search/index.html");
    assert!(!select(&page, "#search-fallback a").is_empty());
    assert!(one(&page, "#search-form").value().attr("hidden").is_some());
    let nav: Vec<String> = select(&page, ".site-header nav a")
        .into_iter()
        .map(text)
        .collect();
    assert!(nav.contains(&"Search".to_owned()));
}

#[test]
fn long_lists_continue_on_numbered_pages_that_link_each_other() {
    let f = dossier();
    f.file(
        "book.toml",
        "[book]\ntitle = \"Fixture\"\n[build]\npage-size = 1\n",
    );
    let site = f.build();
    let rows = |path: &str| select(&site.page(path), ".claims-table tbody tr").len();
    assert_eq!(rows("claims/index.html"), 1);
    assert_eq!(rows("claims/page/2/index.html"), 1);
    assert!(!site.dir.join("claims/page/3").exists());
    let first = site.page("claims/index.html");
    let next = one(&first, ".pagination a[rel=next]");
    assert_eq!(
        next.value().attr("href"),
        Some("../claims/page/2/index.html")
    );
    let second = site.page("claims/page/2/index.html");
    let previous = one(&second, ".pagination a[rel=prev]");
    assert_eq!(
        previous.value().attr("href"),
        Some("../../../claims/index.html")
    );
    assert_eq!(text(one(&second, ".pagination a[aria-current=page]")), "2");
    for section in ["articles", "timeline", "entities", "sources"] {
        assert!(
            !select(&site.page(&format!("{section}/index.html")), ".pagination").is_empty()
                || section == "entities",
            "{section} is not paged"
        );
    }
    assert_eq!(
        select(&site.page("timeline/page/2/index.html"), "ol.timeline > li").len(),
        1
    );
    let problems = super::support::broken_links(&site.dir);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn long_lists_on_entity_and_event_pages_continue_on_numbered_pages() {
    let f = dossier();
    f.file(
        "book.toml",
        "[book]\ntitle = \"Fixture\"\n[build]\npage-size = 1\n",
    );
    f.annotations(
        "more",
        r#"[[claim]]
id = "firm-denial"
title = "The ministry denied it firmly"
status = "opinion"
claimant = "ministry"
events = ["theft"]
allow = ["unsourced-claim"]

  [[claim.appearance]]
  article = "b"
  quote = "denied it firmly"
"#,
    );
    let site = f.build();
    let claims = |page: &Html| -> Vec<String> {
        select(page, ".claim-list li > a:first-child")
            .into_iter()
            .map(text)
            .collect()
    };
    let entity = site.page("entities/ministry/index.html");
    let on_entity_page = claims(&entity);
    assert_eq!(on_entity_page.len(), 1, "{on_entity_page:?}");
    let labels: Vec<&str> = select(&entity, "nav.pagination")
        .into_iter()
        .map(|nav| nav.value().attr("aria-label").unwrap())
        .collect();
    assert_eq!(labels, ["Pages of claims", "Pages of quotations"]);
    let next = one(&entity, "nav[aria-label=\"Pages of claims\"] a[rel=next]");
    assert_eq!(
        next.value().attr("href"),
        Some("../../entities/ministry/claims/page/2/index.html")
    );

    let later = site.page("entities/ministry/claims/page/2/index.html");
    let on_later_page = claims(&later);
    assert_eq!(on_later_page.len(), 1);
    assert_ne!(on_later_page, on_entity_page);
    assert_eq!(text(one(&later, "h1")), "The Ministry");
    assert_eq!(text(one(&later, "h2")), "What they claim, page 2 of 2");
    let back = one(&later, ".breadcrumb a");
    assert_eq!(
        back.value().attr("href"),
        Some("../../../../../entities/ministry/index.html")
    );
    assert_eq!(
        select(
            &site.page("entities/ministry/quoted/page/2/index.html"),
            "figure.wording"
        )
        .len(),
        1
    );
    assert_eq!(
        claims(&site.page("events/theft/claims/page/2/index.html")).len(),
        1
    );
    let reports = site.page("events/theft/reports/page/2/index.html");
    assert_eq!(select(&reports, "section li").len(), 1);
    assert!(!site.dir.join("entities/ministry/events/page/2").exists());
    let problems = super::support::broken_links(&site.dir);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn later_list_pages_are_not_permalinks() {
    let f = dossier();
    f.file(
        "book.toml",
        "[book]\ntitle = \"Fixture\"\n[build]\npage-size = 1\n",
    );
    let out = tempfile::tempdir().unwrap();
    let built = gloss::site::build(f.root(), Some(out.path())).unwrap();
    let mut manifest = Vec::new();
    let new = built
        .manifest
        .expect("the fixture has no permalinks.txt yet");
    new.write_text(&mut manifest).unwrap();
    let manifest = String::from_utf8(manifest).unwrap();
    assert!(manifest.contains("/claims/\t"), "{manifest}");
    assert!(!manifest.contains("/page/"), "{manifest}");
}

#[test]
fn page_is_reserved_for_the_numbered_pages() {
    let f = Fixture::new();
    f.article("page", "Some words here.\n");
    let errors = f.build_errors();
    assert!(
        errors
            .iter()
            .any(|d| d.message.contains("`page` is reserved")),
        "{errors:?}"
    );
}

/// A wire story carried by twelve reports, one of which rewords it.
fn syndicated() -> Fixture {
    let f = Fixture::new();
    let mut appearances = String::new();
    for n in 0..12 {
        let verb = if n == 3 { "would" } else { "will" };
        f.article(
            &format!("r{n:02}"),
            &format!("Engineers said the dam {verb} hold through the spring floods.\n"),
        );
        appearances.push_str(&format!(
            "\n  [[claim.appearance]]\n  article = \"r{n:02}\"\n  quote = \"the dam {verb} hold\"\n"
        ));
    }
    f.annotations(
        "dam",
        &format!(
            "[[claim]]\nid = \"dam\"\ntitle = \"The dam will hold\"\nstatus = \"unverified\"\nallow = [\"unsourced-claim\"]\n{appearances}"
        ),
    );
    f
}

#[test]
fn a_note_lists_a_few_other_passages_and_leaves_the_rest_to_the_claim_page() {
    let f = syndicated();
    let site = f.build();
    let page = site.page("articles/r00/index.html");
    let note = one(&page, "#note-dam");
    let summary = text(select_in(note, ".note-elsewhere summary")[0]);
    assert_eq!(summary, "Also carried by 11 other passages");
    let entries = select_in(note, ".note-elsewhere li");
    assert_eq!(entries.len(), 9, "eight passages and a link to the rest");
    let wordings: Vec<String> = entries[..8].iter().map(|li| text(*li)).collect();
    assert!(
        wordings[2].ends_with(": “the dam would hold”"),
        "a different wording is quoted: {wordings:?}"
    );
    let same = wordings.iter().filter(|w| w.ends_with(": same wording"));
    assert_eq!(same.count(), 7, "{wordings:?}");
    let rest = select_in(entries[8], "a")[0];
    assert_eq!(text(rest), "and 3 more, on the claim’s page");
    assert_eq!(
        rest.value().attr("href"),
        Some("../../claims/dam/index.html#appearances-heading")
    );
    assert_eq!(
        super::support::broken_links(&f.public()),
        Vec::<String>::new()
    );
    let claim = site.page("claims/dam/index.html");
    let all = select(
        &claim,
        "section[aria-labelledby=appearances-heading] figure.wording",
    );
    assert_eq!(all.len(), 12, "the claim's page lists every passage");
}

#[test]
fn notes_grow_with_the_reports_not_with_their_square() {
    let f = syndicated();
    let site = f.build();
    let listed: usize = (0..12)
        .map(|n| {
            let page = site.page(&format!("articles/r{n:02}/index.html"));
            select(&page, ".note-elsewhere li").len()
        })
        .sum();
    assert_eq!(
        listed,
        12 * 9,
        "at most nine entries per report, not 11 each"
    );
}
