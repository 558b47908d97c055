//! The `gloss` binary: exit codes, messages and help.

use std::process::{Command, Output};

use super::support::Fixture;

fn gloss(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args(args)
        .output()
        .unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn build_succeeds_and_names_the_site() {
    let f = Fixture::new();
    f.article("a", "Text.\n");
    let dest = f.root().join("out");
    let out = gloss(&[
        "build",
        f.root().to_str().unwrap(),
        "--dest-dir",
        dest.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains(&dest.join("index.html").display().to_string()));
    assert!(dest.join("articles/a/index.html").is_file());
}

#[test]
fn content_errors_exit_1_with_file_line_and_column() {
    let f = Fixture::new();
    f.article("a", "Text.\n");
    f.annotations(
        "x",
        "[[claim]]\nid = \"c\"\ntitle = \"T\"\nstatus = \"opinion\"\nclaimant = \"nobody\"\n",
    );
    let out = gloss(&["build", f.root().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("content/annotations/x.toml:5:12: error: unknown entity `nobody`"),
        "{err}"
    );
    assert!(err.contains("nothing was written"), "{err}");
    assert!(!f.public().exists());
}

#[test]
fn a_missing_dossier_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = gloss(&["build", dir.path().join("nowhere").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("book.toml"), "{}", stderr(&out));
}

#[test]
fn bad_usage_exits_2_and_help_documents_exit_codes() {
    assert_eq!(gloss(&["build", "--no-such-flag"]).status.code(), Some(2));
    let help = gloss(&["build", "--help"]);
    assert_eq!(help.status.code(), Some(0));
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(
        text.contains("Exit codes") && text.contains("--dest-dir"),
        "{text}"
    );
}

#[test]
fn check_reports_without_writing() {
    let f = Fixture::new();
    f.article("a", "Text.\n");
    let out = gloss(&["check", f.root().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!f.public().exists());
}

/// A dossier with `n` claims quoting one article and citing no source:
/// `n` `unsourced-claim` warnings.
fn unsourced_claims(n: usize) -> Fixture {
    let f = Fixture::new();
    let words: Vec<String> = (0..n)
        .map(|i| format!("Sentence number {i} here."))
        .collect();
    f.article("a", &format!("{}\n", words.join(" ")));
    let claims: String = (0..n)
        .map(|i| {
            format!(
                "[[claim]]\nid = \"c{i}\"\ntitle = \"T\"\nstatus = \"opinion\"\n\n  [[claim.appearance]]\n  article = \"a\"\n  quote = \"Sentence number {i} here.\"\n\n"
            )
        })
        .collect();
    f.annotations("x", &claims);
    f
}

#[test]
fn many_warnings_of_one_kind_are_counted_after_the_first_ten() {
    let f = unsourced_claims(25);
    let dir = f.root().to_str().unwrap();
    let out = gloss(&["check", dir]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.matches("[unsourced-claim]").count(), 10, "{err}");
    assert!(
        err.contains(
            "note: 15 more `unsourced-claim` warning(s) not shown; `--verbose` shows every one"
        ),
        "{err}"
    );
    assert!(err.contains("No errors, 25 warning(s)."), "{err}");

    let verbose = stderr(&gloss(&["check", "--verbose", dir]));
    assert_eq!(
        verbose.matches("[unsourced-claim]").count(),
        25,
        "{verbose}"
    );
    assert!(!verbose.contains("not shown"), "{verbose}");

    let json = gloss(&["check", "--format", "json", dir]);
    let lints: Vec<serde_json::Value> = String::from_utf8(json.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap()["lint"].clone())
        .collect();
    assert_eq!(lints, vec![serde_json::json!("unsourced-claim"); 25]);

    let build = stderr(&gloss(&["build", dir]));
    assert_eq!(build.matches("[unsourced-claim]").count(), 10, "{build}");
}

#[test]
fn commands_run_from_inside_a_dossier_find_its_book_toml_above() {
    let f = Fixture::new();
    f.article("a", "Text.\n");
    let inside = f.root().join("content/articles");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_gloss"))
            .args(args)
            .current_dir(&inside)
            .output()
            .unwrap()
    };
    let check = run(&["check"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert!(
        stderr(&check).contains("note: no book.toml in `.`; using the dossier at"),
        "{}",
        stderr(&check)
    );
    let new = run(&["new", "article", "b"]);
    assert_eq!(new.status.code(), Some(0), "{}", stderr(&new));
    assert!(f.root().join("content/articles/b.md").is_file());
    let build = run(&["build"]);
    assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));
    assert!(f.public().join("articles/b/index.html").is_file());
    assert!(!inside.join("public").exists());

    let outside = tempfile::tempdir().unwrap();
    let lost = Command::new(env!("CARGO_BIN_EXE_gloss"))
        .arg("check")
        .current_dir(outside.path())
        .output()
        .unwrap();
    assert_eq!(lost.status.code(), Some(2), "{}", stderr(&lost));
}
