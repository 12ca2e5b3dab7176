//! Problems the model found while loading a project: rules turn them into diagnostics.

use std::fmt;

use super::loc::Loc;

/// A problem found while loading a compose project. Loading never fails; it records these and
/// returns what it could build.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComposeIssue {
    /// Where the problem is.
    pub loc: Loc,
    /// A second place involved (the first of two duplicate keys, the `extends` that started a
    /// cycle, the service an include conflicts with, …).
    pub related: Option<Loc>,
    /// A message for people.
    pub message: String,
    /// The category.
    pub kind: IssueKind,
}

/// Categories of [`ComposeIssue`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IssueKind {
    /// The YAML text is invalid; the model holds what was parsed before the error.
    YamlSyntax,
    /// An alias `*name` with no anchor `&name` before it.
    UnknownAlias,
    /// A key written twice in one mapping (Compose rejects the file). `related` is the first.
    DuplicateKey,
    /// Expanding aliases and merge keys ran over the node budget (an alias bomb), or aliases
    /// refer to themselves.
    AliasBudget,
    /// More than one YAML document in a compose file (Compose merges them in order).
    MultipleDocuments,
    /// A value of the wrong type: `ports` as a string, a non-mapping service, …
    WrongType,
    /// A mapping key that is not a string.
    InvalidKey,
    /// `${VAR:?msg}` / `${VAR?msg}` with the variable missing: Compose refuses the file.
    RequiredVariable,
    /// Invalid interpolation syntax: an unterminated `${`, `${VAR/a/b}`, `${}`.
    InvalidInterpolation,
    /// A `.env` file line that Compose cannot read.
    DotEnv,
    /// A file that could not be read (a missing `extends.file` or `include`).
    MissingFile,
    /// `extends` names a service that does not exist.
    ExtendsMissingService,
    /// `extends` chains form a cycle.
    ExtendsCycle,
    /// An `extends` value that cannot be understood.
    ExtendsInvalid,
    /// `include` files form a cycle.
    IncludeCycle,
    /// An included project defines a resource the including project also defines.
    IncludeConflict,
    /// An `include` entry that cannot be understood.
    IncludeInvalid,
    /// Two files give a value incompatible types, so merging replaced one with the other.
    MergeConflict,
    /// The top level of the document is not a mapping, or the file is empty.
    NotAComposeFile,
}

impl IssueKind {
    /// A stable kebab-case name for the kind.
    pub fn as_str(self) -> &'static str {
        match self {
            IssueKind::YamlSyntax => "yaml-syntax",
            IssueKind::UnknownAlias => "unknown-alias",
            IssueKind::DuplicateKey => "duplicate-key",
            IssueKind::AliasBudget => "alias-budget",
            IssueKind::MultipleDocuments => "multiple-documents",
            IssueKind::WrongType => "wrong-type",
            IssueKind::InvalidKey => "invalid-key",
            IssueKind::RequiredVariable => "required-variable",
            IssueKind::InvalidInterpolation => "invalid-interpolation",
            IssueKind::DotEnv => "dotenv",
            IssueKind::MissingFile => "missing-file",
            IssueKind::ExtendsMissingService => "extends-missing-service",
            IssueKind::ExtendsCycle => "extends-cycle",
            IssueKind::ExtendsInvalid => "extends-invalid",
            IssueKind::IncludeCycle => "include-cycle",
            IssueKind::IncludeConflict => "include-conflict",
            IssueKind::IncludeInvalid => "include-invalid",
            IssueKind::MergeConflict => "merge-conflict",
            IssueKind::NotAComposeFile => "not-a-compose-file",
        }
    }
}

impl fmt::Display for IssueKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ComposeIssue {
    /// An issue without a related location.
    pub fn new(kind: IssueKind, loc: Loc, message: impl Into<String>) -> Self {
        ComposeIssue {
            loc,
            related: None,
            message: message.into(),
            kind,
        }
    }

    /// This issue with a related location.
    pub fn with_related(mut self, related: Loc) -> Self {
        self.related = Some(related);
        self
    }
}
