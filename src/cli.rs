//! The command line: clap definitions, with the doc comments as help.
//! [`crate::cmd`] runs what they parse; nothing here runs anything.

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

const EXIT_CODES: &str = "\
Exit codes:
  0  success (warnings may have been printed)
  1  the dossier has errors (annotations, articles, book.toml or templates),
     or warnings with --deny-warnings
  2  gloss could not run (bad usage, unreadable or unwritable files)";

/// gloss renders annotated news dossiers (Markdown reports plus TOML claims,
/// events and entities) into a cross-linked static site.
#[derive(Debug, Parser)]
#[command(version, after_help = EXIT_CODES)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the dossier and write the site (atomically: a failed build keeps the old site).
    #[command(after_help = EXIT_CODES)]
    Build(BuildArgs),
    /// Check the dossier and report every problem, writing nothing.
    #[command(after_help = EXIT_CODES)]
    Check(CheckArgs),
    /// Serve the site with live reload, rebuilding on every change.
    #[cfg(feature = "serve")]
    #[command(after_help = EXIT_CODES)]
    Serve(ServeArgs),
    /// Write a new article or claim stub that passes `gloss check`.
    #[command(subcommand)]
    New(NewCommand),
    /// Import saved web pages (.html) or plain-text copies (.txt) of reports as articles.
    #[command(after_help = EXIT_CODES)]
    Import(ImportArgs),
    /// Create a small dossier that builds, to start from.
    #[command(after_help = EXIT_CODES)]
    Init(InitArgs),
}

/// The dossier a command works on, named the same way by every command:
/// `--dir DIR` (which `gloss new` takes too), or DIR as the first
/// argument where the command has no other. Either may be a folder inside
/// the dossier (see [`crate::config::dossier_root`]).
#[derive(Debug, Clone, clap::Args)]
pub struct DossierDir {
    /// The dossier's root directory, holding book.toml [default: .].
    #[arg(value_name = "DIR", conflicts_with = "dir_option")]
    dir: Option<PathBuf>,
    /// The dossier's root directory, as an option.
    #[arg(long = "dir", value_name = "DIR", id = "dir_option")]
    dir_option: Option<PathBuf>,
}

impl DossierDir {
    /// The folder named, or the current one.
    pub fn path(&self) -> &Path {
        self.dir
            .as_deref()
            .or(self.dir_option.as_deref())
            .unwrap_or(Path::new("."))
    }
}

/// Options of `gloss build`.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// The dossier: DIR, or `--dir DIR`.
    #[command(flatten)]
    pub dossier: DossierDir,
    /// Where to write the site [default: `[build] output-dir` of book.toml, else DIR/public].
    #[arg(short, long, value_name = "OUT")]
    pub dest_dir: Option<PathBuf>,
    /// Show every warning (by default the first 10 of each kind, the rest counted).
    #[arg(short, long)]
    pub verbose: bool,
    /// This is the build you publish: record its URLs in permalinks.txt (commit it), so
    /// that `check` reports any that vanish later.
    #[arg(long)]
    pub publish: bool,
}

/// Options of `gloss check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The dossier: DIR, or `--dir DIR`.
    #[command(flatten)]
    pub dossier: DossierDir,
    /// How to print diagnostics: for people, or one JSON object per line for CI.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Exit with 1 if there are warnings.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Show every warning (by default the first 10 of each kind, the rest
    /// counted; `--format json` always lists every one).
    #[arg(short, long)]
    pub verbose: bool,
    /// Then list, report by report, what is left to annotate: figures and quoted
    /// statements no claim covers, and passages that repeat another report's claim.
    #[arg(long)]
    pub todo: bool,
}

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// `file:line:col: error: …` with the source line and hints, on stderr.
    Human,
    /// One JSON object per diagnostic, one per line, on stdout.
    Json,
}

/// Options of `gloss serve`.
#[cfg(feature = "serve")]
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The dossier: DIR, or `--dir DIR`.
    #[command(flatten)]
    pub dossier: DossierDir,
    /// The port to listen on (0 picks a free one).
    #[arg(short, long, default_value_t = 3000)]
    pub port: u16,
    /// The address to listen on; only loopback unless you ask otherwise.
    #[arg(short, long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
}

/// `gloss new …`.
#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// Write content/articles/SLUG.md with commented front matter.
    Article(NewArticleArgs),
    /// Write a claim quoting one or more articles, each quote checked first.
    Claim(NewClaimArgs),
    /// Add a passage to a claim, in the claim's own file, checked first.
    Appearance(NewAppearanceArgs),
}

/// Options of `gloss new article`.
#[derive(Debug, clap::Args)]
pub struct NewArticleArgs {
    /// The article's slug (lower-case letters, digits and hyphens).
    pub slug: String,
    /// The dossier's root directory.
    #[arg(long, default_value = ".")]
    pub dir: PathBuf,
}

/// Options of `gloss new claim`.
#[derive(Debug, clap::Args)]
pub struct NewClaimArgs {
    /// The claim's id (lower-case letters, digits and hyphens).
    pub id: String,
    /// The slug of an article that carries it; repeat `--article … --quote …` for each report.
    #[arg(long, required = true)]
    pub article: Vec<String>,
    /// The passage, exactly as the `--article` before it has it.
    #[arg(long, required = true)]
    pub quote: Vec<String>,
    /// The claim in one line [default: a placeholder to edit].
    #[arg(long)]
    pub title: Option<String>,
    /// Add the claim to this annotation file (created if missing) [default: a new ID.toml in the annotations folder].
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// The dossier's root directory.
    #[arg(long, default_value = ".")]
    pub dir: PathBuf,
}

/// Options of `gloss new appearance`.
#[derive(Debug, clap::Args)]
pub struct NewAppearanceArgs {
    /// The claim's id.
    pub claim: String,
    /// The slug of the article that carries the passage.
    #[arg(long)]
    pub article: String,
    /// The passage, exactly as the article has it.
    #[arg(long)]
    pub quote: String,
    /// Words just before the passage, when it occurs more than once.
    #[arg(long)]
    pub prefix: Option<String>,
    /// Words just after the passage, when it occurs more than once.
    #[arg(long)]
    pub suffix: Option<String>,
    /// The dossier's root directory.
    #[arg(long, default_value = ".")]
    pub dir: PathBuf,
}

/// Options of `gloss import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// Saved web pages (.html) or plain-text copies (.txt) of reports.
    #[arg(required = true, value_name = "PAGE")]
    pub pages: Vec<PathBuf>,
    /// The article's slug [default: made from the file's name]; with one page only.
    #[arg(long)]
    pub slug: Option<String>,
    /// The dossier's root directory.
    #[arg(long, default_value = ".")]
    pub dir: PathBuf,
}

/// Options of `gloss init`.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// Where to create the dossier (created if missing; must not hold a
    /// book.toml): DIR, or `--dir DIR`.
    #[command(flatten)]
    pub dossier: DossierDir,
}
