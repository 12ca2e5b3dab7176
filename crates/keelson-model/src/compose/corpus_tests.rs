//! Runs the loader over the real compose files of the shared corpus (skipped when absent):
//!
//! ```text
//! cargo test --release -p keelson-model --lib compose::corpus_tests -- --ignored --nocapture
//! ```
//!
//! Set `KEELSON_CORPUS_VERBOSE=1` to print every issue.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::{ComposeOptions, ComposeProject, IssueKind};
use crate::fs::{FileSource, OsFileSource};

const CORPUS: &str = "/work/shared/corpus/compose";

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(p);
        }
    }
}

#[test]
#[ignore = "needs the shared corpus; run with --ignored --nocapture"]
fn corpus_loads_without_panics() {
    let root = Path::new(CORPUS);
    if !root.is_dir() {
        eprintln!("corpus not found at {CORPUS}; skipping");
        return;
    }
    let mut paths = Vec::new();
    walk(root, &mut paths);
    paths.sort();
    let verbose = std::env::var_os("KEELSON_CORPUS_VERBOSE").is_some();
    let options = ComposeOptions::default();
    let mut panics = Vec::new();
    let mut files_with_issues = 0usize;
    let mut files_with_issues_excl_missing = 0usize;
    let mut by_kind: BTreeMap<IssueKind, (usize, usize)> = BTreeMap::new();
    let mut services = 0usize;
    let mut total = Duration::ZERO;
    let mut slowest = (Duration::ZERO, PathBuf::new());
    let mut bytes = 0usize;
    let mut loaded = 0usize;
    let mut parse_only = Duration::ZERO;
    for path in &paths {
        let Ok(text) = OsFileSource.read_to_string(path) else {
            continue;
        };
        bytes += text.len();
        loaded += 1;
        let parse_start = Instant::now();
        let _ = keelson_syntax::yaml::parse(&text);
        parse_only += parse_start.elapsed();
        let start = Instant::now();
        let result =
            std::panic::catch_unwind(|| ComposeProject::load(path, &text, &OsFileSource, &options));
        let took = start.elapsed();
        total += took;
        if took > slowest.0 {
            slowest = (took, path.clone());
        }
        let project = match result {
            Ok(p) => p,
            Err(_) => {
                panics.push(path.clone());
                continue;
            }
        };
        services += project.services.len();
        if !project.issues.is_empty() {
            files_with_issues += 1;
        }
        if project
            .issues
            .iter()
            .any(|i| i.kind != IssueKind::MissingFile)
        {
            files_with_issues_excl_missing += 1;
        }
        let mut seen = Vec::new();
        for issue in &project.issues {
            let entry = by_kind.entry(issue.kind).or_default();
            entry.0 += 1;
            if !seen.contains(&issue.kind) {
                seen.push(issue.kind);
                entry.1 += 1;
            }
            if verbose {
                let pos = project
                    .line_col(issue.loc)
                    .map(|l| format!("{}:{}", l.line, l.column))
                    .unwrap_or_default();
                let file = project
                    .file(issue.loc.file)
                    .map(|f| f.path.display().to_string())
                    .unwrap_or_default();
                eprintln!("{file}:{pos}: [{}] {}", issue.kind, issue.message);
            }
        }
    }
    eprintln!(
        "corpus: {loaded} files, {bytes} bytes, {services} services, {} panics",
        panics.len()
    );
    eprintln!(
        "files with issues: {files_with_issues} ({files_with_issues_excl_missing} excluding missing-file)"
    );
    for (kind, (count, files)) in &by_kind {
        eprintln!("  {kind}: {count} issues in {files} files");
    }
    eprintln!(
        "load time: total {:?} (YAML parsing alone: {:?}), mean {:?}, slowest {:?} ({})",
        total,
        parse_only,
        total / loaded.max(1) as u32,
        slowest.0,
        slowest.1.display()
    );
    assert!(panics.is_empty(), "panics: {panics:?}");
}

#[test]
#[ignore = "needs the shared corpus; run with --ignored --nocapture"]
fn truncated_corpus_files_do_not_panic() {
    let root = Path::new(CORPUS);
    if !root.is_dir() {
        return;
    }
    let mut paths = Vec::new();
    walk(root, &mut paths);
    let options = ComposeOptions::default();
    let mut panics = Vec::new();
    let mut runs = 0usize;
    for path in &paths {
        let Ok(text) = OsFileSource.read_to_string(path) else {
            continue;
        };
        for k in 1..8 {
            let mut cut = text.len() * k / 8;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            let prefix = text.get(..cut).unwrap_or("");
            runs += 1;
            let ok = std::panic::catch_unwind(|| {
                let _ = ComposeProject::load(path, prefix, &crate::fs::NoFiles, &options);
            })
            .is_ok();
            if !ok {
                panics.push((path.clone(), cut));
            }
        }
    }
    eprintln!("{runs} truncated loads, {} panics", panics.len());
    assert!(panics.is_empty(), "panics: {panics:?}");
}
