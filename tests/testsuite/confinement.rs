//! Confinement: every file gloss reads resolves inside the dossier, so a
//! dossier from a pull request cannot make a build read (and publish) a
//! file elsewhere, whatever its settings or links say.

#![cfg(unix)]

use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;

use super::support::Fixture;

fn small() -> Fixture {
    let f = Fixture::new();
    f.article("a", "Some text here.\n");
    f.annotations("x", "[[claim]]\nid = \"c\"\ntitle = \"T\"\nstatus = \"opinion\"\nallow = [\"unsourced-claim\"]\n\n  [[claim.appearance]]\n  article = \"a\"\n  quote = \"text\"\n");
    f
}

/// A folder outside the dossier holding what must never be published.
fn secrets() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("id_rsa"), "PRIVATE KEY").unwrap();
    fs::create_dir_all(dir.path().join("articles")).unwrap();
    fs::write(
        dir.path().join("articles/leak.md"),
        "+++\ntitle = \"Leak\"\npublished = 2020-01-01\n+++\nPRIVATE KEY\n",
    )
    .unwrap();
    fs::write(dir.path().join("index.md"), "PRIVATE KEY\n").unwrap();
    dir
}

/// Checks that building `f` fails with an error whose first line starts
/// with `expected`, and that nothing was published.
fn refused(f: &Fixture, expected: &str) {
    let errors = f.build_errors();
    let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert!(
        shown.iter().any(|d| d.starts_with(expected)),
        "expected `{expected}` in:\n{}",
        shown.join("\n")
    );
    assert!(!f.public().exists());
}

#[test]
fn configured_folders_outside_the_dossier_are_refused_at_their_setting() {
    let outside = secrets();
    let f = small();
    let relative = format!(
        "../{}",
        outside.path().file_name().unwrap().to_string_lossy()
    );
    for (key, value) in [
        ("static-dir", outside.path().display().to_string()),
        ("templates-dir", relative.clone()),
        ("content-dir", relative.clone()),
    ] {
        f.file(
            "book.toml",
            &format!("[book]\ntitle = \"T\"\n\n[build]\n{key} = \"{value}\"\n"),
        );
        refused(
            &f,
            &format!("book.toml:5:1: error: `{key}` = \"{value}\" leads outside the dossier"),
        );
    }
}

#[test]
fn links_at_every_source_folder_and_file_are_refused() {
    let outside = secrets();
    let cases: [(&str, &Path); 6] = [
        ("content", outside.path()),
        ("content/articles", &outside.path().join("articles")),
        ("content/annotations", outside.path()),
        ("content/index.md", &outside.path().join("index.md")),
        ("static", outside.path()),
        ("templates", outside.path()),
    ];
    for (name, target) in cases {
        let f = small();
        let link = f.root().join(name);
        if link.is_dir() {
            fs::remove_dir_all(&link).unwrap();
        }
        symlink(target, &link).unwrap();
        refused(
            &f,
            &format!("{name}: error: is a symbolic link to somewhere outside the dossier"),
        );
    }
    let f = small();
    let book = outside.path().join("book.toml");
    fs::write(&book, "[book]\ntitle = \"Elsewhere\"\n").unwrap();
    fs::remove_file(f.root().join("book.toml")).unwrap();
    symlink(&book, f.root().join("book.toml")).unwrap();
    refused(
        &f,
        "book.toml: error: is a symbolic link to somewhere outside the dossier",
    );
}

#[test]
fn gloss_new_writes_nothing_through_a_linked_folder() {
    let outside = secrets();
    let f = small();
    fs::remove_dir_all(f.root().join("content/articles")).unwrap();
    symlink(
        outside.path().join("articles"),
        f.root().join("content/articles"),
    )
    .unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args(["new", "article", "planted", "--dir"])
        .arg(f.root())
        .output()
        .unwrap();
    assert_ne!(output.status.code(), Some(0));
    assert!(!outside.path().join("articles/planted.md").exists());
}

#[test]
fn a_link_inside_the_dossier_is_followed() {
    let f = small();
    fs::rename(f.root().join("content/articles"), f.root().join("reports")).unwrap();
    symlink(f.root().join("reports"), f.root().join("content/articles")).unwrap();
    let site = f.build();
    assert!(site.dir.join("articles/a/index.html").is_file());
}

#[test]
fn the_interface_strings_file_may_not_link_out() {
    let outside = secrets();
    let f = small();
    fs::create_dir_all(f.root().join("templates")).unwrap();
    symlink(
        outside.path().join("index.md"),
        f.root().join("templates/strings.toml"),
    )
    .unwrap();
    refused(
        &f,
        "templates/strings.toml: error: is a symbolic link to somewhere outside the dossier",
    );
}
