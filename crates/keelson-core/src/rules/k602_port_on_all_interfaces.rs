//! K602 port-on-all-interfaces: a compose service publishes a port without a host address (or
//! on `0.0.0.0` / `::`), so it listens on every interface of the host, public ones included.
//! Off by default: development files publish ports this way on purpose. See
//! `rules/K602-port-on-all-interfaces/README.md`.

use super::k203_privileged_container::note_via;
use crate::context::ComposeContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, COMPOSE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Network,
    severity: Severity::Warning,
    enabled_by_default: false,
    file_kinds: COMPOSE,
    peers: &[
        peer("kics", "Container Traffic Not Bound To Host Interface"),
        peer("dclint", "no-unbound-port-interfaces"),
        peer("compose-lint", "CL-0005"),
    ],
    fixable: false,
};

pub(crate) struct PortOnAllInterfaces;
pub(crate) static RULE: PortOnAllInterfaces = PortOnAllInterfaces;

impl Check for PortOnAllInterfaces {
    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        for service in &cx.project.services {
            // Compose ignores `ports` with the host's network stack.
            if service
                .network_mode
                .as_ref()
                .is_some_and(|m| m.value.trim() == "host")
            {
                continue;
            }
            for port in &service.ports {
                if !port.determined || !port.binds_all_interfaces() {
                    continue;
                }
                let shown = match (&port.text, &port.published, &port.target) {
                    (Some(t), _, _) => t.value.trim().to_string(),
                    (None, Some(p), Some(t)) => format!("{p}:{t}"),
                    (None, None, Some(t)) => t.clone(),
                    _ => "the port".to_string(),
                };
                let host = match &port.published {
                    Some(p) => format!("host port {p}"),
                    None => "a random host port".to_string(),
                };
                let (file, span) = cx.at(port.loc);
                let finding = out.report_in(
                    file,
                    span,
                    format!(
                        "service `{}` publishes `{shown}` on {host} of every host interface: \
                         anyone who can reach the host can connect, and Docker's firewall rules \
                         bypass host firewalls such as ufw",
                        service.name
                    ),
                );
                finding.help(
                    "bind the port to the interface that needs it, usually loopback \
                     (`127.0.0.1:8080:80`), or drop `ports:` for services only other containers \
                     talk to",
                );
                note_via(cx, finding, port.via, service);
            }
        }
    }
}
