//! The pages whose built-in templates are also written in Rust (claims',
//! claims' versions', reports', entities', events' and their long lists';
//! `src/render/drawn`) are byte for byte what the templates make through
//! Tera. Each dossier is built as it is, then again with a copy of every
//! built-in template in its `templates/` that differs by a Tera comment
//! only (so that Tera draws every page), and every file is compared.

use std::fs;
use std::path::{Path, PathBuf};

use super::golden::{files_below, first_difference};
use super::history::{CLAIM, DISPUTED, ID, commit, dossier_with_history, replace};
use super::support::{Fixture, Site, default_dossier_copy, describe, one, repo_root, text};

/// The built-in templates (`src/render/builtin.rs` embeds the
/// repository's `templates/`), by name.
fn built_in_templates() -> Vec<(String, String)> {
    let dir = repo_root().join("templates");
    let mut templates: Vec<(String, String)> = fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".html"))
        .map(|name| {
            let text = fs::read_to_string(dir.join(&name)).unwrap();
            (name, text)
        })
        .collect();
    templates.sort();
    templates
}

fn build(root: &Path, dest: &Path) {
    if let Err(e) = gloss::site::build(root, Some(dest)) {
        panic!("build failed: {}", describe(&e));
    }
}

/// Puts a copy of every built-in template into the `templates/` of the
/// dossier at `root`, each with a Tera comment added: Tera then renders
/// every page, as it would pages of templates the dossier replaced.
fn force_through_tera(root: &Path) {
    let templates = root.join("templates");
    fs::create_dir_all(&templates).unwrap();
    for (name, text) in built_in_templates() {
        fs::write(
            templates.join(name),
            format!("{text}{{# the built-in template, through Tera #}}"),
        )
        .unwrap();
    }
}

/// Builds the dossier at `root` both ways and compares every file;
/// returns the files' paths.
fn drawn_as_the_templates_draw(root: &Path) -> Vec<PathBuf> {
    let out = tempfile::tempdir().unwrap();
    let (drawn, through_tera) = (out.path().join("drawn"), out.path().join("tera"));
    build(root, &drawn);
    force_through_tera(root);
    build(root, &through_tera);
    let (drawn, through_tera) = (files_below(&drawn), files_below(&through_tera));
    assert!(drawn.keys().any(|p| p.starts_with("claims")));
    assert_eq!(
        drawn.keys().collect::<Vec<_>>(),
        through_tera.keys().collect::<Vec<_>>()
    );
    let differing: Vec<String> = drawn
        .iter()
        .filter(|(path, bytes)| through_tera[*path] != **bytes)
        .map(|(path, bytes)| {
            let difference = first_difference(&through_tera[path], bytes);
            format!("{}: {difference}", path.display())
        })
        .collect();
    assert!(
        differing.is_empty(),
        "pages drawn in Rust differ from their templates' (each module of src/render/drawn \
         follows its template in templates/: change both):\n{}",
        differing.join("\n")
    );
    drawn.into_keys().collect()
}

#[test]
fn the_default_dossier_is_drawn_as_its_templates_draw_it() {
    let dir = default_dossier_copy();
    drawn_as_the_templates_draw(dir.path());
}

#[test]
fn fixtures_in_other_languages_and_scripts_are_drawn_as_their_templates_draw_them() {
    for name in ["levy", "recall", "sommet"] {
        drawn_as_the_templates_draw(Fixture::copy_of(name).root());
    }
}

#[test]
fn lists_cut_into_pages_are_drawn_as_their_templates_draw_them() {
    let dir = default_dossier_copy();
    let root = dir.path();
    let config = fs::read_to_string(root.join("book.toml")).unwrap();
    let config = config.replacen("[build]\n", "[build]\npage-size = 2\n", 1);
    fs::write(root.join("book.toml"), config).unwrap();
    let files = drawn_as_the_templates_draw(root);
    for list in [
        "entities/*/claims",
        "entities/*/quoted",
        "entities/*/events",
        "events/*/claims",
        "events/*/reports",
    ] {
        let (kind, name) = list.split_once("/*/").unwrap();
        let continued = files.iter().any(|path| {
            let parts: Vec<_> = path.iter().map(|p| p.to_str().unwrap()).collect();
            parts[0] == kind && parts.get(2) == Some(&name) && parts.get(3) == Some(&"page")
        });
        assert!(continued, "no later page of {list}");
    }
}

#[test]
fn a_dossier_with_history_and_every_site_option_is_drawn_as_its_templates_draw_it() {
    let dir = dossier_with_history();
    let root = dir.path();
    // A version that quotes a report the dossier no longer has.
    let next = "[[claim]]\nid = \"first-criminal-charges-against-state-actors\"";
    let appearance =
        "  [[claim.appearance]]\n  article = \"gone-report\"\n  quote = \"five officers\"\n\n";
    fs::write(
        root.join("content/articles/gone-report.md"),
        "+++\ntitle = \"A report & its <title>\"\npublished = 2014-05-25\n+++\nIt named five officers.\n",
    )
    .unwrap();
    replace(root, CLAIM, next, &format!("{appearance}{next}"));
    commit(root, "Quote a report", "2014-05-25T12:00:00+02:00");
    fs::remove_file(root.join("content/articles/gone-report.md")).unwrap();
    replace(root, CLAIM, &format!("{appearance}{next}"), next);
    commit(root, "Drop the report", "2014-05-26T12:00:00+02:00");
    let config = fs::read_to_string(root.join("book.toml")).unwrap();
    let config = config.replacen(
        "[site]\n",
        "[site]\nrepository = \"https://example.org/repo?a=1&b=2\"\n\
         edit-url = \"https://example.org/edit/{path}\"\n\
         image = \"cover.png\"\nimage-alt = \"A map & its \\\"key\\\"\"\n",
        1,
    );
    fs::write(root.join("book.toml"), config).unwrap();
    fs::create_dir_all(root.join("static")).unwrap();
    fs::write(root.join("static/cover.png"), "png").unwrap();
    let files = drawn_as_the_templates_draw(root);
    assert!(files.iter().any(|path| path.ends_with("v/4/index.html")));
}

#[test]
fn a_preview_of_a_change_not_committed_is_drawn_as_its_templates_draw_it() {
    let dir = dossier_with_history();
    let root = dir.path();
    replace(
        root,
        CLAIM,
        DISPUTED,
        &DISPUTED.replace("disputed", "inaccurate"),
    );
    // What `serve` shows: the claim's page, marked as not yet published.
    let preview = |root: &Path| {
        let mut cache = gloss::site::Cache::default();
        let loaded = gloss::site::load_reusing(root, Some(&mut cache)).unwrap();
        let sink = gloss::render::MemorySink::default();
        gloss::site::render(root, &loaded, &sink).unwrap();
        let page = Path::new("claims").join(ID).join("index.html");
        let file = sink.into_files().into_iter().find(|f| f.path == page);
        String::from_utf8(file.unwrap().contents).unwrap()
    };
    let drawn = preview(root);
    assert!(drawn.contains("<p class=\"unpublished\" role=\"status\">"));
    force_through_tera(root);
    let through_tera = preview(root);
    assert!(
        drawn == through_tera,
        "{}",
        first_difference(through_tera.as_bytes(), drawn.as_bytes())
    );
}

#[test]
fn a_right_to_left_site_without_a_description_is_drawn_as_its_templates_draw_it() {
    let fixture = Fixture::copy_of("sommet");
    let config = fs::read_to_string(fixture.root().join("book.toml")).unwrap();
    let config: String = config
        .lines()
        .filter(|line| !line.starts_with("description"))
        .map(|line| match line.starts_with("language") {
            true => "language = \"ar\"\n".to_owned(),
            false => format!("{line}\n"),
        })
        .collect();
    fixture.file("book.toml", &config);
    drawn_as_the_templates_draw(fixture.root());
}

#[test]
fn a_dossier_that_replaces_the_base_template_sees_it_on_every_page_kind_drawn_in_rust() {
    let f = Fixture::copy_of("recall");
    let base = include_str!("../../templates/base.html").replace(
        "<main id=\"main\" tabindex=\"-1\">",
        "<main id=\"main\" tabindex=\"-1\"><p id=\"own-base\">Own base</p>",
    );
    f.file("templates/base.html", &base);
    let site: Site = f.build();
    for page in [
        "claims/recall-size/index.html",
        "articles/daily-harwell/index.html",
        "entities/nrso/index.html",
    ] {
        assert_eq!(
            text(one(&site.page(page), "p#own-base")),
            "Own base",
            "{page}"
        );
    }
}
