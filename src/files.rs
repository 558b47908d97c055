//! Reading the dossier's files from disk, in one place: every source text
//! file is checked the same way before it is read (a directory, a FIFO or
//! a link out of the dossier is an error naming it, not a hang or a leak),
//! decoded the same way (UTF-8 without stray control characters), and
//! every I/O error carries the path it concerns.

use std::io;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, stray_control};
use crate::error::{Error, Result};

/// Whether a missing file is a mistake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Found by listing a directory or named by the dossier, so it must be
    /// readable (a dangling symbolic link is not).
    Required,
    /// May be absent, like `content/index.md`.
    Optional,
}

/// Reads the text file at `path` (relative to the dossier `root`):
/// `None` when it is optional and absent, and the problem, located in the
/// file where it can be, when it cannot be read as a source.
pub fn read_source(
    root: &Path,
    path: &Path,
    presence: Presence,
) -> Result<Option<String>, Box<Diagnostic>> {
    let full = root.join(path);
    if let Some(problem) = check_readable(root, path) {
        return Err(Box::new(problem));
    }
    match std::fs::read(&full) {
        Ok(bytes) => decode(path, bytes).map(Some),
        Err(e) if e.kind() == io::ErrorKind::NotFound && presence == Presence::Optional => Ok(None),
        Err(e) => Err(Box::new(Diagnostic::error(
            path,
            format!("cannot be read: {e}"),
        ))),
    }
}

/// The problem with the file at `path` (relative to the dossier `root`)
/// that stops it being read as a source, found before reading: a link
/// out of the dossier, a directory, or something that is not a regular
/// file. `None` too when there is no file.
pub fn check_readable(root: &Path, path: &Path) -> Option<Diagnostic> {
    let full = &root.join(path);
    let is_link = full
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink());
    if is_link && !inside(root, full) {
        return Some(outside_link(path));
    }
    let meta = std::fs::metadata(full).ok()?;
    if meta.is_dir() {
        Some(Diagnostic::error(
            path,
            "is a directory, but should be a file",
        ))
    } else {
        not_a_regular_file(path, full)
    }
}

/// A source file's bytes as text: UTF-8 without stray control
/// characters, or the error at the first place that is not.
fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, Box<Diagnostic>> {
    match String::from_utf8(bytes) {
        Ok(text) => match stray_control(path, &text) {
            Some(problem) => Err(Box::new(problem)),
            None => Ok(text),
        },
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            Err(Box::new(
                Diagnostic::error(path, "the file is not valid UTF-8; save it as UTF-8")
                    .at(&text, valid..valid + 1),
            ))
        }
    }
}

/// The error for a file at `full` (shown as `path`) that exists but is not
/// a regular file once links are followed: a FIFO would block a read for
/// ever, a device would stream without end.
pub fn not_a_regular_file(path: &Path, full: &Path) -> Option<Diagnostic> {
    let meta = std::fs::metadata(full).ok()?;
    (!meta.is_file() && !meta.is_dir()).then(|| {
        Diagnostic::error(
            path,
            "is not a regular file (a FIFO, a socket or a device); gloss reads only regular files",
        )
    })
}

/// Whether `path`, once every symbolic link is resolved, is inside `root`.
pub fn inside(root: &Path, path: &Path) -> bool {
    match (root.canonicalize(), path.canonicalize()) {
        (Ok(root), Ok(target)) => target.starts_with(root),
        _ => false,
    }
}

/// The error for a symbolic link that leads out of the dossier.
pub fn outside_link(path: &Path) -> Diagnostic {
    Diagnostic::error(
        path,
        "is a symbolic link to somewhere outside the dossier (or to nothing); it is not followed",
    )
}

/// The bytes of the file at `path`, or an error naming it.
pub fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|source| read_error(path, source))
}

/// The error for a failure to read `path`.
pub fn read_error(path: &Path, source: io::Error) -> Error {
    Error::Read {
        path: path.to_owned(),
        source,
    }
}

/// The error for a failure to write `path`.
pub fn write_error(path: &Path, source: io::Error) -> Error {
    Error::Write {
        path: path.to_owned(),
        source,
    }
}

/// Replaces the file at `path` in one step with what `write` writes: into
/// a file created afresh under a random name beside it (so a link or file
/// planted at any name cannot redirect the write), then renamed over
/// `path` (replacing a link there, not its target). A reader sees the old
/// file or the new one, never half of either; `keep` is called last and
/// may refuse (for a file that changed since it was read).
pub fn replace(
    path: &Path,
    write: impl FnOnce(&mut dyn io::Write) -> io::Result<()>,
    keep: impl FnOnce() -> Result<()>,
) -> Result<()> {
    let write_error = |source| write_error(path, source);
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map_or_else(Default::default, |n| n.to_string_lossy());
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix);
    // A committed file's permissions (less the umask), not a temporary
    // file's, which are private to their owner.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    let staging = builder.tempfile_in(dir).map_err(write_error)?;
    let mut out = io::BufWriter::new(staging);
    write(&mut out).map_err(write_error)?;
    let staging = out.into_inner().map_err(|e| write_error(e.into_error()))?;
    staging.as_file().sync_all().map_err(write_error)?;
    keep()?;
    staging
        .persist(path)
        .map(drop)
        .map_err(|e| write_error(e.error))
}

/// Every file below `dir` (none if it does not exist), named by its path
/// relative to `dir` with `/` separators, skipping hidden entries. A
/// symbolic link that leads out of the dossier at `root` is an error.
pub fn files_in(root: &Path, dir: &Path) -> Result<Vec<(String, PathBuf)>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    let walk = WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walk {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(dir).to_owned();
            let source = e
                .into_io_error()
                .unwrap_or_else(|| io::Error::other("file system loop"));
            read_error(&path, source)
        })?;
        let shown = entry.path().strip_prefix(root).unwrap_or(entry.path());
        if entry.path_is_symlink() && !inside(root, entry.path()) {
            return Err(Error::Content(vec![outside_link(shown)]));
        }
        if let Some(problem) = not_a_regular_file(shown, entry.path()) {
            return Err(Error::Content(vec![problem]));
        }
        if entry.file_type().is_file() || (entry.path_is_symlink() && entry.path().is_file()) {
            let relative = entry.path().strip_prefix(dir).expect("walked below dir");
            let name = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            files.push((name, entry.path().to_owned()));
        }
    }
    Ok(files)
}

/// Creates `path` (and its directory) with `text`, refusing to overwrite:
/// scaffolding never destroys an editor's work.
pub fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .and_then(|mut file| io::Write::write_all(&mut file, text.as_bytes()))
}
