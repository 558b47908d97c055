//! What resolving keeps for the next resolve of the same dossier, as
//! `serve` does after each edit: each annotation file's parse, the
//! passages anchoring found in it ([`passages::Kept`]) and its
//! resolution, so that only the files whose resolution can differ are
//! resolved again.
//!
//! A file's claims, events and entities, and the problems found in it,
//! follow from four things alone: its parse, the ids it defined, the
//! passages anchoring found for it, and every id the dossier defines
//! (which its references are checked against, and the nearest of which
//! an unknown one is told). While all four are as they were, the items
//! resolved last time are the ones resolving would give again, and a copy
//! of them is taken instead (linking adds to the copy, never to what is
//! kept).

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use super::items::{Defined, FileItems, Items};
use super::known::Known;
use super::passages::{self, FoundInFile};
use super::raw::{self, AnnotationFile, Parsed};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::shared::same;
use crate::source::SourceFile;

/// What resolving can reuse from the last resolve of the same dossier, so
/// that `serve` does not redo its costliest steps after every edit: each
/// annotation file's parse, kept while its text is unchanged; the
/// passages found for it, kept while its parse and the reports it quotes
/// are unchanged; and its resolved items, kept while what they follow
/// from is unchanged (see the module).
#[derive(Debug, Default)]
pub struct Cache {
    parsed: HashMap<Arc<Path>, KeptParse>,
    pub(super) anchored: passages::Kept,
    pub(super) resolved: Resolutions,
}

/// An annotation file's text, what it holds and the problems parsing it
/// found.
type KeptParse = (Arc<str>, Arc<AnnotationFile>, Vec<Diagnostic>);

/// Each file's parse, taken from `cache` while its text is unchanged;
/// the problems parsing found go to `diagnostics`.
pub(super) fn parse_files<'f>(
    files: &'f [SourceFile],
    diagnostics: &mut Diagnostics,
    cache: Option<&mut Cache>,
) -> Vec<Parsed<'f>> {
    let cached = |file: &SourceFile| {
        let (text, data, problems) = cache.as_ref()?.parsed.get(&file.path)?;
        same(text, &file.text).then(|| (data.clone(), problems.clone()))
    };
    let parsed: Vec<_> = files
        .par_iter()
        .map(|file| {
            let parsed = cached(file).unwrap_or_else(|| {
                let (data, problems) = raw::parse(file);
                (Arc::new(data), problems)
            });
            (file, parsed)
        })
        .collect();
    if let Some(cache) = cache {
        cache.parsed = parsed
            .iter()
            .map(|(file, (data, problems))| {
                let entry = (file.text.clone(), data.clone(), problems.clone());
                (file.path.clone(), entry)
            })
            .collect();
    }
    parsed
        .into_iter()
        .map(|(file, (data, problems))| {
            diagnostics.extend(problems);
            (file, data)
        })
        .collect()
}

/// Each annotation file's last resolution, and the ids it was checked
/// against.
#[derive(Debug, Default)]
pub(super) struct Resolutions {
    known: Known,
    files: HashMap<Arc<Path>, Resolution>,
}

/// One file's resolution and what it followed from.
#[derive(Debug)]
pub(super) struct Resolution {
    path: Arc<Path>,
    data: Arc<AnnotationFile>,
    ids: Defined,
    found: FoundInFile,
    items: Items,
    diagnostics: Diagnostics,
}

impl Resolution {
    /// A record of resolving `data` into `items`, for next time.
    pub(super) fn new(
        file: &SourceFile,
        data: &Arc<AnnotationFile>,
        ids: Defined,
        found: FoundInFile,
        (items, diagnostics): &FileItems,
    ) -> Self {
        Resolution {
            path: Arc::clone(&file.path),
            data: Arc::clone(data),
            ids,
            found,
            items: items.clone(),
            diagnostics: diagnostics.clone(),
        }
    }
}

impl Resolutions {
    /// The resolutions still valid against `known`, the ids the dossier
    /// now defines: none if any id, or where one is defined, changed.
    pub(super) fn valid_for(&self, known: &Known) -> Option<Reusable<'_>> {
        self.known.same_definitions(known).then_some(Reusable(self))
    }

    /// Keeps `fresh` (the files resolved anew) and the resolutions of the
    /// other files among `paths` (every annotation file the dossier now
    /// has), checked against `known`.
    pub(super) fn refresh<'p>(
        &mut self,
        known: Known,
        paths: impl Iterator<Item = &'p Arc<Path>>,
        fresh: impl Iterator<Item = Resolution>,
    ) {
        let mut files: HashMap<Arc<Path>, Resolution> = HashMap::new();
        for path in paths {
            if let Some(kept) = self.files.remove(path) {
                files.insert(Arc::clone(path), kept);
            }
        }
        files.extend(fresh.map(|resolution| (Arc::clone(&resolution.path), resolution)));
        *self = Resolutions { known, files };
    }
}

/// The resolutions that can stand in for resolving their files again.
#[derive(Clone, Copy)]
pub(super) struct Reusable<'r>(&'r Resolutions);

impl Reusable<'_> {
    /// A copy of the file's items and problems as resolved last time, if
    /// its parse, its ids and its passages are the same now.
    pub(super) fn items(
        self,
        path: &Path,
        data: &Arc<AnnotationFile>,
        ids: &Defined,
        found: &FoundInFile,
    ) -> Option<FileItems> {
        let kept = self.0.files.get(path)?;
        let same = Arc::ptr_eq(&kept.data, data) && kept.ids == *ids && kept.found == *found;
        same.then(|| (kept.items.clone(), kept.diagnostics.clone()))
    }
}
