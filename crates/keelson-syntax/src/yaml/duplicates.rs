//! Duplicate keys in mappings (compose-go rejects them; YAML forbids them).

use std::collections::HashMap;

use super::tree::{NodeId, NodeKind, YamlFile};
use crate::span::Span;

/// A key written twice in the same mapping.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DuplicateKey {
    /// The mapping holding both keys.
    pub mapping: NodeId,
    /// The first occurrence of the key.
    pub first: NodeId,
    /// A later occurrence (each later occurrence is reported against the first).
    pub duplicate: NodeId,
    /// Span of the first key.
    pub first_span: Span,
    /// Span of the later key.
    pub duplicate_span: Span,
    /// The key text.
    pub key: String,
}

impl YamlFile {
    /// Every duplicate key of every mapping, in source order of the duplicate. Keys compare by
    /// scalar value (`a`, `'a'` and `"a"` are the same key); `<<` merge keys count too.
    /// Merged keys are not duplicates (that is what merging is for).
    pub fn duplicate_keys(&self) -> Vec<DuplicateKey> {
        let mut out = Vec::new();
        let mut first_seen: HashMap<&str, NodeId> = HashMap::new();
        for mapping in self.node_ids() {
            let NodeKind::Mapping(entries) = self.kind(mapping) else {
                continue;
            };
            first_seen.clear();
            for entry in entries {
                let Some(text) = self.key_text(entry.key) else {
                    continue;
                };
                match first_seen.get(text) {
                    Some(&first) => out.push(DuplicateKey {
                        mapping,
                        first,
                        duplicate: entry.key,
                        first_span: self.span(first),
                        duplicate_span: self.span(entry.key),
                        key: text.to_owned(),
                    }),
                    None => {
                        first_seen.insert(text, entry.key);
                    }
                }
            }
        }
        out.sort_by_key(|d| d.duplicate_span.start);
        out
    }
}
