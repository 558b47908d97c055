//! `serve`'s incremental rebuilds: after each edit, the site updated in
//! place must equal a full build of the edited dossier, byte for byte.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use gloss::diagnostics::Diagnostic;
use gloss::error::Error;
use gloss::incremental::{Body, LiveSite, Update};
use gloss::vocabulary::Section;

use crate::support::{SearchIndex, default_dossier_copy};

/// Replaces the one occurrence of `from` in the file at `path` (relative to
/// `root`); returns the path.
fn edit(root: &Path, path: &str, from: &str, to: &str) -> PathBuf {
    let full = root.join(path);
    let text = fs::read_to_string(&full).unwrap();
    assert_eq!(text.matches(from).count(), 1, "`{from}` in {path}");
    fs::write(&full, text.replace(from, to)).unwrap();
    full
}

fn live_files(site: &LiveSite) -> BTreeMap<String, Vec<u8>> {
    site.files()
        .iter()
        .map(|(path, body)| (path.to_string(), body.bytes().into_owned()))
        .collect()
}

fn full_build(root: &Path) -> BTreeMap<String, Vec<u8>> {
    gloss::site::compile(root)
        .unwrap()
        .files
        .into_iter()
        .map(|f| (f.path.to_string_lossy().replace('\\', "/"), f.contents))
        .collect()
}

/// Asserts that the live site's pages are what a full build gives, before
/// the exports are refreshed.
fn assert_same_pages_as_full_build(site: &LiveSite, root: &Path, after: &str) {
    let pages = |files: BTreeMap<String, Vec<u8>>| {
        files
            .into_iter()
            .filter(|(path, _)| path.ends_with(".html"))
            .collect::<BTreeMap<_, _>>()
    };
    assert_same(&pages(live_files(site)), &pages(full_build(root)), after);
}

/// Asserts that the live site is what a full build gives, naming the
/// files that differ.
fn assert_same_as_full_build(site: &LiveSite, root: &Path, after: &str) {
    assert_same(&live_files(site), &full_build(root), after);
}

/// Asserts that the live site warns of what `gloss check` warns of,
/// vanished permalinks included.
fn assert_same_warnings_as_full_check(site: &LiveSite, root: &Path, after: &str) {
    let full = gloss::site::check(root).unwrap();
    assert_eq!(site.warnings(), full, "after {after}");
}

fn assert_same(live: &BTreeMap<String, Vec<u8>>, full: &BTreeMap<String, Vec<u8>>, after: &str) {
    let differing: BTreeSet<&String> = live
        .keys()
        .chain(full.keys())
        .filter(|path| live.get(*path) != full.get(*path))
        .collect();
    assert!(differing.is_empty(), "after {after}: {differing:?} differ");
}

/// Asserts that the update after editing `changed` fails with the errors
/// `gloss check` finds; returns them.
fn update_failing_as_check_does(
    site: &mut LiveSite,
    root: &Path,
    changed: &Path,
) -> Vec<Diagnostic> {
    let Err(Error::Content(live)) = site.update(&[changed.to_owned()]) else {
        panic!("the update passed");
    };
    let Err(Error::Content(full)) = gloss::site::check(root) else {
        panic!("the check passed");
    };
    assert_eq!(live, full);
    live
}

#[test]
fn every_update_equals_a_full_build() {
    let dir = default_dossier_copy();
    let root = dir.path();
    let mut site = LiveSite::build(root).unwrap();
    assert_same_as_full_build(&site, root, "the first build");
    assert_same_warnings_as_full_check(&site, root, "the first build");
    assert!(site.files().contains_key("sitemap.xml"));
    let total_pages = site
        .files()
        .keys()
        .filter(|p| p.ends_with("index.html"))
        .count();
    use Section::{Articles, Claims, Corrections, Entities, Home, Sources, Timeline};
    // Each edit, and the list sections that show something it changes.
    let edits: [(&str, &str, &str, &str, &[Section]); 13] = [
        (
            "a claim's title",
            "content/annotations/claims-2014-us.toml",
            "title = \"The US Justice Department charged five Chinese military officers with hacking and economic espionage\"",
            "title = \"The US charged five PLA officers with hacking\"",
            &[Claims, Sources, Corrections],
        ),
        (
            "a claim's verdict",
            "content/annotations/claims-2014-us.toml",
            "PLA officers with hacking\"\nclaimant = \"us-justice-department\"\nstatus = \"corroborated\"",
            "PLA officers with hacking\"\nclaimant = \"us-justice-department\"\nstatus = \"disputed\"",
            &[Home, Claims, Timeline, Corrections],
        ),
        (
            "a claim's note",
            "content/annotations/claims-2014-us.toml",
            "None names the five.",
            "None of them names the five.",
            &[],
        ),
        (
            "a claim's events",
            "content/annotations/claims-2014-us.toml",
            "allow = [\"unsourced-claim\"]\nevents = [\"indictment-announced\"]\nrelated = [\"five-officers-indicted\"]",
            "allow = [\"unsourced-claim\"]\nevents = [\"indictment-announced\", \"mandiant-report\"]\nrelated = [\"five-officers-indicted\"]",
            &[Timeline],
        ),
        (
            "a cited source's title",
            "content/annotations/claims-2014-us.toml",
            "title = \"Indictment of five Chinese military officers\"\n  publisher = \"US Department of Justice\"\n  date = 2014-05-19\n  note = \"Announced on 19 May 2014; no report links it, and its URL is not recorded.\"\n\n[[claim]]\nid = \"first-criminal",
            "title = \"Indictment of five PLA officers\"\n  publisher = \"US Department of Justice\"\n  date = 2014-05-19\n  note = \"Announced on 19 May 2014; no report links it, and its URL is not recorded.\"\n\n[[claim]]\nid = \"first-criminal",
            &[Sources],
        ),
        (
            "an entity's name",
            "content/annotations/entities.toml",
            "name = \"Huawei\"",
            "name = \"Huawei Technologies\"",
            &[Claims, Entities, Timeline],
        ),
        (
            "an entity's kind",
            "content/annotations/entities.toml",
            "name = \"Mandiant\"\nkind = \"company\"",
            "name = \"Mandiant\"\nkind = \"organization\"",
            &[Claims, Entities, Timeline],
        ),
        (
            "an event's date",
            "content/annotations/events.toml",
            "title = \"Washington accuses Chinese telecom firms, including Huawei, of threatening US national security\"\ndate = \"2012\"",
            "title = \"Washington accuses Chinese telecom firms, including Huawei, of threatening US national security\"\ndate = \"2012-10\"",
            &[Timeline],
        ),
        (
            "an article's date, which reorders the reports",
            "content/articles/china-rejects-us-report.md",
            "published = 2013-02-20T09:43:00Z",
            "published = 2014-06-01T09:43:00Z",
            &[Home, Articles, Sources, Timeline],
        ),
        (
            "an article's outlet",
            "content/articles/china-rejects-us-report.md",
            "outlet = \"Iran Press TV\"",
            "outlet = \"Press TV\"",
            &[Home, Articles, Sources, Timeline],
        ),
        (
            "an article's text, which moves every passage anchored in it",
            "content/articles/china-rejects-us-report.md",
            "in turn blaming Washington for sponsoring",
            "in turn blaming the United States for sponsoring",
            &[Home, Articles, Sources, Timeline],
        ),
        (
            "the introduction",
            "content/index.md",
            "This dossier collects five reports",
            "This dossier gathers five reports",
            &[Home],
        ),
        (
            "a quote, which moves its passage",
            "content/annotations/claims-2014-us.toml",
            "quote = \"The five Chinese nationals listed were accused of hacking\"",
            "quote = \"The five Chinese nationals listed\"",
            &[Home, Articles, Sources, Timeline],
        ),
    ];
    for (what, path, from, to, sections) in edits {
        let changed = edit(root, path, from, to);
        let update = site.update(&[changed]).unwrap();
        let Update::Partial {
            item_pages,
            list_sections,
            ..
        } = update
        else {
            panic!("after {what}: {update:?}, not a partial update");
        };
        assert_eq!(list_sections, sections, "after {what}");
        assert!(
            item_pages > 0 || !sections.is_empty(),
            "after {what}: nothing rendered"
        );
        assert!(
            item_pages < total_pages,
            "after {what}: all {item_pages} pages rendered"
        );
        assert_same_pages_as_full_build(&site, root, what);
        assert_same_warnings_as_full_check(&site, root, what);
        assert!(site.refresh_exports().unwrap() > 0);
        assert_same_as_full_build(&site, root, what);
    }
}

#[test]
fn a_claim_added_then_removed_leaves_the_site_a_full_build_makes() {
    let dir = default_dossier_copy();
    let root = dir.path();
    let mut site = LiveSite::build(root).unwrap();
    let path = "content/annotations/claims-2014-china.toml";
    let new_claim = "\n[[claim]]\nid = \"envoy-met-at-night\"\n\
        title = \"The envoy was summoned at night\"\nstatus = \"unverified\"\n\n\
        [[claim.appearance]]\narticle = \"china-summons-us-envoy\"\n\
        quote = \"took place on Monday night\"\n";
    let text = fs::read_to_string(root.join(path)).unwrap();
    let changes = [
        ("a new claim", format!("{text}{new_claim}")),
        ("the new claim removed", text),
    ];
    for (what, text) in changes {
        fs::write(root.join(path), text).unwrap();
        site.update(&[root.join(path)]).unwrap();
        site.refresh_exports().unwrap();
        assert_same_as_full_build(&site, root, what);
        let files: Vec<(PathBuf, Vec<u8>)> = (site.files().iter())
            .map(|(path, body)| (path.as_ref().into(), body.bytes().into_owned()))
            .collect();
        let search = SearchIndex::of(files.iter().map(|(p, b)| (p.as_path(), b.as_slice())));
        let found = search.hrefs_holding("pairs", "summoned at");
        let listed = found.contains(&"claims/envoy-met-at-night/index.html".to_owned());
        assert_eq!(listed, what == "a new claim", "after {what}: {found:?}");
    }
}

#[test]
fn a_claims_review_and_correction_dates_reach_the_sitemap() {
    // The live site keeps each item page's sitemap entry and makes again
    // only those of the pages an update renders: a claim's review and
    // corrections date its entry, and must reach it.
    let dir = default_dossier_copy();
    let root = dir.path();
    let mut site = LiveSite::build(root).unwrap();
    let path = "content/annotations/claims-2014-us.toml";
    let status = "claimant = \"us-justice-department\"\nstatus = \"corroborated\"\n";
    let next = "\n[[claim]]\nid = \"first-criminal";
    let edits = [
        (
            "a review date",
            status,
            format!("{status}reviewed = 2014-06-02\n"),
        ),
        (
            "a correction",
            next,
            format!(
                "\n  [[claim.correction]]\n  date = 2014-06-09T08:30:00Z\n  \
                 note = \"The count of reports was wrong.\"\n{next}"
            ),
        ),
    ];
    for (what, from, to) in edits {
        let text = fs::read_to_string(root.join(path)).unwrap();
        assert!(text.contains(from), "{what}");
        fs::write(root.join(path), text.replacen(from, &to, 1)).unwrap();
        site.update(&[root.join(path)]).unwrap();
        site.refresh_exports().unwrap();
        assert_same_as_full_build(&site, root, what);
    }
    let sitemap = String::from_utf8(site.files()["sitemap.xml"].bytes().into_owned()).unwrap();
    let entry = "<loc>https://dossier.example/claims/five-officers-indicted/</loc>\
        <lastmod>2014-06-09T08:30:00Z</lastmod>";
    assert!(sitemap.contains(entry), "{sitemap}");
}

#[test]
fn an_update_drops_the_later_pages_of_a_list_that_shrank() {
    let dir = default_dossier_copy();
    let root = dir.path();
    edit(root, "book.toml", "[build]\n", "[build]\npage-size = 2\n");
    let mut site = LiveSite::build(root).unwrap();
    let shrinking = "entities/new-york-times/claims/page/2/index.html";
    let growing = "entities/xinhua/claims/page/2/index.html";
    assert!(site.files().contains_key(shrinking));
    assert!(!site.files().contains_key(growing));
    let changed = edit(
        root,
        "content/annotations/claims-2013.toml",
        "with Stuxnet\"\nclaimant = \"new-york-times\"",
        "with Stuxnet\"\nclaimant = \"xinhua\"",
    );
    let update = site.update(&[changed]).unwrap();
    assert!(matches!(update, Update::Partial { .. }), "{update:?}");
    assert!(!site.files().contains_key(shrinking));
    assert!(site.files().contains_key(growing));
    let what = "moving a claim to another claimant";
    assert_same_pages_as_full_build(&site, root, what);
    site.refresh_exports().unwrap();
    assert_same_as_full_build(&site, root, what);
}

/// A page of the claims index whose claims are unchanged is kept, unless
/// the index gained or lost a page, which its pager counts.
#[test]
fn the_claims_index_pages_follow_their_count() {
    let dir = default_dossier_copy();
    let root = dir.path();
    edit(root, "book.toml", "[build]\n", "[build]\npage-size = 2\n");
    let mut site = LiveSite::build(root).unwrap();
    let last_page = |site: &LiveSite| {
        let pages = site.files().keys();
        let pages = pages.filter_map(|p| p.strip_prefix("claims/page/")?.split_once('/'));
        pages.filter_map(|(n, _)| n.parse::<usize>().ok()).max()
    };
    let before = last_page(&site).unwrap();
    let path = "content/annotations/claims-2014-china.toml";
    let claim = |id: &str| {
        format!(
            "\n[[claim]]\nid = \"{id}\"\ntitle = \"Zz {id}\"\nstatus = \"unverified\"\n\n\
             [[claim.appearance]]\narticle = \"china-summons-us-envoy\"\n\
             quote = \"took place on Monday night\"\n"
        )
    };
    let text = fs::read_to_string(root.join(path)).unwrap();
    fs::write(
        root.join(path),
        format!("{text}{}{}", claim("zz-one"), claim("zz-two")),
    )
    .unwrap();
    site.update(&[root.join(path)]).unwrap();
    assert_eq!(last_page(&site), Some(before + 1));
    assert_same_pages_as_full_build(&site, root, "two claims added at the end");
}

/// `timeline.json` is kept while no update changed what it shows; an
/// update that did leaves it to be made again even if another update
/// comes before the exports are refreshed.
#[test]
fn the_timeline_is_made_again_after_any_update_since_the_last_refresh_changed_it() {
    let dir = default_dossier_copy();
    let root = dir.path();
    let mut site = LiveSite::build(root).unwrap();
    let timeline = |site: &LiveSite| site.files()["timeline.json"].bytes().into_owned();
    let before = timeline(&site);
    let edits = [
        (
            "content/annotations/events.toml",
            "national security\"\ndate = \"2012\"",
            "national security\"\ndate = \"2012-10\"",
        ),
        (
            "content/annotations/claims-2014-us.toml",
            "None names the five.",
            "None of them names the five.",
        ),
    ];
    for (path, from, to) in edits {
        site.update(&[edit(root, path, from, to)]).unwrap();
    }
    site.refresh_exports().unwrap();
    assert_ne!(timeline(&site), before);
    assert_same_as_full_build(&site, root, "an event's date, then a claim's note");

    let note = "content/annotations/claims-2014-us.toml";
    site.update(&[edit(root, note, "None of them", "Not one of them")])
        .unwrap();
    let file = |site: &LiveSite| match &site.files()["timeline.json"] {
        Body::Whole(bytes) => Arc::clone(bytes),
        Body::Joined(_) => panic!("timeline.json is made whole"),
    };
    let kept = file(&site);
    site.refresh_exports().unwrap();
    assert!(Arc::ptr_eq(&kept, &file(&site)), "timeline.json made again");
    assert_same_as_full_build(&site, root, "a claim's note again");
}

#[test]
fn a_vanished_permalink_fails_the_update_until_it_is_restored() {
    let dir = default_dossier_copy();
    let root = dir.path();
    let mut site = LiveSite::build(root).unwrap();
    let before = live_files(&site);
    let (path, first_words) = (
        "content/articles/china-rejects-us-report.md",
        "Meanwhile, Chinese newspaper China Youth Daily denied",
    );
    let reworded = "China Youth Daily, a Chinese newspaper, denied";
    let changed = edit(root, path, first_words, reworded);
    let live = update_failing_as_check_does(&mut site, root, &changed);
    assert!(
        live.iter()
            .any(|d| d.message.contains("#p-meanwhile-chinese-newspaper")),
        "{live:?}"
    );
    assert_eq!(live_files(&site), before);

    edit(root, path, reworded, first_words);
    site.update(&[changed]).unwrap();
    assert_same_pages_as_full_build(&site, root, "restoring the paragraph");
    assert_same_warnings_as_full_check(&site, root, "restoring the paragraph");
}

/// `serve` takes an unchanged annotation file's items from its last
/// resolution; an edit elsewhere that changes what they follow from (the
/// ids they name) must have them checked again.
#[test]
fn references_in_an_unchanged_file_are_checked_again_when_their_id_goes() {
    let dir = default_dossier_copy();
    let root = dir.path();
    let mut site = LiveSite::build(root).unwrap();
    let (path, id, renamed) = (
        "content/annotations/entities.toml",
        "id = \"us-justice-department\"",
        "id = \"us-doj\"",
    );
    let changed = edit(root, path, id, renamed);
    let live = update_failing_as_check_does(&mut site, root, &changed);
    assert!(
        live.iter().any(|d| d.path.ends_with("claims-2014-us.toml")
            && d.message == "unknown entity `us-justice-department`"),
        "{live:?}"
    );

    edit(root, path, renamed, id);
    site.update(&[changed]).unwrap();
    assert_same_pages_as_full_build(&site, root, "restoring the id");
    assert_same_warnings_as_full_check(&site, root, "restoring the id");
}

/// What anchoring found in a file is kept while the file and the reports
/// it quotes are unchanged: a report's headline counts, and a report that
/// goes takes its passages with it.
#[test]
fn passages_in_an_unchanged_file_are_looked_for_again_when_their_report_changes() {
    let dir = default_dossier_copy();
    let root = dir.path();
    let claims = "content/annotations/claims-2013.toml";
    let text = fs::read_to_string(root.join(claims)).unwrap();
    let headline_claim = "\n[[claim]]\nid = \"china-rejects-report\"\n\
        title = \"China rejects the report\"\nstatus = \"unverified\"\n\n\
        [[claim.appearance]]\narticle = \"china-rejects-us-report\"\n\
        in = \"title\"\nquote = \"China rejects US report\"\n";
    fs::write(root.join(claims), format!("{text}{headline_claim}")).unwrap();
    let mut site = LiveSite::build(root).unwrap();

    let report = "content/articles/china-rejects-us-report.md";
    let (headline, reworded) = (
        "title = \"China rejects US report blaming",
        "title = \"Beijing rejects US report blaming",
    );
    let changed = edit(root, report, headline, reworded);
    let live = update_failing_as_check_does(&mut site, root, &changed);
    assert!(
        live.iter().any(|d| d.path.ends_with("claims-2013.toml")),
        "{live:?}"
    );
    edit(root, report, reworded, headline);
    site.update(std::slice::from_ref(&changed)).unwrap();
    assert_same_pages_as_full_build(&site, root, "restoring the headline");

    let moved = root.join("content/articles/china-rejects-the-report.md");
    fs::rename(&changed, &moved).unwrap();
    let live = update_failing_as_check_does(&mut site, root, &moved);
    assert!(
        live.iter().any(|d| d.path.ends_with("claims-2013.toml")
            && d.message.contains("china-rejects-us-report")),
        "{live:?}"
    );
}

/// A reference to an id whose table has errors is told the table's line;
/// when an edit moves that table, references in unchanged files are told
/// the new line.
#[test]
fn references_to_a_broken_table_follow_it_when_it_moves() {
    let dir = default_dossier_copy();
    let root = dir.path();
    let mut site = LiveSite::build(root).unwrap();
    let path = "content/annotations/entities.toml";
    let table = "id = \"us-justice-department\"\nname = \"US Department of Justice\"";
    let changed = edit(root, path, table, &format!("{table}\ncolour = \"blue\""));
    let told_line = |diagnostics: &[Diagnostic]| {
        let told = diagnostics.iter().find(|d| {
            d.path.ends_with("claims-2014-us.toml") && d.message.contains("which has errors")
        });
        told.unwrap_or_else(|| panic!("{diagnostics:?}"))
            .message
            .clone()
    };
    let first = told_line(&update_failing_as_check_does(&mut site, root, &changed));
    let text = fs::read_to_string(&changed).unwrap();
    fs::write(&changed, format!("# Who is who.\n\n{text}")).unwrap();
    let moved = told_line(&update_failing_as_check_does(&mut site, root, &changed));
    assert_ne!(first, moved);
}

#[test]
fn a_failed_update_keeps_the_last_good_site() {
    let dir = default_dossier_copy();
    let root = dir.path();
    let mut site = LiveSite::build(root).unwrap();
    let before = live_files(&site);
    let changed = edit(
        root,
        "content/annotations/claims-2014-us.toml",
        "economic espionage\"\nclaimant = \"us-justice-department\"",
        "economic espionage\"\nclaimant = \"nobody-known\"",
    );
    assert!(site.update(&[changed]).is_err());
    assert_eq!(live_files(&site), before);
}

#[test]
fn a_template_change_rebuilds_everything() {
    let dir = default_dossier_copy();
    let root = dir.path();
    let mut site = LiveSite::build(root).unwrap();
    let template = root.join("templates/claim.html");
    fs::create_dir_all(template.parent().unwrap()).unwrap();
    fs::write(
        &template,
        "{% extends \"base.html\" %}{% block content %}<h1>{{ page.title }}</h1>{% endblock content %}",
    )
    .unwrap();
    let update = site.update(&[template]).unwrap();
    assert!(matches!(update, Update::Whole { .. }), "{update:?}");
    assert_same_as_full_build(&site, root, "a template change");
}

#[test]
fn an_edited_file_is_read_again_when_its_stamp_or_the_watcher_says_so() {
    let dir = default_dossier_copy();
    let root = dir.path();
    let mut site = LiveSite::build(root).unwrap();
    // Each file, an edit, then an edit that keeps the file's size.
    let files = [
        (
            "an article",
            "content/articles/china-rejects-us-report.md",
            (
                "published = 2013-02-20T09:43:00Z",
                "published = 2014-06-01T09:43Z",
            ),
            ("2014-06-01T09:43Z", "2015-07-02T10:44Z"),
        ),
        (
            "an annotation file",
            "content/annotations/claims-2013.toml",
            (
                "the main victims of cyberattacks\\\"",
                "the main targets of cyberattacks\\\"",
            ),
            ("main targets", "chief target"),
        ),
    ];
    for (kind, path, (from, to), (same_size_from, same_size_to)) in files {
        let what = format!("{kind} edited without the watcher's word");
        edit(root, path, from, to);
        site.update(&[]).unwrap();
        assert_same_pages_as_full_build(&site, root, &what);

        let what = format!("{kind} edited with its size and modification time kept");
        let full = root.join(path);
        let modified = fs::metadata(&full).unwrap().modified().unwrap();
        let changed = edit(root, path, same_size_from, same_size_to);
        fs::File::options()
            .write(true)
            .open(&full)
            .unwrap()
            .set_modified(modified)
            .unwrap();
        site.update(&[changed]).unwrap();
        assert_same_pages_as_full_build(&site, root, &what);
    }
}

#[test]
fn a_claim_page_is_updated_when_a_neighbour_it_lists_is_renamed() {
    let f = crate::support::Fixture::new();
    f.article("a", "Twelve things were said about the flood.\n");
    let mut toml =
        String::from("[[event]]\nid = \"flood\"\ntitle = \"The flood\"\ndate = \"2021-07\"\n");
    for n in 1..=12 {
        toml.push_str(&format!(
            "\n[[claim]]\nid = \"c{n:02}\"\ntitle = \"Claim {n:02}\"\nstatus = \"unverified\"\nevents = [\"flood\"]\nallow = [\"unsourced-claim\", \"claim-without-appearance\"]\n"
        ));
    }
    f.annotations("flood", &toml);
    let root = f.root();
    let mut site = LiveSite::build(root).unwrap();
    let page = |site: &LiveSite| {
        String::from_utf8(live_files(site)["claims/c12/index.html"].clone()).unwrap()
    };
    assert!(page(&site).contains("Claim 08") && !page(&site).contains("Claim 09"));
    for (from, to) in [("Claim 05", "Claim five"), ("Claim 10", "Claim ten")] {
        let changed = edit(
            root,
            "content/annotations/flood.toml",
            &format!("\"{from}\""),
            &format!("\"{to}\""),
        );
        site.update(&[changed]).unwrap();
        assert_same_pages_as_full_build(&site, root, &format!("renaming {from}"));
    }
    assert!(page(&site).contains("Claim five") && !page(&site).contains("Claim ten"));
}
