//! The benchmarks' floor: pulldown-cmark alone turning every article of a
//! dossier into an HTML file, on one thread, with nothing else a site needs.
//! `cargo run --release --example floor -- DOSSIER OUT_DIR`

use std::fs;
use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dossier, out] = args.as_slice() else {
        eprintln!("usage: floor DOSSIER OUT_DIR");
        std::process::exit(2);
    };
    let articles = PathBuf::from(dossier).join("content/articles");
    let out = PathBuf::from(out);
    fs::create_dir_all(&out).unwrap();
    let mut html = String::new();
    for entry in fs::read_dir(&articles).unwrap() {
        let path = entry.unwrap().path();
        let text = fs::read_to_string(&path).unwrap();
        let body = match text.strip_prefix("+++") {
            Some(rest) => rest.split_once("\n+++").map_or(rest, |(_, body)| body),
            None => &text,
        };
        html.clear();
        let parser = pulldown_cmark::Parser::new_ext(body, pulldown_cmark::Options::all());
        pulldown_cmark::html::push_html(&mut html, parser);
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        fs::write(out.join(format!("{name}.html")), &html).unwrap();
    }
}
