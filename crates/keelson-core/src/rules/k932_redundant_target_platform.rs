//! K932 redundant-target-platform: `FROM --platform=$TARGETPLATFORM`, which is what `FROM` does
//! anyway. See `rules/K932-redundant-target-platform/README.md`.

use keelson_syntax::dockerfile::{InstructionArgs, InstructionKind};

use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Edit, Fix, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::BestPractice,
    severity: Severity::Info,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    peers: &[peer("buildkit", "RedundantTargetPlatform")],
    fixable: true,
};

pub(crate) struct RedundantTargetPlatform;
pub(crate) static RULE: RedundantTargetPlatform = RedundantTargetPlatform;

impl Check for RedundantTargetPlatform {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        if target_platform_redefined(cx) {
            return;
        }
        for ins in cx.syntax.instructions() {
            let InstructionArgs::From(from) = &ins.view else {
                continue;
            };
            let Some(flag) = &from.platform else {
                continue;
            };
            let value = flag.value.as_deref().unwrap_or("");
            if !matches!(value, "$TARGETPLATFORM" | "${TARGETPLATFORM}") {
                continue;
            }
            let finding = out.report(
                flag.span,
                format!(
                    "`--platform={value}` asks for the platform the stage is built for, which is \
                     what `FROM` uses without the flag: it only adds noise"
                ),
            );
            finding.help("remove the flag");
            // Delete the flag and the blanks after it, when they are on the same line.
            let rest = cx.source.get(flag.span.end()..).unwrap_or("");
            let blanks = rest.len() - rest.trim_start_matches([' ', '\t']).len();
            if blanks > 0
                && cx
                    .source
                    .get(flag.span.start()..flag.span.end())
                    .is_some_and(|t| !t.contains('\n'))
            {
                finding.fix(Fix::safe(
                    "remove `--platform`",
                    vec![Edit::delete(keelson_syntax::Span::new(
                        flag.span.start(),
                        flag.span.end() + blanks,
                    ))],
                ));
            }
        }
    }
}

/// Whether a global `ARG TARGETPLATFORM=…` gives the variable a default of its own (then the
/// flag may not mean the build's target).
fn target_platform_redefined(cx: &DockerfileContext<'_>) -> bool {
    cx.syntax
        .instructions()
        .take_while(|i| i.kind != InstructionKind::From)
        .any(|i| match &i.view {
            InstructionArgs::Arg(a) => a
                .args
                .iter()
                .any(|kv| kv.key.raw == "TARGETPLATFORM" && kv.value.is_some()),
            _ => false,
        })
}

#[cfg(test)]
mod tests {
    use crate::fix::FixOptions;
    use crate::test_support::fix_dockerfile;

    #[test]
    fn the_fix_removes_the_flag_and_its_blank() {
        let text = "FROM --platform=${TARGETPLATFORM} alpine:3.20 AS app\n";
        let out = fix_dockerfile(text, &FixOptions::default());
        assert!(out.starts_with("FROM alpine:3.20 AS app\n"), "{out}");
    }
}
