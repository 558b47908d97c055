//! The library's error type, and the exit code each kind of failure maps to.

use std::io;
use std::path::PathBuf;

use crate::diagnostics::Diagnostic;

/// Why a build or check did not complete.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The dossier has mistakes; every one found is listed (warnings included).
    #[error("the dossier has {} error(s)", .0.iter().filter(|d| d.is_error()).count())]
    Content(Vec<Diagnostic>),
    /// A file or directory could not be read.
    #[error("could not read `{}`", .path.display())]
    Read {
        /// What was being read.
        path: PathBuf,
        /// Why it failed.
        #[source]
        source: io::Error,
    },
    /// The output could not be written.
    #[error("could not write `{}`", .path.display())]
    Write {
        /// What was being written.
        path: PathBuf,
        /// Why it failed.
        #[source]
        source: io::Error,
    },
    /// A template failed to compile or render.
    #[error("template error while rendering {page}")]
    Template {
        /// The page (URL path) being rendered, or the template set being compiled.
        page: String,
        /// Tera's error, whose chain names the template and the cause.
        #[source]
        source: tera::Error,
    },
    /// Two files of the site would be written at one path: a file in
    /// `static/` takes the path of a page or export gloss generates.
    #[error("`{}` is written twice: a file in the static folder has the path of a page or file gloss generates; rename or remove it", .path.display())]
    Collision {
        /// The path in the site.
        path: PathBuf,
    },
    /// The preview server's address is taken, most often by another
    /// `gloss serve`.
    #[error("`{address}` is already in use (another `gloss serve`?); choose another port with `--port {}`, or `--port 0` for any free one", .address.port().wrapping_add(1))]
    AddressInUse {
        /// The address asked for.
        address: std::net::SocketAddr,
    },
    /// The destination is something gloss must not replace.
    #[error("refusing to write to `{}`: {reason}", .path.display())]
    UnsafeDestination {
        /// The requested destination.
        path: PathBuf,
        /// Why it is refused.
        reason: String,
    },
}

impl Error {
    /// The process exit code: 1 when the dossier's content is at fault
    /// (annotations, articles, config or templates), 2 when gloss could not
    /// run at all (I/O, a refused destination).
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Content(_) | Error::Template { .. } | Error::Collision { .. } => 1,
            Error::Read { .. }
            | Error::Write { .. }
            | Error::AddressInUse { .. }
            | Error::UnsafeDestination { .. } => 2,
        }
    }
}

/// Shorthand for results in this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
