//! keelson's linter core: rules, the rule registry, configuration, suppressions, diagnostics
//! and fixes. It never prints, never exits and never touches the terminal; the CLI and the
//! language server are thin front-ends over it.
//!
//! Linting a string:
//!
//! ```
//! use std::path::Path;
//! use keelson_core::{Config, FileKind, Linter};
//!
//! let linter = Linter::new();
//! let diagnostics = linter.lint_str(
//!     "FROM alpine:latest\nRUN echo hi\n",
//!     Path::new("Dockerfile"),
//!     FileKind::Dockerfile,
//!     &Config::default(),
//! );
//! for d in &diagnostics {
//!     println!("{}:{} {} {}", d.start.line, d.start.column, d.code, d.message);
//! }
//! assert!(diagnostics.iter().any(|d| d.name == "root-user"));
//! ```

mod commands;
pub mod config;
pub mod context;
pub mod diagnostic;
mod dockerignore;
pub mod docs;
pub mod file_kind;
pub mod fix;
pub mod lint;
mod memo;
pub mod registry;
pub mod report;
pub mod rule;
mod rules;
pub mod secrets;
pub mod source;
pub mod suppress;
pub mod suppress_edit;
mod suppress_targets;
#[cfg(test)]
mod test_support;

pub use config::{
    Config, ConfigCache, ConfigError, FailureThreshold, RuleOptions, RuleSelection, SelectionLayer,
};
pub use context::{ComposeContext, DockerfileContext, ServiceBuild};
pub use diagnostic::{Applicability, Category, Diagnostic, Edit, Fix, Related, Severity};
pub use file_kind::{kind_from_content, kind_from_name};
pub use fix::{FixOptions, FixOutput};
pub use keelson_model::fs::{FileSource, MemoryFileSource, NoFiles, OsFileSource};
pub use lint::{LintOptions, LintOutput, LintRequest, Linter};
pub use registry::Registry;
pub use report::{Finding, Reporter};
pub use rule::{FileKind, PeerId, Rule, RuleMeta};
pub use source::{FileId, SourceFile, SourceFiles};

/// Lints the file at `path` with the configuration found beside it (or the default one),
/// reading any other file it needs from disk.
pub fn lint_file(path: &std::path::Path) -> Result<LintOutput, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let kind = kind_from_name(path)
        .or_else(|| kind_from_content(&text))
        .ok_or_else(|| format!("{}: not a Dockerfile or compose file", path.display()))?;
    let linter = Linter::new();
    let config = ConfigCache::new()
        .config_for(path, linter.registry())
        .map_err(|e| e.to_string())?;
    Ok(linter.lint(&LintRequest {
        path,
        text: &text,
        kind,
        config: &config,
        extra: None,
        files: &OsFileSource,
        options: &LintOptions::default(),
    }))
}
