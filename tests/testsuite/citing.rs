//! Citing and reusing: permalinks and redirects, the permalink manifest,
//! citations, structured data, exports and feeds.

use std::process::Command;

use scraper::Html;

use super::support::{Fixture, broken_links, one, repo_root, select, text};

fn fixture() -> Fixture {
    let f = Fixture::new();
    f.file(
        "book.toml",
        "[book]\ntitle = \"Fixture\"\npublisher = \"The Desk\"\n[site]\nbase-url = \"https://example.org/dossier\"\n",
    );
    f.file(
        "content/articles/a.md",
        "+++\ntitle = \"Report A\"\npublished = 2014-05-20\noutlet = \"Outlet\"\nurl = \"https://news.example/a\"\naliases = [\"old-a\"]\n+++\nFirst he said it was purely ungrounded, then he left.\n\nA second paragraph.\n",
    );
    f.annotations(
        "x",
        "[[entity]]\nid = \"qin\"\nname = \"Qin Gang\"\nkind = \"person\"\n\n[[claim]]\nid = \"c\"\ntitle = \"It was ungrounded\"\nstatus = \"opinion\"\nclaimant = \"qin\"\naliases = [\"old-c\"]\nnote = \"A note with </script><script>alert(1)</script> in it.\"\nevents = [\"e\"]\n\n  [[claim.appearance]]\n  article = \"a\"\n  quote = \"it was purely ungrounded\"\n\n  [[claim.source]]\n  title = \"S\"\n\n[[event]]\nid = \"e\"\ntitle = \"The statement\"\ndate = \"2014-05\"\nend = \"2014-06\"\n",
    );
    f
}

fn json_ld(page: &Html) -> serde_json::Value {
    let script = one(page, "script[type=\"application/ld+json\"]");
    serde_json::from_str(&script.inner_html()).unwrap()
}

#[test]
fn aliases_leave_redirects_at_the_old_urls() {
    let f = fixture();
    let site = f.build();
    let old = site.page("claims/old-c/index.html");
    assert_eq!(
        one(&old, "link[rel=canonical]").value().attr("href"),
        Some("https://example.org/dossier/claims/c/")
    );
    let refresh = one(&old, "meta[http-equiv=refresh]")
        .value()
        .attr("content")
        .unwrap();
    assert_eq!(refresh, "0; url=../../claims/c/index.html");
    let redirects = std::fs::read_to_string(site.dir.join("_redirects")).unwrap();
    assert_eq!(
        redirects,
        "/dossier/articles/old-a/ /dossier/articles/a/ 301\n/dossier/claims/old-c/ /dossier/claims/c/ 301\n"
    );
    assert!(
        broken_links(&site.dir).is_empty(),
        "{:?}",
        broken_links(&site.dir)
    );
}

#[test]
fn an_alias_may_not_take_another_items_url() {
    let f = fixture();
    f.annotations("y", "[[claim]]\nid = \"old-c\"\ntitle = \"T\"\nstatus = \"opinion\"\nallow = [\"unsourced-claim\"]\n");
    let errors = f.build_errors();
    let clash = errors
        .iter()
        .find(|d| {
            d.message
                .contains("alias `old-c` of claim `c` is the id of another claim")
        })
        .unwrap_or_else(|| panic!("{errors:?}"));
    // At the alias itself, not at the claim's header.
    let source = std::fs::read_to_string(f.root().join(&clash.path)).unwrap();
    let line = source.lines().nth(clash.line - 1).unwrap();
    assert!(
        line.contains("aliases") && line.contains("\"old-c\""),
        "{line}"
    );
    assert_eq!(&line[clash.column - 1..][..7], "\"old-c\"");

    // An article's alias is located in its front matter the same way.
    f.file(
        "content/articles/b.md",
        "+++\ntitle = \"B\"\npublished = 2014-05-21\naliases = [\"a\"]\n+++\nB.\n",
    );
    let errors = f.build_errors();
    let clash = errors
        .iter()
        .find(|d| d.message.contains("alias `a` of article `b`"))
        .unwrap_or_else(|| panic!("{errors:?}"));
    assert_eq!((clash.line, clash.column), (4, 12));
}

#[test]
fn the_permalink_manifest_catches_vanished_urls_unless_aliased() {
    let f = fixture();
    let gloss = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_gloss"))
            .args(args)
            .output()
            .unwrap()
    };
    let root = f.root().to_str().unwrap();
    assert_eq!(gloss(&["build", "--publish", root]).status.code(), Some(0));
    let manifest = std::fs::read_to_string(f.root().join("permalinks.txt")).unwrap();
    assert!(
        manifest.contains("/claims/c/\tcontent/annotations/x.toml\n"),
        "{manifest}"
    );
    assert!(
        manifest.contains("/articles/a/#quote-c\tcontent/annotations/x.toml\n"),
        "{manifest}"
    );
    assert!(
        manifest.contains("/articles/a/#p-a-second-paragraph\tcontent/articles/a.md\n"),
        "{manifest}"
    );

    let renamed = std::fs::read_to_string(f.root().join("content/annotations/x.toml"))
        .unwrap()
        .replace("id = \"c\"", "id = \"c2\"")
        .replace("aliases = [\"old-c\"]", "aliases = []");
    f.annotations("x", &renamed);
    let warnings = gloss::site::check(f.root()).unwrap();
    let vanished: Vec<_> = warnings
        .iter()
        .filter(|d| d.message.contains("`/claims/c/`"))
        .collect();
    assert_eq!(vanished.len(), 1, "{warnings:?}");
    assert_eq!(
        vanished[0].path,
        std::path::Path::new("content/annotations/x.toml")
    );

    f.annotations(
        "x",
        &renamed.replace("aliases = []", "aliases = [\"c\", \"old-c\"]"),
    );
    assert_eq!(gloss::site::check(f.root()).unwrap(), []);

    f.annotations("x", &renamed);
    f.file(
        "book.toml",
        &std::fs::read_to_string(f.root().join("book.toml"))
            .unwrap()
            .replace("[site]", "[check]\ndeny = [\"vanished-permalink\"]\n[site]"),
    );
    assert_eq!(gloss(&["check", root]).status.code(), Some(1));
}

#[cfg(unix)]
#[test]
fn the_manifest_is_rewritten_only_when_it_changes() {
    use std::os::unix::fs::MetadataExt;
    let f = fixture();
    let manifest = f.root().join("permalinks.txt");
    let build = || {
        let status = Command::new(env!("CARGO_BIN_EXE_gloss"))
            .args(["build", "--publish", f.root().to_str().unwrap()])
            .status()
            .unwrap();
        assert!(status.success());
    };
    build();
    let written = std::fs::metadata(&manifest).unwrap().ino();
    build();
    assert_eq!(
        std::fs::metadata(&manifest).unwrap().ino(),
        written,
        "an unchanged manifest is left as it is"
    );

    f.file(
        "content/articles/b.md",
        "+++\ntitle = \"Report B\"\npublished = 2014-05-21\n+++\nAnother report.\n",
    );
    build();
    assert_ne!(std::fs::metadata(&manifest).unwrap().ino(), written);
    let text = std::fs::read_to_string(&manifest).unwrap();
    let urls: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert!(urls.contains(&"/articles/b/"), "{text}");
    assert!(urls.is_sorted(), "{text}");
}

#[test]
fn paragraphs_have_pilcrow_links_and_quotes_link_to_the_original() {
    let f = fixture();
    let site = f.build();
    let page = site.page("articles/a/index.html");
    let pilcrow = one(&page, "p#p-a-second-paragraph a.pilcrow");
    assert_eq!(pilcrow.value().attr("href"), Some("#p-a-second-paragraph"));
    let claim = site.page("claims/c/index.html");
    let original = select(&claim, ".wording figcaption a")
        .into_iter()
        .find(|a| text(*a) == "in the original")
        .unwrap();
    assert_eq!(
        original.value().attr("href"),
        Some(
            "https://news.example/a#:~:text=First%20he%20said-,it%20was%20purely%20ungrounded,-%2C%20then%20he"
        )
    );
}

#[test]
fn every_page_has_a_canonical_url_and_social_meta() {
    let f = fixture();
    let site = f.build();
    for (path, bytes) in site.snapshot() {
        let is_page = path.extension().is_some_and(|x| x == "html")
            && !path.starts_with("claims/old-c")
            && !path.starts_with("articles/old-a");
        if !is_page {
            continue;
        }
        let page = Html::parse_document(std::str::from_utf8(&bytes).unwrap());
        let canonical = one(&page, "link[rel=canonical]")
            .value()
            .attr("href")
            .unwrap()
            .to_owned();
        assert!(
            canonical.starts_with("https://example.org/dossier/"),
            "{}: {canonical}",
            path.display()
        );
        assert_eq!(
            one(&page, "meta[property=\"og:url\"]")
                .value()
                .attr("content"),
            Some(canonical.as_str())
        );
        one(&page, "meta[name=\"twitter:card\"]");
    }
}

#[test]
fn structured_data_describes_claims_articles_and_events() {
    let f = fixture();
    let site = f.build();
    let review = json_ld(&site.page("claims/c/index.html"));
    assert_eq!(review["@type"], "ClaimReview");
    assert_eq!(review["claimReviewed"], "It was ungrounded");
    assert_eq!(review["url"], "https://example.org/dossier/claims/c/");
    assert_eq!(review["reviewRating"]["alternateName"], "Opinion");
    assert_eq!(review["author"]["name"], "The Desk");
    assert_eq!(
        review["itemReviewed"]["author"],
        serde_json::json!({"@type": "Person", "name": "Qin Gang"})
    );
    assert_eq!(
        review["itemReviewed"]["firstAppearance"]["isBasedOn"],
        "https://news.example/a"
    );
    let article = json_ld(&site.page("articles/a/index.html"));
    assert_eq!(
        (article["@type"].as_str(), article["isBasedOn"].as_str()),
        (Some("NewsArticle"), Some("https://news.example/a"))
    );
    let event = json_ld(&site.page("events/e/index.html"));
    assert_eq!(
        (event["startDate"].as_str(), event["endDate"].as_str()),
        (Some("2014-05"), Some("2014-06"))
    );
}

#[test]
fn a_note_cannot_break_out_of_the_json_ld_script() {
    let f = fixture();
    let site = f.build();
    let page = site.page("claims/c/index.html");
    let scripts = select(&page, "script");
    assert_eq!(scripts.len(), 1, "only the JSON-LD block");
    let html = std::fs::read_to_string(site.dir.join("claims/c/index.html")).unwrap();
    assert_eq!(html.matches("<script").count(), 1, "{html}");
}

#[test]
fn citations_come_in_three_formats_dated_from_the_data() {
    let f = fixture();
    let out = Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args(["build", f.root().to_str().unwrap()])
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let page = Html::parse_document(
        &std::fs::read_to_string(f.public().join("articles/a/index.html")).unwrap(),
    );
    let cite = one(&page, "details#cite");
    let plain = text(one(&page, "details#cite > p:nth-of-type(1)"));
    assert_eq!(
        plain,
        "The Desk. “Report A.” Fixture, 14 November 2023. https://example.org/dossier/articles/a/ (accessed 14 November 2023)."
    );
    let blocks: Vec<String> = super::support::select_in(cite, "pre code")
        .iter()
        .map(|c| c.text().collect())
        .collect();
    assert!(blocks[0].starts_with("@misc{articles-a,"), "{}", blocks[0]);
    let csl: serde_json::Value = serde_json::from_str(&blocks[1]).unwrap();
    assert_eq!(
        csl[0]["issued"]["date-parts"],
        serde_json::json!([[2023, 11, 14]])
    );
    assert_eq!(
        csl[0]["accessed"]["date-parts"],
        serde_json::json!([[2023, 11, 14]])
    );
}

/// The DOM text of a page: its body's text nodes, concatenated.
fn dom_text(html: &str) -> String {
    let page = Html::parse_document(html);
    let body = one(&page, "body");
    body.descendants()
        .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
        .collect()
}

#[test]
fn web_annotations_select_each_quote_exactly_once_in_the_rendered_page() {
    let out = tempfile::tempdir().unwrap();
    gloss::site::build(&repo_root(), Some(out.path())).unwrap();
    let export: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out.path().join("annotations.jsonld")).unwrap(),
    )
    .unwrap();
    let page = &export["first"];
    assert_eq!(page["type"], "AnnotationPage");
    assert_eq!(page["partOf"], export["id"], "a page names its collection");
    assert_eq!(page["id"], "/annotations.jsonld#page-1");
    let items = page["items"].as_array().unwrap();
    assert!(items.iter().all(|item| {
        item["target"]["selector"][1]["conformsTo"] == "http://tools.ietf.org/rfc/rfc3236"
    }));
    let loaded = gloss::site::load(&repo_root()).unwrap();
    let appearances: usize = loaded
        .dossier
        .claims
        .values()
        .map(|c| c.appearances.len())
        .sum();
    assert_eq!(items.len(), appearances);
    assert_eq!(export["total"].as_u64(), Some(appearances as u64));
    for item in items {
        let source = item["target"]["source"].as_str().unwrap();
        let page = std::fs::read_to_string(
            out.path()
                .join(source.trim_start_matches('/'))
                .join("index.html"),
        )
        .unwrap();
        let dom = dom_text(&page);
        let selector = &item["target"]["selector"][0];
        assert_eq!(selector["type"], "TextQuoteSelector");
        let whole = format!(
            "{}{}{}",
            selector["prefix"].as_str().unwrap(),
            selector["exact"].as_str().unwrap(),
            selector["suffix"].as_str().unwrap()
        );
        assert_eq!(dom.matches(&whole).count(), 1, "{item}");
    }
}

#[test]
fn claims_and_timeline_exports_keep_precision_and_ids() {
    let f = fixture();
    let site = f.build();
    let claims: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(site.dir.join("claims.json")).unwrap())
            .unwrap();
    let c = &claims["claims"][0];
    assert_eq!(
        (c["id"].as_str(), c["verdict"].as_str()),
        (Some("c"), Some("opinion"))
    );
    assert_eq!(c["appearances"][0]["quote"], "it was purely ungrounded");
    assert_eq!(
        c["appearances"][0]["url"],
        "https://example.org/dossier/articles/a/#quote-c"
    );
    let timeline: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(site.dir.join("timeline.json")).unwrap())
            .unwrap();
    let events = timeline["events"].as_array().unwrap();
    let event = events.iter().find(|e| e["unique_id"] == "event-e").unwrap();
    assert_eq!(
        event["start_date"],
        serde_json::json!({"year": 2014, "month": 5, "display_date": "May 2014"})
    );
    assert!(event["start_date"].get("day").is_none());
    assert!(
        events
            .iter()
            .any(|e| e["unique_id"] == "report-a" && e["start_date"]["day"] == 20)
    );
}

#[test]
fn feed_sitemap_and_robots() {
    let f = fixture();
    let site = f.build();
    let feed = std::fs::read_to_string(site.dir.join("feed.xml")).unwrap();
    assert!(feed.starts_with(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">"
    ));
    assert!(
        feed.contains("<id>https://example.org/dossier/claims/c/</id>"),
        "{feed}"
    );
    assert!(feed.contains("<link rel=\"self\" href=\"https://example.org/dossier/feed.xml\"/>"));
    assert_eq!(feed.matches("<entry>").count(), 2);
    let sitemap = std::fs::read_to_string(site.dir.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("<loc>https://example.org/dossier/claims/c/</loc>"));
    let robots = std::fs::read_to_string(site.dir.join("robots.txt")).unwrap();
    assert!(robots.contains("Sitemap: https://example.org/dossier/sitemap.xml"));
}

#[test]
fn the_feed_keeps_the_hundred_latest_newest_first() {
    let f = Fixture::new();
    let report = |slug: &str, date: &str| {
        let text = format!("+++\ntitle = \"{slug}\"\npublished = {date}\n+++\nText.\n");
        f.file(&format!("content/articles/{slug}.md"), &text);
    };
    for i in 0..105 {
        report(
            &format!("r{i:03}"),
            &format!("2010-{:02}-{:02}", i / 28 + 1, i % 28 + 1),
        );
    }
    // The newest date twice: the two are listed in the order of their pages.
    report("z-late", "2011-01-01");
    report("a-late", "2011-01-01");
    // The date of the hundredth entry, 31 times: the first page keeps it.
    for i in 0..30 {
        report(&format!("c-{i:02}"), "2010-01-08");
    }
    let site = f.build();
    let feed = std::fs::read_to_string(site.dir.join("feed.xml")).unwrap();
    let titles: Vec<&str> = feed
        .split("<entry>\n    <title>")
        .skip(1)
        .map(|entry| entry.split_once("</title>").unwrap().0)
        .collect();
    let mut expected = vec!["a-late".to_owned(), "z-late".to_owned()];
    expected.extend((8..105).rev().map(|i| format!("r{i:03}")));
    expected.push("c-00".to_owned());
    assert_eq!(titles, expected);
}

#[test]
fn only_the_published_build_makes_permalinks_permanent() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("dossier");
    let gloss = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_gloss"))
            .args(args)
            .output()
            .unwrap()
    };
    let root_str = root.to_str().unwrap();
    assert_eq!(gloss(&["init", root_str]).status.code(), Some(0));
    let manifest = root.join("permalinks.txt");

    // A local build of the starter dossier records nothing, and says how.
    let draft = gloss(&["build", root_str]);
    assert_eq!(draft.status.code(), Some(0));
    assert!(!manifest.exists());
    let said = String::from_utf8_lossy(&draft.stderr);
    assert!(
        said.contains("`gloss build --publish` records them"),
        "{said}"
    );

    // Removing the example before publishing costs nothing.
    std::fs::remove_file(root.join("content/articles/example-report.md")).unwrap();
    std::fs::remove_file(root.join("content/annotations/example.toml")).unwrap();
    let checked = gloss(&["check", root_str]);
    assert!(!String::from_utf8_lossy(&checked.stderr).contains("vanished-permalink"));

    // The published build records the site; a later loss is reported.
    let published = gloss(&["build", "--publish", root_str]);
    assert_eq!(published.status.code(), Some(0));
    assert!(
        std::fs::read_to_string(&manifest)
            .unwrap()
            .contains("/claims/\t")
    );
    std::fs::write(
        root.join("content/articles/later.md"),
        "+++\ntitle = \"Later\"\npublished = 2024-01-02\n+++\nText.\n",
    )
    .unwrap();
    assert_eq!(
        gloss(&["build", "--publish", root_str]).status.code(),
        Some(0)
    );
    std::fs::remove_file(root.join("content/articles/later.md")).unwrap();
    let lost = gloss(&["check", root_str]);
    let said = String::from_utf8_lossy(&lost.stderr);
    assert!(
        said.contains("the published permalink `/articles/later/` no longer exists"),
        "{said}"
    );
}

#[test]
fn each_item_page_describes_itself_to_link_previews() {
    let f = fixture();
    let site = f.build();
    let described = |path: &str| {
        let page = site.page(path);
        let og = one(&page, "meta[property=\"og:description\"]")
            .value()
            .attr("content")
            .map(str::to_owned);
        let meta = one(&page, "meta[name=description]")
            .value()
            .attr("content")
            .map(str::to_owned);
        assert_eq!(og, meta, "{path}");
        og.unwrap()
    };
    assert_eq!(
        described("claims/c/index.html"),
        "Opinion: It was ungrounded"
    );
    assert_eq!(
        described("articles/a/index.html"),
        "Outlet, 20 May 2014: the report as published, with its annotated passages"
    );
    assert_eq!(described("events/e/index.html"), "May 2014: The statement");
    assert_eq!(
        described("entities/qin/index.html"),
        "Qin Gang: the claims they make and the passages quoting them"
    );
    assert!(
        select(
            &site.page("index.html"),
            "meta[property=\"og:description\"]"
        )
        .is_empty(),
        "a dossier without a description gives the home page none"
    );
}

#[test]
fn a_preview_picture_is_a_file_of_the_site_at_an_absolute_url() {
    let f = fixture();
    f.file(
        "book.toml",
        "[book]\ntitle = \"Fixture\"\n[site]\nbase-url = \"https://example.org/dossier\"\nimage = \"images/cover.png\"\nimage-alt = \"The harbour at dusk\"\n",
    );
    let errors = f.build_errors();
    assert!(
        errors.iter().any(|e| e
            .message
            .contains("`images/cover.png`, which is not a file of the site")),
        "{errors:?}"
    );
    f.file("static/images/cover.png", "not really a picture");
    let site = f.build();
    let page = site.page("claims/c/index.html");
    let content = |css: &str| one(&page, css).value().attr("content").unwrap().to_owned();
    assert_eq!(
        content("meta[property=\"og:image\"]"),
        "https://example.org/dossier/images/cover.png"
    );
    assert_eq!(
        content("meta[property=\"og:image:alt\"]"),
        "The harbour at dusk"
    );
    assert_eq!(
        content("meta[name=\"twitter:card\"]"),
        "summary_large_image"
    );
}

#[test]
fn a_publisher_a_base_path_time_zones_and_latex_specials_come_through_every_export() {
    let f = Fixture::copy_of("levy");
    let site = f.build();
    let page = site.page("articles/harbour-times-levy/index.html");
    let footer = text(one(&page, ".site-footer"));
    assert!(
        footer.contains("Published by Kelda Fact_Check Desk Inc. Annotations by"),
        "{footer}"
    );
    let cited = text(select(&page, ".cite > p")[0]);
    assert!(
        cited.starts_with(
            "Kelda Fact_Check Desk Inc. “Port levy of 3% & $40 fee approved for #2 terminal.”"
        ),
        "{cited}"
    );
    let bibtex = text(select(&page, ".cite pre code")[0]);
    assert!(
        bibtex.contains("title = {{Port levy of 3\\% \\& \\$40 fee approved for \\#2 terminal}},")
            && bibtex.contains("howpublished = {{The Kelda port levy: 3\\% \\& \\{fees\\} \\#1}},")
            && bibtex.contains("author = {{Kelda Fact\\_Check Desk Inc.}}"),
        "{bibtex}"
    );
    let feed = std::fs::read_to_string(site.dir.join("feed.xml")).unwrap();
    assert!(
        feed.contains("<id>https://example.org/fact-check/kelda/articles/harbour-times-levy/</id>")
            && feed.contains("<updated>2022-11-08T07:09:00+08:00</updated>"),
        "{feed}"
    );
    let redirects = std::fs::read_to_string(site.dir.join("_redirects")).unwrap();
    assert!(redirects.contains(
        "/fact-check/kelda/articles/port-levy-approved/ /fact-check/kelda/articles/harbour-times-levy/ 301\n"
    ));
    let moved = site.page("claims/fee-40/index.html");
    let refresh = one(&moved, "meta[http-equiv=refresh]");
    assert_eq!(
        refresh.value().attr("content"),
        Some("0; url=../../claims/berth-fee/index.html")
    );
}

#[test]
fn the_annotations_and_claims_come_in_linked_pages_of_about_a_thousand() {
    // Three reports of 600, 500 and 300 quoted sentences: the first page
    // closes after the second report, the first to take it past 1,000.
    let f = Fixture::new();
    let mut annotations = String::new();
    let mut n = 0;
    for (article, count) in [("a", 600), ("b", 500), ("c", 300)] {
        let mut sentences = Vec::new();
        for _ in 0..count {
            n += 1;
            sentences.push(format!("Crate {n} was logged."));
            annotations.push_str(&format!(
                "[[claim]]\nid = \"c{n}\"\ntitle = \"Crate {n}\"\nstatus = \"unverified\"\nallow = [\"unsourced-claim\"]\n[[claim.appearance]]\narticle = \"{article}\"\nquote = \"Crate {n} was logged\"\n\n"
            ));
        }
        f.article(article, &sentences.join(" "));
    }
    f.annotations("crates", &annotations);
    let site = f.build();
    let read = |file: &str| -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(site.dir.join(file)).unwrap()).unwrap()
    };
    let collection = read("annotations.jsonld");
    assert_eq!(collection["type"], "AnnotationCollection");
    assert_eq!(collection["total"], 1_400);
    assert_eq!(collection["last"], "/annotations-2.jsonld");
    let first = &collection["first"];
    assert_eq!(first["id"], "/annotations.jsonld#page-1");
    assert_eq!(first["partOf"], "/annotations.jsonld");
    assert_eq!(first["startIndex"], 0);
    assert_eq!(first["next"], "/annotations-2.jsonld");
    assert_eq!(first["items"].as_array().unwrap().len(), 1_100);
    let second = read("annotations-2.jsonld");
    assert_eq!(second["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(second["id"], "/annotations-2.jsonld");
    assert_eq!(second["type"], "AnnotationPage");
    assert_eq!(second["partOf"]["id"], "/annotations.jsonld");
    assert_eq!(second["partOf"]["total"], 1_400);
    assert_eq!(second["startIndex"], 1_100);
    assert_eq!(second["prev"], "/annotations.jsonld#page-1");
    assert!(second.get("next").is_none());
    let items = second["items"].as_array().unwrap();
    assert_eq!(items.len(), 300);
    assert_eq!(items[0]["id"], "/annotations.jsonld#c/quote-c1101");
    assert!(!site.dir.join("annotations-3.jsonld").exists());

    // The claims too, a thousand to a page, each page saying where it is.
    let first = read("claims.json");
    assert_eq!(
        (
            &first["version"],
            &first["total"],
            &first["page"],
            &first["pages"]
        ),
        (&2.into(), &1_400.into(), &1.into(), &2.into())
    );
    assert_eq!(first["prev"], serde_json::Value::Null);
    assert_eq!(first["next"], "/claims-2.json");
    assert_eq!(first["claims"].as_array().unwrap().len(), 1_000);
    let second = read("claims-2.json");
    assert_eq!(second["page"], 2);
    assert_eq!(second["prev"], "/claims.json");
    assert_eq!(second["next"], serde_json::Value::Null);
    assert_eq!(second["claims"].as_array().unwrap().len(), 400);
    assert!(!site.dir.join("claims-3.json").exists());
}

#[test]
fn feeds_timeline_and_structured_data_speak_the_dossiers_language() {
    let f = Fixture::copy_of("sommet");
    let site = f.build();
    let read = |path: &str| std::fs::read_to_string(site.dir.join(path)).unwrap();
    let title = "Plus de 2,5 millions de personnes sont privées d&apos;eau potable dans la région";
    let feed = read("feed.xml");
    for expected in [
        format!("<title>Contesté : {title}</title>"),
        "<summary>Affirmation, verdict : Contesté. ".to_owned(),
        "<summary>Dépêche, Le Courrier fictif, 12 juin 2023, 07:09".to_owned(),
    ] {
        assert!(feed.contains(&expected), "{expected} in {feed}");
    }
    assert!(
        !feed.contains("Claim, verdict") && !feed.contains("Report by"),
        "{feed}"
    );
    let corrections = read("corrections/feed.xml");
    let corrections_title = "<title>Le sommet de Genève sur l&apos;eau : corrections</title>";
    assert!(corrections.contains(corrections_title), "{corrections}");

    let timeline: serde_json::Value = serde_json::from_str(&read("timeline.json")).unwrap();
    let events = timeline["events"].as_array().unwrap();
    let opening = events
        .iter()
        .find(|e| e["unique_id"] == "event-ouverture-du-sommet")
        .unwrap();
    assert_eq!(opening["group"], "Événements");
    assert_eq!(opening["start_date"]["display_date"], "12 juin 2023");
    assert!(
        opening["text"]["text"]
            .as_str()
            .unwrap()
            .ends_with(">Événement</a>")
    );
    let report = events.iter().find(|e| e["group"] == "Dépêches").unwrap();
    assert!(
        report["text"]["text"]
            .as_str()
            .unwrap()
            .ends_with(">Dépêche</a>")
    );

    let claim = site.page("claims/personnes-privees-d-eau/index.html");
    assert_eq!(json_ld(&claim)["reviewRating"]["alternateName"], "Contesté");

    let annotations: serde_json::Value = serde_json::from_str(&read("annotations.jsonld")).unwrap();
    let bodies: Vec<&str> = annotations["first"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["body"][0]["value"].as_str().unwrap())
        .collect();
    let expected =
        "Contesté : Plus de 2,5 millions de personnes sont privées d'eau potable dans la région";
    assert!(bodies.contains(&expected), "{bodies:?}");
}
