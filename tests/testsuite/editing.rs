//! The editor's loop: warnings and their levels, `check` and its formats
//! and exit codes, `new` and `init`.

use std::path::Path;
use std::process::{Command, Output};

use super::support::Fixture;
use gloss::diagnostics::{Diagnostic, Lint, Severity};

fn gloss(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args(args)
        .output()
        .unwrap()
}

fn warnings(f: &Fixture) -> Vec<Diagnostic> {
    gloss::site::check(f.root()).unwrap_or_else(|e| panic!("{}", super::support::describe(&e)))
}

fn lints(diagnostics: &[Diagnostic]) -> Vec<(Lint, String, usize)> {
    diagnostics
        .iter()
        .filter_map(|d| d.lint.map(|l| (l, d.path.display().to_string(), d.line)))
        .collect()
}

/// A dossier that triggers every warning once.
fn untidy() -> Fixture {
    let f = Fixture::new();
    f.article("a", "One passage here. [Nowhere](../../claims/nope/).\n");
    f.article("lonely", "Nobody quotes this.\n");
    f.annotations(
        "x",
        "[[claim]]\nid = \"c\"\ntitle = \"T\"\nstatus = \"opinion\"\n\n  [[claim.appearance]]\n  article = \"a\"\n  quote = \"One passage\"\n\n[[claim]]\nid = \"d\"\ntitle = \"T\"\nstatus = \"opinion\"\n\n  [[claim.appearance]]\n  article = \"a\"\n  quote = \"One passage\"\n\n  [[claim.source]]\n  title = \"S\"\n\n[[claim]]\nid = \"e\"\ntitle = \"T\"\nstatus = \"opinion\"\nallow = [\"unsourced-claim\"]\n\n[[entity]]\nid = \"nobody\"\nname = \"Nobody\"\nkind = \"person\"\n\n[[event]]\nid = \"nothing\"\ntitle = \"T\"\ndate = \"2014\"\n",
    );
    f
}

#[test]
fn every_warning_class_is_reported_where_it_is() {
    let found = lints(&warnings(&untidy()));
    let x = "content/annotations/x.toml".to_owned();
    let expected = [
        (Lint::UnsourcedClaim, x.clone(), 2),
        (Lint::SharedPassage, x.clone(), 11),
        (Lint::ClaimWithoutAppearance, x.clone(), 23),
        (Lint::UnreferencedEntity, x.clone(), 29),
        (Lint::UnreferencedEvent, x.clone(), 34),
        (Lint::BrokenLink, "content/articles/a.md".to_owned(), 5),
        (
            Lint::UnannotatedArticle,
            "content/articles/lonely.md".to_owned(),
            0,
        ),
    ];
    for e in &expected {
        assert!(found.contains(e), "missing {e:?} in {found:?}");
    }
    assert_eq!(found.len(), expected.len(), "{found:?}");
}

#[test]
fn check_levels_allow_deny_and_deny_warnings() {
    let f = untidy();
    f.file("book.toml", "[book]\ntitle = \"T\"\n[check]\nallow = [\"unsourced-claim\", \"broken-link\"]\ndeny = [\"shared-passage\"]\n");
    let errors = f.build_errors();
    let shared = errors
        .iter()
        .find(|d| d.lint == Some(Lint::SharedPassage))
        .unwrap();
    assert_eq!(shared.severity, Severity::Error);
    assert!(
        errors
            .iter()
            .all(|d| d.lint != Some(Lint::UnsourcedClaim) && d.lint != Some(Lint::BrokenLink))
    );
    f.file(
        "book.toml",
        "[book]\ntitle = \"T\"\n[check]\ndeny-warnings = true\n",
    );
    assert!(
        f.build_errors()
            .iter()
            .all(|d| d.severity == Severity::Error)
    );
    f.file(
        "book.toml",
        "[book]\ntitle = \"T\"\n[check]\nallow = [\"no-such-lint\"]\n",
    );
    let errors = f.build_errors();
    assert!(
        errors[0].message.contains("unknown variant `no-such-lint`"),
        "{errors:?}"
    );
}

#[test]
fn check_exit_codes_and_json() {
    let f = untidy();
    let dir = f.root().to_str().unwrap();
    let out = gloss(&["check", dir]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("warning[shared-passage]"));
    assert_eq!(
        gloss(&["check", dir, "--deny-warnings"]).status.code(),
        Some(1)
    );
    let json = gloss(&["check", dir, "--format", "json"]);
    let lines: Vec<serde_json::Value> = String::from_utf8(json.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 7);
    let broken = lines.iter().find(|l| l["lint"] == "broken-link").unwrap();
    assert_eq!(broken["path"], "content/articles/a.md");
    assert_eq!(
        (broken["line"].as_u64(), broken["column"].as_u64()),
        (Some(5), Some(19))
    );
    assert_eq!(broken["severity"], "warning");
    f.annotations("y", "[[claim]]\nid = \"bad\"\n");
    let failed = gloss(&["check", dir, "--format", "json"]);
    assert_eq!(failed.status.code(), Some(1));
    let first: serde_json::Value = serde_json::from_str(
        String::from_utf8(failed.stdout)
            .unwrap()
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(
        (first["severity"].as_str(), first["line"].as_u64()),
        (Some("error"), Some(1))
    );
    assert_eq!(gloss(&["check", "/no/such/dossier"]).status.code(), Some(2));
}

#[test]
fn init_makes_a_dossier_that_builds_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("new");
    let root_str = root.to_str().unwrap();
    assert_eq!(gloss(&["init", root_str]).status.code(), Some(0));
    assert_eq!(gloss::site::check(&root).unwrap(), []);
    gloss::site::build(&root, None).unwrap();
    let again = gloss(&["init", root_str]);
    assert_eq!(again.status.code(), Some(2));
}

#[test]
fn new_article_and_new_claim_write_stubs_that_pass_check() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let root_str = root.to_str().unwrap();
    gloss(&["init", root_str]);
    let out = gloss(&["new", "article", "fresh-report", "--dir", root_str]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(root.join("content/articles/fresh-report.md").is_file());
    let claim = gloss(&[
        "new",
        "claim",
        "fresh-claim",
        "--article",
        "example-report",
        "--quote",
        "Typos in a report are kept",
        "--dir",
        root_str,
    ]);
    assert_eq!(
        claim.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&claim.stderr)
    );
    // The stubs pass, but what only the editor can fill in is flagged:
    // the headline and date of the report, the claim's title and source.
    let placeholders = |warnings: &[Diagnostic]| -> Vec<String> {
        let mut found: Vec<String> = warnings
            .iter()
            .filter(|d| d.lint == Some(Lint::Placeholder))
            .map(|d| format!("{}: {}", d.path.display(), d.message))
            .collect();
        found.sort();
        found
    };
    let warnings = gloss::site::check(root).unwrap();
    assert_eq!(
        placeholders(&warnings),
        [
            "content/annotations/fresh-claim.toml: claim `fresh-claim` still has a placeholder source",
            "content/annotations/fresh-claim.toml: the title of claim `fresh-claim` is still a placeholder",
            "content/articles/fresh-report.md: `published` of `fresh-report` is still the day the stub was written",
            "content/articles/fresh-report.md: the headline of `fresh-report` is still a placeholder",
        ]
    );
    let edit = |path: &str, from: &str, to: &str| {
        let path = root.join(path);
        let text = std::fs::read_to_string(&path).unwrap();
        let edited = replace_once(&text, from, to);
        std::fs::write(path, edited).unwrap();
    };
    edit(
        "content/articles/fresh-report.md",
        "[Headline of fresh-report]",
        "Fresh report",
    );
    edit(
        "content/articles/fresh-report.md",
        "# placeholder",
        "# checked",
    );
    edit(
        "content/annotations/fresh-claim.toml",
        "[State claim fresh-claim in one line]",
        "Typos are kept",
    );
    edit(
        "content/annotations/fresh-claim.toml",
        "[Name the primary source]",
        "The report itself",
    );
    let warnings = gloss::site::check(root).unwrap();
    assert_eq!(placeholders(&warnings), Vec::<String>::new());
    assert_eq!(
        lints(&warnings),
        [(
            Lint::UnannotatedArticle,
            "content/articles/fresh-report.md".to_owned(),
            0
        )]
    );
    let loaded = gloss::site::load(root).unwrap();
    assert!(
        loaded
            .dossier
            .claims
            .keys()
            .any(|id| id.as_str() == "fresh-claim")
    );
}

/// `text` with the one occurrence of `from` replaced by `to`.
fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "`{from}` in:\n{text}");
    text.replacen(from, to, 1)
}

#[test]
fn new_refuses_what_would_not_check_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let root_str = dir.path().to_str().unwrap();
    gloss(&["init", root_str]);
    let quote = |q: &str, id: &str| {
        gloss(&[
            "new",
            "claim",
            id,
            "--article",
            "example-report",
            "--quote",
            q,
            "--dir",
            root_str,
        ])
    };
    let missing = quote("Typos are fixed", "c1");
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("closest passage"));
    assert_eq!(quote("the", "c2").status.code(), Some(1));
    assert_eq!(
        quote("Typos in a report", "quotes-must-match")
            .status
            .code(),
        Some(2)
    );
    assert_eq!(quote("Typos in a report", "Bad Id").status.code(), Some(2));
    assert!(
        !Path::new(root_str)
            .join("content/annotations/c1.toml")
            .exists()
    );
    let article = gloss(&["new", "article", "example-report", "--dir", root_str]);
    assert_eq!(article.status.code(), Some(2));
    let text =
        std::fs::read_to_string(Path::new(root_str).join("content/articles/example-report.md"))
            .unwrap();
    assert!(text.contains("This example stands in for a news report."));
}

/// A dossier of one report that says the same thing twice, with two
/// claims in one annotation file.
fn ferry() -> Fixture {
    let f = Fixture::new();
    f.file(
        "content/articles/ferry.md",
        "+++\ntitle = \"Ferry service cut\"\npublished = 2023-06-01\n+++\nThe council said the service would end in May. A spokesman repeated that the service would end in May, and that fares would rise.\n",
    );
    f.annotations(
        "ferry",
        "[[claim]]\nid = \"ends-in-may\"\ntitle = \"The ferry service ends in May\"\nstatus = \"unverified\"\nallow = [\"unsourced-claim\"]\n\n  [[claim.appearance]]\n  article = \"ferry\"\n  quote = \"The council said the service would end in May.\"\n\n[[claim]]\nid = \"fares-rise\"\ntitle = \"Fares will rise\"\nstatus = \"unverified\"\nallow = [\"unsourced-claim\"]\n\n  [[claim.appearance]]\n  article = \"ferry\"\n  quote = \"fares would rise\"\n",
    );
    f
}

#[test]
fn new_appearance_adds_a_passage_to_its_own_claim_in_the_claims_file() {
    let f = ferry();
    let dir = f.root().to_str().unwrap();
    let file = f.root().join("content/annotations/ferry.toml");
    let before = std::fs::read_to_string(&file).unwrap();

    // The passage occurs twice: refused, the file as it was.
    let twice = gloss(&[
        "new",
        "appearance",
        "ends-in-may",
        "--article",
        "ferry",
        "--quote",
        "the service would end in May",
        "--dir",
        dir,
    ]);
    assert_eq!(twice.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&twice.stderr).contains("occurs 2 times"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);

    // A misspelt article gets check's "did you mean".
    let typo = gloss(&[
        "new",
        "appearance",
        "ends-in-may",
        "--article",
        "fery",
        "--quote",
        "x",
        "--dir",
        dir,
    ]);
    assert_eq!(typo.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&typo.stderr)
            .contains("there is no article `fery` (did you mean `ferry`?)"),
        "{}",
        String::from_utf8_lossy(&typo.stderr)
    );

    // With a prefix it is one passage, written under the first claim
    // although the file's last claim is another.
    let added = gloss(&[
        "new",
        "appearance",
        "ends-in-may",
        "--article",
        "ferry",
        "--quote",
        "the service would end in May",
        "--prefix",
        "repeated that",
        "--dir",
        dir,
    ]);
    assert_eq!(
        added.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    let dossier = gloss::site::load(f.root()).unwrap().dossier;
    let claims = &dossier.claims;
    assert_eq!(
        claims[&gloss::id::Id::parse("ends-in-may").unwrap()]
            .appearances
            .len(),
        2
    );
    assert_eq!(
        claims[&gloss::id::Id::parse("fares-rise").unwrap()]
            .appearances
            .len(),
        1
    );
    let after = std::fs::read_to_string(&file).unwrap();
    assert!(
        after.starts_with(&before[..before.find("[[claim]]\nid = \"fares-rise\"").unwrap() - 1])
    );
    assert!(after.contains("  prefix = \"repeated that\"\n"), "{after}");
    assert_eq!(gloss(&["check", dir]).status.code(), Some(0));
}

#[test]
fn new_claim_takes_several_passages_and_adds_to_a_named_file() {
    let f = ferry();
    let dir = f.root().to_str().unwrap();
    let file = f.root().join("content/annotations/ferry.toml");
    let out = gloss(&[
        "new",
        "claim",
        "spokesman-repeats",
        "--article",
        "ferry",
        "--quote",
        "A spokesman repeated that",
        "--article",
        "ferry",
        "--quote",
        "and that fares would rise",
        "--file",
        file.to_str().unwrap(),
        "--dir",
        dir,
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dossier = gloss::site::load(f.root()).unwrap().dossier;
    let claim = &dossier.claims[&gloss::id::Id::parse("spokesman-repeats").unwrap()];
    assert_eq!(claim.appearances.len(), 2);
    assert_eq!(
        claim.origin.path.as_ref(),
        Path::new("content/annotations/ferry.toml")
    );

    let unpaired = gloss(&[
        "new",
        "claim",
        "x",
        "--article",
        "ferry",
        "--article",
        "ferry",
        "--quote",
        "fares",
        "--dir",
        dir,
    ]);
    assert_eq!(unpaired.status.code(), Some(2));
    let outside = gloss(&[
        "new",
        "claim",
        "y",
        "--article",
        "ferry",
        "--quote",
        "and that fares would rise",
        "--file",
        f.root().join("elsewhere.toml").to_str().unwrap(),
        "--dir",
        dir,
    ]);
    assert_eq!(outside.status.code(), Some(2));
    assert!(!f.root().join("elsewhere.toml").exists());
}

#[test]
fn every_command_takes_the_dossier_as_dir_or_with_dir() {
    let f = ferry();
    let dir = f.root().to_str().unwrap();
    for command in ["check", "build"] {
        assert_eq!(
            gloss(&[command, dir]).status.code(),
            Some(0),
            "{command} DIR"
        );
        assert_eq!(
            gloss(&[command, "--dir", dir]).status.code(),
            Some(0),
            "{command} --dir"
        );
    }
    assert_eq!(gloss(&["check", dir, "--dir", dir]).status.code(), Some(2));
}

/// `gloss check --todo --format json` on `f`: one object per report.
fn todo_json(f: &Fixture) -> Vec<serde_json::Value> {
    let out = gloss(&[
        "check",
        "--todo",
        "--format",
        "json",
        f.root().to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn check_todo_lists_what_is_left_with_the_appearance_to_add() {
    let f = Fixture::new();
    f.file(
        "content/articles/minister.md",
        "+++\ntitle = \"Plant to open\"\npublished = 2023-03-01\n+++\nThe minister said the plant would employ 1,200 people. “We will not close the old site before 2030,” she added.\n",
    );
    f.file(
        "content/articles/union.md",
        "+++\ntitle = \"Union welcomes plant\"\npublished = 2023-03-02\n+++\nA spokesman confirmed that the plant would employ 1,200 people. He said the site had cost 45 million.\n",
    );
    f.annotations(
        "plant",
        "[[claim]]\nid = \"plant-jobs\"\ntitle = \"The plant will employ 1,200 people\"\nstatus = \"unverified\"\nallow = [\"unsourced-claim\"]\n\n  [[claim.appearance]]\n  article = \"minister\"\n  quote = \"the plant would employ 1,200 people\"\n",
    );
    let todos = todo_json(&f);
    let of = |slug: &str| {
        todos
            .iter()
            .find(|t| t["article"] == slug)
            .map(|t| t["items"].as_array().unwrap().clone())
            .unwrap_or_default()
    };
    assert_eq!(
        of("minister"),
        [
            serde_json::json!({"kind": "quoted", "text": "We will not close the old site before 2030,", "in": "body", "block": "p-the-minister-said-the-plant-would"})
        ]
    );
    let union = of("union");
    assert_eq!(union.len(), 2, "{union:?}");
    assert_eq!(union[0]["kind"], "repeat");
    assert_eq!(union[0]["claim"], "plant-jobs");
    assert_eq!(
        union[0]["appearance"],
        "  [[claim.appearance]]\n  article = \"union\"\n  quote = \"the plant would employ 1,200 people\"\n"
    );
    assert_eq!(
        union[1],
        serde_json::json!({"kind": "figure", "text": "45 million", "in": "body", "block": "p-a-spokesman-confirmed-that-the-plant"})
    );

    // The appearance it gives is one `check` takes, and the repeat is gone.
    let plant = f.root().join("content/annotations/plant.toml");
    let mut text = std::fs::read_to_string(&plant).unwrap();
    let appearance = union[0]["appearance"].as_str().unwrap();
    text.push('\n');
    text.push_str(appearance);
    std::fs::write(&plant, text).unwrap();
    let again = gloss(&["check", "--todo", f.root().to_str().unwrap()]);
    assert_eq!(
        again.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    let said = String::from_utf8_lossy(&again.stderr);
    assert!(!said.contains("plant-jobs"), "{said}");
    assert!(
        said.contains(
            "figure “45 million” (in ¶ p-a-spokesman-confirmed-that-the-plant) is in no claim"
        ),
        "{said}"
    );
}

#[test]
fn check_todo_offers_a_quotation_that_another_passage_quotes_whole() {
    let f = Fixture::new();
    f.file(
        "content/articles/council.md",
        "+++\ntitle = \"Deadline for Rovers\"\npublished = 2024-03-01\n+++\nThe mayor said: \"If the club does not pay by Friday, the lease ends, and we will find a new tenant.\"\n",
    );
    f.file(
        "content/articles/paper.md",
        "+++\ntitle = \"Talks collapse\"\npublished = 2024-03-02\n+++\nTalks collapsed after the mayor warned that “we will find a new tenant” if the club missed the deadline.\n",
    );
    f.annotations(
        "lease",
        "[[claim]]\nid = \"lease-ends\"\ntitle = \"The lease ends unless the club pays by Friday\"\nstatus = \"unverified\"\nallow = [\"unsourced-claim\"]\n\n  \
         [[claim.appearance]]\n  article = \"council\"\n  quote = \"If the club does not pay by Friday, the lease ends, and we will find a new tenant\"\n",
    );
    let todos = todo_json(&f);
    let paper = &todos.iter().find(|t| t["article"] == "paper").unwrap()["items"][0];
    assert_eq!(paper["kind"], "part-of-wording", "{paper}");
    assert_eq!(paper["claim"], "lease-ends");
    assert_eq!(paper["text"], "we will find a new tenant");
    assert_eq!(
        paper["wording"],
        "If the club does not pay by Friday, the lease ends, and we will find a new tenant"
    );

    // The appearance given anchors as written, and the item is gone.
    let file = f.root().join("content/annotations/lease.toml");
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push('\n');
    text.push_str(paper["appearance"].as_str().unwrap());
    std::fs::write(&file, &text).unwrap();
    let again = todo_json(&f);
    assert!(again.iter().all(|t| t["article"] != "paper"), "{again:?}");
}

#[test]
fn check_todo_reads_the_headline_and_says_where_each_thing_is() {
    let f = Fixture::new();
    f.file(
        "content/articles/ferry.md",
        "+++
title = \"Ferry fares up 12% from 1 April as 300 crossings are cut\"\npublished = 2025-02-11\n+++\n\
         Fares on the island ferry will rise by 12% from 1 April, the operator said.\n\n\
         | Route | Passengers a year |\n|---|---|\n| North | 1,200 |\n| South | 4,500 |\n\n\
         The operator blamed fuel costs, which it said had risen by 80% since 2021.\n",
    );
    f.annotations(
        "ferry",
        "[[claim]]\nid = \"fares-up\"\ntitle = \"Ferry fares rise by 12% from 1 April\"\nstatus = \"unverified\"\nallow = [\"unsourced-claim\"]\n\n  \
         [[claim.appearance]]\n  article = \"ferry\"\n  quote = \"Fares on the island ferry will rise by 12% from 1 April\"\n\n  \
         [[claim.appearance]]\n  article = \"ferry\"\n  in = \"title\"\n  quote = \"Ferry fares up 12% from 1 April\"\n",
    );
    let todos = todo_json(&f);
    let items = todos[0]["items"].as_array().unwrap();
    let places: Vec<(&str, &str, Option<&str>)> = items
        .iter()
        .map(|i| {
            (
                i["text"].as_str().unwrap(),
                i["in"].as_str().unwrap(),
                i["block"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        places,
        [
            ("300", "title", None),
            ("1,200", "body", None),
            ("4,500", "body", None),
            (
                "80%",
                "body",
                Some("p-the-operator-blamed-fuel-costs-which")
            ),
        ],
        "the headline's figure no passage covers, the table's, the text's"
    );
    let said = gloss(&["check", "--todo", f.root().to_str().unwrap()]);
    let said = String::from_utf8_lossy(&said.stderr);
    assert!(
        said.contains("figure “300” (in the headline) is in no claim"),
        "{said}"
    );
    assert!(
        said.contains("figure “1,200” (in the text, outside the paragraphs) is in no claim"),
        "{said}"
    );
}

#[test]
fn check_todo_finds_near_repeats_with_the_same_figures_and_uncovered_dates() {
    let f = Fixture::new();
    let report = |slug: &str, language: &str, body: &str| {
        f.file(
            &format!("content/articles/{slug}.md"),
            &format!("+++\ntitle = \"{slug}\"\npublished = 2026-11-03\nlanguage = \"{language}\"\n+++\n{body}\n"),
        );
    };
    report(
        "council",
        "en",
        "The council voted to close the Harbour Road depot by March 2027, cutting 140 jobs.",
    );
    report(
        "paper",
        "en",
        "On Tuesday, councillors voted to shut the Harbour Road depot by March 2027, cutting 140 jobs, the paper said.",
    );
    report(
        "radio",
        "en",
        "Councillors voted to shut the Harbour Road depot by March 2027, cutting 160 jobs.",
    );
    report(
        "zh-a",
        "zh",
        "市议会投票决定关闭港口路车站并裁减一百四十个职位。",
    );
    report(
        "zh-b",
        "zh",
        "据报道，市议会投票决定关闭港口路的车站并裁减一百四十个职位。",
    );
    f.annotations(
        "depot",
        "[[claim]]\nid = \"zh-depot\"\ntitle = \"车站关闭\"\nstatus = \"unverified\"\nallow = [\"unsourced-claim\"]\n\n  \
         [[claim.appearance]]\n  article = \"zh-a\"\n  quote = \"市议会投票决定关闭港口路车站并裁减一百四十个职位\"\n\n\
         [[claim]]\nid = \"depot\"\ntitle = \"The depot closes by March 2027 with 140 jobs cut\"\nstatus = \"unverified\"\nallow = [\"unsourced-claim\"]\n\n  \
         [[claim.appearance]]\n  article = \"council\"\n  quote = \"voted to close the Harbour Road depot by March 2027, cutting 140 jobs\"\n",
    );
    let todos = todo_json(&f);
    let of = |todos: &[serde_json::Value], slug: &str| {
        todos
            .iter()
            .find(|t| t["article"] == slug)
            .map(|t| t["items"].as_array().unwrap().clone())
            .unwrap_or_default()
    };
    let paper = of(&todos, "paper");
    assert_eq!(
        paper[0],
        serde_json::json!({"kind": "date", "text": "Tuesday", "in": "body", "block": "p-on-tuesday-councillors-voted-to-shut"}),
        "{paper:?}"
    );
    let near = &paper[1];
    assert_eq!(near["kind"], "near-repeat", "{paper:?}");
    assert_eq!(near["claim"], "depot");
    assert_eq!(
        near["text"],
        "voted to shut the Harbour Road depot by March 2027, cutting 140 jobs"
    );
    assert_eq!(near["adds"], serde_json::json!(["shut"]));
    assert_eq!(near["lacks"], serde_json::json!(["close"]));
    assert_eq!(
        paper.len(),
        2,
        "the figures and date inside the passage are its: {paper:?}"
    );

    let radio = of(&todos, "radio");
    assert!(
        radio.iter().all(|i| i["kind"] != "near-repeat"),
        "160 jobs is not the claim's figure: {radio:?}"
    );
    assert!(radio.iter().any(|i| i["text"] == "160"), "{radio:?}");
    let zh = of(&todos, "zh-b");
    assert_eq!(zh.len(), 1, "{zh:?}");
    assert_eq!(zh[0]["kind"], "near-repeat");
    assert_eq!(zh[0]["claim"], "zh-depot");

    // The appearance given anchors as written (added at the end of the
    // file, it is the last claim's), and the near repeat is gone.
    let file = f.root().join("content/annotations/depot.toml");
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push('\n');
    text.push_str(near["appearance"].as_str().unwrap());
    std::fs::write(&file, &text).unwrap();
    let again = todo_json(&f);
    assert!(
        of(&again, "paper")
            .iter()
            .all(|i| i["kind"] != "near-repeat")
    );
}
