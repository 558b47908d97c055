//! `gloss import`: saved pages written for these tests (`tests/pages/`),
//! imported into a fixture dossier. Every sentence of each page's article
//! must anchor as a quote in the imported article, none of the page's
//! chrome may come with it, and the front matter says where each field
//! came from.

use std::path::Path;
use std::process::{Command, Output};

use scraper::{Html, Selector};

use super::support::{Fixture, repo_root};
use gloss::annotation::anchor::{Query, anchor_all};

fn gloss(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args(args)
        .output()
        .unwrap()
}

fn page(name: &str) -> String {
    repo_root()
        .join("tests/pages")
        .join(name)
        .display()
        .to_string()
}

/// Imports `name` into `f`; returns the article file written.
fn import(f: &Fixture, name: &str) -> String {
    let out = gloss(&["import", &page(name), "--dir", f.root().to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stem = Path::new(name).file_stem().unwrap().to_str().unwrap();
    std::fs::read_to_string(f.root().join(format!("content/articles/{stem}.md"))).unwrap()
}

/// The sentences of the paragraphs and quotations inside `container` of
/// a saved page: what a reader of the article reads.
fn sentences(name: &str, container: &str) -> Vec<String> {
    let html = Html::parse_document(&std::fs::read_to_string(page(name)).unwrap());
    let selector = Selector::parse(&format!("{container} > p, {container} blockquote p")).unwrap();
    html.select(&selector)
        .filter(|p| p.value().attr("class") != Some("byline"))
        .flat_map(|p| {
            let text: String = p.text().collect();
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            text.split_inclusive(". ")
                .map(|s| s.trim().to_owned())
                .collect::<Vec<_>>()
        })
        .filter(|s| !s.is_empty())
        .collect()
}

/// Asserts that every sentence anchors once in the article `slug` of `f`.
fn every_sentence_anchors(f: &Fixture, slug: &str, sentences: &[String]) {
    let dossier = gloss::site::load(f.root()).unwrap().dossier;
    let article = &dossier.articles[&gloss::id::Id::parse(slug).unwrap()];
    assert!(sentences.len() >= 3, "{sentences:?}");
    for sentence in sentences {
        let query = Query {
            quote: sentence,
            prefix: None,
            suffix: None,
        };
        let found = &anchor_all(&article.text, &[query])[0];
        assert!(
            found.is_ok(),
            "`{sentence}` does not anchor ({found:?}) in:\n{}",
            article.text
        );
    }
}

#[test]
fn a_page_with_json_ld_keeps_its_article_and_says_where_each_field_came_from() {
    let f = Fixture::new();
    let article = import(&f, "harbour-pay-deal.html");
    for expected in [
        "# title: from the JSON-LD NewsArticle `headline`\ntitle = \"Dock workers accept 3.5% pay deal after two-week strike\"\n",
        "# published: from the JSON-LD NewsArticle `datePublished`\npublished = 2021-03-02T07:09:00+08:00\n",
        "# outlet: from the JSON-LD NewsArticle `publisher`\noutlet = \"The Coastal Ledger\"\n",
        "# byline: from the JSON-LD NewsArticle `author`\nbyline = \"Priya Natarajan, Tomás Ferreira\"\n",
        "# url: from <link rel=\"canonical\">\nurl = \"https://ledger.example/news/2021/03/dock-pay-deal\"\n",
        "language = \"en-GB\"\n",
        "note = \"Imported by `gloss import` from `harbour-pay-deal.html`",
    ] {
        assert!(article.contains(expected), "`{expected}` in:\n{article}");
    }
    for chrome in [
        "cookies",
        "Subscribe",
        "Most read",
        "Storm warning",
        "All rights reserved",
        "Privacy",
    ] {
        assert!(
            !article.contains(chrome),
            "`{chrome}` came along:\n{article}"
        );
    }
    assert!(
        article.contains("[the port of Eastport](https://ledger.example/news/2021/02/eastport)"),
        "{article}"
    );
    assert!(
        article.contains("> The agreement runs for two years"),
        "{article}"
    );
    every_sentence_anchors(
        &f,
        "harbour-pay-deal",
        &sentences("harbour-pay-deal.html", "article"),
    );
    let check = gloss(&["check", f.root().to_str().unwrap()]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn meta_tags_alone_fill_the_front_matter_and_keep_the_time_zone() {
    let f = Fixture::new();
    let article = import(&f, "council-vote.html");
    for expected in [
        "# title: from <meta property=\"og:title\">\ntitle = \"Le conseil vote la gratuité des bus le dimanche\"\n",
        "# published: from <meta property=\"article:published_time\">\npublished = 2022-11-04T18:30:00+01:00\n",
        "# outlet: from <meta property=\"og:site_name\">\noutlet = \"Le Courrier du Val\"\n",
        "# byline: from <meta name=\"author\">\nbyline = \"Hélène Marchand\"\n",
        "language = \"fr\"\n",
    ] {
        assert!(article.contains(expected), "`{expected}` in:\n{article}");
    }
    assert!(!article.contains("Abonnez-vous"), "{article}");
    assert!(!article.contains("circulation alternée"), "{article}");
    every_sentence_anchors(
        &f,
        "council-vote",
        &sentences("council-vote.html", "div.story"),
    );
}

#[test]
fn what_a_page_does_not_say_is_left_out_or_a_placeholder() {
    let f = Fixture::new();
    let article = import(&f, "no-metadata.html");
    assert!(
        article.contains("title = \"[Headline of no-metadata]\""),
        "{article}"
    );
    assert!(
        article.contains("# published: the page does not say"),
        "{article}"
    );
    for key in ["outlet =", "byline =", "url =", "language ="] {
        assert!(!article.contains(key), "`{key}` was guessed:\n{article}");
    }
    every_sentence_anchors(
        &f,
        "no-metadata",
        &sentences("no-metadata.html", "div#text"),
    );
    let warnings = gloss::site::check(f.root()).unwrap();
    let placeholders = warnings
        .iter()
        .filter(|d| d.lint == Some(gloss::diagnostics::Lint::Placeholder))
        .count();
    assert_eq!(placeholders, 2, "the headline and the date");
}

#[test]
fn a_plain_text_copy_keeps_its_words_as_written() {
    let f = Fixture::new();
    let article = import(&f, "wire-copy.txt");
    assert!(
        article.contains("\n\\#1 priority, the mayor said"),
        "{article}"
    );
    let text = std::fs::read_to_string(page("wire-copy.txt")).unwrap();
    let sentences: Vec<String> = text
        .split("\n\n")
        .flat_map(|p| {
            p.split_inclusive(". ")
                .map(|s| s.trim().to_owned())
                .collect::<Vec<_>>()
        })
        .filter(|s| !s.is_empty())
        .collect();
    every_sentence_anchors(&f, "wire-copy", &sentences);
}

#[test]
fn an_import_never_overwrites_and_a_page_without_an_article_is_refused() {
    let f = Fixture::new();
    import(&f, "council-vote.html");
    let again = gloss(&[
        "import",
        &page("council-vote.html"),
        "--dir",
        f.root().to_str().unwrap(),
    ]);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("already exists; give another `--slug`")
    );
    let renamed = gloss(&[
        "import",
        &page("council-vote.html"),
        "--slug",
        "bus-vote",
        "--dir",
        f.root().to_str().unwrap(),
    ]);
    assert_eq!(renamed.status.code(), Some(0));
    assert!(f.root().join("content/articles/bus-vote.md").is_file());

    let empty = f.root().join("empty.html");
    std::fs::write(&empty, "<html><body><nav>Home</nav></body></html>").unwrap();
    let refused = gloss(&[
        "import",
        empty.to_str().unwrap(),
        "--dir",
        f.root().to_str().unwrap(),
    ]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("no article text was found"));
    assert!(!f.root().join("content/articles/empty.md").exists());
}
