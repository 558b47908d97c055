//! Writes that cannot be redirected and builds that cannot collide: a link
//! planted at any name gloss writes is never written through, builds
//! running at once each leave a complete site, and a build that fails for
//! lack of space leaves the previous site and `permalinks.txt` untouched.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::support::{Fixture, Site};

fn small() -> Fixture {
    let f = Fixture::new();
    f.article("a", "Some text here.\n");
    f.annotations("x", "[[claim]]\nid = \"c\"\ntitle = \"T\"\nstatus = \"opinion\"\n\n  [[claim.appearance]]\n  article = \"a\"\n  quote = \"text\"\n");
    f
}

fn gloss() -> Command {
    Command::new(env!("CARGO_BIN_EXE_gloss"))
}

fn build_cli(root: &Path, dest: &Path) -> std::process::Output {
    gloss()
        .args(["build", "--publish"])
        .arg(root)
        .arg("-d")
        .arg(dest)
        .output()
        .unwrap()
}

fn snapshot(dir: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    Site {
        dir: dir.to_owned(),
    }
    .snapshot()
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[cfg(unix)]
#[test]
fn links_planted_where_gloss_writes_are_never_written_through() {
    use std::os::unix::fs::symlink;
    let f = small();
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("victim");
    fs::write(&victim, "precious").unwrap();
    let victim_dir = outside.path().join("victim-dir");
    fs::create_dir(&victim_dir).unwrap();
    fs::write(victim_dir.join("keep"), "precious").unwrap();
    // The names gloss wrote through or cleaned up before, and a staging
    // directory's name pointing at someone else's folder.
    symlink(&victim, f.root().join(".permalinks.txt.tmp")).unwrap();
    symlink(&victim_dir, f.root().join(".gloss-build-1-planted")).unwrap();
    symlink(&victim_dir, f.root().join(".gloss-build-999999999-planted")).unwrap();

    let out = build_cli(f.root(), &f.public());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
    assert_eq!(names_in(&victim_dir), ["keep"]);
    assert_eq!(
        fs::read_to_string(victim_dir.join("keep")).unwrap(),
        "precious"
    );
    let manifest = fs::symlink_metadata(f.root().join("permalinks.txt")).unwrap();
    assert!(manifest.file_type().is_file());
    assert!(
        fs::read_to_string(f.root().join("permalinks.txt"))
            .unwrap()
            .contains("/claims/c/")
    );

    // A destination that is a link is refused, not followed.
    let linked = f.root().join("linked-site");
    symlink(&victim_dir, &linked).unwrap();
    let out = build_cli(f.root(), &linked);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(names_in(&victim_dir), ["keep"]);
}

#[cfg(unix)]
#[test]
fn a_manifest_linked_out_of_the_dossier_is_refused_and_one_within_replaced() {
    let f = small();
    f.publish();
    let manifest = f.root().join("permalinks.txt");
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("victim");
    fs::write(&victim, "secret key\n").unwrap();
    fs::remove_file(&manifest).unwrap();
    std::os::unix::fs::symlink(&victim, &manifest).unwrap();
    let errors = f.build_errors();
    assert_eq!(errors[0].path, Path::new("permalinks.txt"));
    assert!(
        errors[0].message.contains("outside the dossier"),
        "{}",
        errors[0].message
    );
    assert!(!errors.iter().any(|e| e.message.contains("secret")));
    assert_eq!(fs::read_to_string(&victim).unwrap(), "secret key\n");

    // A link within the dossier is read, and replaced by the new manifest.
    let kept = f.root().join("kept.txt");
    fs::write(&kept, "").unwrap();
    fs::remove_file(&manifest).unwrap();
    std::os::unix::fs::symlink(&kept, &manifest).unwrap();
    f.article("b", "A new report.\n");
    f.publish();
    assert_eq!(fs::read_to_string(&kept).unwrap(), "");
    assert!(
        fs::symlink_metadata(&manifest)
            .unwrap()
            .file_type()
            .is_file()
    );
}

#[cfg(unix)]
#[test]
fn special_files_are_refused_not_read() {
    let f = small();
    let fifo = |path: &Path| {
        let status = Command::new("mkfifo").arg(path).status().unwrap();
        assert!(status.success());
    };
    fifo(&f.root().join("content/articles/pipe.md"));
    fs::create_dir_all(f.root().join("static")).unwrap();
    fifo(&f.root().join("static/pipe.css"));
    let done = gloss()
        .arg("check")
        .arg(f.root())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    let output = done.wait_with_output().unwrap();
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("content/articles/pipe.md: error: is not a regular file"),
        "{stderr}"
    );
}

#[test]
fn only_the_leftovers_of_builds_no_longer_running_are_removed() {
    let f = small();
    let out = tempfile::tempdir().unwrap();
    let mut sleeper = Command::new("sleep").arg("30").spawn().unwrap();
    let live = out
        .path()
        .join(format!(".gloss-build-{}-live", sleeper.id()));
    let dead = out.path().join(".gloss-build-999999999-dead");
    for dir in [&live, &dead] {
        fs::create_dir(dir).unwrap();
        fs::write(dir.join("index.html"), "half a site").unwrap();
    }
    gloss::site::build(f.root(), Some(&out.path().join("site"))).unwrap();
    let _ = sleeper.kill();
    let _ = sleeper.wait();
    assert!(
        live.join("index.html").is_file(),
        "a live build's staging was removed"
    );
    assert!(!dead.exists(), "a dead build's staging was kept");
}

/// A dossier of many small pages, so that builds spend most of their
/// time writing and overlap while they do.
fn busy() -> Fixture {
    let f = Fixture::new();
    for i in 0..400 {
        f.article(&format!("r{i}"), &format!("Report {i}.\n"));
    }
    f
}

#[test]
fn builds_at_once_into_the_same_and_sibling_destinations_all_complete() {
    let f = busy();
    let reference = tempfile::tempdir().unwrap();
    gloss::site::build(f.root(), Some(&reference.path().join("site"))).unwrap();
    let expected = snapshot(&reference.path().join("site"));
    let out = tempfile::tempdir().unwrap();
    let dests = ["one", "one", "two", "three", "three"].map(|d| out.path().join(d));
    for round in 0..3 {
        let children: Vec<_> = dests
            .iter()
            .map(|dest| {
                // Staggered, so that each build starts while others write.
                std::thread::sleep(std::time::Duration::from_millis(30));
                gloss()
                    .arg("build")
                    .arg(f.root())
                    .arg("-d")
                    .arg(dest)
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let done = child.wait_with_output().unwrap();
            assert!(
                done.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&done.stderr)
            );
        }
        for dest in &dests {
            assert!(
                snapshot(dest) == expected,
                "round {round}: {} is not the whole site",
                dest.display()
            );
        }
        assert_eq!(names_in(out.path()), ["one", "three", "two"]);
    }
}

/// Runs `script` as root of a private mount namespace, where it may mount
/// a small tmpfs to fill; `None` where this system offers no such
/// namespace to an unprivileged user.
fn in_mount_namespace(script: &str) -> Option<std::process::Output> {
    let usable = Command::new("unshare")
        .args(["--user", "--map-root-user", "--mount", "true"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !usable {
        eprintln!("skipped: `unshare --user --mount` is not available here");
        return None;
    }
    let output = Command::new("unshare")
        .args(["--user", "--map-root-user", "--mount", "sh", "-c", script])
        .env("GLOSS", env!("CARGO_BIN_EXE_gloss"))
        .output()
        .unwrap();
    Some(output)
}

#[test]
fn a_build_that_runs_out_of_space_leaves_the_old_site_untouched() {
    let f = small();
    let scratch = tempfile::tempdir().unwrap();
    let disk = scratch.path().join("disk");
    let (before, after) = (scratch.path().join("before"), scratch.path().join("after"));
    for dir in [&disk, &before, &after] {
        fs::create_dir(dir).unwrap();
    }
    let big = scratch.path().join("big.md");
    let words = "Many words of a very long report. ".repeat(60_000);
    fs::write(
        &big,
        format!("+++\ntitle = \"Big\"\npublished = 2014-05-21\n+++\n{words}\n"),
    )
    .unwrap();
    let script = format!(
        "mount -t tmpfs -o size=1m tmpfs '{disk}' || exit 90
         \"$GLOSS\" build --publish '{root}' -d '{disk}/site' || exit 91
         cp -a '{disk}/.' '{before}/'
         cp '{manifest}' '{before}/permalinks.txt'
         cp '{big}' '{root}/content/articles/big.md'
         \"$GLOSS\" build --publish '{root}' -d '{disk}/site'
         echo \"exit $?\"
         cp -a '{disk}/.' '{after}/'
         cp '{manifest}' '{after}/permalinks.txt'",
        disk = disk.display(),
        root = f.root().display(),
        before = before.display(),
        after = after.display(),
        big = big.display(),
        manifest = f.root().join("permalinks.txt").display(),
    );
    let Some(output) = in_mount_namespace(&script) else {
        return;
    };
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stdout.contains("exit 2"), "{stdout}\n{stderr}");
    assert!(stderr.contains("No space left"), "{stderr}");
    assert!(snapshot(&before) == snapshot(&after), "{stderr}");
    assert_eq!(names_in(&after), ["permalinks.txt", "site"]);
}

#[test]
fn a_manifest_that_cannot_be_written_leaves_the_old_site_untouched() {
    let f = small();
    let scratch = tempfile::tempdir().unwrap();
    let disk = scratch.path().join("disk");
    let site = scratch.path().join("site");
    let copy = scratch.path().join("after");
    fs::create_dir(&disk).unwrap();
    fs::create_dir(&copy).unwrap();
    gloss::site::publish(f.root(), Some(&site)).unwrap();
    let before = snapshot(&site);
    let script = format!(
        "mount -t tmpfs -o size=256k tmpfs '{disk}' || exit 90
         cp -a '{root}/.' '{disk}/'
         printf '+++\\ntitle = \"B\"\\npublished = 2014-05-21\\n+++\\nNew.\\n' > '{disk}/content/articles/b.md' || exit 92
         cat /dev/zero > '{disk}/filler' 2>/dev/null
         \"$GLOSS\" build --publish '{disk}' -d '{site}'
         echo \"exit $?\"
         rm '{disk}/filler'
         cp -a '{disk}/.' '{copy}/'",
        disk = disk.display(),
        root = f.root().display(),
        site = site.display(),
        copy = copy.display(),
    );
    let Some(output) = in_mount_namespace(&script) else {
        return;
    };
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stdout.contains("exit 2"), "{stdout}\n{stderr}");
    assert!(stderr.contains("permalinks.txt"), "{stderr}");
    assert!(snapshot(&site) == before, "the site was replaced: {stderr}");
    assert_eq!(
        fs::read(copy.join("permalinks.txt")).unwrap(),
        fs::read(f.root().join("permalinks.txt")).unwrap()
    );
    assert!(
        !names_in(&copy).iter().any(|n| n.starts_with('.')),
        "{:?}",
        names_in(&copy)
    );
}
