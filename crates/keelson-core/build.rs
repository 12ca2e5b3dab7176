//! Generates the built-in rule registry.
//!
//! A rule is one Rust file `src/rules/kNNN_snake_name.rs` plus one folder
//! `rules/KNNN-kebab-name/` at the workspace root holding its README (the documentation) and its
//! cases. The code and name are read from the file name and the docs from the folder, so nothing
//! else has to be edited to add a rule, and nothing is written twice.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let manifest =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let rules_src = manifest.join("src/rules");
    let rules_docs = manifest.join("../../rules");
    println!("cargo:rerun-if-changed={}", rules_src.display());
    println!("cargo:rerun-if-changed={}", rules_docs.display());

    let mut files: Vec<(String, String, String, PathBuf)> = Vec::new();
    for entry in fs::read_dir(&rules_src).expect("src/rules exists") {
        let path = entry.expect("readable dir entry").path();
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()).map(str::to_owned) else {
            continue;
        };
        if path.extension().and_then(|e| e.to_str()) != Some("rs") || !is_rule_stem(&stem) {
            continue;
        }
        let code = stem[..4].to_ascii_uppercase();
        let name = stem[5..].replace('_', "-");
        files.push((stem, code, name, path));
    }
    files.sort_by(|a, b| a.1.cmp(&b.1));

    let mut out = String::new();
    let mut seen_names = std::collections::HashSet::new();
    for (stem, _code, name, path) in &files {
        assert!(
            seen_names.insert(name.clone()),
            "two rules are named `{name}`"
        );
        writeln!(
            out,
            "#[path = {:?}]\nmod {stem};",
            path.display().to_string()
        )
        .ok();
    }
    out.push_str("\n/// The built-in rules, in code order.\npub(crate) fn builtin_rules() -> Vec<crate::rule::BuiltinRule> {\n    vec![\n");
    for (stem, code, name, _) in &files {
        let readme = rules_docs.join(format!("{code}-{name}")).join("README.md");
        let docs = fs::read_to_string(&readme).unwrap_or_else(|_| {
            panic!(
                "rule {code} ({stem}.rs) has no documentation: create {}",
                readme.display()
            )
        });
        let summary = summary_of(&docs, &readme);
        let readme = fs::canonicalize(&readme).unwrap_or(readme);
        writeln!(
            out,
            "        crate::rule::BuiltinRule {{ meta: crate::rule::RuleMeta {{ code: {code:?}, name: {name:?}, \
             category: {stem}::SPEC.category, default_severity: {stem}::SPEC.severity, \
             enabled_by_default: {stem}::SPEC.enabled_by_default, file_kinds: {stem}::SPEC.file_kinds, \
             summary: {summary:?}, docs: include_str!({:?}), peers: {stem}::SPEC.peers, \
             fixable: {stem}::SPEC.fixable }}, check: &{stem}::RULE }},",
            readme.display().to_string()
        )
        .ok();
    }
    out.push_str("    ]\n}\n");
    let dest =
        Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("builtin_rules.rs");
    fs::write(dest, out).expect("OUT_DIR is writable");
}

/// `k201_root_user` → true.
fn is_rule_stem(stem: &str) -> bool {
    let b = stem.as_bytes();
    b.len() > 5
        && b[0] == b'k'
        && b[1..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'_'
        && b[5..]
            .iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'_')
}

/// The first paragraph after the title of a rule README.
fn summary_of(docs: &str, path: &Path) -> String {
    let mut lines = docs
        .lines()
        .skip_while(|l| l.trim().is_empty() || l.starts_with('#'));
    let mut summary = String::new();
    for line in lines.by_ref() {
        if line.trim().is_empty() {
            break;
        }
        if !summary.is_empty() {
            summary.push(' ');
        }
        summary.push_str(line.trim());
    }
    assert!(
        !summary.is_empty(),
        "{} has no summary paragraph under its title",
        path.display()
    );
    summary
}
