//! Reading the tree: node lookup, alias resolution and typed views of nodes.

use super::scalar;
use super::tree::{Entry, Node, NodeId, NodeKind, ScalarStyle, Tag, YamlFile};
use crate::span::Span;

/// Returned by [`YamlFile::node`] for an id that does not belong to the file.
static MISSING: Node = Node {
    span: Span { start: 0, end: 0 },
    kind: NodeKind::Empty,
    anchor: None,
    tag: None,
    parent: None,
};

/// How many aliases [`YamlFile::resolve`] follows before giving up (aliases cannot point at
/// aliases in valid YAML, so one hop is normal).
const MAX_ALIAS_HOPS: usize = 16;

impl YamlFile {
    /// The node `id`. An id from another file that is out of range gives an empty node.
    pub fn node(&self, id: NodeId) -> &Node {
        self.nodes.get(id.index()).unwrap_or(&MISSING)
    }

    /// The node `id`, or `None` if the id is out of range.
    pub fn get_node(&self, id: NodeId) -> Option<&Node> {
        self.nodes.get(id.index())
    }

    /// The kind of node `id`.
    pub fn kind(&self, id: NodeId) -> &NodeKind {
        &self.node(id).kind
    }

    /// The span of node `id` (without its anchor and tag).
    pub fn span(&self, id: NodeId) -> Span {
        self.node(id).span
    }

    /// The span of node `id` including its anchor and tag, if they come before it.
    pub fn full_span(&self, id: NodeId) -> Span {
        let node = self.node(id);
        let mut span = node.span;
        if let Some(anchor) = &node.anchor {
            span = span.cover(anchor.span);
        }
        if let Some(tag) = &node.tag {
            span = span.cover(tag.span);
        }
        span
    }

    /// All node ids, in source order of their start (parents before children).
    pub fn node_ids(&self) -> impl Iterator<Item = NodeId> + '_ {
        (0..self.nodes.len()).map(|i| NodeId(i as u32))
    }

    /// The root of the first document, if there is a document.
    pub fn root(&self) -> Option<NodeId> {
        self.documents.first().map(|d| d.root)
    }

    /// Follows an alias to the node it refers to; any other node is returned as is. An alias
    /// without a target resolves to itself.
    pub fn resolve(&self, id: NodeId) -> NodeId {
        let mut current = id;
        for _ in 0..MAX_ALIAS_HOPS {
            match &self.node(current).kind {
                NodeKind::Alias {
                    target: Some(target),
                    ..
                } => current = *target,
                _ => return current,
            }
        }
        current
    }

    /// The tag written on node `id` (not followed through aliases: `!reset` applies where it
    /// is written).
    pub fn tag(&self, id: NodeId) -> Option<&Tag> {
        self.node(id).tag.as_ref()
    }

    /// The value and style of a scalar node (aliases resolved).
    pub fn scalar(&self, id: NodeId) -> Option<(&str, ScalarStyle)> {
        match &self.node(self.resolve(id)).kind {
            NodeKind::Scalar { value, style } => Some((value.as_str(), *style)),
            _ => None,
        }
    }

    /// The value of a scalar node (aliases resolved). Empty values, collections and
    /// unresolved aliases give `None`; a plain `null` or `~` gives `Some("null")`/`Some("~")`
    /// (use [`is_null`](Self::is_null) to test for YAML null).
    pub fn as_str(&self, id: NodeId) -> Option<&str> {
        self.scalar(id).map(|(value, _)| value)
    }

    /// A scalar read with compose's boolean table ([`truthy`](super::truthy)): `true`, `yes`,
    /// `on`, `y` (any case) are true; `false`, `no`, `off`, `n` are false.
    pub fn as_bool(&self, id: NodeId) -> Option<bool> {
        self.as_str(id).and_then(scalar::truthy)
    }

    /// The entries of a mapping node as written (aliases resolved; merge keys not applied, see
    /// [`entries`](Self::entries) for that).
    pub fn as_mapping(&self, id: NodeId) -> Option<&[Entry]> {
        match &self.node(self.resolve(id)).kind {
            NodeKind::Mapping(entries) => Some(entries),
            _ => None,
        }
    }

    /// The items of a sequence node (aliases resolved). Items may themselves be aliases.
    pub fn as_sequence(&self, id: NodeId) -> Option<&[NodeId]> {
        match &self.node(self.resolve(id)).kind {
            NodeKind::Sequence(items) => Some(items),
            _ => None,
        }
    }

    /// Whether the node is YAML null: an empty value, or an untagged plain `null`, `Null`,
    /// `NULL` or `~`, or anything tagged `!!null` (aliases resolved).
    pub fn is_null(&self, id: NodeId) -> bool {
        let node = self.node(self.resolve(id));
        if node
            .tag
            .as_ref()
            .is_some_and(|t| t.resolved == "tag:yaml.org,2002:null")
        {
            return true;
        }
        match &node.kind {
            NodeKind::Empty => true,
            NodeKind::Scalar {
                value,
                style: ScalarStyle::Plain,
            } => node.tag.is_none() && scalar::is_null_word(value),
            _ => false,
        }
    }

    /// Whether a node is a `<<` merge key: an untagged plain `<<` (or one tagged `!!merge`).
    pub fn is_merge_key(&self, key: NodeId) -> bool {
        let node = self.node(key);
        match &node.kind {
            NodeKind::Scalar {
                value,
                style: ScalarStyle::Plain,
            } if value == "<<" => node
                .tag
                .as_ref()
                .is_none_or(|t| t.resolved == "tag:yaml.org,2002:merge"),
            _ => false,
        }
    }

    /// The key text of a mapping key used for lookups and duplicate detection: the scalar
    /// value (aliases resolved), `None` for non-scalar or empty keys.
    pub(crate) fn key_text(&self, key: NodeId) -> Option<&str> {
        self.as_str(key)
    }

    /// The entry of the mapping that holds `id` as its key or value, with the mapping's id.
    pub fn entry_of(&self, id: NodeId) -> Option<(NodeId, Entry)> {
        let parent = self.node(id).parent?;
        match &self.node(parent).kind {
            NodeKind::Mapping(entries) => entries
                .iter()
                .find(|e| e.key == id || e.value == id)
                .map(|e| (parent, *e)),
            _ => None,
        }
    }

    /// The key of the mapping entry whose value is `value` (diagnostics point at keys).
    pub fn key_of(&self, value: NodeId) -> Option<NodeId> {
        self.entry_of(value)
            .and_then(|(_, e)| (e.value == value).then_some(e.key))
    }
}
