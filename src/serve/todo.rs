//! The preview's `/__gloss/todo/` page: what `gloss check --todo` lists,
//! report by report, with links to each report and claim and the
//! appearances ready to copy. Worked out once per build, when first asked
//! for.

use std::sync::Arc;

use crate::dossier::Dossier;
use crate::escape::html;
use crate::lint::todo::{Item, Left, Todo, todo};
use crate::vocabulary::ItemKind;

/// The page for the build `generation` of `dossier`, from `cache` if it
/// holds that build's.
pub(super) fn page(
    cache: &std::sync::Mutex<Option<(u64, Arc<str>)>>,
    generation: u64,
    dossier: &Dossier,
) -> Arc<str> {
    let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
    match &*cache {
        Some((built, page)) if *built == generation => Arc::clone(page),
        _ => {
            let page: Arc<str> = Arc::from(render(dossier, &todo(dossier)));
            *cache = Some((generation, Arc::clone(&page)));
            page
        }
    }
}

fn render(dossier: &Dossier, todos: &[Todo]) -> String {
    let title = format!("What is left to annotate: {}", dossier.config.book.title);
    let mut body = String::new();
    if todos.is_empty() {
        body.push_str("<p>Nothing left to annotate.</p>\n");
    }
    for t in todos {
        report(&mut body, t);
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><link rel=\"stylesheet\" href=\"/style.css\"></head>\
         <body><main id=\"main\" class=\"todo\"><h1>{title}</h1>\
         <p>Figures, dates and quoted statements that no claim covers, and passages that repeat \
         a claim of another report, report by report (as <code>gloss check --todo</code> lists \
         them). Select a passage on a report's page to annotate it; this page follows each build.</p>\
         \n{body}</main></body></html>\n",
        title = html(&title),
    )
}

fn report(out: &mut String, t: &Todo) {
    let articles = ItemKind::Article.dir();
    out.push_str(&format!(
        "<section><h2><a href=\"/{articles}/{slug}/\">{slug}</a></h2>\n<p>{path}: {n} left</p>\n<ul>\n",
        slug = html(t.article.as_str()),
        path = html(&t.path),
        n = t.items.len(),
    ));
    for left in &t.items {
        out.push_str("<li>");
        out.push_str(&describe(&left.item, &place(t, left)));
        out.push_str("</li>\n");
    }
    if t.more_repeats > 0 {
        out.push_str(&format!(
            "<li>and {} more passages repeat other reports' claims</li>\n",
            t.more_repeats
        ));
    }
    out.push_str("</ul></section>\n");
}

/// Where `left` is, linked to that place on the report's page.
fn place(t: &Todo, left: &Left) -> String {
    let fragment = left
        .block
        .as_ref()
        .map_or_else(String::new, |block| format!("#{}", html(block)));
    format!(
        "<a href=\"/{}/{}/{fragment}\">{}</a>",
        ItemKind::Article.dir(),
        html(t.article.as_str()),
        html(&left.place())
    )
}

/// What `item` is, at `place` (HTML).
fn describe(item: &Item, place: &str) -> String {
    let claim_link = |claim: &crate::id::Id| {
        format!(
            "<a href=\"/{}/{id}/\"><code>{id}</code></a>",
            ItemKind::Claim.dir(),
            id = html(claim.as_str())
        )
    };
    let snippet = |toml: &str| {
        format!(
            "<pre tabindex=\"0\" aria-label=\"The appearance to add\"><code>{}</code></pre>",
            html(toml)
        )
    };
    match item {
        Item::Figure { text } => format!("figure “{}” ({place}) is in no claim", html(text)),
        Item::Date { text } => format!("date “{}” ({place}) is in no claim", html(text)),
        Item::Quoted { text } => format!("quoted “{}” ({place}) is in no claim", html(text)),
        Item::Repeat {
            claim,
            text,
            appearance,
        } => format!(
            "“{}” ({place}) is claim {}'s wording in another report; add under that claim:{}",
            html(text),
            claim_link(claim),
            snippet(appearance)
        ),
        Item::PartOfWording {
            claim,
            text,
            wording,
            appearance,
        } => format!(
            "quoted “{}” ({place}) is part of claim {}'s wording “{}”; if it is the same claim, add under it:{}",
            html(text),
            claim_link(claim),
            html(wording),
            snippet(appearance)
        ),
        Item::NearRepeat {
            claim,
            text,
            wording,
            appearance,
            ..
        } => format!(
            "“{}” ({place}) nearly repeats claim {}'s “{}” ({}); if it is the same claim, add under it:{}",
            html(text),
            claim_link(claim),
            html(wording),
            html(&item.differences().unwrap_or_default()),
            snippet(appearance)
        ),
    }
}
