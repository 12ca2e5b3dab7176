//! Builds the [`YamlFile`] tree from granit-parser's event stream.
//!
//! granit-parser reports correct byte offsets, but a few event spans are not what diagnostics
//! want, so the builder adjusts them:
//!
//! - block collections: the start/end events are empty markers, so a collection's span is
//!   computed from its children (and, for block sequences, the `-` of the first item);
//! - block scalars: the event covers the content only (plus trailing blank lines), so the span
//!   is moved back to the `|`/`>` indicator and trimmed after the last content character;
//! - empty values: a `key:` with nothing after it is reported at the `:`; the span is moved just
//!   after the colon.

use std::collections::HashMap;

use granit_parser::{Event, Parser, ScanError, StructureStyle};

use super::tree::{
    Anchor, Comment, CommentPlacement, Document, Entry, Node, NodeId, NodeKind, ScalarStyle, Tag,
    YamlError, YamlErrorKind, YamlFile,
};
use crate::span::{floor_char_boundary, Span};

/// How many times the builder resumes after a syntax error before giving up on the rest.
const MAX_RECOVERIES: usize = 1_000;

/// Parses `source` into a [`YamlFile`]. See [`super::parse`].
pub(crate) fn build(source: &str) -> YamlFile {
    let options = granit_parser::options! {
        emit_unresolved_aliases: true,
        emit_anchor_events: true,
    };
    let mut parser = Parser::new_from_str_with_options(source, options);
    let mut builder = Builder::new(source);
    let mut recoveries = 0;
    loop {
        match parser.next_event() {
            None => break,
            Some(Ok((event, span))) => {
                let Some(range) = span.byte_range() else {
                    continue;
                };
                let tag_span = span
                    .tag_span()
                    .and_then(|t| t.byte_range())
                    .filter(|t| t.start <= t.end && t.end <= source.len());
                let end = range.end.clamp(range.start, source.len().max(range.start));
                builder.event(event, range.start.min(end), end, tag_span);
            }
            Some(Err(error)) => {
                builder.syntax_error(&error);
                recoveries += 1;
                if recoveries > MAX_RECOVERIES {
                    break;
                }
                match parser.proceed_next_document() {
                    Ok(true) => {}
                    Ok(false) => break,
                    Err(error) => {
                        builder.syntax_error(&error);
                        break;
                    }
                }
            }
        }
    }
    builder.finish()
}

/// A collection whose end event has not been seen yet.
struct Frame {
    id: NodeId,
    flow: bool,
    /// Where the start event was, used when the collection has no children.
    start: usize,
    children: Children,
}

enum Children {
    Mapping {
        entries: Vec<Entry>,
        pending_key: Option<NodeId>,
    },
    Sequence(Vec<NodeId>),
}

/// The document being read.
struct OpenDocument {
    start: usize,
    explicit: bool,
    root: Option<NodeId>,
}

struct Builder<'s> {
    src: &'s str,
    file: YamlFile,
    stack: Vec<Frame>,
    doc: Option<OpenDocument>,
    /// granit anchor id → the node that defines it.
    anchors: HashMap<usize, NodeId>,
    /// The node created by the latest node event, for the `Anchor` event that follows it.
    last_node: Option<NodeId>,
    /// End of the latest non-comment event, the lower bound when looking for a block scalar's
    /// indicator.
    last_end: usize,
}

impl<'s> Builder<'s> {
    fn new(src: &'s str) -> Self {
        Builder {
            src,
            file: YamlFile {
                has_bom: src.starts_with('\u{feff}'),
                ..YamlFile::default()
            },
            stack: Vec::new(),
            doc: None,
            anchors: HashMap::new(),
            last_node: None,
            last_end: 0,
        }
    }

    fn event(
        &mut self,
        event: Event<'_>,
        start: usize,
        end: usize,
        tag: Option<std::ops::Range<usize>>,
    ) {
        let is_comment = matches!(event, Event::Comment(..));
        match event {
            Event::StreamStart | Event::StreamEnd => {}
            Event::DocumentStart(explicit, _) => {
                self.close_document(None);
                self.doc = Some(OpenDocument {
                    start,
                    explicit,
                    root: None,
                });
            }
            Event::DocumentEnd => {
                let marker_end = (end > start).then_some(end);
                self.close_document(marker_end);
            }
            Event::Comment(text, placement) => {
                let placement = match placement {
                    granit_parser::Placement::Above => CommentPlacement::Above,
                    granit_parser::Placement::Right => CommentPlacement::Right,
                    granit_parser::Placement::Last => CommentPlacement::Last,
                    _ => CommentPlacement::Free,
                };
                self.file.comments.push(Comment {
                    span: Span::new(start, end),
                    text: text.into_owned(),
                    placement,
                });
            }
            Event::Anchor(anchor_id, name) => {
                if let Some(id) = self.last_node {
                    self.anchors.insert(anchor_id, id);
                    if let Some(node) = self.file.nodes.get_mut(id.index()) {
                        node.anchor = Some(Anchor {
                            name: name.into_owned(),
                            span: Span::new(start, end),
                        });
                    }
                }
            }
            Event::Alias(anchor_id) => {
                let target = self.anchors.get(&anchor_id).copied();
                let name = alias_name(self.src, start, end);
                self.leaf(
                    Span::new(start, end),
                    NodeKind::Alias { name, target },
                    None,
                );
            }
            Event::UnresolvedAlias(name) => {
                let name = name.into_owned();
                self.file.errors.push(YamlError {
                    span: Span::new(start, end),
                    message: format!("unknown alias `*{name}`: no anchor `&{name}` before it"),
                    kind: YamlErrorKind::UnknownAlias,
                });
                let kind = NodeKind::Alias { name, target: None };
                self.leaf(Span::new(start, end), kind, None);
            }
            Event::Scalar(value, style, _, tag_info) => {
                let tag = tag_info.map(|t| make_tag(self.src, &t, tag.clone()));
                let (span, kind) = self.scalar(value.into_owned(), style, start, end, tag.as_ref());
                self.leaf(span, kind, tag);
            }
            Event::SequenceStart(style, _, tag_info) => {
                let tag = tag_info.map(|t| make_tag(self.src, &t, tag.clone()));
                self.open(start, style, Children::Sequence(Vec::new()), tag);
            }
            Event::MappingStart(style, _, tag_info) => {
                let tag = tag_info.map(|t| make_tag(self.src, &t, tag.clone()));
                let children = Children::Mapping {
                    entries: Vec::new(),
                    pending_key: None,
                };
                self.open(start, style, children, tag);
            }
            Event::SequenceEnd | Event::MappingEnd => {
                self.close(Some(end));
            }
            _ => {}
        }
        if !is_comment {
            self.last_end = self.last_end.max(end);
        }
    }

    /// The span and kind of a scalar event.
    fn scalar(
        &self,
        value: String,
        style: granit_parser::ScalarStyle,
        start: usize,
        end: usize,
        tag: Option<&Tag>,
    ) -> (Span, NodeKind) {
        let style = match style {
            granit_parser::ScalarStyle::Plain => ScalarStyle::Plain,
            granit_parser::ScalarStyle::SingleQuoted => ScalarStyle::SingleQuoted,
            granit_parser::ScalarStyle::DoubleQuoted => ScalarStyle::DoubleQuoted,
            granit_parser::ScalarStyle::Literal => ScalarStyle::Literal,
            granit_parser::ScalarStyle::Folded => ScalarStyle::Folded,
        };
        if style == ScalarStyle::Plain && start == end {
            // An empty value. granit puts `key:` values at the colon; move past it.
            let mut at = start;
            if self.in_value_position() && self.src.as_bytes().get(at) == Some(&b':') {
                at += 1;
            }
            return (Span::empty(at), NodeKind::Empty);
        }
        let span = if style.is_block() {
            let lower = tag.map_or(self.last_end, |t| t.span.end().max(self.last_end));
            block_scalar_span(self.src, lower, start, end)
        } else {
            Span::new(start, end)
        };
        (span, NodeKind::Scalar { value, style })
    }

    /// Whether the next node completes a mapping entry (is a value, not a key).
    fn in_value_position(&self) -> bool {
        matches!(
            self.stack.last(),
            Some(Frame {
                children: Children::Mapping {
                    pending_key: Some(_),
                    ..
                },
                ..
            })
        )
    }

    fn push_node(&mut self, span: Span, kind: NodeKind, tag: Option<Tag>) -> NodeId {
        let id = NodeId(self.file.nodes.len() as u32);
        let parent = self.stack.last().map(|f| f.id);
        self.file.nodes.push(Node {
            span,
            kind,
            anchor: None,
            tag,
            parent,
        });
        self.attach(id);
        self.last_node = Some(id);
        id
    }

    fn leaf(&mut self, span: Span, kind: NodeKind, tag: Option<Tag>) {
        self.push_node(span, kind, tag);
    }

    /// Records `id` as the next child of the innermost open collection, or as the root.
    fn attach(&mut self, id: NodeId) {
        match self.stack.last_mut() {
            Some(frame) => match &mut frame.children {
                Children::Mapping {
                    entries,
                    pending_key,
                } => match pending_key.take() {
                    Some(key) => entries.push(Entry { key, value: id }),
                    None => *pending_key = Some(id),
                },
                Children::Sequence(items) => items.push(id),
            },
            None => {
                if self.doc.is_none() {
                    // Content without a document start event cannot happen with granit, but keep
                    // the tree consistent if it does.
                    let start = self
                        .file
                        .nodes
                        .get(id.index())
                        .map_or(0, |n| n.span.start());
                    self.doc = Some(OpenDocument {
                        start,
                        explicit: false,
                        root: None,
                    });
                }
                if let Some(doc) = &mut self.doc {
                    if doc.root.is_none() {
                        doc.root = Some(id);
                    }
                }
            }
        }
    }

    fn open(&mut self, start: usize, style: StructureStyle, children: Children, tag: Option<Tag>) {
        let flow = style == StructureStyle::Flow;
        let kind = match children {
            Children::Mapping { .. } => NodeKind::Mapping(Vec::new()),
            Children::Sequence(_) => NodeKind::Sequence(Vec::new()),
        };
        let id = self.push_node(Span::empty(start), kind, tag);
        self.stack.push(Frame {
            id,
            flow,
            start,
            children,
        });
    }

    /// Closes the innermost open collection. `end` is the end of the closing event (`}` or `]`
    /// for flow collections), or `None` when closing because of an error.
    fn close(&mut self, end: Option<usize>) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        let (kind, first, last) = match frame.children {
            Children::Mapping {
                mut entries,
                pending_key,
            } => {
                if let Some(key) = pending_key {
                    // Only happens when closing at an error: give the key an empty value.
                    let at = self.node_end(key);
                    let value = self.detached_empty(at, frame.id);
                    entries.push(Entry { key, value });
                }
                let first = entries.first().map(|e| e.key);
                let last = entries.last().map(|e| e.value);
                (NodeKind::Mapping(entries), first, last)
            }
            Children::Sequence(items) => {
                let first = items.first().copied();
                let last = items.last().copied();
                (NodeKind::Sequence(items), first, last)
            }
        };
        let is_sequence = matches!(kind, NodeKind::Sequence(_));
        let mut start = frame.start;
        let mut stop = frame.start;
        if frame.flow {
            // `{` / `[` … `}` / `]`; a flow pair (`[a: b]`) has empty markers instead.
            if let Some(node) = first {
                start = start.min(self.full_start(node));
            }
            if let Some(node) = last {
                stop = stop.max(self.node_end(node));
            }
            if let Some(end) = end {
                stop = stop.max(end);
            }
        } else {
            if let Some(node) = first {
                let item_start = self.full_start(node);
                start = if is_sequence {
                    dash_before(self.src, item_start, &self.file.comments).unwrap_or(item_start)
                } else {
                    // The start event sits at the first key, or at `?` for an explicit key.
                    item_start.min(frame.start)
                };
            }
            if let Some(node) = last {
                stop = self.node_end(node).max(start);
            }
        }
        if let Some(node) = self.file.nodes.get_mut(frame.id.index()) {
            node.span = Span::new(start, stop.max(start));
            node.kind = kind;
        }
    }

    /// Adds an empty node at `at` that is not attached to any collection (the caller places
    /// it).
    fn detached_empty(&mut self, at: usize, parent: NodeId) -> NodeId {
        let id = NodeId(self.file.nodes.len() as u32);
        self.file.nodes.push(Node {
            span: Span::empty(at),
            kind: NodeKind::Empty,
            anchor: None,
            tag: None,
            parent: Some(parent),
        });
        id
    }

    /// Where a node's text begins, including its anchor and tag.
    fn full_start(&self, id: NodeId) -> usize {
        let Some(node) = self.file.nodes.get(id.index()) else {
            return 0;
        };
        let mut start = node.span.start();
        if let Some(anchor) = &node.anchor {
            start = start.min(anchor.span.start());
        }
        if let Some(tag) = &node.tag {
            start = start.min(tag.span.start());
        }
        start
    }

    fn node_end(&self, id: NodeId) -> usize {
        let Some(node) = self.file.nodes.get(id.index()) else {
            return 0;
        };
        let mut end = node.span.end();
        // An empty value after `key: &a` or `key: !t` ends after its properties.
        if let Some(anchor) = &node.anchor {
            end = end.max(anchor.span.end());
        }
        if let Some(tag) = &node.tag {
            end = end.max(tag.span.end());
        }
        end
    }

    /// Ends the open document, closing whatever collections are still open.
    /// `marker_end` is the end of an explicit `...` marker.
    fn close_document(&mut self, marker_end: Option<usize>) {
        while !self.stack.is_empty() {
            self.close(None);
        }
        let Some(doc) = self.doc.take() else {
            return;
        };
        let root = match doc.root {
            Some(root) => root,
            None => {
                if !doc.explicit && marker_end.is_none() {
                    // Nothing was in this document (for example, the parser stopped at an
                    // error before the first node).
                    return;
                }
                let id = NodeId(self.file.nodes.len() as u32);
                let at = if doc.explicit {
                    (doc.start + 3).min(self.src.len())
                } else {
                    doc.start
                };
                self.file.nodes.push(Node {
                    span: Span::empty(at),
                    kind: NodeKind::Empty,
                    anchor: None,
                    tag: None,
                    parent: None,
                });
                id
            }
        };
        let root_start = self.full_start(root);
        let start = if doc.explicit { doc.start } else { root_start };
        let mut end = self.node_end(root).max(start);
        if let Some(marker_end) = marker_end {
            end = end.max(marker_end);
        }
        self.file.documents.push(Document {
            root,
            span: Span::new(start, end),
            explicit_start: doc.explicit,
        });
        self.anchors.clear();
    }

    fn syntax_error(&mut self, error: &ScanError) {
        let at = error
            .marker()
            .byte_offset()
            .unwrap_or(self.last_end)
            .min(self.src.len());
        let at = floor_char_boundary(self.src, at);
        self.file.errors.push(YamlError {
            span: error_span(self.src, at),
            message: error.info(),
            kind: YamlErrorKind::Syntax,
        });
        self.close_document(None);
        self.last_node = None;
    }

    fn finish(mut self) -> YamlFile {
        self.close_document(None);
        self.file.comments.sort_by_key(|c| c.span.start);
        self.file.errors.sort_by_key(|e| e.span.start);
        self.file
    }
}

/// The name of an alias whose token is `src[start..end]` (`*name`).
fn alias_name(src: &str, start: usize, end: usize) -> String {
    let text = src.get(start..end).unwrap_or("");
    text.strip_prefix('*').unwrap_or(text).to_owned()
}

fn make_tag(src: &str, tag: &granit_parser::Tag, range: Option<std::ops::Range<usize>>) -> Tag {
    let written = range.clone().and_then(|r| src.get(r));
    let name = written.map_or_else(|| tag.original(), str::to_owned);
    let resolved = if tag.handle() == "!" {
        format!("!{}", tag.suffix())
    } else {
        format!("{}{}", tag.handle(), tag.suffix())
    };
    let span = range.map_or(Span::default(), |r| Span::new(r.start, r.end));
    Tag {
        name,
        resolved,
        span,
    }
}

/// A one-character span at `at` (empty at a line break or the end of the text).
fn error_span(src: &str, at: usize) -> Span {
    match src.get(at..).and_then(|rest| rest.chars().next()) {
        Some(c) if c != '\n' && c != '\r' => Span::new(at, at + c.len_utf8()),
        _ => Span::empty(at),
    }
}

/// The span of a block scalar whose content event covers `start..end`: from the `|`/`>`
/// indicator (searched from `lower`) to the last non-blank content character.
fn block_scalar_span(src: &str, lower: usize, start: usize, end: usize) -> Span {
    let bytes = src.as_bytes();
    // The event starts at the content, or at the indicator when there is no content.
    let indicator = find_block_indicator(bytes, lower.min(start), start + 1);
    let Some(indicator) = indicator else {
        return Span::new(start, end);
    };
    // The header: indicator followed by indentation and chomping indicators.
    let mut header_end = indicator + 1;
    while matches!(bytes.get(header_end), Some(b'0'..=b'9' | b'+' | b'-')) {
        header_end += 1;
    }
    let mut stop = end.max(header_end);
    while stop > header_end && matches!(bytes.get(stop - 1), Some(b' ' | b'\t' | b'\r' | b'\n')) {
        stop -= 1;
    }
    // Content starts on a later line than the header: if nothing but the header line is left,
    // the scalar is empty and must not end inside a comment after the header.
    let header_line_only = bytes
        .get(header_end..stop)
        .is_none_or(|rest| !rest.contains(&b'\n'));
    if header_line_only {
        stop = header_end;
    }
    Span::new(indicator, stop)
}

/// Finds the `|` or `>` of a block scalar header in `from..to`, skipping `:`, `-`,
/// `?`, whitespace, anchors, tags and comments.
fn find_block_indicator(bytes: &[u8], from: usize, to: usize) -> Option<usize> {
    let mut i = from;
    while i < to {
        match bytes.get(i)? {
            b'|' | b'>' => return Some(i),
            b'#' => {
                while i < to && !matches!(bytes.get(i), Some(b'\n') | None) {
                    i += 1;
                }
            }
            b'&' | b'!' => {
                while i < to && !matches!(bytes.get(i), Some(b' ' | b'\t' | b'\r' | b'\n') | None) {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    None
}

/// The offset of the `-` indicator introducing a block sequence item that starts at `item`:
/// scans back over whitespace and comments.
fn dash_before(src: &str, item: usize, comments: &[Comment]) -> Option<usize> {
    let bytes = src.as_bytes();
    let mut i = item.min(bytes.len());
    while i > 0 {
        let prev = i - 1;
        match bytes.get(prev)? {
            b' ' | b'\t' | b'\r' | b'\n' => i = prev,
            b'-' if is_indicator_boundary(src, prev) => return Some(prev),
            _ => {
                // Inside a comment? Jump to its start.
                let after = comments.partition_point(|c| c.span.start() < i);
                let found = after
                    .checked_sub(1)
                    .and_then(|k| comments.get(k))
                    .filter(|c| c.span.end() >= i);
                match found {
                    Some(c) => i = c.span.start(),
                    None => return None,
                }
            }
        }
    }
    None
}

/// Whether the byte before `at` allows an indicator at `at`: start of text, a BOM or
/// whitespace.
fn is_indicator_boundary(src: &str, at: usize) -> bool {
    match src.get(..at) {
        Some(before) => {
            before.is_empty() || before.ends_with([' ', '\t', '\n']) || before == "\u{feff}"
        }
        None => false,
    }
}
