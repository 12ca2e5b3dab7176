//! K815 copy-relative-destination-without-workdir: a `COPY` or `ADD` to a relative destination
//! in a stage where no `WORKDIR` of this Dockerfile applies, so the files land in the base
//! image's working directory, which this file does not control. See
//! `rules/K815-copy-relative-destination-without-workdir/README.md`.

use keelson_syntax::dockerfile::InstructionArgs;

use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Correctness,
    severity: Severity::Warning,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    peers: &[peer("hadolint", "DL3045")],
    fixable: false,
};

pub(crate) struct CopyRelativeDestinationWithoutWorkdir;
pub(crate) static RULE: CopyRelativeDestinationWithoutWorkdir =
    CopyRelativeDestinationWithoutWorkdir;

impl Check for CopyRelativeDestinationWithoutWorkdir {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for ins in cx.syntax.instructions() {
            let (InstructionArgs::Copy(args) | InstructionArgs::Add(args)) = &ins.view else {
                continue;
            };
            let (Some(dest), Some(id)) = (&args.destination, cx.model.id_of(ins)) else {
                continue;
            };
            // Only when the directory is the base image's: a `WORKDIR` of this file (here or in
            // a parent stage) or a `scratch` base (`/`) makes the destination well defined.
            let Some(workdir) = cx.model.workdir_at(id) else {
                continue;
            };
            if workdir.instruction.is_some() || workdir.path.is_some() {
                continue;
            }
            let expansion = cx.model.expand_at(id, &dest.raw);
            let Some(path) = expansion.resolved() else {
                continue;
            };
            let path = path.trim_matches('"');
            if path.is_empty() || is_absolute(path) {
                continue;
            }
            let base = cx
                .model
                .stage_of(id)
                .and_then(|s| cx.model.instruction(cx.syntax, s.from))
                .and_then(|from| match &from.view {
                    InstructionArgs::From(f) => f.image.as_ref().map(|w| w.raw.clone()),
                    _ => None,
                })
                .unwrap_or_else(|| "the base image".to_string());
            let keyword = ins.kind.name();
            out.report(
                dest.span,
                format!(
                    "`{keyword}` to the relative destination `{path}` with no `WORKDIR` set in this \
                     stage: the files land in the working directory of `{base}`, which this file \
                     does not control and which changes when the base image does"
                ),
            )
            .help(format!(
                "set `WORKDIR /<dir>` earlier in the stage, or copy to an absolute path such as \
                 `/app/{}`",
                path.trim_start_matches("./").trim_start_matches('.')
            ));
        }
    }
}

/// `/…`, `\…`, or a Windows drive path (`C:\…`, `C:/…`), or a bare drive `C:`.
fn is_absolute(p: &str) -> bool {
    let b = p.as_bytes();
    matches!(b.first(), Some(b'/' | b'\\'))
        || (b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':')
}
