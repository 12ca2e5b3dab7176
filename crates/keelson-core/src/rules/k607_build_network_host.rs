//! K607 build-network-host: a build step uses the host's network (`RUN --network=host`, compose
//! `build.network: host`), so it reaches the services listening on the builder's loopback and
//! private interfaces. See `rules/K607-build-network-host/README.md`.

use keelson_syntax::dockerfile::InstructionKind;

use crate::context::{ComposeContext, DockerfileContext};
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{Check, RuleSpec, BOTH};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Network,
    severity: Severity::Warning,
    enabled_by_default: true,
    file_kinds: BOTH,
    // No peer checks this.
    peers: &[],
    fixable: false,
};

pub(crate) struct BuildNetworkHost;
pub(crate) static RULE: BuildNetworkHost = BuildNetworkHost;

const RISK: &str = "the step shares the builder's network stack, so it can reach every service \
     the build machine listens on, `127.0.0.1` included (a Docker API, a cloud metadata proxy, \
     databases, other CI jobs), and the image's contents then depend on that machine";

impl Check for BuildNetworkHost {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for ins in cx.syntax.instructions() {
            let run = ins.onbuild_inner().unwrap_or(ins);
            if run.kind != InstructionKind::Run {
                continue;
            }
            for flag in run.flags_named("network") {
                if flag.value.as_deref() != Some("host") {
                    continue;
                }
                out.report(
                    flag.span,
                    format!("`RUN --network=host` runs the step on the host's network: {RISK}"),
                )
                .help(
                    "remove `--network=host` (the default network reaches the internet); to \
                     reach a local service, publish it on a build network or pass what the \
                     step needs as a build secret",
                );
            }
        }
    }

    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        for service in &cx.project.services {
            let Some(network) = service.build.as_ref().and_then(|b| b.network.as_ref()) else {
                continue;
            };
            if !network.is_determined() || !network.value.trim().eq_ignore_ascii_case("host") {
                continue;
            }
            let (file, span) = cx.at(network.loc);
            out.report_in(
                file,
                span,
                format!(
                    "service `{}` builds with `build.network: host`, so every `RUN` step uses \
                     the host's network: {RISK}",
                    service.name
                ),
            )
            .help("remove `build.network: host`; the default build network reaches the internet");
        }
    }
}
