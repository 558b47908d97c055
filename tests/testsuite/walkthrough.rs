//! docs/guide.md's walkthrough, followed step by step as a newcomer would:
//! `gloss init`, `gloss import` of the three saved pages, the edits the
//! guide gives (taken from the guide's own code blocks), then every row of
//! its table of passages selected in the preview and saved through the
//! annotation panel's requests, each after the last save has rebuilt. The
//! dossier ends with fifteen claims and `gloss check` passes; the guide's
//! example of `check` explaining two mistakes is its real output. No quote
//! is typed: each comes from the table, as a selection would.

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use super::support::{Served, http, repo_root};

fn guide() -> String {
    std::fs::read_to_string(repo_root().join("docs/guide.md")).unwrap()
}

/// The guide's text from the heading `heading` to the next heading of
/// any level.
fn section<'g>(guide: &'g str, heading: &str) -> &'g str {
    let start = guide
        .find(&format!("\n{heading}\n"))
        .unwrap_or_else(|| panic!("the guide has no heading {heading}"));
    let rest = &guide[start + heading.len() + 2..];
    let end = rest.find("\n#").unwrap_or(rest.len());
    &rest[..end]
}

/// The code blocks fenced as `lang` in `text`.
fn blocks<'t>(text: &'t str, lang: &str) -> Vec<&'t str> {
    let fence = format!("```{lang}\n");
    text.split(&fence)
        .skip(1)
        .map(|b| &b[..b.find("```").expect("a closed fence")])
        .collect()
}

fn gloss(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

/// The preview, with the requests the walkthrough makes of it.
struct Serve(Served);

impl Serve {
    fn start(dir: &Path) -> Serve {
        Serve(Served::start(dir, &["serve", "--port", "0"]))
    }

    fn request(&self, method: &str, path: &str, token: &str, body: &str) -> (u16, String) {
        let host = self.0.address.to_string();
        let headers = [
            ("Host", host.as_str()),
            ("X-Gloss-Token", token),
            ("Content-Type", "application/json"),
        ];
        http(self.0.address, (method, path), &headers, body)
    }

    fn generation(&self) -> (u64, bool) {
        let status: serde_json::Value =
            serde_json::from_str(&self.request("GET", "/__gloss/status", "", "").1).unwrap();
        (
            status["generation"].as_u64().unwrap(),
            status["errors"].is_null(),
        )
    }

    /// Waits for a good build after `generation`.
    fn rebuilt_after(&self, generation: u64) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let (now, good) = self.generation();
            if now > generation && good {
                return;
            }
            assert!(Instant::now() < deadline, "no good build after a save");
            std::thread::sleep(Duration::from_millis(30));
        }
    }
}

/// One row of the guide's table, as the panel would send it.
fn panel_request(row: &[&str]) -> serde_json::Value {
    let (article, quote, action) = (row[1], row[2], row[3]);
    let ticked =
        |s: &str| -> Vec<String> { s.split('`').skip(1).step_by(2).map(str::to_owned).collect() };
    let action = if let Some(rest) = action.strip_prefix("new claim ") {
        let ids = ticked(rest);
        let title = rest.split(['“', '”']).nth(1).unwrap_or_default();
        let claimant = if rest.contains("claimant `") {
            ids[1].clone()
        } else {
            String::new()
        };
        let verdict = rest.rsplit("verdict ").next().unwrap().trim();
        serde_json::json!({ "kind": "claim", "id": ids[0], "title": title, "claimant": claimant, "verdict": verdict })
    } else if let Some(rest) = action.strip_prefix("passage of ") {
        serde_json::json!({ "kind": "appearance", "claim": ticked(rest)[0] })
    } else if let Some(note) = action.strip_prefix("[sic]: ") {
        serde_json::json!({ "kind": "sic", "note": note })
    } else {
        panic!("a row the walkthrough does not know: {row:?}");
    };
    let (article, headline) = match article.strip_suffix(", headline") {
        Some(article) => (article, true),
        None => (article, false),
    };
    serde_json::json!({ "article": article, "headline": headline, "quote": quote, "action": action, "file": "drought.toml" })
}

#[test]
fn the_guides_walkthrough_builds_a_fifteen_claim_dossier_without_typing_a_quote() {
    let guide = guide();
    let work = tempfile::tempdir().unwrap();
    assert!(gloss(&["init", "drought"], work.path()).status.success());
    let dir = work.path().join("drought");
    for example in [
        "content/articles/example-report.md",
        "content/annotations/example.toml",
    ] {
        std::fs::remove_file(dir.join(example)).unwrap();
    }

    // Import the reports.
    let pages: Vec<String> = ["valley-courier", "valley-radio", "valley-wire"]
        .iter()
        .map(|p| {
            let page = repo_root().join(format!("docs/walkthrough/{p}.html"));
            page.to_str().unwrap().to_owned()
        })
        .collect();
    let mut import = vec!["import"];
    import.extend(pages.iter().map(String::as_str));
    let imported = gloss(&import, &dir);
    assert!(
        imported.status.success(),
        "{}",
        String::from_utf8_lossy(&imported.stderr)
    );
    let articles = dir.join("content/articles");
    let edit = |slug: &str, change: &dyn Fn(String) -> String| {
        let path = articles.join(format!("{slug}.md"));
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, change(text)).unwrap();
    };
    let without_line = |line: &'static str| {
        move |text: String| {
            assert!(text.contains(&format!("\n{line}\n")), "{line} in {text}");
            text.replace(&format!("\n{line}\n"), "\n")
        }
    };
    edit("valley-wire", &without_line("By Priya Nandakumar"));
    edit(
        "valley-radio",
        &without_line("Now playing: The Afternoon Show"),
    );
    edit(
        "valley-radio",
        &without_line("[Valley FM](/) [Listen live](/listen) [Schedule](/schedule)"),
    );
    let dated = blocks(section(&guide, "### Import the reports"), "toml")[0];
    edit("valley-radio", &|text: String| {
        let kept: Vec<&str> = text
            .lines()
            .filter(|l| !l.starts_with("published = ") && !l.starts_with("note = "))
            .collect();
        let body = kept.join("\n");
        body.replacen("\n+++\n", &format!("\n{dated}+++\n"), 1) + "\n"
    });

    // Say who speaks, and when.
    let entities = blocks(section(&guide, "### Say who speaks, and when"), "toml")[0];
    std::fs::write(dir.join("content/annotations/entities.toml"), entities).unwrap();
    let checked = gloss(&["check"], &dir);
    assert!(
        checked.status.success(),
        "{}",
        String::from_utf8_lossy(&checked.stderr)
    );

    // Annotate by selecting: every row of the table, saved through the panel.
    let serve = Serve::start(&dir);
    let page = serve.request("GET", "/articles/valley-wire/", "", "").1;
    let at = page.find("data-token=\"").expect("the panel's script") + 12;
    let token = page[at..at + 32].to_owned();
    let table = section(&guide, "### Annotate by selecting");
    let rows: Vec<Vec<&str>> = table
        .lines()
        .filter(|l| l.starts_with("| ") && l.chars().nth(2).is_some_and(|c| c.is_ascii_digit()))
        .map(|l| l.trim_matches('|').split(" | ").map(str::trim).collect())
        .collect();
    assert_eq!(rows.len(), 29, "the table's rows");
    for row in &rows {
        let (generation, _) = serve.generation();
        let request = panel_request(row).to_string();
        let (code, answer) = serve.request("POST", "/__gloss/annotate/save", &token, &request);
        assert_eq!(code, 200, "row {}: {answer}", row[0]);
        serve.rebuilt_after(generation);
    }
    drop(serve);

    let written = std::fs::read_to_string(dir.join("content/annotations/drought.toml")).unwrap();
    let table: toml::Table = toml::from_str(&written).unwrap();
    let claims = table["claim"].as_array().unwrap();
    assert_eq!(claims.len(), 15);
    let passages: usize = claims
        .iter()
        .map(|c| c["appearance"].as_array().unwrap().len())
        .sum();
    assert_eq!(passages, 28);
    assert_eq!(table["sic"].as_array().unwrap().len(), 1);
    let checked = gloss(&["check"], &dir);
    assert!(
        checked.status.success(),
        "{}",
        String::from_utf8_lossy(&checked.stderr)
    );
    assert!(gloss(&["build"], &dir).status.success());
    let todo = gloss(&["check", "--todo"], &dir);
    let left = blocks(section(&guide, "### What is left"), "console")[0];
    let said = String::from_utf8_lossy(&todo.stderr);
    assert!(said.ends_with(&format!("\n{left}")), "{said}");
    if let Some(keep) = std::env::var_os("GLOSS_KEEP_WALKTHROUGH") {
        copy_dir(&dir, Path::new(&keep));
    }

    // The guide's example of `check` explaining two mistakes.
    let mistakes = section(&guide, "### Let `gloss check` explain mistakes");
    let broken = blocks(mistakes, "toml")[0];
    let events_line = broken.lines().next().unwrap();
    let typo_quote = broken.lines().last().unwrap().trim();
    let path = dir.join("content/annotations/drought.toml");
    let text = written
        .replacen("# events = [\"event-id\"]", events_line, 1)
        .replacen(
            "quote = \"Hosepipes will be banned across Marrow Valley from July 1\"",
            typo_quote,
            1,
        );
    std::fs::write(&path, text).unwrap();
    let said = gloss(&["check"], &dir);
    let console = blocks(mistakes, "console")[0];
    let expected = console.strip_prefix("$ gloss check\n").unwrap();
    assert_eq!(String::from_utf8_lossy(&said.stderr), expected);
}

/// Copies the finished dossier for a look (`GLOSS_KEEP_WALKTHROUGH=DIR`).
fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(target).unwrap();
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
