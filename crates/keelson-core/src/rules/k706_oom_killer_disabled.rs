//! K706 oom-killer-disabled: a compose service without a memory limit turns the kernel's
//! out-of-memory killer off for its container (`oom_kill_disable: true`) or makes it the last
//! thing the killer picks (a negative `oom_score_adj`): when memory runs out, host processes
//! and other containers are killed instead. See `rules/K706-oom-killer-disabled/README.md`.

use keelson_model::compose::{ComposeService, Flag, Text};

use super::k203_privileged_container::note_via;
use crate::context::ComposeContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{Check, RuleSpec, COMPOSE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Resources,
    severity: Severity::Warning,
    enabled_by_default: true,
    file_kinds: COMPOSE,
    peers: &[],
    fixable: false,
};

pub(crate) struct OomKillerDisabled;
pub(crate) static RULE: OomKillerDisabled = OomKillerDisabled;

const HELP: &str = "set a memory limit (`deploy.resources.limits.memory` or `mem_limit`) so the \
                    container cannot use up the host's memory, or remove the setting";

impl Check for OomKillerDisabled {
    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        for service in &cx.project.services {
            // With a memory limit the container's own cgroup limit stops it first (the engine
            // documents `oom_kill_disable` as safe only then); an unresolved limit may be one.
            if service.memory_limit().is_some() {
                continue;
            }
            if let Some(flag) = service.raw("oom_kill_disable").map(Flag::from_value) {
                if flag.is_true() {
                    report_disabled(cx, out, service, &flag);
                }
            }
            if let Some(adj) = service.raw("oom_score_adj").and_then(Text::from_value) {
                report_score(cx, out, service, &adj);
            }
        }
    }
}

fn report_disabled(
    cx: &ComposeContext<'_>,
    out: &mut Reporter<'_>,
    service: &ComposeService,
    flag: &Flag,
) {
    let (file, span) = cx.at(flag.loc);
    let finding = out.report_in(
        file,
        span,
        format!(
            "service `{}` disables the out-of-memory killer for its container and sets no memory \
             limit: when the container uses up the host's memory, the kernel kills host \
             processes and other containers instead of it",
            service.name
        ),
    );
    finding.help(HELP);
    note_via(cx, finding, flag.via, service);
}

fn report_score(
    cx: &ComposeContext<'_>,
    out: &mut Reporter<'_>,
    service: &ComposeService,
    adj: &Text,
) {
    if !adj.is_determined() {
        return;
    }
    let Ok(score) = adj.value.trim().parse::<i64>() else {
        return;
    };
    if score >= 0 {
        return;
    }
    let how = if score <= -1000 {
        "exempts its container from the out-of-memory killer"
    } else {
        "makes its container one of the last the out-of-memory killer picks"
    };
    let (file, span) = cx.at(adj.loc);
    let finding = out.report_in(
        file,
        span,
        format!(
            "service `{}` {how} (`oom_score_adj: {score}`) and sets no memory limit: when the \
             container uses up the host's memory, the kernel kills host processes and other \
             containers first",
            service.name
        ),
    );
    finding.help(HELP);
    note_via(cx, finding, adj.via, service);
}
