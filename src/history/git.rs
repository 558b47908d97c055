//! Reading the history from the dossier's git repository with gix.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use gix::ObjectId;
use gix::bstr::ByteSlice;
use gix::diff::tree::recorder::Change as Entry;
use gix::prelude::FindExt;

use super::{
    CommitMarkers, History, Key, Layout, Published, Replay, Stamp, Unavailable, Uncommitted,
};
use crate::date::Moment;

/// Why the repository could not be read, for the build's warning.
fn unreadable(error: impl std::fmt::Display) -> Unavailable {
    Unavailable::Unreadable(error.to_string())
}

/// Replays every commit on `HEAD`'s first-parent line that changed the
/// content folder, oldest first (unless `last` read the same `HEAD`);
/// with [`Uncommitted::Note`], also compares the working copy with `HEAD`.
pub(super) fn read(
    root: &Path,
    layout: &Layout,
    uncommitted: Uncommitted,
    last: Option<&History>,
) -> Result<History, Unavailable> {
    let repo = gix::discover(root).map_err(|_| Unavailable::NotARepository)?;
    if repo.is_shallow().map_err(unreadable)? {
        return Err(Unavailable::Shallow);
    }
    let workdir = repo
        .workdir()
        .ok_or_else(|| unreadable("the repository has no working tree"))?;
    let content = dossier_path(root, workdir)?.join(&layout.content);
    let head = repo.head().map_err(unreadable)?;
    let head = match head.is_unborn() {
        true => None,
        false => Some(head.into_peeled_id().map_err(unreadable)?.detach()),
    };
    let name = head.map(|id| id.to_hex_with_len(12).to_string());
    let published = match (last, head) {
        (Some(last), _) if last.head.as_ref().ok() == Some(&name) => Arc::clone(&last.published),
        (_, Some(head)) => Arc::new(replay(&repo, head, &content, layout)?),
        (_, None) => Arc::default(),
    };
    let unpublished = match uncommitted {
        Uncommitted::Note => unpublished(&root.join(&layout.content), layout, &published),
        Uncommitted::Ignore => HashSet::new(),
    };
    Ok(History {
        head: Ok(name),
        published,
        unpublished,
    })
}

/// Where a commit shows in the repository holding `root` (see
/// [`super::commit_markers`]): its own folder, and its common folder's
/// `refs/` (the same repository's, unless `root` is a linked worktree).
pub(super) fn commit_markers(root: &Path) -> CommitMarkers {
    let Ok(repo) = gix::discover(root) else {
        return CommitMarkers::default();
    };
    let (own, common) = (repo.git_dir(), repo.common_dir());
    let mut folders = vec![own.to_owned()];
    if common != own {
        folders.push(common.to_owned());
    }
    CommitMarkers {
        folders,
        trees: vec![common.join("refs")],
    }
}

/// Replays the commits up to `head` that changed the folder `content`
/// (a path in the repository).
fn replay(
    repo: &gix::Repository,
    head: ObjectId,
    content: &Path,
    layout: &Layout,
) -> Result<Published, Unavailable> {
    let mut replay = Replay::default();
    let mut files = HashMap::new();
    let mut previous = None;
    for (id, stamp) in first_parents(repo, head)?.into_iter().rev() {
        let commit = repo.find_commit(id).map_err(unreadable)?;
        let tree = commit.tree().map_err(unreadable)?;
        let subtree = tree
            .lookup_entry_by_path(content)
            .map_err(unreadable)?
            .filter(|entry| entry.mode().is_tree())
            .map(|entry| entry.object_id());
        if subtree == previous {
            continue;
        }
        let changed = changed_files(repo, previous, subtree, &mut files)?;
        replay.commit(layout, &Arc::new(stamp), changed);
        previous = subtree;
    }
    Ok(Published {
        records: replay.records.into_iter().collect(),
        current: replay.current,
        files,
    })
}

/// The dossier root's path inside the working tree `workdir`.
fn dossier_path(root: &Path, workdir: &Path) -> Result<PathBuf, Unavailable> {
    let (root, workdir) = (
        root.canonicalize().map_err(unreadable)?,
        workdir.canonicalize().map_err(unreadable)?,
    );
    root.strip_prefix(&workdir)
        .map(Path::to_owned)
        .map_err(unreadable)
}

/// The commits from `head` back along first parents, newest first, each
/// with how pages cite it.
fn first_parents(
    repo: &gix::Repository,
    head: ObjectId,
) -> Result<Vec<(ObjectId, Stamp)>, Unavailable> {
    let mut commits = Vec::new();
    let mut next = Some(head);
    while let Some(id) = next {
        let commit = repo.find_commit(id).map_err(unreadable)?;
        let time = commit.time().map_err(unreadable)?;
        let message = commit.message().map_err(unreadable)?;
        let stamp = Stamp {
            commit: id.to_hex_with_len(12).to_string(),
            moment: Moment::from_epoch(time.seconds, time.offset),
            instant: time.seconds,
            subject: message.summary().to_str_lossy().into_owned(),
        };
        next = commit.parent_ids().next().map(|parent| parent.detach());
        commits.push((id, stamp));
    }
    Ok(commits)
}

/// The files (relative to the content folder) that differ between two
/// versions of it, with their new text (`None` if deleted); `files` is
/// kept up to date with each file's blob.
fn changed_files(
    repo: &gix::Repository,
    before: Option<ObjectId>,
    after: Option<ObjectId>,
    files: &mut HashMap<PathBuf, ObjectId>,
) -> Result<Vec<(PathBuf, Option<String>)>, Unavailable> {
    let (mut old, mut new) = (Vec::new(), Vec::new());
    let mut recorder = gix::diff::tree::Recorder::default();
    gix::diff::tree(
        tree(repo, before, &mut old)?,
        tree(repo, after, &mut new)?,
        gix::diff::tree::State::default(),
        &repo.objects,
        &mut recorder,
    )
    .map_err(unreadable)?;
    let mut changed = Vec::new();
    for entry in recorder.records {
        let (path, blob) = match entry {
            Entry::Addition {
                entry_mode,
                oid,
                path,
                ..
            }
            | Entry::Modification {
                entry_mode,
                oid,
                path,
                ..
            } => (path, entry_mode.is_blob().then_some(oid)),
            Entry::Deletion { path, .. } => (path, None),
        };
        let path = gix::path::from_bstr(path.as_bstr())
            .map_err(unreadable)?
            .into_owned();
        match blob {
            Some(oid) => {
                let data = repo.find_object(oid).map_err(unreadable)?.detach().data;
                files.insert(path.clone(), oid);
                changed.push((path, Some(String::from_utf8_lossy(&data).into_owned())));
            }
            None => {
                if files.remove(&path).is_some() {
                    changed.push((path, None));
                }
            }
        }
    }
    Ok(changed)
}

/// The entries of the tree `id` (read into `buffer`), or none.
fn tree<'b>(
    repo: &gix::Repository,
    id: Option<ObjectId>,
    buffer: &'b mut Vec<u8>,
) -> Result<gix::objs::TreeRefIter<'b>, Unavailable> {
    match id {
        Some(id) => repo.objects.find_tree_iter(&id, buffer).map_err(unreadable),
        None => Ok(gix::objs::TreeRefIter::from_bytes(&[], repo.object_hash())),
    }
}

/// The items whose working copy differs from `HEAD`'s: every file under
/// the content folder (`content`, on disk) whose bytes are not the blob
/// `HEAD` has is read again and its items compared with `HEAD`'s.
fn unpublished(content: &Path, layout: &Layout, head: &Published) -> HashSet<Key> {
    let mut unpublished = HashSet::new();
    for entry in walkdir::WalkDir::new(content).into_iter().flatten() {
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(path) = entry.path().strip_prefix(content) else {
            continue;
        };
        let Ok(bytes) = std::fs::read(entry.path()) else {
            continue;
        };
        let blob = gix::objs::compute_hash(gix::hash::Kind::Sha1, gix::objs::Kind::Blob, &bytes);
        if blob.is_ok_and(|blob| head.files.get(path) == Some(&blob)) {
            continue;
        }
        let text = String::from_utf8_lossy(&bytes);
        for (key, snapshot) in layout.items(path, &text).unwrap_or_default() {
            if head.current.get(&key).is_none_or(|now| **now != snapshot) {
                unpublished.insert(key);
            }
        }
    }
    unpublished
}
