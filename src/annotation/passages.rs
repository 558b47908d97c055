//! Finding every passage the annotation files quote (each claim
//! appearance and each \[sic\]) in its article: each article's quotes in
//! one pass, articles in parallel. `serve`'s cache keeps what was found in
//! each file, which stands while the file's parse and the text of every
//! report it quotes are unchanged: after an edit only the edited files'
//! passages are looked for again. What is found is filed by the passage's
//! place in its file ([`FoundInFile`]), so that resolving a claim takes
//! its own appearances by their place rather than counting its way
//! through a list.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use super::anchor::{Miss, Query, anchor_all};
use super::known::Known;
use super::raw::{AnnotationFile, Parsed};
use super::relations;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::dossier::{Article, Part};
use crate::id::{Id, IdMap};
use crate::shared::same;
use crate::source::SourceFile;
use crate::text::sentence_around;
use crate::vocabulary::ItemKind;

/// What anchoring found in each annotation file whose passages were all
/// found, as the last resolve left it: what `serve`'s cache keeps of
/// anchoring. Each query's answer depends on its own passage and its
/// report's text alone, so a file's answers stand while both are
/// unchanged, whatever other files ask of the same reports.
#[derive(Debug, Default)]
pub(super) struct Kept {
    files: HashMap<Arc<Path>, KeptFile>,
}

/// One file's passages as found, and what they were found from.
#[derive(Debug)]
struct KeptFile {
    data: Arc<AnnotationFile>,
    quoted: Vec<Quoted>,
    found: FoundInFile,
}

/// A report a file quotes, as it was when the file's passages were found
/// in it. The text is the report's own, shared: an unchanged report's is
/// the one `serve`'s content cache kept, so it is recognised by its
/// address rather than read again after each edit.
#[derive(Debug)]
struct Quoted {
    article: Id,
    text: Arc<str>,
    /// The headline, if the file quotes it.
    title: Option<String>,
}

impl KeptFile {
    /// Whether these are the passages anchoring would find for `data`
    /// among `articles` now: the same parse, and every report it quotes
    /// still there, with the same text (and headline, where quoted).
    fn stands_for(&self, data: &Arc<AnnotationFile>, articles: &IdMap<Article>) -> bool {
        Arc::ptr_eq(&self.data, data)
            && self.quoted.iter().all(|quoted| {
                articles.get(&quoted.article).is_some_and(|article| {
                    same(&article.text, &quoted.text)
                        && quoted
                            .title
                            .as_ref()
                            .is_none_or(|t| *t == article.meta.title)
                })
            })
    }
}

/// A passage found in an article.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Found {
    /// The article's slug.
    pub(super) article: Id,
    /// Where the passage is in the article's text (or headline).
    pub(super) range: Range<usize>,
    /// Where the sentence holding it is, in the same text: found here,
    /// once, rather than on every page that shows the passage in it.
    pub(super) sentence: Range<usize>,
    /// Whether it is in the body or the headline.
    pub(super) part: Part,
}

/// Which passage of the annotation files a request is, by its place in
/// them: what anchoring finds is filed under it, never matched back by
/// counting.
#[derive(Debug, Clone, Copy)]
enum Passage {
    /// Appearance `index` of claim `claim` in file `file`.
    Appearance {
        file: usize,
        claim: usize,
        index: usize,
    },
    /// The `index`th \[sic\] of file `file`.
    Sic { file: usize, index: usize },
}

/// What was found for one annotation file's passages, by their place in
/// it: each claim's appearances, and the file's \[sic\]s. A passage that
/// was not found (and was reported) has nothing.
#[derive(Debug, Default, Clone, PartialEq)]
pub(super) struct FoundInFile {
    claims: Vec<Vec<Option<Found>>>,
    sics: Vec<Option<Found>>,
}

impl FoundInFile {
    /// Room for every passage of `data`, none found yet.
    fn room_for(data: &AnnotationFile) -> Self {
        let nothing = |n: usize| (0..n).map(|_| None).collect::<Vec<_>>();
        FoundInFile {
            claims: data
                .claim
                .iter()
                .map(|c| nothing(c.appearance.len()))
                .collect(),
            sics: nothing(data.sic.len()),
        }
    }

    /// Takes what was found for appearance `index` of claim `claim`.
    pub(super) fn appearance(&mut self, claim: usize, index: usize) -> Option<Found> {
        self.claims[claim][index].take()
    }

    /// Takes what was found for the file's `index`th \[sic\].
    pub(super) fn sic(&mut self, index: usize) -> Option<Found> {
        self.sics[index].take()
    }
}

/// A passage to anchor, with where it was written.
struct Request<'a> {
    passage: Passage,
    article: Id,
    part: Part,
    query: Query<'a>,
    file: &'a SourceFile,
    span: Range<usize>,
}

impl Passage {
    /// The file the passage is in, by its place among the files.
    fn file(self) -> usize {
        match self {
            Passage::Appearance { file, .. } | Passage::Sic { file, .. } => file,
        }
    }
}

/// Every passage to anchor, each claim appearance and each \[sic\] of the
/// files `f` for which `wanted(f)` holds; where the article is unknown,
/// none (reported here), and the file is marked in `troubled`.
fn requests<'a>(
    files: &'a [Parsed<'a>],
    wanted: impl Fn(usize) -> bool + Copy,
    known: &Known,
    diagnostics: &mut Diagnostics,
    troubled: &mut [bool],
) -> Vec<Request<'a>> {
    let files = files.iter().enumerate().filter(move |(f, _)| wanted(*f));
    let appearances = files.clone().flat_map(|(f, (file, data))| {
        data.claim.iter().enumerate().flat_map(move |(claim, c)| {
            c.appearance.iter().enumerate().map(move |(index, a)| {
                let passage = Passage::Appearance {
                    file: f,
                    claim,
                    index,
                };
                (
                    passage, *file, &a.article, &a.quote, &a.prefix, &a.suffix, a.part,
                )
            })
        })
    });
    let sics = files.flat_map(|(f, (file, data))| {
        data.sic.iter().enumerate().map(move |(index, s)| {
            let passage = Passage::Sic { file: f, index };
            (
                passage, *file, &s.article, &s.quote, &s.prefix, &s.suffix, s.part,
            )
        })
    });
    appearances
        .chain(sics)
        .filter_map(|(passage, file, article, quote, prefix, suffix, part)| {
            let Some(article) = known.reference(ItemKind::Article, article, file, diagnostics)
            else {
                troubled[passage.file()] = true;
                return None;
            };
            Some(Request {
                passage,
                article,
                part,
                query: Query {
                    quote: quote.get_ref(),
                    prefix: prefix.as_deref(),
                    suffix: suffix.as_deref(),
                },
                file,
                span: quote.span(),
            })
        })
        .collect()
}

/// Anchors every appearance and every \[sic\] of `files`, each article's
/// quotes in one pass, articles in parallel; returns what was found in
/// each file, in the order of `files`, and reports what was not. With a
/// cache, a file whose passages were all found last time, from the same
/// parse in the same reports, takes what was found then.
pub(super) fn anchor_quotes(
    files: &[Parsed<'_>],
    known: &Known,
    articles: &IdMap<Article>,
    diagnostics: &mut Diagnostics,
    mut cache: Option<&mut Kept>,
) -> Vec<FoundInFile> {
    let mut previous = match cache.as_deref_mut() {
        Some(cache) => std::mem::take(&mut cache.files),
        None => HashMap::new(),
    };
    let standing: Vec<Option<KeptFile>> = files
        .iter()
        .map(|(file, data)| {
            let kept = previous.remove(&file.path)?;
            kept.stands_for(data, articles).then_some(kept)
        })
        .collect();
    let mut troubled = vec![false; files.len()];
    let wanted = |f: usize| standing[f].is_none();
    let requests = requests(files, wanted, known, diagnostics, &mut troubled);
    let mut anchored: Vec<FoundInFile> = files
        .iter()
        .zip(&standing)
        .map(|((_, data), kept)| match kept {
            Some(kept) => kept.found.clone(),
            None => FoundInFile::room_for(data),
        })
        .collect();
    for (i, answer) in anchor_requests(&requests, articles) {
        let request = &requests[i];
        let (range, sentence) = match answer {
            Ok(found) => found,
            Err(miss) => {
                troubled[request.passage.file()] = true;
                diagnostics.push(miss_diagnostic(request, &miss));
                continue;
            }
        };
        let found = Found {
            article: request.article.clone(),
            range,
            sentence,
            part: request.part,
        };
        *match request.passage {
            Passage::Appearance { file, claim, index } => &mut anchored[file].claims[claim][index],
            Passage::Sic { file, index } => &mut anchored[file].sics[index],
        } = Some(found);
    }
    if let Some(cache) = cache {
        let fresh = kept_files(files, &requests, articles, &anchored, &troubled);
        let standing = files
            .iter()
            .zip(standing)
            .filter_map(|((file, _), kept)| kept.map(|kept| (Arc::clone(&file.path), kept)));
        cache.files = standing.chain(fresh).collect();
    }
    anchored
}

/// Where a passage and its sentence are in its report, or why it was not
/// found there.
type Answer = Result<(Range<usize>, Range<usize>), Miss>;

/// Each request's answer, with the request's place in `requests`: each
/// article's quotes in one pass (its headline's in another), articles side
/// by side.
fn anchor_requests(
    requests: &[Request<'_>],
    articles: &IdMap<Article>,
) -> impl Iterator<Item = (usize, Answer)> {
    // By the article's place in the map, which a map keyed by slug would
    // each compare a dozen slugs to file.
    let placed = requests.par_iter().enumerate().map(|(i, request)| {
        let at = articles.index_of(&request.article);
        (at.expect("a known article"), i)
    });
    let by_article = relations::grouped(articles.len(), placed);
    let per_article: Vec<(Vec<usize>, Vec<Answer>)> = by_article
        .into_par_iter()
        .enumerate()
        .filter(|(_, indices)| !indices.is_empty())
        .flat_map_iter(|(at, indices)| {
            let (_, article) = articles.get_index(at).expect("an article's place");
            let (titled, body): (Vec<usize>, Vec<usize>) = indices
                .into_iter()
                .partition(|&i| requests[i].part == Part::Title);
            let queries = |indices: &[usize]| -> Vec<Query<'_>> {
                indices.iter().map(|&i| requests[i].query).collect()
            };
            let answers = |text: &str, indices: &[usize]| -> Vec<Answer> {
                let found = anchor_all(text, &queries(indices)).into_iter();
                found
                    .map(|found| found.map(|range| (range.clone(), sentence_around(text, range))))
                    .collect()
            };
            let in_body = answers(&article.text, &body);
            let in_headline = answers(&article.meta.title, &titled);
            [(body, in_body), (titled, in_headline)]
        })
        .collect();
    per_article.into_iter().flat_map(|(indices, found)| {
        assert_eq!(indices.len(), found.len(), "one answer per query");
        indices.into_iter().zip(found)
    })
}

/// What the cache keeps of the files whose passages were looked for now
/// (those `requests` came from) and all found: each file's answers, with
/// the reports it quotes as they are.
fn kept_files(
    files: &[Parsed<'_>],
    requests: &[Request<'_>],
    articles: &IdMap<Article>,
    anchored: &[FoundInFile],
    troubled: &[bool],
) -> Vec<(Arc<Path>, KeptFile)> {
    let mut quoted: HashMap<usize, HashMap<&Id, bool>> = HashMap::new();
    for request in requests {
        let in_title = request.part == Part::Title;
        let reports = quoted.entry(request.passage.file()).or_default();
        *reports.entry(&request.article).or_default() |= in_title;
    }
    quoted
        .into_iter()
        .filter(|(f, _)| !troubled[*f])
        .map(|(f, reports)| {
            let (file, data) = &files[f];
            let quoted = reports
                .into_iter()
                .map(|(id, in_title)| {
                    let article = &articles[id];
                    Quoted {
                        article: id.clone(),
                        text: Arc::clone(&article.text),
                        title: in_title.then(|| article.meta.title.clone()),
                    }
                })
                .collect();
            let kept = KeptFile {
                data: Arc::clone(data),
                quoted,
                found: anchored[f].clone(),
            };
            (Arc::clone(&file.path), kept)
        })
        .collect()
}

fn miss_diagnostic(request: &Request<'_>, miss: &Miss) -> Diagnostic {
    let (message, help) = miss.describe(&request.article);
    let d =
        Diagnostic::error(&request.file.path, message).at(&request.file.text, request.span.clone());
    match help {
        Some(help) => d.with_help(help),
        None => d,
    }
}
