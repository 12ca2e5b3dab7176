//! End-to-end tests of what adopting keelson in an existing codebase needs: the baseline,
//! `--exit-zero`, `--statistics`, `keelson init` and the keelson.toml JSON Schema, and the
//! install-time extras (`--version`, completions, man page).

mod support;

use std::fs;
use std::path::PathBuf;
use std::process::Output;

use serde_json::Value;

use support::{json_of, keelson, stderr, stdout, temp_project, workspace, write};

/// (rule, file, line) of each finding of a JSON run.
fn findings(out: &Output) -> Vec<(String, String, u64)> {
    json_of(&stdout(out))["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| {
            (
                d["rule"].as_str().unwrap_or("").to_string(),
                d["file"].as_str().unwrap_or("").to_string(),
                d["line"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

const ROOT_DOCKERFILE: &str = "FROM alpine:3.20\nRUN apk add --no-cache curl\nUSER root\n";

#[test]
fn write_baseline_records_findings_and_a_later_run_reports_none() {
    let dir = temp_project(&[("svc/Dockerfile", ROOT_DOCKERFILE)]);
    let out = keelson(
        &[
            "check",
            "--baseline",
            "keelson-baseline.json",
            "--write-baseline",
            ".",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let baseline = json_of(
        &fs::read_to_string(dir.path().join("keelson-baseline.json"))
            .unwrap_or_else(|e| panic!("baseline not written: {e}")),
    );
    let recorded = baseline["findings"].as_array().map_or(0, Vec::len);
    assert!(recorded > 0, "{baseline}");
    assert_eq!(baseline["findings"][0]["file"], "svc/Dockerfile");

    let out = keelson(
        &[
            "check",
            "--format",
            "json",
            "--baseline",
            "keelson-baseline.json",
            ".",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(findings(&out), vec![]);
}

#[test]
fn a_baselined_finding_moved_down_stays_hidden_and_new_ones_are_reported() {
    let dir = temp_project(&[(
        "Dockerfile",
        "FROM alpine:3.20\nRUN sudo apk add curl\nUSER app\n",
    )]);
    let args = ["--select", "K202", "--baseline", "base.json"];
    let out = keelson(
        &[&["check"], &args[..], &["--write-baseline", "."]].concat(),
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    // Lines inserted above move the baselined `sudo` from line 2 to line 5 (and re-indent it);
    // line 6 is a new `sudo`; line 7 repeats the baselined line, which makes it a second
    // occurrence, so it is new too.
    write(
        &dir.path().join("Dockerfile"),
        "# syntax=docker/dockerfile:1\n# A comment that moves everything down.\nFROM alpine:3.20\nRUN true\nRUN   sudo apk add curl\nRUN sudo rm -rf /tmp/cache\nRUN sudo apk add curl\nUSER app\n",
    );
    let out = keelson(
        &[&["check", "--format", "json"], &args[..], &["."]].concat(),
        dir.path(),
    );
    assert_eq!(
        findings(&out),
        vec![
            ("K202".to_string(), "Dockerfile".to_string(), 6),
            ("K202".to_string(), "Dockerfile".to_string(), 7)
        ],
        "{}",
        stdout(&out)
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_changed_line_is_a_new_finding() {
    let dir = temp_project(&[("Dockerfile", ROOT_DOCKERFILE)]);
    let args = ["--select", "K201", "--baseline", "base.json"];
    keelson(
        &[&["check"], &args[..], &["--write-baseline", "."]].concat(),
        dir.path(),
    );
    write(
        &dir.path().join("Dockerfile"),
        "FROM alpine:3.20\nRUN apk add --no-cache curl\nUSER 0\n",
    );
    let out = keelson(
        &[&["check", "--format", "json"], &args[..], &["."]].concat(),
        dir.path(),
    );
    assert_eq!(
        findings(&out),
        vec![("K201".to_string(), "Dockerfile".to_string(), 3)]
    );
}

#[test]
fn baseline_paths_are_relative_to_the_baseline_file_not_the_working_directory() {
    let dir = temp_project(&[("repo/app/Dockerfile", ROOT_DOCKERFILE)]);
    let repo = dir.path().join("repo");
    let out = keelson(
        &[
            "check",
            "--baseline",
            "ci/baseline.json",
            "--write-baseline",
            "app",
        ],
        &repo,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // The same files, linted from another directory with other relative paths.
    let out = keelson(
        &[
            "check",
            "--format",
            "json",
            "--baseline",
            "../ci/baseline.json",
            ".",
        ],
        &repo.join("app"),
    );
    assert_eq!(findings(&out), vec![], "{}", stdout(&out));
}

#[test]
fn a_missing_baseline_is_an_error_that_says_how_to_create_it() {
    let dir = temp_project(&[("Dockerfile", ROOT_DOCKERFILE)]);
    let out = keelson(&["check", "--baseline", "nope.json", "."], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--write-baseline"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn write_baseline_requires_baseline() {
    let dir = temp_project(&[("Dockerfile", ROOT_DOCKERFILE)]);
    let out = keelson(&["check", "--write-baseline", "."], dir.path());
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn exit_zero_reports_findings_but_exits_zero() {
    let dir = temp_project(&[("Dockerfile", ROOT_DOCKERFILE)]);
    let out = keelson(
        &["check", "--format", "json", "--exit-zero", "."],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(!findings(&out).is_empty());
}

#[test]
fn exit_zero_still_exits_two_on_errors() {
    let dir = temp_project(&[("Dockerfile", ROOT_DOCKERFILE)]);
    let out = keelson(&["check", "--exit-zero", "missing/Dockerfile"], dir.path());
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn statistics_count_findings_per_rule_most_frequent_first() {
    let json = keelson(&["check", "--format", "json", "examples"], &workspace());
    let mut want: std::collections::BTreeMap<String, u64> = Default::default();
    for (rule, _, _) in findings(&json) {
        *want.entry(rule).or_insert(0) += 1;
    }
    let out = keelson(
        &["check", "--statistics", "--format", "json", "examples"],
        &workspace(),
    );
    assert_eq!(out.status.code(), Some(1));
    let rows = json_of(&stdout(&out))
        .as_array()
        .cloned()
        .unwrap_or_default();
    let got: std::collections::BTreeMap<String, u64> = rows
        .iter()
        .map(|r| {
            (
                r["code"].as_str().unwrap_or("").to_string(),
                r["count"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(got, want);
    let counts: Vec<u64> = rows.iter().filter_map(|r| r["count"].as_u64()).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    assert!(rows.iter().all(|r| r["name"].as_str().is_some()));
}

#[test]
fn statistics_text_lists_count_code_and_name() {
    let dir = temp_project(&[
        ("a/Dockerfile", ROOT_DOCKERFILE),
        ("b/Dockerfile", ROOT_DOCKERFILE),
    ]);
    let out = keelson(
        &["check", "--statistics", "--select", "K201", "."],
        dir.path(),
    );
    assert_eq!(
        stdout(&out),
        "2  K201  root-user\nFound 2 problems in 1 rule.\n"
    );
}

#[test]
fn version_shows_the_package_version_and_a_commit() {
    let out = keelson(&["--version"], &workspace());
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let prefix = format!("keelson {} (", env!("CARGO_PKG_VERSION"));
    assert!(text.starts_with(&prefix), "{text}");
    let commit = text
        .trim_end()
        .strip_prefix(&prefix)
        .and_then(|r| r.strip_suffix(')'))
        .unwrap_or("");
    assert!(
        commit == "unknown" || commit.chars().all(|c| c.is_ascii_hexdigit()) && commit.len() >= 7,
        "{text}"
    );
}

#[test]
fn completions_are_generated_for_each_shell() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef keelson"),
        ("fish", "complete -c keelson"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion"),
    ] {
        let out = keelson(&["completions", shell], &workspace());
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let text = stdout(&out);
        assert!(text.contains(marker), "{shell}: no `{marker}`");
        assert!(
            text.contains("--baseline"),
            "{shell}: check's options missing"
        );
    }
}

#[test]
fn the_man_page_is_roff_and_documents_the_subcommands() {
    let out = keelson(&["man"], &workspace());
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(
        text.starts_with(".ie") || text.contains(".TH keelson"),
        "{text}"
    );
    for needle in [
        ".SH NAME",
        "check",
        "\\-\\-format",
        "\\-\\-baseline",
        "init",
    ] {
        assert!(text.contains(needle), "man page lacks {needle}");
    }
}

#[test]
fn init_writes_a_config_and_never_overwrites_without_force() {
    let dir = temp_project(&[("Dockerfile", ROOT_DOCKERFILE)]);
    let out = keelson(&["init"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let path = dir.path().join("keelson.toml");
    let written = fs::read_to_string(&path).unwrap_or_default();
    assert!(written.starts_with("# keelson configuration"), "{written}");
    // keelson reads the file it wrote.
    let out = keelson(&["check", "--config", "keelson.toml", "."], dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));

    fs::write(&path, "ignore = [\"K201\"]\n").unwrap_or_else(|e| panic!("{e}"));
    let out = keelson(&["init"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    assert_eq!(
        fs::read_to_string(&path).unwrap_or_default(),
        "ignore = [\"K201\"]\n"
    );

    let out = keelson(&["init", "--force", "."], dir.path());
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(fs::read_to_string(&path).unwrap_or_default(), written);
}

fn schema_path() -> PathBuf {
    workspace().join("docs/keelson.schema.json")
}

fn generated_schema() -> String {
    let mut text = serde_json::to_string_pretty(&keelson_core::config::json_schema())
        .unwrap_or_else(|e| panic!("{e}"));
    text.push('\n');
    text
}

#[test]
fn the_published_config_schema_matches_the_generated_one() {
    let generated = generated_schema();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        write(&schema_path(), &generated);
        return;
    }
    let published = fs::read_to_string(schema_path()).unwrap_or_default();
    assert!(
        published == generated,
        "docs/keelson.schema.json is out of date: run `UPDATE_SCHEMA=1 cargo test -p keelson-cli --test adoption`"
    );
}

fn validator() -> jsonschema::Validator {
    let schema = json_of(&generated_schema());
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("schema compiles: {e}"))
}

fn toml_to_json(text: &str) -> Value {
    let value: toml::Value = toml::from_str(text).unwrap_or_else(|e| panic!("TOML: {e}"));
    serde_json::to_value(value).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_config_schema_accepts_real_configs_and_rejects_what_the_parser_rejects() {
    let validator = validator();
    let good = [
        "",
        "select = [\"all\"]\nignore = [\"K901\"]\n[severity]\nK402 = \"error\"\nbest-practice = \"info\"\n",
        "[options]\ntrusted-registries = [\"ghcr.io/acme\"]\nrequire-digest = true\n[[overrides]]\nfiles = [\"legacy/**\"]\nignore = [\"K201\"]\nseverity = { K401 = \"info\" }\n",
    ];
    for text in good {
        let errors: Vec<String> = validator
            .iter_errors(&toml_to_json(text))
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{text}: {errors:?}");
        assert_eq!(
            keelson(
                &["check", "--select", "K201", "--config", "k.toml", "."],
                temp_with_config(text).path()
            )
            .status
            .code(),
            Some(0),
            "the parser rejects a config the schema accepts:\n{text}"
        );
    }
    let bad = [
        "selct = [\"all\"]\n",
        "[severity]\nK402 = \"fatal\"\n",
        "[options]\nrequire-digest = \"yes\"\n",
        "[[overrides]]\nignore = [\"K201\"]\n",
    ];
    for text in bad {
        assert!(
            !validator.is_valid(&toml_to_json(text)),
            "schema accepts {text}"
        );
        assert_eq!(
            keelson(
                &["check", "--select", "K201", "--config", "k.toml", "."],
                temp_with_config(text).path()
            )
            .status
            .code(),
            Some(2),
            "the parser accepts a config the schema rejects:\n{text}"
        );
    }
}

/// A project with a Dockerfile that has no K201 finding and `text` as `k.toml`.
fn temp_with_config(text: &str) -> tempfile::TempDir {
    temp_project(&[
        ("k.toml", text),
        ("Dockerfile", "FROM alpine:3.20\nUSER app\n"),
    ])
}

#[test]
fn the_init_template_validates_against_the_schema() {
    let dir = temp_project(&[]);
    keelson(&["init"], dir.path());
    let text = fs::read_to_string(dir.path().join("keelson.toml")).unwrap_or_default();
    assert!(validator().is_valid(&toml_to_json(&text)));
}

#[test]
fn the_readme_config_example_validates_against_the_schema() {
    let readme = fs::read_to_string(workspace().join("README.md")).unwrap_or_default();
    let section = readme
        .split("## Configuration")
        .nth(1)
        .unwrap_or_else(|| panic!("README has no Configuration section"));
    let example = section
        .split("```toml\n")
        .nth(1)
        .and_then(|s| s.split("```").next())
        .unwrap_or_else(|| panic!("no toml example in the Configuration section"));
    let errors: Vec<String> = validator()
        .iter_errors(&toml_to_json(example))
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:?}\n{example}");
}
