//! One line per finding: `path:line:col: CODE [severity] message`, for grep, editors and
//! terminals with little room.

use std::fmt::Write as _;

use super::RunReport;

/// Renders the report as one line per finding, then one line per file error.
pub fn render(report: &RunReport) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        let _ = writeln!(
            out,
            "{}:{}:{}: {} [{}] {}",
            d.file.display(),
            d.start.line,
            d.start.column,
            d.code,
            d.severity,
            one_line(&d.message)
        );
    }
    for (path, message) in &report.errors {
        let _ = writeln!(out, "{}: error: {}", path.display(), one_line(message));
    }
    out
}

/// The message on one line (line breaks become spaces).
fn one_line(s: &str) -> String {
    s.replace(['\r', '\n'], " ")
}
