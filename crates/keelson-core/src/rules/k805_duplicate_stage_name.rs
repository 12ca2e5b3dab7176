//! K805 duplicate-stage-name: two `FROM … AS name` lines use the same name (names compare
//! case-insensitively). See `rules/K805-duplicate-stage-name/README.md`.

use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Correctness,
    severity: Severity::Error,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    peers: &[
        peer("hadolint", "DL3024"),
        peer("trivy", "DS-0012"),
        peer("kics", "Same Alias In Different Froms"),
        peer("buildkit", "DuplicateStageName"),
    ],
    fixable: false,
};

pub(crate) struct DuplicateStageName;
pub(crate) static RULE: DuplicateStageName = DuplicateStageName;

impl Check for DuplicateStageName {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        let stages = &cx.model.stages;
        for (i, stage) in stages.iter().enumerate() {
            let (Some(name), Some(span)) = (stage.name_lowercase(), stage.name_span) else {
                continue;
            };
            let Some(first) = stages
                .iter()
                .take(i)
                .find(|s| s.name_lowercase().as_deref() == Some(name.as_str()))
            else {
                continue;
            };
            let finding = out.report(
                span,
                format!(
                    "stage name `{}` is already used by stage {} (names are compared without case): \
                     BuildKit refuses to build a file with duplicate stage names",
                    stage.name.as_deref().unwrap_or(&name),
                    first.index
                ),
            );
            finding.help("give this stage a name of its own and update the `--from`/`FROM` references that mean it");
            if let Some(first_span) = first.name_span {
                finding.related(cx.file, first_span, "the name is first used here");
            }
        }
    }
}
