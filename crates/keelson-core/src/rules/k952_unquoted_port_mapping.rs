//! K952 unquoted-port-mapping: a compose `ports` entry such as `22:22` is written as a plain
//! YAML scalar that YAML 1.1 parsers read as a base-60 integer (`22:22` is 1342), so tools
//! that use YAML 1.1 see a different port than Compose. Safe fix: quote it. See
//! `rules/K952-unquoted-port-mapping/README.md`.

use keelson_model::compose::{ComposeService, Value};
use keelson_syntax::yaml::ScalarStyle;

use super::k203_privileged_container::note_via;
use crate::context::ComposeContext;
use crate::diagnostic::{Category, Edit, Fix, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, COMPOSE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::BestPractice,
    severity: Severity::Warning,
    enabled_by_default: true,
    file_kinds: COMPOSE,
    peers: &[peer("dclint", "require-quotes-in-ports")],
    fixable: true,
};

pub(crate) struct UnquotedPortMapping;
pub(crate) static RULE: UnquotedPortMapping = UnquotedPortMapping;

/// The value YAML 1.1 gives a plain scalar that matches its base-60 integer form
/// `[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+`, or `None` when the scalar is not one.
fn sexagesimal(raw: &str) -> Option<u64> {
    let mut parts = raw.split(':');
    let first = parts.next()?;
    let digits = first.strip_prefix(['+', '-']).unwrap_or(first);
    if !digits.starts_with(|c: char| ('1'..='9').contains(&c))
        || !digits.bytes().all(|b| b.is_ascii_digit() || b == b'_')
    {
        return None;
    }
    let mut value: u64 = digits.replace('_', "").parse().ok()?;
    let mut any = false;
    for part in parts {
        let ok = (1..=2).contains(&part.len())
            && part.bytes().all(|b| b.is_ascii_digit())
            && part.parse::<u64>().is_ok_and(|n| n <= 59);
        if !ok {
            return None;
        }
        value = value.checked_mul(60)?.checked_add(part.parse().ok()?)?;
        any = true;
    }
    any.then_some(value)
}

impl Check for UnquotedPortMapping {
    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        for service in &cx.project.services {
            let Some(items) = service.raw("ports").and_then(Value::as_sequence) else {
                continue;
            };
            for item in items {
                check(cx, out, service, item);
            }
        }
    }
}

fn check(cx: &ComposeContext<'_>, out: &mut Reporter<'_>, service: &ComposeService, item: &Value) {
    let Some(scalar) = item.as_scalar() else {
        return;
    };
    if scalar.style != ScalarStyle::Plain {
        return;
    }
    let raw = scalar.raw.trim();
    let Some(number) = sexagesimal(raw) else {
        return;
    };
    let (file, span) = cx.at(item.loc);
    let finding = out.report_in(
        file,
        span,
        format!(
            "service `{}` writes the port mapping `{raw}` without quotes: YAML 1.1 parsers \
             (PyYAML, the old docker-compose, many scripts and CI tools) read it as the base-60 \
             number {number}, not as the mapping Compose sees",
            service.name
        ),
    );
    finding.help(format!("quote it: `\"{raw}\"`"));
    // Only when the item is written in place, as exactly the plain text.
    let exact = item.via.is_none()
        && cx
            .project
            .file(item.loc.file)
            .and_then(|f| f.text.get(item.loc.span.start()..item.loc.span.end()))
            == Some(raw);
    if exact {
        finding.fix(Fix::safe(
            "quote the port mapping",
            vec![Edit::replace(span, format!("\"{raw}\""))],
        ));
    }
    note_via(cx, finding, item.via, service);
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::sexagesimal;
    use crate::config::Config;
    use crate::{FileKind, Linter};

    #[test]
    fn reads_yaml11_base60_integers() {
        assert_eq!(sexagesimal("22:22"), Some(1342));
        assert_eq!(sexagesimal("53:53"), Some(3233));
        assert_eq!(sexagesimal("8080:05"), Some(484_805));
        assert_eq!(sexagesimal("1:2:3"), Some(3723));
        assert_eq!(sexagesimal("80:80"), None);
        assert_eq!(sexagesimal("8080:8080"), None);
        assert_eq!(sexagesimal("22:22/udp"), None);
        assert_eq!(sexagesimal("0:22"), None);
        assert_eq!(sexagesimal("22"), None);
        assert_eq!(sexagesimal("127.0.0.1:22:22"), None);
    }

    #[test]
    fn the_fix_quotes_the_mapping() {
        let src = "services:\n  ssh:\n    image: x\n    ports:\n      - 22:22 # ssh\n";
        let diags = Linter::new().lint_str(
            src,
            Path::new("compose.yaml"),
            FileKind::Compose,
            &Config::default(),
        );
        let diag = diags.iter().find(|d| d.code == "K952").expect("a finding");
        let fix = diag.fix.as_ref().expect("a fix");
        assert_eq!(fix.edits.len(), 1);
        let edit = &fix.edits[0];
        let mut out = src.to_string();
        out.replace_range(edit.span.start()..edit.span.end(), &edit.replacement);
        assert_eq!(
            out,
            "services:\n  ssh:\n    image: x\n    ports:\n      - \"22:22\" # ssh\n"
        );
    }
}
