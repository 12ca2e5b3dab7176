use std::path::Path;
use std::sync::Arc;

use keelson_syntax::Span;

use super::*;
use crate::config::Config;
use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Severity};
use crate::lint::LintOptions;
use crate::registry::Registry;
use crate::report::Reporter;
use crate::rule::{Rule, RuleMeta, DOCKERFILE};
use crate::NoFiles;

fn safe(edits: Vec<Edit>) -> Fix {
    Fix::safe("test", edits)
}

#[test]
fn applies_disjoint_fixes_and_keeps_every_other_byte() {
    let text = "FROM a # keep\nRUN sudo x  # and this\n";
    let a = safe(vec![Edit::replace(Span::new(5, 6), "b:1")]);
    let b = safe(vec![Edit::delete(Span::new(18, 23))]);
    let out = apply_fixes(text, &[&b, &a]);
    assert_eq!(out.text, "FROM b:1 # keep\nRUN x  # and this\n");
    assert_eq!(out.applied, vec![0, 1]);
    assert!(out.skipped.is_empty());
}

#[test]
fn an_overlapping_fix_is_skipped_and_the_first_wins() {
    let text = "abcdef";
    let first = safe(vec![Edit::replace(Span::new(1, 4), "X")]);
    let second = safe(vec![Edit::replace(Span::new(3, 5), "Y")]);
    let out = apply_fixes(text, &[&first, &second]);
    assert_eq!(out.text, "aXef");
    assert_eq!(out.applied, vec![0]);
    assert_eq!(out.skipped, vec![1]);
}

#[test]
fn two_insertions_at_one_offset_conflict_but_touching_edits_do_not() {
    let text = "ab";
    let i1 = safe(vec![Edit::insert(1, "1")]);
    let i2 = safe(vec![Edit::insert(1, "2")]);
    assert_eq!(apply_fixes(text, &[&i1, &i2]).text, "a1b");
    let r = safe(vec![Edit::replace(Span::new(0, 1), "A")]);
    let after = safe(vec![Edit::insert(1, "-")]);
    let out = apply_fixes(text, &[&r, &after]);
    assert_eq!(out.text, "A-b");
    assert_eq!(out.applied, vec![0, 1]);
}

#[test]
fn identical_fixes_apply_once_and_both_count() {
    let text = "services:\n";
    let a = safe(vec![Edit::insert(10, "x: 1\n")]);
    let b = a.clone();
    let out = apply_fixes(text, &[&a, &b]);
    assert_eq!(out.text, "services:\nx: 1\n");
    assert_eq!(out.applied, vec![0, 1]);
}

#[test]
fn fixes_with_bad_edits_are_skipped() {
    let text = "é";
    let split = safe(vec![Edit::replace(Span::new(1, 2), "e")]);
    let past_end = safe(vec![Edit::insert(9, "x")]);
    let self_overlap = safe(vec![
        Edit::replace(Span::new(0, 2), "a"),
        Edit::insert(0, "b"),
    ]);
    let empty = safe(Vec::new());
    let out = apply_fixes(text, &[&split, &past_end, &self_overlap, &empty]);
    assert_eq!(out.text, "é");
    assert_eq!(out.skipped, vec![0, 1, 2, 3]);
}

fn request<'a>(
    path: &'a Path,
    text: &'a str,
    kind: FileKind,
    config: &'a Config,
    options: &'a LintOptions,
) -> LintRequest<'a> {
    LintRequest {
        path,
        text,
        kind,
        config,
        extra: None,
        files: &NoFiles,
        options,
    }
}

#[test]
fn fixing_a_compose_file_adds_read_only_and_is_idempotent() {
    let text = "services:\n  web:\n    image: nginx:1.27 # pinned\n    ports:\n      - \"80:80\"\n";
    let (config, options) = (Config::default(), LintOptions::default());
    let path = Path::new("compose.yaml");
    let linter = Linter::new();
    let out = linter.fix(
        &request(path, text, FileKind::Compose, &config, &options),
        &FixOptions::default(),
    );
    assert!(out.converged);
    assert!(out.changed());
    assert!(out.applied.iter().any(|a| a.code == "K501"), "{out:?}");
    assert!(
        out.text
            .contains("    image: nginx:1.27 # pinned\n    read_only: true\n"),
        "{}",
        out.text
    );
    assert!(out.lint.diagnostics.iter().all(|d| d.code != "K501"));
    let again = linter.fix(
        &request(path, &out.text, FileKind::Compose, &config, &options),
        &FixOptions::default(),
    );
    assert!(!again.changed());
    assert!(again.applied.is_empty());
    assert_eq!(again.text, out.text);
}

#[test]
fn unsafe_fixes_only_when_asked() {
    let text = "services:\n  web:\n    image: nginx\n    read_only: false\n";
    let (config, options) = (Config::default(), LintOptions::default());
    let path = Path::new("compose.yaml");
    let linter = Linter::new();
    let req = request(path, text, FileKind::Compose, &config, &options);
    let safe_only = linter.fix(&req, &FixOptions::default());
    assert!(
        !safe_only.text.contains("read_only: true"),
        "{}",
        safe_only.text
    );
    let with_unsafe = linter.fix(
        &req,
        &FixOptions {
            unsafe_fixes: true,
            ..FixOptions::default()
        },
    );
    assert!(
        with_unsafe.text.contains("read_only: true"),
        "{}",
        with_unsafe.text
    );
}

/// A rule for the engine tests: reports the first `RUN` and offers a fix built by `make`.
struct TestRule {
    meta: RuleMeta,
    make: fn(&str) -> Option<Fix>,
}

impl Rule for TestRule {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }
    fn check_dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        if let Some(at) = cx.source.find("RUN") {
            if let Some(fix) = (self.make)(cx.source) {
                out.report(Span::new(at, at + 3), "test finding").fix(fix);
            }
        }
    }
}

fn linter_with(make: fn(&str) -> Option<Fix>) -> Linter {
    let mut registry = Registry::empty();
    registry
        .register(Arc::new(TestRule {
            meta: RuleMeta {
                code: "X001",
                name: "test-rule",
                category: Category::BestPractice,
                default_severity: Severity::Warning,
                enabled_by_default: true,
                file_kinds: DOCKERFILE,
                summary: "test",
                docs: "test",
                peers: &[],
                fixable: true,
            },
            make,
        }))
        .expect("registers");
    Linter::with_registry(registry)
}

fn fix_dockerfile(linter: &Linter, text: &str) -> FixOutput {
    let (config, options) = (Config::default(), LintOptions::default());
    linter.fix(
        &request(
            Path::new("Dockerfile"),
            text,
            FileKind::Dockerfile,
            &config,
            &options,
        ),
        &FixOptions::default(),
    )
}

#[test]
fn a_fix_that_breaks_the_parse_is_not_applied() {
    // An option `RUN` does not accept makes the file unreadable.
    let linter = linter_with(|src| {
        let at = src.find("RUN")?;
        Some(Fix::safe("break", vec![Edit::insert(at + 3, " --bogus")]))
    });
    let text = "FROM alpine:3.20\nRUN echo hi\n";
    assert_eq!(
        parse_errors(FileKind::Dockerfile, text),
        0,
        "the input must parse cleanly"
    );
    let broken = apply_fixes(text, &[&Fix::safe("b", vec![Edit::insert(20, " --bogus")])]);
    assert!(
        parse_errors(FileKind::Dockerfile, &broken.text) > 0,
        "the test fix must break the parse: {}",
        broken.text
    );
    let out = fix_dockerfile(&linter, text);
    assert_eq!(out.text, text);
    assert!(out.applied.is_empty());
    assert!(out.converged);
}

#[test]
fn fixes_that_undo_each_other_stop() {
    // Toggles `RUN echo a` and `RUN echo b` forever.
    let linter = linter_with(|src| {
        let at = src.find("echo ")? + 5;
        let next = if src.get(at..at + 1) == Some("a") {
            "b"
        } else {
            "a"
        };
        Some(Fix::safe(
            "toggle",
            vec![Edit::replace(Span::new(at, at + 1), next)],
        ))
    });
    let out = fix_dockerfile(&linter, "FROM alpine:3.20\nRUN echo a\n");
    assert!(!out.converged);
    assert!(out.passes <= 3, "{}", out.passes);
}

#[test]
fn a_fix_that_keeps_finding_more_stops_at_the_pass_limit() {
    let linter = linter_with(|src| {
        let at = src.find("RUN")?;
        Some(Fix::safe("grow", vec![Edit::insert(at + 3, " x")]))
    });
    let out = fix_dockerfile(&linter, "FROM alpine:3.20\nRUN y\n");
    assert!(!out.converged);
    assert_eq!(out.passes, DEFAULT_MAX_PASSES);
    assert_eq!(out.applied.len(), DEFAULT_MAX_PASSES);
}

#[test]
fn a_fix_that_changes_nothing_is_not_a_change() {
    let linter = linter_with(|src| {
        let at = src.find("RUN")?;
        Some(Fix::safe(
            "same",
            vec![Edit::replace(Span::new(at, at + 3), "RUN")],
        ))
    });
    let out = fix_dockerfile(&linter, "FROM alpine:3.20\nRUN y\n");
    assert!(!out.changed());
    assert!(out.applied.is_empty());
}
