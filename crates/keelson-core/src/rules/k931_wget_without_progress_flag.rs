//! K931 wget-without-progress-flag: `wget` without `-q`, `-nv` or `--progress=…`, so its
//! progress bar floods the build log. See `rules/K931-wget-without-progress-flag/README.md`.

use crate::commands::{run_commands, run_steps, Command};
use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::BestPractice,
    severity: Severity::Info,
    enabled_by_default: false,
    file_kinds: DOCKERFILE,
    peers: &[peer("hadolint", "DL3047")],
    fixable: false,
};

pub(crate) struct WgetWithoutProgressFlag;
pub(crate) static RULE: WgetWithoutProgressFlag = WgetWithoutProgressFlag;

/// wget's short options that take a value (what follows them in a cluster is the value).
const WGET_VALUE_LETTERS: &str = "aAbBDeiIlORtTUwXPo";

impl Check for WgetWithoutProgressFlag {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for step in run_steps(cx) {
            for cmd in run_commands(cx, step.instruction).iter() {
                if cmd.name() != "wget" || quiet(cmd) {
                    continue;
                }
                out.report(
                    cmd.name_word.span,
                    "`wget` without `-q`, `-nv` or `--progress=…` prints a progress bar that, \
                     without a terminal, becomes hundreds of lines of dots in the build log",
                )
                .help(
                    "add `--progress=dot:giga` or `-nv` (GNU wget), or `-q` (also busybox wget; \
                     errors then show only in the exit status)",
                );
            }
        }
    }
}

/// Whether the command keeps its output short: quiet, not verbose, a progress style, or a log
/// file (`-o file`, `-a file`).
fn quiet(cmd: &Command) -> bool {
    cmd.has_option(&[
        "--quiet",
        "-nv",
        "--no-verbose",
        "--progress",
        "--show-progress",
        "--output-file",
        "--append-output",
        "--spider",
    ])
    .is_some()
        || cmd.has_short('q', WGET_VALUE_LETTERS).is_some()
        || cmd.has_short('o', WGET_VALUE_LETTERS).is_some()
        || cmd.has_short('a', WGET_VALUE_LETTERS).is_some()
        || cmd.args.iter().any(|w| w.text().starts_with("-nv"))
}
