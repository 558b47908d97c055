//! The dossier's history from git: the default dossier made a repository
//! of its own, its claims changed and corrected commit by commit.

use std::fs;
use std::path::Path;
use std::process::Command;

use scraper::Html;

use crate::support::{default_dossier_copy, one, select_in, text};

/// Runs `git` in `root` with a fixed author and clock, so that every run
/// makes the same commits.
fn git(root: &Path, args: &[&str], date: &str) {
    let status = Command::new("git")
        .args(args)
        .current_dir(root)
        .env("GIT_AUTHOR_NAME", "Desk")
        .env("GIT_AUTHOR_EMAIL", "desk@example.org")
        .env("GIT_COMMITTER_NAME", "Desk")
        .env("GIT_COMMITTER_EMAIL", "desk@example.org")
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

fn commit(root: &Path, message: &str, date: &str) {
    git(root, &["add", "-A"], date);
    git(root, &["commit", "-q", "-m", message], date);
}

fn replace(root: &Path, path: &str, from: &str, to: &str) {
    let path = root.join(path);
    let text = fs::read_to_string(&path).unwrap();
    assert_eq!(text.matches(from).count(), 1, "{from}");
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

const CLAIM: &str = "content/annotations/claims-2014-us.toml";
const STATUS: &str =
    "economic espionage\"\nclaimant = \"us-justice-department\"\nstatus = \"corroborated\"";
const DISPUTED: &str =
    "economic espionage\"\nclaimant = \"us-justice-department\"\nstatus = \"disputed\"";
const ID: &str = "five-officers-indicted";

/// The default dossier with its history turned on, committed on 21 May
/// 2014; a verdict changed on 23 May; a correction recorded on 24 May.
fn dossier_with_history() -> tempfile::TempDir {
    let dir = default_dossier_copy();
    let root = dir.path();
    replace(root, "book.toml", "history = false", "history = true");
    replace(
        root,
        "book.toml",
        "https://dossier.example/",
        "https://example.org/cyber/",
    );
    git(
        root,
        &["init", "-q", "-b", "main"],
        "2014-05-21T10:00:00+02:00",
    );
    commit(root, "Publish the dossier", "2014-05-21T10:00:00+02:00");
    replace(
        root,
        CLAIM,
        STATUS,
        &STATUS.replace("corroborated", "disputed"),
    );
    commit(
        root,
        "Dispute the indictment claim: no report links the indictment\n\nLonger body.",
        "2014-05-23T09:30:00+02:00",
    );
    let next = "[[claim]]\nid = \"first-criminal-charges-against-state-actors\"";
    let corrected = format!(
        "[[claim.correction]]\ndate = 2014-05-24\nnote = \"An earlier version named the wrong court.\"\n\n{next}"
    );
    replace(root, CLAIM, next, &corrected);
    commit(root, "Record a correction", "2014-05-24T12:00:00+02:00");
    dir
}

fn build(root: &Path, dest: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args(["build", "-d"])
        .arg(dest)
        .arg(root)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stderr}");
    stderr
}

fn page(dest: &Path, path: &str) -> Html {
    Html::parse_document(&fs::read_to_string(dest.join(path)).unwrap())
}

#[test]
fn a_claims_verdict_change_and_correction_are_published_with_their_dates() {
    let dir = dossier_with_history();
    let out = tempfile::tempdir().unwrap();
    let stderr = build(dir.path(), out.path());
    assert!(!stderr.contains("no history"), "{stderr}");
    let (claim_id, claim_path) = (ID, format!("claims/{ID}/index.html"));
    let html = page(out.path(), &claim_path);
    let history = one(&html, "section.claim-history");
    let dates = text(one(&html, ".history-dates"));
    assert!(
        dates.contains("21 May 2014") && dates.contains("24 May 2014"),
        "{dates}"
    );
    let entries: Vec<String> = select_in(history, ".history-log > li")
        .iter()
        .map(|li| text(*li))
        .collect();
    assert_eq!(entries.len(), 2, "{entries:?}");
    assert!(
        entries[0].starts_with("24 May 2014 (Correction)"),
        "{}",
        entries[0]
    );
    assert!(entries[0].contains("named the wrong court"));
    assert!(
        entries[1].contains("Verdict changed from Corroborated to Disputed.")
            && entries[1]
                .contains("“Dispute the indictment claim: no report links the indictment”")
            && !entries[1].contains("Longer body"),
        "{}",
        entries[1]
    );
    let json_ld = text(one(&html, "script[type=\"application/ld+json\"]"));
    let review: serde_json::Value = serde_json::from_str(&json_ld).unwrap();
    assert_eq!(review["datePublished"], "2014-05-21T10:00:00+02:00");
    assert_eq!(review["dateModified"], "2014-05-24");

    let log = page(out.path(), "corrections/index.html");
    let logged: Vec<String> = select_in(one(&log, "ol.corrections-log"), "li")
        .iter()
        .map(|li| text(*li))
        .collect();
    assert_eq!(logged.len(), 2, "{logged:?}");
    assert!(logged[1].contains("Verdict changed from Corroborated to Disputed."));

    let feed = fs::read_to_string(out.path().join("corrections/feed.xml")).unwrap();
    assert!(
        feed.contains(&format!(
            "<id>https://example.org/cyber/claims/{claim_id}/#change-2</id>"
        )),
        "{feed}"
    );
    assert!(
        feed.contains("<updated>2014-05-23T09:30:00+02:00</updated>"),
        "{feed}"
    );
    let sitemap = fs::read_to_string(out.path().join("sitemap.xml")).unwrap();
    assert!(
        sitemap.contains(&format!(
            "<loc>https://example.org/cyber/claims/{claim_id}/</loc><lastmod>2014-05-24</lastmod>"
        )),
        "{sitemap}"
    );
    assert!(sitemap.contains("<lastmod>2014-05-21T10:00:00+02:00</lastmod>"));

    let again = tempfile::tempdir().unwrap();
    build(dir.path(), again.path());
    for entry in walkdir::WalkDir::new(out.path()) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let relative = entry.path().strip_prefix(out.path()).unwrap();
            let other = fs::read(again.path().join(relative)).unwrap();
            assert!(
                fs::read(entry.path()).unwrap() == other,
                "{} differs",
                relative.display()
            );
        }
    }
}

#[test]
fn a_shallow_clone_is_said_and_changes_not_committed_show_as_unpublished_in_the_preview() {
    let dir = dossier_with_history();
    let clone = tempfile::tempdir().unwrap();
    let source = format!("file://{}", dir.path().display());
    let target = clone.path().join("d");
    let status = Command::new("git")
        .args(["clone", "-q", "--depth", "1", &source])
        .arg(&target)
        .status()
        .unwrap();
    assert!(status.success());
    let warnings = gloss::site::check(&target).unwrap();
    assert!(
        warnings.iter().any(|w| w.message.contains("shallow clone")),
        "{warnings:?}"
    );

    let inaccurate = DISPUTED.replace("disputed", "inaccurate");
    replace(dir.path(), CLAIM, DISPUTED, &inaccurate);
    let mut cache = gloss::site::Cache::default();
    let preview = gloss::site::load_reusing(dir.path(), Some(&mut cache)).unwrap();
    let history = &preview.dossier.history;
    let edited = &preview.dossier.claims[ID];
    let kind = gloss::vocabulary::ItemKind::Claim;
    assert!(history.is_unpublished(kind, edited.id.as_str()));
    let others = preview.dossier.claims.keys().filter(|id| **id != edited.id);
    assert!(others.clone().count() > 10);
    for id in others {
        assert!(!history.is_unpublished(kind, id.as_str()), "{id}");
    }
    let published = gloss::site::load(dir.path()).unwrap();
    assert!(
        !published
            .dossier
            .history
            .is_unpublished(kind, edited.id.as_str())
    );
}
