//! Hostile input: contributors' text never runs script in a reader's
//! browser, and links with dangerous schemes are refused.

use scraper::Html;

use super::support::{Fixture, select};

const NASTY: &str = "<script>alert(1)</script> <img src=x onerror=alert(2)> </script><script>alert(3)</script> <a href=\\\"javascript:alert(4)\\\">x</a>";

fn hostile() -> Fixture {
    let f = Fixture::new();
    f.file(
        "content/articles/a.md",
        &format!("+++\ntitle = \"{NASTY}\"\npublished = 2014-05-20\noutlet = \"{NASTY}\"\nnote = \"{NASTY}\"\n+++\nBody <script>alert(5)</script> with <img src=x onerror=alert(6)> and words.\n"),
    );
    f.file(
        "content/index.md",
        &format!("Intro {}\n", NASTY.replace("\\\"", "\"")),
    );
    f.file(
        "book.toml",
        &format!(
            "[book]\ntitle = \"{NASTY}\"\ndescription = \"{NASTY}\"\nauthors = [\"{NASTY}\"]\npublisher = \"{NASTY}\"\n"
        ),
    );
    f.annotations(
        "x",
        &format!(
            "[[entity]]\nid = \"e\"\nname = \"{NASTY}\"\nkind = \"person\"\ndescription = \"{NASTY}\"\n\n[[claim]]\nid = \"c\"\ntitle = \"{NASTY}\"\nstatus = \"opinion\"\nclaimant = \"e\"\nnote = \"{NASTY}\"\nallow = [\"unsourced-claim\"]\n\n  [[claim.appearance]]\n  article = \"a\"\n  quote = \"and words\"\n  note = \"{NASTY}\"\n\n[[event]]\nid = \"ev\"\ntitle = \"{NASTY}\"\ndate = \"2014\"\nclaims = [\"c\"]\nnote = \"{NASTY}\"\n"
        ),
    );
    f
}

/// Every `<script>` on the page is a JSON-LD data block that parses as
/// JSON, or, on the search page only, one of the two built-in scripts
/// loaded by address: nothing contributed is executable.
fn assert_only_data_scripts(page: &Html, path: &std::path::Path) {
    let search_page = path == std::path::Path::new("search/index.html");
    for script in select(page, "script") {
        if search_page && let Some(src) = script.value().attr("src") {
            assert!(
                ["../search/index.js", "../search.js"].contains(&src),
                "{src}"
            );
            assert_eq!(script.inner_html(), "");
            continue;
        }
        assert_eq!(
            script.value().attr("type"),
            Some("application/ld+json"),
            "{}",
            path.display()
        );
        let json: serde_json::Value = serde_json::from_str(&script.inner_html()).unwrap();
        assert!(json.is_object(), "{}", path.display());
    }
}

#[test]
fn no_contributed_text_becomes_executable_in_any_page() {
    let f = hostile();
    let site = f.build();
    // Each file of the search index is one assignment of a JSON literal
    // without a `<`, so contributed text in it stays data.
    let search = super::support::SearchIndex::of_site(&site);
    let titles: Vec<String> = (search.documents().iter())
        .map(|d| d[1].as_str().unwrap().to_owned())
        .collect();
    assert!(
        titles.iter().any(|t| t.contains("<script>alert(1)")),
        "{titles:?}"
    );
    let mut pages = 0;
    for (path, bytes) in site.snapshot() {
        if path.extension().is_none_or(|x| x != "html") {
            continue;
        }
        pages += 1;
        let page = Html::parse_document(std::str::from_utf8(&bytes).unwrap());
        assert_only_data_scripts(&page, &path);
        for element in select(&page, "*") {
            for (name, value) in element.value().attrs() {
                assert!(
                    !name.starts_with("on"),
                    "{}: {name}={value}",
                    path.display()
                );
                let lower = value.trim().to_ascii_lowercase();
                if matches!(name, "href" | "src" | "action") {
                    assert!(
                        !lower.starts_with("javascript:") && !lower.starts_with("data:"),
                        "{}: {value}",
                        path.display()
                    );
                }
            }
        }
        let csp = select(&page, "meta[http-equiv=\"Content-Security-Policy\"]");
        assert_eq!(csp.len(), 1, "{}", path.display());
        let scripts_allowed = if path == std::path::Path::new("search/index.html") {
            "script-src 'self'"
        } else {
            "script-src 'none'"
        };
        assert!(
            csp[0]
                .value()
                .attr("content")
                .unwrap()
                .contains(scripts_allowed)
        );
    }
    assert!(pages > 5);
}

#[test]
fn data_exports_carry_contributed_text_as_text() {
    let f = hostile();
    let site = f.build();
    for name in ["feed.xml", "sitemap.xml"] {
        let Ok(xml) = std::fs::read_to_string(site.dir.join(name)) else {
            assert_eq!(name, "sitemap.xml", "a sitemap needs a base-url");
            continue;
        };
        for live in ["<script", "<img", "<a "] {
            assert!(!xml.contains(live), "{name} carries {live}");
        }
    }
    for name in ["claims.json", "annotations.jsonld", "timeline.json"] {
        let bytes = std::fs::read(site.dir.join(name)).unwrap();
        let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert!(json.is_object() || json.is_array(), "{name}");
    }
}

#[test]
fn dangerous_link_schemes_are_refused_where_they_are_written() {
    let f = Fixture::new();
    f.article(
        "a",
        "Fine text.\n\nSee [this](javascript:alert(1)) and ![img](data:image/png;base64,AAAA).\n",
    );
    f.annotations(
        "x",
        "[[claim]]\nid = \"c\"\ntitle = \"T\"\nstatus = \"opinion\"\nallow = [\"unsourced-claim\"]\nnote = \"[click](vbscript:msgbox)\"\n\n  [[claim.appearance]]\n  article = \"a\"\n  quote = \"Fine text.\"\n",
    );
    let errors = f.build_errors();
    let at = |path: &str, line: usize, column: usize| {
        errors
            .iter()
            .find(|d| d.path == std::path::Path::new(path) && d.line == line && d.column == column)
            .unwrap_or_else(|| panic!("nothing at {path}:{line}:{column} in {errors:?}"))
    };
    assert!(
        at("content/articles/a.md", 7, 5)
            .message
            .contains("`javascript:alert(1)`")
    );
    assert!(
        at("content/articles/a.md", 7, 37)
            .message
            .contains("`data:image/png;base64,AAAA`")
    );
    // At the link in the note, not at the claim's id.
    assert!(
        at("content/annotations/x.toml", 6, 17)
            .message
            .contains("`vbscript:msgbox`")
    );
    assert!(!f.public().exists());
}

#[test]
fn sanitized_raw_html_keeps_gloss_markup_and_safe_tags_only() {
    let f = hostile();
    f.file(
        "book.toml",
        "[book]\ntitle = \"Fixture\"\n[markdown]\nraw-html = \"sanitize\"\n",
    );
    f.article(
        "b",
        "Kept <b>bold</b> and <i onmouseover=\"x()\">italic</i> words here.\n",
    );
    f.annotations(
        "y",
        "[[claim]]\nid = \"d\"\ntitle = \"T\"\nstatus = \"opinion\"\nallow = [\"unsourced-claim\"]\n\n  [[claim.appearance]]\n  article = \"b\"\n  quote = \"bold and italic words\"\n",
    );
    let site = f.build();
    let page = site.page("articles/b/index.html");
    assert_eq!(
        super::support::text(super::support::one(&page, ".report-body b mark")),
        "bold"
    );
    let pieces = select(&page, "mark[data-claim=d]");
    assert!(pieces.len() >= 3 && pieces[0].value().attr("id") == Some("quote-d"));
    assert!(select(&page, "[onmouseover]").is_empty());
    super::support::one(&page, "sup.claim-ref a#ref-d[href=\"#note-d\"]");
    super::support::one(&page, "li#note-d");
    for (path, bytes) in site.snapshot() {
        if path.extension().is_some_and(|x| x == "html") {
            assert_only_data_scripts(
                &Html::parse_document(std::str::from_utf8(&bytes).unwrap()),
                &path,
            );
        }
    }
}

#[test]
fn timeline_json_carries_titles_as_text_for_timelinejs() {
    let f = hostile();
    let site = f.build();
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(site.dir.join("timeline.json")).unwrap()).unwrap();
    let events = json["events"].as_array().unwrap();
    assert!(!events.is_empty());
    for event in events {
        let headline = event["text"]["headline"].as_str().unwrap();
        assert!(
            !headline.contains('<') && !headline.contains('"'),
            "{headline}"
        );
        let text = event["text"]["text"].as_str().unwrap();
        let inner = text
            .strip_prefix("<a href=\"")
            .and_then(|t| t.split_once("\">"))
            .map(|(_, rest)| rest);
        assert!(matches!(inner, Some("Event</a>" | "Report</a>")), "{text}");
    }
    let events_with_nasty = events
        .iter()
        .filter(|e| {
            e["text"]["headline"]
                .as_str()
                .unwrap()
                .contains("&lt;script&gt;")
        })
        .count();
    assert!(events_with_nasty >= 2);
}

#[test]
fn a_static_file_at_a_generated_pages_path_is_an_error() {
    let f = Fixture::new();
    f.article("a", "Some text.\n");
    f.file("static/claims/index.html", "<p>not the claims list</p>");
    let built = gloss::site::build(f.root(), None).unwrap_err();
    assert!(
        matches!(&built, gloss::Error::Collision { path } if path == std::path::Path::new("claims/index.html")),
        "{built}"
    );
    assert_eq!(built.exit_code(), 1);
    assert!(!f.public().exists());
    let checked = gloss::site::check(f.root()).unwrap_err();
    assert!(
        matches!(checked, gloss::Error::Collision { .. }),
        "{checked}"
    );
    // A static file at a path of its own is copied as before.
    std::fs::remove_file(f.root().join("static/claims/index.html")).unwrap();
    f.file("static/robots-extra.txt", "x");
    assert!(f.build().dir.join("robots-extra.txt").is_file());
}
