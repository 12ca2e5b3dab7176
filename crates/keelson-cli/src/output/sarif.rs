//! SARIF 2.1.0 output, with rule metadata, for code-scanning services.

use std::collections::BTreeMap;

use keelson_core::{Registry, Severity};
use serde_json::{json, Value};

use super::{rule_url, RunReport};

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A SARIF artifact URI for a path: relative paths stay relative (with `/` separators).
fn artifact_uri(path: &std::path::Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    let s = s.strip_prefix("./").unwrap_or(&s).to_string();
    s.replace(' ', "%20")
}

/// Renders the report as a SARIF 2.1.0 log with one run.
pub fn render(report: &RunReport, registry: &Registry) -> String {
    let rules: Vec<Value> = registry
        .iter()
        .map(|r| {
            let m = r.meta();
            json!({
                "id": m.code,
                "name": m.name,
                "shortDescription": {"text": m.summary},
                "fullDescription": {"text": m.summary},
                "help": {"text": m.summary, "markdown": m.docs},
                "helpUri": rule_url(m.code, m.name),
                "defaultConfiguration": {"level": level(m.default_severity), "enabled": m.enabled_by_default},
                "properties": {"category": m.category, "tags": [m.category.as_str(), "security"]},
            })
        })
        .collect();
    let index: BTreeMap<&str, usize> = registry
        .iter()
        .enumerate()
        .map(|(i, r)| (r.meta().code, i))
        .collect();
    let results: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|d| {
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str(" Help: ");
                message.push_str(help);
            }
            let mut result = json!({
                "ruleId": d.code,
                "level": level(d.severity),
                "message": {"text": message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": artifact_uri(&d.file)},
                        "region": {
                            "startLine": d.start.line, "startColumn": d.start.column,
                            "endLine": d.end.line, "endColumn": d.end.column,
                        },
                    },
                }],
            });
            if let Some(i) = index.get(d.code) {
                result["ruleIndex"] = json!(i);
            }
            if !d.related.is_empty() {
                result["relatedLocations"] = Value::Array(
                    d.related
                        .iter()
                        .enumerate()
                        .map(|(i, r)| {
                            json!({
                                "id": i,
                                "physicalLocation": {
                                    "artifactLocation": {"uri": artifact_uri(&r.file)},
                                    "region": {
                                        "startLine": r.start.line, "startColumn": r.start.column,
                                        "endLine": r.end.line, "endColumn": r.end.column,
                                    },
                                },
                                "message": {"text": r.message},
                            })
                        })
                        .collect(),
                );
            }
            if let Some(fix) = &d.fix {
                result["fixes"] = json!([{
                    "description": {"text": fix.description},
                    "artifactChanges": [{
                        "artifactLocation": {"uri": artifact_uri(&d.file)},
                        "replacements": fix.edits.iter().map(|e| json!({
                            "deletedRegion": {
                                "startLine": e.start.line, "startColumn": e.start.column,
                                "endLine": e.end.line, "endColumn": e.end.column,
                            },
                            "insertedContent": {"text": e.replacement},
                        })).collect::<Vec<_>>(),
                    }],
                }]);
            }
            result
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "keelson",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://keelson.dev",
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut out = serde_json::to_string_pretty(&log).unwrap_or_else(|_| "{}".to_string());
    out.push('\n');
    out
}
