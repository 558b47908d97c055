//! Output: deterministic, atomic, and never replacing what gloss did not write.

use std::fs;

use super::support::{Fixture, repo_root};

fn small() -> Fixture {
    let f = Fixture::new();
    f.article("a", "Some text here.\n");
    f.annotations("x", "[[claim]]\nid = \"c\"\ntitle = \"T\"\nstatus = \"opinion\"\n\n  [[claim.appearance]]\n  article = \"a\"\n  quote = \"text\"\n");
    f
}

#[test]
fn rebuilding_the_default_dossier_is_byte_identical() {
    let out = tempfile::tempdir().unwrap();
    let first = out.path().join("one");
    let second = out.path().join("two");
    gloss::site::build(&repo_root(), Some(&first)).unwrap();
    gloss::site::build(&repo_root(), Some(&second)).unwrap();
    let one = super::support::Site { dir: first }.snapshot();
    let two = super::support::Site { dir: second }.snapshot();
    assert_eq!(
        one.keys().collect::<Vec<_>>(),
        two.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &one {
        assert!(
            bytes == &two[path],
            "{} differs between builds",
            path.display()
        );
    }
}

#[test]
fn a_failed_build_leaves_the_previous_site_intact() {
    let f = small();
    let before = f.build().snapshot();
    f.annotations("y", "[[claim]]\nid = \"broken\"\n");
    f.build_errors();
    let after = super::support::Site { dir: f.public() }.snapshot();
    assert_eq!(before, after);
    let stray: Vec<_> = fs::read_dir(f.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".gloss"))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
}

#[test]
fn a_rebuild_removes_pages_that_no_longer_exist() {
    let f = small();
    f.article("b", "Other.\n");
    let site = f.build();
    assert!(site.dir.join("articles/b/index.html").is_file());
    fs::remove_file(f.root().join("content/articles/b.md")).unwrap();
    let site = f.build();
    assert!(!site.dir.join("articles/b").exists());
}

#[test]
fn refuses_to_replace_a_directory_it_did_not_create() {
    let f = small();
    fs::create_dir_all(f.public()).unwrap();
    fs::write(f.public().join("notes.txt"), "mine").unwrap();
    let err = gloss::site::build(f.root(), None).unwrap_err();
    assert!(
        matches!(err, gloss::Error::UnsafeDestination { .. }),
        "{err}"
    );
    assert_eq!(err.exit_code(), 2);
    assert_eq!(
        fs::read_to_string(f.public().join("notes.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn the_output_directory_comes_from_book_toml() {
    let f = small();
    f.file(
        "book.toml",
        "[book]\ntitle = \"T\"\n[build]\noutput-dir = \"site\"\n",
    );
    gloss::site::build(f.root(), None).unwrap();
    assert!(f.root().join("site/index.html").is_file());
}
