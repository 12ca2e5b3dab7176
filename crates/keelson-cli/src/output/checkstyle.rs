//! Checkstyle XML: the format Jenkins (Warnings NG), reviewdog, SonarQube and many CI
//! dashboards read from linters.
//!
//! ```xml
//! <checkstyle version="4.3">
//!   <file name="app/Dockerfile">
//!     <error line="3" column="1" severity="error" message="…" source="keelson.K201"/>
//!   </file>
//! </checkstyle>
//! ```

use std::collections::BTreeMap;
use std::fmt::Write as _;

use keelson_core::Severity;

use super::xml;
use super::RunReport;

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// Renders the report as a Checkstyle XML document.
pub fn render(report: &RunReport) -> String {
    // (line, column, severity, message, source) per file, files in path order.
    let mut files: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for d in &report.diagnostics {
        let mut message = format!("{} ({}/{})", d.message, d.code, d.name);
        if let Some(help) = &d.help {
            message.push_str(" Help: ");
            message.push_str(help);
        }
        files.entry(d.file.display().to_string()).or_default().push(format!(
            "<error line=\"{}\" column=\"{}\" severity=\"{}\" message=\"{}\" source=\"keelson.{}\"/>",
            d.start.line,
            d.start.column,
            severity(d.severity),
            xml::attr(&message),
            xml::attr(d.code)
        ));
    }
    for (path, message) in &report.errors {
        files
            .entry(path.display().to_string())
            .or_default()
            .push(format!(
                "<error severity=\"error\" message=\"{}\" source=\"keelson.io\"/>",
                xml::attr(message)
            ));
    }
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n");
    for (path, errors) in &files {
        let _ = writeln!(out, "  <file name=\"{}\">", xml::attr(path));
        for e in errors {
            let _ = writeln!(out, "    {e}");
        }
        out.push_str("  </file>\n");
    }
    out.push_str("</checkstyle>\n");
    out
}
