//! Quotation marks around what pages quote: the dossier language's marks,
//! never doubled when an editor selected a passage with the report's own
//! marks, and a cited title's marks made inner ones.

use super::support::{Fixture, Site, select, text};

/// Two reports of one stadium dispute whose passages carry their own
/// quotation marks, curly and straight, whole and half selected.
fn stadium_dispute() -> Fixture {
    let f = Fixture::new();
    f.file(
        "content/articles/city-wire.md",
        "+++\ntitle = \"Mayor sets Friday deadline for Rovers\"\npublished = 2024-03-01\noutlet = \"City Wire\"\n+++\n\
         The mayor told reporters: “If the club does not pay by Friday, the lease ends,” and called the club's offer “a farce”.\n\n\
         Rovers' chairman answered that the club had “paid every penny it owes.”\n",
    );
    f.file(
        "content/articles/evening-post.md",
        "+++\ntitle = \"Rovers told: pay by Friday\"\npublished = 2024-03-02\n+++\n\
         Speaking on Thursday, the mayor said the lease ends \"if the club does not pay by Friday\" and called the offer a farce.\n",
    );
    f.annotations(
        "stadium",
        r#"[[entity]]
id = "mayor"
name = "The mayor"
kind = "person"

[[claim]]
id = "deadline"
title = 'Mayor: the lease ends "if the club does not pay by Friday"'
claimant = "mayor"
status = "unverified"
allow = ["unsourced-claim"]

  [[claim.appearance]]
  article = "city-wire"
  quote = "“If the club does not pay by Friday, the lease ends,”"

  [[claim.appearance]]
  article = "evening-post"
  quote = '"if the club does not pay by Friday"'

[[claim]]
id = "offer-farce"
title = "The mayor called the club's offer a farce"
claimant = "mayor"
status = "unverified"
allow = ["unsourced-claim"]

  [[claim.appearance]]
  article = "city-wire"
  quote = "a farce”"

  [[claim.appearance]]
  article = "evening-post"
  quote = "called the offer a farce"
"#,
    );
    f
}

/// The wording column of a claim page's comparison table.
fn wording_cells(site: &Site, claim: &str) -> Vec<String> {
    let page = site.page(&format!("claims/{claim}/index.html"));
    select(&page, ".wording-diff")
        .into_iter()
        .map(text)
        .collect()
}

#[test]
fn a_passage_selected_with_the_reports_marks_is_not_quoted_twice() {
    let f = stadium_dispute();
    let site = f.build();
    assert_eq!(
        wording_cells(&site, "deadline"),
        [
            "“If the club does not pay by Friday, the lease ends,”",
            "\"if the club does not pay by Friday\""
        ]
    );
    assert_eq!(
        wording_cells(&site, "offer-farce"),
        ["“a farce”", "“called the offer a farce”"]
    );
    let post = site.page("articles/evening-post/index.html");
    let elsewhere: Vec<String> = select(&post, ".note-elsewhere li")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(
        elsewhere,
        [
            "Mayor sets Friday deadline for Rovers (City Wire): “If the club does not pay by Friday, the lease ends,”",
            "Mayor sets Friday deadline for Rovers (City Wire): “a farce”"
        ]
    );
}

#[test]
fn a_cited_title_that_quotes_takes_inner_marks() {
    let f = stadium_dispute();
    let site = f.build();
    let page = site.page("claims/deadline/index.html");
    let citation = text(select(&page, "#cite > p")[0]);
    assert!(
        citation
            .starts_with("“Mayor: the lease ends ‘if the club does not pay by Friday.’” Fixture. "),
        "{citation}"
    );
}

#[test]
fn a_french_dossier_quotes_in_guillemets() {
    let f = Fixture::new();
    f.file(
        "book.toml",
        "[book]\ntitle = \"Le bail du stade\"\nlanguage = \"fr\"\n",
    );
    f.file(
        "content/articles/depeche.md",
        "+++\ntitle = \"Le maire fixe un « ultimatum » aux Rovers\"\npublished = 2024-03-01\n+++\n\
         Le maire a déclaré : « Si le club ne paie pas d'ici vendredi, le bail prend fin », selon l'agence.\n",
    );
    f.file(
        "content/articles/quotidien.md",
        "+++\ntitle = \"Stade : le bail en sursis\"\npublished = 2024-03-02\n+++\n\
         Selon le maire, le bail prend fin vendredi si le club ne paie pas.\n",
    );
    f.annotations(
        "stade",
        r#"[[claim]]
id = "ultimatum"
title = "Le maire fixe un « ultimatum » au club"
status = "unverified"
allow = ["unsourced-claim"]

  [[claim.appearance]]
  article = "depeche"
  quote = "« Si le club ne paie pas d'ici vendredi"

  [[claim.appearance]]
  article = "quotidien"
  quote = "le bail prend fin vendredi"
"#,
    );
    let site = f.build();
    let page = site.page("claims/ultimatum/index.html");
    let cells: Vec<String> = select(&page, ".wording-diff")
        .into_iter()
        .map(|cell| cell.text().collect())
        .collect();
    assert_eq!(
        cells,
        [
            "« Si le club ne paie pas d'ici vendredi »",
            "«\u{a0}le bail prend fin vendredi\u{a0}»"
        ]
    );
    let citation: String = select(&page, "#cite > p")[0].text().collect();
    assert!(
        citation
            .starts_with("«\u{a0}Le maire fixe un “ultimatum” au club\u{a0}». Le bail du stade. "),
        "{citation}"
    );
}
