//! The built-in rules: one file per rule, registered by `build.rs`.
//!
//! A rule file `kNNN_snake_name.rs` declares `pub(crate) const SPEC: RuleSpec` and
//! `pub(crate) static RULE: impl Check`; its documentation and cases live in
//! `rules/KNNN-kebab-name/` at the workspace root.

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));
