//! Paths between the root and a node: JSON Pointers (to map schema errors back to spans) and
//! the key path of a node (for messages).

use super::tree::{NodeId, NodeKind, YamlFile};

/// One step of a node's path from its document root.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathSegment {
    /// The value of this key (the scalar text of the key; `""` for a non-scalar key).
    Key(String),
    /// This mapping key itself (the path ends at a key rather than at its value).
    KeyItself(String),
    /// The item at this index of a sequence.
    Index(usize),
}

impl YamlFile {
    /// The node a JSON Pointer (RFC 6901, e.g. `/services/web/ports/0`) designates, starting
    /// at `root`. Mapping steps use [`get`](Self::get), so merge keys apply; `~1` and `~0`
    /// are unescaped. The empty pointer is `root` itself.
    pub fn pointer(&self, root: NodeId, pointer: &str) -> Option<NodeId> {
        if pointer.is_empty() {
            return Some(root);
        }
        let mut node = root;
        for raw in pointer.strip_prefix('/')?.split('/') {
            let token = raw.replace("~1", "/").replace("~0", "~");
            let current = self.resolve(node);
            node = match self.kind(current) {
                NodeKind::Mapping(_) => self.get(current, &token)?,
                NodeKind::Sequence(items) => {
                    let index: usize = token.parse().ok()?;
                    *items.get(index)?
                }
                _ => return None,
            };
        }
        Some(node)
    }

    /// The steps from the document root to `id` through the tree as written (aliases are not
    /// followed backwards: a node inside an anchored mapping has the anchor's path).
    pub fn path_of(&self, id: NodeId) -> Vec<PathSegment> {
        let mut out = Vec::new();
        let mut child = id;
        // A node's parent always has a smaller id, so this terminates; the bound is a guard.
        for _ in 0..self.nodes.len() {
            let Some(parent) = self.node(child).parent else {
                break;
            };
            match self.kind(parent) {
                NodeKind::Mapping(entries) => {
                    if let Some(entry) = entries.iter().find(|e| e.value == child) {
                        let key = self.key_text(entry.key).unwrap_or("").to_owned();
                        out.push(PathSegment::Key(key));
                    } else if let Some(entry) = entries.iter().find(|e| e.key == child) {
                        let key = self.key_text(entry.key).unwrap_or("").to_owned();
                        out.push(PathSegment::KeyItself(key));
                    }
                }
                NodeKind::Sequence(items) => {
                    if let Some(index) = items.iter().position(|i| *i == child) {
                        out.push(PathSegment::Index(index));
                    }
                }
                _ => {}
            }
            child = parent;
        }
        out.reverse();
        out
    }

    /// [`path_of`](Self::path_of) rendered with dots and brackets: `services.web.ports[0]`.
    pub fn dotted_path(&self, id: NodeId) -> String {
        let mut out = String::new();
        for segment in self.path_of(id) {
            match segment {
                PathSegment::Key(key) | PathSegment::KeyItself(key) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(&key);
                }
                PathSegment::Index(index) => {
                    out.push('[');
                    out.push_str(&index.to_string());
                    out.push(']');
                }
            }
        }
        out
    }
}
