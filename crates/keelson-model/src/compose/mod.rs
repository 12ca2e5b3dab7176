//! The compose project model: what Compose would run, after every merge, with each value
//! pointing at the source a user must edit.
//!
//! Entry point: [`ComposeProject::load`]. It reads the compose file, the `.env` beside it, the
//! override file (`compose.override.yaml` beside `compose.yaml`, …), `extends.file`s and
//! `include`d projects through a [`FileSource`](crate::fs::FileSource), and returns:
//!
//! - [`ComposeProject::files`]: every file read; a [`Loc`] names one of them and a byte span;
//! - [`ComposeProject::services`]: [`ComposeService`]s with typed, located attributes;
//! - [`ComposeProject::issues`]: problems ([`ComposeIssue`]) such as duplicate keys, alias
//!   bombs, missing `${VAR:?}` variables, broken `extends`/`include`, wrong types.
//!
//! ```
//! use std::path::Path;
//! use keelson_model::compose::{ComposeOptions, ComposeProject, Truth};
//! use keelson_model::fs::MemoryFileSource;
//!
//! let mut files = MemoryFileSource::new();
//! files.insert("/app/.env", "TAG=1.2\n");
//! let src = "x-base: &base\n  privileged: yes\nservices:\n  web:\n    <<: *base\n    image: \"web:${TAG}\"\n";
//! let project = ComposeProject::load(
//!     Path::new("/app/compose.yaml"),
//!     src,
//!     &files,
//!     &ComposeOptions::default(),
//! );
//! assert!(project.issues.is_empty());
//! let web = project.service("web").unwrap();
//! assert_eq!(web.image.as_ref().unwrap().value, "web:1.2");
//! let privileged = web.privileged.as_ref().unwrap();
//! assert_eq!(privileged.value, Truth::True);
//! // "service `web` (line 4) gets `privileged: yes` from line 2, merged at line 5"
//! assert_eq!(project.line_col(web.key_loc).unwrap().line, 4);
//! assert_eq!(project.line_col(privileged.loc).unwrap().line, 2);
//! assert_eq!(project.line_col(privileged.via.unwrap()).unwrap().line, 5);
//! // A missing attribute: point at the service key.
//! assert!(web.read_only.is_none());
//! ```
//!
//! Modules:
//!
//! - [`interpolate`], [`dotenv`], [`env`](mod@env): variables and `${…}` substitution;
//! - [`value`] (built by the private `resolve`): the resolved value tree (anchors, aliases,
//!   `<<`, interpolation);
//! - [`project`] (with the private `merge`, `extends`, `include`): Compose's merge rules and the
//!   loader;
//! - [`service`], [`ports`], [`volumes`], [`keyvalue`], [`text`]: the typed service model;
//! - [`names`]: compose file names and content sniffing;
//! - [`loc`], [`issue`]: locations and problems.

pub mod dotenv;
pub mod env;
mod extends;
mod include;
pub mod interpolate;
pub mod issue;
pub mod keyvalue;
pub mod loc;
mod merge;
pub mod names;
pub mod ports;
pub mod project;
mod resolve;
pub mod service;
pub mod text;
pub mod value;
pub mod volumes;

pub use env::{Environment, ProjectEnv, VarOrigin};
pub use interpolate::{Interpolated, Outcome, VarRef};
pub use issue::{ComposeIssue, IssueKind};
pub use keyvalue::KeyValue;
pub use loc::{FileIdx, Loc};
pub use names::{is_compose_file_name, looks_like_compose};
pub use ports::{PortMapping, PortRange};
pub use project::{ComposeOptions, ComposeProject, FileRole, SourceFile};
pub use service::{
    BuildConfig, CommandLine, ComposeService, Device, EnvFileRef, ExtendsRef, FileRef, Healthcheck,
    Logging, NetworkRef, ResourceLimits,
};
pub use text::{Flag, Text};
pub use value::{MapEntry, MergeTag, Scalar, Truth, Value, ValueKind};
pub use volumes::{VolumeKind, VolumeMount};

#[cfg(test)]
mod corpus_tests;
#[cfg(test)]
mod tests;
