//! Stable fingerprints of findings: the identity a baseline, GitLab Code Quality and GitLab
//! SAST use to recognise "the same finding" across runs.
//!
//! A fingerprint is the SHA-256 of
//! - the file's path relative to an anchor directory (the baseline's folder, or the current
//!   directory), with `/` separators;
//! - the rule code;
//! - the whitespace-normalised text of the source line(s) the finding covers, and of the
//!   flagged span itself;
//! - the occurrence index among findings that agree on all of the above (the first identical
//!   finding in a file is 0, the next 1, ...).
//!
//! Line and column numbers are deliberately left out, so inserting or deleting lines above a
//! finding does not change its fingerprint; editing the flagged line does.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use keelson_core::Diagnostic;
use sha2::{Digest, Sha256};

use crate::output::RunReport;

/// Collapses every run of whitespace to one space and trims the ends.
fn normalize(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lexically cleans a path: drops `.` components and resolves `..` against earlier ones.
fn clean(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// `path` relative to `anchor` (both made absolute against the current directory and
/// cleaned), with `/` separators; `..` steps up when the path is not below the anchor.
pub fn relative_path(path: &Path, anchor: &Path) -> String {
    let abs = |p: &Path| std::path::absolute(p).map(|a| clean(&a)).ok();
    let rel = match (abs(path), abs(anchor)) {
        (Some(p), Some(a)) => {
            let pc: Vec<_> = p.components().collect();
            let ac: Vec<_> = a.components().collect();
            let common = pc.iter().zip(&ac).take_while(|(x, y)| x == y).count();
            let mut rel = PathBuf::new();
            for _ in common..ac.len() {
                rel.push("..");
            }
            for c in &pc[common..] {
                rel.push(c.as_os_str());
            }
            rel
        }
        _ => clean(path),
    };
    rel.to_string_lossy().replace('\\', "/")
}

/// The normalised text of the lines a finding covers and of its span, or empty strings when
/// the file's text is not at hand.
fn source_text(d: &Diagnostic, report: &RunReport) -> (String, String) {
    let Some(file) = report
        .files
        .id_of(&d.file)
        .and_then(|id| report.files.get(id))
    else {
        return (String::new(), String::new());
    };
    let text: &str = &file.text;
    let first = file.index.line_of(d.span.start());
    let last = file.index.line_of(d.span.end().max(d.span.start()));
    let start = file.index.line_start(first);
    let end = file.index.line_span(last, text).end();
    let lines = text.get(start..end).unwrap_or("");
    let span = text.get(d.span.start()..d.span.end()).unwrap_or("");
    (normalize(lines), normalize(span))
}

/// Fingerprints of every diagnostic of `report`, in order, with paths taken relative to
/// `anchor`. Lowercase hex SHA-256.
pub fn fingerprints(report: &RunReport, anchor: &Path) -> Vec<String> {
    let mut seen: HashMap<[u8; 32], u32> = HashMap::new();
    report
        .diagnostics
        .iter()
        .map(|d| {
            let path = relative_path(&d.file, anchor);
            let (lines, span) = source_text(d, report);
            let key: [u8; 32] = {
                let mut h = Sha256::new();
                for part in [path.as_str(), d.code, lines.as_str(), span.as_str()] {
                    h.update((part.len() as u64).to_le_bytes());
                    h.update(part.as_bytes());
                }
                h.finalize().into()
            };
            let occurrence = seen.entry(key).or_insert(0);
            let mut h = Sha256::new();
            h.update(key);
            h.update(occurrence.to_le_bytes());
            *occurrence += 1;
            hex(&h.finalize())
        })
        .collect()
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_collapses_whitespace() {
        assert_eq!(normalize("  USER\t root \n"), "USER root");
    }

    #[test]
    fn clean_resolves_dot_components() {
        assert_eq!(clean(Path::new("./a/./b/../c")), PathBuf::from("a/c"));
    }

    #[test]
    fn relative_path_strips_the_anchor() {
        let cwd = std::env::current_dir().unwrap_or_default();
        assert_eq!(
            relative_path(&cwd.join("svc/Dockerfile"), &cwd),
            "svc/Dockerfile"
        );
        assert_eq!(
            relative_path(Path::new("./svc/Dockerfile"), Path::new(".")),
            "svc/Dockerfile"
        );
        assert_eq!(
            relative_path(Path::new("app/Dockerfile"), Path::new("ci")),
            "../app/Dockerfile"
        );
    }
}
