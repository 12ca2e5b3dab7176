//! K923 pointless-command-in-container: a `RUN` runs a command that does nothing useful while an
//! image is built (`shutdown`, `top`, an interactive `vim`, a `service … start` whose daemon dies
//! with the step, …). See `rules/K923-pointless-command-in-container/README.md`.

use crate::commands::{run_commands, run_steps, Command, Origin};
use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::BestPractice,
    severity: Severity::Info,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    peers: &[
        peer("hadolint", "DL3001"),
        peer("kics", "Run Utilities And POSIX Commands"),
    ],
    fixable: false,
};

pub(crate) struct PointlessCommandInContainer;
pub(crate) static RULE: PointlessCommandInContainer = PointlessCommandInContainer;

impl Check for PointlessCommandInContainer {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for step in run_steps(cx) {
            let cmds = run_commands(cx, step.instruction);
            let last_top = cmds.iter().rposition(|c| c.parent.is_none());
            for (i, cmd) in cmds.iter().enumerate() {
                let Some(why) = pointless(cmd, Some(i) == last_top) else {
                    continue;
                };
                out.report(
                    cmd.name_word.span,
                    format!("`{}` in a `RUN` {why}", cmd.name()),
                )
                .help("remove the command; the image build does not need it");
            }
        }
    }
}

/// Why `cmd` is pointless in a build step, if it is. `last` says whether it is the last
/// top-level command of the step.
fn pointless(cmd: &Command, last: bool) -> Option<&'static str> {
    // `ps aux | grep …` and `$(pidof …)` feed process management in set-up scripts.
    let feeds_something = cmd.pipes_to_next()
        || matches!(
            cmd.origin,
            Origin::Substitution | Origin::ProcessSubstitution
        );
    match cmd.name() {
        "shutdown" | "reboot" | "halt" | "poweroff" => Some(
            "cannot stop a machine: a build step runs in a container without an init system, so \
             it fails or does nothing",
        ),
        "top" | "htop" => Some(
            "shows live process usage for a person at a terminal; a build has neither, so it \
             fails or prints one useless snapshot into the build log",
        ),
        "vi" | "vim" | "nvim" | "nano" | "emacs" if !batch_editor(cmd) => Some(
            "opens an interactive editor; a build has no terminal, so it fails or hangs (edit \
             files with `sed`, a heredoc or `COPY`)",
        ),
        "ssh" => Some(
            "opens a remote session from inside a build step: it needs keys and host trust the \
             build should not hold, and what it changes elsewhere is not part of the image",
        ),
        "ps" | "free" | "ifconfig" | "uptime" if !feeds_something => Some(
            "only prints the state of the short-lived build container into the build log; it \
             changes nothing in the image",
        ),
        "mount" | "umount" => Some(
            "needs privileges a build step does not have, and a mount would not be kept in the \
             image anyway (use `RUN --mount=…`)",
        ),
        "service" | "systemctl" if last && starts_daemon(cmd) => Some(
            "starts a daemon as the last thing of the step: the daemon is killed when the step \
             ends and nothing of it runs in the container (start it from `CMD`/`ENTRYPOINT`)",
        ),
        _ => None,
    }
}

/// Whether an editor runs non-interactively (`vim +PlugInstall +qall`, `vim -es`, `emacs
/// --batch`, `nvim --headless`).
fn batch_editor(cmd: &Command) -> bool {
    cmd.args.iter().any(|w| {
        let t = w.text();
        t.starts_with('+')
            || matches!(
                t,
                "-c" | "-e"
                    | "-E"
                    | "-s"
                    | "-es"
                    | "-Es"
                    | "--cmd"
                    | "-u"
                    | "-batch"
                    | "--batch"
                    | "--script"
                    | "--headless"
                    | "-n"
            )
            || t.starts_with("--eval")
    })
}

/// `service NAME start|restart` or `systemctl start|restart NAME`.
fn starts_daemon(cmd: &Command) -> bool {
    let ops = cmd.operands(&[]);
    let action = if cmd.name() == "service" {
        ops.get(1)
    } else {
        ops.first()
    };
    action.is_some_and(|w| matches!(w.text(), "start" | "restart" | "reload" | "force-reload"))
}
