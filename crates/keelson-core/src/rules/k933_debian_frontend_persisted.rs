//! K933 debian-frontend-persisted: `ENV DEBIAN_FRONTEND=noninteractive` in the final image, where
//! it stays set for every container. See `rules/K933-debian-frontend-persisted/README.md`.

use keelson_syntax::dockerfile::{InstructionArgs, InstructionKind};

use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Edit, Fix, Severity};
use crate::report::Reporter;
use crate::rule::{Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::BestPractice,
    severity: Severity::Info,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    peers: &[],
    fixable: true,
};

pub(crate) struct DebianFrontendPersisted;
pub(crate) static RULE: DebianFrontendPersisted = DebianFrontendPersisted;

const NAME: &str = "DEBIAN_FRONTEND";

impl Check for DebianFrontendPersisted {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        let shipped = cx.model.final_lineage();
        let final_stage = cx.model.final_stage().map(|s| s.index);
        for &index in &shipped {
            let Some(stage) = cx.model.stage(index) else {
                continue;
            };
            let envs: Vec<_> = cx
                .model
                .stage_instructions(cx.syntax, stage)
                .map(|(_, i)| i)
                .filter(|i| i.kind == InstructionKind::Env)
                .collect();
            // Only the last value set in the shipped chain counts; an `ENV DEBIAN_FRONTEND=`
            // (or `=dialog`) later resets it.
            for (n, ins) in envs.iter().enumerate() {
                let InstructionArgs::Env(kv) = &ins.view else {
                    continue;
                };
                let Some(pair) = kv.pairs.iter().find(|p| p.key.raw == NAME) else {
                    continue;
                };
                let value = pair
                    .value
                    .as_ref()
                    .map(|v| unquote(&v.raw))
                    .unwrap_or_default();
                if value != "noninteractive" {
                    continue;
                }
                let reset_later = envs.iter().skip(n + 1).any(|i| sets_name(i));
                let reset_in_child = shipped
                    .iter()
                    .filter(|&&s| s > index)
                    .filter_map(|&s| cx.model.stage(s))
                    .any(|s| {
                        cx.model
                            .stage_instructions(cx.syntax, s)
                            .any(|(_, i)| sets_name(i))
                    });
                if reset_later || reset_in_child {
                    continue;
                }
                let finding = out.report(
                    pair.span,
                    "`ENV DEBIAN_FRONTEND=noninteractive` stays set in the image: every container \
                     and every image built `FROM` it inherits it, so someone who runs `apt-get` \
                     interactively inside gets no prompts and silent default answers",
                );
                finding.help(
                    "use `ARG DEBIAN_FRONTEND=noninteractive` (build steps only) or set it per \
                     step: `RUN DEBIAN_FRONTEND=noninteractive apt-get install …`",
                );
                let single_line = !ins.span.text(cx.source).contains('\n');
                if kv.pairs.len() == 1 && single_line && ins.header_span == ins.span {
                    let keyword = if ins.keyword_span.text(cx.source) == "env" {
                        "arg"
                    } else {
                        "ARG"
                    };
                    let edit = Edit::replace(ins.span, format!("{keyword} {NAME}=noninteractive"));
                    // An `ARG` is not inherited by stages built `FROM` this one.
                    let fix = if Some(index) == final_stage {
                        Fix::safe("turn the `ENV` into an `ARG`", vec![edit])
                    } else {
                        Fix::unsafe_("turn the `ENV` into an `ARG`", vec![edit])
                    };
                    finding.fix(fix);
                }
            }
        }
    }
}

/// Whether `ins` is an `ENV` that sets `DEBIAN_FRONTEND`.
fn sets_name(ins: &keelson_syntax::dockerfile::Instruction) -> bool {
    matches!(&ins.view, InstructionArgs::Env(kv) if kv.pairs.iter().any(|p| p.key.raw == NAME))
}

/// `value` without one pair of surrounding quotes.
fn unquote(value: &str) -> String {
    let v = value.trim();
    v.strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .or_else(|| v.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')))
        .unwrap_or(v)
        .to_owned()
}

#[cfg(test)]
mod tests {
    use crate::fix::FixOptions;
    use crate::test_support::fix_dockerfile;

    fn fixed(text: &str, unsafe_fixes: bool) -> String {
        let fix = FixOptions {
            unsafe_fixes,
            ..FixOptions::default()
        };
        fix_dockerfile(text, &fix)
    }

    #[test]
    fn the_env_of_the_final_stage_becomes_an_arg() {
        let out = fixed(
            "FROM debian:12\nENV DEBIAN_FRONTEND noninteractive\n",
            false,
        );
        assert!(
            out.contains("\nARG DEBIAN_FRONTEND=noninteractive\n"),
            "{out}"
        );
        assert!(!out.contains("ENV DEBIAN_FRONTEND"), "{out}");
    }

    #[test]
    fn the_env_of_a_parent_stage_changes_only_with_unsafe_fixes() {
        let text = "FROM debian:12 AS base\nENV DEBIAN_FRONTEND=noninteractive\nFROM base\n";
        assert!(fixed(text, false).contains("ENV DEBIAN_FRONTEND=noninteractive"));
        assert!(fixed(text, true).contains("ARG DEBIAN_FRONTEND=noninteractive"));
    }
}
