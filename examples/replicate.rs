//! Writes a large dossier by replicating the default one, for timing builds:
//! `cargo run --release --example replicate -- 1000 /tmp/big`.
//!
//! Copy `k` of every article gets the slug `<slug>-k`, and copy `k` of every
//! claim, event and [sic] is re-pointed at those articles under ids suffixed
//! `-k`; entities are shared. The count is rounded up to whole copies of the
//! default dossier. The result passes `gloss check`.

use std::fs;
use std::path::{Path, PathBuf};

use toml::{Table, Value};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(count), Some(out)) = (
        args.get(1).and_then(|n| n.parse::<usize>().ok()),
        args.get(2),
    ) else {
        eprintln!("usage: replicate ARTICLES OUT_DIR");
        std::process::exit(2);
    };
    let source = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(out);
    let articles = sorted_files(&source.join("content/articles"));
    let copies = count.div_ceil(articles.len());
    fs::create_dir_all(out.join("content/articles")).unwrap();
    fs::create_dir_all(out.join("content/annotations")).unwrap();
    fs::copy(source.join("book.toml"), out.join("book.toml")).unwrap();
    for k in 0..copies {
        for path in &articles {
            let stem = path.file_stem().unwrap().to_str().unwrap();
            let text = fs::read_to_string(path).unwrap();
            fs::write(out.join(format!("content/articles/{stem}-{k}.md")), text).unwrap();
        }
    }
    for path in sorted_files(&source.join("content/annotations")) {
        let table: Table = toml::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        let name = path.file_stem().unwrap().to_str().unwrap();
        if table.contains_key("entity") {
            fs::write(
                out.join(format!("content/annotations/{name}.toml")),
                toml::to_string(&table).unwrap(),
            )
            .unwrap();
            continue;
        }
        for k in 0..copies {
            let copy = replicate(&table, k);
            fs::write(
                out.join(format!("content/annotations/{name}-{k}.toml")),
                toml::to_string(&copy).unwrap(),
            )
            .unwrap();
        }
    }
    eprintln!(
        "wrote {} articles to {}",
        copies * articles.len(),
        out.display()
    );
}

/// Suffixes every id and every reference to an article, claim or event.
fn replicate(table: &Table, k: usize) -> Table {
    let suffix = |v: &mut Value| {
        if let Value::String(s) = v {
            *s = format!("{s}-{k}");
        }
    };
    let mut copy = table.clone();
    for (_, items) in copy.iter_mut() {
        for item in items.as_array_mut().into_iter().flatten() {
            let Some(item) = item.as_table_mut() else {
                continue;
            };
            for key in ["id", "article"] {
                item.get_mut(key).map(suffix);
            }
            for key in ["events", "related", "claims", "articles"] {
                for v in item
                    .get_mut(key)
                    .and_then(Value::as_array_mut)
                    .into_iter()
                    .flatten()
                {
                    suffix(v);
                }
            }
            for appearance in item
                .get_mut("appearance")
                .and_then(Value::as_array_mut)
                .into_iter()
                .flatten()
            {
                appearance.get_mut("article").map(suffix);
            }
        }
    }
    copy
}

fn sorted_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}
