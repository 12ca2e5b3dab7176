//! K919 shell-replaced-by-symlink: `ln -sf /bin/bash /bin/sh` in a `RUN` step, instead of the
//! `SHELL` instruction. See `rules/K919-shell-replaced-by-symlink/README.md`.

use crate::commands::{run_commands, run_steps};
use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::BestPractice,
    severity: Severity::Warning,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    peers: &[peer("hadolint", "DL4005")],
    fixable: false,
};

pub(crate) struct ShellReplacedBySymlink;
pub(crate) static RULE: ShellReplacedBySymlink = ShellReplacedBySymlink;

impl Check for ShellReplacedBySymlink {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for step in run_steps(cx) {
            for cmd in run_commands(cx, step.instruction).iter() {
                if cmd.name() != "ln" {
                    continue;
                }
                let symbolic = cmd.has_option(&["--symbolic"]).is_some()
                    || cmd.has_short('s', "StT").is_some();
                let ops = cmd.operands(&["-S", "--suffix", "-t", "--target-directory"]);
                let [target, link] = ops.as_slice() else {
                    continue;
                };
                if !symbolic || !matches!(link.text(), "/bin/sh" | "/usr/bin/sh") {
                    continue;
                }
                let shell = target.text();
                out.report(
                    cmd.span,
                    format!(
                        "replacing `/bin/sh` with a link to `{shell}` changes the shell of every later \
                         step and of every script in the image that expects a POSIX `sh`, without \
                         saying so where the Dockerfile's shell is set"
                    ),
                )
                .help(format!(
                    "use `SHELL [\"{shell}\", \"-c\"]` for the build steps that need it, and leave `/bin/sh` alone"
                ));
            }
        }
    }
}
