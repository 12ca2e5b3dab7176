//! Parses every Dockerfile of the shared real-world corpus (`../shared/corpus/dockerfile`):
//! no panics, lossless items, spans on character boundaries, and a report of the files that
//! produce error records (Docker accepts nearly all of them, so errors there are suspicious).
//!
//! Ignored by default (it reads ~4,500 files); run it with
//! `cargo test -p keelson-syntax --test dockerfile_corpus -- --ignored --nocapture`.
//! It passes with a note when the corpus is absent.

#![allow(clippy::unwrap_used)] // Tests fail loudly on purpose.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use keelson_syntax::dockerfile::{parse, ItemKind};

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = fs::read_dir(dir) else { return };
    for entry in rd.flatten() {
        let p = entry.path();
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(p);
        }
    }
}

#[test]
#[ignore = "reads the shared corpus; run with --ignored"]
fn corpus_parses_cleanly() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/dockerfile");
    if !root.is_dir() {
        eprintln!("skipping: {} not found", root.display());
        return;
    }
    let mut files = Vec::new();
    walk(&root, &mut files);
    files.sort();
    let mut by_message: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut files_with_errors = 0;
    let mut total = Duration::ZERO;
    let mut bytes = 0;
    for path in &files {
        let Ok(raw) = fs::read(path) else { continue };
        let text = String::from_utf8_lossy(&raw).into_owned();
        bytes += text.len();
        let start = Instant::now();
        let df = parse(&text);
        total += start.elapsed();
        let rebuilt: String = df.items.iter().map(|i| i.span.text(&text)).collect();
        assert_eq!(rebuilt, text, "not lossless: {}", path.display());
        for item in &df.items {
            assert!(
                text.is_char_boundary(item.span.start()) && text.is_char_boundary(item.span.end())
            );
            if let ItemKind::Instruction(i) = &item.kind {
                for s in [i.span, i.header_span, i.keyword_span] {
                    assert!(
                        s.end() <= text.len()
                            && text.is_char_boundary(s.start())
                            && text.is_char_boundary(s.end())
                    );
                }
            }
        }
        let rel = path
            .strip_prefix(&root)
            .unwrap_or(path)
            .display()
            .to_string();
        if !df.errors.is_empty() {
            files_with_errors += 1;
        }
        for e in &df.errors {
            let key = format!("{:?}: {}", e.kind, e.message);
            let line = text[..e.span.start().min(text.len())].matches('\n').count() + 1;
            by_message
                .entry(key)
                .or_default()
                .push(format!("{rel}:{line}"));
        }
    }
    println!(
        "{} files, {} bytes, parsed in {:?}; {} files with errors",
        files.len(),
        bytes,
        total,
        files_with_errors
    );
    for (message, places) in &by_message {
        println!("{:5}  {message}", places.len());
        for p in places.iter().take(5) {
            println!("         {p}");
        }
    }
}

/// Prints how long a 1,000-line Dockerfile takes to parse (run in release with `--ignored`).
#[test]
#[ignore = "timing; run with --release --ignored --nocapture"]
fn thousand_line_timing() {
    let block = "FROM golang:1.22 AS build\nARG VERSION=1.0\nENV CGO_ENABLED=0 GOOS=linux \\\n    GOARCH=amd64\nWORKDIR /src\nCOPY --chown=app:app go.mod go.sum ./\nRUN --mount=type=cache,target=/go/pkg/mod \\\n    go mod download && \\\n    go build -o /out/app ./cmd/app\n# a comment\nLABEL org.opencontainers.image.title=\"app\"\nUSER 1000:1000\nEXPOSE 8080\nHEALTHCHECK --interval=30s CMD [\"/app\", \"health\"]\nRUN <<EOF\napk add curl\nEOF\nENTRYPOINT [\"/app\"]\n\n";
    let lines = block.lines().count();
    let src = block.repeat(1000 / lines + 1);
    let n = src.lines().count();
    let runs = 200;
    let start = Instant::now();
    for _ in 0..runs {
        std::hint::black_box(parse(std::hint::black_box(&src)));
    }
    let per = start.elapsed() / runs;
    println!("{n} lines ({} bytes): {per:?} per parse", src.len());
}
