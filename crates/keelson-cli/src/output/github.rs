//! GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` annotation per
//! finding, shown on the pull request's diff.
//!
//! Grammar: `::LEVEL file=F,line=L,col=C,endLine=EL,endColumn=EC,title=T::MESSAGE`. In property
//! values `%`, `\r`, `\n`, `:` and `,` are percent-encoded; in the message `%`, `\r` and `\n` are.

use std::fmt::Write as _;

use keelson_core::Severity;

use super::RunReport;

/// Escapes a workflow-command message.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow-command property value.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// Renders the report as workflow commands.
pub fn render(report: &RunReport) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        let path = d.file.to_string_lossy().replace('\\', "/");
        let path = path.strip_prefix("./").unwrap_or(&path);
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        // GitHub draws column ranges only within one line; across lines it uses lines only.
        let columns = if d.start.line == d.end.line {
            format!(",col={},endColumn={}", d.start.column, d.end.column)
        } else {
            format!(",col={}", d.start.column)
        };
        let _ = writeln!(
            out,
            "::{} file={},line={},endLine={}{},title={}::{}",
            command(d.severity),
            escape_property(path),
            d.start.line,
            d.end.line,
            columns,
            escape_property(&format!("{} {}", d.code, d.name)),
            escape_data(&message)
        );
    }
    for (path, message) in &report.errors {
        let _ = writeln!(
            out,
            "::error file={},title=keelson::{}",
            escape_property(&path.to_string_lossy()),
            escape_data(message)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties_escape_separators_and_messages_keep_them() {
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
        assert_eq!(escape_data("a:b,c%\r\n"), "a:b,c%25%0D%0A");
    }
}
