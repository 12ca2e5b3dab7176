//! What a rule is: its metadata and its check.

use crate::context::{ComposeContext, DockerfileContext};
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;

/// The kinds of file keelson lints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FileKind {
    /// A Dockerfile or Containerfile.
    Dockerfile,
    /// A Docker Compose file.
    Compose,
}

impl FileKind {
    /// The lowercase name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            FileKind::Dockerfile => "dockerfile",
            FileKind::Compose => "compose",
        }
    }
}

/// An identifier of a peer linter's check that a keelson rule covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct PeerId {
    /// The peer tool: `hadolint`, `trivy`, `checkov`, `kics`, `compose-lint`, `buildkit`, `semgrep`, `dclint`.
    pub tool: &'static str,
    /// The peer's own identifier for the check.
    pub id: &'static str,
}

/// Shorthand for a [`PeerId`] in rule metadata.
pub const fn peer(tool: &'static str, id: &'static str) -> PeerId {
    PeerId { tool, id }
}

/// Everything keelson knows about a rule except its check.
#[derive(Clone, Debug, serde::Serialize)]
pub struct RuleMeta {
    /// Stable code: `K` + three digits, hundreds digit by category.
    pub code: &'static str,
    /// Kebab-case name, unique across rules.
    pub name: &'static str,
    /// The rule's category.
    pub category: Category,
    /// Severity unless configuration says otherwise.
    pub default_severity: Severity,
    /// Whether the rule runs when configuration does not mention it.
    pub enabled_by_default: bool,
    /// The file kinds the rule checks.
    pub file_kinds: &'static [FileKind],
    /// One sentence: what the rule finds.
    pub summary: &'static str,
    /// The full documentation (Markdown: what, why, example, fix).
    #[serde(skip)]
    pub docs: &'static str,
    /// Peer checks this rule covers.
    pub peers: &'static [PeerId],
    /// Whether the rule can offer a fix.
    pub fixable: bool,
}

impl RuleMeta {
    /// Whether the rule checks files of `kind`.
    pub fn applies_to(&self, kind: FileKind) -> bool {
        self.file_kinds.contains(&kind)
    }
}

/// A lint rule. Built-in rules implement it through generated code; an embedding program can
/// implement it directly and register the rule beside the built-in ones.
pub trait Rule: Send + Sync {
    /// The rule's metadata.
    fn meta(&self) -> &RuleMeta;

    /// Checks a Dockerfile. The default does nothing.
    fn check_dockerfile(&self, _cx: &DockerfileContext<'_>, _out: &mut Reporter<'_>) {}

    /// Checks a compose project. The default does nothing.
    fn check_compose(&self, _cx: &ComposeContext<'_>, _out: &mut Reporter<'_>) {}
}

/// The per-rule half of a built-in rule: what its Rust file declares. Code, name and docs come
/// from the file and folder names (see `build.rs`), so they are written once.
#[derive(Clone, Copy, Debug)]
pub struct RuleSpec {
    /// The rule's category (must match the code's hundreds digit; a test checks it).
    pub category: Category,
    /// Severity unless configuration says otherwise.
    pub severity: Severity,
    /// Whether the rule runs when configuration does not mention it.
    pub enabled_by_default: bool,
    /// The file kinds the rule checks.
    pub file_kinds: &'static [FileKind],
    /// Peer checks this rule covers.
    pub peers: &'static [PeerId],
    /// Whether the rule can offer a fix.
    pub fixable: bool,
}

/// The check half of a built-in rule.
pub trait Check: Send + Sync {
    /// Checks a Dockerfile. The default does nothing.
    fn dockerfile(&self, _cx: &DockerfileContext<'_>, _out: &mut Reporter<'_>) {}
    /// Checks a compose project. The default does nothing.
    fn compose(&self, _cx: &ComposeContext<'_>, _out: &mut Reporter<'_>) {}
}

/// A built-in rule: generated metadata plus the check from its Rust file.
pub struct BuiltinRule {
    pub(crate) meta: RuleMeta,
    pub(crate) check: &'static dyn Check,
}

impl Rule for BuiltinRule {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }
    fn check_dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        self.check.dockerfile(cx, out)
    }
    fn check_compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        self.check.compose(cx, out)
    }
}

/// File kinds: Dockerfile only.
pub const DOCKERFILE: &[FileKind] = &[FileKind::Dockerfile];
/// File kinds: compose only.
pub const COMPOSE: &[FileKind] = &[FileKind::Compose];
/// File kinds: both.
pub const BOTH: &[FileKind] = &[FileKind::Dockerfile, FileKind::Compose];
