//! Trust on text nobody here wrote: the fixture dossiers under
//! `tests/fixtures/` (invented reports of other stories, with links,
//! repeated figures and figures inside figures) render what the reports
//! say, no more and no less.

use super::support::{Fixture, select, text};

#[test]
fn a_passage_ending_inside_a_link_has_its_marker_after_the_link() {
    let f = Fixture::copy_of("recall");
    let site = f.build();
    let page = site.page("articles/wire-harwell-recall/index.html");
    assert!(select(&page, "a a, a sup, a .sidenote").is_empty());
    let link = select(&page, "a[href='https://example.org/harwell/notice']")[0];
    assert_eq!(text(link), "more than 2 million vehicles");
    let marker = link
        .next_siblings()
        .find_map(scraper::ElementRef::wrap)
        .expect("an element follows the link");
    assert_eq!(marker.value().name(), "sup");
    let number = super::support::select_in(marker, "a")[0]
        .value()
        .attr("data-n");
    assert_eq!(number, Some("1"));
}

#[test]
fn a_passage_holding_another_passages_marker_is_annotated_in_the_reports_words() {
    let f = Fixture::copy_of("recall");
    let site = f.build();
    let collection: serde_json::Value =
        serde_json::from_slice(&std::fs::read(site.dir.join("annotations.jsonld")).unwrap())
            .unwrap();
    let annotation = collection["first"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| {
            a["id"]
                .as_str()
                .unwrap()
                .ends_with("#daily-harwell/quote-recall-code")
        })
        .unwrap();
    let selectors = &annotation["target"]["selector"];
    assert_eq!(
        selectors[0]["exact"],
        "recall code, BRK-2021-04, online before booking"
    );
    // Drawn in pieces (another passage ends inside it), so the element
    // that holds it whole is its paragraph, refined by the quote there.
    assert_eq!(selectors[1]["value"], "p-owners-can-look-up-their-cars");
    assert_eq!(selectors[1]["refinedBy"]["exact"], selectors[0]["exact"]);
    assert_eq!(
        selectors[1]["refinedBy"]["prefix"],
        "Owners can look up their car's "
    );
}

#[test]
fn a_figure_is_never_anchored_inside_a_longer_figure() {
    let f = Fixture::copy_of("recall");
    let site = f.build();
    let page = site.page("articles/wire-harwell-recall/index.html");
    let marks = select(&page, "mark[data-claim='crashes-reviewed']");
    assert_eq!(marks.len(), 1);
    assert_eq!(text(marks[0]), "1,000 crashes were reviewed a second time");
    let paragraph = marks[0]
        .parent()
        .and_then(scraper::ElementRef::wrap)
        .unwrap();
    assert!(text(paragraph).contains("; 1,000 crashes were reviewed a second time"));
}

/// The figures column of a claim page: each wording's figures and the
/// judgement shown beside each, if any.
fn figure_column(site: &super::support::Site, claim: &str) -> Vec<Vec<String>> {
    let page = site.page(&format!("claims/{claim}/index.html"));
    select(&page, ".wording-table tbody tr")
        .into_iter()
        .map(|row| {
            let cells = super::support::select_in(row, "td");
            super::support::select_in(*cells.last().unwrap(), ".figure")
                .into_iter()
                .map(text)
                .collect()
        })
        .collect()
}

#[test]
fn identical_and_compatible_figures_are_not_judged() {
    let f = Fixture::copy_of("recall");
    let site = f.build();
    assert_eq!(
        figure_column(&site, "recall-size"),
        [
            vec!["more than 2 million"],
            vec!["more than 2 million"],
            vec!["about 2.1 million"],
            vec!["Nearly 2 million (understated)"],
        ]
    );
    assert_eq!(
        figure_column(&site, "model-years"),
        [vec!["2015", "2019"], vec!["2015", "2019"]]
    );
}

#[test]
fn an_editor_judgement_replaces_gloss_and_a_contradiction_is_warned() {
    let f = Fixture::copy_of("recall");
    let toml = std::fs::read_to_string(f.root().join("content/annotations/recall.toml")).unwrap();
    let toml = toml
        .replace(
            "status = \"unverified\"\nallow = [\"unsourced-claim\"]\nnote = \"\"\"The wire",
            "status = \"accurate\"\nallow = [\"unsourced-claim\"]\nnote = \"\"\"The wire",
        )
        .replace(
            "  quote = \"covers about 2.1 million vehicles\"",
            "  quote = \"covers about 2.1 million vehicles\"\n  figures = [\"about 1.5 million\"]",
        );
    f.file("content/annotations/recall.toml", &toml);
    let warnings = gloss::site::check(f.root()).unwrap();
    let contradictions: Vec<&String> = warnings
        .iter()
        .filter(|w| w.lint == Some(gloss::diagnostics::Lint::FiguresContradictVerdict))
        .map(|w| &w.message)
        .collect();
    assert_eq!(contradictions.len(), 2, "{contradictions:?}");
    assert!(
        contradictions[0].contains("“about 1.5 million”, which gloss reads as different figure")
    );
    assert!(contradictions[1].contains("“Nearly 2 million”, which gloss reads as understated"));

    let judged = toml
        .replace(
            "  figures = [\"about 1.5 million\"]",
            "  figures = [\"about 1.5 million\"]\n  figure-judgement = \"rounded\"",
        )
        .replace(
            "  in = \"title\"",
            "  in = \"title\"\n  figure-judgement = \"understated\"",
        );
    f.file("content/annotations/recall.toml", &judged);
    let warnings = gloss::site::check(f.root()).unwrap();
    assert!(
        warnings
            .iter()
            .all(|w| w.lint != Some(gloss::diagnostics::Lint::FiguresContradictVerdict))
    );
    let site = f.build();
    assert_eq!(
        figure_column(&site, "recall-size")[2],
        ["about 1.5 million (rounded, the editors' judgement)"]
    );

    f.file(
        "content/annotations/recall.toml",
        &toml.replace(
            "  figures = [\"about 1.5 million\"]",
            "  figure-judgement = \"wrong\"",
        ),
    );
    let errors = f.build_errors();
    let error = errors.iter().find(|e| e.is_error()).unwrap();
    assert_eq!(error.message, "`wrong` is not a figure judgement");
    assert!(error.line > 0);
}

/// The `href` of the link with text `text` in the element `scope`.
fn href_of(page: &scraper::Html, scope: &str, text: &str) -> String {
    let links = select(page, &format!("{scope} a"));
    let link = links
        .into_iter()
        .find(|a| super::support::text(*a) == text)
        .unwrap_or_else(|| panic!("no link “{text}” in {scope}"));
    link.value().attr("href").unwrap().to_owned()
}

#[test]
fn links_in_a_note_work_on_every_page_it_is_shown_on() {
    let f = Fixture::copy_of("recall");
    let site = f.build();
    let claim = site.page("claims/recall-size/index.html");
    let article = site.page("articles/daily-harwell/index.html");
    for (page, scope) in [(&claim, ".claim-note"), (&article, ".note-body")] {
        assert_eq!(
            href_of(page, scope, "the crash review"),
            "../../claims/crashes-reviewed/index.html"
        );
        assert_eq!(
            href_of(page, scope, "the wire's first paragraph"),
            "../../articles/wire-harwell-recall/index.html#p-harwell-motors-said-on-thursday-it"
        );
        assert_eq!(
            href_of(page, scope, "the model years"),
            "../../claims/model-years/index.html"
        );
        assert_eq!(
            href_of(page, scope, "the timeline"),
            "../../timeline/index.html"
        );
    }
    let problems = super::support::broken_links(&site.dir);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_broken_link_in_a_note_is_reported_where_it_is_written() {
    let f = Fixture::copy_of("recall");
    let path = f.root().join("content/annotations/recall.toml");
    let toml = std::fs::read_to_string(&path).unwrap();
    f.file(
        "content/annotations/recall.toml",
        &toml
            .replace("(claim:crashes-reviewed)", "(claim:crashes-reveiwed)")
            .replace("(../model-years/)", "(../model-year/)"),
    );
    let warnings = gloss::site::check(f.root()).unwrap();
    let broken: Vec<String> = warnings
        .iter()
        .filter(|w| w.lint == Some(gloss::diagnostics::Lint::BrokenLink))
        .map(|w| {
            format!(
                "{}:{}:{}: {}",
                w.path.display(),
                w.line,
                w.column,
                w.message
            )
        })
        .collect();
    assert_eq!(
        broken,
        [
            "content/annotations/recall.toml:20:42: broken link in claim `recall-size`: `claim:crashes-reveiwed` points to `claims/crashes-reveiwed/index.html`, which the site does not have",
            "content/annotations/recall.toml:22:53: broken link in claim `recall-size`: `../model-year/` points to `claims/model-year/index.html`, which the site does not have",
        ]
    );
}

#[test]
fn paragraphs_in_any_script_are_anchored_by_their_words() {
    let f = Fixture::copy_of("sommet");
    let site = f.build();
    let ids = |slug: &str| -> Vec<String> {
        let page = site.page(&format!("articles/{slug}/index.html"));
        select(&page, ".report-body > p")
            .into_iter()
            .map(|p| p.value().attr("id").unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        ids("courrier-sommet-eau"),
        [
            "p-plus-de-2-5-millions-de-personnes",
            "p-nous-demandons-une-aide-durgence",
            "p-le-ministere-a-conteste-ces-chiffres"
        ]
    );
    assert_eq!(
        ids("ribao-shui-fenghui"),
        ["p-fei-zheng-fu-zu-zhi-zi", "p-gai-guo-wei-sheng-bu-dui"]
    );
    assert_eq!(
        ids("qimma-jinif"),
        ["p-qlt-mnzm-kw-lybr-gyr-lhkwmy", "p-w-trdt-lwzr-l-hdhh-lrqm"]
    );
    let arabic = site.page("articles/qimma-jinif/index.html");
    let article = select(&arabic, "article.report")[0];
    assert_eq!(
        (article.value().attr("lang"), article.value().attr("dir")),
        (Some("ar"), Some("rtl"))
    );
    let french = site.page("articles/courrier-sommet-eau/index.html");
    assert_eq!(
        select(&french, "article.report")[0].value().attr("dir"),
        None
    );
}

#[test]
fn quotes_anchor_in_unspaced_text_and_across_invisible_differences() {
    let f = Fixture::copy_of("sommet");
    let path = f.root().join("content/annotations/sommet.toml");
    let toml = std::fs::read_to_string(&path).unwrap();
    // The quote typed with decomposed accents (e + U+0301), the article
    // composed; the article's narrow no-break space typed as a space.
    let decomposed = toml.replace(
        "quote = \"11 000 puits ont été contrôlés depuis janvier\"",
        "quote = \"11 000 puits ont e\u{301}te\u{301} contro\u{302}le\u{301}s depuis janvier\"",
    );
    assert_ne!(decomposed, toml);
    f.file("content/annotations/sommet.toml", &decomposed);
    let site = f.build();
    let page = site.page("articles/courrier-sommet-eau/index.html");
    let marks = select(&page, "mark[data-claim='puits-controles']");
    let marked: String = marks[0].text().collect();
    assert_eq!(
        marked,
        "11\u{202f}000 puits ont été contrôlés depuis janvier"
    );
    let chinese = site.page("articles/ribao-shui-fenghui/index.html");
    let wells = select(&chinese, "mark[data-claim='puits-controles']");
    assert_eq!(text(wells[0]), "自一月以来已检查11,000口水井");
    // The claim page quotes the Chinese wording in its own sentence.
    let claim = site.page("claims/puits-controles/index.html");
    let wordings: Vec<String> = select(&claim, ".wording blockquote")
        .into_iter()
        .map(text)
        .collect();
    assert!(
        wordings
            .iter()
            .any(|w| w == "该组织称，自一月以来已检查11,000口水井。"),
        "{wordings:?}"
    );
}

#[test]
fn the_same_figure_in_three_languages_is_not_judged() {
    let f = Fixture::copy_of("sommet");
    let site = f.build();
    assert_eq!(
        figure_column(&site, "personnes-privees-d-eau"),
        [
            vec!["Plus de 2,5 millions"],
            vec![],
            vec!["أكثر من 2.5 مليون"]
        ]
    );
}

#[test]
fn german_bounds_and_hedges_are_read_and_judged() {
    let f = Fixture::new();
    f.file(
        "book.toml",
        "[book]\ntitle = \"Werksschließung\"\nlanguage = \"de\"\n",
    );
    let report = |slug: &str, day: u8, body: &str| {
        f.file(
            &format!("content/articles/{slug}.md"),
            &format!("+++\ntitle = \"{slug}\"\npublished = 2025-03-0{day}\n+++\n{body}\n"),
        );
    };
    report("agentur", 4, "Der Konzern streicht 1.480 Stellen im Werk.");
    report(
        "zeitung",
        5,
        "Der Konzern streicht mehr als 1.500 Stellen im Werk.",
    );
    report(
        "radio",
        6,
        "Der Konzern streicht rund 1.500 Stellen im Werk.",
    );
    f.annotations(
        "werk",
        "[[claim]]\nid = \"stellen\"\ntitle = \"1.500 Stellen fallen weg\"\nstatus = \"unverified\"\nallow = [\"unsourced-claim\"]\n\n  \
         [[claim.appearance]]\n  article = \"agentur\"\n  quote = \"streicht 1.480 Stellen\"\n\n  \
         [[claim.appearance]]\n  article = \"zeitung\"\n  quote = \"streicht mehr als 1.500 Stellen\"\n\n  \
         [[claim.appearance]]\n  article = \"radio\"\n  quote = \"streicht rund 1.500 Stellen\"\n",
    );
    let site = f.build();
    assert_eq!(
        figure_column(&site, "stellen"),
        [
            vec!["1.480"],
            vec!["mehr als 1.500 (overstated)"],
            vec!["rund 1.500 (rounded)"]
        ]
    );
}

#[test]
fn a_quote_in_a_headline_is_marked_in_the_h1_and_exported() {
    let f = Fixture::copy_of("recall");
    let site = f.build();
    let page = site.page("articles/gazette-harwell-recall/index.html");
    let h1 = select(&page, "h1")[0];
    let marks = super::support::select_in(h1, "mark.claim");
    assert_eq!(marks.len(), 1);
    assert_eq!(text(marks[0]), "Nearly 2 million Harwell cars");
    assert_eq!(marks[0].value().attr("id"), Some("quote-recall-size-2"));
    let markers = super::support::select_in(h1, "sup.claim-ref a");
    assert_eq!(markers[0].value().attr("href"), Some("#note-recall-size"));
    assert!(super::support::select_in(h1, ".sidenote").is_empty());
    // The claim's sidenote goes beside its first passage in the text.
    assert_eq!(select(&page, ".report-body .sidenote").len(), 2);
    assert_eq!(
        figure_column(&site, "recall-size")[3],
        ["Nearly 2 million (understated)"]
    );
    let export: serde_json::Value =
        serde_json::from_slice(&std::fs::read(site.dir.join("annotations.jsonld")).unwrap())
            .unwrap();
    let selectors: Vec<&serde_json::Value> = export["first"]["items"]
        .as_array()
        .or(export["items"].as_array())
        .unwrap()
        .iter()
        .flat_map(|a| a["target"]["selector"].as_array().unwrap())
        .filter(|s| s["type"] == "TextQuoteSelector")
        .collect();
    assert!(
        selectors
            .iter()
            .any(|s| s["exact"] == "Nearly 2 million Harwell cars"),
        "{selectors:?}"
    );
}

#[test]
fn the_interface_speaks_the_dossiers_language_and_a_dossier_can_reword_it() {
    let f = Fixture::copy_of("sommet");
    f.file(
        "templates/strings.toml",
        "section-claims = \"Déclarations\"\n",
    );
    let site = f.build();
    let article = site.page("articles/qimma-jinif/index.html");
    let labels: Vec<String> = select(&article, ".report-meta dt")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(labels, ["Média", "Signature", "Publiée", "Original"]);
    assert_eq!(
        text(select(&article, ".report-meta dd")[0]),
        "non renseigné"
    );
    assert_eq!(
        text(select(&article, ".report-meta time")[0]),
        "12 juin 2023"
    );
    assert_eq!(
        text(select(&article, "#notes-heading")[0]),
        "Notes sur les affirmations"
    );
    let nav: Vec<String> = select(&article, ".site-header nav a")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(
        nav,
        [
            "Accueil",
            "Dépêches",
            "Déclarations",
            "Chronologie",
            "Personnes et organisations",
            "Sources",
            "Recherche"
        ]
    );
    let claim = site.page("claims/personnes-privees-d-eau/index.html");
    assert_eq!(
        text(select(&claim, ".claim-verdict .verdict")[0]),
        "Contesté"
    );
    let home = site.page("index.html");
    let counts: Vec<String> = select(&home, ".counts a").into_iter().map(text).collect();
    assert_eq!(
        counts[..3],
        [
            "3 affirmations",
            "1 événement",
            "2 personnes et organisations"
        ]
    );
}

#[test]
fn paragraph_links_and_a_missing_history_are_explained_in_the_dossiers_language() {
    let f = Fixture::copy_of("sommet");
    let site = f.build();
    let article = site.page("articles/qimma-jinif/index.html");
    let pilcrows = select(&article, "a.pilcrow");
    assert!(!pilcrows.is_empty());
    for pilcrow in pilcrows {
        assert_eq!(
            pilcrow.value().attr("aria-label"),
            Some("Lien vers ce paragraphe")
        );
    }
    // A copy in a temporary directory is in no git repository.
    let claim = site.page("claims/puits-controles/index.html");
    assert_eq!(
        text(select(&claim, ".claim-history .unrecorded")[0]),
        "L’historique du dossier n’est pas disponible : le dossier n’est pas dans un dépôt git."
    );
}

#[test]
fn a_lists_later_pages_are_titled_in_the_dossiers_language() {
    let f = Fixture::copy_of("sommet");
    let book = std::fs::read_to_string(f.root().join("book.toml")).unwrap();
    f.file("book.toml", &format!("{book}\n[build]\npage-size = 1\n"));
    let site = f.build();
    let second = site.page("claims/page/2/index.html");
    assert_eq!(
        text(select(&second, "title")[0]),
        "Affirmations, page 2 sur 3 · Le sommet de Genève sur l'eau"
    );
    let pager = select(&second, "nav.pagination")[0];
    assert_eq!(
        pager.value().attr("aria-label"),
        Some("Pages de cette liste")
    );
}

#[test]
fn a_misspelt_interface_string_is_an_error_at_its_line() {
    let f = Fixture::copy_of("sommet");
    f.file(
        "templates/strings.toml",
        "# Wording\nsection-claim = \"x\"\n",
    );
    let errors = f.build_errors();
    assert_eq!(
        (
            errors[0].path.to_str(),
            errors[0].line,
            errors[0].message.as_str()
        ),
        (
            Some("templates/strings.toml"),
            2,
            "`section-claim` is not one of the interface's strings"
        )
    );
}

#[test]
fn a_passage_across_a_code_span_and_a_footnote_reference_stays_valid() {
    let f = Fixture::copy_of("recall");
    let site = f.build();
    let page = site.page("articles/daily-harwell/index.html");
    let pieces: Vec<String> = select(&page, "mark[data-claim='recall-code']")
        .into_iter()
        .map(|m| m.text().collect())
        .collect();
    assert_eq!(
        pieces,
        [
            "recall code, ",
            "BRK-2021-04",
            ", online",
            " before booking"
        ]
    );
    assert_eq!(
        select(&page, "mark[data-claim='recall-code'] > code").len(),
        1
    );
    assert!(select(&page, "sup mark, code mark, a a, a sup.claim-ref").is_empty());
    let footnote = select(&page, "sup.footnote-ref")[0];
    assert!(
        footnote
            .parent()
            .and_then(scraper::ElementRef::wrap)
            .unwrap()
            .value()
            .name()
            == "p"
    );
}
