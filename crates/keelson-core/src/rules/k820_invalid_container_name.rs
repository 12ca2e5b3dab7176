//! K820 invalid-container-name: a service's `container_name` does not match the engine's
//! pattern `[a-zA-Z0-9][a-zA-Z0-9_.-]+`, so the engine refuses to create the container. See
//! `rules/K820-invalid-container-name/README.md`.

use keelson_model::compose::Text;

use super::k203_privileged_container::note_via;
use crate::context::ComposeContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, COMPOSE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Correctness,
    severity: Severity::Error,
    enabled_by_default: true,
    file_kinds: COMPOSE,
    peers: &[peer("dclint", "service-container-name-regex")],
    fixable: false,
};

pub(crate) struct InvalidContainerName;
pub(crate) static RULE: InvalidContainerName = InvalidContainerName;

/// What is wrong with `name` for the engine (`^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$`), if anything.
fn problem(name: &str) -> Option<String> {
    let name = name.strip_prefix('/').unwrap_or(name);
    let mut chars = name.chars();
    let first = chars.next()?;
    if !first.is_ascii_alphanumeric() {
        return Some(format!("it starts with `{first}` instead of a letter or digit"));
    }
    if let Some(bad) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')))
    {
        let shown = match bad {
            ' ' => "a space".to_string(),
            '\t' => "a tab".to_string(),
            c => format!("`{c}`"),
        };
        return Some(format!(
            "it contains {shown}; only letters, digits, `_`, `.` and `-` are allowed"
        ));
    }
    if name.chars().count() < 2 {
        return Some("it has a single character; the engine requires at least two".to_string());
    }
    None
}

impl Check for InvalidContainerName {
    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        for service in &cx.project.services {
            let Some(text) = service.raw("container_name").and_then(Text::from_value) else {
                continue;
            };
            // A name built from a variable keelson cannot resolve is unknown, not wrong.
            if !text.is_determined() {
                continue;
            }
            let name = text.value.as_str();
            let why = if name.is_empty() {
                "it is empty".to_string()
            } else {
                let Some(why) = problem(name) else { continue };
                why
            };
            let (file, span) = cx.at(text.loc);
            let finding = out.report_in(
                file,
                span,
                format!(
                    "service `{}` has `container_name: {name}`, which the engine rejects: {why} \
                     (container names must match `[a-zA-Z0-9][a-zA-Z0-9_.-]+`), so the container \
                     is never created",
                    service.name
                ),
            );
            finding.help(
                "use letters, digits, `_`, `.` and `-` only, starting with a letter or digit \
                 (for example the service name), or remove `container_name`",
            );
            note_via(cx, finding, text.via, service);
        }
    }
}
