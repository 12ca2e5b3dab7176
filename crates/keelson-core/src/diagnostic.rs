//! Diagnostics: what a rule reports, as plain data for every front-end.

use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;

use keelson_syntax::{LineCol, Span};
use serde::Serialize;

/// How serious a finding is. Ordered from least to most severe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; not a problem by itself.
    Info,
    /// Likely a problem; review it.
    Warning,
    /// A problem that should block a build.
    Error,
}

impl Severity {
    /// The lowercase name used in config files and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "info" | "note" => Ok(Severity::Info),
            "warning" | "warn" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            other => Err(format!(
                "unknown severity `{other}` (expected info, warning or error)"
            )),
        }
    }
}

/// The fixed rule categories; a rule code's hundreds digit says which one it belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// Hardcoded secrets (K1xx).
    Secrets,
    /// Running with more privilege than needed (K2xx).
    Privilege,
    /// Credentials copied into images or mounted from the host (K3xx).
    Credentials,
    /// Where images and packages come from and whether they are pinned (K4xx).
    SupplyChain,
    /// Writable file systems and mutable state (K5xx).
    Immutability,
    /// Ports, host networking and exposure (K6xx).
    Network,
    /// Limits, health checks and restart policies (K7xx).
    Resources,
    /// Files that will not build or run as written (K8xx).
    Correctness,
    /// Hygiene and maintainability (K9xx).
    BestPractice,
}

impl Category {
    /// Every category, in code order.
    pub const ALL: [Category; 9] = [
        Category::Secrets,
        Category::Privilege,
        Category::Credentials,
        Category::SupplyChain,
        Category::Immutability,
        Category::Network,
        Category::Resources,
        Category::Correctness,
        Category::BestPractice,
    ];

    /// The kebab-case name used in config and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Secrets => "secrets",
            Category::Privilege => "privilege",
            Category::Credentials => "credentials",
            Category::SupplyChain => "supply-chain",
            Category::Immutability => "immutability",
            Category::Network => "network",
            Category::Resources => "resources",
            Category::Correctness => "correctness",
            Category::BestPractice => "best-practice",
        }
    }

    /// The hundreds digit of this category's rule codes (1 for secrets … 9 for best-practice).
    pub fn code_digit(self) -> u32 {
        match self {
            Category::Secrets => 1,
            Category::Privilege => 2,
            Category::Credentials => 3,
            Category::SupplyChain => 4,
            Category::Immutability => 5,
            Category::Network => 6,
            Category::Resources => 7,
            Category::Correctness => 8,
            Category::BestPractice => 9,
        }
    }

    /// Parses a category name.
    pub fn from_name(name: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One replacement of a byte range of a file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    /// The bytes to replace (empty for an insertion).
    #[serde(skip)]
    pub span: Span,
    /// The new text.
    pub replacement: String,
    /// 1-based start of `span` (filled in by the engine).
    #[serde(skip)]
    pub start: LineCol,
    /// 1-based end of `span` (filled in by the engine).
    #[serde(skip)]
    pub end: LineCol,
}

impl Edit {
    /// Replaces `span` with `text`.
    pub fn replace(span: Span, text: impl Into<String>) -> Self {
        Edit {
            span,
            replacement: text.into(),
            start: LineCol::default(),
            end: LineCol::default(),
        }
    }

    /// Inserts `text` at byte `offset`.
    pub fn insert(offset: usize, text: impl Into<String>) -> Self {
        Edit::replace(Span::empty(offset), text)
    }

    /// Deletes `span`.
    pub fn delete(span: Span) -> Self {
        Edit::replace(span, "")
    }
}

impl Fix {
    /// A fix that is safe to apply automatically.
    pub fn safe(description: impl Into<String>, edits: Vec<Edit>) -> Self {
        Fix {
            description: description.into(),
            edits,
            applicability: Applicability::Safe,
        }
    }

    /// A fix that changes behaviour and needs a person to look at it.
    pub fn unsafe_(description: impl Into<String>, edits: Vec<Edit>) -> Self {
        Fix {
            description: description.into(),
            edits,
            applicability: Applicability::Unsafe,
        }
    }
}

/// Whether a fix can be applied without a person looking at it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Keeps the meaning a user intended; applied by `--fix`.
    Safe,
    /// Changes behaviour; offered to editors, never applied automatically.
    Unsafe,
}

/// A suggested change that resolves a diagnostic.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// What the fix does, as a short imperative sentence.
    pub description: String,
    /// The edits, all in the diagnostic's file, non-overlapping.
    pub edits: Vec<Edit>,
    /// Whether it is safe to apply automatically.
    pub applicability: Applicability,
}

/// A second location that explains a finding (where an inherited value was set, say).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    /// The file of the related location.
    pub file: Arc<PathBuf>,
    /// Byte span in that file.
    pub span: Span,
    /// 1-based start position.
    pub start: LineCol,
    /// 1-based end position.
    pub end: LineCol,
    /// What this location contributes.
    pub message: String,
}

/// One finding, with everything a front-end needs to show it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable rule code, e.g. `K201`.
    pub code: &'static str,
    /// Kebab-case rule name, e.g. `root-user`.
    pub name: &'static str,
    /// The rule's category.
    pub category: Category,
    /// Effective severity after configuration.
    pub severity: Severity,
    /// The file the finding is in (not always the file that was linted: a compose service may
    /// inherit the value from a file it `extends`).
    pub file: Arc<PathBuf>,
    /// Byte span of the finding.
    pub span: Span,
    /// 1-based start line and column.
    pub start: LineCol,
    /// 1-based end line and column (exclusive column).
    pub end: LineCol,
    /// What is wrong and why.
    pub message: String,
    /// How to fix it, in words.
    pub help: Option<String>,
    /// A machine-applicable fix, where there is one.
    pub fix: Option<Fix>,
    /// Other locations that explain the finding.
    pub related: Vec<Related>,
}
