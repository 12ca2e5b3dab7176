//! A lossless Dockerfile parser that follows BuildKit's line-oriented algorithm.
//!
//! [`parse`] never fails: problems become [`ParseError`] records and the rest of the file is still
//! parsed. The result is a list of [`Item`]s whose spans partition the source (a UTF-8 BOM,
//! parser directives, comments, blank lines and instructions with their continuation lines and
//! heredoc bodies), so concatenating their texts gives back the input exactly.
//!
//! ```
//! use keelson_syntax::dockerfile::{parse, InstructionArgs};
//!
//! let df = parse("FROM alpine AS base\nRUN echo hi \\\n  && true\n");
//! assert!(df.errors.is_empty());
//! let run = df.instructions().nth(1).unwrap();
//! assert_eq!(run.args.as_str(), "echo hi   && true");
//! ```

mod access;
mod ast;
mod directives;
mod dump;
mod flags;
mod heredoc;
mod instruction;
mod json;
mod lines;
mod logical;
mod parser;
mod views;
mod words;

pub use ast::*;

/// Parses a Dockerfile. Never fails; see [`Dockerfile::errors`].
pub fn parse(source: &str) -> Dockerfile {
    parser::parse(source)
}
