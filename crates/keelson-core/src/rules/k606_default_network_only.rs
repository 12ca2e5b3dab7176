//! K606 default-network-only: several compose services set neither `networks` nor
//! `network_mode`, so they all share the project's default network and each can reach every
//! port of the others. Off by default: segmentation advice. See
//! `rules/K606-default-network-only/README.md`.

use keelson_model::compose::ComposeService;

use super::k203_privileged_container::is_runnable;
use crate::context::ComposeContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, COMPOSE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Network,
    severity: Severity::Info,
    enabled_by_default: false,
    file_kinds: COMPOSE,
    peers: &[peer("kics", "Networks Not Set")],
    fixable: false,
};

pub(crate) struct DefaultNetworkOnly;
pub(crate) static RULE: DefaultNetworkOnly = DefaultNetworkOnly;

/// Whether the service joins the default network only because it names no network.
fn on_implicit_default(service: &ComposeService) -> bool {
    is_runnable(service)
        && service.networks.is_empty()
        && service.network_mode.is_none()
        && service.raw("networks").is_none()
}

/// `a`, `b`, `c` and 2 more.
fn names(services: &[&ComposeService], except: &ComposeService) -> String {
    const SHOWN: usize = 3;
    let others: Vec<String> = services
        .iter()
        .filter(|s| !std::ptr::eq(**s, except))
        .map(|s| format!("`{}`", s.name))
        .collect();
    match others.len() {
        n if n > SHOWN => format!(
            "{} and {} more",
            others.get(..SHOWN).unwrap_or_default().join(", "),
            n - SHOWN
        ),
        _ => others.join(", "),
    }
}

impl Check for DefaultNetworkOnly {
    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        let implicit: Vec<&ComposeService> = cx
            .project
            .services
            .iter()
            .filter(|s| on_implicit_default(s))
            .collect();
        // Segmentation needs at least two services to separate.
        if implicit.len() < 2 {
            return;
        }
        for service in &implicit {
            let (file, span) = cx.at(service.key_loc);
            let finding = out.report_in(
                file,
                span,
                format!(
                    "service `{}` names no network, so it shares the project's default network \
                     with {}: each of them can reach every port of the others, so one \
                     compromised service can attack all of them",
                    service.name,
                    names(&implicit, service)
                ),
            );
            finding.help(
                "declare networks for the tiers that must talk to each other (`frontend`, \
                 `backend`) and list in each service's `networks:` only the ones it needs",
            );
        }
    }
}
