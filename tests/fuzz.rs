//! Property-based fuzzing of everything that reads contributors' input:
//! `book.toml`, front matter, annotation files (with tables, arrays and
//! inline tables nested to any depth), quote normalisation and anchoring, and
//! Markdown rendering with marks. None may panic, whatever the input.
//!
//! Not part of the default test run: `scripts/fuzz.sh` runs these for a
//! bounded number of cases per target (`PROPTEST_CASES`). Failing inputs
//! proptest finds are saved in `tests/fuzz.proptest-regressions` and replayed on
//! every later run; fixed bugs also get a regression test of their own.

use std::path::Path;

use gloss::annotation::anchor::{Query, anchor_all};
use gloss::markdown::{Mark, RawHtml, render_article, render_fragment, visible_text};
use gloss::source::SourceFile;
use gloss::text::normalize;
use proptest::prelude::*;

/// Strings that look like what gloss reads: Markdown, TOML and typography
/// mixed with arbitrary characters.
fn input() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("+++\n".to_owned()),
        Just("title = \"T\"\npublished = 2014-05-20\n".to_owned()),
        Just("[[claim]]\nid = \"c\"\n".to_owned()),
        Just("  [[claim.appearance]]\n  article = \"a\"\n  quote = \"".to_owned()),
        Just("*".to_owned()),
        Just("_".to_owned()),
        Just("[link](".to_owned()),
        Just("```rust\n".to_owned()),
        Just("> ".to_owned()),
        Just("[^1]".to_owned()),
        Just("<b>".to_owned()),
        Just("“”‘’–—…\u{a0}\u{ad}".to_owned()),
        Just("\n\n".to_owned()),
        Just("[book]\ntitle = \"x\"\n".to_owned()),
        Just("[extra]\n".to_owned()),
        Just("[build]\nstatic-dir = \"".to_owned()),
        Just("a.b.c = ".to_owned()),
        Just("[".to_owned()),
        Just("]".to_owned()),
        Just("{ k = ".to_owned()),
        Just(" }".to_owned()),
        Just("\\u0000".to_owned()),
        "\\PC{0,12}",
        "[a-z ]{0,20}",
    ];
    prop::collection::vec(pieces, 0..24).prop_map(|p| p.concat())
}

/// Strings that look like saved web pages: tags, metadata and JSON-LD
/// mixed with arbitrary text.
fn page() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("<html lang=\"".to_owned()),
        Just("<meta property=\"article:published_time\" content=\"".to_owned()),
        Just("<meta property=\"og:title\" content=\"".to_owned()),
        Just(
            "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"headline\": "
                .to_owned()
        ),
        Just("\"datePublished\": \"2021-03-02T07:09:00+0800\"".to_owned()),
        Just("\"author\": [{\"name\": ".to_owned()),
        Just("</script>".to_owned()),
        Just("<link rel=\"canonical\" href=\"".to_owned()),
        Just("\">".to_owned()),
        Just("<article><p>".to_owned()),
        Just("</p></article>".to_owned()),
        Just("<p>Words of a report, long enough to be read as one. ".to_owned()),
        Just("<blockquote>".to_owned()),
        Just("<a href=\"".to_owned()),
        Just("<nav>".to_owned()),
        Just("*_#1. [x](y) ".to_owned()),
        "\\PC{0,16}",
    ];
    prop::collection::vec(pieces, 0..32).prop_map(|p| p.concat())
}

proptest! {
    #[test]
    #[ignore = "fuzzing: run by scripts/fuzz.sh"]
    fn importing_a_page_never_panics(html in page(), text in input()) {
        let slug = gloss::id::Id::parse("fuzzed").unwrap();
        let _ = gloss::import::article_from_html(&html, &slug, "page.html");
        let _ = gloss::import::article_from_text(&text, &slug, "page.txt");
    }

    #[test]
    #[ignore = "fuzzing: run by scripts/fuzz.sh"]
    fn front_matter_never_panics(text in input()) {
        let _ = gloss::content::article::parse(Path::new("a.md"), &text, RawHtml::Escape);
    }

    #[test]
    #[ignore = "fuzzing: run by scripts/fuzz.sh"]
    fn book_toml_never_panics(text in input()) {
        if let Err(problems) = gloss::config::Config::parse(Path::new("book.toml"), &text) {
            for d in problems {
                let _ = d.to_string();
            }
        }
    }

    #[test]
    #[ignore = "fuzzing: run by scripts/fuzz.sh"]
    fn annotation_files_never_panic(text in input()) {
        let file = SourceFile::new("x.toml".into(), text);
        for d in gloss::annotation::parse_file(&file) {
            let _ = d.to_string();
        }
    }

    #[test]
    #[ignore = "fuzzing: run by scripts/fuzz.sh"]
    fn anchoring_finds_what_it_was_asked(text in input(), from in 0usize..400, len in 0usize..60) {
        let chars: Vec<char> = text.chars().collect();
        let from = from.min(chars.len());
        let quote: String = chars[from..(from + len).min(chars.len())].iter().collect();
        let query = Query { quote: &quote, prefix: None, suffix: None };
        if let Ok(range) = &anchor_all(&text, &[query])[0] {
            prop_assert_eq!(normalize(&text[range.clone()]), normalize(&quote));
        }
    }

    #[test]
    #[ignore = "fuzzing: run by scripts/fuzz.sh"]
    fn markdown_with_marks_never_panics(body in input(), cuts in prop::collection::vec(0usize..2000, 0..8)) {
        let text = visible_text(&body, RawHtml::Escape);
        let mut bounds: Vec<usize> = cuts.into_iter().map(|c| c % (text.len() + 1)).filter(|&c| text.is_char_boundary(c)).collect();
        bounds.sort_unstable();
        let marks: Vec<Mark> = bounds
            .chunks(2)
            .filter(|pair| pair.len() == 2 && pair[0] < pair[1])
            .enumerate()
            .map(|(i, pair)| Mark {
                range: pair[0]..pair[1],
                class: "claim".into(),
                id: format!("quote-{i}"),
                data: Vec::new(),
                trailer: String::new(),
            })
            .collect();
        let html = render_article(&body, &marks, RawHtml::Escape, "articles/a/", "¶");
        for mark in &marks {
            if !text[mark.range.clone()].trim().is_empty() {
                prop_assert!(html.contains(&format!("id=\"{}\"", mark.id)), "mark {} lost", mark.id);
            }
        }
        let _ = render_fragment(&body, "x", RawHtml::Sanitize, "claims/x/");
    }
}
