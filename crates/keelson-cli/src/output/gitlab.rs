//! A GitLab SAST report (security report schema 15.x), for `artifacts:reports:sast`: findings
//! appear in GitLab's security widget and vulnerability report.
//!
//! Each finding is a vulnerability with a stable `id` (derived from the fingerprint of
//! [`crate::fingerprint`]), `name`, `description`, `severity` (`error` → `High`, `warning` →
//! `Medium`, `info` → `Info`), `solution` (the help line), `location` (file, start and end
//! line) and one identifier: the keelson rule. Files that could not be linted are scan
//! messages at level `warn`.

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use keelson_core::Severity;
use serde_json::{json, Value};

use super::{rule_url, RunReport};
use crate::fingerprint::fingerprints;

/// The schema version the report declares.
pub const SCHEMA_VERSION: &str = "15.2.1";

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "High",
        Severity::Warning => "Medium",
        Severity::Info => "Info",
    }
}

/// A UUID-shaped id from a hex fingerprint.
fn uuid_like(fp: &str) -> String {
    let h = |r: std::ops::Range<usize>| fp.get(r).unwrap_or("0");
    format!(
        "{}-{}-{}-{}-{}",
        h(0..8),
        h(8..12),
        h(12..16),
        h(16..20),
        h(20..32)
    )
}

/// `YYYY-MM-DDTHH:MM:SS` (UTC) for seconds since the Unix epoch.
pub fn timestamp(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Renders the report as a GitLab SAST JSON report.
pub fn render(report: &RunReport, started: SystemTime) -> String {
    let secs = |t: SystemTime| t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let prints = fingerprints(report, Path::new("."));
    let vulnerabilities: Vec<Value> = report
        .diagnostics
        .iter()
        .zip(prints)
        .map(|(d, fp)| {
            let path = d.file.to_string_lossy().replace('\\', "/");
            let path = path.strip_prefix("./").unwrap_or(&path).to_string();
            let mut v = json!({
                "id": uuid_like(&fp),
                "name": format!("{} {}", d.code, d.name),
                "description": d.message,
                "severity": severity(d.severity),
                "location": {
                    "file": path,
                    "start_line": d.start.line,
                    "end_line": d.end.line,
                },
                "identifiers": [{
                    "type": "keelson_rule",
                    "name": format!("keelson {} {}", d.code, d.name),
                    "value": d.code,
                    "url": rule_url(d.code, d.name),
                }],
            });
            if let Some(help) = &d.help {
                v["solution"] = json!(help);
            }
            v
        })
        .collect();
    let tool = json!({
        "id": "keelson",
        "name": "keelson",
        "version": env!("CARGO_PKG_VERSION"),
        "vendor": {"name": "keelson"},
    });
    let messages: Vec<Value> = report
        .errors
        .iter()
        .map(|(p, m)| json!({"level": "warn", "value": format!("{}: {m}", p.display())}))
        .collect();
    let doc = json!({
        "version": SCHEMA_VERSION,
        "scan": {
            "analyzer": tool,
            "scanner": tool,
            "type": "sast",
            "start_time": timestamp(secs(started)),
            "end_time": timestamp(secs(SystemTime::now())),
            "status": "success",
            "messages": messages,
        },
        "vulnerabilities": vulnerabilities,
    });
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".to_string());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_utc_civil_dates() {
        assert_eq!(timestamp(0), "1970-01-01T00:00:00");
        assert_eq!(timestamp(951_825_600), "2000-02-29T12:00:00");
        assert_eq!(timestamp(1_790_000_000), "2026-09-21T14:13:20");
    }
}
