//! The semantic model shared by every keelson rule.
//!
//! - [`dockerfile`]: stages, resolved `ARG`/`ENV`, base image references, the effective `USER`.
//! - [`compose`]: the merged compose project (anchors, `extends`, `include`, override files,
//!   interpolation), each value still pointing at the source range a user must edit.
//! - [`image`]: image references (`registry/repository:tag@digest`).
//! - [`fs`]: the small file-access trait through which the model reads other files, so an editor
//!   can supply unsaved buffers and tests an in-memory tree.

pub mod compose;
pub mod dockerfile;
pub mod fs;
pub mod image;
