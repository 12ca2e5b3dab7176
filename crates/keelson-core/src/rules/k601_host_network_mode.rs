//! K601 host-network-mode: a compose service uses the host's network stack
//! (`network_mode: host`), or joins (`network_mode: service:<name>`) a service that does.
//! See `rules/K601-host-network-mode/README.md`.

use super::k203_privileged_container::note_via;
use crate::context::ComposeContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, COMPOSE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Network,
    severity: Severity::Warning,
    enabled_by_default: true,
    file_kinds: COMPOSE,
    peers: &[
        peer("kics", "Shared Host Network Namespace"),
        peer("compose-lint", "CL-0008"),
    ],
    fixable: false,
};

pub(crate) struct HostNetworkMode;
pub(crate) static RULE: HostNetworkMode = HostNetworkMode;

const RISK: &str = "it can reach every service the host listens on, `127.0.0.1` included (local \
                    databases, admin interfaces, the engine's API if bound there), listens \
                    directly on the host's interfaces with no port mapping, and with `NET_ADMIN` \
                    or `NET_RAW` can sniff or reconfigure the host's network";

impl Check for HostNetworkMode {
    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        let services = &cx.project.services;
        for service in services {
            let Some(mode) = &service.network_mode else {
                continue;
            };
            if !mode.is_determined() {
                continue;
            }
            let value = mode.value.trim();
            let message = if value.eq_ignore_ascii_case("host") {
                format!(
                    "service `{}` uses the host's network stack (`network_mode: host`): {RISK}",
                    service.name
                )
            } else if let Some(other) = value.strip_prefix("service:") {
                let joins_host = services.iter().any(|s| {
                    s.name == other
                        && s.network_mode.as_ref().is_some_and(|m| {
                            m.is_determined() && m.value.trim().eq_ignore_ascii_case("host")
                        })
                });
                if !joins_host {
                    continue;
                }
                format!(
                    "service `{}` joins the network stack of service `{other}`, which uses the \
                     host's (`network_mode: host`): {RISK}",
                    service.name
                )
            } else {
                continue;
            };
            let (file, span) = cx.at(mode.loc);
            let finding = out.report_in(file, span, message);
            finding.help(
                "remove `network_mode: host` and publish only the ports the service needs under \
                 `ports:` (bound to `127.0.0.1` when only the host uses them)",
            );
            note_via(cx, finding, mode.via, service);
        }
    }
}
