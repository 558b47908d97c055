//! Each class of bad input gives its own error, located at the right file
//! and line, and all of them are reported together.

use std::path::Path;

use super::support::Fixture;
use gloss::diagnostics::Diagnostic;

const ARTICLE: &str = "The accusation is purely ungrounded. The accusation is absurd.\n";

fn fixture() -> Fixture {
    let f = Fixture::new();
    f.article("a", ARTICLE);
    f
}

/// Asserts that one diagnostic matches `path`, `line` and a message fragment.
fn assert_has(diagnostics: &[Diagnostic], path: &str, line: usize, message: &str) -> Diagnostic {
    diagnostics
        .iter()
        .find(|d| d.path == Path::new(path) && d.line == line && d.message.contains(message))
        .cloned()
        .unwrap_or_else(|| {
            let all: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
            panic!("no `{message}` at {path}:{line} in:\n{}", all.join("\n"))
        })
}

fn claim_with_quote(quote: &str) -> String {
    format!(
        "[[claim]]\nid = \"c\"\ntitle = \"T\"\nstatus = \"opinion\"\n\n  [[claim.appearance]]\n  article = \"a\"\n  quote = \"{quote}\"\n"
    )
}

#[test]
fn missing_quote_names_the_line_and_where_it_diverges() {
    let f = fixture();
    f.annotations("x", &claim_with_quote("purely ungrounded and absurd"));
    let errors = f.build_errors();
    let d = assert_has(
        &errors,
        "content/annotations/x.toml",
        8,
        "quote not found in article `a`",
    );
    assert_eq!(d.column, 11);
    let help = d.help.unwrap();
    assert!(
        help.contains("“purely ungrounded.”") || help.contains("purely ungrounded"),
        "{help}"
    );
}

#[test]
fn ambiguous_quote_lists_the_places() {
    let f = fixture();
    f.annotations("x", &claim_with_quote("The accusation is"));
    let d = assert_has(
        &f.build_errors(),
        "content/annotations/x.toml",
        8,
        "quote occurs 2 times",
    );
    assert!(d.help.unwrap().contains("before “purely ungrounded."));
}

#[test]
fn unknown_ids_suggest_the_nearest() {
    let f = fixture();
    f.annotations(
        "x",
        "[[entity]]\nid = \"qin-gang\"\nname = \"Qin\"\nkind = \"person\"\n\n[[claim]]\nid = \"c\"\ntitle = \"T\"\nstatus = \"opinion\"\nclaimant = \"qin-gnag\"\nevents = [\"nope\"]\nrelated = [\"c2\"]\n",
    );
    let errors = f.build_errors();
    let d = assert_has(
        &errors,
        "content/annotations/x.toml",
        10,
        "unknown entity `qin-gnag`",
    );
    assert_eq!(d.help.as_deref(), Some("did you mean `qin-gang`?"));
    assert_has(
        &errors,
        "content/annotations/x.toml",
        11,
        "unknown event `nope`",
    );
    assert_has(
        &errors,
        "content/annotations/x.toml",
        12,
        "unknown claim `c2`",
    );
}

#[test]
fn unknown_article_in_an_appearance() {
    let f = fixture();
    f.annotations("x", "[[claim]]\nid = \"c\"\ntitle = \"T\"\nstatus = \"opinion\"\n\n  [[claim.appearance]]\n  article = \"b\"\n  quote = \"x\"\n");
    assert_has(
        &f.build_errors(),
        "content/annotations/x.toml",
        7,
        "unknown article `b`",
    );
}

#[test]
fn duplicate_ids_across_files_point_at_the_first() {
    let f = fixture();
    f.annotations(
        "a",
        "[[event]]\nid = \"e\"\ntitle = \"T\"\ndate = \"2014\"\n",
    );
    f.annotations(
        "b",
        "\n[[event]]\nid = \"e\"\ntitle = \"T2\"\ndate = \"2014\"\n",
    );
    let d = assert_has(
        &f.build_errors(),
        "content/annotations/b.toml",
        3,
        "duplicate event id `e`",
    );
    assert!(d.help.unwrap().contains("content/annotations/a.toml:2"));
}

#[test]
fn malformed_ids_are_refused() {
    let f = fixture();
    f.annotations(
        "x",
        "[[event]]\nid = \"../Bad Id\"\ntitle = \"T\"\ndate = \"2014\"\n",
    );
    assert_has(
        &f.build_errors(),
        "content/annotations/x.toml",
        2,
        "invalid event id",
    );
}

#[test]
fn impossible_dates_and_backward_spans() {
    let f = fixture();
    f.annotations(
        "x",
        "[[event]]\nid = \"a\"\ntitle = \"T\"\ndate = \"2014-02-30\"\n\n[[event]]\nid = \"b\"\ntitle = \"T\"\ndate = 2014-05-18\nend = 2014-03-19\n",
    );
    let errors = f.build_errors();
    assert_has(
        &errors,
        "content/annotations/x.toml",
        4,
        "2014-02 has no day 30",
    );
    assert_has(
        &errors,
        "content/annotations/x.toml",
        10,
        "ends (2014-03-19) before it starts (2014-05-18)",
    );
}

#[test]
fn broken_toml_is_located() {
    let f = fixture();
    f.annotations("x", "[[claim]]\nid = \"c\"\ntitle = \"unterminated\n");
    let errors = f.build_errors();
    assert_eq!(errors[0].path, Path::new("content/annotations/x.toml"));
    assert_eq!(errors[0].line, 3);
}

#[test]
fn wrong_types_unknown_keys_and_missing_keys() {
    let f = fixture();
    f.annotations(
        "x",
        "[[claim]]\nid = \"c\"\ntitle = 3\nstatus = \"opinion\"\n\n[[claim]]\nid = \"d\"\ntitle = \"T\"\nstatus = \"opinion\"\nqoute = \"x\"\n\n[[claim]]\nid = \"e\"\ntitle = \"T\"\n\n[[claim]]\nid = \"f\"\ntitle = \"T\"\nstatus = \"maybe\"\n",
    );
    let errors = f.build_errors();
    assert_has(&errors, "content/annotations/x.toml", 3, "invalid type");
    assert_has(
        &errors,
        "content/annotations/x.toml",
        10,
        "unknown field `qoute`",
    );
    assert_has(
        &errors,
        "content/annotations/x.toml",
        12,
        "missing field `status`",
    );
    assert_has(
        &errors,
        "content/annotations/x.toml",
        19,
        "`maybe` is not a verdict",
    );
}

#[test]
fn missing_and_unterminated_front_matter() {
    let f = Fixture::new();
    f.file("content/articles/a.md", "Just text, no front matter.\n");
    f.file(
        "content/articles/b.md",
        "+++\ntitle = \"B\"\npublished = 2014-05-20\n\nBody\n",
    );
    let errors = f.build_errors();
    assert_has(&errors, "content/articles/a.md", 1, "must start with `+++`");
    assert_has(&errors, "content/articles/b.md", 1, "never closed");
}

#[test]
fn front_matter_errors_are_located_in_the_article() {
    let f = Fixture::new();
    f.file(
        "content/articles/a.md",
        "+++\ntitle = \"A\"\npublished = \"20 May 2014\"\n+++\nBody\n",
    );
    assert_has(
        &f.build_errors(),
        "content/articles/a.md",
        3,
        "is not a date",
    );
}

#[test]
fn unknown_config_keys_are_rejected_with_their_line() {
    let f = fixture();
    f.file(
        "book.toml",
        "[book]\ntitle = \"T\"\n\n[build]\noutput = \"x\"\n",
    );
    assert_has(&f.build_errors(), "book.toml", 5, "unknown field `output`");
}

#[test]
fn non_utf8_files_are_reported() {
    let f = fixture();
    f.annotations("x", "");
    std::fs::write(
        f.root().join("content/annotations/x.toml"),
        b"id = \"\xff\"\n",
    )
    .unwrap();
    assert_has(
        &f.build_errors(),
        "content/annotations/x.toml",
        1,
        "not valid UTF-8",
    );
}

#[test]
fn every_error_is_reported_at_once() {
    let f = Fixture::new();
    f.file("content/articles/a.md", "no front matter\n");
    f.article("b", ARTICLE);
    f.annotations(
        "x",
        &claim_with_quote("not there").replace("\"a\"", "\"b\""),
    );
    f.annotations(
        "y",
        "[[event]]\nid = \"e\"\ntitle = \"T\"\ndate = \"2014-13\"\n",
    );
    let errors = f.build_errors();
    assert_eq!(
        errors.iter().filter(|d| d.is_error()).count(),
        3,
        "{errors:?}"
    );
    assert_has(&errors, "content/articles/a.md", 1, "front matter");
    assert_has(
        &errors,
        "content/annotations/x.toml",
        8,
        "quote not found in article `b`",
    );
    assert_has(&errors, "content/annotations/y.toml", 4, "month 13");
}
