//! K903 inconsistent-instruction-casing: an instruction keyword is not written in the case most
//! keywords of the file use. See `rules/K903-inconsistent-instruction-casing/README.md`.

use keelson_syntax::dockerfile::{Instruction, InstructionKind};

use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Edit, Fix, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::BestPractice,
    severity: Severity::Info,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    peers: &[peer("buildkit", "ConsistentInstructionCasing")],
    fixable: true,
};

pub(crate) struct InconsistentInstructionCasing;
pub(crate) static RULE: InconsistentInstructionCasing = InconsistentInstructionCasing;

impl Check for InconsistentInstructionCasing {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        let mut all: Vec<&Instruction> = Vec::new();
        for ins in cx.syntax.instructions() {
            all.push(ins);
            if let Some(inner) = ins.onbuild_inner() {
                all.push(inner);
            }
        }
        all.retain(|i| i.kind != InstructionKind::Unknown);
        let upper = all.iter().filter(|i| is_upper(&i.keyword)).count();
        let lower = all.iter().filter(|i| is_lower(&i.keyword)).count();
        let want_upper = upper >= lower;
        let majority = if want_upper {
            "upper case"
        } else {
            "lower case"
        };
        for ins in all {
            let ok = if want_upper {
                is_upper(&ins.keyword)
            } else {
                is_lower(&ins.keyword)
            };
            if ok {
                continue;
            }
            let fixed = if want_upper {
                ins.keyword.to_ascii_uppercase()
            } else {
                ins.keyword.to_ascii_lowercase()
            };
            out.report(
                ins.keyword_span,
                format!(
                    "`{}` is not in {majority} like the file's other instructions: mixed casing makes \
                     instructions harder to tell from their arguments",
                    ins.keyword
                ),
            )
            .help(format!("write `{fixed}`"))
            .fix(Fix::safe(
                format!("write `{fixed}`"),
                vec![Edit::replace(ins.keyword_span, fixed.clone())],
            ));
        }
    }
}

fn is_upper(k: &str) -> bool {
    !k.bytes().any(|b| b.is_ascii_lowercase())
}

fn is_lower(k: &str) -> bool {
    !k.bytes().any(|b| b.is_ascii_uppercase())
}
