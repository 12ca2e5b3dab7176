//! K603 privileged-host-port: a compose service publishes a host port below 1024. Off by
//! default (publishing 80 and 443 is what reverse proxies do). See
//! `rules/K603-privileged-host-port/README.md`.

use super::k203_privileged_container::note_via;
use crate::context::ComposeContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, COMPOSE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Network,
    severity: Severity::Info,
    enabled_by_default: false,
    file_kinds: COMPOSE,
    peers: &[peer("kics", "Privileged Ports Mapped In Container")],
    fixable: false,
};

pub(crate) struct PrivilegedHostPort;
pub(crate) static RULE: PrivilegedHostPort = PrivilegedHostPort;

impl Check for PrivilegedHostPort {
    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        for service in &cx.project.services {
            for port in &service.ports {
                let Some(range) = port.published_range.filter(|_| port.determined) else {
                    continue;
                };
                // 0 asks the engine for a random port.
                if range.start == 0 || range.start >= 1024 {
                    continue;
                }
                let (file, span) = cx.at(port.loc);
                let finding = out.report_in(
                    file,
                    span,
                    format!(
                        "service `{}` publishes host port {}, a privileged port: on the host \
                         such ports are reserved for system services (SSH, DNS, mail, web), and \
                         a container answering there can pose as one",
                        service.name,
                        port.published.as_deref().unwrap_or_default()
                    ),
                );
                finding.help(
                    "publish a port of 1024 or above (`8080:80`) unless the service is the host's \
                     public entry point",
                );
                note_via(cx, finding, port.via, service);
            }
        }
    }
}
