use std::path::Path;

use super::*;
use crate::diagnostic::Severity;

fn index(registry: &Registry, name: &str) -> usize {
    registry.find(name).unwrap_or(usize::MAX)
}

#[test]
fn ignore_by_name_code_and_category() {
    let registry = Registry::builtin();
    let config = Config::parse(
        "ignore = [\"root-user\", \"K401\", \"immutability\"]",
        None,
        &registry,
    )
    .expect("valid config");
    let sel = config.selection_for(Path::new("Dockerfile"), &registry, None);
    assert!(!sel.is_enabled(index(&registry, "K201")));
    assert!(!sel.is_enabled(index(&registry, "unpinned-image")));
    assert!(!sel.is_enabled(index(&registry, "writable-root-filesystem")));
    assert!(sel.is_enabled(index(&registry, "sudo-in-run")));
}

#[test]
fn select_replaces_the_default_set_and_prefixes_work() {
    let registry = Registry::builtin();
    let config = Config::parse("select = [\"K2\"]", None, &registry).expect("valid config");
    let sel = config.selection_for(Path::new("Dockerfile"), &registry, None);
    assert!(sel.is_enabled(index(&registry, "root-user")));
    assert!(!sel.is_enabled(index(&registry, "unpinned-image")));
}

#[test]
fn narrower_severity_beats_category_severity() {
    let registry = Registry::builtin();
    let config = Config::parse(
        "[severity]\nK201 = \"info\"\nprivilege = \"warning\"\n",
        None,
        &registry,
    )
    .expect("valid config");
    let sel = config.selection_for(Path::new("Dockerfile"), &registry, None);
    assert_eq!(sel.severity(index(&registry, "K201")), Severity::Info);
    assert_eq!(
        sel.severity(index(&registry, "sudo-in-run")),
        Severity::Warning
    );
    assert!(sel.severity_is_configured(index(&registry, "K201")));
}

#[test]
fn overrides_apply_only_to_matching_paths() {
    let registry = Registry::builtin();
    let config = Config::parse(
        "[[overrides]]\nfiles = [\"legacy/**\"]\nignore = [\"K201\"]\n",
        Some(Path::new("/repo/keelson.toml")),
        &registry,
    )
    .expect("valid config");
    let k201 = index(&registry, "K201");
    assert!(!config
        .selection_for(Path::new("/repo/legacy/app/Dockerfile"), &registry, None)
        .is_enabled(k201));
    assert!(config
        .selection_for(Path::new("/repo/app/Dockerfile"), &registry, None)
        .is_enabled(k201));
}

#[test]
fn command_line_layer_applies_last() {
    let registry = Registry::builtin();
    let config = Config::parse("ignore = [\"K201\"]", None, &registry).expect("valid config");
    let cli = SelectionLayer::from_cli(&registry, &[], &["K201".to_string()], &[])
        .expect("valid selectors");
    let sel = config.selection_for(Path::new("Dockerfile"), &registry, Some(&cli));
    assert!(sel.is_enabled(index(&registry, "K201")));
}

#[test]
fn unknown_selectors_and_keys_are_errors_with_the_path() {
    let registry = Registry::builtin();
    let err = Config::parse("ignore = [\"K999\"]", Some(Path::new("k.toml")), &registry)
        .expect_err("K999 is unknown");
    assert!(
        err.message.contains("unknown rule selector `K999`"),
        "{err}"
    );
    assert_eq!(err.path.as_deref(), Some(Path::new("k.toml")));
    let err = Config::parse("selec = []", None, &registry).expect_err("typo in key");
    assert!(err.message.contains("unknown field"), "{err}");
}

#[test]
fn options_are_read() {
    let registry = Registry::builtin();
    let config = Config::parse(
        "[options]\ntrusted-registries = [\"ghcr.io/acme\"]\nrequire-digest = true\nsecret-allowlist = [\"^dev-\"]\n",
        None,
        &registry,
    )
    .expect("valid config");
    assert_eq!(
        config.options.trusted_registries,
        vec!["ghcr.io/acme".to_string()]
    );
    assert!(config.options.require_digest);
    assert!(config.secret_allowlist[0].is_match("dev-token"));
}
