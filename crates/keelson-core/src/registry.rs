//! The set of rules a linter runs: the built-in ones plus any an embedding program registers.

use std::sync::Arc;

use crate::rule::Rule;

/// An ordered set of rules. Rule indices are positions in this set.
#[derive(Clone)]
pub struct Registry {
    rules: Vec<Arc<dyn Rule>>,
}

impl std::fmt::Debug for Registry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.rules.iter().map(|r| r.meta().code))
            .finish()
    }
}

impl Default for Registry {
    fn default() -> Self {
        Registry::builtin()
    }
}

impl Registry {
    /// The built-in rules, in code order.
    pub fn builtin() -> Self {
        Registry {
            rules: crate::rules::builtin_rules()
                .into_iter()
                .map(|r| Arc::new(r) as Arc<dyn Rule>)
                .collect(),
        }
    }

    /// A registry with no rules at all.
    pub fn empty() -> Self {
        Registry { rules: Vec::new() }
    }

    /// Adds a rule. Its code and name must not clash with a registered rule's.
    pub fn register(&mut self, rule: Arc<dyn Rule>) -> Result<(), String> {
        let meta = rule.meta();
        if self.find(meta.code).is_some() || self.find(meta.name).is_some() {
            return Err(format!(
                "a rule with code {} or name {} is already registered",
                meta.code, meta.name
            ));
        }
        self.rules.push(rule);
        Ok(())
    }

    /// The rule at `index`.
    pub fn get(&self, index: usize) -> Option<&dyn Rule> {
        self.rules.get(index).map(|r| r.as_ref())
    }

    /// The index of the rule with this code (any case) or name.
    pub fn find(&self, code_or_name: &str) -> Option<usize> {
        let key = code_or_name.trim();
        self.rules.iter().position(|r| {
            let m = r.meta();
            m.code.eq_ignore_ascii_case(key) || m.name == key
        })
    }

    /// Every rule, in order.
    pub fn iter(&self) -> impl Iterator<Item = &dyn Rule> {
        self.rules.iter().map(|r| r.as_ref())
    }

    /// Number of rules.
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// Whether there are no rules.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_code_matches_its_category_digit() {
        for rule in Registry::builtin().iter() {
            let m = rule.meta();
            let digit = m.code.as_bytes().get(1).map(|b| u32::from(b - b'0'));
            assert_eq!(
                digit,
                Some(m.category.code_digit()),
                "{} is in {}",
                m.code,
                m.category
            );
            assert_eq!(m.code.len(), 4, "{}", m.code);
        }
    }

    #[test]
    fn every_builtin_has_docs_with_the_four_sections() {
        for rule in Registry::builtin().iter() {
            let m = rule.meta();
            for section in ["## Why", "## Example", "## Fix"] {
                assert!(m.docs.contains(section), "{} docs lack `{section}`", m.code);
            }
            assert!(
                m.docs.starts_with(&format!("# {} {}", m.code, m.name)),
                "{} docs must start with `# {} {}`",
                m.code,
                m.code,
                m.name
            );
        }
    }
}
