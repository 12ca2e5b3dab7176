//! File access for the model: the only way the model reads files other than the one being linted.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Reads files on behalf of the model (`.env`, `extends: {file}`, `include`, override files, the
/// Dockerfile a compose service builds).
pub trait FileSource: Send + Sync {
    /// The text of `path`, or an I/O error. Implementations may serve unsaved editor buffers.
    fn read_to_string(&self, path: &Path) -> io::Result<Arc<str>>;

    /// Whether `path` exists as a file.
    fn is_file(&self, path: &Path) -> bool {
        self.read_to_string(path).is_ok()
    }
}

/// Reads from the real file system.
#[derive(Clone, Copy, Debug, Default)]
pub struct OsFileSource;

impl FileSource for OsFileSource {
    fn read_to_string(&self, path: &Path) -> io::Result<Arc<str>> {
        std::fs::read_to_string(path).map(Arc::from)
    }

    fn is_file(&self, path: &Path) -> bool {
        path.is_file()
    }
}

/// An in-memory file tree, for tests and for callers that lint text without a file system.
#[derive(Clone, Debug, Default)]
pub struct MemoryFileSource {
    files: HashMap<PathBuf, Arc<str>>,
}

impl MemoryFileSource {
    /// An empty tree.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds or replaces a file.
    pub fn insert(&mut self, path: impl Into<PathBuf>, text: impl Into<Arc<str>>) {
        self.files.insert(path.into(), text.into());
    }
}

impl FileSource for MemoryFileSource {
    fn read_to_string(&self, path: &Path) -> io::Result<Arc<str>> {
        self.files
            .get(path)
            .cloned()
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no such file in memory"))
    }
}

/// A source that has no files at all: linting a lone string with nothing around it.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoFiles;

impl FileSource for NoFiles {
    fn read_to_string(&self, _path: &Path) -> io::Result<Arc<str>> {
        Err(io::Error::new(io::ErrorKind::NotFound, "no file access"))
    }
}
