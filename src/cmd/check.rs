//! `gloss check`: everything `build` does except writing; with `--todo`,
//! then what is left to annotate.

use super::Report;
use crate::cli::{CheckArgs, Format};
use crate::dossier::Dossier;
use crate::lint::todo::{Item, Todo, todo};
use crate::site;

/// Checks the dossier; exit 1 on errors, or on warnings when denied.
pub fn run(args: &CheckArgs) -> u8 {
    let report = Report {
        format: args.format,
        verbose: args.verbose,
    };
    let root = super::dossier_root(args.dossier.path());
    let checked = site::load(&root).and_then(|loaded| {
        let warnings = site::check_loaded(&root, &loaded)?;
        Ok((loaded, warnings))
    });
    match checked {
        Ok((loaded, warnings)) => {
            report.diagnostics(&warnings);
            eprintln!("No errors, {} warning(s).", warnings.len());
            if args.todo {
                print_todo(&loaded.dossier, args.format);
            }
            u8::from(args.deny_warnings && !warnings.is_empty())
        }
        Err(e) => report.fail(&e),
    }
}

/// Prints what is left to annotate: for people on stderr, or one JSON
/// object per report on stdout.
fn print_todo(dossier: &Dossier, format: Format) {
    let todos = todo(dossier);
    if format == Format::Json {
        for t in &todos {
            println!(
                "{}",
                serde_json::to_string(t).expect("todo items serialise")
            );
        }
        return;
    }
    if todos.is_empty() {
        eprintln!("Nothing left to annotate.");
    }
    for t in &todos {
        print_report(t);
    }
}

fn print_lines(text: &str) {
    for line in text.lines() {
        eprintln!("      {line}");
    }
}

fn print_report(t: &Todo) {
    eprintln!(
        "{} (`{}`): {} left to annotate",
        t.path,
        t.article,
        t.items.len()
    );
    for left in &t.items {
        let place = left.place();
        let item = &left.item;
        match item {
            Item::Figure { text } => eprintln!("  figure “{text}” ({place}) is in no claim"),
            Item::Quoted { text } => eprintln!("  quoted “{text}” ({place}) is in no claim"),
            Item::Date { text } => eprintln!("  date “{text}” ({place}) is in no claim"),
            Item::Repeat {
                claim,
                text,
                appearance,
            } => {
                eprintln!(
                    "  “{text}” ({place}) is claim `{claim}`'s wording in another report; add under that claim:"
                );
                print_lines(appearance);
            }
            Item::PartOfWording {
                claim,
                text,
                wording,
                appearance,
            } => {
                eprintln!(
                    "  quoted “{text}” ({place}) is part of claim `{claim}`'s wording “{wording}”; if it is the same claim, add under it:"
                );
                print_lines(appearance);
            }
            Item::NearRepeat {
                claim,
                text,
                wording,
                appearance,
                ..
            } => {
                eprintln!(
                    "  “{text}” ({place}) nearly repeats claim `{claim}`'s “{wording}” ({}); if it is the same claim, add under it:",
                    item.differences().unwrap_or_default()
                );
                print_lines(appearance);
            }
        }
    }
    if t.more_repeats > 0 {
        eprintln!(
            "  and {} more passages repeat other reports' claims",
            t.more_repeats
        );
    }
    eprintln!();
}
