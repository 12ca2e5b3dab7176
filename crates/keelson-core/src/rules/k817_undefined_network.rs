//! K817 undefined-network: a service joins a network the project does not declare under
//! top-level `networks:` (only `default` is implicit), or sets both `network_mode` and
//! `networks`, which Compose refuses as mutually exclusive. See
//! `rules/K817-undefined-network/README.md`.

use super::k203_privileged_container::note_via;
use super::k816_undefined_service_reference::{
    declared, determined_name, did_you_mean, should_report,
};
use crate::context::ComposeContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{Check, RuleSpec, COMPOSE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Correctness,
    severity: Severity::Error,
    enabled_by_default: true,
    file_kinds: COMPOSE,
    peers: &[],
    fixable: false,
};

pub(crate) struct UndefinedNetwork;
pub(crate) static RULE: UndefinedNetwork = UndefinedNetwork;

impl Check for UndefinedNetwork {
    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        let networks = declared(cx, "networks");
        let section = cx.project.top_level("networks").is_some();
        for service in &cx.project.services {
            if let (Some(mode), Some(first)) = (&service.network_mode, service.networks.first()) {
                if determined_name(mode).is_some() {
                    let (file, span) = cx.at(mode.loc);
                    let finding = out.report_in(
                        file,
                        span,
                        format!(
                            "service `{}` sets both `network_mode` and `networks`: Compose \
                             refuses the project because the two are mutually exclusive (a \
                             container in `network_mode: {}` cannot join other networks)",
                            service.name,
                            mode.value.trim()
                        ),
                    );
                    finding.help(
                        "remove `networks` to keep the network mode, or remove `network_mode` to \
                         attach the service to the listed networks",
                    );
                    let (nfile, nspan) = cx.at(first.loc);
                    finding.related(nfile, nspan, "the service's networks start here");
                    note_via(cx, finding, mode.via, service);
                }
            }
            for net in &service.networks {
                let name = net.name.trim();
                if name.is_empty()
                    || name == "default"
                    || name.contains('$')
                    || networks.iter().any(|n| n == name)
                    || !should_report(cx, name, &networks, section)
                {
                    continue;
                }
                let (file, span) = cx.at(net.loc);
                let finding = out.report_in(
                    file,
                    span,
                    format!(
                        "service `{}` joins network `{name}`, which is not declared under the \
                         top-level `networks:`: Compose refuses to load the project (only the \
                         `default` network exists without a declaration)",
                        service.name
                    ),
                );
                finding.help(format!(
                    "correct the name{}, or declare `{name}` under the top-level `networks:` (with \
                     `external: true` if another project creates it)",
                    did_you_mean(name, &networks)
                ));
                note_via(cx, finding, net.via, service);
            }
        }
    }
}
