//! `keelson rules` and `keelson explain`.

use std::io::Write as _;

use keelson_core::Registry;
use serde_json::json;

use crate::args::{ExplainArgs, RulesArgs, RulesFormat};
use crate::{EXIT_CLEAN, EXIT_ERROR};

/// Prints the rule list.
pub fn list(args: &RulesArgs) -> u8 {
    let registry = Registry::builtin();
    let mut out = String::new();
    match args.format {
        RulesFormat::Json => {
            let rules: Vec<_> = registry
                .iter()
                .map(|r| {
                    let m = r.meta();
                    json!({
                        "code": m.code,
                        "name": m.name,
                        "category": m.category,
                        "severity": m.default_severity,
                        "enabled_by_default": m.enabled_by_default,
                        "file_kinds": m.file_kinds,
                        "summary": m.summary,
                        "fixable": m.fixable,
                        "peers": m.peers,
                    })
                })
                .collect();
            out = serde_json::to_string_pretty(&json!({"version": 1, "rules": rules}))
                .unwrap_or_default();
            out.push('\n');
        }
        RulesFormat::Text => {
            for r in registry.iter() {
                let m = r.meta();
                let kinds: Vec<&str> = m.file_kinds.iter().map(|k| k.as_str()).collect();
                out.push_str(&format!(
                    "{:<5} {:<28} {:<14} {:<8} {:<19} {}{}\n",
                    m.code,
                    m.name,
                    m.category.as_str(),
                    m.default_severity.as_str(),
                    kinds.join(","),
                    m.summary,
                    if m.enabled_by_default {
                        ""
                    } else {
                        " (off by default)"
                    }
                ));
            }
        }
    }
    write_stdout(&out)
}

/// Prints one rule's documentation.
pub fn explain(args: &ExplainArgs) -> u8 {
    let registry = Registry::builtin();
    match registry.find(&args.rule).and_then(|i| registry.get(i)) {
        Some(rule) => {
            let m = rule.meta();
            let mut out = String::from(m.docs);
            let peers: Vec<String> = m
                .peers
                .iter()
                .map(|p| format!("{} {}", p.tool, p.id))
                .collect();
            out.push_str(&format!(
                "\n---\ncategory: {} · default severity: {} · {}{}\n",
                m.category,
                m.default_severity,
                if m.enabled_by_default {
                    "on by default"
                } else {
                    "off by default"
                },
                if peers.is_empty() {
                    String::new()
                } else {
                    format!(" · covers: {}", peers.join(", "))
                }
            ));
            write_stdout(&out)
        }
        None => {
            eprintln!(
                "keelson: no rule is called `{}` (try `keelson rules`)",
                args.rule
            );
            EXIT_ERROR
        }
    }
}

/// Writes to stdout; a closed pipe (`keelson rules | head`) is not an error.
pub fn write_stdout(text: &str) -> u8 {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|_| stdout.flush())
    {
        Ok(()) => EXIT_CLEAN,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => EXIT_CLEAN,
        Err(e) => {
            eprintln!("keelson: cannot write output: {e}");
            EXIT_ERROR
        }
    }
}
