//! K701 memory-limit-missing: a compose service sets no memory limit (`mem_limit` or
//! `deploy.resources.limits.memory`). Off by default. See
//! `rules/K701-memory-limit-missing/README.md`.
//!
//! This file also holds the reporter K702 and K703 share.

use keelson_model::compose::{ComposeService, Text};

use super::k203_privileged_container::is_runnable;
use crate::context::ComposeContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, COMPOSE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Resources,
    severity: Severity::Info,
    enabled_by_default: false,
    file_kinds: COMPOSE,
    peers: &[
        peer("kics", "Memory Not Limited"),
        peer("compose-lint", "CL-0026"),
    ],
    fixable: false,
};

pub(crate) struct MemoryLimitMissing;
pub(crate) static RULE: MemoryLimitMissing = MemoryLimitMissing;

/// A limit the resource rules look for.
pub(super) struct Limit {
    /// What is limited, for messages ("memory").
    pub(super) what: &'static str,
    /// The consequence of no limit.
    pub(super) risk: &'static str,
    /// How to set it.
    pub(super) help: &'static str,
    /// The limit of a service, if set.
    pub(super) of: fn(&ComposeService) -> Option<&Text>,
}

/// Reports every runnable service without `limit` (a limit of `0` or `-1` means none).
pub(super) fn report_missing_limit(cx: &ComposeContext<'_>, out: &mut Reporter<'_>, limit: &Limit) {
    for service in &cx.project.services {
        if !is_runnable(service) {
            continue;
        }
        let (at, shown) = match (limit.of)(service) {
            None => (service.key_loc, None),
            Some(t) if t.is_determined() && matches!(t.value.trim(), "0" | "-1" | "") => {
                (t.loc, Some(t.raw.trim().to_string()))
            }
            Some(_) => continue,
        };
        let what = match shown {
            Some(v) => format!("sets an unlimited {} limit (`{v}`)", limit.what),
            None => format!("sets no {} limit", limit.what),
        };
        let (file, span) = cx.at(at);
        out.report_in(
            file,
            span,
            format!("service `{}` {what}: {}", service.name, limit.risk),
        )
        .help(limit.help);
    }
}

impl Check for MemoryLimitMissing {
    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        report_missing_limit(
            cx,
            out,
            &Limit {
                what: "memory",
                risk: "a leak or an attacker can use all of the host's memory, and the kernel's \
                       out-of-memory killer may then stop other services",
                help: "set `deploy.resources.limits.memory` (or `mem_limit`) to what the service \
                       needs with some headroom, e.g. `512M`",
                of: ComposeService::memory_limit,
            },
        );
    }
}
