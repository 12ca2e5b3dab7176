//! A node budget for operations that expand aliases and merge keys.
//!
//! The tree never expands aliases, so a "billion laughs" file is small in memory. Operations
//! that do expand (merged entries, [`to_value`](super::YamlFile::to_value)) charge one unit per
//! node they visit to a [`Budget`] and stop with an [`ExpansionError`] when it runs out or when
//! alias nesting gets too deep, so such files give a diagnostic instead of a hang or an OOM.

use std::fmt;

use crate::span::Span;

/// How much alias/merge expansion an operation (or a series of operations) may do.
///
/// Pass the same budget to several calls (`*_with` methods) to bound a whole task, such as
/// building a compose model; the methods without `_with` use a fresh default budget each time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Budget {
    limit: usize,
    used: usize,
    max_depth: usize,
}

impl Budget {
    /// The default number of nodes an expansion may visit.
    pub const DEFAULT_LIMIT: usize = 100_000;
    /// The default maximum nesting of aliases and merges followed inside one expansion.
    pub const DEFAULT_MAX_DEPTH: usize = 256;

    /// A budget of `limit` visited nodes, with the default depth limit.
    pub fn new(limit: usize) -> Self {
        Budget {
            limit,
            used: 0,
            max_depth: Self::DEFAULT_MAX_DEPTH,
        }
    }

    /// This budget with a different maximum nesting depth.
    pub fn with_max_depth(mut self, max_depth: usize) -> Self {
        self.max_depth = max_depth;
        self
    }

    /// The number of nodes visited so far.
    pub fn used(&self) -> usize {
        self.used
    }

    /// The node limit.
    pub fn limit(&self) -> usize {
        self.limit
    }

    /// The maximum nesting depth.
    pub fn max_depth(&self) -> usize {
        self.max_depth
    }

    /// Whether the node limit has been reached.
    pub fn is_exhausted(&self) -> bool {
        self.used >= self.limit
    }

    /// Charges one visited node, at `span` (where the error points if this exceeds the limit).
    pub(crate) fn spend(&mut self, span: Span) -> Result<(), ExpansionError> {
        if self.used >= self.limit {
            return Err(ExpansionError {
                span,
                limit: ExpansionLimit::Nodes(self.limit),
            });
        }
        self.used += 1;
        Ok(())
    }

    /// Fails when `depth` exceeds the depth limit.
    pub(crate) fn check_depth(&self, depth: usize, span: Span) -> Result<(), ExpansionError> {
        if depth > self.max_depth {
            return Err(ExpansionError {
                span,
                limit: ExpansionLimit::Depth(self.max_depth),
            });
        }
        Ok(())
    }
}

impl Default for Budget {
    fn default() -> Self {
        Budget::new(Self::DEFAULT_LIMIT)
    }
}

/// An expansion stopped because it hit a limit of its [`Budget`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExpansionError {
    /// The node being expanded when the limit was hit (usually an alias `*name`).
    pub span: Span,
    /// Which limit was hit.
    pub limit: ExpansionLimit,
}

/// The limit an [`ExpansionError`] hit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExpansionLimit {
    /// More nodes than this were visited (an alias bomb, or a huge file).
    Nodes(usize),
    /// Aliases/merges nested deeper than this (or an alias refers to its own ancestor).
    Depth(usize),
}

impl fmt::Display for ExpansionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.limit {
            ExpansionLimit::Nodes(limit) => write!(
                f,
                "expanding aliases and merge keys visits more than {limit} nodes (alias bomb?)"
            ),
            ExpansionLimit::Depth(limit) => write!(
                f,
                "aliases and merge keys are nested more than {limit} levels deep (or refer to themselves)"
            ),
        }
    }
}

impl std::error::Error for ExpansionError {}
