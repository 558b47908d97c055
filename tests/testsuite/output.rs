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

/// A dossier big enough that a build takes a while, in two versions.
fn two_versions(f: &Fixture, version: &str) {
    for i in 0..80 {
        let body = format!(
            "Report {i}, version {version}. {}\n",
            "Some words of the report. ".repeat(200)
        );
        f.article(&format!("r{i}"), &body);
    }
}

fn stray_staging(dir: &std::path::Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".gloss"))
        .collect()
}

#[test]
fn a_build_killed_at_any_moment_leaves_a_complete_site() {
    let f = Fixture::new();
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("site");
    let snapshot = |dir: &std::path::Path| {
        super::support::Site {
            dir: dir.to_owned(),
        }
        .snapshot()
    };
    two_versions(&f, "B");
    gloss::site::build(f.root(), Some(&out.path().join("b"))).unwrap();
    let b = snapshot(&out.path().join("b"));
    two_versions(&f, "A");
    gloss::site::build(f.root(), Some(&dest)).unwrap();
    let a = snapshot(&dest);
    let started = std::time::Instant::now();
    gloss::site::build(f.root(), Some(&out.path().join("timing"))).unwrap();
    let build_time = started.elapsed().as_micros().max(1000) as u64 * 2;
    for round in 0..12u64 {
        two_versions(&f, if round % 2 == 0 { "B" } else { "A" });
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_gloss"))
            .args([
                "build",
                f.root().to_str().unwrap(),
                "-d",
                dest.to_str().unwrap(),
            ])
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let seed = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos() as u64;
        std::thread::sleep(std::time::Duration::from_micros(
            (seed * 7919 + round * 104_729) % build_time,
        ));
        let _ = child.kill();
        let _ = child.wait();
        let now = snapshot(&dest);
        assert!(
            now == a || now == b,
            "round {round}: the site is neither the old nor the new one"
        );
    }
    gloss::site::build(f.root(), Some(&dest)).unwrap();
    assert!(
        stray_staging(out.path()).is_empty(),
        "{:?}",
        stray_staging(out.path())
    );
}

#[test]
fn an_unwritable_destination_fails_cleanly() {
    let f = small();
    let err = gloss::site::build(
        f.root(),
        Some(std::path::Path::new("/proc/gloss-cannot-write-here/site")),
    )
    .unwrap_err();
    assert!(matches!(err, gloss::Error::Write { .. }), "{err}");
    assert_eq!(err.exit_code(), 2);
}
