//! K703 pids-limit-missing: a compose service sets no limit on its number of processes
//! (`pids_limit` or `deploy.resources.limits.pids`). Off by default. See
//! `rules/K703-pids-limit-missing/README.md`.

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
    peers: &[peer("kics", "Pids Limit Not Set")],
    fixable: false,
};

pub(crate) struct PidsLimitMissing;
pub(crate) static RULE: PidsLimitMissing = PidsLimitMissing;

impl Check for PidsLimitMissing {
    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        report_missing_limit(
            cx,
            out,
            &Limit {
                what: "process (PIDs)",
                risk: "a fork bomb in the container can exhaust the host's process table and \
                       stop every other service from starting programs",
                help: "set `pids_limit` (or `deploy.resources.limits.pids`), e.g. `200`",
                of: ComposeService::pids_limit_value,
            },
        );
    }
}
