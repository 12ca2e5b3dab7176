//! The pre-commit hooks of `.pre-commit-hooks.yaml`, run by the real `pre-commit` framework
//! against a temporary git repository: the lint hook fails on a bad Dockerfile, the fix hook
//! fixes it, and the lint hook then passes. Skipped (with a message) when `pre-commit` or `git`
//! is not on PATH; `.ci/run` installs pre-commit.
//!
//! The hooks are declared `language: rust`, which makes pre-commit `cargo install` keelson
//! from a clone of the repository. This test runs each hook's `id`, `entry`, `files` and
//! `require_serial` exactly as declared, but as a `repo: local` hook with `language: system`
//! whose entry points at the keelson binary cargo just built, so it needs no network and no
//! second build. What it does not test is pre-commit's build step (see the README).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use keelson_syntax::yaml::parse;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn on_path(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The hooks of `.pre-commit-hooks.yaml` as `(id, entry, files, require_serial)`.
fn declared_hooks() -> Vec<(String, String, String, bool)> {
    let text = std::fs::read_to_string(workspace().join(".pre-commit-hooks.yaml"))
        .unwrap_or_else(|e| panic!(".pre-commit-hooks.yaml: {e}"));
    let yaml = parse(&text);
    assert!(yaml.errors.is_empty(), "{:?}", yaml.errors);
    let root = yaml.root().unwrap_or_else(|| panic!("empty hooks file"));
    let items = yaml
        .as_sequence(root)
        .unwrap_or_else(|| panic!("the hooks file must be a list"));
    items
        .iter()
        .map(|&h| {
            let field = |k: &str| {
                yaml.get(h, k)
                    .and_then(|n| yaml.as_str(n))
                    .unwrap_or_else(|| panic!("hook without `{k}`"))
                    .to_string()
            };
            assert_eq!(field("language"), "rust");
            let serial = yaml.get(h, "require_serial").and_then(|n| yaml.as_bool(n));
            (
                field("id"),
                field("entry"),
                field("files"),
                serial.unwrap_or(false),
            )
        })
        .collect()
}

fn run(program: &str, args: &[&str], cwd: &Path, home: &Path) -> Output {
    Command::new(program)
        .args(args)
        .current_dir(cwd)
        .env("PRE_COMMIT_HOME", home.join("pre-commit-cache"))
        .env("HOME", home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env_remove("GIT_DIR")
        .env_remove("GIT_INDEX_FILE")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program}: {e}"))
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn pre_commit_fails_on_a_bad_dockerfile_and_passes_after_the_fix() {
    if !on_path("pre-commit") || !on_path("git") {
        eprintln!("skipped: `pre-commit` and `git` must be on PATH (pip install pre-commit)");
        return;
    }
    let hooks = declared_hooks();
    let ids: Vec<&str> = hooks.iter().map(|h| h.0.as_str()).collect();
    assert_eq!(ids, vec!["keelson", "keelson-fix"]);

    let home = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let repo = home.path().join("repo");
    std::fs::create_dir_all(repo.join("app")).unwrap_or_else(|e| panic!("mkdir: {e}"));
    let keelson = env!("CARGO_BIN_EXE_keelson");
    let mut config = String::from("repos:\n  - repo: local\n    hooks:\n");
    for (id, entry, files, serial) in &hooks {
        let args = entry
            .strip_prefix("keelson")
            .unwrap_or_else(|| panic!("entry must run keelson: {entry}"));
        config.push_str(&format!(
            "      - id: {id}\n        name: {id}\n        entry: '{keelson}{args}'\n        language: system\n        files: '{files}'\n        require_serial: {serial}\n"
        ));
    }
    let bad = "FROM alpine:3.20\nUSER root\n# tools for the build\nRUN sudo apk add --no-cache curl\nUSER 10001\n";
    for (name, body) in [
        (".pre-commit-config.yaml", config.as_str()),
        ("keelson.toml", "select = [\"K202\"]\n"),
        ("app/Dockerfile", bad),
        ("README.md", "not linted\n"),
    ] {
        std::fs::write(repo.join(name), body).unwrap_or_else(|e| panic!("write {name}: {e}"));
    }
    let git = |args: &[&str]| {
        let o = run("git", args, &repo, home.path());
        assert!(o.status.success(), "git {args:?}: {}", text(&o));
    };
    git(&["init", "-q"]);
    git(&["add", "."]);

    let lint = run(
        "pre-commit",
        &["run", "keelson", "--all-files"],
        &repo,
        home.path(),
    );
    assert_eq!(lint.status.code(), Some(1), "{}", text(&lint));
    assert!(text(&lint).contains("K202"), "{}", text(&lint));

    // The fix hook rewrites the file (pre-commit fails a hook that modifies files).
    let fix = run(
        "pre-commit",
        &["run", "keelson-fix", "--all-files"],
        &repo,
        home.path(),
    );
    assert_eq!(fix.status.code(), Some(1), "{}", text(&fix));
    let fixed = std::fs::read_to_string(repo.join("app/Dockerfile")).unwrap_or_default();
    assert_eq!(
        fixed,
        "FROM alpine:3.20\nUSER root\n# tools for the build\nRUN apk add --no-cache curl\nUSER 10001\n"
    );
    git(&["add", "."]);
    let again = run("pre-commit", &["run", "--all-files"], &repo, home.path());
    assert_eq!(again.status.code(), Some(0), "{}", text(&again));
}
