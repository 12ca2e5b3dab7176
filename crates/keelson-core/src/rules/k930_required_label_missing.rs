//! K930 required-label-missing: the final image lacks a label that `options.required-labels`
//! asks for, or its value does not have the required format. See
//! `rules/K930-required-label-missing/README.md`.

use std::collections::BTreeMap;

use keelson_syntax::dockerfile::{InstructionArgs, InstructionKind};
use keelson_syntax::Span;

use crate::config::LabelFormat;
use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::BestPractice,
    severity: Severity::Warning,
    enabled_by_default: false,
    file_kinds: DOCKERFILE,
    peers: &[
        peer("hadolint", "DL3049"),
        peer("hadolint", "DL3051"),
        peer("hadolint", "DL3052"),
        peer("hadolint", "DL3053"),
        peer("hadolint", "DL3054"),
        peer("hadolint", "DL3055"),
        peer("hadolint", "DL3056"),
        peer("hadolint", "DL3058"),
    ],
    fixable: false,
};

pub(crate) struct RequiredLabelMissing;
pub(crate) static RULE: RequiredLabelMissing = RequiredLabelMissing;

/// A label set in the image: its value (quotes removed) and where the value is.
struct SetLabel {
    value: String,
    span: Span,
}

impl Check for RequiredLabelMissing {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        let required = &cx.config.options.required_labels;
        if required.is_empty() {
            return;
        }
        let Some(last) = cx.model.final_stage() else {
            return;
        };
        // The labels of the final image: its stage and the stages it is built FROM, in order.
        let mut shipped = cx.model.final_lineage();
        shipped.sort_unstable();
        let mut labels: BTreeMap<String, SetLabel> = BTreeMap::new();
        for index in shipped {
            let Some(stage) = cx.model.stage(index) else {
                continue;
            };
            for (_, ins) in cx.model.stage_instructions(cx.syntax, stage) {
                if ins.kind != InstructionKind::Label {
                    continue;
                }
                let InstructionArgs::Label(kv) = &ins.view else {
                    continue;
                };
                for pair in &kv.pairs {
                    let (value, span) = match &pair.value {
                        Some(v) => (unquote(&v.raw).to_owned(), v.span),
                        None => (String::new(), pair.span),
                    };
                    labels.insert(unquote(&pair.key.raw).to_owned(), SetLabel { value, span });
                }
            }
        }
        for (key, format) in required {
            let Some(label) = labels.get(key) else {
                out.report(
                    last.from_span,
                    format!(
                        "the image has no `{key}` label, which the configuration requires \
                         (`options.required-labels`): tools that read it find nothing"
                    ),
                )
                .help(format!(
                    "add `LABEL {key}=\"…\"` ({}) to this stage",
                    format.describe()
                ));
                continue;
            };
            if label.value.trim().is_empty() {
                out.report(
                    label.span,
                    format!("label `{key}` is empty, but the configuration requires a value"),
                )
                .help(format!("give it a value: {}", format.describe()));
                continue;
            }
            // A value from a build argument is only known when the image is built.
            if label.value.contains('$') || valid(*format, &label.value) {
                continue;
            }
            out.report(
                label.span,
                format!(
                    "label `{key}` is `{}`, which is not {}, as the configuration requires",
                    label.value,
                    format.describe()
                ),
            )
            .help(format!("write the value as {}", format.example()));
        }
    }
}

impl LabelFormat {
    /// The format in words, for messages.
    fn describe(self) -> &'static str {
        match self {
            LabelFormat::Text => "any text",
            LabelFormat::Url => "a URL",
            LabelFormat::Rfc3339 => "an RFC 3339 date and time",
            LabelFormat::Semver => "a semantic version",
            LabelFormat::Spdx => "an SPDX license expression",
            LabelFormat::Hash => "a git commit hash",
            LabelFormat::Email => "an e-mail address",
        }
    }

    /// An example value, for help lines.
    fn example(self) -> &'static str {
        match self {
            LabelFormat::Text => "any non-empty text",
            LabelFormat::Url => "`https://example.com/repo`",
            LabelFormat::Rfc3339 => "`2026-01-31T12:00:00Z`",
            LabelFormat::Semver => "`1.2.3` (no `v` prefix)",
            LabelFormat::Spdx => "`Apache-2.0` or `MIT OR Apache-2.0`",
            LabelFormat::Hash => "the full commit hash, e.g. from `git rev-parse HEAD`",
            LabelFormat::Email => "`ops@example.com`",
        }
    }
}

/// `s` without one pair of surrounding quotes.
fn unquote(s: &str) -> &str {
    let t = s.trim();
    t.strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .or_else(|| t.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
        .unwrap_or(t)
}

/// Whether `value` has `format`.
fn valid(format: LabelFormat, value: &str) -> bool {
    match format {
        LabelFormat::Text => true,
        LabelFormat::Url => is_url(value),
        LabelFormat::Rfc3339 => is_rfc3339(value),
        LabelFormat::Semver => is_semver(value),
        LabelFormat::Spdx => is_spdx_expression(value),
        LabelFormat::Hash => is_git_hash(value),
        LabelFormat::Email => is_email(value),
    }
}

/// `scheme://rest`, with a scheme of letters, digits, `+`, `-`, `.` and no blanks.
fn is_url(v: &str) -> bool {
    let Some((scheme, rest)) = v.split_once("://") else {
        return false;
    };
    scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && !rest.is_empty()
        && !rest.starts_with('/')
        && !v.chars().any(char::is_whitespace)
}

/// An RFC 3339 date-time: `2026-01-31T12:00:00Z`, with optional fraction and `±hh:mm` offset.
fn is_rfc3339(v: &str) -> bool {
    let b = v.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b.get(r.clone())
            .is_some_and(|s| s.iter().all(u8::is_ascii_digit))
            .then(|| v.get(r).and_then(|s| s.parse::<u32>().ok()))
            .flatten()
    };
    let fields = (
        digits(0..4),
        digits(5..7),
        digits(8..10),
        digits(11..13),
        digits(14..16),
        digits(17..19),
    );
    let (Some(_), Some(mo), Some(d), Some(h), Some(mi), Some(s)) = fields else {
        return false;
    };
    let seps = b.get(4) == Some(&b'-')
        && b.get(7) == Some(&b'-')
        && matches!(b.get(10), Some(b'T' | b't'))
        && b.get(13) == Some(&b':')
        && b.get(16) == Some(&b':');
    if !seps || !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || s > 60 {
        return false;
    }
    let mut rest = v.get(19..).unwrap_or("");
    if let Some(frac) = rest.strip_prefix('.') {
        let n = frac.chars().take_while(char::is_ascii_digit).count();
        if n == 0 {
            return false;
        }
        rest = frac.get(n..).unwrap_or("");
    }
    if rest == "Z" || rest == "z" {
        return true;
    }
    let ob = rest.as_bytes();
    rest.len() == 6
        && matches!(ob.first(), Some(b'+' | b'-'))
        && ob.get(3) == Some(&b':')
        && rest
            .get(1..3)
            .and_then(|x| x.parse::<u32>().ok())
            .is_some_and(|x| x <= 23)
        && rest
            .get(4..6)
            .and_then(|x| x.parse::<u32>().ok())
            .is_some_and(|x| x <= 59)
}

/// Semantic Versioning 2.0: `MAJOR.MINOR.PATCH[-pre][+build]`, no leading zeros.
fn is_semver(v: &str) -> bool {
    let (rest, build) = match v.split_once('+') {
        Some((r, b)) => (r, Some(b)),
        None => (v, None),
    };
    let (core, pre) = match rest.split_once('-') {
        Some((c, p)) => (c, Some(p)),
        None => (rest, None),
    };
    let number = |n: &str| {
        !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) && (n == "0" || !n.starts_with('0'))
    };
    let ident_ok = |s: &str, numeric_rule: bool| {
        !s.is_empty()
            && s.split('.').all(|id| {
                !id.is_empty()
                    && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                    && (!numeric_rule || !id.chars().all(|c| c.is_ascii_digit()) || number(id))
            })
    };
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3
        && parts.iter().all(|p| number(p))
        && pre.is_none_or(|p| ident_ok(p, true))
        && build.is_none_or(|b| ident_ok(b, false))
}

/// The syntax of an SPDX license expression: identifiers (`MIT`, `Apache-2.0`, `GPL-2.0+`,
/// `LicenseRef-x`) joined by `AND`/`OR`/`WITH`, with parentheses. The identifiers are not
/// checked against the SPDX list.
fn is_spdx_expression(v: &str) -> bool {
    let spaced = v.replace('(', " ( ").replace(')', " ) ");
    let mut depth = 0usize;
    let mut expect_id = true;
    for tok in spaced.split_whitespace() {
        match tok {
            "(" if expect_id => depth += 1,
            ")" if !expect_id && depth > 0 => depth -= 1,
            "AND" | "OR" | "WITH" | "and" | "or" | "with" if !expect_id => expect_id = true,
            id if expect_id => {
                let body = id.strip_suffix('+').unwrap_or(id);
                let ok = !body.is_empty()
                    && body
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'));
                if !ok {
                    return false;
                }
                expect_id = false;
            }
            _ => return false,
        }
    }
    !expect_id && depth == 0
}

/// A git commit hash: 7 to 40 hexadecimal digits (SHA-1, possibly abbreviated) or 64 (SHA-256).
fn is_git_hash(v: &str) -> bool {
    v.chars().all(|c| c.is_ascii_hexdigit()) && ((7..=40).contains(&v.len()) || v.len() == 64)
}

/// `local@domain.tld`, or `Name <local@domain.tld>`.
fn is_email(v: &str) -> bool {
    let addr = match (v.find('<'), v.strip_suffix('>')) {
        (Some(i), Some(inner)) => inner.get(i + 1..).unwrap_or(""),
        _ => v,
    };
    let Some((local, domain)) = addr.split_once('@') else {
        return false;
    };
    let bad = |s: &str| {
        s.is_empty()
            || s.chars()
                .any(|c| c.is_whitespace() || matches!(c, '@' | '<' | '>' | ','))
    };
    !bad(local)
        && !bad(domain)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_accept_valid_values() {
        assert!(is_url("https://github.com/acme/app"));
        assert!(is_rfc3339("2026-11-23T16:00:59Z"));
        assert!(is_rfc3339("2026-11-23T16:00:59.123+01:00"));
        assert!(is_semver("1.2.3"));
        assert!(is_semver("1.0.0-rc.1+build.5"));
        assert!(is_spdx_expression("MIT"));
        assert!(is_spdx_expression(
            "(Apache-2.0 OR MIT) AND GPL-2.0+ WITH Classpath-exception-2.0"
        ));
        assert!(is_git_hash("0123456789abcdef0123456789abcdef01234567"));
        assert!(is_git_hash("abc1234"));
        assert!(is_email("ops@example.com"));
        assert!(is_email("Ops Team <ops@example.com>"));
    }

    #[test]
    fn formats_reject_invalid_values() {
        assert!(!is_url("github.com/acme/app"));
        assert!(!is_url("https:///path"));
        assert!(!is_rfc3339("2026-11-23"));
        assert!(!is_rfc3339("2026-13-23T16:00:59Z"));
        assert!(!is_rfc3339("2026-11-23T16:00:59"));
        assert!(!is_semver("v1.2.3"));
        assert!(!is_semver("1.2"));
        assert!(!is_semver("01.2.3"));
        assert!(!is_semver("1.2.3-01"));
        assert!(!is_spdx_expression("MIT OR"));
        assert!(!is_spdx_expression("(MIT"));
        assert!(!is_spdx_expression("MIT License"));
        assert!(!is_git_hash("abc12"));
        assert!(!is_git_hash("zzzzzzzz"));
        assert!(!is_email("ops at example.com"));
        assert!(!is_email("ops@localhost"));
    }
}
