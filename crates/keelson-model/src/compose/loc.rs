//! Locations of compose values: which file, which bytes.

use keelson_syntax::Span;

/// Index of a file in [`ComposeProject::files`](super::ComposeProject::files).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct FileIdx(pub u32);

impl FileIdx {
    /// The index as a `usize`, for indexing [`ComposeProject::files`](super::ComposeProject::files).
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A byte range in one of the project's files: the place a user must edit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Loc {
    /// The file the bytes belong to.
    pub file: FileIdx,
    /// The byte range in that file's text.
    pub span: Span,
}

impl Loc {
    /// A location from a file and a span.
    pub fn new(file: FileIdx, span: Span) -> Self {
        Loc { file, span }
    }

    /// The smallest location covering `self` and `other`, or `self` when they are in different
    /// files.
    pub fn cover(self, other: Loc) -> Loc {
        if self.file == other.file {
            Loc::new(self.file, self.span.cover(other.span))
        } else {
            self
        }
    }
}
