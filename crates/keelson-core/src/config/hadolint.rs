//! Compatibility with hadolint: its rule codes (`DL3008`) and its `.hadolint.yaml`.
//!
//! A hadolint code names the keelson rules whose metadata lists it as a peer
//! (`peer("hadolint", "DL3008")`); a code no keelson rule covers names nothing and is ignored
//! without a word, since a repository moving from hadolint has many of them.
//!
//! `.hadolint.yaml` (or `.hadolint.yml`) is read only when no `keelson.toml` applies to a file.
//! It becomes a keelson [`Config`]:
//!
//! | hadolint key | keelson |
//! |---|---|
//! | `ignored: [DL…]` | `ignore` of the mapped rules |
//! | `override: {error, warning, info, style: [DL…]}` | `[severity]` of the mapped rules (`style` is `info`; when codes of one keelson rule are in several lists, the most severe wins) |
//! | `trustedRegistries: [...]` | `options.trusted-registries` (and K403 on) |
//! | `failure-threshold: error\|warning\|info\|style\|ignore\|none` | [`Config::failure_threshold`] |
//! | `no-fail: true` | [`Config::failure_threshold`] = never fail |
//! | `disable-ignore-pragma: true` | `# hadolint ignore=…` comments are not honoured |
//!
//! Other keys (`format`, `label-schema`, `strict-labels`, `no-color`) have no keelson meaning
//! and are skipped.

use std::path::Path;

use keelson_syntax::yaml::{parse, NodeId, YamlFile};

use crate::diagnostic::Severity;
use crate::registry::Registry;

use super::select::Selector;
use super::{Config, ConfigError, FailureThreshold, SelectionLayer};

/// The names of hadolint's config file, in the order hadolint prefers them.
pub const HADOLINT_CONFIG_NAMES: [&str; 2] = [".hadolint.yaml", ".hadolint.yml"];

/// The registry indices of the rules that cover hadolint check `code` (any case).
pub fn rules_for_hadolint_code(registry: &Registry, code: &str) -> Vec<usize> {
    let code = code.trim();
    registry
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            r.meta()
                .peers
                .iter()
                .any(|p| p.tool == "hadolint" && p.id.eq_ignore_ascii_case(code))
        })
        .map(|(i, _)| i)
        .collect()
}

impl Config {
    /// Builds a config from the text of a `.hadolint.yaml` (see the [module
    /// documentation](self)). Unknown keys and hadolint codes keelson does not cover are
    /// ignored; a file that is not YAML, or a key of the wrong type, is an error.
    pub fn from_hadolint_yaml(
        text: &str,
        path: Option<&Path>,
        registry: &Registry,
    ) -> Result<Config, ConfigError> {
        let err = |message: String| ConfigError {
            path: path.map(Path::to_path_buf),
            message,
        };
        let yaml = parse(text);
        if let Some(e) = yaml.errors.first() {
            return Err(err(format!("not valid YAML: {}", e.message)));
        }
        let mut config = Config {
            path: path.map(Path::to_path_buf),
            ..Config::default()
        };
        let Some(root) = yaml.root() else {
            return Ok(config);
        };
        if yaml.is_null(root) {
            return Ok(config);
        }
        if yaml.as_mapping(root).is_none() {
            return Err(err("expected a mapping of hadolint settings".to_string()));
        }
        let mut layer = SelectionLayer::default();
        if let Some(ignored) = yaml.get(root, "ignored") {
            for code in strings(&yaml, ignored, "ignored").map_err(err)? {
                for i in rules_for_hadolint_code(registry, &code) {
                    layer.ignore.push(Selector::Rule(i));
                }
            }
        }
        if let Some(over) = yaml.get(root, "override") {
            if yaml.as_mapping(over).is_none() && !yaml.is_null(over) {
                return Err(err("`override` must be a mapping".to_string()));
            }
            // hadolint applies the lists in this order, so a code in two lists ends at the last.
            for (key, level) in [
                ("style", Severity::Info),
                ("info", Severity::Info),
                ("warning", Severity::Warning),
                ("error", Severity::Error),
            ] {
                let Some(list) = yaml.get(over, key) else {
                    continue;
                };
                for code in strings(&yaml, list, &format!("override.{key}")).map_err(err)? {
                    for i in rules_for_hadolint_code(registry, &code) {
                        layer.severity.push((Selector::Rule(i), level));
                    }
                }
            }
        }
        if let Some(trusted) = yaml.get(root, "trustedRegistries") {
            config.options.trusted_registries =
                strings(&yaml, trusted, "trustedRegistries").map_err(err)?;
            if !config.options.trusted_registries.is_empty() {
                for i in rules_for_hadolint_code(registry, "DL3026") {
                    layer.extend_select.push(Selector::Rule(i));
                }
            }
        }
        if let Some(t) = yaml.get(root, "failure-threshold") {
            let value = yaml.as_str(t).unwrap_or("").to_ascii_lowercase();
            config.failure_threshold = Some(match value.as_str() {
                "error" => FailureThreshold::AtLeast(Severity::Error),
                "warning" => FailureThreshold::AtLeast(Severity::Warning),
                "info" | "style" => FailureThreshold::AtLeast(Severity::Info),
                "ignore" | "none" => FailureThreshold::Never,
                other => {
                    return Err(err(format!(
                        "failure-threshold: unknown value `{other}` (expected error, warning, info, style, ignore or none)"
                    )))
                }
            });
        }
        if yaml.get(root, "no-fail").and_then(|n| yaml.as_bool(n)) == Some(true) {
            config.failure_threshold = Some(FailureThreshold::Never);
        }
        if yaml
            .get(root, "disable-ignore-pragma")
            .and_then(|n| yaml.as_bool(n))
            == Some(true)
        {
            config.ignore_hadolint_comments = true;
        }
        config.base = layer;
        Ok(config)
    }

    /// Reads and parses a `.hadolint.yaml`.
    pub fn load_hadolint(path: &Path, registry: &Registry) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            path: Some(path.to_path_buf()),
            message: format!("cannot read config: {e}"),
        })?;
        Config::from_hadolint_yaml(&text, Some(path), registry)
    }
}

/// A list of strings (a single string counts as a list of one; `null` as none).
fn strings(yaml: &YamlFile, node: NodeId, key: &str) -> Result<Vec<String>, String> {
    if yaml.is_null(node) {
        return Ok(Vec::new());
    }
    if let Some(s) = yaml.as_str(node) {
        return Ok(vec![s.to_string()]);
    }
    let items = yaml
        .as_sequence(node)
        .ok_or_else(|| format!("`{key}` must be a list"))?;
    items
        .iter()
        .map(|&i| {
            yaml.as_str(i)
                .map(str::to_string)
                .ok_or_else(|| format!("`{key}` must be a list of strings"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::config::FailureThreshold;

    fn index(registry: &Registry, code: &str) -> usize {
        registry.find(code).expect("a built-in rule")
    }

    #[test]
    fn hadolint_codes_map_through_rule_peers() {
        let registry = Registry::builtin();
        assert_eq!(
            rules_for_hadolint_code(&registry, "DL3004"),
            vec![index(&registry, "K202")]
        );
        assert_eq!(
            rules_for_hadolint_code(&registry, "dl3004"),
            vec![index(&registry, "K202")]
        );
        assert!(rules_for_hadolint_code(&registry, "DL9999").is_empty());
        assert!(rules_for_hadolint_code(&registry, "SC2086").is_empty());
    }

    #[test]
    fn ignored_override_and_trusted_registries_become_keelson_settings() {
        let registry = Registry::builtin();
        let text = "ignored:\n  - DL3004   # sudo is fine here\n  - DL9999\n  - SC2086\noverride:\n  error: [DL3007]\n  style: [DL3002, DL3006]\ntrustedRegistries:\n  - docker.io\n  - ghcr.io/acme\nfailure-threshold: warning\nformat: tty\n";
        let config = Config::from_hadolint_yaml(text, Some(Path::new(".hadolint.yaml")), &registry)
            .expect("valid");
        let selection = config.selection_for(Path::new("Dockerfile"), &registry, None);
        assert!(!selection.is_enabled(index(&registry, "K202")));
        assert!(selection.is_enabled(index(&registry, "K201")));
        // DL3002 is K201 alone; DL3006 and DL3007 are both K401, where the most severe wins.
        let k201 = index(&registry, "K201");
        assert_eq!(selection.severity(k201), Severity::Info);
        assert!(selection.severity_is_configured(k201));
        assert_eq!(
            selection.severity(index(&registry, "K401")),
            Severity::Error
        );
        assert_eq!(
            config.options.trusted_registries,
            vec!["docker.io".to_string(), "ghcr.io/acme".to_string()]
        );
        for i in rules_for_hadolint_code(&registry, "DL3026") {
            assert!(selection.is_enabled(i));
        }
        assert_eq!(
            config.failure_threshold,
            Some(FailureThreshold::AtLeast(Severity::Warning))
        );
        assert!(!config.ignore_hadolint_comments);
    }

    #[test]
    fn no_fail_and_pragmas_and_empty_files() {
        let registry = Registry::builtin();
        let c = Config::from_hadolint_yaml(
            "no-fail: true\ndisable-ignore-pragma: true\n",
            None,
            &registry,
        )
        .expect("valid");
        assert_eq!(c.failure_threshold, Some(FailureThreshold::Never));
        assert!(c.ignore_hadolint_comments);
        let empty = Config::from_hadolint_yaml("", None, &registry).expect("valid");
        assert_eq!(empty.failure_threshold, None);
        let nulls =
            Config::from_hadolint_yaml("ignored:\noverride:\n", None, &registry).expect("valid");
        assert!(nulls.base.ignore.is_empty());
    }

    #[test]
    fn wrong_types_are_errors_that_name_the_key() {
        let registry = Registry::builtin();
        for (text, key) in [
            ("ignored: {a: b}\n", "ignored"),
            ("override: [DL3004]\n", "override"),
            ("failure-threshold: loud\n", "failure-threshold"),
            ("- a\n", "mapping"),
            ("ignored: [\n", "YAML"),
        ] {
            let e = Config::from_hadolint_yaml(text, None, &registry).expect_err(text);
            assert!(e.message.contains(key), "{text}: {}", e.message);
        }
    }
}
