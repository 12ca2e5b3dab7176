//! JUnit XML, for CI test-report views (GitLab `artifacts:reports:junit`, Jenkins, Azure
//! Pipelines, CircleCI).
//!
//! One `<testsuite>` per linted file that has findings, one failing `<testcase>` per finding
//! (`classname` is the file, `name` is `CODE name at line:column`, so the test view groups
//! findings by file and the name says what and where). A file that could not be linted is a
//! testcase with an `<error>`. A clean run has one passing testcase, so report readers that
//! reject empty reports accept it.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::xml;
use super::RunReport;

/// One testcase of the report.
struct Case {
    name: String,
    /// `failure` or `error`.
    kind: &'static str,
    /// The `message` attribute.
    message: String,
    /// The `type` attribute.
    ty: String,
    /// The element's text.
    body: String,
}

/// Renders the report as a JUnit XML document.
pub fn render(report: &RunReport) -> String {
    let mut suites: BTreeMap<String, Vec<Case>> = BTreeMap::new();
    for d in &report.diagnostics {
        let path = d.file.display().to_string();
        let mut body = format!(
            "{path}:{}:{}: {} [{}] {}",
            d.start.line, d.start.column, d.code, d.severity, d.message
        );
        if let Some(help) = &d.help {
            body.push_str("\nhelp: ");
            body.push_str(help);
        }
        let case = Case {
            name: format!(
                "{} {} at {}:{}",
                d.code, d.name, d.start.line, d.start.column
            ),
            kind: "failure",
            message: d.message.clone(),
            ty: d.severity.to_string(),
            body,
        };
        suites.entry(path).or_default().push(case);
    }
    for (path, message) in &report.errors {
        let path = path.display().to_string();
        suites.entry(path.clone()).or_default().push(Case {
            name: "lint".to_string(),
            kind: "error",
            message: message.clone(),
            ty: "io".to_string(),
            body: format!("{path}: {message}"),
        });
    }
    let failures = report.diagnostics.len();
    let errors = report.errors.len();
    let tests = (failures + errors).max(1);
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"keelson\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\">"
    );
    if suites.is_empty() {
        let _ = writeln!(
            out,
            "  <testsuite name=\"keelson\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\">\n    <testcase classname=\"keelson\" name=\"no findings in {} file{}\"/>\n  </testsuite>",
            report.files_checked,
            if report.files_checked == 1 { "" } else { "s" }
        );
    }
    for (path, cases) in &suites {
        let failures = cases.iter().filter(|c| c.kind == "failure").count();
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"{}\" skipped=\"0\">",
            xml::attr(path),
            cases.len(),
            cases.len() - failures
        );
        for c in cases {
            let _ = writeln!(
                out,
                "    <testcase classname=\"{}\" name=\"{}\">\n      <{} message=\"{}\" type=\"{}\">{}</{}>\n    </testcase>",
                xml::attr(path),
                xml::attr(&c.name),
                c.kind,
                xml::attr(&c.message),
                xml::attr(&c.ty),
                xml::text(&c.body),
                c.kind
            );
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}
