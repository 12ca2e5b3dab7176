//! K604 invalid-port: a compose `ports` or `expose` entry Compose or the engine rejects: a port
//! outside 1–65535, a host range and a container range of different lengths, a malformed
//! `expose` item or an unknown protocol. Malformed `ports` strings are K802's (the model
//! cannot read them). See `rules/K604-invalid-port/README.md`.

use keelson_model::compose::{PortMapping, PortRange};

use super::k203_privileged_container::note_via;
use crate::context::ComposeContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, COMPOSE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Network,
    severity: Severity::Error,
    enabled_by_default: true,
    file_kinds: COMPOSE,
    peers: &[
        peer("kics", "UNIX Ports Out Of Range"),
        peer("hadolint", "DL3011"),
        peer("semgrep", "invalid-port"),
    ],
    fixable: false,
};

pub(crate) struct InvalidPort;
pub(crate) static RULE: InvalidPort = InvalidPort;

const MAX_PORT: u32 = 65535;

fn out_of_range(range: PortRange, zero_ok: bool) -> bool {
    (range.start == 0 && !zero_ok) || range.end > MAX_PORT
}

fn len(range: PortRange) -> u32 {
    range.end - range.start
}

fn protocol_ok(protocol: &str) -> bool {
    matches!(
        protocol.to_ascii_lowercase().as_str(),
        "tcp" | "udp" | "sctp"
    )
}

/// What is wrong with a `ports` entry, if anything.
fn port_problem(port: &PortMapping) -> Option<String> {
    if let Some(t) = port.target_range.filter(|r| out_of_range(*r, false)) {
        let shown = if t.start == 0 { 0 } else { t.end };
        return Some(format!("container port {shown} is outside 1-65535"));
    }
    if let Some(p) = port.published_range.filter(|r| out_of_range(*r, true)) {
        return Some(format!("host port {} is outside 1-65535", p.end));
    }
    if let (Some(p), Some(t)) = (port.published_range, port.target_range) {
        // A host range with one container port is fine (the engine picks one).
        if len(t) > 0 && len(p) != len(t) {
            return Some(format!(
                "the host range {} and the container range {} have different lengths",
                port.published.as_deref().unwrap_or_default(),
                port.target.as_deref().unwrap_or_default()
            ));
        }
    }
    if let Some(t) = port.target.as_ref().filter(|_| port.target_range.is_none()) {
        return Some(format!("`{t}` is not a container port"));
    }
    if let Some(p) = port
        .published
        .as_ref()
        .filter(|_| port.published_range.is_none())
    {
        return Some(format!("`{p}` is not a host port"));
    }
    port.protocol
        .as_deref()
        .filter(|p| !protocol_ok(p))
        .map(|p| format!("`{p}` is not a protocol (tcp, udp or sctp)"))
}

impl Check for InvalidPort {
    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        for service in &cx.project.services {
            for port in &service.ports {
                if !port.determined {
                    continue;
                }
                let problem = port_problem(port);
                let Some(problem) = problem else {
                    continue;
                };
                let (file, span) = cx.at(port.loc);
                let finding = out.report_in(
                    file,
                    span,
                    format!(
                        "service `{}` publishes an invalid port: {problem}, so `docker compose up` \
                         fails for this service",
                        service.name
                    ),
                );
                finding.help("write `[HOST_IP:]HOST_PORT:CONTAINER_PORT[/PROTOCOL]` with ports from 1 to 65535 and ranges of the same length");
                note_via(cx, finding, port.via, service);
            }
            for item in &service.expose {
                if !item.is_determined() {
                    continue;
                }
                let value = item.value.trim();
                let (ports, protocol) = match value.split_once('/') {
                    Some((p, proto)) => (p, Some(proto)),
                    None => (value, None),
                };
                let problem = match PortRange::parse(ports) {
                    None => Some(format!("`{value}` is not a port or a range of ports")),
                    Some(r) if out_of_range(r, false) => {
                        Some(format!("`{value}` is outside 1-65535"))
                    }
                    Some(_) => protocol
                        .filter(|p| !protocol_ok(p))
                        .map(|p| format!("`{p}` is not a protocol (tcp, udp or sctp)")),
                };
                let Some(problem) = problem else {
                    continue;
                };
                let (file, span) = cx.at(item.loc);
                let finding = out.report_in(
                    file,
                    span,
                    format!(
                        "service `{}` exposes an invalid port: {problem}, so Compose rejects the \
                         file",
                        service.name
                    ),
                );
                finding.help("write a port from 1 to 65535 or a range (`8000-8010`), optionally with `/tcp` or `/udp`");
                note_via(cx, finding, item.via, service);
            }
        }
    }
}
