//! `keelson check --fix` over a copy of the whole shared corpus (`../shared/corpus`, skipped when
//! absent), as a user would run it on a repository: every file the fixes rewrote parses no worse
//! than before (no new K801/K802 finding), no finding that had a safe fix is left or comes back,
//! no new finding of a fixed rule appears, and a second `--fix` changes no file and reports
//! exactly what the first one did. The copy lives in a temporary directory; the corpus itself is
//! only read.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn corpus_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus")
}

/// Copies `from` into `to` recursively; returns the copied files relative to `to`.
fn copy_tree(from: &Path, to: &Path, rel: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(from).unwrap_or_else(|e| panic!("read {from:?}: {e}"));
    std::fs::create_dir_all(to.join(rel)).unwrap_or_else(|e| panic!("mkdir: {e}"));
    for entry in entries.flatten() {
        let path = entry.path();
        let child = rel.join(entry.file_name());
        if path.is_dir() {
            copy_tree(&path, to, &child, out);
        } else {
            std::fs::copy(&path, to.join(&child)).unwrap_or_else(|e| panic!("copy {path:?}: {e}"));
            out.push(child);
        }
    }
}

/// Runs `keelson check --no-config --format json [extra] FILES` in `dir`; returns the findings.
fn check(dir: &Path, files: &[PathBuf], extra: &[&str]) -> Vec<Value> {
    let out = Command::new(env!("CARGO_BIN_EXE_keelson"))
        .current_dir(dir)
        .args(["check", "--no-config", "--format", "json"])
        .args(extra)
        .args(files)
        .output()
        .unwrap_or_else(|e| panic!("cannot run keelson: {e}"));
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "keelson check {extra:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("keelson's JSON output does not parse: {e}"));
    assert_eq!(
        report["errors"].as_array().map(Vec::len),
        Some(0),
        "{}",
        report["errors"]
    );
    report["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn str_of<'a>(d: &'a Value, key: &str) -> &'a str {
    d[key].as_str().unwrap_or_default()
}

fn has_safe_fix(d: &Value) -> bool {
    d["fix"]["applicability"] == "safe"
}

/// Findings counted per `(file, rule)`, keeping only those `keep` accepts.
fn per_file_rule(
    diags: &[Value],
    keep: impl Fn(&Value) -> bool,
) -> BTreeMap<(String, String), usize> {
    let mut m = BTreeMap::new();
    for d in diags.iter().filter(|d| keep(d)) {
        *m.entry((str_of(d, "file").to_string(), str_of(d, "rule").to_string()))
            .or_insert(0) += 1;
    }
    m
}

fn snapshot(dir: &Path, files: &[PathBuf]) -> HashMap<PathBuf, Vec<u8>> {
    files
        .iter()
        .map(|f| {
            let bytes = std::fs::read(dir.join(f)).unwrap_or_else(|e| panic!("read {f:?}: {e}"));
            (f.clone(), bytes)
        })
        .collect()
}

#[test]
fn fix_over_the_corpus_reparses_is_idempotent_and_leaves_no_fixed_finding() {
    if !corpus_root().is_dir() {
        eprintln!("skipped: {} is absent", corpus_root().display());
        return;
    }
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let mut files = Vec::new();
    for kind in ["dockerfile", "compose"] {
        copy_tree(
            &corpus_root().join(kind),
            tmp.path(),
            Path::new(kind),
            &mut files,
        );
    }
    files.sort();
    let dir = tmp.path();
    let original = snapshot(dir, &files);

    let before = check(dir, &files, &[]);
    let first = check(dir, &files, &["--fix"]);
    let fixed = snapshot(dir, &files);
    let second = check(dir, &files, &["--fix"]);
    let refixed = snapshot(dir, &files);

    let changed: Vec<&PathBuf> = files.iter().filter(|f| original[*f] != fixed[*f]).collect();
    let with_safe_fix = before.iter().filter(|d| has_safe_fix(d)).count();
    eprintln!(
        "corpus --fix: {} files, {} changed; {} findings before, {} with a safe fix; {} after",
        files.len(),
        changed.len(),
        before.len(),
        with_safe_fix,
        first.len()
    );
    assert!(
        !changed.is_empty(),
        "the corpus has safe fixes to apply; none was written"
    );

    // Every rewritten file parses no worse than before.
    let invalid = |d: &Value| matches!(str_of(d, "rule"), "K801" | "K802");
    let (was_invalid, now_invalid) = (
        per_file_rule(&before, invalid),
        per_file_rule(&first, invalid),
    );
    let worse: Vec<_> = now_invalid
        .iter()
        .filter(|(k, n)| **n > was_invalid.get(*k).copied().unwrap_or(0))
        .collect();
    assert!(worse.is_empty(), "fixed files that parse worse: {worse:?}");

    // No finding with a safe fix is left, and no fixed rule has more findings than it had
    // before minus the ones fixed (a fix that resolves one finding and causes another).
    let left: Vec<_> = first
        .iter()
        .filter(|d| has_safe_fix(d))
        .map(|d| (str_of(d, "file"), d["line"].clone(), str_of(d, "rule")))
        .collect();
    assert!(left.is_empty(), "safe fixes left after --fix: {left:?}");
    let total = per_file_rule(&before, |_| true);
    let safe = per_file_rule(&before, has_safe_fix);
    let after = per_file_rule(&first, |_| true);
    let reappeared: Vec<_> = safe
        .iter()
        .filter(|(k, _)| after.get(*k).copied().unwrap_or(0) > total[*k] - safe[*k])
        .collect();
    assert!(
        reappeared.is_empty(),
        "fixed findings that came back (file, rule): {reappeared:?}"
    );

    // A second --fix changes nothing and reports the same findings.
    let moved: Vec<&PathBuf> = files.iter().filter(|f| fixed[*f] != refixed[*f]).collect();
    assert!(moved.is_empty(), "a second --fix changed {moved:?}");
    assert_eq!(first, second, "the second --fix reported other findings");
}
