//! Full-text search: what the sharded index holds for reports, claims and
//! notes in any language, where each passage links to, and how a large
//! dossier's index is cut so that a query loads only its own shards.

use std::collections::BTreeMap;

use scraper::Html;

use super::support::{Fixture, SearchIndex, select};

/// A report in English with a heading, a list, a link and a figure
/// written two ways, a report in Chinese, and a claim with a note.
fn dossier() -> Fixture {
    let f = Fixture::new();
    f.file(
        "content/articles/harbour.md",
        "+++\ntitle = \"Harbour dredging resumes at Élysée Quay\"\npublished = 2021-04-02\n\
         outlet = \"The Quay Ledger\"\nbyline = \"Ines Marlow\"\n+++\n\
         Dredgers removed 1,180,000 tonnes of silt, the [port authority](https://example.org) said.\n\n\
         ## Costs\n\n\
         - a levy on cargo\n- a loan from the province\n\n\
         The council put the figure at 1.18 million tonnes.\n",
    );
    f.file(
        "content/articles/gangkou.md",
        "+++\ntitle = \"港口疏浚恢复\"\npublished = 2021-04-03\nlanguage = \"zh\"\n+++\n\
         港务局表示，疏浚船清除了118万吨淤泥。\n",
    );
    f.annotations(
        "harbour",
        r#"[[claim]]
id = "silt-removed"
title = "Dredgers removed 1.18 million tonnes of silt"
status = "corroborated"
note = "The province's own tally is **lower**: see its bulletin."
allow = ["unsourced-claim"]

  [[claim.appearance]]
  article = "harbour"
  quote = "Dredgers removed 1,180,000 tonnes of silt"

  [[claim.appearance]]
  article = "gangkou"
  quote = "疏浚船清除了118万吨淤泥"
  note = "Rounded to ten thousand tonnes."
"#,
    );
    f
}

fn passages(document: &serde_json::Value) -> Vec<(String, String)> {
    (document[4].as_array().unwrap().iter())
        .map(|p| {
            (
                p[0].as_str().unwrap().to_owned(),
                p[1].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn a_reports_passages_are_its_text_each_linked_to_its_paragraph_on_the_page() {
    let f = dossier();
    let site = f.build();
    let index = SearchIndex::of_site(&site);
    let documents = index.documents();
    let report = (documents.iter())
        .find(|d| d[2] == "articles/harbour/index.html")
        .unwrap();
    assert_eq!(report[0], "Report");
    assert_eq!(report[3], "The Quay Ledger, 2 April 2021");
    let passages = passages(report);
    let texts: Vec<&str> = passages.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Ines Marlow",
            "Dredgers removed 1,180,000 tonnes of silt, the port authority said.",
            "Costs",
            "a levy on cargo",
            "a loan from the province",
            "The council put the figure at 1.18 million tonnes.",
        ]
    );
    let page: Html = site.page("articles/harbour/index.html");
    let ids: Vec<&str> = passages.iter().map(|(a, _)| a.as_str()).collect();
    assert_eq!(
        ids[0], "",
        "the byline links to the page's top, where it is"
    );
    for id in &ids[1..] {
        assert_eq!(select(&page, &format!("[id=\"{id}\"]")).len(), 1, "#{id}");
    }
    assert!(ids[1].starts_with("p-dredgers-removed"), "{ids:?}");
    assert_eq!(ids[2], "costs");
    assert_eq!(ids[3], ids[2], "a list item links to the block before it");
    assert!(ids[5].starts_with("p-the-council"), "{ids:?}");
}

#[test]
fn words_are_found_without_accents_or_case_and_figures_and_chinese_as_phrases() {
    let f = dossier();
    let index = SearchIndex::of_site(&f.build());
    let harbour = "articles/harbour/index.html";
    let claim = "claims/silt-removed/index.html";
    let gangkou = "articles/gangkou/index.html";
    assert_eq!(index.hrefs_holding("words", "elysee"), [harbour]);
    assert_eq!(
        index.hrefs_holding("words", "marlow"),
        [harbour],
        "the byline"
    );
    assert_eq!(index.hrefs_holding("pairs", "180 000"), [harbour, claim]);
    assert_eq!(index.hrefs_holding("pairs", "1 18"), [harbour, claim]);
    assert_eq!(index.hrefs_holding("pairs", "淤 泥"), [gangkou, claim]);
    assert_eq!(index.hrefs_holding("pairs", "港 口"), [gangkou]);
    assert_eq!(
        index.hrefs_holding("words", "bulletin"),
        [claim],
        "the note"
    );
    assert_eq!(
        index.hrefs_holding("pairs", "ten thousand"),
        [claim],
        "a wording's note"
    );

    let (all, in_title) = index.holding("words", "dredging");
    assert_eq!((all.len(), in_title.len()), (1, 1));
    let (all, in_title) = index.holding("words", "silt");
    assert_eq!(
        (all.len(), in_title.len()),
        (2, 1),
        "the claim's title, not the report's"
    );
}

#[test]
fn a_claims_passages_are_its_quotes_and_its_notes_as_readers_see_them() {
    let f = dossier();
    let index = SearchIndex::of_site(&f.build());
    let documents = index.documents();
    let claim = (documents.iter())
        .find(|d| d[2] == "claims/silt-removed/index.html")
        .unwrap();
    let texts: Vec<String> = passages(claim).into_iter().map(|(_, t)| t).collect();
    assert_eq!(
        texts,
        [
            "Dredgers removed 1,180,000 tonnes of silt",
            "疏浚船清除了118万吨淤泥",
            "The province's own tally is lower: see its bulletin.",
            "Rounded to ten thousand tonnes.",
        ]
    );
}

/// A dossier of `n` reports, each with words of its own, so that the
/// index has thousands of keys.
fn many_reports(n: usize) -> Fixture {
    let f = Fixture::new();
    for i in 0..n {
        let words: Vec<String> = (0..60).map(|w| format!("w{i}x{w}")).collect();
        f.file(
            &format!("content/articles/r{i}.md"),
            &format!(
                "+++\ntitle = \"Report {i} on the harbour\"\npublished = 2020-01-01\n+++\n{}\n\nShared closing words.\n",
                words.join(" ")
            ),
        );
    }
    f
}

#[test]
fn a_large_index_is_cut_into_shards_in_order_and_each_key_is_where_the_index_says() {
    let f = many_reports(300);
    let site = f.build();
    let index = SearchIndex::of_site(&site);
    assert_eq!(index.documents().len(), 300);
    for series in ["words", "pairs"] {
        let shards = index.index()[series].as_array().unwrap().len();
        assert!(shards > 5, "{series}: {shards} shards");
        let mut keys = Vec::new();
        for n in 0..shards {
            let entries = index.parts()[&format!("{series}-{n}")].as_array().unwrap();
            assert_eq!(
                index.index()[series][n],
                entries[0],
                "{series}-{n} starts with its key"
            );
            keys.extend(entries.chunks(3).map(|e| e[0].as_str().unwrap().to_owned()));
        }
        let utf16 = |s: &String| s.encode_utf16().collect::<Vec<_>>();
        assert!(
            keys.windows(2).all(|w| utf16(&w[0]) < utf16(&w[1])),
            "{series} in order"
        );
        for key in &keys {
            assert!(!index.holding(series, key).0.is_empty(), "{series}: {key}");
        }
    }
    assert_eq!(
        index.hrefs_holding("words", "w17x3"),
        ["articles/r17/index.html"]
    );
    assert_eq!(index.holding("words", "harbour").0.len(), 300);
    assert_eq!(
        index.holding("pairs", "closing words").1.len(),
        0,
        "not in any title"
    );
}

#[test]
fn a_first_query_loads_a_small_part_of_a_large_index() {
    let f = many_reports(300);
    let site = f.build();
    let sizes: BTreeMap<String, usize> = (site.snapshot().into_iter())
        .filter(|(path, _)| {
            path.starts_with("search") && path.extension().is_some_and(|x| x == "js")
        })
        .map(|(path, bytes)| {
            (
                path.file_stem().unwrap().to_string_lossy().into_owned(),
                bytes.len(),
            )
        })
        .collect();
    let whole: usize = sizes.values().sum();
    let chunks = sizes
        .keys()
        .filter(|name| name.starts_with("docs-"))
        .count();
    let largest_chunk = (sizes.iter())
        .filter(|(name, _)| name.starts_with("docs-"))
        .map(|(_, &size)| size)
        .max()
        .unwrap();
    assert!(chunks > 10, "{chunks} chunks");
    assert!(largest_chunk < 13 * 1024, "{largest_chunk} bytes");
    // A two-word query: the index, two word shards, a pair shard, and the
    // chunks of ten results.
    let shard = |series: &str| {
        (sizes.iter())
            .filter(|(name, _)| name.starts_with(series))
            .map(|(_, &size)| size)
            .max()
            .unwrap()
    };
    let first_query = sizes["index"] + 2 * shard("words-") + shard("pairs-") + 10 * largest_chunk;
    assert!(first_query * 4 < whole, "{first_query} of {whole} bytes");
}

#[test]
fn results_are_described_in_the_dossiers_language() {
    let f = Fixture::copy_of("sommet");
    let index = SearchIndex::of_site(&f.build());
    let documents = index.documents();
    let by_href = |href: &str| {
        let document = documents.iter().find(|d| d[2] == href);
        document.unwrap_or_else(|| panic!("{href}"))
    };
    let report = by_href("articles/courrier-sommet-eau/index.html");
    assert_eq!(report[0], "Dépêche");
    assert_eq!(report[3], "Le Courrier fictif, 12 juin 2023");
    let claim = by_href("claims/personnes-privees-d-eau/index.html");
    assert_eq!(
        (&claim[0], &claim[3]),
        (&"Affirmation".into(), &"Contesté".into())
    );
    let event = by_href("events/ouverture-du-sommet/index.html");
    assert_eq!(
        (&event[0], &event[3]),
        (&"Événement".into(), &"12 juin 2023".into())
    );
    assert_eq!(by_href("entities/aqua-libre/index.html")[0], "Organisation");
}
