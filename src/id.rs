//! Identifiers: the permalink-bearing names of articles, claims, events and entities.
//!
//! An id is part of a public URL and of every anchor derived from it, so it is
//! restricted to a vocabulary that is safe in a path segment, a fragment and a
//! file name on every platform: lower-case ASCII letters, digits and single
//! hyphens between them.

use std::borrow::Borrow;
use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use indexmap::IndexMap;
use rayon::prelude::*;
use rustc_hash::FxBuildHasher;
use serde::Serialize;

/// The longest id accepted; long enough for a descriptive slug, short enough
/// for every file system's name limit once prefixes are added.
pub const MAX_ID_LEN: usize = 100;

/// A validated identifier (`[a-z0-9]+(-[a-z0-9]+)*`). Shared, not
/// copied: every relation between items holds the ids of both ends, and a
/// dossier holds hundreds of thousands of relations.
#[derive(Debug, Clone, Eq)]
pub struct Id(Arc<str>);

/// Two ids are equal when they share their text, or else when their texts
/// are equal: most ids compared are copies of one another (an item's id
/// and every relation to it, and `serve`'s loads copy each other's), and
/// the standard library looks at the address only for sized values.
impl PartialEq for Id {
    fn eq(&self, other: &Id) -> bool {
        crate::shared::same(&self.0, &other.0)
    }
}

/// By the text, which two equal ids share.
impl Hash for Id {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.hash(state);
    }
}

/// In the order of their texts, as [`PartialEq`] compares them.
impl Ord for Id {
    fn cmp(&self, other: &Id) -> Ordering {
        if Arc::ptr_eq(&self.0, &other.0) {
            return Ordering::Equal;
        }
        self.0.cmp(&other.0)
    }
}

impl PartialOrd for Id {
    fn partial_cmp(&self, other: &Id) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Why a string is not a valid id; shown to editors next to the offending value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// Nothing to name the page by.
    #[error("an id cannot be empty")]
    Empty,
    /// Would make an unwieldy URL or exceed file-name limits.
    #[error("an id can have at most {MAX_ID_LEN} characters")]
    TooLong,
    /// A character outside the id vocabulary.
    #[error(
        "`{0}` is not allowed in an id: use lower-case letters, digits and single hyphens (suggestion: `{1}`)"
    )]
    BadChar(char, String),
    /// Leading, trailing or doubled hyphens.
    #[error("hyphens may only separate letters and digits in an id (suggestion: `{0}`)")]
    BadHyphen(String),
    /// A name Windows reserves for a device, which cannot be a directory.
    #[error("`{0}` is reserved for a device on Windows and cannot name a page's folder")]
    Reserved(String),
    /// `page`, the folder of a long list's later pages (`/claims/page/2/`).
    #[error("`page` is reserved for the numbered pages of long lists (`/claims/page/2/`)")]
    Paging,
}

/// The folder under a section that holds a long list's later pages.
pub const PAGING_DIR: &str = "page";

/// Names Windows reserves for devices: a folder cannot be called that.
const RESERVED_NAMES: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

impl Id {
    /// Validates `s` as an id.
    pub fn parse(s: &str) -> Result<Id, IdError> {
        if s.is_empty() {
            return Err(IdError::Empty);
        }
        if s.len() > MAX_ID_LEN {
            return Err(IdError::TooLong);
        }
        if let Some(c) = s
            .chars()
            .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
        {
            return Err(IdError::BadChar(c, slugify(s)));
        }
        if s.starts_with('-') || s.ends_with('-') || s.contains("--") {
            return Err(IdError::BadHyphen(slugify(s)));
        }
        if RESERVED_NAMES.contains(&s) {
            return Err(IdError::Reserved(s.to_owned()));
        }
        if s == PAGING_DIR {
            return Err(IdError::Paging);
        }
        Ok(Id(Arc::from(s)))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Maps keyed by id can be searched with a plain `&str` (a URL's part, say)
/// without first validating it into an [`Id`]; an id compares, hashes and
/// orders exactly as its text does.
impl Borrow<str> for Id {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl Serialize for Id {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Turns free text into an id-shaped slug: ASCII letters and digits kept
/// (lower-cased), every other run of characters becomes one hyphen.
///
/// Used to suggest a valid id and to derive heading and paragraph anchors.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut push = |c: char| {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') && c != '\'' && c != '’' {
            slug.push('-');
        }
    };
    for c in text.chars() {
        match c {
            '’' => push(c),
            c if c.is_ascii() => push(c),
            // Any other script, spelt in Latin letters: "é" as "e", "外交" as
            // "wai jiao", so that an anchor is made of the text's own words.
            c => deunicode::deunicode_char(c)
                .unwrap_or(" ")
                .chars()
                .for_each(&mut push),
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

/// Hands out HTML ids that are unique within one page, by suffixing `-2`,
/// `-3`… to repeats, so two identical headings still get distinct anchors.
#[derive(Debug, Default)]
pub struct UniqueIds {
    taken: HashSet<String>,
    /// The next suffix to try for each base, so that many repeats of one
    /// base (a thousand identical paragraphs) cost linear, not quadratic, time.
    next: HashMap<String, usize>,
}

impl UniqueIds {
    /// A set that already holds `reserved`, ids the page template uses itself.
    pub fn with_reserved(reserved: &[&str]) -> UniqueIds {
        UniqueIds {
            taken: reserved.iter().map(|s| (*s).to_owned()).collect(),
            next: HashMap::new(),
        }
    }

    /// Returns `base`, or `base-N` for the smallest N that is still free.
    pub fn claim(&mut self, base: &str) -> String {
        let mut candidate = base.to_owned();
        let n = self.next.entry(base.to_owned()).or_insert(2);
        while self.taken.contains(&candidate) {
            candidate = format!("{base}-{n}");
            *n += 1;
        }
        self.taken.insert(candidate.clone());
        candidate
    }
}

/// Values keyed by id, iterated in the order of their ids and looked up by
/// hash. Every output lists items in id order, so that it is the same from
/// one build to the next; but a page follows hundreds of links by id, and
/// a search through a sorted tree of 50,000 string keys compares a dozen
/// of them, each behind a pointer.
#[derive(Debug, Clone, PartialEq)]
pub struct IdMap<T>(IndexMap<Id, T, FxBuildHasher>);

impl<T> IdMap<T> {
    /// The value under `id`.
    pub fn get<Q>(&self, id: &Q) -> Option<&T>
    where
        Q: ?Sized + Hash + Eq,
        Id: Borrow<Q>,
    {
        self.0.get(id)
    }

    /// The id as the map holds it, and its value.
    pub fn get_key_value<Q>(&self, id: &Q) -> Option<(&Id, &T)>
    where
        Q: ?Sized + Hash + Eq,
        Id: Borrow<Q>,
    {
        self.0.get_key_value(id)
    }

    /// Where `id` comes in id order: a handle on its value that sorts,
    /// compares and hashes as a number.
    pub fn index_of<Q>(&self, id: &Q) -> Option<usize>
    where
        Q: ?Sized + Hash + Eq,
        Id: Borrow<Q>,
    {
        self.0.get_index_of(id)
    }

    /// Where `id` comes in id order, and its value: for a caller that
    /// keeps something of its own for each value, by index.
    pub fn get_full<Q>(&self, id: &Q) -> Option<(usize, &T)>
    where
        Q: ?Sized + Hash + Eq,
        Id: Borrow<Q>,
    {
        self.0.get_full(id).map(|(index, _, value)| (index, value))
    }

    /// The id and value at `index` in id order.
    pub fn get_index(&self, index: usize) -> Option<(&Id, &T)> {
        self.0.get_index(index)
    }

    /// The value under `id`, to change it.
    pub fn get_mut<Q>(&mut self, id: &Q) -> Option<&mut T>
    where
        Q: ?Sized + Hash + Eq,
        Id: Borrow<Q>,
    {
        self.0.get_mut(id)
    }

    /// Whether there is a value under `id`.
    pub fn contains_key<Q>(&self, id: &Q) -> bool
    where
        Q: ?Sized + Hash + Eq,
        Id: Borrow<Q>,
    {
        self.0.contains_key(id)
    }

    /// Every id and its value, in id order.
    pub fn iter(&self) -> indexmap::map::Iter<'_, Id, T> {
        self.0.iter()
    }

    /// Every id, in order.
    pub fn keys(&self) -> indexmap::map::Keys<'_, Id, T> {
        self.0.keys()
    }

    /// Every value, in id order.
    pub fn values(&self) -> indexmap::map::Values<'_, Id, T> {
        self.0.values()
    }

    /// Every value, in id order, to change them.
    pub fn values_mut(&mut self) -> indexmap::map::ValuesMut<'_, Id, T> {
        self.0.values_mut()
    }

    /// Every value, to change them on the thread pool.
    pub fn par_values_mut(&mut self) -> indexmap::map::rayon::ParValuesMut<'_, Id, T>
    where
        T: Send,
    {
        self.0.par_values_mut()
    }

    /// How many values there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<T> Default for IdMap<T> {
    fn default() -> Self {
        IdMap(IndexMap::default())
    }
}

impl<T: Send> IdMap<T> {
    /// The items of `parts`, taken in order, keyed by `id` as
    /// [`FromIterator`] keys them, without building pairs of id and value
    /// or one vector of all the parts first: each item moves once, into
    /// the map. Resolving keys 50,000 claims of a few hundred bytes each,
    /// made file by file, and `serve` resolves after every edit.
    pub fn keyed(parts: Vec<Vec<T>>, id: impl Fn(&T) -> &Id) -> Self {
        let ids = parts
            .iter()
            .map(|part| part.iter().map(|item| id(item).clone()).collect())
            .collect();
        IdMap::from_parts(ids, parts)
    }

    /// The map of `ids[p][i]` to `values[p][i]`. The ids are sorted
    /// first, in parallel, and the values then moved once each into
    /// place; a later value under the same id replaces an earlier one.
    fn from_parts(ids: Vec<Vec<Id>>, values: Vec<Vec<T>>) -> Self {
        let mut order: Vec<(Id, (usize, usize))> = ids
            .into_iter()
            .enumerate()
            .flat_map(|(p, ids)| ids.into_iter().zip((0..).map(move |i| (p, i))))
            .collect();
        order.par_sort_unstable();
        // Made in place: an `Option` of the items kept here takes no more
        // room than the item.
        let mut values: Vec<Vec<Option<T>>> = values
            .into_iter()
            .map(|part| part.into_iter().map(Some).collect())
            .collect();
        let mut map = IndexMap::with_capacity_and_hasher(order.len(), FxBuildHasher);
        for (id, (p, i)) in order {
            let value = values[p][i].take().expect("each value taken once");
            map.insert(id, value);
        }
        IdMap(map)
    }
}

/// Collects values in any order; a later value under the same id replaces
/// an earlier one.
impl<T: Send> FromIterator<(Id, T)> for IdMap<T> {
    fn from_iter<I: IntoIterator<Item = (Id, T)>>(iter: I) -> Self {
        let (ids, values) = iter.into_iter().unzip();
        IdMap::from_parts(vec![ids], vec![values])
    }
}

impl<Q, T> std::ops::Index<&Q> for IdMap<T>
where
    Q: ?Sized + Hash + Eq,
    Id: Borrow<Q>,
{
    type Output = T;

    /// The value under `id`, which must be there.
    fn index(&self, id: &Q) -> &T {
        &self.0[id]
    }
}

impl<'m, T> IntoIterator for &'m IdMap<T> {
    type Item = (&'m Id, &'m T);
    type IntoIter = indexmap::map::Iter<'m, Id, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<'m, T: Sync> IntoParallelIterator for &'m IdMap<T> {
    type Item = (&'m Id, &'m T);
    type Iter = indexmap::map::rayon::ParIter<'m, Id, T>;

    fn into_par_iter(self) -> Self::Iter {
        self.0.par_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_compare_and_hash_by_text_whether_shared_or_not() {
        let a = Id::parse("claim-2").unwrap();
        let (shared, apart) = (a.clone(), Id::parse("claim-2").unwrap());
        let later = Id::parse("claim-3").unwrap();
        let hash = |id: &Id| std::hash::BuildHasher::hash_one(&FxBuildHasher, id);
        for same in [&shared, &apart] {
            assert_eq!(&a, same);
            assert_eq!(a.cmp(same), Ordering::Equal);
            assert_eq!(hash(&a), hash(same));
            assert_eq!(same.cmp(&later), Ordering::Less);
        }
        assert_ne!(a, later);
    }

    #[test]
    fn an_id_map_iterates_in_id_order_whatever_order_it_was_filled_in() {
        let id = |s: &str| Id::parse(s).unwrap();
        let map: IdMap<u32> = [(id("b"), 1), (id("c-2"), 2), (id("a"), 3), (id("b"), 4)]
            .into_iter()
            .collect();
        assert_eq!(
            map.keys().map(Id::as_str).collect::<Vec<_>>(),
            ["a", "b", "c-2"]
        );
        assert_eq!(map.values().copied().collect::<Vec<_>>(), [3, 4, 2]);
        let in_parallel: Vec<&str> = map.par_iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(in_parallel, ["a", "b", "c-2"]);
        assert_eq!(map["c-2"], 2);
        assert_eq!(map.index_of("b"), Some(1));
        assert_eq!(map.get_index(1), Some((&id("b"), &4)));
        assert_eq!(map.get("d"), None);
    }

    #[test]
    fn a_keyed_map_is_the_map_of_its_pairs() {
        let id = |s: &str| Id::parse(s).unwrap();
        let items = vec![(id("b"), 1), (id("c-2"), 2), (id("a"), 3), (id("b"), 4)];
        let parts = vec![items[..1].to_vec(), Vec::new(), items[1..].to_vec()];
        let keyed = IdMap::keyed(parts, |(id, _)| id);
        assert_eq!(
            keyed.values().map(|(_, n)| *n).collect::<Vec<_>>(),
            [3, 4, 2]
        );
        let collected: IdMap<(Id, u32)> = items.into_iter().map(|p| (p.0.clone(), p)).collect();
        assert_eq!(keyed, collected);
    }

    #[test]
    fn accepts_well_formed_ids() {
        assert_eq!(Id::parse("cncert-2014").unwrap().as_str(), "cncert-2014");
        assert!(Id::parse("a").is_ok());
    }

    #[test]
    fn rejects_malformed_ids_with_a_suggestion() {
        assert_eq!(Id::parse(""), Err(IdError::Empty));
        assert_eq!(
            Id::parse("Qin Gang"),
            Err(IdError::BadChar('Q', "qin-gang".into()))
        );
        assert!(matches!(Id::parse("../etc"), Err(IdError::BadChar('.', _))));
        assert!(matches!(Id::parse("a/b"), Err(IdError::BadChar('/', _))));
        assert_eq!(Id::parse("a--b"), Err(IdError::BadHyphen("a-b".into())));
        assert_eq!(Id::parse("-a"), Err(IdError::BadHyphen("a".into())));
        assert_eq!(Id::parse(&"a".repeat(101)), Err(IdError::TooLong));
        assert_eq!(Id::parse("nul"), Err(IdError::Reserved("nul".into())));
        assert!(Id::parse("con-edison").is_ok());
        assert_eq!(Id::parse("page"), Err(IdError::Paging));
        assert!(Id::parse("page-2").is_ok());
        assert!(matches!(Id::parse("a\0b"), Err(IdError::BadChar('\0', _))));
        assert!(matches!(Id::parse("a\\b"), Err(IdError::BadChar('\\', _))));
    }

    #[test]
    fn slugify_folds_punctuation_and_case() {
        assert_eq!(slugify("China’s “working group”!"), "chinas-working-group");
        assert_eq!(slugify("  2,077 servers "), "2-077-servers");
        assert_eq!(slugify("¿?"), "");
    }

    #[test]
    fn slugify_spells_other_scripts_in_latin_letters() {
        assert_eq!(slugify("L'Élysée a déclaré"), "lelysee-a-declare");
        assert_eq!(slugify("外交部发言人"), "wai-jiao-bu-fa-yan-ren");
        assert_eq!(slugify("Путин заявил"), "putin-zaiavil");
        assert_eq!(slugify("قال المتحدث"), "ql-lmthdth");
    }

    #[test]
    fn unique_ids_suffix_repeats() {
        let mut ids = UniqueIds::with_reserved(&["notes"]);
        assert_eq!(ids.claim("notes"), "notes-2");
        assert_eq!(ids.claim("intro"), "intro");
        assert_eq!(ids.claim("intro"), "intro-2");
        assert_eq!(ids.claim("intro-3"), "intro-3");
        assert_eq!(ids.claim("intro"), "intro-4");
    }
}
