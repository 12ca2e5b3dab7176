//! Measurements on the shared corpus of real Dockerfiles and compose files.
//!
//! Ignored by default and skipped when `/work/shared/corpus` is absent. Run in release:
//!
//! ```text
//! cargo test --release -p keelson-core secrets::corpus_tests -- --ignored --nocapture
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use super::shell_args::tests::tokenize;
use super::*;

const CORPUS: &str = "/work/shared/corpus";

fn files(kind: &str) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut stack = vec![Path::new(CORPUS).join(kind)];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if let Ok(bytes) = std::fs::read(&p) {
                out.push((p, String::from_utf8_lossy(&bytes).into_owned()));
            }
        }
    }
    out.sort();
    out
}

fn corpus_present() -> bool {
    let present = Path::new(CORPUS).join("dockerfile").is_dir();
    if !present {
        eprintln!("{CORPUS} absent: skipping");
    }
    present
}

fn short(p: &Path) -> String {
    p.strip_prefix(CORPUS).unwrap_or(p).display().to_string()
}

/// Logical Dockerfile lines (backslash continuations joined), with their byte offsets.
fn logical_lines(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut start = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_end_matches(['\n', '\r']);
        if cur.is_empty() {
            start = offset;
        }
        offset += line.len();
        if let Some(body) = trimmed.strip_suffix('\\') {
            cur.push_str(body);
            cur.push(' ');
            continue;
        }
        if trimmed.trim_start().starts_with('#') && !cur.is_empty() {
            continue;
        }
        cur.push_str(trimmed);
        out.push((start, std::mem::take(&mut cur)));
    }
    if !cur.is_empty() {
        out.push((start, cur));
    }
    out
}

/// `(key, value)` pairs from ENV/ARG instructions and compose environment-like lines.
fn key_values() -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for (path, text) in files("dockerfile") {
        for (_, line) in logical_lines(&text) {
            let t = line.trim_start();
            let Some((instr, rest)) = t.split_once(char::is_whitespace) else {
                continue;
            };
            if !instr.eq_ignore_ascii_case("env") && !instr.eq_ignore_ascii_case("arg") {
                continue;
            }
            let rest = rest.trim();
            let first = rest.split_whitespace().next().unwrap_or("");
            if !first.contains('=') {
                let mut it = rest.splitn(2, char::is_whitespace);
                let k = it.next().unwrap_or("").to_string();
                let v = it.next().unwrap_or("").trim().to_string();
                out.push((short(&path), k, v));
                continue;
            }
            for word in tokenize(rest) {
                if let Some((k, v)) = word.0.split_once('=') {
                    out.push((short(&path), k.to_string(), v.to_string()));
                }
            }
        }
    }
    for (path, text) in files("compose") {
        for line in text.lines() {
            let t = line.trim_start();
            let (k, v) = if let Some(item) = t.strip_prefix("- ") {
                let item = item.trim().trim_matches(['"', '\'']);
                match item.split_once('=') {
                    Some((k, v)) => (k, v),
                    None => continue,
                }
            } else if line.starts_with(' ') {
                match t.split_once(": ") {
                    Some((k, v)) => (k, v),
                    None => match t.strip_suffix(':') {
                        Some(_) => continue,
                        None => continue,
                    },
                }
            } else {
                continue;
            };
            let k = k.trim().trim_matches(['"', '\'']);
            let looks_env = !k.is_empty()
                && k.bytes()
                    .all(|c| c.is_ascii_alphanumeric() || b"_.-".contains(&c))
                && k.bytes().any(|c| c.is_ascii_uppercase())
                && !k.bytes().any(|c| c.is_ascii_lowercase());
            if looks_env {
                let v = v.split(" #").next().unwrap_or("").trim().to_string();
                out.push((short(&path), k.to_string(), v));
            }
        }
    }
    out
}

#[test]
#[ignore = "corpus measurement; run with --ignored --nocapture"]
fn corpus_scan_text() {
    if !corpus_present() {
        return;
    }
    let mut all = files("dockerfile");
    all.extend(files("compose"));
    let bytes: usize = all.iter().map(|(_, t)| t.len()).sum();
    // Warm up lazily compiled detectors, then time a full pass.
    for (_, t) in &all {
        scan_text(t);
    }
    let start = Instant::now();
    let mut matches = Vec::new();
    for (p, t) in &all {
        for m in scan_text(t) {
            matches.push((short(p), m.kind, m.confidence, m.span.text(t).to_string()));
        }
    }
    let elapsed = start.elapsed();
    let mut per_kind: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, k, _, _) in &matches {
        *per_kind.entry(k).or_default() += 1;
    }
    println!(
        "scan_text: {} files, {:.1} MB in {:?} ({:.0} MB/s), {} matches",
        all.len(),
        bytes as f64 / 1e6,
        elapsed,
        bytes as f64 / 1e6 / elapsed.as_secs_f64(),
        matches.len()
    );
    println!("per kind: {per_kind:?}");
    for (p, k, c, s) in &matches {
        let s: String = s.chars().take(80).collect();
        println!("  {k:<20} {c:?} {s:<50} {p}");
    }
}

#[test]
#[ignore = "corpus measurement; run with --ignored --nocapture"]
fn corpus_secret_names() {
    if !corpus_present() {
        return;
    }
    let kvs = key_values();
    let mut names: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (_, k, v) in &kvs {
        names.entry(k.clone()).or_default().push(v.clone());
    }
    let positives: Vec<&String> = names.keys().filter(|n| is_secret_name(n)).collect();
    println!(
        "is_secret_name: {} assignments, {} distinct names, {} secret names",
        kvs.len(),
        names.len(),
        positives.len()
    );
    let mut class_counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut literal_rows = Vec::new();
    for (path, k, v) in &kvs {
        if !is_secret_name(k) {
            continue;
        }
        let class = classify_value(v);
        *class_counts.entry(format!("{class:?}")).or_default() += 1;
        if class == ValueClass::Literal {
            literal_rows.push((k.clone(), v.clone(), path.clone()));
        }
        for d in literal_defaults(v) {
            if classify_value(d.text) == ValueClass::Literal {
                literal_rows.push((format!("{k} (default)"), d.text.to_string(), path.clone()));
            }
        }
    }
    println!("value classes for secret names: {class_counts:?}");
    println!("POSITIVE NAMES:");
    for n in &positives {
        println!("  {n}");
    }
    println!("LITERAL VALUES ({}):", literal_rows.len());
    for (k, v, p) in &literal_rows {
        let v: String = v.chars().take(60).collect();
        println!("  {k:<45} {v:<40} {p}");
    }
}

#[test]
#[ignore = "corpus measurement; run with --ignored --nocapture"]
fn corpus_shell_words() {
    if !corpus_present() {
        return;
    }
    let mut count = 0;
    let mut per_kind: BTreeMap<&str, usize> = BTreeMap::new();
    let start = Instant::now();
    for (path, text) in files("dockerfile") {
        for (offset, line) in logical_lines(&text) {
            let t = line.trim_start();
            if !t.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("run ")) {
                continue;
            }
            // Words of the body, with spans into the whole line.
            let body_start = line.len() - t.len() + 4;
            let words: Vec<(String, Span)> = tokenize(&line[body_start..])
                .into_iter()
                .map(|(w, s)| (w, s.shift(body_start)))
                .collect();
            for m in scan_shell_words(&line, &words) {
                count += 1;
                *per_kind.entry(m.kind).or_default() += 1;
                let s: String = m.span.text(&line).chars().take(60).collect();
                println!("  {:<24} {s:<40} {}@{offset}", m.kind, short(&path));
            }
        }
    }
    println!(
        "scan_shell_words on RUN lines: {count} matches in {:?}; {per_kind:?}",
        start.elapsed()
    );
}
