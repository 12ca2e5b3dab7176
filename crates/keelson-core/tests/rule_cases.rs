//! Runs every rule's cases in `rules/<code>-<name>/`.
//!
//! A case is a file in `bad/` or `good/` (`*.Dockerfile` is linted as a Dockerfile, `*.yaml` /
//! `*.yml` as a compose file), or a folder holding several files (the entry point is its
//! `compose.yaml`, `docker-compose.yml` or `Dockerfile`; every file in the folder is readable, so
//! `.env`, `extends` and `build` work). The default rules run, plus the rule under test; only
//! the findings of the rule under test are compared. An optional `<case>.toml`
//! beside a file case, or `keelson.toml` inside a folder case, adds configuration.
//!
//! A bad case lists its expected diagnostics in `<case>.expected` (folder: `<case>/expected`),
//! one per line: `LINE:COL-END_LINE:END_COL CODE message` (folder cases prefix the file:
//! `file:LINE:COL-…`). A good case must produce none. `UPDATE_EXPECT=1` rewrites the expected
//! files from the actual output, for review in the diff.
//! `RULE_CASES_ONLY=K2,K60` limits both to the rules whose code starts with one of the prefixes.

use std::fs;
use std::path::{Path, PathBuf};

use keelson_core::{
    Config, FileKind, LintOptions, LintRequest, Linter, MemoryFileSource, Registry, SelectionLayer,
};

fn rules_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules")
}

struct Case {
    path: PathBuf,
    bad: bool,
}

fn cases_of(rule_dir: &Path) -> Vec<Case> {
    let mut out = Vec::new();
    for (sub, bad) in [("bad", true), ("good", false)] {
        let Ok(entries) = fs::read_dir(rule_dir.join(sub)) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if path.is_dir()
                || name.ends_with(".Dockerfile")
                || name.ends_with(".yaml")
                || name.ends_with(".yml")
            {
                out.push(Case { path, bad });
            }
        }
    }
    out
}

/// Runs one case with only `code` selected; returns rendered diagnostic lines.
fn run_case(linter: &Linter, code: &str, case: &Case) -> Result<Vec<String>, String> {
    let mut files = MemoryFileSource::new();
    let (entry, text, config_text, prefix_files) = if case.path.is_dir() {
        let mut entry = None;
        for e in walk(&case.path) {
            let rel = e
                .strip_prefix(&case.path)
                .map_err(|e| e.to_string())?
                .to_path_buf();
            let text = fs::read_to_string(&e).map_err(|err| format!("{}: {err}", e.display()))?;
            files.insert(rel.clone(), text);
        }
        for candidate in [
            "compose.yaml",
            "compose.yml",
            "docker-compose.yml",
            "docker-compose.yaml",
            "Dockerfile",
        ] {
            if case.path.join(candidate).is_file() {
                entry = Some(PathBuf::from(candidate));
                break;
            }
        }
        let entry =
            entry.ok_or("folder case has no compose.yaml, docker-compose.yml or Dockerfile")?;
        let text = fs::read_to_string(case.path.join(&entry)).map_err(|e| e.to_string())?;
        let config = fs::read_to_string(case.path.join("keelson.toml")).ok();
        (entry, text, config, true)
    } else {
        let text = fs::read_to_string(&case.path).map_err(|e| e.to_string())?;
        let name = PathBuf::from(case.path.file_name().unwrap_or_default());
        files.insert(name.clone(), text.clone());
        let config = fs::read_to_string(case.path.with_extension(format!(
            "{}.toml",
            case.path.extension().and_then(|e| e.to_str()).unwrap_or("")
        )))
        .ok();
        (name, text, config, false)
    };
    let kind = if entry.to_string_lossy().ends_with("Dockerfile") {
        FileKind::Dockerfile
    } else {
        FileKind::Compose
    };
    let registry = linter.registry();
    let config = match config_text {
        Some(t) => Config::parse(&t, None, registry).map_err(|e| e.to_string())?,
        None => Config::default(),
    };
    // Every default rule runs (so rules that judge other rules' findings, like unused
    // suppressions, see them), plus the rule under test even when it is off by default; only
    // its findings are compared.
    let only = SelectionLayer::from_cli(registry, &[], &[code.to_string()], &[])
        .map_err(|e| e.to_string())?;
    let out = linter.lint(&LintRequest {
        path: &entry,
        text: &text,
        kind,
        config: &config,
        extra: Some(&only),
        files: &files,
        options: &LintOptions::default(),
    });
    Ok(out
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| {
            let file = if prefix_files {
                format!("{}:", d.file.display())
            } else {
                String::new()
            };
            format!(
                "{file}{}:{}-{}:{} {} {}",
                d.start.line, d.start.column, d.end.line, d.end.column, d.code, d.message
            )
        })
        .collect())
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else if p.file_name().is_some_and(|n| n != "expected") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn expected_path(case: &Case) -> PathBuf {
    if case.path.is_dir() {
        case.path.join("expected")
    } else {
        let mut p = case.path.clone().into_os_string();
        p.push(".expected");
        PathBuf::from(p)
    }
}

#[test]
fn every_rule_case_produces_exactly_its_expected_diagnostics() {
    let linter = Linter::new();
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut failures = Vec::new();
    let mut counted = 0;
    // `RULE_CASES_ONLY=K2,K60` runs (and with `UPDATE_EXPECT`, rewrites) only the cases of
    // rules whose code starts with one of the prefixes.
    let only: Vec<String> = std::env::var("RULE_CASES_ONLY")
        .map(|v| v.split(',').map(|s| s.trim().to_string()).collect())
        .unwrap_or_default();
    for rule in linter.registry().iter() {
        let meta = rule.meta();
        if !only.is_empty() && !only.iter().any(|p| meta.code.starts_with(p.as_str())) {
            continue;
        }
        let dir = rules_dir().join(format!("{}-{}", meta.code, meta.name));
        for case in cases_of(&dir) {
            counted += 1;
            let label = case
                .path
                .strip_prefix(rules_dir())
                .unwrap_or(&case.path)
                .display()
                .to_string();
            let actual = match run_case(&linter, meta.code, &case) {
                Ok(a) => a,
                Err(e) => {
                    failures.push(format!("{label}: {e}"));
                    continue;
                }
            };
            if case.bad {
                let exp_path = expected_path(&case);
                if update {
                    let mut text = actual.join("\n");
                    text.push('\n');
                    let _ = fs::write(&exp_path, text);
                    continue;
                }
                let expected: Vec<String> = fs::read_to_string(&exp_path)
                    .unwrap_or_default()
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(str::to_string)
                    .collect();
                if expected.is_empty() {
                    failures.push(format!(
                        "{label}: bad case has no expected diagnostics ({})",
                        exp_path.display()
                    ));
                } else if expected != actual {
                    failures.push(format!(
                        "{label}:\n  expected:\n    {}\n  actual:\n    {}",
                        expected.join("\n    "),
                        if actual.is_empty() {
                            "(nothing)".to_string()
                        } else {
                            actual.join("\n    ")
                        }
                    ));
                }
            } else if !actual.is_empty() {
                failures.push(format!(
                    "{label}: good case reported:\n    {}",
                    actual.join("\n    ")
                ));
            }
        }
    }
    assert!(
        counted > 0,
        "no rule cases found under {}",
        rules_dir().display()
    );
    assert!(
        failures.is_empty(),
        "{} of {counted} rule cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_rule_has_a_folder_with_at_least_three_bad_and_three_good_cases() {
    let registry = Registry::builtin();
    let mut problems = Vec::new();
    for rule in registry.iter() {
        let m = rule.meta();
        let dir = rules_dir().join(format!("{}-{}", m.code, m.name));
        let cases = cases_of(&dir);
        let bad = cases.iter().filter(|c| c.bad).count();
        let good = cases.len() - bad;
        if bad < 3 || good < 3 {
            problems.push(format!("{}-{}: {bad} bad, {good} good", m.code, m.name));
        }
    }
    assert!(
        problems.is_empty(),
        "rules with too few cases:\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_rule_folder_belongs_to_a_rule() {
    let registry = Registry::builtin();
    let known: Vec<String> = registry
        .iter()
        .map(|r| format!("{}-{}", r.meta().code, r.meta().name))
        .collect();
    let mut orphans = Vec::new();
    for entry in fs::read_dir(rules_dir()).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if entry.path().is_dir() && !known.contains(&name) {
            orphans.push(name);
        }
    }
    assert!(
        orphans.is_empty(),
        "rule folders without a rule: {orphans:?}"
    );
}
