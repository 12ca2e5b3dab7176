//! K605 duplicate-host-port: two compose services (or two entries of one service) publish the
//! same host port and protocol on overlapping addresses; the second container fails to start
//! ("port is already allocated"). Services that cannot run together (disjoint `profiles`) are
//! not compared. See `rules/K605-duplicate-host-port/README.md`.

use keelson_model::compose::{ComposeService, PortMapping, PortRange};

use super::k203_privileged_container::{can_run_together, note_via};
use crate::context::ComposeContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, COMPOSE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Network,
    severity: Severity::Error,
    enabled_by_default: true,
    file_kinds: COMPOSE,
    peers: &[peer("dclint", "no-duplicate-exported-ports")],
    fixable: false,
};

pub(crate) struct DuplicateHostPort;
pub(crate) static RULE: DuplicateHostPort = DuplicateHostPort;

/// A published host port of a service.
struct Published<'a> {
    service: &'a ComposeService,
    port: &'a PortMapping,
    range: PortRange,
    protocol: String,
}

fn published(service: &ComposeService) -> impl Iterator<Item = Published<'_>> {
    let host_network = service
        .network_mode
        .as_ref()
        .is_some_and(|m| m.value.trim() == "host");
    service
        .ports
        .iter()
        .filter(move |_| !host_network)
        .filter(|p| p.determined)
        .filter_map(move |port| {
            let range = port.published_range?;
            // 0 asks the engine for a random port; a host range with one container port lets
            // the engine pick a free port of the range.
            if range.start == 0
                || (range.start != range.end && port.target_range.is_some_and(|t| t.start == t.end))
            {
                return None;
            }
            Some(Published {
                service,
                port,
                range,
                protocol: port
                    .protocol
                    .as_deref()
                    .unwrap_or("tcp")
                    .to_ascii_lowercase(),
            })
        })
}

fn overlaps(a: &Published<'_>, b: &Published<'_>) -> bool {
    let addresses = a.port.binds_all_interfaces()
        || b.port.binds_all_interfaces()
        || a.port.host_ip == b.port.host_ip;
    addresses
        && a.protocol == b.protocol
        && a.range.start <= b.range.end
        && b.range.start <= a.range.end
}

impl Check for DuplicateHostPort {
    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        let all: Vec<Published<'_>> = cx.project.services.iter().flat_map(published).collect();
        for (i, later) in all.iter().enumerate() {
            let Some(first) = all.get(..i).and_then(|before| {
                before.iter().find(|earlier| {
                    overlaps(earlier, later) && can_run_together(earlier.service, later.service)
                })
            }) else {
                continue;
            };
            let host = later.port.published.as_deref().unwrap_or_default();
            let whom = if std::ptr::eq(first.service, later.service) {
                "another of its own `ports` entries".to_string()
            } else {
                format!("service `{}`", first.service.name)
            };
            let (file, span) = cx.at(later.port.loc);
            let finding = out.report_in(
                file,
                span,
                format!(
                    "service `{}` publishes host port {host}/{}, which {whom} already publishes: \
                     the engine can bind a host port once, so the second container fails to \
                     start with \"port is already allocated\"",
                    later.service.name, later.protocol
                ),
            );
            finding.help(
                "publish a different host port, bind each to a different host address, or put \
                 the services in different `profiles` if they never run together",
            );
            let (ffile, fspan) = cx.at(first.port.loc);
            finding.related(ffile, fspan, "the port is first published here");
            note_via(cx, finding, later.port.via, later.service);
        }
    }
}
