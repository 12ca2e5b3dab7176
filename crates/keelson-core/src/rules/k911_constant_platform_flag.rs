//! K911 constant-platform-flag: `FROM --platform=linux/amd64 …` with a fixed platform. See
//! `rules/K911-constant-platform-flag/README.md`.

use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::BestPractice,
    severity: Severity::Info,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    peers: &[
        peer("hadolint", "DL3029"),
        peer("kics", "Using Platform Flag with FROM Command"),
        peer("semgrep", "avoid-platform-with-from"),
        peer("buildkit", "FromPlatformFlagConstDisallowed"),
    ],
    fixable: false,
};

pub(crate) struct ConstantPlatformFlag;
pub(crate) static RULE: ConstantPlatformFlag = ConstantPlatformFlag;

impl Check for ConstantPlatformFlag {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for stage in &cx.model.stages {
            let Some(platform) = &stage.platform else {
                continue;
            };
            let Some(span) = platform.span else {
                continue;
            };
            // `--platform=$BUILDPLATFORM` and other variables are the intended use.
            if platform.expansion.has_refs() || platform.raw.contains('$') {
                continue;
            }
            // A stage used only to fetch files for a fixed platform (e.g. a Windows or ARM
            // toolchain) is still a choice worth stating; BuildKit only allows it when the
            // stage name says so. Follow that: a stage named after the platform is deliberate.
            let value = platform.raw.trim_matches(['"', '\'']);
            let named_for_it = stage.name_lowercase().is_some_and(|n| {
                value
                    .split('/')
                    .any(|part| !part.is_empty() && n.contains(&part.to_ascii_lowercase()))
            });
            if named_for_it {
                continue;
            }
            out.report(
                span,
                format!(
                    "`--platform={value}` pins the stage to one platform: building for any other \
                     target (`docker buildx build --platform …`) silently produces a {value} image \
                     that runs under emulation or not at all"
                ),
            )
            .help("drop the flag, or use `--platform=$BUILDPLATFORM` for build stages that cross-compile");
        }
    }
}
