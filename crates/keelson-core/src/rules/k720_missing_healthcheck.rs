//! K720 missing-healthcheck: the final stage runs a network service (it `EXPOSE`s a port) but
//! neither it nor a stage it is built from sets a `HEALTHCHECK`. Off by default. See
//! `rules/K720-missing-healthcheck/README.md`.

use keelson_model::dockerfile::{Base, Stage};

use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Resources,
    severity: Severity::Info,
    enabled_by_default: false,
    file_kinds: DOCKERFILE,
    peers: &[
        peer("hadolint", "DL3057"),
        peer("trivy", "DS-0026"),
        peer("kics", "Healthcheck Instruction Missing"),
        peer("checkov", "CKV_DOCKER_2"),
    ],
    fixable: false,
};

pub(crate) struct MissingHealthcheck;
pub(crate) static RULE: MissingHealthcheck = MissingHealthcheck;

impl Check for MissingHealthcheck {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        let Some(last) = cx.model.final_stage() else {
            return;
        };
        // `HEALTHCHECK` in the stage or inherited through `FROM <stage>` (NONE counts: it is a
        // decision).
        if last.healthcheck.is_some() {
            return;
        }
        let chain = chain(cx, last);
        let Some(port) = chain.iter().flat_map(|s| s.exposed_ports.iter()).next() else {
            return;
        };
        let finding = out.report(
            last.from_span,
            format!(
                "the image serves on `{}` but has no `HEALTHCHECK`: Docker and compose only see \
                 whether the process is alive, so a hung or deadlocked service keeps receiving traffic \
                 and is never restarted",
                port.raw
            ),
        );
        finding.help(
            "add `HEALTHCHECK CMD …` that probes the service (for example `HEALTHCHECK CMD [\"/app\", \"healthcheck\"]`), or `HEALTHCHECK NONE` if the orchestrator checks health itself",
        );
        finding.related(cx.file, port.span, "the port is exposed here");
    }
}

/// The final stage and the stages it is built `FROM`.
fn chain<'a>(cx: &DockerfileContext<'a>, last: &'a Stage) -> Vec<&'a Stage> {
    let mut out = vec![last];
    let mut current = last;
    while let Base::Stage(parent) = current.base {
        if parent >= current.index || out.len() > cx.model.stages.len() {
            break;
        }
        let Some(p) = cx.model.stage(parent) else {
            break;
        };
        out.push(p);
        current = p;
    }
    out
}
