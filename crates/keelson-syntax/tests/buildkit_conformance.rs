//! BuildKit parser conformance: our `Dockerfile::dump()` must equal BuildKit's `Node.Dump()` for
//! every case of `frontend/dockerfile/parser/testfiles`, and every `testfiles-negative` case must
//! produce at least one error record.
//!
//! The cases live outside the repository (`../shared/conformance/buildkit-parser`); when that
//! folder is absent the tests print a note and pass.

#![allow(clippy::unwrap_used)] // Tests fail loudly on purpose.

use std::fs;
use std::path::{Path, PathBuf};

use keelson_syntax::dockerfile::parse;

fn corpus_root() -> Option<PathBuf> {
    let root =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance/buildkit-parser");
    if root.is_dir() {
        Some(root)
    } else {
        eprintln!("skipping: {} not found", root.display());
        None
    }
}

fn cases(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    out.retain(|p| p.join("Dockerfile").is_file());
    out.sort();
    out
}

fn read(path: &Path) -> String {
    let bytes = fs::read(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    String::from_utf8_lossy(&bytes).into_owned()
}

#[test]
fn positive_cases_dump_like_buildkit() {
    let Some(root) = corpus_root() else { return };
    let cases = cases(&root.join("testfiles"));
    assert!(!cases.is_empty(), "no cases under {}", root.display());
    let mut failures = Vec::new();
    for case in &cases {
        let name = case
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let df = parse(&read(&case.join("Dockerfile")));
        let expected = read(&case.join("result"));
        let expected: Vec<&str> = expected.lines().filter(|l| !l.is_empty()).collect();
        let dump = df.dump();
        let actual: Vec<&str> = dump.lines().collect();
        if actual != expected {
            let mut msg = format!("{name}:");
            for i in 0..expected.len().max(actual.len()) {
                let e = expected.get(i).copied().unwrap_or("<missing>");
                let a = actual.get(i).copied().unwrap_or("<missing>");
                if e != a {
                    msg.push_str(&format!(
                        "\n  line {}:\n    expected {e}\n    actual   {a}",
                        i + 1
                    ));
                }
            }
            failures.push(msg);
        }
        // BuildKit's parser accepts every positive case (its instruction checks may not).
        let parser_errors: Vec<_> = df
            .errors
            .iter()
            .filter(|e| e.kind.is_parser_level())
            .collect();
        if !parser_errors.is_empty() {
            failures.push(format!(
                "{name}: unexpected parser errors {parser_errors:?}"
            ));
        }
    }
    println!(
        "{} of {} BuildKit cases match",
        cases.len() - failures.len(),
        cases.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn negative_cases_report_errors() {
    let Some(root) = corpus_root() else { return };
    let cases = cases(&root.join("testfiles-negative"));
    assert!(!cases.is_empty());
    for case in &cases {
        let df = parse(&read(&case.join("Dockerfile")));
        assert!(
            !df.errors.is_empty(),
            "{} parsed without errors",
            case.display()
        );
    }
}

#[test]
fn every_case_is_lossless() {
    let Some(root) = corpus_root() else { return };
    for dir in ["testfiles", "testfiles-negative"] {
        for case in cases(&root.join(dir)) {
            let text = read(&case.join("Dockerfile"));
            let df = parse(&text);
            let rebuilt: String = df.items.iter().map(|i| i.span.text(&text)).collect();
            assert_eq!(rebuilt, text, "{}", case.display());
        }
    }
}
