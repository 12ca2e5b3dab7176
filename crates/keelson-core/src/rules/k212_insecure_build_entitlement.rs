//! K212 insecure-build-entitlement: a build step runs without the builder's sandbox: `RUN
//! --security=insecure` in a Dockerfile, or compose `build.privileged: true` /
//! `build.entitlements: [security.insecure]`. Such a step runs with all capabilities and
//! device access on the machine that builds, like a privileged container.
//! See `rules/K212-insecure-build-entitlement/README.md`.

use keelson_syntax::dockerfile::InstructionKind;

use crate::context::{ComposeContext, DockerfileContext};
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{Check, RuleSpec, BOTH};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Privilege,
    severity: Severity::Warning,
    enabled_by_default: true,
    file_kinds: BOTH,
    // No peer checks this.
    peers: &[],
    fixable: false,
};

pub(crate) struct InsecureBuildEntitlement;
pub(crate) static RULE: InsecureBuildEntitlement = InsecureBuildEntitlement;

const RISK: &str = "the step runs like a privileged container on the builder, with every \
     capability and access to the host's devices, so it (and anything it downloads) can take \
     over the machine that builds, and with it other builds and their secrets";

impl Check for InsecureBuildEntitlement {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for ins in cx.syntax.instructions() {
            let run = ins.onbuild_inner().unwrap_or(ins);
            if run.kind != InstructionKind::Run {
                continue;
            }
            for flag in run.flags_named("security") {
                if flag.value.as_deref() != Some("insecure") {
                    continue;
                }
                out.report(
                    flag.span,
                    format!("`RUN --security=insecure` turns off the build sandbox: {RISK}"),
                )
                .help(
                    "remove `--security=insecure`; give the step only what it needs (a cache \
                     or secret mount, a capability-free alternative of the tool), or run that \
                     work in a container at deploy time where it can be confined",
                );
            }
        }
    }

    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        for service in &cx.project.services {
            let Some(build) = &service.build else {
                continue;
            };
            if let Some(flag) = build.privileged.as_ref().filter(|f| f.is_true()) {
                let (file, span) = cx.at(flag.loc);
                out.report_in(
                    file,
                    span,
                    format!(
                        "service `{}` builds with `build.privileged: true` (the \
                         `security.insecure` entitlement): {RISK}",
                        service.name
                    ),
                )
                .help("remove `build.privileged`, and `--security=insecure` from the Dockerfile");
            }
            for e in &build.entitlements {
                if !e.is_determined() || e.value.trim() != "security.insecure" {
                    continue;
                }
                let (file, span) = cx.at(e.loc);
                out.report_in(
                    file,
                    span,
                    format!(
                        "service `{}` allows the `security.insecure` build entitlement, so \
                         `RUN --security=insecure` steps run: {RISK}",
                        service.name
                    ),
                )
                .help("remove `security.insecure` from `build.entitlements`");
            }
        }
    }
}
