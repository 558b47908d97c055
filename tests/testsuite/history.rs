//! The dossier's history from git: the default dossier made a repository
//! of its own, its claims changed and corrected commit by commit.

use std::fs;
use std::path::Path;
use std::process::Command;

use scraper::Html;

use crate::support::{Site, default_dossier_copy, one, select, select_in, text};

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

pub(crate) fn commit(root: &Path, message: &str, date: &str) {
    git(root, &["add", "-A"], date);
    git(root, &["commit", "-q", "-m", message], date);
}

pub(crate) fn replace(root: &Path, path: &str, from: &str, to: &str) {
    let path = root.join(path);
    let text = fs::read_to_string(&path).unwrap();
    assert_eq!(text.matches(from).count(), 1, "{from}");
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

pub(crate) const CLAIM: &str = "content/annotations/claims-2014-us.toml";
const STATUS: &str =
    "economic espionage\"\nclaimant = \"us-justice-department\"\nstatus = \"corroborated\"";
pub(crate) const DISPUTED: &str =
    "economic espionage\"\nclaimant = \"us-justice-department\"\nstatus = \"disputed\"";
pub(crate) const ID: &str = "five-officers-indicted";

/// The default dossier with its history turned on, committed on 21 May
/// 2014; a verdict changed on 23 May; a correction recorded on 24 May.
pub(crate) fn dossier_with_history() -> tempfile::TempDir {
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
    build_with(&[], root, dest)
}

/// Runs `gloss build` with `options` on `root` into `dest`; returns its
/// standard error.
fn build_with(options: &[&str], root: &Path, dest: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_gloss"))
        .arg("build")
        .args(options)
        .arg("-d")
        .arg(dest)
        .arg(root)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stderr}");
    stderr
}

fn page(dest: &Path, path: &str) -> Html {
    let site = Site {
        dir: dest.to_owned(),
    };
    site.page(path)
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

    // Every item page's footer says since when the dossier has it.
    let event = page(out.path(), "events/indictment-announced/index.html");
    let footer = text(one(&event, ".site-footer"));
    assert!(
        footer.contains("In this dossier since 21 May 2014."),
        "{footer}"
    );
    let footer = text(one(&html, ".site-footer"));
    assert!(
        footer.contains("In this dossier since 21 May 2014, last changed 24 May 2014."),
        "{footer}"
    );

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

fn href(element: scraper::ElementRef<'_>) -> &str {
    element.value().attr("href").unwrap()
}

#[test]
fn each_version_of_a_claim_has_a_page_that_shows_and_cites_it_as_it_stood() {
    let dir = dossier_with_history();
    let out = tempfile::tempdir().unwrap();
    build(dir.path(), out.path());
    let versions = out.path().join(format!("claims/{ID}/v"));
    let mut numbers: Vec<String> = fs::read_dir(&versions)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    numbers.sort();
    // The correction is shown as itself, not as a new version.
    assert_eq!(numbers, ["1", "2"]);

    let first = page(out.path(), &format!("claims/{ID}/v/1/index.html"));
    let banner = one(&first, ".version-banner");
    let said = text(banner);
    assert!(
        said.contains("Version 1 of 2")
            && said.contains("21 May 2014")
            && said.contains("replaced"),
        "{said}"
    );
    let current = select_in(banner, "a");
    assert_eq!(
        href(current[0]),
        format!("../../../../claims/{ID}/index.html")
    );
    assert_eq!(text(one(&first, ".claim-verdict .verdict")), "Corroborated");
    assert!(text(one(&first, ".claim-note")).contains("All four reports of May 2014"));
    let quoted: Vec<String> = select_in(one(&first, ".version-wordings"), "blockquote")
        .iter()
        .map(|q| text(*q))
        .collect();
    assert_eq!(quoted.len(), 4, "{quoted:?}");
    let passage = select_in(one(&first, ".version-wordings"), "a")[0];
    assert!(
        href(passage).ends_with(&format!("/index.html#quote-{ID}")),
        "{}",
        href(passage)
    );
    let next = one(&first, "a[rel=next]");
    assert_eq!(
        href(next),
        format!("../../../../claims/{ID}/v/2/index.html")
    );

    let second = page(out.path(), &format!("claims/{ID}/v/2/index.html"));
    assert_eq!(text(one(&second, ".claim-verdict .verdict")), "Disputed");
    assert!(text(one(&second, ".version-banner")).contains("the latest version"));
    assert!(text(one(&second, "#version-heading + p")).contains("“Dispute the indictment claim"));
    let cited = text(select(&second, ".cite > p")[0]);
    assert!(
        cited.contains(&format!("https://example.org/cyber/claims/{ID}/v/2/"))
            && cited.contains("(version 2)")
            && cited.contains("23 May 2014"),
        "{cited}"
    );

    // The claim's page links each version and offers the latest to cite
    // beside itself.
    let claim = page(out.path(), &format!("claims/{ID}/index.html"));
    let listed: Vec<&str> = select_in(one(&claim, ".history-versions"), "a")
        .into_iter()
        .map(href)
        .collect();
    assert_eq!(
        listed,
        [
            format!("../../claims/{ID}/v/1/index.html"),
            format!("../../claims/{ID}/v/2/index.html")
        ]
    );
    let change = one(&claim, "#change-2 a");
    assert_eq!(href(change), format!("../../claims/{ID}/v/2/index.html"));
    let own = text(select(&claim, ".cite > p")[0]);
    assert!(
        own.ends_with(&format!("https://example.org/cyber/claims/{ID}/.")),
        "{own}"
    );
    let version = text(one(&claim, ".cite-version"));
    assert!(
        version.contains(&format!("https://example.org/cyber/claims/{ID}/v/2/"))
            && version.contains(&format!("@misc{{claims-{ID}-v-2,")),
        "{version}"
    );

    // The permalink lock covers the versions; a copy without the
    // repository says in one warning why they are gone.
    let published = out.path().join("published");
    build_with(&["--publish"], dir.path(), &published);
    let manifest = fs::read_to_string(dir.path().join("permalinks.txt")).unwrap();
    assert!(
        manifest.contains(&format!(
            "/claims/{ID}/v/1/\tcontent/annotations/claims-2014-us.toml\n"
        )),
        "{manifest}"
    );
    fs::remove_dir_all(dir.path().join(".git")).unwrap();
    let Err(gloss::error::Error::Content(found)) = gloss::site::check(dir.path()) else {
        panic!("the lock holds the versions")
    };
    let vanished: Vec<&str> = found
        .iter()
        .map(|w| w.message.as_str())
        .filter(|m| m.contains("permalink"))
        .collect();
    assert_eq!(vanished.len(), 1, "{vanished:?}");
    assert!(
        vanished[0].contains("published permalinks of claims' versions no longer exist")
            && vanished[0].contains("not in a git repository"),
        "{}",
        vanished[0]
    );
}

#[test]
fn a_renamed_claim_keeps_its_history_and_its_old_versions_redirect() {
    let dir = dossier_with_history();
    let root = dir.path();
    let renamed = "doj-indicts-five-officers";
    let id_line = format!("id = \"{ID}\"\n");
    let new_lines = format!("id = \"{renamed}\"\naliases = [\"{ID}\"]\n");
    replace(root, CLAIM, &id_line, &new_lines);
    for file in walkdir::WalkDir::new(root.join("content/annotations")) {
        let file = file.unwrap();
        if file.file_type().is_file() {
            let text = fs::read_to_string(file.path()).unwrap();
            let quoted = format!("\"{ID}\"");
            let text = text.replace(&quoted, &format!("\"{renamed}\""));
            let text = text.replace(
                &format!("aliases = [\"{renamed}\"]"),
                &format!("aliases = [\"{ID}\"]"),
            );
            fs::write(file.path(), text).unwrap();
        }
    }
    commit(
        root,
        "Rename the indictment claim",
        "2014-06-01T08:00:00+02:00",
    );
    let out = tempfile::tempdir().unwrap();
    build(root, out.path());

    let claim = page(out.path(), &format!("claims/{renamed}/index.html"));
    let dates = text(one(&claim, ".history-dates"));
    assert!(dates.starts_with("Review published 21 May 2014"), "{dates}");
    let entries = select_in(one(&claim, "section.claim-history"), ".history-log > li");
    assert_eq!(entries.len(), 2, "the rename is not a change");
    let first = page(out.path(), &format!("claims/{renamed}/v/1/index.html"));
    assert_eq!(text(one(&first, ".claim-verdict .verdict")), "Corroborated");
    assert!(!out.path().join(format!("claims/{renamed}/v/3")).exists());

    let old = page(out.path(), &format!("claims/{ID}/v/2/index.html"));
    let refresh = one(&old, "meta[http-equiv=refresh]");
    assert_eq!(
        refresh.value().attr("content"),
        Some(format!("0; url=../../../../claims/{renamed}/v/2/index.html").as_str())
    );
}

#[test]
fn a_commit_made_while_serving_is_published_on_the_pages_at_once() {
    let dir = dossier_with_history();
    let root = dir.path();
    let served =
        crate::support::Served::start(root, &["serve", root.to_str().unwrap(), "--port", "0"]);
    let claim = format!("/claims/{ID}/");
    let get = |path: &str| {
        let (code, body) =
            crate::support::http(served.address, ("GET", path), &[("Host", "localhost")], "");
        assert_eq!(code, 200, "{path}");
        Html::parse_document(&body)
    };
    let until = |what: &str, done: &dyn Fn(&Html) -> bool| {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while !done(&get(&claim)) {
            assert!(
                std::time::Instant::now() < deadline,
                "timed out waiting for {what}"
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    };
    let unpublished = |html: &Html| !select(html, ".unpublished").is_empty();
    let versions = |html: &Html| select(html, ".history-versions a").len();
    until("the page", &|html| {
        versions(html) == 2 && !unpublished(html)
    });

    let misleading = DISPUTED.replace("disputed", "misleading");
    replace(root, CLAIM, DISPUTED, &misleading);
    until("the edit, unpublished", &unpublished);
    commit(
        root,
        "Call the indictment claim misleading",
        "2014-05-25T08:00:00+02:00",
    );
    until("the commit, published", &|html| {
        versions(html) == 3 && !unpublished(html)
    });
    let version = get(&format!("/claims/{ID}/v/3/"));
    assert_eq!(text(one(&version, ".claim-verdict .verdict")), "Misleading");
}
