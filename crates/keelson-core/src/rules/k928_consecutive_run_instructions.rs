//! K928 consecutive-run-instructions: several `RUN` instructions in a row (with the same
//! options) that could be one. See `rules/K928-consecutive-run-instructions/README.md`.

use keelson_syntax::dockerfile::{Instruction, InstructionKind};

use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::BestPractice,
    severity: Severity::Info,
    enabled_by_default: false,
    file_kinds: DOCKERFILE,
    peers: &[peer("hadolint", "DL3059")],
    fixable: false,
};

pub(crate) struct ConsecutiveRunInstructions;
pub(crate) static RULE: ConsecutiveRunInstructions = ConsecutiveRunInstructions;

impl Check for ConsecutiveRunInstructions {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for stage in &cx.model.stages {
            let mut group: Vec<&Instruction> = Vec::new();
            for (_, ins) in cx.model.stage_instructions(cx.syntax, stage) {
                let joins = ins.kind == InstructionKind::Run
                    && group
                        .last()
                        .is_some_and(|prev| same_flags(cx.source, prev, ins));
                if joins {
                    group.push(ins);
                    continue;
                }
                report(cx, out, &group);
                group.clear();
                if ins.kind == InstructionKind::Run {
                    group.push(ins);
                }
            }
            report(cx, out, &group);
        }
    }
}

/// Reports a group of two or more consecutive `RUN`s, at the second one.
fn report(cx: &DockerfileContext<'_>, out: &mut Reporter<'_>, group: &[&Instruction]) {
    let (Some(first), Some(second)) = (group.first(), group.get(1)) else {
        return;
    };
    let n = group.len();
    let finding = out.report(
        second.keyword_span,
        format!(
            "{n} `RUN` instructions in a row: each makes its own layer and cache step, so files \
             one step deletes still ship in the layer of the step before"
        ),
    );
    finding
        .help("join them with `&&` in one `RUN` (or keep them apart on purpose, for caching)")
        .related(cx.file, first.keyword_span, "the first of them");
}

/// Whether two `RUN`s have the same options (`--mount`, `--network`, …), so they could be one.
fn same_flags(source: &str, a: &Instruction, b: &Instruction) -> bool {
    let flags = |i: &Instruction| {
        let mut v: Vec<&str> = i.flags.iter().map(|f| f.span.text(source)).collect();
        v.sort_unstable();
        v
    };
    flags(a) == flags(b)
}
