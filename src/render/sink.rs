//! Where rendered files go, each as soon as it is ready: a staging
//! directory for `build` (see [`crate::output`]), memory for `serve` and
//! tests.

use std::path::PathBuf;
use std::sync::Mutex;

use crate::error::Result;

/// One file of the finished site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output directory.
    pub path: PathBuf,
    /// Its bytes.
    pub contents: Vec<u8>,
}

/// Where rendered files go, each as soon as it is ready: a staging
/// directory for `build`, memory for `serve`. Called from many threads.
pub trait Sink: Sync {
    /// Takes one finished file.
    fn put(&self, file: OutputFile) -> Result<()>;

    /// Takes the file at `path` (relative to the output directory, and
    /// not a page) that `write` writes piece by piece: the largest exports
    /// run to hundreds of megabytes, which a sink that writes to disk need
    /// never hold whole. By default the pieces are collected and the file
    /// put.
    fn put_streamed(&self, path: PathBuf, write: Contents<'_>) -> Result<()> {
        let mut contents = Vec::new();
        write(&mut contents).expect("writing to memory cannot fail");
        self.put(OutputFile { path, contents })
    }
}

/// Writes a file's contents, for [`Sink::put_streamed`].
pub type Contents<'w> = &'w mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>;

/// Keeps every file in memory, for `serve` and for tests.
#[derive(Debug, Default)]
pub struct MemorySink {
    files: Mutex<Vec<OutputFile>>,
}

impl MemorySink {
    /// The files received, sorted by path.
    pub fn into_files(self) -> Vec<OutputFile> {
        let mut files = self.files.into_inner().unwrap_or_else(|e| e.into_inner());
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

impl Sink for MemorySink {
    fn put(&self, file: OutputFile) -> Result<()> {
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(file);
        Ok(())
    }
}
