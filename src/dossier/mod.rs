//! The dossier after loading and resolution: the core types every later stage
//! works on.
//!
//! Everything here has been checked. Every id a value refers to exists, every
//! quote has been found in its article, every date is a real date, so the
//! renderer never has to handle a dangling reference or an unmatched quote.
//! Relations are held as ids into the maps of [`Dossier`] (an arena keyed by
//! permalink), and are symmetric: if a claim lists an event, the event lists
//! the claim. What git knows of each item, followed through renames, is
//! read through the methods of `Dossier` in `history.rs`.

use std::cmp::Ordering;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::date::{Moment, PartialDate};
use crate::diagnostics::Lint;
use crate::figures::{Judged, Notation, Override};
pub use crate::history::Correction;
use crate::history::{History, Records};
use crate::id::{Id, IdMap};
use crate::markdown::BlockAnchor;
use crate::shared::same;
use crate::source::Origin;
use crate::urls::Fragment;

mod history;

pub use history::Renamed;

/// A whole, resolved dossier.
#[derive(Debug)]
pub struct Dossier {
    /// `book.toml`.
    pub config: Config,
    /// The dossier's root directory on disk.
    pub root: PathBuf,
    /// `content/index.md`, the introduction, if there is one.
    pub intro: Option<Intro>,
    /// Source reports, keyed by slug.
    pub articles: IdMap<Article>,
    /// Claims, keyed by id.
    pub claims: IdMap<Claim>,
    /// Events, keyed by id.
    pub events: IdMap<Event>,
    /// People and organisations, keyed by id.
    pub entities: IdMap<Entity>,
    /// What git knows of each item: when it was published and changed.
    pub history: Arc<History>,
    /// The records of the items renamed with `aliases` that git knows
    /// under an earlier id, followed through the rename; every other
    /// item's record is the history's own ([`Dossier::record`]).
    pub renamed: Records,
}

impl Dossier {
    /// The figures of each of `claim`'s wordings, in the order of its
    /// appearances, each later wording's judged against the first's: what
    /// the claim page shows and `check` holds against the verdict.
    pub fn judged_figures(&self, claim: &Claim) -> Vec<Vec<Judged>> {
        let wordings: Vec<(&str, Notation, Option<&Override>)> = claim
            .appearances
            .iter()
            .map(|a| {
                let article = &self.articles[&a.article];
                (
                    &article.text_of(a.part)[a.range.clone()],
                    self.notation(article),
                    a.figures.as_deref(),
                )
            })
            .collect();
        crate::figures::judge_wordings(&wordings)
    }

    /// How `article` writes numbers: by its own language, else the
    /// dossier's.
    pub fn notation(&self, article: &Article) -> Notation {
        let language = article.meta.language.as_deref();
        Notation::of_language(language.unwrap_or(&self.config.book.language))
    }
}

/// The dossier's introduction (`content/index.md`).
#[derive(Debug, Clone, PartialEq)]
pub struct Intro {
    /// Path relative to the dossier root.
    pub path: PathBuf,
    /// Markdown.
    pub body: String,
}

/// A source report, with its text as published.
#[derive(Debug, Clone)]
pub struct Article {
    /// The permalink slug (`/articles/<slug>/`).
    pub slug: Id,
    /// Path relative to the dossier root.
    pub path: PathBuf,
    /// Front matter, shared with the cache `serve` keeps.
    pub meta: Arc<ArticleMeta>,
    /// The Markdown body, shared with the cache `serve` keeps.
    pub body: Arc<str>,
    /// The 1-based line of the file on which the body starts, to locate
    /// problems found in it.
    pub body_line: usize,
    /// The body as a reader sees it (Markdown syntax removed); anchors index
    /// into this text. Shared with the cache `serve` keeps.
    pub text: Arc<str>,
    /// Where each paragraph and heading starts in `text`, with its id on
    /// the article's page: the search index links each passage there.
    pub blocks: Arc<[BlockAnchor]>,
    /// Every link and image destination in the body, with the byte range
    /// in `body` of the link: found once, for the checks that look at
    /// every link after every edit.
    pub links: Arc<[(String, Range<usize>)]>,
    /// Every anchored passage in this article, the headline's first, each
    /// part's sorted by position.
    pub anchors: Vec<Anchor>,
}

impl Article {
    /// The text a passage in `part` is anchored in: the headline as
    /// written, or the body as a reader sees it.
    pub fn text_of(&self, part: Part) -> &str {
        match part {
            Part::Title => &self.meta.title,
            Part::Body => &self.text,
        }
    }

    /// The reports' order wherever they are listed by date: by time of
    /// publication, ties by slug (which is unique, so the order is total).
    pub fn publication_order(&self, other: &Article) -> Ordering {
        (self.meta.published, &self.slug).cmp(&(other.meta.published, &other.slug))
    }
}

/// Compared field by field, the shared ones by address first
/// ([`same`]).
impl PartialEq for Article {
    fn eq(&self, other: &Article) -> bool {
        let Article {
            slug,
            path,
            meta,
            body,
            body_line,
            text,
            blocks,
            links,
            anchors,
        } = self;
        *slug == other.slug
            && *path == other.path
            && same(meta, &other.meta)
            && same(body, &other.body)
            && *body_line == other.body_line
            && same(text, &other.text)
            && same(blocks, &other.blocks)
            && same(links, &other.links)
            && *anchors == other.anchors
    }
}

/// An article's front matter. Missing optional fields stay `None` and are
/// shown as "not recorded", never guessed.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleMeta {
    /// The report's headline.
    pub title: String,
    /// When it was published, at the precision the copy supports.
    pub published: Moment,
    /// The publication that ran it.
    pub outlet: Option<String>,
    /// Its author(s).
    pub byline: Option<String>,
    /// The original's address.
    pub url: Option<String>,
    /// When the dossier's copy was taken.
    pub retrieved: Option<Moment>,
    /// BCP 47 language of the report.
    pub language: Option<String>,
    /// Old slugs that must keep resolving.
    pub aliases: Vec<Id>,
    /// Where each of `aliases` is written in the article's file: 1-based
    /// line and column.
    pub alias_places: Vec<(usize, usize)>,
    /// The editor's remarks on the copy itself (Markdown): provenance, what
    /// was dropped, how dates were inferred.
    pub note: Option<String>,
    /// Whether `published` is still the date `gloss new` wrote: its line
    /// keeps the `# placeholder` comment.
    pub date_is_placeholder: bool,
}

/// A located passage in an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    /// Byte range in the article's text for `part` ([`Article::text_of`]).
    pub range: Range<usize>,
    /// Whether the passage is in the headline or the body.
    pub part: Part,
    /// What is anchored there.
    pub kind: AnchorKind,
}

/// The part of a report a passage is quoted from: written `in = "title"`
/// on an appearance or a \[sic\] for the headline; the body otherwise.
/// The headline comes first, so anchors sort in reading order.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    /// The headline (`title` in the front matter).
    Title,
    /// The report's text.
    #[default]
    Body,
}

/// What an anchored passage is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnchorKind {
    /// An appearance of a claim; `occurrence` counts the claim's appearances
    /// in this article from 1, in the order the annotation lists them.
    Claim {
        /// The claim quoted.
        claim: Id,
        /// Which of the claim's appearances in this article.
        occurrence: usize,
    },
    /// A slip in the copy, kept as published and marked \[sic\].
    Sic {
        /// What the editor has to say about it (e.g. the intended word).
        note: String,
    },
}

/// A claim: a statement the reports carry, with the editor's verdict.
#[derive(Debug, Clone)]
pub struct Claim {
    /// The permalink id (`/claims/<id>/`).
    pub id: Id,
    /// A one-line statement of the claim.
    pub title: String,
    /// Who makes the claim (an entity); `None` when it is the reports' own.
    pub claimant: Option<Id>,
    /// The editor's verdict.
    pub verdict: Verdict,
    /// Events the claim concerns.
    pub events: Vec<Id>,
    /// Claims on the same matter.
    pub related: Vec<Id>,
    /// Context and discrepancies (Markdown).
    pub note: Option<String>,
    /// Where the reports carry it, in the order the annotation lists them;
    /// shared with the resolution `serve` keeps.
    pub appearances: Arc<[Appearance]>,
    /// Primary or secondary sources for checking it; shared likewise.
    pub sources: Arc<[Source]>,
    /// Warnings the editor has acknowledged for this claim.
    pub allow: Vec<Lint>,
    /// Former ids, which keep resolving as redirects.
    pub aliases: Vec<Id>,
    /// When the editors reviewed the claim (`reviewed`): the date its
    /// review was published, which overrides the one git gives.
    pub reviewed: Option<Moment>,
    /// The corrections the editors published (`[[claim.correction]]`),
    /// as written: with the changes git records, the claim's history.
    pub corrections: Vec<Correction>,
    /// Where the claim is written.
    pub origin: Origin,
}

/// Compared field by field, the shared ones by address first
/// ([`same`]).
impl PartialEq for Claim {
    fn eq(&self, other: &Claim) -> bool {
        let Claim {
            id,
            title,
            claimant,
            verdict,
            events,
            related,
            note,
            appearances,
            sources,
            allow,
            aliases,
            reviewed,
            corrections,
            origin,
        } = self;
        *id == other.id
            && *title == other.title
            && *claimant == other.claimant
            && *verdict == other.verdict
            && *events == other.events
            && *related == other.related
            && *note == other.note
            && same(appearances, &other.appearances)
            && same(sources, &other.sources)
            && *allow == other.allow
            && *aliases == other.aliases
            && *reviewed == other.reviewed
            && *corrections == other.corrections
            && *origin == other.origin
    }
}

/// One report's wording of a claim.
#[derive(Debug, Clone, PartialEq)]
pub struct Appearance {
    /// The article quoted.
    pub article: Id,
    /// Where, in the article's text for `part` ([`Article::text_of`]).
    pub range: Range<usize>,
    /// Where the sentence holding it is, in the same text: what a page
    /// shows around the wording.
    pub sentence: Range<usize>,
    /// Whether the passage is in the headline or the body.
    pub part: Part,
    /// Which of the claim's appearances in that article (from 1).
    pub occurrence: usize,
    /// How this wording differs from the others, or other remarks (Markdown).
    pub note: Option<String>,
    /// The editor's word on this wording's figures, where it overrides
    /// what gloss reads in them.
    pub figures: Option<Box<Override>>,
}

impl Appearance {
    /// The HTML id of the quoted passage on the article page.
    pub fn quote_anchor(&self, claim: &Id) -> String {
        let (claim, occurrence) = (claim.as_str(), self.occurrence);
        Fragment::Passage { claim, occurrence }.to_string()
    }

    /// The HTML id of the footnote marker after the passage.
    pub fn marker_anchor(&self, claim: &Id) -> String {
        let (claim, occurrence) = (claim.as_str(), self.occurrence);
        Fragment::Marker { claim, occurrence }.to_string()
    }
}

/// A source for checking a claim.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// What it is.
    pub title: String,
    /// Who published it.
    pub publisher: Option<String>,
    /// Where to read it.
    pub url: Option<String>,
    /// When it was published.
    pub date: Option<PartialDate>,
    /// Remarks (Markdown).
    pub note: Option<String>,
}

/// Something that happened, at the precision the reports support.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// The permalink id (`/events/<id>/`).
    pub id: Id,
    /// A one-line description.
    pub title: String,
    /// When it happened, or when a span began.
    pub date: PartialDate,
    /// When a span ended.
    pub end: Option<PartialDate>,
    /// Context, and how the date was established (Markdown).
    pub note: Option<String>,
    /// Claims about the event.
    pub claims: Vec<Id>,
    /// Reports that cover it.
    pub articles: Vec<Id>,
    /// Who took part.
    pub entities: Vec<Id>,
    /// Warnings the editor has acknowledged for this event.
    pub allow: Vec<Lint>,
    /// Former ids, which keep resolving as redirects.
    pub aliases: Vec<Id>,
    /// Where the event is written.
    pub origin: Origin,
}

/// A person, organisation or group.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// The permalink id (`/entities/<id>/`).
    pub id: Id,
    /// The name as the dossier uses it.
    pub name: String,
    /// What sort of entity.
    pub kind: EntityKind,
    /// Who or what they are, as the reports describe them (Markdown).
    pub description: Option<String>,
    /// Claims this entity makes.
    pub claims: Vec<Id>,
    /// Events this entity took part in.
    pub events: Vec<Id>,
    /// Warnings the editor has acknowledged for this entity.
    pub allow: Vec<Lint>,
    /// Former ids, which keep resolving as redirects.
    pub aliases: Vec<Id>,
    /// Where the entity is written.
    pub origin: Origin,
}

/// The editor's verdict on a claim: a fixed vocabulary, so readers can learn
/// it once and machines can map it (`docs/format.md` defines each).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// Matches the primary record cited in the sources.
    Accurate,
    /// Reported consistently by several independent outlets; no primary record linked.
    Corroborated,
    /// Accurate elements presented so as to give a false impression.
    Misleading,
    /// Contradicted by the record or by the figures it cites.
    Inaccurate,
    /// Asserted by one party and denied by another, not independently settled.
    Disputed,
    /// Cannot be checked against any independent source in the dossier.
    Unverified,
    /// A statement of position, judgement or prediction: its attribution is
    /// checked, not its truth.
    Opinion,
}

impl Verdict {
    /// Every verdict, in the order the documentation lists them.
    pub const ALL: [Verdict; 7] = [
        Verdict::Accurate,
        Verdict::Corroborated,
        Verdict::Misleading,
        Verdict::Inaccurate,
        Verdict::Disputed,
        Verdict::Unverified,
        Verdict::Opinion,
    ];

    /// The verdict's keyword, as written in annotations and used in CSS classes.
    pub fn key(self) -> &'static str {
        match self {
            Verdict::Accurate => "accurate",
            Verdict::Corroborated => "corroborated",
            Verdict::Misleading => "misleading",
            Verdict::Inaccurate => "inaccurate",
            Verdict::Disputed => "disputed",
            Verdict::Unverified => "unverified",
            Verdict::Opinion => "opinion",
        }
    }

    /// The verdict whose [`Verdict::key`] is `key`.
    pub fn from_key(key: &str) -> Option<Verdict> {
        Verdict::ALL.into_iter().find(|v| v.key() == key)
    }

    /// The badge text readers see.
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Accurate => "Accurate",
            Verdict::Corroborated => "Corroborated",
            Verdict::Misleading => "Misleading",
            Verdict::Inaccurate => "Inaccurate",
            Verdict::Disputed => "Disputed",
            Verdict::Unverified => "Unverified",
            Verdict::Opinion => "Opinion",
        }
    }

    /// What the verdict means, for readers (shown as the badge's explanation).
    pub fn description(self) -> &'static str {
        match self {
            Verdict::Accurate => "Matches the primary record cited in the sources.",
            Verdict::Corroborated => {
                "Reported consistently by several outlets; the primary record is not linked here."
            }
            Verdict::Misleading => {
                "Contains accurate elements presented in a way that gives a false impression."
            }
            Verdict::Inaccurate => "Contradicted by the record or by the figures it cites.",
            Verdict::Disputed => "Asserted by one party and denied by another; not settled.",
            Verdict::Unverified => "Cannot be checked against an independent source here.",
            Verdict::Opinion => {
                "A statement of position or judgement: its attribution is checked, not its truth."
            }
        }
    }
}

/// What sort of entity: a fixed vocabulary so a typo is caught.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntityKind {
    /// A named individual.
    Person,
    /// A government, ministry, agency or official body.
    Government,
    /// An armed force or one of its units.
    Military,
    /// A news organisation.
    Media,
    /// A business.
    Company,
    /// Any other organisation (a union, a university, a research centre).
    Organization,
    /// An unnamed or collective group ("US officials", "five PLA officers").
    Group,
}

impl EntityKind {
    /// The key of its label among the interface's strings (`kind-person`).
    pub fn string_key(self) -> &'static str {
        match self {
            EntityKind::Person => "kind-person",
            EntityKind::Government => "kind-government",
            EntityKind::Military => "kind-military",
            EntityKind::Media => "kind-media",
            EntityKind::Company => "kind-company",
            EntityKind::Organization => "kind-organization",
            EntityKind::Group => "kind-group",
        }
    }
}
