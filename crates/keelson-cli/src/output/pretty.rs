//! Human-readable output: the source line with a caret under the finding, the rule code and
//! name, and the help line.

use std::fmt::Write as _;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use keelson_core::{Diagnostic, Severity};

use super::RunReport;

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

/// Renders the report for a terminal (`color` adds ANSI styles).
pub fn render(report: &RunReport, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for d in &report.diagnostics {
        out.push_str(&render_one(d, report, &renderer));
        out.push_str("\n\n");
    }
    for (path, message) in &report.errors {
        let _ = writeln!(out, "error: {}: {message}", path.display());
    }
    let (errors, warnings, infos) = report.counts();
    let total = report.diagnostics.len();
    if total == 0 {
        let _ = writeln!(
            out,
            "No problems found in {} file{}.",
            report.files_checked,
            plural(report.files_checked)
        );
    } else {
        let _ = writeln!(
            out,
            "Found {total} problem{} ({errors} error{}, {warnings} warning{}, {infos} info) in {} file{}.",
            plural(total),
            plural(errors),
            plural(warnings),
            report.files_checked,
            plural(report.files_checked)
        );
    }
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn render_one(d: &Diagnostic, report: &RunReport, renderer: &Renderer) -> String {
    let path = d.file.display().to_string();
    let id = format!("{}/{}", d.code, d.name);
    let file = report
        .files
        .iter()
        .find(|(_, f)| f.path == d.file)
        .map(|(_, f)| f);
    let mut groups: Vec<Group<'_>> = Vec::new();
    let title = level(d.severity).primary_title(d.message.as_str()).id(id);
    match file {
        Some(f) => {
            // Show only the lines the finding covers.
            let text: &str = &f.text;
            let first = f.index.line_of(d.span.start());
            let last = f.index.line_of(d.span.end().max(d.span.start()));
            let start = f.index.line_start(first);
            let end = f.index.line_span(last, text).end();
            let excerpt = text.get(start..end).unwrap_or("");
            let s = d.span.start().saturating_sub(start).min(excerpt.len());
            let e = d.span.end().saturating_sub(start).clamp(s, excerpt.len());
            // An empty span still gets a caret on one character where there is one.
            let e = if e == s {
                (s + 1).min(excerpt.len())
            } else {
                e
            };
            groups.push(
                title.element(
                    Snippet::source(excerpt)
                        .line_start(first + 1)
                        .path(path)
                        .annotation(AnnotationKind::Primary.span(s..e)),
                ),
            );
        }
        None => groups.push(Group::with_title(title)),
    }
    if let Some(help) = &d.help {
        groups.push(Group::with_title(
            Level::HELP.secondary_title(help.as_str()),
        ));
    }
    for r in &d.related {
        groups.push(Group::with_title(Level::NOTE.secondary_title(format!(
            "{}:{}:{}: {}",
            r.file.display(),
            r.start.line,
            r.start.column,
            r.message
        ))));
    }
    renderer.render(&groups)
}
