//! K211 cgroup-parent-set: a compose service places its container in a cgroup of its choosing
//! (`cgroup_parent`) instead of the engine's. Off by default. See
//! `rules/K211-cgroup-parent-set/README.md`.

use super::k203_privileged_container::note_via;
use crate::context::ComposeContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, COMPOSE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Privilege,
    severity: Severity::Info,
    enabled_by_default: false,
    file_kinds: COMPOSE,
    peers: &[peer("kics", "Cgroup Not Default")],
    fixable: false,
};

pub(crate) struct CgroupParentSet;
pub(crate) static RULE: CgroupParentSet = CgroupParentSet;

impl Check for CgroupParentSet {
    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        for service in &cx.project.services {
            let Some(parent) = &service.cgroup_parent else {
                continue;
            };
            if !parent.is_determined() || parent.value.trim().is_empty() {
                continue;
            }
            let (file, span) = cx.at(parent.loc);
            let finding = out.report_in(
                file,
                span,
                format!(
                    "service `{}` runs its container under the cgroup `{}` instead of the \
                     engine's: the limits and accounting of that cgroup (set outside this file) \
                     apply, and a mistyped or shared parent can leave the container without the \
                     limits the engine would enforce",
                    service.name,
                    parent.value.trim()
                ),
            );
            finding.help(
                "remove `cgroup_parent` unless the host's resource management requires it; set \
                 limits with `deploy.resources.limits` instead",
            );
            note_via(cx, finding, parent.via, service);
        }
    }
}
