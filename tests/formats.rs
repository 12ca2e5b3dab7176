//! End-to-end tests of the CI output formats: each is checked by a real parser and against a
//! schema (tests/schemas/), and the text forms by snapshots.

mod support;

use std::fs;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

use support::{json_of, keelson, stderr, stdout, temp_project, workspace};

/// A project whose file names need escaping in every format: `&`, `<`, `>`, quotes, `,`, `:`
/// and `%`.
const AWKWARD_DIR: &str = "we,ird:%&<\"'>";

fn awkward_project() -> tempfile::TempDir {
    temp_project(&[
        ("Dockerfile", "FROM alpine:latest\nUSER root\n"),
        (
            &format!("{AWKWARD_DIR}/Dockerfile"),
            "FROM alpine:3.20\nRUN echo hi\nUSER root\n",
        ),
        (
            "compose.yaml",
            "services:\n  web:\n    image: nginx:1.27\n    privileged: true\n",
        ),
    ])
}

/// The JSON-format findings of a run, for comparing another format against.
fn json_diagnostics(cwd: &Path) -> Vec<Value> {
    let out = keelson(&["check", "--format", "json", "."], cwd);
    json_of(&stdout(&out))["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn validate_json(doc: &Value, schema_file: &str) {
    let text = fs::read_to_string(workspace().join("tests/schemas").join(schema_file))
        .unwrap_or_else(|e| panic!("schema {schema_file}: {e}"));
    let schema = json_of(&text);
    let validator =
        jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("schema compiles: {e}"));
    let errors: Vec<String> = validator
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "invalid against {schema_file}:\n{}",
        errors.join("\n")
    );
}

/// Validates `xml` against an XSD with xmllint; skips (with a note) when xmllint is missing.
fn validate_xsd(xml: &str, xsd: &str) {
    let Ok(probe) = Command::new("xmllint").arg("--version").output() else {
        eprintln!("xmllint not installed: skipping XSD validation against {xsd}");
        return;
    };
    assert!(probe.status.success() || !probe.stderr.is_empty());
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let file = dir.path().join("report.xml");
    fs::write(&file, xml).unwrap_or_else(|e| panic!("write: {e}"));
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(workspace().join("tests/schemas").join(xsd))
        .arg(&file)
        .output()
        .unwrap_or_else(|e| panic!("xmllint: {e}"));
    assert!(
        out.status.success(),
        "not valid against {xsd}:\n{}\n{xml}",
        stderr(&out)
    );
}

fn parse_xml(text: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("not XML ({e}):\n{text}"))
}

fn attr<'a>(node: roxmltree::Node<'a, '_>, name: &str) -> &'a str {
    node.attribute(name)
        .unwrap_or_else(|| panic!("<{}> lacks {name}", node.tag_name().name()))
}

#[test]
fn checkstyle_is_well_formed_valid_and_lists_every_finding() {
    let dir = awkward_project();
    let expected = json_diagnostics(dir.path());
    let out = keelson(&["check", "--format", "checkstyle", "."], dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    validate_xsd(&text, "checkstyle.xsd");
    let doc = parse_xml(&text);
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "checkstyle");
    let mut seen = Vec::new();
    for file in root.children().filter(|n| n.is_element()) {
        assert_eq!(file.tag_name().name(), "file");
        for e in file.children().filter(|n| n.is_element()) {
            seen.push((
                attr(file, "name").to_string(),
                attr(e, "line").parse::<u64>().unwrap_or(0),
                attr(e, "column").parse::<u64>().unwrap_or(0),
                attr(e, "source").to_string(),
                attr(e, "severity").to_string(),
            ));
        }
    }
    let want: Vec<_> = expected
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap_or("").to_string(),
                d["line"].as_u64().unwrap_or(0),
                d["column"].as_u64().unwrap_or(0),
                format!("keelson.{}", d["rule"].as_str().unwrap_or("")),
                d["severity"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    seen.sort();
    let mut want = want;
    want.sort();
    assert_eq!(seen, want);
    assert!(
        seen.iter()
            .any(|s| s.0 == format!("{AWKWARD_DIR}/Dockerfile")),
        "the awkward path did not survive escaping: {seen:?}"
    );
}

#[test]
fn junit_is_valid_against_the_junit_xsd_with_a_failure_per_finding() {
    let dir = awkward_project();
    let expected = json_diagnostics(dir.path());
    let out = keelson(&["check", "--format", "junit", "."], dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    validate_xsd(&text, "junit.xsd");
    let doc = parse_xml(&text);
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    assert_eq!(attr(root, "failures"), expected.len().to_string());
    let mut failures = 0;
    for suite in root.children().filter(|n| n.has_tag_name("testsuite")) {
        let cases: Vec<_> = suite
            .children()
            .filter(|n| n.has_tag_name("testcase"))
            .collect();
        assert_eq!(attr(suite, "tests"), cases.len().to_string());
        for case in cases {
            assert_eq!(attr(case, "classname"), attr(suite, "name"));
            let failure = case
                .children()
                .find(|n| n.has_tag_name("failure"))
                .unwrap_or_else(|| panic!("testcase without failure"));
            assert!(!attr(failure, "message").is_empty());
            failures += 1;
        }
    }
    assert_eq!(failures, expected.len());
    assert!(text.contains("&amp;&lt;&quot;&apos;&gt;"), "{text}");
}

#[test]
fn junit_of_a_clean_run_has_one_passing_test() {
    let dir = temp_project(&[("Dockerfile", "FROM alpine:3.20\nUSER app\n")]);
    let out = keelson(
        &["check", "--format", "junit", "--select", "K201", "."],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    validate_xsd(&text, "junit.xsd");
    let doc = parse_xml(&text);
    let cases: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 1);
    assert_eq!(cases[0].children().filter(|n| n.is_element()).count(), 0);
}

#[test]
fn codeclimate_is_valid_gitlab_code_quality_with_unique_fingerprints() {
    let dir = awkward_project();
    let expected = json_diagnostics(dir.path());
    let out = keelson(&["check", "--format", "codeclimate", "."], dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let doc = json_of(&stdout(&out));
    validate_json(&doc, "gitlab-codequality.schema.json");
    let issues = doc.as_array().cloned().unwrap_or_default();
    assert_eq!(issues.len(), expected.len());
    let mut prints: Vec<&str> = issues
        .iter()
        .filter_map(|i| i["fingerprint"].as_str())
        .collect();
    prints.sort_unstable();
    prints.dedup();
    assert_eq!(prints.len(), issues.len(), "fingerprints collide");
    for (issue, d) in issues.iter().zip(&expected) {
        assert_eq!(issue["location"]["path"], d["file"]);
        assert_eq!(issue["location"]["lines"]["begin"], d["line"]);
        let want = match d["severity"].as_str() {
            Some("error") => "critical",
            Some("warning") => "major",
            _ => "info",
        };
        assert_eq!(issue["severity"], want);
    }
}

#[test]
fn gitlab_sast_is_valid_against_the_15_x_report_schema() {
    let dir = awkward_project();
    let expected = json_diagnostics(dir.path());
    let out = keelson(&["check", "--format", "gitlab", "."], dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let doc = json_of(&stdout(&out));
    validate_json(&doc, "gitlab-sast-15.schema.json");
    let vulns = doc["vulnerabilities"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(vulns.len(), expected.len());
    let mut ids: Vec<&str> = vulns.iter().filter_map(|v| v["id"].as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), vulns.len(), "ids collide");
    for (v, d) in vulns.iter().zip(&expected) {
        assert_eq!(v["location"]["file"], d["file"]);
        assert_eq!(v["location"]["start_line"], d["line"]);
        assert_eq!(v["identifiers"][0]["value"], d["rule"]);
    }
}

/// One parsed workflow command.
#[derive(Debug, PartialEq)]
struct WorkflowCommand {
    command: String,
    properties: Vec<(String, String)>,
    message: String,
}

/// Undoes the workflow-command percent-encoding.
fn unescape(s: &str) -> String {
    s.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
}

/// Parses `::command k=v,k=v::message` as GitHub's runner does; `None` when the line is not a
/// well-formed command (an unescaped `,` or `:` in a value breaks it).
fn parse_workflow_command(line: &str) -> Option<WorkflowCommand> {
    let rest = line.strip_prefix("::")?;
    let (head, message) = rest.split_once("::")?;
    let (command, props) = match head.split_once(' ') {
        Some((c, p)) => (c, p),
        None => (head, ""),
    };
    let mut properties = Vec::new();
    for pair in props.split(',').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=')?;
        if v.contains(':') {
            return None;
        }
        properties.push((k.to_string(), unescape(v)));
    }
    Some(WorkflowCommand {
        command: command.to_string(),
        properties,
        message: unescape(message),
    })
}

#[test]
fn github_annotations_parse_back_to_the_findings() {
    let dir = awkward_project();
    let expected = json_diagnostics(dir.path());
    let out = keelson(&["check", "--format", "github", "."], dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    let commands: Vec<WorkflowCommand> = text
        .lines()
        .map(|l| parse_workflow_command(l).unwrap_or_else(|| panic!("malformed: {l}")))
        .collect();
    assert_eq!(commands.len(), expected.len());
    for (c, d) in commands.iter().zip(&expected) {
        let prop = |k: &str| {
            c.properties
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
                .unwrap_or_else(|| panic!("no {k} in {c:?}"))
        };
        let want = match d["severity"].as_str() {
            Some("error") => "error",
            Some("warning") => "warning",
            _ => "notice",
        };
        assert_eq!(c.command, want);
        assert_eq!(prop("file"), d["file"].as_str().unwrap_or(""));
        assert_eq!(prop("line"), d["line"].to_string());
        assert_eq!(prop("col"), d["column"].to_string());
        assert_eq!(prop("endLine"), d["end_line"].to_string());
        assert!(prop("title").starts_with(d["rule"].as_str().unwrap_or("?")));
        assert!(c.message.starts_with(d["message"].as_str().unwrap_or("?")));
    }
    assert!(
        text.contains("file=we%2Cird%3A%25&<\"'>/Dockerfile"),
        "path not escaped:\n{text}"
    );
}

#[test]
fn github_message_escaping_keeps_colons_and_encodes_newlines() {
    let dir = awkward_project();
    let out = keelson(&["check", "--format", "github", "Dockerfile"], dir.path());
    let text = stdout(&out);
    for line in text.lines() {
        let message = line.splitn(3, "::").nth(2).unwrap_or("");
        assert!(!message.contains('\r'));
        // The help line is joined with an encoded newline, never a raw one.
        assert!(message.contains("%0Ahelp: "), "{line}");
    }
}

#[test]
fn concise_output_snapshot() {
    let dir = awkward_project();
    // Two long-settled rules keep the snapshot about the format, not about rule wording.
    let out = keelson(
        &["check", "--format", "concise", "--select", "K201,K203", "."],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    insta::assert_snapshot!("concise", stdout(&out));
}

#[test]
fn github_output_snapshot() {
    let dir = awkward_project();
    let out = keelson(
        &["check", "--format", "github", "--select", "K201,K203", "."],
        dir.path(),
    );
    insta::assert_snapshot!("github", stdout(&out));
}

#[test]
fn concise_lines_match_the_json_findings() {
    let dir = awkward_project();
    let expected = json_diagnostics(dir.path());
    let out = keelson(&["check", "--format", "concise", "."], dir.path());
    let lines: Vec<String> = stdout(&out).lines().map(str::to_string).collect();
    let want: Vec<String> = expected
        .iter()
        .map(|d| {
            format!(
                "{}:{}:{}: {} [{}] {}",
                d["file"].as_str().unwrap_or(""),
                d["line"],
                d["column"],
                d["rule"].as_str().unwrap_or(""),
                d["severity"].as_str().unwrap_or(""),
                d["message"].as_str().unwrap_or("")
            )
        })
        .collect();
    assert_eq!(lines, want);
}
