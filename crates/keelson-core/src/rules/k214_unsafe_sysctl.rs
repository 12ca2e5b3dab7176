//! K214 unsafe-sysctl: a compose service sets a namespaced kernel parameter (`sysctls`) that
//! weakens the network isolation of its container: `route_localnet` (services bound to
//! `127.0.0.1` become reachable from the network) or `accept_source_route` (senders choose the
//! path of their packets). See `rules/K214-unsafe-sysctl/README.md`.

use keelson_model::compose::{ComposeService, KeyValue};

use super::k203_privileged_container::note_via;
use crate::context::ComposeContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{Check, RuleSpec, COMPOSE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Privilege,
    severity: Severity::Warning,
    enabled_by_default: true,
    file_kinds: COMPOSE,
    peers: &[],
    fixable: false,
};

pub(crate) struct UnsafeSysctl;
pub(crate) static RULE: UnsafeSysctl = UnsafeSysctl;

/// What turning a parameter on does, for the parameters keelson reports.
fn risk(key: &str) -> Option<&'static str> {
    let mut parts = key.split('.');
    let (Some("net"), Some(family @ ("ipv4" | "ipv6")), Some("conf"), Some(_iface), Some(name)) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return None;
    };
    if parts.next().is_some() {
        return None;
    }
    match (family, name) {
        ("ipv4", "route_localnet") => Some(
            "packets from other hosts and containers may be routed to 127.0.0.0/8, so a \
             service that listens on localhost only (an admin port, a debug endpoint) becomes \
             reachable from the network (the CVE-2020-8558 pattern)",
        ),
        (_, "accept_source_route") => Some(
            "the container accepts source-routed packets, whose sender picks the path they \
             take, a classic way around network filtering and address-based trust",
        ),
        _ => None,
    }
}

/// The sysctl name in dotted form (`net/ipv4/…` is accepted too), trimmed.
fn normalized_key(key: &str) -> String {
    key.trim().replace('/', ".")
}

/// Whether the value turns the parameter on (a non-zero integer).
fn turns_on(value: &str) -> bool {
    value.trim().parse::<i64>().is_ok_and(|n| n != 0)
}

impl Check for UnsafeSysctl {
    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        for service in &cx.project.services {
            for kv in &service.sysctls {
                check(cx, out, service, kv);
            }
        }
    }
}

fn check(cx: &ComposeContext<'_>, out: &mut Reporter<'_>, service: &ComposeService, kv: &KeyValue) {
    if kv.key.contains('$') {
        return;
    }
    let Some(value) = &kv.value else {
        return;
    };
    if !value.is_determined() || !turns_on(&value.value) {
        return;
    }
    let key = normalized_key(&kv.key);
    let Some(risk) = risk(&key) else {
        return;
    };
    let (file, span) = cx.at(kv.loc);
    let finding = out.report_in(
        file,
        span,
        format!(
            "service `{}` sets `{key}={}`: {risk}",
            service.name,
            value.value.trim()
        ),
    );
    finding.help(format!(
        "remove the `{key}` sysctl (the default, 0, is safe); publish the service's port \
         instead of routing to localhost"
    ));
    note_via(cx, finding, kv.via, service);
}

#[cfg(test)]
mod tests {
    use super::{normalized_key, risk, turns_on};

    #[test]
    fn reports_route_localnet_and_source_routing_on_any_interface() {
        assert!(risk("net.ipv4.conf.all.route_localnet").is_some());
        assert!(risk("net.ipv4.conf.eth0.route_localnet").is_some());
        assert!(risk("net.ipv6.conf.default.accept_source_route").is_some());
        assert!(risk("net.ipv6.conf.all.route_localnet").is_none());
        assert!(risk("net.ipv4.ip_forward").is_none());
        assert!(risk("net.ipv4.ip_unprivileged_port_start").is_none());
        assert!(risk("kernel.shmmax").is_none());
    }

    #[test]
    fn reads_slashes_and_numbers() {
        assert_eq!(
            normalized_key(" net/ipv4/conf/all/route_localnet "),
            "net.ipv4.conf.all.route_localnet"
        );
        assert!(turns_on(" 1"));
        assert!(turns_on("2"));
        assert!(!turns_on("0"));
        assert!(!turns_on("true"));
    }
}
