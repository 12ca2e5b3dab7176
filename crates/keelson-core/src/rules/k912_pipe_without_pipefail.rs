//! K912 pipe-without-pipefail: a `RUN` step pipes one command into another while the shell does
//! not use `pipefail`, so a failure of the first command is ignored. See
//! `rules/K912-pipe-without-pipefail/README.md`.

use crate::commands::{run_commands, run_steps, Command, Origin};
use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::BestPractice,
    severity: Severity::Warning,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    peers: &[
        peer("hadolint", "DL4006"),
        peer("kics", "Shell Running A Pipe Without Pipefail Flag"),
        peer("semgrep", "set-pipefail"),
    ],
    fixable: false,
};

pub(crate) struct PipeWithoutPipefail;
pub(crate) static RULE: PipeWithoutPipefail = PipeWithoutPipefail;

/// Commands whose failure in the middle of a pipeline does not matter (they cannot fail in a
/// way that changes the result).
const HARMLESS: &[&str] = &["echo", "printf", "yes", "true", "cat"];

impl Check for PipeWithoutPipefail {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for step in run_steps(cx) {
            if step.id.is_some_and(|id| {
                cx.model
                    .shell_at(id)
                    .is_some_and(|s| s.args.iter().any(|a| a == "pipefail"))
            }) {
                continue;
            }
            let cmds = run_commands(cx, step.instruction);
            let mut pipefail = false;
            for (i, cmd) in cmds.iter().enumerate() {
                if sets_pipefail(cmd) {
                    pipefail = true;
                }
                if pipefail || !matches!(cmd.origin, Origin::Shell | Origin::Heredoc) {
                    continue;
                }
                // The first command of a pipeline whose earlier members can fail.
                if cmd.pipeline.index != 0 || cmd.pipeline.len < 2 {
                    continue;
                }
                let members: Vec<&Command> = cmds
                    .iter()
                    .skip(i)
                    .filter(|c| c.parent == cmd.parent && c.origin == cmd.origin)
                    .take(cmd.pipeline.len)
                    .collect();
                let can_fail = members
                    .iter()
                    .take(members.len().saturating_sub(1))
                    .any(|c| !HARMLESS.contains(&c.name()));
                if !can_fail || members.last().is_some_and(|c| fails_on_empty_input(c)) {
                    continue;
                }
                let first = cmd.name_word.text();
                let last = members.last().map_or("", |c| c.name());
                out.report(
                    cmd.span,
                    format!(
                        "`{first}` pipes into `{last}` without `pipefail`: the step's status is the one of \
                         the last command, so if `{first}` fails (a download error, a missing file) the build \
                         continues with empty or partial input"
                    ),
                )
                .help("start the step with `set -o pipefail &&`, or set `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` before it");
                break;
            }
        }
    }
}

/// A `grep` that fails when its input is empty (it exits 1 without a match), so a failed
/// producer still fails the pipeline: `php -m | grep -q ^redis$`.
fn fails_on_empty_input(cmd: &Command) -> bool {
    matches!(cmd.name(), "grep" | "egrep" | "fgrep")
        && cmd
            .has_option(&[
                "-v",
                "-c",
                "-L",
                "--invert-match",
                "--count",
                "--files-without-match",
            ])
            .is_none()
        && cmd.has_short('v', "efmABCdD").is_none()
        && cmd.has_short('c', "efmABCdD").is_none()
}

/// `set -o pipefail`, `set -eo pipefail`, `set -euxo pipefail`.
fn sets_pipefail(cmd: &Command) -> bool {
    cmd.name() == "set"
        && cmd.args.windows(2).any(|w| {
            w.first()
                .and_then(|a| a.literal.as_deref())
                .is_some_and(|a| a.starts_with('-') && a.ends_with('o'))
                && w.get(1).is_some_and(|b| b.is("pipefail"))
        })
}
