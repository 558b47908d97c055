//! Bad input that must still be handled: huge and pathological articles.
//! Each class of invalid dossier is a directory under
//! `tests/fixtures-invalid/`, whose `expected.txt` holds what `gloss check`
//! prints for it in full (compared in `golden.rs`); add a class by adding
//! a directory and blessing it.

use std::fs;

#[test]
fn a_huge_article_is_handled() {
    let f = super::support::Fixture::new();
    let paragraph = "Words of a long report, repeated to make a large file. ".repeat(20);
    let body = format!(
        "{}\nThe one unique sentence.\n",
        format!("{paragraph}\n\n").repeat(10_000)
    );
    f.article("big", &body);
    f.annotations(
        "x",
        "[[claim]]\nid = \"c\"\ntitle = \"T\"\nstatus = \"opinion\"\nallow = [\"unsourced-claim\"]\n\n  [[claim.appearance]]\n  article = \"big\"\n  quote = \"The one unique sentence.\"\n",
    );
    assert!(body.len() > 10_000_000);
    let site = f.build();
    let html = fs::read_to_string(site.dir.join("articles/big/index.html")).unwrap();
    assert!(html.len() > 10_000_000);
    assert!(html.contains(
        r#"<mark class="claim" id="quote-c" data-claim="c" data-quote="quote-c">The one unique sentence.</mark>"#
    ));
}

#[test]
fn pathological_markdown_finishes() {
    let f = super::support::Fixture::new();
    f.article("nested", &format!("{}deep text\n", "> ".repeat(100_000)));
    f.article("line", &format!("{}the end.\n", "word ".repeat(400_000)));
    f.article("whole", "All of this article is one quote.\n");
    f.annotations(
        "x",
        "[[claim]]\nid = \"c\"\ntitle = \"T\"\nstatus = \"opinion\"\nallow = [\"unsourced-claim\"]\n\n  [[claim.appearance]]\n  article = \"whole\"\n  quote = \"All of this article is one quote.\"\n\n  [[claim.appearance]]\n  article = \"line\"\n  quote = \"word the end.\"\n",
    );
    let site = f.build();
    assert!(site.dir.join("articles/nested/index.html").is_file());
    let whole = fs::read_to_string(site.dir.join("articles/whole/index.html")).unwrap();
    assert!(whole.contains(r#"id="quote-c""#));
}
