//! K917 apt-lists-not-removed: a `RUN` step of the image runs `apt-get update` but does not
//! remove `/var/lib/apt/lists` in the same step. See `rules/K917-apt-lists-not-removed/README.md`.

use keelson_syntax::dockerfile::InstructionArgs;

use crate::commands::{run_commands, run_steps, Command};
use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

use super::k913_apt_get_without_yes::APT_WITH_VALUE;

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::BestPractice,
    severity: Severity::Info,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    peers: &[
        peer("hadolint", "DL3009"),
        peer("kics", "Apt Get Install Lists Were Not Deleted"),
    ],
    fixable: false,
};

pub(crate) struct AptListsNotRemoved;
pub(crate) static RULE: AptListsNotRemoved = AptListsNotRemoved;

impl Check for AptListsNotRemoved {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        let shipped = cx.model.final_lineage();
        for step in run_steps(cx) {
            // Builder stages are not part of the image; ONBUILD steps run elsewhere.
            if !step.ships_in(&shipped) {
                continue;
            }
            let cache_mount = match &step.run.view {
                InstructionArgs::Run(r) => r.mounts.iter().any(|m| {
                    m.mount_type() == "cache"
                        && m.get("target")
                            .or_else(|| m.get("dst"))
                            .or_else(|| m.get("destination"))
                            .is_some_and(|t| t.starts_with("/var/lib/apt"))
                }),
                _ => false,
            };
            if cache_mount {
                continue;
            }
            let cmds = run_commands(cx, step.instruction);
            let Some(update) = cmds.iter().find(|c| is_apt_update(c)) else {
                continue;
            };
            if cmds.iter().any(removes_lists) {
                continue;
            }
            out.report(
                update.span,
                format!(
                    "`{} update` downloads the package lists into `/var/lib/apt/lists`, and this step \
                     does not delete them: tens of megabytes stay in the layer, and deleting them in a \
                     later step does not shrink the image",
                    update.name()
                ),
            )
            .help("end the same `RUN` with `&& rm -rf /var/lib/apt/lists/*`");
        }
    }
}

fn is_apt_update(cmd: &Command) -> bool {
    matches!(cmd.name(), "apt-get" | "apt")
        && cmd
            .operands(APT_WITH_VALUE)
            .first()
            .is_some_and(|w| w.is("update"))
}

/// `rm -rf /var/lib/apt/lists/*` (or the directory itself, or `/var/lib/apt`), or
/// `apt-get dist-clean` (apt 2.7+, which deletes the lists).
fn removes_lists(cmd: &Command) -> bool {
    (matches!(cmd.name(), "apt-get" | "apt")
        && cmd
            .operands(APT_WITH_VALUE)
            .first()
            .is_some_and(|w| w.is("dist-clean")))
        || cmd.name() == "rm"
            && cmd.args.iter().any(|w| {
                let t = w.text().trim_end_matches('/');
                t.starts_with("/var/lib/apt/lists") || t == "/var/lib/apt"
            })
}
