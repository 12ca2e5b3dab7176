//! Mapping lookups with YAML merge keys (`<<: *base`, `<<: [*a, *b]`) applied.
//!
//! The rules are those of the YAML 1.1 merge type, which compose follows:
//!
//! - only mappings are merged (other `<<` values are ignored);
//! - keys written in the mapping win over merged keys;
//! - in a list, earlier mappings win over later ones (and several `<<` entries are applied in
//!   source order, earlier first);
//! - merged mappings may themselves contain `<<`, applied recursively;
//! - among duplicate keys written in the same mapping, the last one wins (compose-go rejects
//!   duplicates; [`YamlFile::duplicate_keys`] reports them).
//!
//! Every node visited is charged to a [`Budget`], so a merge bomb stops with an
//! [`ExpansionError`].

use std::collections::HashSet;

use super::budget::{Budget, ExpansionError};
use super::tree::{Entry, NodeId, NodeKind, YamlFile};

/// One entry of a mapping after merge keys are applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MergedEntry {
    /// The key node (in the mapping itself, or in the merged mapping it came from).
    pub key: NodeId,
    /// The value node as written (may be an alias; accessors such as
    /// [`YamlFile::as_str`] resolve it).
    pub value: NodeId,
    /// For a merged entry: the node in the `<<` value of the mapping being read that brought
    /// it in (the alias `*base`, or an inline mapping). `None` for entries written in the
    /// mapping. Point diagnostics about merged values here, where the user wrote the merge.
    pub merged_via: Option<NodeId>,
}

impl MergedEntry {
    /// Whether the entry came from a merge key rather than being written in the mapping.
    pub fn is_merged(&self) -> bool {
        self.merged_via.is_some()
    }

    /// The raw entry (key and value).
    pub fn entry(&self) -> Entry {
        Entry {
            key: self.key,
            value: self.value,
        }
    }
}

impl YamlFile {
    /// The value of `key` in `mapping` with merge keys applied (aliases on `mapping` resolved;
    /// the returned value may be an alias, which accessors resolve). `None` when the key is
    /// absent, `mapping` is not a mapping, or expansion ran over the default [`Budget`].
    pub fn get(&self, mapping: NodeId, key: &str) -> Option<NodeId> {
        self.get_entry(mapping, key).map(|e| e.value)
    }

    /// Like [`get`](Self::get), but returns the whole entry (key node, and where it was merged
    /// from).
    pub fn get_entry(&self, mapping: NodeId, key: &str) -> Option<MergedEntry> {
        self.get_with(mapping, key, &mut Budget::default())
            .ok()
            .flatten()
    }

    /// [`get_entry`](Self::get_entry) charging `budget`; fails when the budget runs out.
    pub fn get_with(
        &self,
        mapping: NodeId,
        key: &str,
        budget: &mut Budget,
    ) -> Result<Option<MergedEntry>, ExpansionError> {
        let mut active = Vec::new();
        self.lookup(self.resolve(mapping), key, None, budget, &mut active)
    }

    /// The effective entries of `mapping` after merge keys are applied, with the default
    /// [`Budget`]: written entries first in source order (for duplicates, the last one at its
    /// position), then merged entries not shadowed, in merge order. `<<` entries themselves
    /// are not included. A non-mapping gives an empty list.
    pub fn entries(&self, mapping: NodeId) -> Result<Vec<MergedEntry>, ExpansionError> {
        self.entries_with(mapping, &mut Budget::default())
    }

    /// [`entries`](Self::entries) charging `budget`.
    pub fn entries_with(
        &self,
        mapping: NodeId,
        budget: &mut Budget,
    ) -> Result<Vec<MergedEntry>, ExpansionError> {
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        let mut active = Vec::new();
        self.collect(
            self.resolve(mapping),
            None,
            budget,
            &mut seen,
            &mut out,
            &mut active,
        )?;
        Ok(out)
    }

    /// The `<<` values that cannot be merged, for a diagnostic (compose-go rejects them): a
    /// value that is not a mapping, an alias to one or a sequence, and each sequence item that
    /// is not a mapping or an alias to one. Such values are ignored by [`get`](Self::get) and
    /// [`entries`](Self::entries). Empty `<<:` values are not reported.
    pub fn invalid_merges(&self) -> Vec<NodeId> {
        let mut out = Vec::new();
        for id in self.node_ids() {
            let NodeKind::Mapping(entries) = self.kind(id) else {
                continue;
            };
            for entry in entries.iter().filter(|e| self.is_merge_key(e.key)) {
                let is_mapping =
                    |n: NodeId| matches!(self.kind(self.resolve(n)), NodeKind::Mapping(_));
                match self.kind(self.resolve(entry.value)) {
                    NodeKind::Mapping(_) | NodeKind::Empty => {}
                    NodeKind::Sequence(items) => {
                        if matches!(self.kind(entry.value), NodeKind::Alias { .. }) {
                            // Point at the alias site, not into the anchored sequence.
                            if !items.iter().all(|i| is_mapping(*i)) {
                                out.push(entry.value);
                            }
                        } else {
                            out.extend(items.iter().filter(|i| !is_mapping(**i)));
                        }
                    }
                    _ => out.push(entry.value),
                }
            }
        }
        out
    }

    /// The mappings named by the value of a `<<` entry, in precedence order: the value itself
    /// (or the alias to it), or each item of a sequence. Non-mappings are skipped.
    fn merge_sources(&self, value: NodeId) -> Vec<NodeId> {
        let resolved = self.resolve(value);
        match &self.node(resolved).kind {
            NodeKind::Mapping(_) => vec![value],
            NodeKind::Sequence(items) => items
                .iter()
                .copied()
                .filter(|item| matches!(self.kind(self.resolve(*item)), NodeKind::Mapping(_)))
                .collect(),
            _ => Vec::new(),
        }
    }

    fn lookup(
        &self,
        mapping: NodeId,
        key: &str,
        via: Option<NodeId>,
        budget: &mut Budget,
        active: &mut Vec<NodeId>,
    ) -> Result<Option<MergedEntry>, ExpansionError> {
        let Some(entries) = self.as_mapping(mapping) else {
            return Ok(None);
        };
        let mut found = None;
        let mut has_merge = false;
        for entry in entries {
            budget.spend(self.span(entry.key))?;
            if self.is_merge_key(entry.key) {
                has_merge = true;
            } else if self.key_text(entry.key) == Some(key) {
                found = Some(*entry);
            }
        }
        if let Some(entry) = found {
            return Ok(Some(MergedEntry {
                key: entry.key,
                value: entry.value,
                merged_via: via,
            }));
        }
        if !has_merge {
            return Ok(None);
        }
        active.push(mapping);
        for entry in entries.iter().filter(|e| self.is_merge_key(e.key)) {
            for source in self.merge_sources(entry.value) {
                let target = self.resolve(source);
                let span = self.span(source);
                budget.spend(span)?;
                if active.contains(&target) {
                    continue;
                }
                budget.check_depth(active.len(), span)?;
                let result = self.lookup(target, key, via.or(Some(source)), budget, active)?;
                if result.is_some() {
                    active.pop();
                    return Ok(result);
                }
            }
        }
        active.pop();
        Ok(None)
    }

    fn collect<'a>(
        &'a self,
        mapping: NodeId,
        via: Option<NodeId>,
        budget: &mut Budget,
        seen: &mut HashSet<&'a str>,
        out: &mut Vec<MergedEntry>,
        active: &mut Vec<NodeId>,
    ) -> Result<(), ExpansionError> {
        let Some(entries) = self.as_mapping(mapping) else {
            return Ok(());
        };
        // Written entries, last duplicate wins: walk backwards, keep first sighting.
        let base = out.len();
        let mut has_merge = false;
        for entry in entries.iter().rev() {
            budget.spend(self.span(entry.key))?;
            if self.is_merge_key(entry.key) {
                has_merge = true;
                continue;
            }
            let keep = match self.key_text(entry.key) {
                Some(text) => seen.insert(text),
                None => true,
            };
            if keep {
                out.push(MergedEntry {
                    key: entry.key,
                    value: entry.value,
                    merged_via: via,
                });
            }
        }
        if let Some(written) = out.get_mut(base..) {
            written.reverse();
        }
        if !has_merge {
            return Ok(());
        }
        active.push(mapping);
        for entry in entries.iter().filter(|e| self.is_merge_key(e.key)) {
            for source in self.merge_sources(entry.value) {
                let target = self.resolve(source);
                let span = self.span(source);
                budget.spend(span)?;
                if active.contains(&target) {
                    continue;
                }
                budget.check_depth(active.len(), span)?;
                self.collect(target, via.or(Some(source)), budget, seen, out, active)?;
            }
        }
        active.pop();
        Ok(())
    }
}
