//! K702 cpu-limit-missing: a compose service sets no CPU limit (`cpus` or
//! `deploy.resources.limits.cpus`). Off by default. See
//! `rules/K702-cpu-limit-missing/README.md`.

use keelson_model::compose::ComposeService;

use super::k701_memory_limit_missing::{report_missing_limit, Limit};
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
        peer("kics", "Cpus Not Limited"),
        peer("compose-lint", "CL-0026"),
    ],
    fixable: false,
};

pub(crate) struct CpuLimitMissing;
pub(crate) static RULE: CpuLimitMissing = CpuLimitMissing;

impl Check for CpuLimitMissing {
    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        report_missing_limit(
            cx,
            out,
            &Limit {
                what: "CPU",
                risk: "a busy loop or an attacker mining coins can take every CPU of the host \
                       and starve the other services",
                help: "set `deploy.resources.limits.cpus` (or `cpus`), e.g. `\"1.5\"`",
                of: ComposeService::cpu_limit,
            },
        );
    }
}
