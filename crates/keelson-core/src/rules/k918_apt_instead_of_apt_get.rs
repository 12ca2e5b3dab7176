//! K918 apt-instead-of-apt-get: `apt` (the interactive front end) in a `RUN` step. See
//! `rules/K918-apt-instead-of-apt-get/README.md`.

use crate::commands::{run_commands, run_steps};
use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Edit, Fix, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

use super::k913_apt_get_without_yes::APT_WITH_VALUE;

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::BestPractice,
    severity: Severity::Info,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    peers: &[peer("hadolint", "DL3027"), peer("kics", "Run Using apt")],
    fixable: true,
};

pub(crate) struct AptInsteadOfAptGet;
pub(crate) static RULE: AptInsteadOfAptGet = AptInsteadOfAptGet;

/// `apt` subcommands that `apt-get` has under the same name.
const SAME_IN_APT_GET: &[&str] = &[
    "install",
    "update",
    "upgrade",
    "dist-upgrade",
    "remove",
    "purge",
    "autoremove",
    "clean",
    "autoclean",
];

impl Check for AptInsteadOfAptGet {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for step in run_steps(cx) {
            for cmd in run_commands(cx, step.instruction).iter() {
                if cmd.name() != "apt" {
                    continue;
                }
                let ops = cmd.operands(APT_WITH_VALUE);
                let Some(sub) = ops.first().and_then(|w| w.literal.as_deref()) else {
                    continue;
                };
                if !SAME_IN_APT_GET.contains(&sub) {
                    continue;
                }
                let finding = out.report(
                    cmd.name_word.span,
                    format!(
                        "`apt {sub}` uses apt's interactive front end, whose command-line interface is not \
                         stable and which warns so in scripts; `apt-get` is the tool meant for them"
                    ),
                );
                finding.help(format!("use `apt-get {sub}`"));
                if cmd.name_word.exact && cmd.name_word.raw == "apt" {
                    finding.fix(Fix::safe(
                        "use `apt-get`",
                        vec![Edit::replace(cmd.name_word.span, "apt-get")],
                    ));
                }
            }
        }
    }
}
