//! Rule selectors and the per-file rule selection they produce.

use crate::diagnostic::{Category, Severity};
use crate::registry::Registry;

use super::SelectionLayer;

/// Something that names a set of rules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selector {
    /// Every rule.
    All,
    /// Every rule of a category.
    Category(Category),
    /// Every rule whose code starts with this prefix (`K`, `K2`, `K20`).
    CodePrefix(String),
    /// One rule, by index in the registry (named by code or name).
    Rule(usize),
}

impl Selector {
    /// Parses `all`, a category, a code, a code prefix or a rule name.
    pub fn parse(text: &str, registry: &Registry) -> Result<Selector, String> {
        let t = text.trim();
        if t.eq_ignore_ascii_case("all") {
            return Ok(Selector::All);
        }
        if let Some(c) = Category::from_name(&t.to_ascii_lowercase()) {
            return Ok(Selector::Category(c));
        }
        if let Some(i) = registry.find(t) {
            return Ok(Selector::Rule(i));
        }
        let upper = t.to_ascii_uppercase();
        if upper.starts_with('K')
            && upper.len() <= 4
            && upper[1..].bytes().all(|b| b.is_ascii_digit())
            && registry.iter().any(|r| r.meta().code.starts_with(&upper))
        {
            return Ok(Selector::CodePrefix(upper));
        }
        Err(format!(
            "unknown rule selector `{t}` (expected a rule code like K201, a code prefix like K2, a rule name, a category or `all`)"
        ))
    }

    /// Whether the selector names rule `index`.
    pub fn matches(&self, index: usize, registry: &Registry) -> bool {
        let Some(rule) = registry.get(index) else {
            return false;
        };
        let meta = rule.meta();
        match self {
            Selector::All => true,
            Selector::Category(c) => meta.category == *c,
            Selector::CodePrefix(p) => meta.code.starts_with(p.as_str()),
            Selector::Rule(i) => *i == index,
        }
    }

    /// Orders selectors from broad to narrow so narrower severity settings win.
    pub(crate) fn specificity(&self) -> u8 {
        match self {
            Selector::All => 0,
            Selector::Category(_) => 1,
            Selector::CodePrefix(p) => 1 + p.len() as u8,
            Selector::Rule(_) => 9,
        }
    }
}

/// Which rules run on one file, and at what severity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleSelection {
    enabled: Vec<bool>,
    severity: Vec<Severity>,
    explicit_severity: Vec<bool>,
}

impl RuleSelection {
    /// The rules enabled by default, at their default severities.
    pub fn defaults(registry: &Registry) -> Self {
        RuleSelection {
            enabled: registry
                .iter()
                .map(|r| r.meta().enabled_by_default)
                .collect(),
            severity: registry.iter().map(|r| r.meta().default_severity).collect(),
            explicit_severity: vec![false; registry.len()],
        }
    }

    /// Applies one layer of select/extend-select/ignore/severity.
    pub fn apply(&mut self, layer: &SelectionLayer, registry: &Registry) {
        let n = self.enabled.len();
        if let Some(select) = &layer.select {
            for i in 0..n {
                self.enabled[i] = select.iter().any(|s| s.matches(i, registry));
            }
        }
        for i in 0..n {
            if layer.extend_select.iter().any(|s| s.matches(i, registry)) {
                self.enabled[i] = true;
            }
            if layer.ignore.iter().any(|s| s.matches(i, registry)) {
                self.enabled[i] = false;
            }
            for (s, level) in &layer.severity {
                if s.matches(i, registry) {
                    self.severity[i] = *level;
                    self.explicit_severity[i] = true;
                }
            }
        }
    }

    /// Whether rule `index` runs.
    pub fn is_enabled(&self, index: usize) -> bool {
        self.enabled.get(index).copied().unwrap_or(false)
    }

    /// The severity of rule `index`.
    pub fn severity(&self, index: usize) -> Severity {
        self.severity
            .get(index)
            .copied()
            .unwrap_or(Severity::Warning)
    }

    /// Whether configuration set the severity of rule `index` (it then beats a severity the
    /// rule chose for one finding).
    pub fn severity_is_configured(&self, index: usize) -> bool {
        self.explicit_severity.get(index).copied().unwrap_or(false)
    }

    /// Enables or disables rule `index`.
    pub fn set_enabled(&mut self, index: usize, enabled: bool) {
        if let Some(e) = self.enabled.get_mut(index) {
            *e = enabled;
        }
    }
}
