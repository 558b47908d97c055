//! Values that `serve`'s successive loads share while their files are
//! unchanged (texts, lists, paths, ids), and how to compare them.

use std::sync::Arc;

/// Whether two shared values are the same: one allocation, or equal
/// contents. The standard library's `Arc` looks at the address first only
/// for sized values; texts, lists and paths are not, and comparing two
/// loads' copies of them after every edit would read them whole.
pub fn same<T: ?Sized + PartialEq>(a: &Arc<T>, b: &Arc<T>) -> bool {
    Arc::ptr_eq(a, b) || a == b
}
