//! Parses every compose file of the shared corpus (`/work/shared/corpus/compose`, or
//! `$KEELSON_CORPUS/compose`): no panics, lists files with errors, prints the time taken.
//! Skips when the corpus is absent.
//!
//! Run: `cargo test --release -p keelson-syntax --test yaml_corpus -- --ignored --nocapture`.

#![allow(clippy::unwrap_used)] // Tests fail loudly on purpose.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use keelson_syntax::yaml::{self, NodeKind, ScalarStyle, YamlErrorKind};
use keelson_syntax::LineIndex;

fn corpus_dir() -> PathBuf {
    let base = std::env::var_os("KEELSON_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/work/shared/corpus"));
    base.join("compose")
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
#[ignore = "needs the shared corpus; run with --ignored"]
fn corpus_compose_files_parse() {
    let dir = corpus_dir();
    let mut files = Vec::new();
    files_under(&dir, &mut files);
    files.sort();
    if files.is_empty() {
        eprintln!("corpus not found at {}; skipping", dir.display());
        return;
    }
    let mut bytes = 0usize;
    let mut parse_time = Duration::ZERO;
    let mut nodes = 0usize;
    let mut with_errors = Vec::new();
    let mut multi_doc = 0usize;
    let mut unreadable = 0usize;
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            unreadable += 1;
            continue;
        };
        bytes += text.len();
        let start = Instant::now();
        let file = yaml::parse(&text);
        parse_time += start.elapsed();
        nodes += file.nodes.len();
        if file.documents.len() > 1 {
            multi_doc += 1;
        }
        check_invariants(&file, &text, path);
        if !file.errors.is_empty() {
            let index = LineIndex::new(&text);
            let shown: Vec<String> = file
                .errors
                .iter()
                .map(|e| {
                    let at = index.line_col(&text, e.span.start());
                    format!("{}:{} {:?} {}", at.line, at.column, e.kind, e.message)
                })
                .collect();
            with_errors.push(format!(
                "{}: {}",
                path.strip_prefix(&dir).unwrap_or(path).display(),
                shown.join("; ")
            ));
        }
    }
    // Time again on texts already in memory (best of three), then with the helpers a compose
    // model would call on every file.
    let texts: Vec<String> = files
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    for _ in 0..3 {
        let start = Instant::now();
        for text in &texts {
            std::hint::black_box(yaml::parse(text));
        }
        parse_time = parse_time.min(start.elapsed());
    }
    let start = Instant::now();
    let mut dupes = 0usize;
    for text in &texts {
        let file = yaml::parse(text);
        dupes += file.duplicate_keys().len();
        if let Some(root) = file.root() {
            let _ = file.to_value(root);
        }
    }
    let full_time = start.elapsed();
    eprintln!(
        "{} files ({} unreadable), {:.1} MB, {} nodes, {} multi-document, {} duplicate keys",
        files.len(),
        unreadable,
        bytes as f64 / 1e6,
        nodes,
        multi_doc,
        dupes
    );
    eprintln!(
        "parse (best of 4): {:?} ({:.1} MB/s); parse+duplicate_keys+to_value: {:?}",
        parse_time,
        bytes as f64 / 1e6 / parse_time.as_secs_f64().max(1e-9),
        full_time
    );
    eprintln!("{} files with errors:", with_errors.len());
    for line in &with_errors {
        eprintln!("  {line}");
    }
}

#[test]
#[ignore = "needs the shared corpus; run with --ignored"]
fn corpus_files_cut_and_spliced_never_panic() {
    let dir = corpus_dir();
    let mut files = Vec::new();
    files_under(&dir, &mut files);
    files.sort();
    let mut cases = 0usize;
    let mut with_errors = 0usize;
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        // Cut at a few places, and splice troublesome characters in.
        for k in 1..8 {
            let at = floor_boundary(&text, text.len() * k / 8);
            let cut = &text[..at];
            let spliced = format!(
                "{}{}{}",
                cut,
                ["[", "\"", "&x *x", ": :", "\t- ", "|-\n"][k % 6],
                &text[at..]
            );
            for variant in [cut.to_owned(), spliced] {
                let file = yaml::parse(&variant);
                check_invariants(&file, &variant, path);
                if !file.errors.is_empty() {
                    with_errors += 1;
                }
                let _ = file.duplicate_keys();
                if let Some(root) = file.root() {
                    let _ = file.to_value(root);
                }
                cases += 1;
            }
        }
    }
    eprintln!("{cases} mutated files parsed, {with_errors} with errors");
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Structural checks on every file: spans inside the text and on char boundaries, children
/// inside their parents, keys before values.
fn check_invariants(file: &yaml::YamlFile, text: &str, path: &Path) {
    for id in file.node_ids() {
        let node = file.node(id);
        let span = node.span;
        assert!(
            span.end() <= text.len() && text.get(span.start()..span.end()).is_some(),
            "{}: node {id:?} span {span:?} not on char boundaries",
            path.display()
        );
        if let Some(parent) = node.parent {
            let p = file.span(parent);
            assert!(
                p.start <= span.start && span.end <= p.end,
                "{}: node {id:?} {span:?} outside parent {parent:?} {p:?}",
                path.display()
            );
        }
        let raw = span.text(text);
        let shape_ok = match &node.kind {
            NodeKind::Scalar { value, style } => match style {
                ScalarStyle::Plain => raw.contains('\n') || raw == value,
                ScalarStyle::SingleQuoted => raw.starts_with('\'') && raw.ends_with('\''),
                ScalarStyle::DoubleQuoted => raw.starts_with('"') && raw.ends_with('"'),
                ScalarStyle::Literal => raw.starts_with('|'),
                ScalarStyle::Folded => raw.starts_with('>'),
            },
            NodeKind::Alias { .. } => raw.starts_with('*'),
            NodeKind::Empty => raw.is_empty(),
            NodeKind::Sequence(items) => {
                items.is_empty() || raw.starts_with('-') || raw.starts_with('[')
            }
            NodeKind::Mapping(_) => true,
        };
        assert!(
            shape_ok || !file.errors.is_empty(),
            "{}: node {id:?} {:?} has text {raw:?}",
            path.display(),
            node.kind
        );
        if let NodeKind::Mapping(entries) = &node.kind {
            for e in entries {
                assert!(
                    file.span(e.key).start <= file.span(e.value).start,
                    "{}: key after value in {id:?}",
                    path.display()
                );
            }
        }
    }
    for e in &file.errors {
        assert!(e.span.end() <= text.len());
        let _ = e.kind == YamlErrorKind::Syntax;
    }
}
