//! Writes a dossier as the Hugo site a newsroom would bend Hugo into, for
//! the like-for-like benchmark (`benches/compare.sh`): a page per article;
//! a content page per claim, whose front matter names its claimant and
//! events as taxonomy terms and lists its quotes, each with its report's
//! title and address, and the names of its claimant and events (all
//! written here: asking Hugo with `site.GetPage` or `.GetTerms` made its
//! build grow with the square of the dossier, 150 s at 10,000 articles);
//! a term page per entity and per event (titled by a content
//! file, as Hugo does it) listing its claims; and paginated lists of every
//! section and taxonomy.
//!
//! `cargo run --release --example hugo_site -- DOSSIER HUGO_SITE`

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// Entries on each page of a list, as gloss's default.
const PAGE_SIZE: usize = 100;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dossier, site] = args.as_slice() else {
        eprintln!("usage: hugo_site DOSSIER HUGO_SITE");
        std::process::exit(2);
    };
    let loaded = gloss::site::load(Path::new(dossier)).unwrap_or_else(|e| panic!("{e}"));
    let dossier = &loaded.dossier;
    let strings = gloss::render::strings::Strings::built_in(&dossier.config.book.language);
    let site = PathBuf::from(site);
    let _ = fs::remove_dir_all(&site);
    write_config_and_layouts(&site);

    for article in dossier.articles.values() {
        let meta = &article.meta;
        let mut page = String::from("+++\n");
        field(&mut page, "title", &meta.title);
        writeln!(
            page,
            "date = {}",
            toml_string(&meta.published.date.to_string())
        )
        .unwrap();
        if let Some(outlet) = &meta.outlet {
            field(&mut page, "outlet", outlet);
        }
        page.push_str("+++\n");
        page.push_str(&article.body);
        write(
            &site.join(format!("content/articles/{}.md", article.slug)),
            &page,
        );
    }
    for claim in dossier.claims.values() {
        let mut page = String::from("+++\n");
        field(&mut page, "title", &claim.title);
        field(&mut page, "verdict", claim.verdict.label());
        let claimant = claim.claimant.iter().map(|id| toml_string(id.as_str()));
        writeln!(
            page,
            "entities = [{}]",
            claimant.collect::<Vec<_>>().join(", ")
        )
        .unwrap();
        let events = claim.events.iter().map(|id| toml_string(id.as_str()));
        writeln!(page, "events = [{}]", events.collect::<Vec<_>>().join(", ")).unwrap();
        if let Some(claimant) = &claim.claimant {
            page.push_str("[[names]]\n");
            field(&mut page, "href", &format!("/entities/{claimant}/"));
            field(&mut page, "name", &dossier.entities[claimant].name);
        }
        for event in &claim.events {
            page.push_str("[[names]]\n");
            field(&mut page, "href", &format!("/events/{event}/"));
            field(&mut page, "name", &dossier.events[event].title);
        }
        for appearance in claim.appearances.iter() {
            let article = &dossier.articles[&appearance.article];
            let quote = &article.text_of(appearance.part)[appearance.range.clone()];
            page.push_str("[[quotes]]\n");
            field(&mut page, "article", appearance.article.as_str());
            field(&mut page, "title", &article.meta.title);
            field(&mut page, "text", quote);
        }
        page.push_str("+++\n");
        page.push_str(claim.note.as_deref().unwrap_or_default());
        write(&site.join(format!("content/claims/{}.md", claim.id)), &page);
    }
    for entity in dossier.entities.values() {
        let mut page = String::from("+++\n");
        field(&mut page, "title", &entity.name);
        field(&mut page, "kind", strings.get(entity.kind.string_key()));
        page.push_str("+++\n");
        page.push_str(entity.description.as_deref().unwrap_or_default());
        write(
            &site.join(format!("content/entities/{}/_index.md", entity.id)),
            &page,
        );
    }
    for event in dossier.events.values() {
        let mut page = String::from("+++\n");
        field(&mut page, "title", &event.title);
        field(&mut page, "when", &strings.date(event.date));
        page.push_str("+++\n");
        page.push_str(event.note.as_deref().unwrap_or_default());
        write(
            &site.join(format!("content/events/{}/_index.md", event.id)),
            &page,
        );
    }
}

fn write_config_and_layouts(site: &Path) {
    write(
        &site.join("config.toml"),
        &format!(
            "baseURL = \"http://127.0.0.1/\"\ntitle = \"bench\"\npaginate = {PAGE_SIZE}\n\
             disableKinds = [\"RSS\", \"sitemap\", \"robotsTXT\", \"404\"]\n\
             [taxonomies]\nentity = \"entities\"\nevent = \"events\"\n"
        ),
    );
    let layouts = site.join("layouts");
    write(
        &layouts.join("_default/baseof.html"),
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head><body>\
         <nav><a href=\"/articles/\">Reports</a> <a href=\"/claims/\">Claims</a> <a href=\"/entities/\">Entities</a> <a href=\"/events/\">Events</a></nav>\
         <main>{{ block \"main\" . }}{{ end }}</main></body></html>\n",
    );
    write(
        &layouts.join("_default/single.html"),
        "{{ define \"main\" }}<article><h1>{{ .Title }}</h1><p>{{ .Params.outlet }}, {{ .Date.Format \"2 January 2006\" }}</p>{{ .Content }}</article>{{ end }}\n",
    );
    write(
        &layouts.join("claims/single.html"),
        "{{ define \"main\" }}<h1>{{ .Title }}</h1><p>Verdict: {{ .Params.verdict }}</p>\
         {{ range .Params.quotes }}<blockquote>{{ .text }}</blockquote>\
         <p><a href=\"/articles/{{ .article }}/\">{{ .title }}</a></p>{{ end }}\
         <ul>{{ range .Params.names }}<li><a href=\"{{ .href }}\">{{ .name }}</a></li>{{ end }}</ul>\
         {{ .Content }}{{ end }}\n",
    );
    let list = "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Paginator.Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ template \"_internal/pagination.html\" . }}{{ end }}\n";
    write(&layouts.join("_default/list.html"), list);
    write(&layouts.join("_default/term.html"), list);
    write(&layouts.join("_default/taxonomy.html"), list);
    write(
        &layouts.join("index.html"),
        "{{ define \"main\" }}<h1>{{ site.Title }}</h1><ul>{{ range first 20 (where site.RegularPages \"Section\" \"articles\") }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n",
    );
}

/// `name = "value"` on a line of TOML front matter.
fn field(page: &mut String, name: &str, value: &str) {
    writeln!(page, "{name} = {}", toml_string(value)).unwrap();
}

fn toml_string(text: &str) -> String {
    serde_json::to_string(text).expect("a string serializes")
}

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}
