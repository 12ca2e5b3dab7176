//! `keelson init`: writes a commented `keelson.toml`.

use std::path::Path;

use crate::{EXIT_CLEAN, EXIT_ERROR};

/// The file `keelson init` writes. Every setting is shown with its default, commented out.
pub const TEMPLATE: &str = r#"# keelson configuration. Reference: `keelson rules`, `keelson explain <rule>`, and the JSON
# Schema in docs/keelson.schema.json (editors with TOML schema support complete and check keys).
#
# Selectors name rules by code (`K201`), code prefix (`K2`), name (`root-user`), category
# (`secrets`, `privilege`, `credentials`, `supply-chain`, `immutability`, `network`,
# `resources`, `correctness`, `best-practice`) or `all`.

# Run these rules instead of the default set.
# select = ["all"]

# Run these rules in addition to the default set.
# extend-select = ["K402"]

# Do not run these rules.
# ignore = []

# Severity ("error", "warning" or "info") per rule or category.
[severity]
# K402 = "error"
# best-practice = "info"

# Options the rules read.
[options]
# Registries (or registry/namespace prefixes) images may come from; empty allows any.
# trusted-registries = ["docker.io", "ghcr.io/acme"]
# Users a final stage or service may run as without a root-user finding.
# allowed-users = []
# Regular expressions; a secret value or name matching one is not reported.
# secret-allowlist = ["^dev-only-"]
# Whether an image tag without a digest is an error (otherwise info).
# require-digest = false

# Per-path changes; globs are relative to this file, later entries win.
# [[overrides]]
# files = ["legacy/**"]
# ignore = ["K201"]
# severity = { K401 = "info" }
"#;

/// Writes `keelson.toml` into `dir`; refuses to replace an existing file unless `force`.
pub fn run(dir: &Path, force: bool) -> u8 {
    let path = dir.join("keelson.toml");
    if path.exists() && !force {
        eprintln!(
            "keelson: {} already exists; use --force to replace it",
            path.display()
        );
        return EXIT_ERROR;
    }
    match std::fs::write(&path, TEMPLATE) {
        Ok(()) => {
            eprintln!("keelson: wrote {}", path.display());
            EXIT_CLEAN
        }
        Err(e) => {
            eprintln!("keelson: cannot write {}: {e}", path.display());
            EXIT_ERROR
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_is_a_valid_config() {
        let linter = keelson_core::Linter::new();
        let parsed = keelson_core::Config::parse(TEMPLATE, None, linter.registry());
        assert!(parsed.is_ok(), "{parsed:?}");
    }

    #[test]
    fn the_template_with_every_setting_uncommented_is_a_valid_config() {
        // Uncomment `key = value` lines (not prose) to check the documented examples parse.
        let text: String = TEMPLATE
            .lines()
            .map(|l| match l.strip_prefix("# ") {
                Some(rest) if rest.contains(" = ") || rest.starts_with('[') => rest,
                _ => l,
            })
            .map(|l| format!("{l}\n"))
            .collect();
        let linter = keelson_core::Linter::new();
        let parsed = keelson_core::Config::parse(&text, None, linter.registry());
        assert!(parsed.is_ok(), "{parsed:?}\n{text}");
    }
}
