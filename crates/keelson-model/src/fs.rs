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

/// `path` with `.` components removed and `..` applied lexically (no file system access).
pub fn normalize_path(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                let last_is_normal =
                    matches!(out.components().next_back(), Some(Component::Normal(_)));
                if last_is_normal {
                    out.pop();
                } else if !matches!(out.components().next_back(), Some(Component::RootDir)) {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

#[cfg(test)]
mod path_tests {
    use std::path::Path;

    use super::normalize_path;

    #[test]
    fn normalizes() {
        assert_eq!(normalize_path(Path::new("/a/./b/../c")), Path::new("/a/c"));
        assert_eq!(
            normalize_path(Path::new("/app/./data/../web/")),
            Path::new("/app/web")
        );
        assert_eq!(normalize_path(Path::new("../x")), Path::new("../x"));
        assert_eq!(normalize_path(Path::new("/..")), Path::new("/"));
    }

    #[test]
    fn keeps_every_leading_parent() {
        assert_eq!(normalize_path(Path::new("../../x")), Path::new("../../x"));
        assert_eq!(
            normalize_path(Path::new("../p/../../x")),
            Path::new("../../x")
        );
    }
}
