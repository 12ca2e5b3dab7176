//! A YAML tree that keeps the byte span of every key, value, anchor, tag and comment.
//!
//! [`parse`] turns a text into a [`YamlFile`]: an arena of [`Node`]s (ids are [`NodeId`]),
//! with mappings kept as lists of [`Entry`] so duplicate keys survive, aliases kept unexpanded,
//! and every comment recorded. Parsing never fails and never panics: the first syntax error of
//! a document is recorded in [`YamlFile::errors`] and the tree holds what was parsed before it.
//!
//! Reading the tree:
//!
//! - [`YamlFile::get`] / [`YamlFile::entries`] apply `<<` merge keys; [`YamlFile::resolve`]
//!   follows aliases, and the typed accessors ([`YamlFile::as_str`], [`YamlFile::as_mapping`],
//!   [`YamlFile::as_sequence`], [`YamlFile::as_bool`]) resolve aliases themselves;
//! - [`YamlFile::duplicate_keys`] lists keys written twice in one mapping;
//! - [`truthy`] is compose's boolean table (`yes`/`on` are true);
//! - [`YamlFile::to_value`] expands a node into an owned [`Value`];
//! - expansion is bounded by a [`Budget`], so alias bombs give an [`ExpansionError`];
//! - [`YamlFile::node_at`], [`YamlFile::next_node_after`] and [`YamlFile::comments_for`] relate
//!   offsets and comments to nodes;
//! - [`YamlFile::pointer`] maps a JSON Pointer (from a schema error) to a node, and
//!   [`YamlFile::dotted_path`] names a node (`services.web.ports[0]`).
//!
//! ```
//! use keelson_syntax::yaml;
//!
//! let src = "x-base: &base\n  privileged: yes\nservices:\n  web:\n    <<: *base\n    image: nginx\n";
//! let file = yaml::parse(src);
//! assert!(file.errors.is_empty());
//! let root = file.root().unwrap();
//! let services = file.get(root, "services").unwrap();
//! for service in file.entries(services).unwrap() {
//!     let name = file.as_str(service.key).unwrap();
//!     let privileged = file.get_entry(service.value, "privileged").unwrap();
//!     assert_eq!(file.as_bool(privileged.value), Some(true));
//!     // Point at the key of the service, and at the `*base` that merged the setting in.
//!     assert_eq!(file.span(service.key).text(src), name);
//!     assert_eq!(file.span(privileged.merged_via.unwrap()).text(src), "*base");
//! }
//! ```
//!
//! Module layout: `tree` (types), `build` (events → tree), `access` (accessors), `merge`
//! (merge keys), `duplicates`, `scalar` (booleans, core schema), `value` (owned values),
//! `budget`, `locate` (position lookups), `pointer` (paths).

mod access;
mod budget;
mod build;
mod duplicates;
mod locate;
mod merge;
mod pointer;
mod scalar;
mod tree;
mod value;

#[cfg(test)]
mod tests;

pub use budget::{Budget, ExpansionError, ExpansionLimit};
pub use duplicates::DuplicateKey;
pub use merge::MergedEntry;
pub use pointer::PathSegment;
pub use scalar::{core_schema_value, is_null_word, truthy};
pub use tree::{
    Anchor, Comment, CommentPlacement, Document, Entry, Node, NodeId, NodeKind, ScalarStyle, Tag,
    YamlError, YamlErrorKind, YamlFile,
};
pub use value::Value;

/// Parses `source` into a [`YamlFile`]. Never fails and never panics; problems are in
/// [`YamlFile::errors`].
pub fn parse(source: &str) -> YamlFile {
    build::build(source)
}
