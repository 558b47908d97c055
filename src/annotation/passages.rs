//! Finding every passage the annotation files quote (each claim
//! appearance and each \[sic\]) in its article: each article's quotes in
//! one pass, articles in parallel, reusing what `serve`'s cache found last
//! time where the article and its passages are unchanged. What is found is
//! filed by the passage's place in its file ([`FoundInFile`]), so that
//! resolving a claim takes its own appearances by their place rather than
//! counting its way through a list.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;

use super::anchor::{Miss, Query, anchor_all};
use super::known::Known;
use super::raw::{AnnotationFile, Parsed};
use super::relations;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::dossier::{Article, Part};
use crate::id::{Id, IdMap};
use crate::source::SourceFile;
use crate::vocabulary::ItemKind;

/// Each article's anchored passages as the last resolve left them, kept
/// while the article's text and the passages looked for in it are
/// unchanged: what `serve`'s cache keeps of anchoring.
#[derive(Debug, Default)]
pub(super) struct Kept {
    anchored: HashMap<Id, Anchored>,
}

/// An article's anchoring: what was found for each passage, and what it
/// was found from when it is to be reused.
#[derive(Debug)]
struct Anchored {
    from: Option<AnchoredFrom>,
    found: Vec<Result<Range<usize>, Miss>>,
}

/// An article's text and the passages looked for in it (quote, prefix,
/// suffix). The text is the article's own, shared: an unchanged article's
/// is the one `serve`'s content cache kept, so it is recognised by its
/// address rather than by reading every report again after each edit.
#[derive(Debug)]
struct AnchoredFrom {
    text: Arc<str>,
    queries: Vec<(String, Option<String>, Option<String>)>,
}

impl AnchoredFrom {
    fn new(text: &Arc<str>, queries: &[Query<'_>]) -> Self {
        let owned = |s: Option<&str>| s.map(str::to_owned);
        AnchoredFrom {
            text: Arc::clone(text),
            queries: queries
                .iter()
                .map(|q| (q.quote.to_owned(), owned(q.prefix), owned(q.suffix)))
                .collect(),
        }
    }

    /// Whether this is what anchoring `queries` in `text` starts from;
    /// compared in place, since after an edit nearly every article's
    /// answer is yes.
    fn is(&self, text: &Arc<str>, queries: &[Query<'_>]) -> bool {
        (Arc::ptr_eq(&self.text, text) || self.text == *text)
            && self.queries.len() == queries.len()
            && self
                .queries
                .iter()
                .zip(queries)
                .all(|((quote, prefix, suffix), q)| {
                    quote == q.quote
                        && prefix.as_deref() == q.prefix
                        && suffix.as_deref() == q.suffix
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

/// Every passage to anchor, each claim appearance and each \[sic\] of every
/// file; `None` where the article is unknown (reported here).
fn requests<'a>(
    files: &'a [Parsed<'a>],
    known: &Known,
    diagnostics: &mut Diagnostics,
) -> Vec<Option<Request<'a>>> {
    let appearances = files.iter().enumerate().flat_map(|(f, (file, data))| {
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
    let sics = files.iter().enumerate().flat_map(|(f, (file, data))| {
        data.sic.iter().enumerate().map(move |(index, s)| {
            let passage = Passage::Sic { file: f, index };
            (
                passage, *file, &s.article, &s.quote, &s.prefix, &s.suffix, s.part,
            )
        })
    });
    appearances
        .chain(sics)
        .map(|(passage, file, article, quote, prefix, suffix, part)| {
            let article = known.reference(ItemKind::Article, article, file, diagnostics)?;
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
/// each file, in the order of `files`, and reports what was not.
pub(super) fn anchor_quotes(
    files: &[Parsed<'_>],
    known: &Known,
    articles: &IdMap<Article>,
    diagnostics: &mut Diagnostics,
    mut cache: Option<&mut Kept>,
) -> Vec<FoundInFile> {
    let requests = requests(files, known, diagnostics);
    // By the article's place in the map: 150,000 requests at 10,000
    // articles, which a map keyed by slug would each compare a dozen
    // slugs to file.
    let placed = requests.par_iter().enumerate().filter_map(|(i, request)| {
        let article = &request.as_ref()?.article;
        Some((articles.index_of(article).expect("a known article"), i))
    });
    let by_article = relations::grouped(articles.len(), placed);
    let reusing = cache.is_some();
    let mut previous = cache
        .as_deref_mut()
        .map(|cache| std::mem::take(&mut cache.anchored))
        .unwrap_or_default();
    let work: Vec<(&Id, Vec<usize>, Option<Anchored>)> = by_article
        .into_iter()
        .enumerate()
        .filter(|(_, indices)| !indices.is_empty())
        .map(|(at, indices)| {
            let (slug, _) = articles.get_index(at).expect("an article's place");
            (slug, indices, previous.remove(slug))
        })
        .collect();
    let per_article: Vec<_> = work
        .into_par_iter()
        .map(|(slug, indices, previous)| {
            let request = |i: &usize| requests[*i].as_ref().expect("grouped");
            let (titled, indices): (Vec<usize>, Vec<usize>) = indices
                .into_iter()
                .partition(|i| request(i).part == Part::Title);
            let queries: Vec<Query<'_>> = indices.iter().map(|i| request(i).query).collect();
            let text = &articles[slug].text;
            let anchored = if reusing {
                anchor_reusing(text, &queries, previous)
            } else {
                Anchored {
                    from: None,
                    found: anchor_all(text, &queries),
                }
            };
            let headline: Vec<Query<'_>> = titled.iter().map(|i| request(i).query).collect();
            let in_headline = anchor_all(&articles[slug].meta.title, &headline);
            (slug, indices, anchored, titled, in_headline)
        })
        .collect();
    let mut anchored: Vec<FoundInFile> = files
        .iter()
        .map(|(_, data)| FoundInFile::room_for(data))
        .collect();
    let mut place = |i: usize, result: &Result<Range<usize>, Miss>| {
        let request = requests[i].as_ref().expect("grouped");
        let found = match result {
            Ok(range) => Found {
                article: request.article.clone(),
                range: range.clone(),
                part: request.part,
            },
            Err(miss) => return diagnostics.push(miss_diagnostic(request, miss)),
        };
        let slot = match request.passage {
            Passage::Appearance { file, claim, index } => &mut anchored[file].claims[claim][index],
            Passage::Sic { file, index } => &mut anchored[file].sics[index],
        };
        *slot = Some(found);
    };
    let mut kept = HashMap::new();
    for (slug, indices, article, titled, in_headline) in per_article {
        assert_eq!(indices.len(), article.found.len(), "one answer per query");
        assert_eq!(titled.len(), in_headline.len(), "one answer per query");
        for (i, result) in indices.into_iter().zip(&article.found) {
            place(i, result);
        }
        for (i, result) in titled.into_iter().zip(&in_headline) {
            place(i, result);
        }
        if article.from.is_some() {
            kept.insert(slug.clone(), article);
        }
    }
    if let Some(cache) = cache {
        cache.anchored = kept;
    }
    anchored
}

/// Anchors `queries` in an article's `text`, or takes `previous` if it
/// looked for the same passages in the same text.
fn anchor_reusing(text: &Arc<str>, queries: &[Query<'_>], previous: Option<Anchored>) -> Anchored {
    match previous {
        Some(previous)
            if previous
                .from
                .as_ref()
                .is_some_and(|from| from.is(text, queries)) =>
        {
            previous
        }
        _ => Anchored {
            from: Some(AnchoredFrom::new(text, queries)),
            found: anchor_all(text, queries),
        },
    }
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
