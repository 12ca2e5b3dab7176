//! Logical text: a string assembled from pieces of the source, with a map back to the source.
//!
//! BuildKit joins continuation lines and drops embedded comment lines before it splits an
//! instruction into words. [`LogicalText`] holds that joined text and remembers where every piece
//! came from, so an offset in the logical text can be turned back into a byte offset in the file.
//! Slices share the buffer of the text they come from, so slicing is cheap.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use crate::span::Span;

/// Text assembled from source pieces, with the source offset of each piece.
#[derive(Clone)]
pub struct LogicalText {
    /// The whole buffer this text is a slice of.
    buf: Arc<str>,
    /// The pieces of the whole buffer.
    pieces: Pieces,
    /// This text's range in `buf`.
    start: u32,
    end: u32,
    /// Source offset reported for an empty text.
    origin: u32,
}

#[derive(Clone)]
enum Pieces {
    None,
    One(Piece),
    Many(Arc<[Piece]>),
}

/// A piece starts at `logical` in the buffer and at `source` in the file, and runs
/// (contiguously in both) until the next piece starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Piece {
    logical: u32,
    source: u32,
}

/// Builds a [`LogicalText`] piece by piece.
pub(crate) struct LogicalTextBuilder {
    text: String,
    pieces: Vec<Piece>,
    origin: u32,
}

impl LogicalTextBuilder {
    /// An empty builder whose text, if it stays empty, is located at `origin`.
    pub(crate) fn new(origin: usize) -> Self {
        LogicalTextBuilder {
            text: String::new(),
            pieces: Vec::new(),
            origin: origin as u32,
        }
    }

    /// Empties the builder so its buffers can be reused for another text at `origin`.
    pub(crate) fn reset(&mut self, origin: usize) {
        self.text.clear();
        self.pieces.clear();
        self.origin = origin as u32;
    }

    /// Appends `piece`, which starts at `source_offset` in the source.
    pub(crate) fn push(&mut self, piece: &str, source_offset: usize) {
        if piece.is_empty() {
            if self.text.is_empty() {
                self.origin = source_offset as u32;
            }
            return;
        }
        let logical = self.text.len() as u32;
        let source = source_offset as u32;
        let contiguous = self
            .pieces
            .last()
            .is_some_and(|last| last.source + (logical - last.logical) == source);
        if !contiguous {
            self.pieces.push(Piece { logical, source });
        }
        self.text.push_str(piece);
    }

    /// The finished text (the builder keeps its buffers for reuse).
    pub(crate) fn build(&self) -> LogicalText {
        let pieces = match self.pieces.as_slice() {
            [] => Pieces::None,
            [one] => Pieces::One(*one),
            many => Pieces::Many(many.into()),
        };
        LogicalText {
            buf: self.text.as_str().into(),
            pieces,
            start: 0,
            end: self.text.len() as u32,
            origin: self.origin,
        }
    }
}

impl Default for LogicalText {
    fn default() -> Self {
        LogicalText::empty(0)
    }
}

impl fmt::Debug for LogicalText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}@{:?}", self.as_str(), self.span())
    }
}

impl PartialEq for LogicalText {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
            && self.span() == other.span()
            && self.pieces().eq(other.pieces())
    }
}

impl Eq for LogicalText {}

impl LogicalText {
    /// An empty text located at `source_offset`.
    pub fn empty(source_offset: usize) -> Self {
        LogicalTextBuilder::new(source_offset).build()
    }

    /// A text that is one contiguous slice of the source starting at `source_offset`.
    pub fn contiguous(text: &str, source_offset: usize) -> Self {
        let mut b = LogicalTextBuilder::new(source_offset);
        b.push(text, source_offset);
        b.build()
    }

    /// The logical text.
    pub fn as_str(&self) -> &str {
        self.buf
            .get(self.start as usize..self.end as usize)
            .unwrap_or("")
    }

    /// Length of the logical text in bytes.
    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    /// Whether the logical text is empty.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    fn all_pieces(&self) -> &[Piece] {
        match &self.pieces {
            Pieces::None => &[],
            Pieces::One(p) => std::slice::from_ref(p),
            Pieces::Many(v) => v,
        }
    }

    /// The source pieces: for each, its range in the logical text and its start in the source.
    pub fn pieces(&self) -> impl Iterator<Item = (Range<usize>, usize)> + '_ {
        let all = self.all_pieces();
        let (start, end) = (self.start as usize, self.end as usize);
        all.iter().enumerate().filter_map(move |(i, p)| {
            let p_start = p.logical as usize;
            let p_end = all
                .get(i + 1)
                .map_or(self.buf.len(), |n| n.logical as usize);
            let s = p_start.max(start);
            let e = p_end.min(end);
            (s < e).then(|| (s - start..e - start, p.source as usize + (s - p_start)))
        })
    }

    /// Clamps `logical` to the text and to a character boundary; returns a buffer offset.
    fn abs(&self, logical: usize) -> usize {
        let rel = crate::span::floor_char_boundary(self.as_str(), logical.min(self.len()));
        self.start as usize + rel
    }

    /// The piece covering buffer offset `abs`.
    fn piece_at(&self, abs: usize) -> Option<&Piece> {
        let all = self.all_pieces();
        let idx = all.partition_point(|p| p.logical as usize <= abs);
        idx.checked_sub(1).and_then(|i| all.get(i))
    }

    /// The source offset of the character at logical offset `logical` (use it for the start of a
    /// range). Past the end, it is the source offset just after the last character.
    pub fn source_offset(&self, logical: usize) -> usize {
        if self.is_empty() {
            return self.origin as usize;
        }
        let abs = self.abs(logical);
        if abs == self.end as usize {
            return self.source_end(self.len());
        }
        match self.piece_at(abs) {
            Some(p) => p.source as usize + (abs - p.logical as usize),
            None => self.origin as usize,
        }
    }

    /// The source offset just after the character that ends before logical offset `logical`
    /// (use it for the end of a range).
    pub fn source_end(&self, logical: usize) -> usize {
        let abs = self.abs(logical);
        if abs == self.start as usize {
            return self.source_offset(0);
        }
        match self.piece_at(abs - 1) {
            Some(p) => p.source as usize + (abs - p.logical as usize),
            None => self.origin as usize,
        }
    }

    /// The source span covering the logical range (continuations inside it included).
    pub fn source_span(&self, logical: Range<usize>) -> Span {
        let start = self.source_offset(logical.start);
        if logical.end <= logical.start {
            return Span::new(start, start);
        }
        let end = self.source_end(logical.end).max(start);
        Span::new(start, end)
    }

    /// The source span of the whole text.
    pub fn span(&self) -> Span {
        self.source_span(0..self.len())
    }

    /// The part of this text in the logical range, keeping its map to the source. The slice
    /// shares this text's buffer.
    pub fn slice(&self, logical: Range<usize>) -> LogicalText {
        let start = self.abs(logical.start);
        let end = self.abs(logical.end).max(start);
        let origin = self.source_offset(start - self.start as usize) as u32;
        LogicalText {
            buf: Arc::clone(&self.buf),
            pieces: self.pieces.clone(),
            start: start as u32,
            end: end as u32,
            origin,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests fail loudly on purpose.
mod tests {
    use super::*;

    fn two_pieces() -> LogicalText {
        // Source: "RUN a \\\n  b" — logical "RUN a   b"
        let mut b = LogicalTextBuilder::new(0);
        b.push("RUN a ", 0);
        b.push("  b", 8);
        b.build()
    }

    #[test]
    fn maps_offsets_across_pieces() {
        let t = two_pieces();
        assert_eq!(t.as_str(), "RUN a   b");
        assert_eq!(t.source_offset(0), 0);
        assert_eq!(t.source_offset(6), 8);
        assert_eq!(t.source_offset(8), 10);
        assert_eq!(t.source_offset(9), 11);
        assert_eq!(t.source_end(6), 6);
        assert_eq!(t.source_end(9), 11);
        assert_eq!(t.source_span(4..9), Span::new(4, 11));
        assert_eq!(t.span(), Span::new(0, 11));
    }

    #[test]
    fn slices_keep_the_map() {
        let t = two_pieces();
        let s = t.slice(4..9);
        assert_eq!(s.as_str(), "a   b");
        assert_eq!(s.source_offset(2), 8);
        assert_eq!(s.span(), Span::new(4, 11));
        assert_eq!(s.pieces().collect::<Vec<_>>(), vec![(0..2, 4), (2..5, 8)]);
        let e = t.slice(7..7);
        assert!(e.is_empty());
        assert_eq!(e.span(), Span::new(9, 9));
        let inner = s.slice(2..5);
        assert_eq!(inner.as_str(), "  b");
        assert_eq!(inner.span(), Span::new(8, 11));
        assert_eq!(inner, LogicalText::contiguous("  b", 8));
    }

    #[test]
    fn adjacent_pieces_merge() {
        let mut b = LogicalTextBuilder::new(0);
        b.push("ab", 3);
        b.push("cd", 5);
        let t = b.build();
        assert_eq!(t.pieces().count(), 1);
        assert_eq!(t.source_span(1..4), Span::new(4, 7));
    }

    #[test]
    fn out_of_range_offsets_are_clamped() {
        let t = LogicalText::contiguous("é", 10);
        assert_eq!(t.source_offset(1), 10);
        assert_eq!(t.source_offset(99), 12);
        assert_eq!(LogicalText::empty(7).source_span(0..3), Span::new(7, 7));
    }
}
