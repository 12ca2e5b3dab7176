//! K901 unused-suppression: a `# keelson-ignore` comment that suppresses nothing.
//!
//! The engine reports these after every other rule has run (it alone knows which suppressions
//! were used); this file only declares the rule.

use crate::diagnostic::{Category, Severity};
use crate::rule::{Check, RuleSpec, BOTH};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::BestPractice,
    severity: Severity::Warning,
    enabled_by_default: true,
    file_kinds: BOTH,
    peers: &[],
    fixable: false,
};

pub(crate) struct UnusedSuppression;
pub(crate) static RULE: UnusedSuppression = UnusedSuppression;

impl Check for UnusedSuppression {}
