//! Writes a synthetic dossier of any size from the default one, for
//! benchmarks: `cargo run --release --example synthesize -- 10000 /tmp/big`
//! (add `--seed N` for another, equally reproducible, dossier; `--help`).
//!
//! Article `i` is one of the five default reports with its paragraphs in a
//! shuffled order, a varied headline, slug and date, an outlet, an address
//! (nine in ten), now and then a Markdown footnote or a code fence. There
//! are five claims per article; each quotes a sentence of its report and is
//! anchored in one to four of the articles made from that report. Events
//! (some of them spans) and entities grow with the dossier. The same count
//! and seed always give the same files, and `gloss check` passes on them.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

const CLAIMS_PER_ARTICLE: usize = 5;
const CLAIMS_PER_FILE: usize = 500;
const VERDICTS: [&str; 7] = [
    "accurate",
    "corroborated",
    "misleading",
    "inaccurate",
    "disputed",
    "unverified",
    "opinion",
];
const ENTITY_KINDS: [&str; 4] = ["person", "government", "company", "organization"];
const HEADLINE_FORMS: [&str; 6] = [
    "{}",
    "Update: {}",
    "{}, officials say",
    "Analysis: {}",
    "{} (follow-up)",
    "Report: {}",
];

fn main() {
    let Args {
        articles: count,
        out,
        seed,
    } = clap::Parser::parse();
    let default = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let loaded = gloss::site::load(&default).unwrap_or_else(|e| panic!("{e}"));
    let reports: Vec<Report> = loaded.dossier.articles.values().map(Report::new).collect();
    let mut rng = SplitMix(seed);
    let entities = (count / 20).max(20);
    let events = (count / 2).max(10);
    let articles: Vec<Synthetic> = (0..count)
        .map(|i| Synthetic::new(i, &reports, &mut rng))
        .collect();

    fs::create_dir_all(out.join("content/articles")).unwrap();
    fs::create_dir_all(out.join("content/annotations")).unwrap();
    fs::write(
        out.join("book.toml"),
        format!("[book]\ntitle = \"Synthetic dossier of {count} reports\"\n"),
    )
    .unwrap();
    for article in &articles {
        write(
            &out.join(format!("content/articles/{}.md", article.slug)),
            &article.markdown(&reports, &mut rng),
        );
    }
    write(
        &out.join("content/annotations/entities.toml"),
        &entities_toml(entities),
    );
    write(
        &out.join("content/annotations/events.toml"),
        &events_toml(events, entities, &mut rng),
    );
    let claims = claims_toml(&articles, &reports, entities, events, &mut rng);
    for (n, chunk) in claims.chunks(CLAIMS_PER_FILE).enumerate() {
        write(
            &out.join(format!("content/annotations/claims-{n:04}.toml")),
            &chunk.concat(),
        );
    }
    eprintln!(
        "wrote {count} articles, {} claims, {events} events and {entities} entities to {}",
        claims.len(),
        out.display()
    );
}

/// What to write.
#[derive(clap::Parser)]
struct Args {
    /// How many articles.
    articles: usize,
    /// The dossier's directory.
    out: PathBuf,
    /// Another seed gives another, equally reproducible, dossier.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

fn write(path: &Path, text: &str) {
    fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// Whether `clause`, which occurs once in `body`, starts and ends on word
/// boundaries there, as a quote must: cutting at every `.` and `,` also
/// cuts "U.S." and "40,000" in two.
fn on_word_boundaries(body: &str, clause: &str) -> bool {
    let start = body.find(clause).expect("the clause was cut from the body");
    let end = start + clause.len();
    gloss::text::is_word_boundary(body, start) && gloss::text::is_word_boundary(body, end)
}

/// A default report, cut into what the generator recombines.
struct Report {
    title: String,
    paragraphs: Vec<String>,
    /// Clauses that occur once in the report and hold no Markdown, so
    /// that they can be quoted verbatim.
    quotable: Vec<String>,
}

impl Report {
    fn new(article: &gloss::dossier::Article) -> Report {
        let paragraphs: Vec<String> = article
            .body
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
            .collect();
        let quotable = paragraphs
            .iter()
            .filter(|p| !p.starts_with(['>', '#', '-', '*', '|']))
            .flat_map(|p| p.split([';', '.', ',', '?', '!']))
            .map(str::trim)
            .filter(|s| s.len() >= 25)
            .filter(|s| !s.contains(['*', '_', '[', ']', '<', '>', '`', '\\', '\n']))
            .filter(|s| article.body.matches(*s).count() == 1)
            .filter(|s| on_word_boundaries(&article.body, s))
            .map(str::to_owned)
            .collect();
        Report {
            title: article.meta.title.clone(),
            paragraphs,
            quotable,
        }
    }
}

/// One generated article: which report it retells, and how.
struct Synthetic {
    slug: String,
    report: usize,
    title: String,
    date: String,
}

impl Synthetic {
    fn new(i: usize, reports: &[Report], rng: &mut SplitMix) -> Synthetic {
        let report = i % reports.len();
        let form = HEADLINE_FORMS[rng.below(HEADLINE_FORMS.len())];
        let title = form.replace("{}", &reports[report].title);
        let base = gloss::id::slugify(&title);
        let slug = format!("{}-{i}", base[..base.len().min(60)].trim_end_matches('-'));
        let year = 2006 + rng.below(19);
        let month = 1 + rng.below(12);
        let date = if rng.below(10) == 0 {
            format!("{year}-{month:02}")
        } else {
            format!("{year}-{month:02}-{:02}", 1 + rng.below(28))
        };
        Synthetic {
            slug,
            report,
            title,
            date,
        }
    }

    fn markdown(&self, reports: &[Report], rng: &mut SplitMix) -> String {
        let mut paragraphs: Vec<&str> = reports[self.report]
            .paragraphs
            .iter()
            .map(String::as_str)
            .collect();
        rng.shuffle(&mut paragraphs);
        // Nine reports in ten give their address, as a newsroom's copies
        // do (every wording of those links to the original). Its slug
        // says which, so the random draws stay those of earlier dossiers.
        let url = if self.slug.ends_with('0') {
            String::new()
        } else {
            format!("url = \"https://news.example/{}\"\n", self.slug)
        };
        let mut text = format!(
            "+++\ntitle = {}\npublished = \"{}\"\n{url}outlet = \"Outlet {}\"\n+++\n\n",
            toml_string(&self.title),
            self.date,
            rng.below(40)
        );
        text.push_str(&paragraphs.join("\n\n"));
        if rng.below(3) == 0 {
            text.push_str("\n\nThis copy was compared with the wire version.[^wire]\n\n[^wire]: The wire version differs only in its headline.");
        }
        if rng.below(10) == 0 {
            text.push_str("\n\nThe figures, as tabulated:\n\n```toml\n[botnets]\nservers = 2077\nhosts = 1_180_000\n```");
        }
        text.push('\n');
        text
    }
}

fn entities_toml(count: usize) -> String {
    let mut toml = String::new();
    for e in 0..count {
        let kind = ENTITY_KINDS[e % ENTITY_KINDS.len()];
        writeln!(
            toml,
            "[[entity]]\nid = \"entity-{e}\"\nname = \"Entity {e}\"\nkind = \"{kind}\"\ndescription = \"A synthetic {kind}.\"\n"
        )
        .unwrap();
    }
    toml
}

fn events_toml(count: usize, entities: usize, rng: &mut SplitMix) -> String {
    let mut toml = String::new();
    for e in 0..count {
        let year = 2006 + rng.below(19);
        let month = 1 + rng.below(12);
        write!(
            toml,
            "[[event]]\nid = \"event-{e}\"\ntitle = \"Event number {e}\"\n"
        )
        .unwrap();
        match rng.below(10) {
            0 => writeln!(toml, "date = \"{year}\"").unwrap(),
            1 => writeln!(
                toml,
                "date = \"{year}-{month:02}\"\nend = \"{}-{month:02}\"",
                year + 1
            )
            .unwrap(),
            _ => writeln!(toml, "date = {year}-{month:02}-{:02}", 1 + rng.below(28)).unwrap(),
        }
        writeln!(
            toml,
            "entities = [\"entity-{}\", \"entity-{}\"]\n",
            rng.below(entities),
            rng.below(entities)
        )
        .unwrap();
    }
    toml
}

/// Five claims per article, each as its own TOML text.
fn claims_toml(
    articles: &[Synthetic],
    reports: &[Report],
    entities: usize,
    events: usize,
    rng: &mut SplitMix,
) -> Vec<String> {
    let mut claims = Vec::with_capacity(articles.len() * CLAIMS_PER_ARTICLE);
    for (i, home) in articles.iter().enumerate() {
        let quotable = &reports[home.report].quotable;
        for c in 0..CLAIMS_PER_ARTICLE {
            let n = i * CLAIMS_PER_ARTICLE + c;
            // Articles retelling a report are carried by the claims of at
            // most four consecutive homes (see `carriers`); consecutive
            // quotes keep their passages apart where the report has enough.
            let quote = &quotable[(i / reports.len() * CLAIMS_PER_ARTICLE + c) % quotable.len()];
            let mut toml = format!(
                "[[claim]]\nid = \"claim-{n}\"\ntitle = {}\nstatus = \"{}\"\nclaimant = \"entity-{}\"\nevents = [\"event-{}\"]\n",
                toml_string(&format!(
                    "Claim {n}: {}",
                    quote.chars().take(80).collect::<String>()
                )),
                VERDICTS[rng.below(VERDICTS.len())],
                rng.below(entities),
                rng.below(events)
            );
            for article in carriers(i, articles.len(), reports.len(), rng) {
                write!(
                    toml,
                    "\n  [[claim.appearance]]\n  article = \"{}\"\n  quote = {}\n",
                    articles[article].slug,
                    toml_string(quote)
                )
                .unwrap();
            }
            write!(
                toml,
                "\n  [[claim.source]]\n  title = \"Record {n}\"\n  url = \"https://records.example/{n}\"\n\n"
            )
            .unwrap();
            claims.push(toml);
        }
    }
    claims
}

/// The article a claim comes from and up to three more retelling the same
/// report (those whose index differs by a multiple of the report count).
fn carriers(home: usize, total: usize, reports: usize, rng: &mut SplitMix) -> Vec<usize> {
    let mut carriers = vec![home];
    for step in 1..=rng.below(4) {
        let other = home + step * reports;
        if other < total {
            carriers.push(other);
        }
    }
    carriers
}

/// `text` as a TOML string literal.
fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

/// SplitMix64: a few lines, and the same sequence on every platform and
/// version, which a generator for reproducible benchmarks needs.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}
