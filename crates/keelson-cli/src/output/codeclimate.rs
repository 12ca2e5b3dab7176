//! GitLab Code Quality (a subset of the Code Climate issue format): a JSON array of issues that
//! GitLab shows in merge requests when uploaded as `artifacts:reports:codequality`.
//!
//! Severities map `info` → `info`, `warning` → `major`, `error` → `critical`. Fingerprints are
//! the stable ones of [`crate::fingerprint`] (relative to the current directory), so GitLab
//! matches a finding across commits even when lines move.

use std::path::Path;

use keelson_core::Severity;
use serde_json::{json, Value};

use super::RunReport;
use crate::fingerprint::fingerprints;

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "critical",
        Severity::Warning => "major",
        Severity::Info => "info",
    }
}

/// Renders the report as a Code Quality JSON array.
pub fn render(report: &RunReport) -> String {
    let prints = fingerprints(report, Path::new("."));
    let issues: Vec<Value> = report
        .diagnostics
        .iter()
        .zip(prints)
        .map(|(d, fingerprint)| {
            let path = d.file.to_string_lossy().replace('\\', "/");
            let path = path.strip_prefix("./").unwrap_or(&path).to_string();
            let mut issue = json!({
                "type": "issue",
                "check_name": format!("{}/{}", d.code, d.name),
                "description": format!("{}: {}", d.code, d.message),
                "categories": ["Security"],
                "severity": severity(d.severity),
                "fingerprint": fingerprint,
                "location": {
                    "path": path,
                    "lines": {"begin": d.start.line, "end": d.end.line},
                },
            });
            if let Some(help) = &d.help {
                issue["content"] = json!({"body": help});
            }
            issue
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&issues).unwrap_or_else(|_| "[]".to_string());
    out.push('\n');
    out
}
