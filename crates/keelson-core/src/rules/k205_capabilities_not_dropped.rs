//! K205 capabilities-not-dropped: a compose service keeps the engine's default capabilities
//! because its `cap_drop` does not include `ALL`.
//!
//! Reported at `cap_drop` when the list exists without `ALL`, else at the service's name, with
//! an unsafe fix that adds `ALL` (a service that needs a default capability must add it back
//! with `cap_add`). Privileged services are K203's. See
//! `rules/K205-capabilities-not-dropped/README.md`.

use keelson_model::compose::{ComposeService, Truth};

use super::k203_privileged_container::{capability_name, is_runnable, note_via};
use super::k204_no_new_privileges_missing::add_list_item;
use crate::context::ComposeContext;
use crate::diagnostic::{Category, Fix, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, COMPOSE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Privilege,
    severity: Severity::Warning,
    enabled_by_default: true,
    file_kinds: COMPOSE,
    peers: &[
        peer("kics", "Container Capabilities Unrestricted"),
        peer("compose-lint", "CL-0006"),
    ],
    fixable: true,
};

pub(crate) struct CapabilitiesNotDropped;
pub(crate) static RULE: CapabilitiesNotDropped = CapabilitiesNotDropped;

const RISK: &str = "it keeps the engine's default capabilities (`CHOWN`, `DAC_OVERRIDE`, \
                    `FOWNER`, `SETUID`, `SETGID`, `NET_RAW`, `MKNOD`, …), which a compromised \
                    process can use to read any file in the container, forge network packets \
                    and widen a kernel exploit";

/// Whether the merged service drops every capability.
fn drops_all(service: &ComposeService) -> bool {
    service.cap_drop.iter().any(|t| capability_name(t) == "ALL")
}

impl Check for CapabilitiesNotDropped {
    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        for service in &cx.project.services {
            if !is_runnable(service) || drops_all(service) {
                continue;
            }
            if service
                .privileged
                .as_ref()
                .is_some_and(|p| p.value != Truth::False)
            {
                continue;
            }
            if service.cap_drop.iter().any(|t| !t.is_determined()) {
                continue;
            }
            let at = service.key_of("cap_drop").unwrap_or(service.key_loc);
            let what = if service.cap_drop.is_empty() {
                "does not drop capabilities (no `cap_drop: [ALL]`)".to_string()
            } else {
                let listed: Vec<String> = service
                    .cap_drop
                    .iter()
                    .take(4)
                    .map(|t| format!("`{}`", t.value.trim()))
                    .collect();
                format!("drops only {} instead of `ALL`", listed.join(", "))
            };
            let (file, span) = cx.at(at);
            let finding = out.report_in(
                file,
                span,
                format!("service `{}` {what}: {RISK}", service.name),
            );
            note_via(
                cx,
                finding,
                service.raw("cap_drop").and_then(|v| v.via),
                service,
            );
            finding.help(
                "add `cap_drop: [ALL]`, then add back with `cap_add` only the capabilities the \
                 service needs (often none; `NET_BIND_SERVICE` to listen below port 1024, \
                 `CHOWN`/`SETUID`/`SETGID` for images that switch users at start)",
            );
            if let Some(edit) = add_list_item(cx, service, "cap_drop", "ALL", drops_all) {
                finding.fix(Fix::unsafe_(
                    "add `ALL` to the service's `cap_drop` (check that it still starts; add back \
                     what it needs with `cap_add`)",
                    vec![edit],
                ));
            }
        }
    }
}
