//! The files of one lint run, with the line index of each.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use keelson_syntax::{LineCol, LineIndex, Span};

/// Index of a file in a [`SourceFiles`] table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u32);

/// One file's text, path and line index.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path as given (relative paths stay relative).
    pub path: Arc<PathBuf>,
    /// The full text.
    pub text: Arc<str>,
    /// Line starts of `text`.
    pub index: LineIndex,
}

impl SourceFile {
    /// A file from its path and text.
    pub fn new(path: impl Into<PathBuf>, text: impl Into<Arc<str>>) -> Self {
        let text = text.into();
        SourceFile {
            path: Arc::new(path.into()),
            index: LineIndex::new(&text),
            text,
        }
    }

    /// 1-based start and end positions of `span`.
    pub fn positions(&self, span: Span) -> (LineCol, LineCol) {
        (
            self.index.line_col(&self.text, span.start()),
            self.index.line_col(&self.text, span.end()),
        )
    }
}

/// The files a lint run read: the linted file first, then any file it pulled in.
#[derive(Clone, Debug, Default)]
pub struct SourceFiles {
    files: Vec<SourceFile>,
    /// Position of each path in `files`, so that adding and looking up stay O(1) when a CLI
    /// run gathers thousands of files into one table.
    by_path: HashMap<Arc<PathBuf>, u32>,
}

impl SourceFiles {
    /// An empty table.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a file (or returns the id it already has, matched by path).
    pub fn add(&mut self, file: SourceFile) -> FileId {
        if let Some(&i) = self.by_path.get(&file.path) {
            return FileId(i);
        }
        let id = self.files.len() as u32;
        self.by_path.insert(Arc::clone(&file.path), id);
        self.files.push(file);
        FileId(id)
    }

    /// The file with id `id`.
    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id.0 as usize)
    }

    /// The id of the file at `path`, if it was read.
    pub fn id_of(&self, path: &Path) -> Option<FileId> {
        self.by_path.get(&path.to_path_buf()).map(|&i| FileId(i))
    }

    /// Every file, in the order added.
    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(i as u32), f))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adding_a_path_twice_returns_the_first_id() {
        let mut files = SourceFiles::new();
        let a = files.add(SourceFile::new("a/Dockerfile", "FROM x\n"));
        let b = files.add(SourceFile::new("b/compose.yaml", "services: {}\n"));
        let again = files.add(SourceFile::new("a/Dockerfile", "ignored\n"));
        assert_eq!((a, b, again), (FileId(0), FileId(1), FileId(0)));
        assert_eq!(files.id_of(Path::new("b/compose.yaml")), Some(FileId(1)));
        assert_eq!(files.id_of(Path::new("c")), None);
        assert_eq!(files.get(again).map(|f| &*f.text), Some("FROM x\n"));
    }
}
