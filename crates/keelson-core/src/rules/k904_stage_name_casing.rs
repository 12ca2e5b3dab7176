//! K904 stage-name-casing: a stage name with upper-case letters. See
//! `rules/K904-stage-name-casing/README.md`.

use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Edit, Fix, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::BestPractice,
    severity: Severity::Info,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    peers: &[peer("buildkit", "StageNameCasing")],
    fixable: true,
};

pub(crate) struct StageNameCasing;
pub(crate) static RULE: StageNameCasing = StageNameCasing;

impl Check for StageNameCasing {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for stage in &cx.model.stages {
            let (Some(name), Some(span)) = (&stage.name, stage.name_span) else {
                continue;
            };
            if !name.bytes().any(|b| b.is_ascii_uppercase()) || name.contains('$') {
                continue;
            }
            let lower = name.to_ascii_lowercase();
            let finding = out.report(
                span,
                format!(
                    "stage name `{name}` has upper-case letters: stage names are matched without case \
                     (`--from={lower}` and `--target {lower}` mean this stage), so the casing only misleads"
                ),
            );
            finding.help(format!("write `{lower}`"));
            if span.text(cx.source) == name {
                finding.fix(Fix::safe(
                    format!("write `{lower}`"),
                    vec![Edit::replace(span, lower.clone())],
                ));
            }
        }
    }
}
