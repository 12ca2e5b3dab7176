//! K208 selinux-label-disabled: a compose service turns SELinux separation off
//! (`security_opt: [label:disable]`) or runs with an unconfined SELinux type (`spc_t`,
//! `unconfined_t`). See `rules/K208-selinux-label-disabled/README.md`.

use super::k203_privileged_container::note_via;
use super::k207_security_profile_disabled::split_security_opt;
use crate::context::ComposeContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, COMPOSE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Privilege,
    severity: Severity::Warning,
    enabled_by_default: true,
    file_kinds: COMPOSE,
    peers: &[
        peer("semgrep", "selinux-separation-disabled"),
        peer("compose-lint", "CL-0009"),
    ],
    fixable: false,
};

pub(crate) struct SelinuxLabelDisabled;
pub(crate) static RULE: SelinuxLabelDisabled = SelinuxLabelDisabled;

impl Check for SelinuxLabelDisabled {
    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        for service in &cx.project.services {
            for item in &service.security_opt {
                if !item.is_determined() {
                    continue;
                }
                let Some((key, value)) = split_security_opt(item) else {
                    continue;
                };
                if key != "label" {
                    continue;
                }
                let value = value.to_ascii_lowercase();
                let what = if value == "disable" {
                    "turns SELinux separation off for the container"
                } else if let Some(ty) = value.strip_prefix("type:").or(value.strip_prefix("type="))
                {
                    match ty.trim() {
                        "spc_t" | "unconfined_t" => {
                            "runs the container with an unconfined SELinux type"
                        }
                        _ => continue,
                    }
                } else {
                    continue;
                };
                let (file, span) = cx.at(item.loc);
                let finding = out.report_in(
                    file,
                    span,
                    format!(
                        "service `{}` sets `{}`, which {what}: on an SELinux host the policy \
                         no longer keeps it away from host files and other containers",
                        service.name,
                        item.raw.trim()
                    ),
                );
                finding.help(
                    "remove the option; for a bind mount the container cannot read, relabel the \
                     mount instead (`:z` shared, `:Z` private to the service)",
                );
                note_via(cx, finding, item.via, service);
            }
        }
    }
}
