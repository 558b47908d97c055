//! The pages whose built-in templates are also written in Rust (claims'
//! and reports'; `src/render/drawn`) are byte for byte what the templates
//! make through Tera. Each dossier is built as it is, then again with a
//! copy of every built-in template in its `templates/` that differs by a
//! Tera comment only (so Tera draws every page), and every file compared.

use std::fs;
use std::path::Path;

use super::golden::{files_below, first_difference};
use super::history::dossier_with_history;
use super::support::{Fixture, Site, default_dossier_copy, describe, one, text};

/// The built-in templates, as `src/render/builtin.rs` embeds them.
const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("macros.html", include_str!("../../templates/macros.html")),
    ("article.html", include_str!("../../templates/article.html")),
    ("claim.html", include_str!("../../templates/claim.html")),
];

fn build(root: &Path, dest: &Path) {
    if let Err(e) = gloss::site::build(root, Some(dest)) {
        panic!("build failed: {}", describe(&e));
    }
}

/// Builds the dossier at `root` both ways and compares every file.
fn drawn_as_the_templates_draw(root: &Path) {
    let out = tempfile::tempdir().unwrap();
    let (drawn, through_tera) = (out.path().join("drawn"), out.path().join("tera"));
    build(root, &drawn);
    let templates = root.join("templates");
    fs::create_dir_all(&templates).unwrap();
    for (name, text) in TEMPLATES {
        fs::write(
            templates.join(name),
            format!("{text}{{# the built-in template, through Tera #}}"),
        )
        .unwrap();
    }
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
    assert!(differing.is_empty(), "{}", differing.join("\n"));
}

#[test]
fn the_default_dossier_is_drawn_as_its_templates_draw_it() {
    drawn_as_the_templates_draw(default_dossier_copy().path());
}

#[test]
fn fixtures_in_other_languages_and_scripts_are_drawn_as_their_templates_draw_them() {
    for name in ["levy", "recall", "sommet"] {
        drawn_as_the_templates_draw(Fixture::copy_of(name).root());
    }
}

#[test]
fn a_dossier_with_history_and_every_site_option_is_drawn_as_its_templates_draw_it() {
    let dir = dossier_with_history();
    let root = dir.path();
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
    drawn_as_the_templates_draw(root);
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
fn a_dossier_that_replaces_the_base_template_sees_it_on_claim_and_report_pages() {
    let f = Fixture::copy_of("recall");
    let base = TEMPLATES[0].1.replace(
        "<main id=\"main\" tabindex=\"-1\">",
        "<main id=\"main\" tabindex=\"-1\"><p id=\"own-base\">Own base</p>",
    );
    f.file("templates/base.html", &base);
    let site: Site = f.build();
    for page in [
        "claims/recall-size/index.html",
        "articles/daily-harwell/index.html",
    ] {
        assert_eq!(
            text(one(&site.page(page), "p#own-base")),
            "Own base",
            "{page}"
        );
    }
}
