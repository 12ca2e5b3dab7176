//! `--statistics`: how many findings each rule produced, most frequent first.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::json;

use super::RunReport;

/// (code, name, count), sorted by count (descending), then code.
pub fn counts(report: &RunReport) -> Vec<(&'static str, &'static str, usize)> {
    let mut by_rule: BTreeMap<(&'static str, &'static str), usize> = BTreeMap::new();
    for d in &report.diagnostics {
        *by_rule.entry((d.code, d.name)).or_insert(0) += 1;
    }
    let mut rows: Vec<_> = by_rule
        .into_iter()
        .map(|((code, name), n)| (code, name, n))
        .collect();
    rows.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(b.0)));
    rows
}

/// A text table: `COUNT  CODE  NAME` per rule.
pub fn render_text(report: &RunReport) -> String {
    let rows = counts(report);
    let width = rows
        .iter()
        .map(|r| r.2.to_string().len())
        .max()
        .unwrap_or(1);
    let mut out = String::new();
    for (code, name, n) in &rows {
        let _ = writeln!(out, "{n:>width$}  {code}  {name}");
    }
    let _ = writeln!(
        out,
        "Found {} problem{} in {} rule{}.",
        report.diagnostics.len(),
        if report.diagnostics.len() == 1 {
            ""
        } else {
            "s"
        },
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    );
    out
}

/// A JSON array of `{"code", "name", "count"}`.
pub fn render_json(report: &RunReport) -> String {
    let rows: Vec<_> = counts(report)
        .into_iter()
        .map(|(code, name, count)| json!({"code": code, "name": name, "count": count}))
        .collect();
    let mut out = serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".to_string());
    out.push('\n');
    out
}
