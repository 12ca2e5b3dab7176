//! The pre-commit hooks of `.pre-commit-hooks.yaml`, run by the real `pre-commit` framework
//! exactly as a user's repository would use them: a temporary git repository holding this
//! workspace's sources is the hook repository (`repo:` + `rev:`), so pre-commit itself builds
//! keelson for the `language: rust` hooks (`cargo install --bins --path .` on the root package).
//! Then, in a second temporary repository, the lint hook fails on a bad Dockerfile, the fix hook
//! fixes it, and the lint hook passes. Skipped (with a message) when `pre-commit` or `git` is
//! not on PATH or the workspace is not a git checkout; `.ci/run` installs pre-commit.
//!
//! pre-commit's build is the real one, with two concessions to test time, both through cargo's
//! environment: the release profile is made cheap (no LTO, opt-level 0) and the target
//! directory is kept under `target/` so that reruns build incrementally. cargo resolves the
//! dependencies from the registry as it does for a user (pre-commit does not pass `--locked`).

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

fn real_home_dir(var: &str, default_under_home: &str) -> PathBuf {
    std::env::var_os(var).map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(default_under_home)
    })
}

fn run(program: &str, args: &[&str], cwd: &Path, home: &Path) -> Output {
    Command::new(program)
        .args(args)
        .current_dir(cwd)
        .env("PRE_COMMIT_HOME", home.join("pre-commit-cache"))
        // The test's HOME is a temporary directory; cargo and rustup keep their real homes.
        .env("CARGO_HOME", real_home_dir("CARGO_HOME", ".cargo"))
        .env("RUSTUP_HOME", real_home_dir("RUSTUP_HOME", ".rustup"))
        .env("HOME", home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "keelson test")
        .env("GIT_AUTHOR_EMAIL", "test@keelson.invalid")
        .env("GIT_COMMITTER_NAME", "keelson test")
        .env("GIT_COMMITTER_EMAIL", "test@keelson.invalid")
        .env(
            "CARGO_TARGET_DIR",
            workspace().join("target/pre-commit-install"),
        )
        .env("CARGO_PROFILE_RELEASE_LTO", "false")
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
        .env("CARGO_PROFILE_RELEASE_DEBUG", "false")
        .env_remove("GIT_DIR")
        .env_remove("GIT_INDEX_FILE")
        .env_remove("GIT_WORK_TREE")
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

/// The workspace's files as git sees them (tracked and untracked, not ignored), or `None`
/// outside a git checkout.
fn workspace_files(home: &Path) -> Option<Vec<PathBuf>> {
    let o = run(
        "git",
        &[
            "ls-files",
            "-z",
            "--cached",
            "--others",
            "--exclude-standard",
        ],
        &workspace(),
        home,
    );
    if !o.status.success() {
        return None;
    }
    let list = String::from_utf8_lossy(&o.stdout).into_owned();
    Some(
        list.split('\0')
            .filter(|p| !p.is_empty())
            .map(PathBuf::from)
            .collect(),
    )
}

/// A git repository holding the workspace's current sources, committed; returns its `HEAD`.
fn hook_repository(files: &[PathBuf], dir: &Path, home: &Path) -> String {
    for rel in files {
        let from = workspace().join(rel);
        if !from.is_file() {
            continue; // deleted in the working tree but still in the index
        }
        let to = dir.join(rel);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("mkdir {parent:?}: {e}"));
        }
        std::fs::copy(&from, &to).unwrap_or_else(|e| panic!("copy {from:?}: {e}"));
    }
    for args in [
        &["init", "-q"][..],
        &["add", "-A"],
        &["commit", "-q", "-m", "keelson sources under test"],
    ] {
        let o = run("git", args, dir, home);
        assert!(o.status.success(), "git {args:?}: {}", text(&o));
    }
    let head = run("git", &["rev-parse", "HEAD"], dir, home);
    assert!(head.status.success(), "{}", text(&head));
    String::from_utf8_lossy(&head.stdout).trim().to_string()
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
    for (id, entry, _, _) in &hooks {
        assert!(
            entry.starts_with("keelson-pre-commit check"),
            "hook {id} must run the root package's binary: {entry}"
        );
    }

    let home = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let Some(files) = workspace_files(home.path()) else {
        eprintln!(
            "skipped: the workspace is not a git checkout, so it cannot be a hook repository"
        );
        return;
    };
    let hook_repo = home.path().join("keelson");
    let rev = hook_repository(&files, &hook_repo, home.path());

    let repo = home.path().join("repo");
    std::fs::create_dir_all(repo.join("app")).unwrap_or_else(|e| panic!("mkdir: {e}"));
    let config = format!(
        "repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n      - id: keelson\n      - id: keelson-fix\n",
        hook_repo.display()
    );
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

    // The first run makes pre-commit clone the hook repository and `cargo install` it.
    let lint = run(
        "pre-commit",
        &["run", "keelson", "--all-files"],
        &repo,
        home.path(),
    );
    assert_eq!(lint.status.code(), Some(1), "{}", text(&lint));
    assert!(text(&lint).contains("K202"), "{}", text(&lint));
    assert!(
        text(&lint).contains("app/Dockerfile:4:5"),
        "the finding names the file and position: {}",
        text(&lint)
    );

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
