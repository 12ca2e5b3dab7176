//! `--baseline FILE`: record today's findings, then report only new ones.
//!
//! The file is JSON:
//! ```json
//! {"version": 1, "findings": [{"fingerprint": "…", "rule": "K201", "file": "app/Dockerfile",
//!                              "line": 3, "message": "…"}]}
//! ```
//! Only `fingerprint` is matched (see [`crate::fingerprint`]); `rule`, `file`, `line` and
//! `message` are there for people reading the file and reviewing its diffs. Paths and
//! fingerprints are relative to the baseline file's directory, so the file can be committed and
//! used from any working directory.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use crate::fingerprint::{fingerprints, relative_path};
use crate::output::RunReport;

/// The baseline format version.
const BASELINE_VERSION: u64 = 1;

/// The directory paths in a baseline are relative to.
fn anchor_of(file: &Path) -> PathBuf {
    match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Writes every finding of `report` to `file`; returns how many were written.
pub fn write(file: &Path, report: &RunReport) -> Result<usize, String> {
    let anchor = anchor_of(file);
    let prints = fingerprints(report, &anchor);
    let findings: Vec<Value> = report
        .diagnostics
        .iter()
        .zip(&prints)
        .map(|(d, fp)| {
            json!({
                "fingerprint": fp,
                "rule": d.code,
                "file": relative_path(&d.file, &anchor),
                "line": d.start.line,
                "message": d.message,
            })
        })
        .collect();
    let doc = json!({"version": BASELINE_VERSION, "findings": findings});
    let mut text = serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())?;
    text.push('\n');
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("{}: cannot create directory: {e}", dir.display()))?;
    }
    std::fs::write(file, text)
        .map_err(|e| format!("{}: cannot write baseline: {e}", file.display()))?;
    Ok(report.diagnostics.len())
}

/// Removes from `report` every finding recorded in the baseline `file`; returns how many were
/// removed.
pub fn apply(file: &Path, report: &mut RunReport) -> Result<usize, String> {
    let text = std::fs::read_to_string(file).map_err(|e| {
        format!(
            "{}: cannot read baseline: {e} (create it with --write-baseline)",
            file.display()
        )
    })?;
    let doc: Value = serde_json::from_str(&text)
        .map_err(|e| format!("{}: not a keelson baseline: {e}", file.display()))?;
    if doc["version"].as_u64() != Some(BASELINE_VERSION) {
        return Err(format!(
            "{}: unsupported baseline version (expected {BASELINE_VERSION})",
            file.display()
        ));
    }
    let mut known: HashMap<String, usize> = HashMap::new();
    for f in doc["findings"].as_array().into_iter().flatten() {
        if let Some(fp) = f["fingerprint"].as_str() {
            *known.entry(fp.to_string()).or_insert(0) += 1;
        }
    }
    let prints = fingerprints(report, &anchor_of(file));
    let before = report.diagnostics.len();
    let mut keep = prints.iter().map(|fp| match known.get_mut(fp) {
        Some(n) if *n > 0 => {
            *n -= 1;
            false
        }
        _ => true,
    });
    report.diagnostics.retain(|_| keep.next().unwrap_or(true));
    Ok(before - report.diagnostics.len())
}
