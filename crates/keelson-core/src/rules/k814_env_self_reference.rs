//! K814 env-self-reference: an `ENV` instruction sets a variable and a later pair of the same
//! instruction reads it. BuildKit expands every value of one `ENV` before setting any of them,
//! so the reference sees the value from before the instruction (usually empty), not the new one.
//! See `rules/K814-env-self-reference/README.md`.

use keelson_syntax::dockerfile::{InstructionArgs, InstructionKind, KeyValue};

use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Correctness,
    severity: Severity::Warning,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    peers: &[peer("hadolint", "DL3044")],
    fixable: false,
};

pub(crate) struct EnvSelfReference;
pub(crate) static RULE: EnvSelfReference = EnvSelfReference;

impl Check for EnvSelfReference {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for ins in cx.syntax.instructions() {
            if ins.kind != InstructionKind::Env {
                continue;
            }
            let InstructionArgs::Env(args) = &ins.view else {
                continue;
            };
            let Some(id) = cx.model.id_of(ins) else {
                continue;
            };
            for (n, pair) in args.pairs.iter().enumerate() {
                let Some(value) = &pair.value else { continue };
                let expansion = cx.model.expand_at(id, &value.raw);
                for r in &expansion.refs {
                    // A variable that had a value (or a declaration) before the instruction is
                    // read on purpose, like `ENV PATH=/opt/bin:$PATH`.
                    if r.set || r.origin.is_some() || r.name == pair.key.raw {
                        continue;
                    }
                    let Some(earlier) = args
                        .pairs
                        .get(..n)
                        .and_then(|before| before.iter().find(|p| p.key.raw == r.name))
                    else {
                        continue;
                    };
                    if extends_itself(cx, id, earlier) {
                        continue;
                    }
                    let span = if value.raw.len() == value.span.len() && r.span.end() <= value.raw.len()
                    {
                        r.span.shift(value.span.start())
                    } else {
                        value.span
                    };
                    out.report(
                        span,
                        format!(
                            "`${}` reads `{}`, which this same `ENV` sets: BuildKit expands every \
                             value of an `ENV` before setting any of them, so `{}` gets the value \
                             `{}` had before this line (none that this file sets), not the one \
                             set here",
                            r.name, r.name, pair.key.raw, r.name
                        ),
                    )
                    .help(format!(
                        "set `{}` in its own `ENV` before this one, or write the value out instead \
                         of the reference",
                        r.name
                    ))
                    .related(cx.file, earlier.key.span, format!("`{}` is set here", r.name));
                }
            }
        }
    }
}

/// Whether the earlier pair extends the variable's previous value (`PATH=/x:$PATH`): the
/// variable then existed before, even if keelson does not know its value (a base image's).
fn extends_itself(
    cx: &DockerfileContext<'_>,
    id: keelson_model::dockerfile::InstructionId,
    pair: &KeyValue,
) -> bool {
    pair.value.as_ref().is_some_and(|v| {
        cx.model
            .expand_at(id, &v.raw)
            .refs
            .iter()
            .any(|r| r.name == pair.key.raw)
    })
}
