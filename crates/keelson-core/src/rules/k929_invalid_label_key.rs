//! K929 invalid-label-key: a `LABEL` key that breaks Docker's key format (lower-case letters,
//! digits, `.` and `-`; no reserved namespace). See `rules/K929-invalid-label-key/README.md`.

use keelson_syntax::dockerfile::InstructionArgs;

use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::BestPractice,
    severity: Severity::Info,
    enabled_by_default: false,
    file_kinds: DOCKERFILE,
    peers: &[peer("hadolint", "DL3048")],
    fixable: false,
};

pub(crate) struct InvalidLabelKey;
pub(crate) static RULE: InvalidLabelKey = InvalidLabelKey;

/// Namespaces Docker keeps for itself.
const RESERVED: &[&str] = &["com.docker.", "io.docker.", "org.dockerproject."];

impl Check for InvalidLabelKey {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for ins in cx.syntax.instructions() {
            let ins = ins.onbuild_inner().unwrap_or(ins);
            let InstructionArgs::Label(kv) = &ins.view else {
                continue;
            };
            for pair in &kv.pairs {
                let key = unquote(&pair.key.raw);
                let Some(problem) = problem(key) else {
                    continue;
                };
                out.report(
                    pair.key.span,
                    format!("label key `{key}` {problem}"),
                )
                .help(
                    "use lower-case letters, digits, `.` and `-`, prefixed with the reverse DNS \
                     name of a domain you own (`org.example.build-id`) or an \
                     `org.opencontainers.image.*` key",
                );
            }
        }
    }
}

/// What is wrong with `key`, if anything.
fn problem(key: &str) -> Option<&'static str> {
    if key.contains('$') {
        return None;
    }
    if key.is_empty() {
        return Some("is empty");
    }
    if RESERVED.iter().any(|r| key.starts_with(r)) {
        return Some(
            "is in a namespace Docker reserves for itself (`com.docker.`, `io.docker.`, \
             `org.dockerproject.`): Docker's own labels may clash with it",
        );
    }
    if key.chars().any(|c| c.is_ascii_uppercase()) {
        return Some(
            "has upper-case letters: keys should be lower case, so that tools that filter by \
             label do not miss it because of case",
        );
    }
    if !key
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-')
    {
        return Some(
            "has characters outside Docker's key format, which allows only lower-case letters, \
             digits, `.` and `-`",
        );
    }
    if !key.starts_with(|c: char| c.is_ascii_lowercase()) {
        return Some("does not start with a letter, as Docker's key format asks");
    }
    if !key.ends_with(|c: char| c.is_ascii_alphanumeric()) {
        return Some("ends with a separator, which Docker's key format does not allow");
    }
    if ["..", "--", ".-", "-."].iter().any(|s| key.contains(s)) {
        return Some("has two separators in a row, which Docker's key format does not allow");
    }
    None
}

/// `key` without one pair of surrounding double quotes.
fn unquote(key: &str) -> &str {
    key.strip_prefix('"')
        .and_then(|k| k.strip_suffix('"'))
        .unwrap_or(key)
}
