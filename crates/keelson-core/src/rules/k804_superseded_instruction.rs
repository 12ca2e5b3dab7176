//! K804 superseded-instruction: a stage has more than one `CMD`, `ENTRYPOINT` or `HEALTHCHECK`;
//! only the last one takes effect. See `rules/K804-superseded-instruction/README.md`.

use keelson_syntax::dockerfile::{Instruction, InstructionKind};

use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Correctness,
    severity: Severity::Warning,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    peers: &[
        peer("hadolint", "DL4003"),
        peer("hadolint", "DL4004"),
        peer("hadolint", "DL3012"),
        peer("trivy", "DS-0016"),
        peer("trivy", "DS-0007"),
        peer("trivy", "DS-0023"),
        peer("kics", "Multiple CMD Instructions Listed"),
        peer("kics", "Multiple ENTRYPOINT Instructions Listed"),
        peer("buildkit", "MultipleInstructionsDisallowed"),
    ],
    fixable: false,
};

pub(crate) struct SupersededInstruction;
pub(crate) static RULE: SupersededInstruction = SupersededInstruction;

const KINDS: [InstructionKind; 3] = [
    InstructionKind::Cmd,
    InstructionKind::Entrypoint,
    InstructionKind::Healthcheck,
];

impl Check for SupersededInstruction {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for stage in &cx.model.stages {
            for kind in KINDS {
                let all: Vec<&Instruction> = cx
                    .model
                    .stage_instructions(cx.syntax, stage)
                    .map(|(_, i)| i)
                    .filter(|i| i.kind == kind)
                    .collect();
                let Some((last, earlier)) = all.split_last() else {
                    continue;
                };
                let name = kind.name();
                for ins in earlier {
                    out.report(
                        ins.header_span,
                        format!(
                            "this `{name}` is replaced by a later `{name}` in the same stage: only the \
                             last one takes effect, so this line does nothing"
                        ),
                    )
                    .help(format!(
                        "delete this `{name}`, or merge what it should do into the last one"
                    ))
                    .related(cx.file, last.header_span, format!("the `{name}` that takes effect"));
                }
            }
        }
    }
}
