//! K502 tmpfs-allows-exec: a compose service's `tmpfs:` entry re-enables `exec`, `suid` or
//! `dev`, which the engine turns off for tmpfs mounts by default. See
//! `rules/K502-tmpfs-allows-exec/README.md`.

use super::k203_privileged_container::note_via;
use crate::context::ComposeContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, COMPOSE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Immutability,
    severity: Severity::Warning,
    enabled_by_default: true,
    file_kinds: COMPOSE,
    peers: &[peer("compose-lint", "CL-0022")],
    fixable: false,
};

pub(crate) struct TmpfsAllowsExec;
pub(crate) static RULE: TmpfsAllowsExec = TmpfsAllowsExec;

impl Check for TmpfsAllowsExec {
    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        for service in &cx.project.services {
            for entry in &service.tmpfs {
                if !entry.is_determined() {
                    continue;
                }
                let Some((path, options)) = entry.value.trim().split_once(':') else {
                    continue;
                };
                let enabled: Vec<&str> = options
                    .split(',')
                    .map(str::trim)
                    .filter(|o| matches!(*o, "exec" | "suid" | "dev"))
                    .collect();
                if enabled.is_empty() {
                    continue;
                }
                let mut risks = Vec::new();
                if enabled.contains(&"exec") {
                    risks.push("run programs it downloads there");
                }
                if enabled.contains(&"suid") {
                    risks.push("plant setuid programs");
                }
                if enabled.contains(&"dev") {
                    risks.push("create device nodes");
                }
                let shown: Vec<String> = enabled.iter().map(|o| format!("`{o}`")).collect();
                let (file, span) = cx.at(entry.loc);
                let finding = out.report_in(
                    file,
                    span,
                    format!(
                        "service `{}` mounts a tmpfs at `{path}` with {}: an attacker who gets a \
                         foothold can {} in a writable place, which defeats `read_only: true`",
                        service.name,
                        shown.join(", "),
                        risks.join(", ")
                    ),
                );
                finding.help(format!(
                    "remove {} (tmpfs mounts are `noexec,nosuid,nodev` by default); if a program \
                     must run from there, ship it in the image instead",
                    shown.join(", ")
                ));
                note_via(cx, finding, entry.via, service);
            }
        }
    }
}
