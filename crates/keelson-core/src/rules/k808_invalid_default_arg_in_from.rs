//! K808 invalid-default-arg-in-from: with the defaults of its `ARG`s, a `FROM` line expands to
//! an empty or invalid image reference. See `rules/K808-invalid-default-arg-in-from/README.md`.

use keelson_model::dockerfile::VarKind;
use keelson_model::image::ImageRef;

use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Correctness,
    severity: Severity::Warning,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    peers: &[peer("buildkit", "InvalidDefaultArgInFrom")],
    fixable: false,
};

pub(crate) struct InvalidDefaultArgInFrom;
pub(crate) static RULE: InvalidDefaultArgInFrom = InvalidDefaultArgInFrom;

impl Check for InvalidDefaultArgInFrom {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for stage in &cx.model.stages {
            let Some(base) = stage.base.image_base() else {
                continue;
            };
            let refs = &base.expansion.refs;
            // Only the case where every variable is a declared `ARG` (undeclared ones are K807)
            // and at least one has no default.
            let all_args = refs.iter().all(|r| {
                r.origin
                    .is_some_and(|o| matches!(o.kind, VarKind::Arg | VarKind::Predefined))
            });
            let empty: Vec<&str> = refs
                .iter()
                .filter(|r| r.unresolved && r.origin.is_some_and(|o| o.kind == VarKind::Arg))
                .map(|r| r.name.as_str())
                .collect();
            if !all_args || empty.is_empty() || !base.expansion.errors.is_empty() {
                continue;
            }
            if refs
                .iter()
                .any(|r| r.origin.is_some_and(|o| o.kind == VarKind::Predefined))
            {
                continue;
            }
            let value = base.expansion.value.trim();
            let problem = if value.is_empty() {
                "an empty image name".to_owned()
            } else if let Err(e) = ImageRef::parse(value) {
                format!("`{value}`, which is not a valid image reference ({e})")
            } else {
                continue;
            };
            let names = empty
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let finding = out.report(
                base.raw_span,
                format!(
                    "without a `--build-arg`, `FROM {}` expands to {problem}: {names} has no default \
                     value, so the build fails unless every caller passes it",
                    base.raw
                ),
            );
            finding.help(
                "give the `ARG` a default that makes a valid image (`ARG TAG=1.27`), or drop the variable",
            );
            for r in refs.iter().filter(|r| r.unresolved) {
                if let Some(span) = r.origin.and_then(|o| o.span) {
                    finding.related(
                        cx.file,
                        span,
                        format!("`{}` is declared here without a default", r.name),
                    );
                }
            }
        }
    }
}
