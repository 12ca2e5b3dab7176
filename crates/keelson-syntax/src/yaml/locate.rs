//! Position-based lookups: the node at an offset, the node after a comment, and the comments
//! that belong to a node (for `# keelson-ignore` suppressions).

use super::tree::{Comment, CommentPlacement, NodeId, YamlFile};
use crate::span::LineIndex;

impl YamlFile {
    /// The innermost node whose span contains `offset` (an empty node matches its own
    /// offset). Keys are nodes too, so an offset inside `web:` gives the key `web`. Linear in
    /// the number of nodes.
    pub fn node_at(&self, offset: usize) -> Option<NodeId> {
        let mut best: Option<(usize, NodeId)> = None;
        for id in self.node_ids() {
            let span = self.span(id);
            let hit = span.contains(offset) || (span.is_empty() && span.start() == offset);
            if !hit {
                continue;
            }
            // Smaller spans are deeper; on a tie the later node (a child) wins.
            if best.is_none_or(|(len, _)| span.len() <= len) {
                best = Some((span.len(), id));
            }
        }
        best.map(|(_, id)| id)
    }

    /// The first node that starts (anchor and tag included) at or after `offset`; when several
    /// start at the same place (a mapping and its first key), the innermost. Use it to find the
    /// node a comment above it refers to: `next_node_after(comment.span.end())`.
    pub fn next_node_after(&self, offset: usize) -> Option<NodeId> {
        let mut best: Option<(usize, NodeId)> = None;
        for id in self.node_ids() {
            let start = self.full_span(id).start();
            if start < offset {
                continue;
            }
            if best.is_none_or(|(s, _)| start <= s) {
                best = Some((start, id));
            }
        }
        best.map(|(_, id)| id)
    }

    /// The comments that annotate node `id`: those on the line where it starts and the block
    /// of own-line comments directly above that line (no blank or content line between). For a
    /// mapping value, the line of its key is used, so both of these apply to `privileged`:
    ///
    /// ```yaml
    /// # keelson-ignore: K501
    /// privileged: true  # keelson-ignore: K502
    /// ```
    ///
    /// `index` must be the [`LineIndex`] of the same source.
    pub fn comments_for(&self, id: NodeId, index: &LineIndex) -> Vec<&Comment> {
        let anchor_node = self.key_of(id).unwrap_or(id);
        let line = index.line_of(self.full_span(anchor_node).start());
        let mut out = self.comments_on_line(line, index);
        let mut above = line;
        while above > 0 {
            above -= 1;
            let on_line = self.comments_on_line(above, index);
            match on_line.first() {
                Some(c) if c.placement != CommentPlacement::Right => out.push(c),
                _ => break,
            }
        }
        out.sort_by_key(|c| c.span.start);
        out
    }

    /// The comments that start on 0-based `line`.
    pub fn comments_on_line(&self, line: usize, index: &LineIndex) -> Vec<&Comment> {
        let start = index.line_start(line);
        let end = index.line_start(line + 1);
        let first = self.comments.partition_point(|c| c.span.start() < start);
        self.comments
            .get(first..)
            .unwrap_or(&[])
            .iter()
            .take_while(|c| c.span.start() < end)
            .collect()
    }
}
