//! What resolving makes of one annotation file: the ids it defines, and
//! its claims, events and entities. Shared by resolving, which makes them,
//! and by what `serve` keeps of them between loads ([`super::reuse`]).

use crate::diagnostics::Diagnostics;
use crate::dossier::{Claim, Entity, Event};
use crate::id::Id;

/// The claims, events and entities of an annotation file, as resolved.
#[derive(Debug, Default, Clone)]
pub(super) struct Items {
    pub(super) claims: Vec<Claim>,
    pub(super) events: Vec<Event>,
    pub(super) entities: Vec<Entity>,
}

/// A file's items and the problems resolving them found.
pub(super) type FileItems = (Items, Diagnostics);

/// The ids a file defines, `None` where an id was invalid or a duplicate.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Defined {
    pub(super) claims: Vec<Option<Id>>,
    pub(super) events: Vec<Option<Id>>,
    pub(super) entities: Vec<Option<Id>>,
}
