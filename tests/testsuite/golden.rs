//! Golden tests: whole outputs compared byte for byte with committed
//! copies, so that a change anywhere in the pipeline shows up as the exact
//! files and lines it changed. The default dossier and the `recall` and
//! `sommet` fixtures are built by the binary (with a fixed
//! `SOURCE_DATE_EPOCH`) and compared with `tests/golden/<name>/`; every
//! invalid fixture's diagnostics, in full, with its `expected.txt`.
//!
//! After an intended change, re-bless with
//! `GLOSS_BLESS=1 cargo test --test testsuite golden` and review the diff
//! in git.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::support::{Fixture, repo_root};

/// Whether this run rewrites the expected output instead of comparing.
fn blessing() -> bool {
    std::env::var_os("GLOSS_BLESS").is_some_and(|v| v != "0")
}

/// Every file below `dir`, by path relative to it.
pub(crate) fn files_below(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e.path().strip_prefix(dir).unwrap().to_owned();
            (relative, fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Builds the dossier at `root` with the binary into a new directory.
fn build(root: &Path) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let status = Command::new(env!("CARGO_BIN_EXE_gloss"))
        .arg("build")
        .arg(root)
        .arg("--dest-dir")
        .arg(&site)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .status()
        .unwrap();
    assert!(status.success(), "building {}", root.display());
    out
}

/// The first line at which two texts differ, shown side by side.
pub(crate) fn first_difference(expected: &[u8], actual: &[u8]) -> String {
    let (expected, actual) = (
        String::from_utf8_lossy(expected),
        String::from_utf8_lossy(actual),
    );
    let mut lines = expected.lines().zip(actual.lines()).enumerate();
    match lines.find(|(_, (e, a))| e != a) {
        Some((n, (e, a))) => format!("line {}:\n  expected: {e}\n  actual:   {a}", n + 1),
        None => format!(
            "{} lines expected, {} rendered",
            expected.lines().count(),
            actual.lines().count()
        ),
    }
}

/// Compares the files below `actual` with those below `expected` (or,
/// when blessing, makes `expected` a copy of `actual`).
fn compare_trees(expected: &Path, actual: &Path) {
    let rendered = files_below(actual);
    if blessing() {
        if expected.exists() {
            fs::remove_dir_all(expected).unwrap();
        }
        for (path, bytes) in &rendered {
            let to = expected.join(path);
            fs::create_dir_all(to.parent().unwrap()).unwrap();
            fs::write(to, bytes).unwrap();
        }
        return;
    }
    let blessed = files_below(expected);
    let mut problems = Vec::new();
    for (path, bytes) in &rendered {
        match blessed.get(path) {
            None => problems.push(format!("{}: not expected", path.display())),
            Some(want) if want != bytes => problems.push(format!(
                "{}: differs at {}",
                path.display(),
                first_difference(want, bytes)
            )),
            Some(_) => {}
        }
    }
    for path in blessed.keys().filter(|p| !rendered.contains_key(*p)) {
        problems.push(format!("{}: expected but not rendered", path.display()));
    }
    assert!(
        problems.is_empty(),
        "{} of {} files differ from {} (re-bless with GLOSS_BLESS=1 if intended):\n{}",
        problems.len(),
        blessed.len().max(rendered.len()),
        expected.display(),
        problems.join("\n")
    );
}

#[test]
fn the_default_dossier_renders_as_blessed() {
    let out = build(&repo_root());
    compare_trees(
        &repo_root().join("tests/golden/default"),
        &out.path().join("site"),
    );
}

/// Builds a copy of `tests/fixtures/<name>` and compares it with
/// `tests/golden/<name>`.
fn fixture_renders_as_blessed(name: &str) {
    let fixture = Fixture::copy_of(name);
    let out = build(fixture.root());
    compare_trees(
        &repo_root().join("tests/golden").join(name),
        &out.path().join("site"),
    );
}

#[test]
fn the_recall_fixture_renders_as_blessed() {
    fixture_renders_as_blessed("recall");
}

#[test]
fn the_sommet_fixture_renders_as_blessed() {
    fixture_renders_as_blessed("sommet");
}

/// What `gloss check` prints for an invalid dossier: every diagnostic in
/// full, as an editor reads it.
fn diagnostics_text(case: &Path) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_gloss"))
        .arg("check")
        .arg(case)
        .output()
        .unwrap();
    String::from_utf8(output.stderr).unwrap()
}

#[test]
fn every_invalid_fixture_reports_its_blessed_diagnostics() {
    let mut cases: Vec<_> = fs::read_dir(repo_root().join("tests/fixtures-invalid"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    let mut problems = Vec::new();
    for case in cases {
        let expected_file = case.join("expected.txt");
        let actual = diagnostics_text(&case);
        if blessing() {
            fs::write(&expected_file, &actual).unwrap();
            continue;
        }
        let expected = fs::read_to_string(&expected_file).unwrap();
        if expected != actual {
            problems.push(format!(
                "{}: differs at {}\n--- full output:\n{actual}",
                case.display(),
                first_difference(expected.as_bytes(), actual.as_bytes())
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn the_levy_fixture_renders_as_blessed() {
    fixture_renders_as_blessed("levy");
}
