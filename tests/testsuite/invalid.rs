//! One fixture dossier per class of bad input, under `tests/fixtures-invalid/`.
//! Each `expected.txt` lists the diagnostics the case must produce: a
//! `path:line:col: severity: message` line is the start of a diagnostic's
//! first line, an indented `= help: …` line the start of its hint. Add a
//! class by adding a directory.

use std::fs;

use super::support::repo_root;
use gloss::Error;
use gloss::diagnostics::Diagnostic;

fn diagnostics_of(case: &std::path::Path) -> Vec<Diagnostic> {
    match gloss::site::check(case) {
        Ok(warnings) => warnings,
        Err(Error::Content(diagnostics)) => diagnostics,
        Err(e) => panic!("{}: {}", case.display(), super::support::describe(&e)),
    }
}

#[test]
fn every_invalid_fixture_reports_its_expected_diagnostics() {
    let mut cases: Vec<_> = fs::read_dir(repo_root().join("tests/fixtures-invalid"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 15, "{} cases", cases.len());
    for case in cases {
        let expected = fs::read_to_string(case.join("expected.txt")).unwrap();
        let diagnostics = diagnostics_of(&case);
        let shown: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
        let mut current: Option<&String> = None;
        for line in expected.lines() {
            if let Some(help) = line.trim_start().strip_prefix("= help: ") {
                let d = current
                    .unwrap_or_else(|| panic!("{}: help before any diagnostic", case.display()));
                let found = d
                    .lines()
                    .any(|l| l.trim_start().starts_with(&format!("= help: {help}")));
                assert!(found, "{}: expected help `{help}` in:\n{d}", case.display());
            } else {
                current = shown.iter().find(|d| d.starts_with(line));
                assert!(
                    current.is_some(),
                    "{}: expected `{line}` in:\n{}",
                    case.display(),
                    shown.join("\n")
                );
            }
        }
        let expected_errors = expected.lines().filter(|l| l.contains(": error")).count();
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        assert_eq!(
            errors,
            expected_errors,
            "{}: {}",
            case.display(),
            shown.join("\n")
        );
    }
}

#[test]
fn a_huge_article_is_handled() {
    let f = super::support::Fixture::new();
    let paragraph = "Words of a long report, repeated to make a large file. ".repeat(20);
    let body = format!(
        "{}\nThe one unique sentence.\n",
        format!("{paragraph}\n\n").repeat(10_000)
    );
    f.article("big", &body);
    f.annotations(
        "x",
        "[[claim]]\nid = \"c\"\ntitle = \"T\"\nstatus = \"opinion\"\nallow = [\"unsourced-claim\"]\n\n  [[claim.appearance]]\n  article = \"big\"\n  quote = \"The one unique sentence.\"\n",
    );
    assert!(body.len() > 10_000_000);
    let site = f.build();
    let html = fs::read_to_string(site.dir.join("articles/big/index.html")).unwrap();
    assert!(html.len() > 10_000_000);
    assert!(html.contains(
        r#"<mark class="claim" id="quote-c" data-claim="c" data-quote="quote-c">The one unique sentence.</mark>"#
    ));
}

#[test]
fn pathological_markdown_finishes() {
    let f = super::support::Fixture::new();
    f.article("nested", &format!("{}deep text\n", "> ".repeat(100_000)));
    f.article("line", &format!("{}the end.\n", "word ".repeat(400_000)));
    f.article("whole", "All of this article is one quote.\n");
    f.annotations(
        "x",
        "[[claim]]\nid = \"c\"\ntitle = \"T\"\nstatus = \"opinion\"\nallow = [\"unsourced-claim\"]\n\n  [[claim.appearance]]\n  article = \"whole\"\n  quote = \"All of this article is one quote.\"\n\n  [[claim.appearance]]\n  article = \"line\"\n  quote = \"word the end.\"\n",
    );
    let site = f.build();
    assert!(site.dir.join("articles/nested/index.html").is_file());
    let whole = fs::read_to_string(site.dir.join("articles/whole/index.html")).unwrap();
    assert!(whole.contains(r#"id="quote-c""#));
}
