//! K812 reserved-stage-name: a stage is named `scratch` or `context`, names BuildKit reserves.
//! See `rules/K812-reserved-stage-name/README.md`.

use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Correctness,
    severity: Severity::Warning,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    peers: &[peer("buildkit", "ReservedStageName")],
    fixable: false,
};

pub(crate) struct ReservedStageName;
pub(crate) static RULE: ReservedStageName = ReservedStageName;

impl Check for ReservedStageName {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for stage in &cx.model.stages {
            let (Some(name), Some(span)) = (stage.name_lowercase(), stage.name_span) else {
                continue;
            };
            let why = match name.as_str() {
                "scratch" => "`FROM scratch` always means the empty image, so later stages cannot build on this one by name",
                "context" => "`context` names the build context in `--from` and `--mount=from=`, so references to it are ambiguous",
                _ => continue,
            };
            out.report(
                span,
                format!("stage name `{name}` is reserved by BuildKit: {why}"),
            )
            .help("choose another name for the stage");
        }
    }
}
