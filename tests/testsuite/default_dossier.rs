//! The dossier that ships in `content/`: it builds, every link resolves,
//! and every annotated passage is marked, numbered and linked both ways.

use std::sync::OnceLock;

use super::support::{Site, broken_links, one, repo_root, select, select_in, text};

/// The default dossier, built once into a temporary directory.
fn site() -> &'static Site {
    static SITE: OnceLock<(tempfile::TempDir, Site)> = OnceLock::new();
    &SITE
        .get_or_init(|| {
            let out = tempfile::tempdir().unwrap();
            let dest = out.path().join("site");
            let built = gloss::site::build(&repo_root(), Some(&dest))
                .unwrap_or_else(|e| panic!("{}", super::support::describe(&e)));
            assert!(built.warnings.is_empty(), "{:?}", built.warnings);
            (out, Site { dir: dest })
        })
        .1
}

#[test]
fn has_the_expected_scope() {
    let loaded = gloss::site::load(&repo_root()).unwrap();
    let d = &loaded.dossier;
    assert_eq!(d.articles.len(), 5);
    assert!(d.claims.len() >= 30, "{} claims", d.claims.len());
    assert!(d.events.len() >= 15, "{} events", d.events.len());
    assert!(d.entities.len() >= 15, "{} entities", d.entities.len());
}

#[test]
fn every_internal_link_and_fragment_resolves() {
    let problems = broken_links(&site().dir);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_appearance_has_a_mark_a_marker_and_a_note_that_links_back() {
    let loaded = gloss::site::load(&repo_root()).unwrap();
    for claim in loaded.dossier.claims.values() {
        for appearance in claim.appearances.iter() {
            let page = site().page(&format!("articles/{}/index.html", appearance.article));
            let quote_id = appearance.quote_anchor(&claim.id);
            let marks = select(&page, &format!("mark[data-claim=\"{}\"]", claim.id));
            let first = marks
                .iter()
                .find(|m| m.value().attr("id") == Some(quote_id.as_str()));
            assert!(
                first.is_some(),
                "no mark #{quote_id} in {}",
                appearance.article
            );
            let marker_id = appearance.marker_anchor(&claim.id);
            let marker = one(&page, &format!("sup.claim-ref a#{marker_id}"));
            assert_eq!(
                marker.value().attr("href"),
                Some(format!("#note-{}", claim.id).as_str())
            );
            let note = one(&page, &format!("li#note-{}", claim.id));
            let back = select(
                &page,
                &format!("li#note-{} .backrefs a[href=\"#{marker_id}\"]", claim.id),
            );
            assert_eq!(
                back.len(),
                1,
                "note {} has no back-link to {marker_id}",
                claim.id
            );
            let number = note.value().attr("value").unwrap();
            // The stylesheet draws the number, so that the page's text
            // is the report's; the label names it.
            assert_eq!(text(marker), "");
            assert_eq!(marker.value().attr("data-n"), Some(number));
            assert_eq!(marker.value().attr("aria-label"), Some(number));
        }
    }
}

#[test]
fn marked_text_is_the_quoted_text() {
    let page = site().page("articles/china-state-media-report-us-hacking/index.html");
    let marks = select(
        &page,
        "mark[data-claim=\"us-botnets-controlled-chinese-hosts\"]",
    );
    let marked: String = marks.iter().map(|m| text(*m)).collect::<Vec<_>>().join(" ");
    assert_eq!(
        marked,
        "U.S. based servers took control of about 1.2 million Chinese computers"
    );
}

#[test]
fn notes_are_numbered_by_first_appearance() {
    let page = site().page("articles/china-infuriated-by-spying-accusation/index.html");
    let numbers: Vec<&str> = select(&page, "sup.claim-ref a")
        .iter()
        .map(|a| a.value().attr("data-n").unwrap())
        .collect();
    let mut seen = Vec::new();
    for n in &numbers {
        let n: usize = n.parse().unwrap();
        if !seen.contains(&n) {
            assert_eq!(n, seen.len() + 1, "first uses must count up: {numbers:?}");
            seen.push(n);
        }
    }
    let notes = select(&page, "section#notes li.note");
    assert_eq!(notes.len(), seen.len());
}

#[test]
fn claim_pages_show_every_wording_and_link_to_the_passage() {
    let page = site().page("claims/us-botnets-controlled-chinese-hosts/index.html");
    let rows = select(&page, "table.wording-table tbody tr");
    assert_eq!(rows.len(), 5);
    let wordings: Vec<String> = rows.iter().map(|r| text(*r)).collect();
    assert!(
        wordings.iter().any(|w| w.contains("about 1.2 million")),
        "{wordings:?}"
    );
    assert!(
        wordings.iter().any(|w| w.contains("over 1.2 million")),
        "{wordings:?}"
    );
    let link = one(&page, "table.wording-table tbody tr:first-child a");
    assert!(
        link.value()
            .attr("href")
            .unwrap()
            .ends_with("#quote-us-botnets-controlled-chinese-hosts")
    );
    assert!(text(one(&page, ".claim-verdict")).contains("Unverified"));
}

#[test]
fn missing_metadata_is_shown_as_not_recorded() {
    let page = site().page("articles/china-says-us-compromised-million-computers/index.html");
    let values: Vec<String> = select(&page, "dl.report-meta dd")
        .iter()
        .map(|dd| text(*dd))
        .collect();
    assert_eq!(
        values,
        [
            "not recorded",
            "not recorded",
            "May 2014",
            "URL not recorded"
        ]
    );
}

#[test]
fn typos_are_kept_and_marked_sic() {
    let page = site().page("articles/china-infuriated-by-spying-accusation/index.html");
    let sic = one(&page, "mark.sic#sic-xinhua");
    assert_eq!(text(sic), "XInhua");
    let link = one(&page, "a.sic-ref[href=\"#sic-xinhua-note\"]");
    // Drawn by the stylesheet, so that the page's text is the report's.
    assert_eq!(text(link), "");
    assert_eq!(link.value().attr("aria-label"), Some("[sic]"));
}

#[test]
fn a_passage_spanning_a_slip_is_annotated_in_the_reports_own_words() {
    let path = site().dir.join("annotations.jsonld");
    let collection: serde_json::Value =
        serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let items = collection["first"]["items"].as_array().unwrap();
    let exact = |annotation: &serde_json::Value| {
        annotation["target"]["selector"][0]["exact"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert!(items.iter().all(|a| !exact(a).contains("[sic]")));
    let spanning = items
        .iter()
        .find(|a| {
            a["id"]
                .as_str()
                .unwrap()
                .ends_with("#china-says-us-compromised-million-computers/quote-us-backdoor-attacks")
        })
        .unwrap();
    assert!(
        exact(spanning).contains("that manitained backdoors in 1,754 Chinese websites"),
        "{}",
        exact(spanning)
    );
}

#[test]
fn the_timeline_is_in_order_with_spans_and_publications() {
    let page = site().page("timeline/index.html");
    let dates: Vec<String> = select(&page, "ol.timeline > li .when time:first-child")
        .iter()
        .map(|t| t.value().attr("datetime").unwrap().to_owned())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    let entry = |event: &str| {
        let suffix = format!("events/{event}/index.html");
        select(&page, "ol.timeline > li")
            .into_iter()
            .find(|li| {
                select_in(*li, "a")
                    .iter()
                    .any(|a| a.value().attr("href").is_some_and(|h| h.ends_with(&suffix)))
            })
            .unwrap_or_else(|| panic!("no timeline entry for {event}"))
    };
    let span = entry("ncnerttcc-measurement-window");
    assert!(span.value().classes().any(|c| c == "timeline-span"));
    assert!(
        text(span).contains("19 March 2014 – 18 May 2014"),
        "{}",
        text(span)
    );
    assert!(text(entry("us-accuses-huawei")).starts_with("2012 "));
    assert_eq!(select(&page, "li.timeline-publication").len(), 5);
}

#[test]
fn build_output_has_no_live_reload_script() {
    for (path, bytes) in site().snapshot() {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("__gloss"),
            "{} mentions the serve-only script",
            path.display()
        );
    }
}

#[test]
fn pages_make_no_request_outside_the_site() {
    for (path, bytes) in site().snapshot() {
        if path.extension().is_some_and(|x| x == "html") {
            let html = scraper::Html::parse_document(std::str::from_utf8(&bytes).unwrap());
            for el in select(
                &html,
                "link[href], script[src], img[src], iframe, source[src]",
            ) {
                let target = el
                    .value()
                    .attr("href")
                    .or(el.value().attr("src"))
                    .unwrap_or("");
                let loads =
                    el.value().name() != "link" || el.value().attr("rel") != Some("canonical");
                assert!(
                    !(loads && target.contains("://")),
                    "{} loads {target}",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn the_committed_permalink_manifest_is_up_to_date() {
    let out = tempfile::tempdir().unwrap();
    let built = gloss::site::build(&repo_root(), Some(out.path())).unwrap();
    assert!(
        built.manifest.is_none(),
        "permalinks.txt is stale: run `cargo run -- build --publish` and commit it"
    );
}

#[test]
fn the_wording_table_flags_roundings_and_overstatements() {
    let page = site().page("claims/us-botnets-controlled-chinese-hosts/index.html");
    let flags: Vec<String> = select(&page, ".wording-table .figure")
        .iter()
        .map(|f| text(*f))
        .collect();
    assert!(
        flags.contains(&"about 1.2 million (rounded)".to_owned()),
        "{flags:?}"
    );
    assert!(
        flags.contains(&"over 1.2 million (overstated)".to_owned()),
        "{flags:?}"
    );
    let changed: Vec<String> = select(&page, ".wording-table tr:nth-child(3) .wording-diff ins")
        .iter()
        .map(|i| text(*i))
        .collect();
    assert!(
        changed.contains(&"about".to_owned()) && !changed.contains(&"million".to_owned()),
        "{changed:?}"
    );
}

#[test]
fn reports_link_to_their_neighbours_in_time_and_claims_to_their_topic() {
    let first = site().page("articles/china-rejects-us-report/index.html");
    assert!(select(&first, "nav.pager a[rel=prev]").is_empty());
    let next = one(&first, "nav.pager a[rel=next]")
        .value()
        .attr("href")
        .unwrap()
        .to_owned();
    assert!(next.contains("articles/"), "{next}");
    let claim = site().page("claims/us-phishing-operations/index.html");
    assert!(!select(&claim, "section[aria-labelledby=same-events-heading] li").is_empty());
}

#[test]
fn the_site_ships_its_own_favicon() {
    let icon = std::fs::read(site().dir.join("favicon.ico")).unwrap();
    assert_eq!(&icon[..4], &[0, 0, 1, 0], "an ICO header");
}
