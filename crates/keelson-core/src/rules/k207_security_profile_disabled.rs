//! K207 security-profile-disabled: a compose service turns off the seccomp or AppArmor profile,
//! or unmasks the kernel's `/proc` and `/sys` paths (`security_opt: [seccomp:unconfined]`,
//! `apparmor=unconfined`, `systempaths=unconfined`).
//!
//! SELinux labels are K208's. See `rules/K207-security-profile-disabled/README.md`.

use keelson_model::compose::Text;

use super::k203_privileged_container::note_via;
use crate::context::ComposeContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, COMPOSE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Privilege,
    severity: Severity::Error,
    enabled_by_default: true,
    file_kinds: COMPOSE,
    peers: &[
        peer("kics", "Default Seccomp Profile Disabled"),
        peer("kics", "Seccomp Disabled"),
        peer("semgrep", "seccomp-confinement-disabled"),
        peer("compose-lint", "CL-0009"),
    ],
    fixable: false,
};

pub(crate) struct SecurityProfileDisabled;
pub(crate) static RULE: SecurityProfileDisabled = SecurityProfileDisabled;

/// A `security_opt` item split into its option and value (`seccomp:unconfined`,
/// `label=type:spc_t`): the separator is the first `:` or `=`.
pub(super) fn split_security_opt(item: &Text) -> Option<(String, String)> {
    let value = item.value.trim();
    let at = value.find([':', '='])?;
    let key = value.get(..at)?.trim().to_ascii_lowercase();
    let rest = value.get(at + 1..)?.trim().to_string();
    Some((key, rest))
}

impl Check for SecurityProfileDisabled {
    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        for service in &cx.project.services {
            for item in &service.security_opt {
                if !item.is_determined() {
                    continue;
                }
                let Some((key, value)) = split_security_opt(item) else {
                    continue;
                };
                if !value.eq_ignore_ascii_case("unconfined") {
                    continue;
                }
                let (what, help) = match key.as_str() {
                    "seccomp" => (
                        "turns the seccomp filter off: every system call of the host's kernel, \
                         including the rarely used ones most kernel exploits need, is open to \
                         the container",
                        "remove the option; if the service needs a system call the default \
                         profile blocks, give it a custom profile (`seccomp:./profile.json`) \
                         that allows only that call",
                    ),
                    "apparmor" => (
                        "runs the container without an AppArmor profile: nothing stops it from \
                         mounting file systems or writing to `/proc` and `/sys` where its \
                         capabilities allow",
                        "remove the option, or load a profile written for the service and name \
                         it (`apparmor:my-profile`)",
                    ),
                    "systempaths" => (
                        "unmasks `/proc` and `/sys` paths the engine hides (`/proc/kcore`, \
                         `/proc/sysrq-trigger`, …), exposing kernel memory and host controls",
                        "remove the option",
                    ),
                    _ => continue,
                };
                let (file, span) = cx.at(item.loc);
                let finding = out.report_in(
                    file,
                    span,
                    format!(
                        "service `{}` sets `{}`, which {what}",
                        service.name,
                        item.raw.trim()
                    ),
                );
                finding.help(help);
                note_via(cx, finding, item.via, service);
            }
        }
    }
}
