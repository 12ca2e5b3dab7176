//! Owned, fully expanded values: aliases followed and merge keys applied, within a budget.

use super::budget::{Budget, ExpansionError};
use super::scalar::core_schema_value;
use super::tree::{NodeId, NodeKind, YamlFile};

/// A YAML value with aliases expanded and merge keys applied, typed with the YAML 1.2 core
/// schema (see [`core_schema_value`](super::core_schema_value)). Spans are not kept: use it for
/// whole-document checks such as schema validation, and the tree for diagnostics.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `null`, `~`, or an empty value.
    Null,
    /// `true` / `false` (only those spellings; `yes` is a string, see
    /// [`truthy`](super::truthy)).
    Bool(bool),
    /// An integer that fits in `i64`.
    Int(i64),
    /// A float (or an integer too large for `i64`).
    Float(f64),
    /// Any other scalar, and every quoted or block scalar.
    String(String),
    /// A sequence.
    Sequence(Vec<Value>),
    /// A mapping: effective entries (see [`YamlFile::entries`]) with keys as their scalar text
    /// (non-scalar keys become `""`).
    Mapping(Vec<(String, Value)>),
}

impl Value {
    /// The string, if this is a [`Value::String`].
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The value of `key`, if this is a mapping that has it.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Mapping(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

impl YamlFile {
    /// Expands node `id` into an owned [`Value`] with the default [`Budget`].
    pub fn to_value(&self, id: NodeId) -> Result<Value, ExpansionError> {
        self.to_value_with(id, &mut Budget::default())
    }

    /// [`to_value`](Self::to_value) charging `budget`. Fails when the budget's node or depth
    /// limit is hit (alias bombs, self-referencing aliases).
    pub fn to_value_with(&self, id: NodeId, budget: &mut Budget) -> Result<Value, ExpansionError> {
        self.value_at(id, 0, budget)
    }

    fn value_at(
        &self,
        id: NodeId,
        depth: usize,
        budget: &mut Budget,
    ) -> Result<Value, ExpansionError> {
        let span = self.span(id);
        budget.spend(span)?;
        budget.check_depth(depth, span)?;
        let resolved = self.resolve(id);
        let node = self.node(resolved);
        Ok(match &node.kind {
            NodeKind::Empty | NodeKind::Alias { .. } => Value::Null,
            NodeKind::Scalar { value, style } => {
                core_schema_value(value, *style, node.tag.as_ref())
            }
            NodeKind::Sequence(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    out.push(self.value_at(*item, depth + 1, budget)?);
                }
                Value::Sequence(out)
            }
            NodeKind::Mapping(_) => {
                let entries = self.entries_with(resolved, budget)?;
                let mut out = Vec::with_capacity(entries.len());
                for entry in entries {
                    let key = self.key_text(entry.key).unwrap_or("").to_owned();
                    out.push((key, self.value_at(entry.value, depth + 1, budget)?));
                }
                Value::Mapping(out)
            }
        })
    }
}
