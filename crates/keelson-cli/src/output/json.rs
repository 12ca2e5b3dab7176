//! The JSON output: a documented, versioned contract (version 1).
//!
//! ```json
//! {"version": 1,
//!  "diagnostics": [{"file", "rule", "name", "category", "severity", "line", "column",
//!                   "end_line", "end_column", "message", "help", "fix"}],
//!  "errors": [{"file", "message"}],
//!  "summary": {"files": n, "diagnostics": n, "errors": n, "warnings": n, "infos": n}}
//! ```
//! Lines and columns are 1-based; columns count characters; `end_column` is exclusive. `help` and
//! `fix` are `null` when absent; a fix is `{"description", "applicability", "edits": [{"line",
//! "column", "end_line", "end_column", "replacement"}]}`.

use serde_json::{json, Value};

use super::RunReport;

/// The contract version; bumped on any incompatible change.
pub const JSON_VERSION: u32 = 1;

/// Renders the report as the version-1 JSON document.
pub fn render(report: &RunReport) -> String {
    let diagnostics: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|d| {
            let fix = d.fix.as_ref().map(|f| {
                json!({
                    "description": f.description,
                    "applicability": f.applicability,
                    "edits": f.edits.iter().map(|e| json!({
                        "line": e.start.line, "column": e.start.column,
                        "end_line": e.end.line, "end_column": e.end.column,
                        "replacement": e.replacement,
                    })).collect::<Vec<_>>(),
                })
            });
            json!({
                "file": d.file.display().to_string(),
                "rule": d.code,
                "name": d.name,
                "category": d.category,
                "severity": d.severity,
                "line": d.start.line,
                "column": d.start.column,
                "end_line": d.end.line,
                "end_column": d.end.column,
                "message": d.message,
                "help": d.help,
                "fix": fix,
            })
        })
        .collect();
    let (errors, warnings, infos) = report.counts();
    let doc = json!({
        "version": JSON_VERSION,
        "diagnostics": diagnostics,
        "errors": report.errors.iter().map(|(p, m)| json!({"file": p.display().to_string(), "message": m})).collect::<Vec<_>>(),
        "summary": {
            "files": report.files_checked,
            "diagnostics": report.diagnostics.len(),
            "errors": errors,
            "warnings": warnings,
            "infos": infos,
        },
    });
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".to_string());
    out.push('\n');
    out
}
