//! The benchmarks' second floor: what writing a built site costs, and
//! nothing else. Reads every file under SITE into memory, then writes them
//! all under OUT_DIR (which must not exist) on every core, and prints how
//! many seconds the writing took: the least time any tool needs to put
//! that much output on that file system, however fast it renders.
//! `cargo run --release --example write_floor -- SITE OUT_DIR`

use std::fs;
use std::path::PathBuf;
use std::time::Instant;

use rayon::prelude::*;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [site, out] = args.as_slice() else {
        eprintln!("usage: write_floor SITE OUT_DIR");
        std::process::exit(2);
    };
    let (site, out) = (PathBuf::from(site), PathBuf::from(out));
    let mut dirs = Vec::new();
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(&site) {
        let entry = entry.unwrap();
        let relative = entry.path().strip_prefix(&site).unwrap().to_owned();
        if entry.file_type().is_dir() {
            dirs.push(relative);
        } else {
            files.push((relative, fs::read(entry.path()).unwrap()));
        }
    }
    let started = Instant::now();
    // Parents come before their children in a walk, so each directory is
    // made once, with no `create_dir_all` probing.
    for dir in &dirs {
        fs::create_dir(out.join(dir)).unwrap();
    }
    files
        .par_iter()
        .for_each(|(path, contents)| fs::write(out.join(path), contents).unwrap());
    println!("{:.3}", started.elapsed().as_secs_f64());
}
