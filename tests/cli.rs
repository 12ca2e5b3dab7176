//! End-to-end tests of the `keelson` binary, driven as a user or a CI job would drive it.

mod support;

use std::fs;
use std::process::Output;

use serde_json::Value;

use support::{keelson, keelson_stdin, stderr, stdout, temp_project, workspace};

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\n{}", stdout(o), stderr(o)))
}

fn rules_of(doc: &Value) -> Vec<String> {
    doc["diagnostics"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|d| d["rule"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn examples_have_findings_and_exit_one() {
    let out = keelson(&["check", "--format", "json", "examples"], &workspace());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let doc = json(&out);
    assert_eq!(doc["version"], 1);
    let rules = rules_of(&doc);
    for expected in ["K101", "K102", "K201", "K301", "K303", "K401", "K501"] {
        assert!(
            rules.iter().any(|r| r == expected),
            "no {expected} in {rules:?}"
        );
    }
    assert_eq!(doc["summary"]["files"], 4);
}

#[test]
fn the_careful_example_is_clean() {
    let out = keelson(&["check", "examples/worker"], &workspace());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(
        stdout(&out).contains("No problems found in 2 files."),
        "{}",
        stdout(&out)
    );
}

#[test]
fn json_diagnostics_carry_every_contract_field() {
    let out = keelson(
        &["check", "--format", "json", "examples/webapp/Dockerfile"],
        &workspace(),
    );
    let doc = json(&out);
    let diags = doc["diagnostics"].as_array().cloned().unwrap_or_default();
    assert!(!diags.is_empty());
    for d in &diags {
        for key in [
            "file",
            "rule",
            "name",
            "category",
            "severity",
            "line",
            "column",
            "end_line",
            "end_column",
            "message",
            "help",
            "fix",
        ] {
            assert!(d.get(key).is_some(), "missing {key} in {d}");
        }
        assert!(d["line"].as_u64().unwrap_or(0) >= 1);
        assert!(d["column"].as_u64().unwrap_or(0) >= 1);
    }
    for key in ["files", "diagnostics", "errors", "warnings", "infos"] {
        assert!(doc["summary"].get(key).is_some(), "summary lacks {key}");
    }
}

#[test]
fn sarif_output_is_valid_against_the_sarif_2_1_0_schema() {
    let out = keelson(&["check", "--format", "sarif", "examples"], &workspace());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let log = json(&out);
    let schema_text = fs::read_to_string(workspace().join("tests/schemas/sarif-schema-2.1.0.json"))
        .unwrap_or_else(|e| panic!("schema: {e}"));
    let schema: Value =
        serde_json::from_str(&schema_text).unwrap_or_else(|e| panic!("schema JSON: {e}"));
    let validator =
        jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("schema compiles: {e}"));
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "SARIF invalid:\n{}", errors.join("\n"));
    let results = log["runs"][0]["results"].as_array().map_or(0, Vec::len);
    assert!(results > 0);
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .map_or(0, Vec::len);
    assert!(rules >= 10, "rule metadata missing");
}

#[test]
fn a_missing_path_is_a_clear_error_with_exit_two() {
    let out = keelson(&["check", "no/such/Dockerfile"], &workspace());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stdout(&out).contains("no/such/Dockerfile: no such file or directory"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn an_unknown_selector_is_a_usage_error() {
    let out = keelson(&["check", "--select", "K999", "examples"], &workspace());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown rule selector `K999`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn stdin_is_linted_under_the_given_file_name() {
    let out = keelson_stdin(
        &[
            "check",
            "--format",
            "json",
            "-",
            "--stdin-filename",
            "svc/Dockerfile",
        ],
        &workspace(),
        "FROM alpine:latest\nRUN echo hi\n",
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let doc = json(&out);
    assert_eq!(doc["diagnostics"][0]["file"], "svc/Dockerfile");
    assert!(rules_of(&doc).contains(&"K401".to_string()));
}

#[test]
fn a_malformed_file_reports_the_error_and_keeps_linting() {
    let dir = temp_project(&[(
        "Dockerfile",
        "FROM alpine:3.20\nRUNN echo broken\nUSER root\n",
    )]);
    let out = keelson(&["check", "--format", "json", "."], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let doc = json(&out);
    let rules = rules_of(&doc);
    assert!(rules.contains(&"K801".to_string()), "{rules:?}");
    assert!(
        rules.contains(&"K201".to_string()),
        "the USER after the bad line was still linted: {rules:?}"
    );
}

#[test]
fn severity_threshold_sets_the_exit_code() {
    let dir = temp_project(&[("Dockerfile", "FROM alpine:3.20\nUSER app\n")]);
    // Only an info-level finding (tag without digest) is left.
    let out = keelson(&["check", "--severity", "warning", "."], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let out = keelson(&["check", "--severity", "info", "."], dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
}

#[test]
fn config_is_found_by_walking_up_and_applies_overrides() {
    let dir = temp_project(&[
        ("keelson.toml", "ignore = [\"K402\"]\n[[overrides]]\nfiles = [\"legacy/**\"]\nignore = [\"root-user\"]\n"),
        ("app/Dockerfile", "FROM alpine:3.20\n"),
        ("legacy/old/Dockerfile", "FROM alpine:3.20\n"),
    ]);
    let out = keelson(&["check", "--format", "json", "."], dir.path());
    let doc = json(&out);
    let diags = doc["diagnostics"].as_array().cloned().unwrap_or_default();
    let files: Vec<(&str, &str)> = diags
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap_or(""),
                d["rule"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(files, vec![("app/Dockerfile", "K201")], "{files:?}");
}

#[test]
fn directory_discovery_honours_gitignore_and_finds_hidden_dirs() {
    let dir = temp_project(&[
        (".gitignore", "ignored/\n"),
        ("ignored/Dockerfile", "FROM alpine:latest\n"),
        (".devcontainer/Dockerfile", "FROM alpine:3.20\nUSER app\n"),
        ("svc/api.Dockerfile", "FROM alpine:3.20\nUSER app\n"),
        ("notes.txt", "FROM alpine:latest\n"),
    ]);
    let out = keelson(
        &["check", "--format", "json", "--select", "K402", "."],
        dir.path(),
    );
    let doc = json(&out);
    let mut files: Vec<String> = doc["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d["file"].as_str().map(str::to_string))
        .collect();
    files.dedup();
    assert_eq!(
        files,
        vec![".devcontainer/Dockerfile", "svc/api.Dockerfile"]
    );
}

#[test]
fn rules_json_lists_every_rule_with_metadata() {
    let out = keelson(&["rules", "--format", "json"], &workspace());
    assert_eq!(out.status.code(), Some(0));
    let doc = json(&out);
    let rules = doc["rules"].as_array().cloned().unwrap_or_default();
    assert!(rules.len() >= 10);
    for r in &rules {
        let code = r["code"].as_str().unwrap_or("");
        assert!(code.len() == 4 && code.starts_with('K'), "{code}");
        assert!(r["summary"].as_str().is_some_and(|s| !s.is_empty()));
        assert!(r["peers"].is_array());
    }
}

#[test]
fn explain_prints_the_documentation_and_rejects_unknown_rules() {
    let out = keelson(&["explain", "root-user"], &workspace());
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stdout(&out).starts_with("# K201 root-user"),
        "{}",
        stdout(&out)
    );
    let out = keelson(&["explain", "K999"], &workspace());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no rule is called `K999`"));
}

#[test]
fn color_is_off_when_piped_and_on_when_forced() {
    let plain = keelson(&["check", "examples/webapp/Dockerfile"], &workspace());
    assert!(
        !stdout(&plain).contains('\u{1b}'),
        "ANSI codes in piped output"
    );
    let forced = keelson(
        &["check", "--color", "always", "examples/webapp/Dockerfile"],
        &workspace(),
    );
    assert!(
        stdout(&forced).contains('\u{1b}'),
        "no ANSI codes with --color always"
    );
}

#[test]
fn pretty_output_shows_source_caret_code_and_help() {
    let dir = temp_project(&[(
        "Dockerfile",
        "FROM alpine:3.20\nRUN apk add --no-cache curl\nUSER root\n",
    )]);
    let out = keelson(
        &[
            "check",
            "--color",
            "never",
            "--select",
            "K201",
            "Dockerfile",
        ],
        dir.path(),
    );
    insta::assert_snapshot!("pretty_root_user", stdout(&out));
}

#[test]
fn output_order_is_deterministic_across_runs() {
    let a = stdout(&keelson(
        &["check", "--format", "json", "examples"],
        &workspace(),
    ));
    let b = stdout(&keelson(
        &["check", "--format", "json", "examples"],
        &workspace(),
    ));
    assert_eq!(a, b);
}

// ---- fixes: --fix, --diff, --unsafe-fixes ----

const UNFIXED_COMPOSE: &str =
    "services:\n  web:\n    image: nginx:1.27 # pinned\n    ports:\n      - \"80:80\"\n";
const FIXED_COMPOSE: &str = "services:\n  web:\n    image: nginx:1.27 # pinned\n    read_only: true\n    ports:\n      - \"80:80\"\n";

#[test]
fn fix_writes_the_fixed_text_and_a_second_run_changes_nothing() {
    let dir = temp_project(&[("compose.yaml", UNFIXED_COMPOSE)]);
    let args = ["check", "--no-config", "--select", "K501", "--fix", "."];
    let out = keelson(&args, dir.path());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("applied 1 fix in 1 file"),
        "{}",
        stderr(&out)
    );
    let path = dir.path().join("compose.yaml");
    assert_eq!(fs::read_to_string(&path).unwrap_or_default(), FIXED_COMPOSE);
    let again = keelson(&args, dir.path());
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert!(!stderr(&again).contains("applied"), "{}", stderr(&again));
    assert_eq!(fs::read_to_string(&path).unwrap_or_default(), FIXED_COMPOSE);
}

#[test]
fn fix_reports_the_findings_it_could_not_fix() {
    // K501 with `read_only: false` only has an unsafe fix: --fix leaves it, and says so.
    let text = "services:\n  web:\n    image: nginx:1.27\n    read_only: false\n";
    let dir = temp_project(&[("compose.yaml", text)]);
    let out = keelson(
        &[
            "check",
            "--no-config",
            "--select",
            "K501",
            "--fix",
            "--format",
            "json",
            ".",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(rules_of(&json(&out)), vec!["K501".to_string()]);
    assert_eq!(
        fs::read_to_string(dir.path().join("compose.yaml")).unwrap_or_default(),
        text
    );
    let unsafe_out = keelson(
        &[
            "check",
            "--no-config",
            "--select",
            "K501",
            "--fix",
            "--unsafe-fixes",
            ".",
        ],
        dir.path(),
    );
    assert_eq!(unsafe_out.status.code(), Some(0), "{}", stderr(&unsafe_out));
    assert!(fs::read_to_string(dir.path().join("compose.yaml"))
        .unwrap_or_default()
        .contains("read_only: true"));
}

#[test]
fn diff_prints_a_unified_diff_and_writes_nothing() {
    let dir = temp_project(&[("compose.yaml", UNFIXED_COMPOSE)]);
    let out = keelson(
        &[
            "check",
            "--no-config",
            "--select",
            "K501",
            "--diff",
            "compose.yaml",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let diff = stdout(&out);
    assert!(
        diff.starts_with("--- a/compose.yaml\n+++ b/compose.yaml\n@@ -1,5 +1,6 @@\n"),
        "{diff}"
    );
    assert!(
        diff.contains("\n     image: nginx:1.27 # pinned\n+    read_only: true\n     ports:\n"),
        "{diff}"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("compose.yaml")).unwrap_or_default(),
        UNFIXED_COMPOSE
    );
    // Nothing to fix: no diff, exit 0.
    let clean = temp_project(&[("compose.yaml", FIXED_COMPOSE)]);
    let none = keelson(
        &["check", "--no-config", "--select", "K501", "--diff", "."],
        clean.path(),
    );
    assert_eq!(none.status.code(), Some(0), "{}", stderr(&none));
    assert_eq!(stdout(&none), "");
}

#[cfg(unix)]
#[test]
fn fix_keeps_permissions_and_leaves_no_temporary_file() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = temp_project(&[("compose.yaml", UNFIXED_COMPOSE)]);
    let path = dir.path().join("compose.yaml");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640))
        .unwrap_or_else(|e| panic!("chmod: {e}"));
    let out = keelson(
        &["check", "--no-config", "--select", "K501", "--fix", "."],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mode = fs::metadata(&path)
        .map(|m| m.permissions().mode() & 0o777)
        .unwrap_or(0);
    assert_eq!(mode, 0o640);
    let names: Vec<String> = fs::read_dir(dir.path())
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(names, vec!["compose.yaml".to_string()]);
}

#[test]
fn fix_removes_sudo_and_keeps_the_comments_around_it() {
    let text = "FROM alpine:3.20\n# install tools\nUSER root\nRUN sudo apk add --no-cache curl # needed\nUSER 10001\n";
    let dir = temp_project(&[("Dockerfile", text)]);
    let out = keelson(
        &["check", "--no-config", "--select", "K202", "--fix", "."],
        dir.path(),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("Dockerfile")).unwrap_or_default(),
        "FROM alpine:3.20\n# install tools\nUSER root\nRUN apk add --no-cache curl # needed\nUSER 10001\n"
    );
}

#[test]
fn fix_refuses_standard_input() {
    let out = keelson_stdin(
        &["check", "--fix", "-", "--stdin-filename", "Dockerfile"],
        &workspace(),
        "FROM alpine\n",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--diff"), "{}", stderr(&out));
}

// ---- hadolint compatibility ----

#[test]
fn a_repo_that_used_hadolint_has_no_findings_for_the_rules_it_ignored() {
    let dockerfile = "FROM ubuntu:latest\n# hadolint ignore=DL3004\nRUN sudo apt-get update\n# hadolint ignore=DL3008,SC2086\nRUN apt-get install -y curl\nUSER 10001\n";
    let hadolint = "ignored:\n  - DL3007   # latest is fine here\n  - DL3059   # keelson has no equivalent\ntrustedRegistries:\n  - docker.io\n";
    let dir = temp_project(&[("Dockerfile", dockerfile), (".hadolint.yaml", hadolint)]);
    let out = keelson(&["check", "--format", "json", "."], dir.path());
    let rules = rules_of(&json(&out));
    for silenced in ["K401", "K202", "K901", "K403"] {
        assert!(
            !rules.contains(&silenced.to_string()),
            "{silenced}: {rules:?}"
        );
    }
    // Without the hadolint config, the ignored rule reports; inline comments still apply.
    let bare = keelson(
        &["check", "--no-config", "--format", "json", "."],
        dir.path(),
    );
    let bare_rules = rules_of(&json(&bare));
    assert!(bare_rules.contains(&"K401".to_string()), "{bare_rules:?}");
    assert!(!bare_rules.contains(&"K202".to_string()), "{bare_rules:?}");
    // A keelson.toml wins over .hadolint.yaml.
    fs::write(dir.path().join("keelson.toml"), "ignore = []\n")
        .unwrap_or_else(|e| panic!("write: {e}"));
    let own = keelson(&["check", "--format", "json", "."], dir.path());
    assert!(rules_of(&json(&own)).contains(&"K401".to_string()));
}

#[test]
fn hadolint_failure_threshold_sets_the_exit_code_unless_the_command_line_does() {
    let dockerfile = "FROM ubuntu:latest\nUSER 10001\n";
    let dir = temp_project(&[
        ("Dockerfile", dockerfile),
        (".hadolint.yaml", "failure-threshold: error\n"),
    ]);
    let out = keelson(&["check", "--select", "K401", "."], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("K401"), "{}", stdout(&out));
    let strict = keelson(
        &["check", "--select", "K401", "--severity", "info", "."],
        dir.path(),
    );
    assert_eq!(strict.status.code(), Some(1));
}
