//! K412 whole-filesystem-copied: `COPY --from=<stage or image> / …` copies another file system
//! whole, with its package manager, caches, leftovers and `/etc/passwd`.
//!
//! Stages built `FROM scratch` are exempt: they hold only what was put there on purpose. See
//! `rules/K412-whole-filesystem-copied/README.md`.

use keelson_model::dockerfile::{Base, EdgeTarget};
use keelson_syntax::dockerfile::{InstructionArgs, InstructionKind};

use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::SupplyChain,
    severity: Severity::Warning,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    peers: &[peer("hadolint", "DL3067")],
    fixable: false,
};

pub(crate) struct WholeFilesystemCopied;
pub(crate) static RULE: WholeFilesystemCopied = WholeFilesystemCopied;

impl Check for WholeFilesystemCopied {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for ins in cx.syntax.instructions() {
            if ins.kind != InstructionKind::Copy {
                continue;
            }
            let (Some(from), InstructionArgs::Copy(args)) = (ins.flag("from"), &ins.view) else {
                continue;
            };
            let Some(from_value) = from.value.as_deref() else {
                continue;
            };
            let Some(id) = cx.model.id_of(ins) else {
                continue;
            };
            // Only the image the build produces: the final stage and the stages it is built
            // `FROM`. A build stage that takes in a toolchain image whole (`COPY --from=xx / /`)
            // hands on only what later stages copy out of it.
            if !cx
                .model
                .stage_of(id)
                .is_some_and(|s| in_final_image(cx, s.index))
            {
                continue;
            }
            // A stage assembled `FROM scratch` holds only what was put there on purpose.
            let target = cx
                .model
                .stage_of(id)
                .and_then(|s| s.edges.iter().find(|e| e.instruction == id))
                .map(|e| &e.target);
            if let Some(EdgeTarget::Stage(index)) = target {
                if cx
                    .model
                    .stage(*index)
                    .is_some_and(|s| matches!(s.base, Base::Scratch))
                {
                    continue;
                }
            }
            for source in &args.sources {
                let value = cx.model.expand_at(id, &source.raw).value;
                let value = value.trim_matches(['"', '\'']);
                if !matches!(value, "/" | "/." | "." | "./" | "/./") {
                    continue;
                }
                out.report(
                    source.span,
                    format!(
                        "copies the whole file system of `{from_value}`: its package manager, \
                         shells, build tools, caches and any secrets left on disk come along, and \
                         its `/etc/passwd` and setuid binaries replace this stage's own"
                    ),
                )
                .help(
                    "copy only the files the image needs (`COPY --from=build /out/app /app`), or \
                     assemble them in a `FROM scratch` stage first",
                );
            }
        }
    }
}

/// Whether stage `index` is the final stage or one the final stage is built `FROM` (directly
/// or through other stages).
fn in_final_image(cx: &DockerfileContext<'_>, index: usize) -> bool {
    let mut current = cx.model.final_stage();
    for _ in 0..cx.model.stages.len() {
        let Some(stage) = current else {
            return false;
        };
        if stage.index == index {
            return true;
        }
        current = stage.base.stage().and_then(|i| cx.model.stage(i));
    }
    false
}
