//! Rendering a finished run: pretty text, the JSON contract, SARIF, and the CI formats
//! (Checkstyle, JUnit, GitLab Code Quality and SAST, GitHub annotations, one line per finding).

pub mod checkstyle;
pub mod codeclimate;
pub mod concise;
pub mod github;
pub mod gitlab;
pub mod json;
pub mod junit;
pub mod pretty;
pub mod sarif;
pub mod statistics;
mod xml;

use std::path::PathBuf;

use keelson_core::{Diagnostic, Severity, SourceFiles};

/// Everything a run produced, in deterministic order.
pub struct RunReport {
    /// Findings, sorted by file, position and code.
    pub diagnostics: Vec<Diagnostic>,
    /// The text of every file a finding points into (for snippets).
    pub files: SourceFiles,
    /// Files that could not be read or linted, with the reason.
    pub errors: Vec<(PathBuf, String)>,
    /// How many files were linted.
    pub files_checked: usize,
}

impl RunReport {
    /// Counts of findings by severity: (error, warning, info).
    pub fn counts(&self) -> (usize, usize, usize) {
        let mut c = (0, 0, 0);
        for d in &self.diagnostics {
            match d.severity {
                Severity::Error => c.0 += 1,
                Severity::Warning => c.1 += 1,
                Severity::Info => c.2 += 1,
            }
        }
        c
    }
}

/// The documentation link of a rule.
pub fn rule_url(code: &str, name: &str) -> String {
    format!("https://keelson.dev/rules/{code}-{name}")
}
