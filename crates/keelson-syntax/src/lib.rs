//! Lossless parsers for the files keelson lints.
//!
//! Everything here is a pure function of the text: no I/O, no configuration. Every node carries a
//! byte [`Span`] into the source, and parsing never fails: what cannot be read becomes an error
//! record with a position, and the rest of the file is still parsed.
//!
//! - [`dockerfile`]: a Dockerfile parser that follows BuildKit's line-oriented algorithm.
//! - [`yaml`]: a YAML tree that keeps the byte span of every key, value and comment.
//! - [`shell`]: a small shell word lexer used for `RUN` bodies and heredoc detection.
//! - [`span`]: byte spans and the [`LineIndex`] that turns them into lines and columns.

pub mod dockerfile;
pub mod shell;
pub mod span;
pub mod yaml;

pub use span::{LineCol, LineIndex, Span};
