//! The public data types of the YAML tree: an arena of [`Node`]s addressed by [`NodeId`].

use crate::span::Span;

/// Index of a node in [`YamlFile::nodes`].
///
/// Ids are only meaningful for the file that produced them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub u32);

impl NodeId {
    /// The id as a `usize` index into [`YamlFile::nodes`].
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A parsed YAML stream: every document, every comment and the first syntax error, if any.
///
/// Built by [`parse`](super::parse), which never fails. When the source has a syntax error the
/// tree holds everything parsed before it (open collections are closed at the error), and the
/// error is in [`errors`](Self::errors).
#[derive(Clone, Debug, Default)]
pub struct YamlFile {
    /// All nodes of all documents, in source order of their start (parents before children).
    pub nodes: Vec<Node>,
    /// The documents of the stream, in order. A file with only comments or whitespace has none.
    pub documents: Vec<Document>,
    /// Every comment in the source, in source order.
    pub comments: Vec<Comment>,
    /// Syntax errors and reference problems (unknown aliases), in source order.
    ///
    /// The parser stops at the first syntax error of a document and resumes at the next `---`
    /// (or `...`) at column 0, so there is at most one [`YamlErrorKind::Syntax`] error per
    /// document.
    pub errors: Vec<YamlError>,
    /// Whether the source started with a byte order mark (`U+FEFF`, 3 bytes). Spans are still
    /// offsets into the original text, BOM included.
    pub has_bom: bool,
}

/// One YAML document of a stream.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// The root node. A document with no content (`---` alone) has an [`NodeKind::Empty`] root.
    pub root: NodeId,
    /// From the `---` marker (or the root's start) to the end of the root or the `...` marker.
    pub span: Span,
    /// Whether the document started with an explicit `---` marker.
    pub explicit_start: bool,
}

/// A node of the tree: a scalar, a mapping, a sequence, an alias or an empty value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    /// The node's text. Scalars: the value including quotes; block scalars: from the `|`/`>`
    /// indicator to the end of the content; collections: from the first key, `-`, `{` or `[` to
    /// the end of the last child or the closing bracket; aliases: `*name`. Anchors and tags are
    /// not included (see [`anchor`](Self::anchor) and [`tag`](Self::tag)). Empty values have an
    /// empty span where the value would be.
    pub span: Span,
    /// What the node is.
    pub kind: NodeKind,
    /// The anchor defined on this node (`&name`), if any.
    pub anchor: Option<Anchor>,
    /// The tag written on this node (`!reset`, `!!str`, …), if any.
    pub tag: Option<Tag>,
    /// The collection holding this node (for a mapping key or value: the mapping), or `None` for
    /// a document root.
    pub parent: Option<NodeId>,
}

/// The kinds of [`Node`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NodeKind {
    /// A scalar, with escapes and folding already processed. A plain `null`, `~` or `true` is
    /// still a scalar: YAML 1.2 core-schema typing is left to consumers.
    Scalar {
        /// The scalar's value after escape processing, line folding and chomping.
        value: String,
        /// How the scalar was written.
        style: ScalarStyle,
    },
    /// A mapping. Entries are in source order and duplicate keys are kept; `<<` merge keys are
    /// kept as ordinary entries (see [`YamlFile::entries`] and [`YamlFile::get`] for merging).
    Mapping(Vec<Entry>),
    /// A sequence, items in source order.
    Sequence(Vec<NodeId>),
    /// An alias `*name`, not expanded.
    Alias {
        /// The anchor name, without `*`.
        name: String,
        /// The node carrying the most recent `&name` defined before this alias in the same
        /// document, or `None` when there is none (an error is recorded then).
        target: Option<NodeId>,
    },
    /// No value at all, as in `key:` or a `-` with nothing after it (and the root of an empty
    /// document). The span is empty and sits where the value would start.
    Empty,
}

/// One `key: value` pair of a mapping.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The key node (usually a scalar; may be any node, or [`NodeKind::Empty`] for `: value`).
    pub key: NodeId,
    /// The value node ([`NodeKind::Empty`] for `key:` with nothing after it).
    pub value: NodeId,
}

/// How a scalar was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ScalarStyle {
    /// Unquoted: `web`.
    Plain,
    /// `'web'`.
    SingleQuoted,
    /// `"web"`.
    DoubleQuoted,
    /// A literal block scalar: `|`.
    Literal,
    /// A folded block scalar: `>`.
    Folded,
}

impl ScalarStyle {
    /// Whether the scalar was quoted (single or double).
    pub fn is_quoted(self) -> bool {
        matches!(self, ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted)
    }

    /// Whether the scalar is a block scalar (`|` or `>`).
    pub fn is_block(self) -> bool {
        matches!(self, ScalarStyle::Literal | ScalarStyle::Folded)
    }
}

/// An anchor definition `&name` on a node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Anchor {
    /// The anchor name, without `&`.
    pub name: String,
    /// The span of `&name`.
    pub span: Span,
}

/// A tag written on a node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tag {
    /// The tag as written in the source, e.g. `!reset`, `!override`, `!!str`, `!<tag:x>`.
    pub name: String,
    /// The tag after `%TAG` resolution: handle prefix plus suffix, e.g. `!reset` or
    /// `tag:yaml.org,2002:str`.
    pub resolved: String,
    /// The span of the tag in the source.
    pub span: Span,
}

/// A `#` comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    /// From `#` to the end of the line (line break, including a CR, excluded).
    pub span: Span,
    /// The text after `#`, untrimmed, without the line break.
    pub text: String,
    /// Where the comment sits relative to YAML content (granit-parser's best-effort hint; for
    /// "is it on its own line" use `placement != CommentPlacement::Right`).
    pub placement: CommentPlacement,
}

/// Where a comment sits relative to YAML content.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CommentPlacement {
    /// On its own line, directly above the next token (no blank line between): it describes the
    /// node that follows. Use [`YamlFile::next_node_after`] or [`YamlFile::comments_for`] to relate
    /// it to nodes.
    Above,
    /// After content on the same line (`key: value # here`).
    Right,
    /// On its own line, separated from its neighbours by blank lines.
    Free,
    /// On its own line after the last YAML token of the stream.
    Last,
}

/// A problem found while reading the YAML text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlError {
    /// Where the problem is: for syntax errors an empty or short span at the exact byte where
    /// the parser gave up.
    pub span: Span,
    /// A human-readable message, without position (render the span instead).
    pub message: String,
    /// The category of the problem.
    pub kind: YamlErrorKind,
}

/// Categories of [`YamlError`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum YamlErrorKind {
    /// The text is not valid YAML; parsing stopped here and the tree holds what came before.
    Syntax,
    /// An alias `*name` with no `&name` before it in the same document.
    UnknownAlias,
}
