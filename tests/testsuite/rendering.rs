//! Rendering features on small fixtures: anchoring across inline markup,
//! choosing among repeats, stable anchors, Markdown footnotes, code, and
//! overriding the built-in theme.

use super::support::{Fixture, broken_links, one, select, select_in, text};

const CLAIM: &str = r#"
[[claim]]
id = "c"
title = "A claim"
status = "opinion"
"#;

#[test]
fn a_quote_may_cross_emphasis_and_link_boundaries() {
    let f = Fixture::new();
    f.article(
        "a",
        "He called it *purely [ungrounded](https://example.org)* and left.\n",
    );
    f.annotations("c", &format!("{CLAIM}\n  [[claim.appearance]]\n  article = \"a\"\n  quote = \"it purely ungrounded and\"\n"));
    let site = f.build();
    let page = site.page("articles/a/index.html");
    let pieces: Vec<String> = select(&page, "mark[data-claim=c]")
        .iter()
        .map(|m| text(*m))
        .collect();
    assert_eq!(pieces, ["it", "purely", "ungrounded", "and"]);
    one(&page, "em > a > mark[data-claim=c]");
    assert!(
        broken_links(&site.dir).is_empty(),
        "{:?}",
        broken_links(&site.dir)
    );
}

#[test]
fn typographic_quotes_and_white_space_are_normalised() {
    let f = Fixture::new();
    f.article("a", "It is “purely\nungrounded” – he said.\n");
    f.annotations("c", &format!("{CLAIM}\n  [[claim.appearance]]\n  article = \"a\"\n  quote = '\"purely  ungrounded\" - he'\n"));
    let page = f.build().page("articles/a/index.html");
    let marked: Vec<String> = select(&page, "mark[data-claim=c]")
        .iter()
        .map(|m| text(*m))
        .collect();
    assert_eq!(marked.join(" "), "“purely ungrounded” – he");
    one(&page, "mark#quote-c");
}

#[test]
fn the_claims_list_counts_each_report_once() {
    let f = Fixture::new();
    f.article("a", "First he said no. Later he said no again.\n");
    f.article("b", "She reported that he said no.\n");
    let appearance = |article: &str, quote: &str| {
        format!("\n  [[claim.appearance]]\n  article = \"{article}\"\n  quote = \"{quote}\"\n")
    };
    let appearances = [
        appearance("a", "First he said no"),
        appearance("b", "he said no"),
        appearance("a", "Later he said no"),
    ];
    f.annotations("c", &format!("{CLAIM}{}", appearances.concat()));
    let page = f.build().page("claims/index.html");
    let row = one(&page, "tr:has(a[href$='claims/c/index.html'])");
    let cells: Vec<String> = select_in(row, "td").into_iter().map(text).collect();
    assert_eq!(cells.last().map(String::as_str), Some("2"), "{cells:?}");
}

#[test]
fn prefix_and_suffix_choose_among_repeats() {
    let f = Fixture::new();
    f.article(
        "a",
        "First he said no. Then she said no. Later he said no again.\n",
    );
    f.annotations(
        "c",
        &format!("{CLAIM}\n  [[claim.appearance]]\n  article = \"a\"\n  quote = \"said no\"\n  prefix = \"she\"\n\n  [[claim.appearance]]\n  article = \"a\"\n  quote = \"said no\"\n  suffix = \"again\"\n"),
    );
    let site = f.build();
    let html = std::fs::read_to_string(site.dir.join("articles/a/index.html")).unwrap();
    assert!(
        html.contains("Then she <mark class=\"claim\" id=\"quote-c\""),
        "{html}"
    );
    assert!(
        html.contains("Later he <mark class=\"claim\" id=\"quote-c-2\""),
        "{html}"
    );
    let page = site.page("articles/a/index.html");
    let backrefs = select(&page, "li#note-c .backrefs a");
    assert_eq!(backrefs.len(), 2);
}

#[test]
fn anchors_come_from_ids_so_adding_a_claim_moves_nothing() {
    let f = Fixture::new();
    f.article("a", "Alpha beta gamma.\n\nDelta epsilon zeta.\n");
    f.annotations(
        "c",
        &format!("{CLAIM}\n  [[claim.appearance]]\n  article = \"a\"\n  quote = \"epsilon\"\n"),
    );
    let before = f.build().page("articles/a/index.html");
    let ids_before: Vec<String> = select(&before, "[id]")
        .iter()
        .map(|e| e.value().attr("id").unwrap().to_owned())
        .collect();
    f.annotations("b", "[[claim]]\nid = \"b\"\ntitle = \"B\"\nstatus = \"opinion\"\n\n  [[claim.appearance]]\n  article = \"a\"\n  quote = \"beta\"\n");
    let after = f.build().page("articles/a/index.html");
    for id in &ids_before {
        assert_eq!(
            select(&after, &format!("[id=\"{id}\"]")).len(),
            1,
            "anchor {id} vanished"
        );
    }
    assert_eq!(one(&after, "li#note-b").value().attr("value"), Some("1"));
    assert_eq!(one(&after, "li#note-c").value().attr("value"), Some("2"));
    one(&after, "p#p-delta-epsilon-zeta");
}

#[test]
fn markdown_footnotes_keep_working_beside_claim_notes() {
    let f = Fixture::new();
    f.article(
        "a",
        "A statement[^src] here.\n\n[^src]: The editor's footnote.\n",
    );
    let site = f.build();
    let page = site.page("articles/a/index.html");
    let marker = one(&page, "sup.footnote-ref a");
    assert_eq!(marker.value().attr("href"), Some("#fn-src"));
    assert!(text(one(&page, "div.footnote#fn-src")).contains("The editor's footnote."));
    one(&page, "div.footnote a.footnote-back[href=\"#fn-ref-src\"]");
    assert!(broken_links(&site.dir).is_empty());
}

#[test]
fn code_fences_are_highlighted_with_classes_and_the_theme_css_is_written() {
    let f = Fixture::new();
    f.article("a", "Text.\n\n```rust\nlet x = 1;\n```\n");
    let site = f.build();
    let page = site.page("articles/a/index.html");
    assert!(!select(&page, "pre.code code.language-rust span[class^=hl-]").is_empty());
    let css = std::fs::read_to_string(site.dir.join("highlight.css")).unwrap();
    assert!(css.contains(".hl-") && css.contains("prefers-color-scheme: dark"));
}

#[test]
fn raw_html_in_articles_is_escaped() {
    let f = Fixture::new();
    f.article(
        "a",
        "Hello <script>alert(1)</script> <b onclick=x>world</b>\n",
    );
    let page = f.build().page("articles/a/index.html");
    assert!(select(&page, "script:not([type=\"application/ld+json\"])").is_empty());
    assert!(select(&page, "b").is_empty());
    assert!(text(one(&page, ".report-body p")).contains("<script>alert(1)</script>"));
}

#[test]
fn templates_and_static_files_override_the_built_ins_by_name() {
    let f = Fixture::new();
    f.article("a", "Text.\n");
    f.file(
        "templates/article.html",
        "{% extends \"base.html\" %}{% block content %}<p id=\"custom\">{{ page.title }}</p>{% endblock content %}",
    );
    f.file("static/style.css", "body { color: red; }");
    f.file("static/img/logo.txt", "logo");
    let site = f.build();
    let page = site.page("articles/a/index.html");
    assert_eq!(text(one(&page, "p#custom")), "Article a");
    assert_eq!(
        std::fs::read_to_string(site.dir.join("style.css")).unwrap(),
        "body { color: red; }"
    );
    assert_eq!(
        std::fs::read_to_string(site.dir.join("img/logo.txt")).unwrap(),
        "logo"
    );
    one(&site.page("claims/index.html"), "table.claims-table");
}

#[test]
fn overridden_entry_macros_draw_from_the_fields() {
    let f = Fixture::new();
    f.article("a", "Qin said it was ungrounded and it was not.\n");
    f.annotations(
        "x",
        "[[entity]]\nid = \"qin\"\nname = \"Qin Gang\"\nkind = \"person\"\n\n\
         [[claim]]\nid = \"c\"\ntitle = \"It was ungrounded\"\nstatus = \"opinion\"\nclaimant = \"qin\"\n\n  \
         [[claim.appearance]]\n  article = \"a\"\n  quote = \"it was ungrounded\"\n",
    );
    let claim_list = "{% macro claim_list(claims, root) %}<ol class=\"own\">{% for c in claims %}\
                      <li data-verdict=\"{{ c.verdict.key }}\"><a href=\"{{ root }}{{ c.link.href }}\">{{ c.link.title }}</a> \
                      by {{ c.claimant.title }}</li>{% endfor %}</ol>";
    let wording = "{% macro wording(w, root) %}<p class=\"own\"><a href=\"{{ root }}{{ w.passage.href }}\">\
                   {{ w.quote }}</a> in {{ w.article.link.title }}</p>";
    let mut macros = include_str!("../../templates/macros.html").to_owned();
    for (name, own) in [("claim_list", claim_list), ("wording", wording)] {
        let start = macros.find(&format!("{{% macro {name}(")).unwrap();
        let end = macros.find(&format!("{{% endmacro {name} %}}")).unwrap();
        macros.replace_range(start..end, own);
    }
    f.file("templates/macros.html", &macros);
    let site = f.build();
    let entity = site.page("entities/qin/index.html");
    assert!(select(&entity, ".claim-list, figure.wording").is_empty());
    let entry = one(&entity, "ol.own > li");
    assert_eq!(entry.value().attr("data-verdict"), Some("opinion"));
    assert_eq!(text(entry), "It was ungrounded by Qin Gang");
    assert_eq!(
        one(&entity, "ol.own a").value().attr("href"),
        Some("../../claims/c/index.html")
    );
    let claim = site.page("claims/c/index.html");
    assert!(select(&claim, "figure.wording").is_empty());
    assert_eq!(text(one(&claim, "p.own")), "it was ungrounded in Article a");
    assert_eq!(
        one(&claim, "p.own a").value().attr("href"),
        Some("../../articles/a/index.html#quote-c")
    );
    assert!(broken_links(&site.dir).is_empty());
}

#[test]
fn the_introduction_and_entity_pages_are_rendered() {
    let f = Fixture::new();
    f.file("content/index.md", "Welcome to **the dossier**.\n");
    f.article("a", "Qin said it was ungrounded.\n");
    f.annotations(
        "x",
        "[[entity]]\nid = \"qin\"\nname = \"Qin Gang\"\nkind = \"person\"\n\n[[claim]]\nid = \"c\"\ntitle = \"T\"\nstatus = \"opinion\"\nclaimant = \"qin\"\n\n  [[claim.appearance]]\n  article = \"a\"\n  quote = \"it was ungrounded\"\n",
    );
    let site = f.build();
    assert_eq!(
        text(one(&site.page("index.html"), ".intro strong")),
        "the dossier"
    );
    let entity = site.page("entities/qin/index.html");
    assert_eq!(text(one(&entity, "h1")), "Qin Gang");
    assert!(text(one(&entity, ".wording blockquote")).contains("Qin said it was ungrounded."));
    assert!(
        broken_links(&site.dir).is_empty(),
        "{:?}",
        broken_links(&site.dir)
    );
}

#[test]
fn templates_read_extra_settings_by_function_or_through_site() {
    let f = super::support::Fixture::new();
    f.article("a", "Some text.\n");
    f.file(
        "book.toml",
        "[book]\ntitle = \"T\"\n\n[extra]\nmotto = \"Check everything\"\n[extra.team]\nlead = \"Ana\"\n",
    );
    f.file(
        "templates/index.html",
        "{% extends \"base.html\" %}{% block content %}<p id=\"a\">{{ extra(key=\"motto\") }}</p><p id=\"b\">{{ extra(key=\"team.lead\") }}</p><p id=\"c\">{{ site.extra.motto }}</p>{% endblock content %}",
    );
    let site = f.build();
    let page = site.page("index.html");
    let texts: Vec<String> = ["#a", "#b", "#c"]
        .iter()
        .map(|id| super::support::text(super::support::one(&page, id)))
        .collect();
    assert_eq!(texts, ["Check everything", "Ana", "Check everything"]);
    f.file(
        "templates/index.html",
        "{% extends \"base.html\" %}{% block content %}{{ extra(key=\"nothing\") }}{% endblock content %}",
    );
    assert!(gloss::site::build(f.root(), None).is_err());
}
