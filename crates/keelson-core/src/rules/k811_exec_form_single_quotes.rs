//! K811 exec-form-single-quotes: `CMD ['a', 'b']` and the like: JSON needs double quotes, so
//! BuildKit silently runs the text as a shell command instead. See
//! `rules/K811-exec-form-single-quotes/README.md`.

use keelson_syntax::dockerfile::{CommandForm, Instruction, InstructionKind, LogicalText};

use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Edit, Fix, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Correctness,
    severity: Severity::Error,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    peers: &[peer("buildkit", "JSONArgsRecommended")],
    fixable: true,
};

pub(crate) struct ExecFormSingleQuotes;
pub(crate) static RULE: ExecFormSingleQuotes = ExecFormSingleQuotes;

impl Check for ExecFormSingleQuotes {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for ins in cx.syntax.instructions() {
            check(cx, ins, out);
            if let Some(inner) = ins.onbuild_inner() {
                check(cx, inner, out);
            }
        }
    }
}

fn check(cx: &DockerfileContext<'_>, ins: &Instruction, out: &mut Reporter<'_>) {
    let text: &LogicalText = match ins.kind {
        InstructionKind::Run
        | InstructionKind::Cmd
        | InstructionKind::Entrypoint
        | InstructionKind::Healthcheck => match ins.command() {
            Some(CommandForm::Shell(s)) => &s.text,
            _ => return,
        },
        InstructionKind::Volume => &ins.args,
        _ => return,
    };
    let Some(items) = single_quoted_array(text.as_str()) else {
        return;
    };
    let keyword = ins.kind.name();
    let consequence = if ins.kind == InstructionKind::Volume {
        "creates a volume with that literal name"
    } else {
        "runs the text as a shell command, which fails with `[: not found` or similar"
    };
    let span = text.span();
    let finding = out.report(
        span,
        format!(
            "`{keyword}` looks like an exec-form array but uses single quotes, which JSON does not \
             allow: BuildKit treats it as shell form and {consequence}"
        ),
    );
    finding.help("write the array with double quotes");
    let verbatim = span.text(cx.source) == text.as_str();
    if verbatim {
        if let Ok(json) = serde_json::to_string(&items) {
            let json = json.replace("\",\"", "\", \"");
            finding.fix(Fix::safe(
                "rewrite the array with double quotes",
                vec![Edit::replace(span, json)],
            ));
        }
    }
}

/// The items of `['a', 'b']` (at least one item quoted with `'`, the others with `'` or `"`;
/// items holding a backslash or the other quote are refused).
fn single_quoted_array(text: &str) -> Option<Vec<String>> {
    let inner = text.trim().strip_prefix('[')?.strip_suffix(']')?;
    let mut items = Vec::new();
    let mut single = false;
    let mut rest = inner.trim_start();
    loop {
        let quote = rest.chars().next()?;
        if quote != '\'' && quote != '"' {
            return None;
        }
        single |= quote == '\'';
        let body = rest.get(1..)?;
        let end = body.find(quote)?;
        let item = body.get(..end)?;
        if item.contains(['\\', '\'', '"']) {
            return None;
        }
        items.push(item.to_owned());
        rest = body.get(end + 1..)?.trim_start();
        if rest.is_empty() {
            break;
        }
        rest = rest.strip_prefix(',')?.trim_start();
    }
    single.then_some(items)
}

#[cfg(test)]
mod tests {
    use super::single_quoted_array;

    #[test]
    fn recognises_single_quoted_arrays_only() {
        assert_eq!(
            single_quoted_array("['a', \"b\" ,'c']"),
            Some(vec!["a".into(), "b".into(), "c".into()])
        );
        assert_eq!(single_quoted_array("[\"a\"]"), None);
        assert_eq!(single_quoted_array("['a' 'b']"), None);
        assert_eq!(single_quoted_array("[ -f x ] && echo 'y'"), None);
        assert_eq!(single_quoted_array("['a',]"), None);
    }
}
