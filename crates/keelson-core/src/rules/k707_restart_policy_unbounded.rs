//! K707 restart-policy-unbounded: a compose service restarts without limit (`restart: always`,
//! `unless-stopped`, `on-failure` without a count, or `deploy.restart_policy` without
//! `max_attempts`). Off by default: an opinion. See
//! `rules/K707-restart-policy-unbounded/README.md`.

use keelson_model::compose::{ComposeService, Text, Value};

use super::k203_privileged_container::note_via;
use crate::context::ComposeContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, COMPOSE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Resources,
    severity: Severity::Info,
    enabled_by_default: false,
    file_kinds: COMPOSE,
    peers: &[peer("kics", "Restart Policy On Failure Not Set To 5")],
    fixable: false,
};

pub(crate) struct RestartPolicyUnbounded;
pub(crate) static RULE: RestartPolicyUnbounded = RestartPolicyUnbounded;

const WHY: &str = "a service that crashes on start (a bad configuration, a missing dependency) \
                   is restarted forever, using CPU and filling logs, and the failure never \
                   surfaces as a stopped container";
const HELP: &str = "bound the retries with `restart: on-failure:5` (or `deploy.restart_policy` \
                    with `condition: on-failure` and `max_attempts`) if a crash loop should stop";

/// Whether the `restart` value restarts without a bound.
fn unbounded(restart: &str) -> bool {
    match restart.trim() {
        "always" | "unless-stopped" | "on-failure" => true,
        other => other
            .strip_prefix("on-failure:")
            .is_some_and(|n| n.trim().parse::<u64>() == Ok(0)),
    }
}

impl Check for RestartPolicyUnbounded {
    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        for service in &cx.project.services {
            // Compose lets `deploy.restart_policy` override `restart`.
            if let Some(policy) = service.value.path(&["deploy", "restart_policy"]) {
                check_policy(cx, out, service, policy);
            } else if let Some(restart) = &service.restart {
                check_restart(cx, out, service, restart);
            }
        }
    }
}

fn check_restart(
    cx: &ComposeContext<'_>,
    out: &mut Reporter<'_>,
    service: &ComposeService,
    restart: &Text,
) {
    if !restart.is_determined() || !unbounded(&restart.value) {
        return;
    }
    let (file, span) = cx.at(restart.loc);
    let finding = out.report_in(
        file,
        span,
        format!(
            "service `{}` uses `restart: {}`, which restarts it without limit: {WHY}",
            service.name,
            restart.value.trim()
        ),
    );
    finding.help(HELP);
    note_via(cx, finding, restart.via, service);
}

fn check_policy(
    cx: &ComposeContext<'_>,
    out: &mut Reporter<'_>,
    service: &ComposeService,
    policy: &Value,
) {
    if policy.as_mapping().is_none() {
        return;
    }
    let condition = policy.get("condition").and_then(Text::from_value);
    if let Some(c) = &condition {
        if !c.is_determined() || c.value.trim() == "none" {
            return;
        }
    }
    if let Some(max) = policy.get("max_attempts").and_then(Text::from_value) {
        if !max.is_determined() || max.value.trim().parse::<u64>().is_ok_and(|n| n > 0) {
            return;
        }
    }
    let (loc, via) = match &condition {
        Some(c) => (c.loc, c.via),
        None => (
            service
                .value
                .path(&["deploy"])
                .and_then(|d| d.entry("restart_policy"))
                .map_or(policy.loc, |e| e.key_loc),
            policy.via,
        ),
    };
    let (file, span) = cx.at(loc);
    let finding = out.report_in(
        file,
        span,
        format!(
            "service `{}` has a `deploy.restart_policy` without `max_attempts`, which restarts \
             it without limit: {WHY}",
            service.name
        ),
    );
    finding.help(HELP);
    note_via(cx, finding, via, service);
}

#[cfg(test)]
mod tests {
    use super::unbounded;

    #[test]
    fn reads_restart_values() {
        assert!(unbounded("always"));
        assert!(unbounded(" unless-stopped "));
        assert!(unbounded("on-failure"));
        assert!(unbounded("on-failure:0"));
        assert!(!unbounded("on-failure:5"));
        assert!(!unbounded("no"));
    }
}
