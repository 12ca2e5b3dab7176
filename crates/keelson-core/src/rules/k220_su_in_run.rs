//! K220 su-in-run: a `RUN` step switches users with `su` (`su app -c '…'`, `su - postgres`).
//!
//! Only `su` in command position counts (see `crate::commands`), so `apt-get install su-exec`,
//! `echo su` or `/etc/pam.d/su` edits are not reported. See `rules/K220-su-in-run/README.md`.

use crate::commands::{run_commands, run_steps};
use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Privilege,
    severity: Severity::Info,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    peers: &[],
    fixable: false,
};

pub(crate) struct SuInRun;
pub(crate) static RULE: SuInRun = SuInRun;

impl Check for SuInRun {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for step in run_steps(cx) {
            for cmd in run_commands(cx, step.instruction).iter() {
                if cmd.name() != "su" {
                    continue;
                }
                // The user: the first operand that is not the `-c` script.
                let mut user = None;
                let mut args = cmd.args.iter();
                while let Some(w) = args.next() {
                    match w.literal.as_deref() {
                        Some(
                            "-c" | "--command" | "-s" | "--shell" | "-g" | "--group" | "-G"
                            | "--supp-group",
                        ) => {
                            args.next();
                        }
                        Some(a) if a.starts_with('-') => {}
                        _ => {
                            user = Some(w.text().to_owned());
                            break;
                        }
                    }
                }
                let who = user.map_or_else(|| "root".to_owned(), |u| format!("`{u}`"));
                out.report(
                    cmd.name_word.value_span(),
                    format!(
                        "`su` switches this build step to {who}: it needs the setuid `su` binary and \
                         a PAM login in the image, starts a login environment that differs from \
                         other steps, and hides which user a step runs as from readers and tools"
                    ),
                )
                .help(
                    "switch users with a `USER` instruction before the step (and back after it); \
                     to drop privileges at run time use `setpriv`, `gosu` or `su-exec`",
                );
            }
        }
    }
}
