//! K803 relative-workdir: a `WORKDIR` path that is not absolute once its variables are expanded.
//!
//! A relative `WORKDIR` is joined to whatever directory is in force, which usually comes from the
//! base image and can change when the base image changes. See `rules/K803-relative-workdir/README.md`.

use keelson_syntax::dockerfile::{InstructionArgs, InstructionKind};

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
        peer("hadolint", "DL3000"),
        peer("trivy", "DS-0009"),
        peer("kics", "Workdir Path Not Absolute"),
        peer("buildkit", "WorkdirRelativePath"),
    ],
    fixable: false,
};

pub(crate) struct RelativeWorkdir;
pub(crate) static RULE: RelativeWorkdir = RelativeWorkdir;

impl Check for RelativeWorkdir {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for ins in cx.syntax.instructions() {
            if ins.kind != InstructionKind::Workdir {
                continue;
            }
            let InstructionArgs::Workdir(arg) = &ins.view else {
                continue;
            };
            let (Some(word), Some(id)) = (&arg.value, cx.model.id_of(ins)) else {
                continue;
            };
            let expansion = cx.model.expand_at(id, &word.raw);
            let Some(path) = expansion.resolved() else {
                continue;
            };
            if path.is_empty() || is_absolute(path) {
                continue;
            }
            // A relative WORKDIR in a stage whose earlier WORKDIR is known and absolute is
            // deliberate and well-defined.
            let base_known = cx
                .model
                .workdir_at(id)
                .is_some_and(|w| w.instruction.is_some() && w.path.is_some());
            if base_known {
                continue;
            }
            let shown = if expansion.has_refs() {
                format!("`{}` (expands to `{path}`)", word.raw)
            } else {
                format!("`{path}`")
            };
            out.report(
                word.span,
                format!(
                    "`WORKDIR` {shown} is relative: it is joined to the working directory of the base \
                     image, so the directory depends on an image this file does not control"
                ),
            )
            .help(format!("use an absolute path, e.g. `WORKDIR /{}`", path.trim_start_matches("./")));
        }
    }
}

/// `/…`, `\…`, or a Windows drive path (`C:\…`, `C:/…`), or a bare drive `C:`.
fn is_absolute(p: &str) -> bool {
    let b = p.as_bytes();
    matches!(b.first(), Some(b'/' | b'\\'))
        || (b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':')
}
