//! K415 apt-key-used: a build step adds an APT signing key with `apt-key add` / `apt-key adv`,
//! which trusts the key for every repository instead of the one repository it belongs to.
//!
//! Commands come from `crate::commands` (so `sudo apt-key add -`, `curl … | apt-key add -` and
//! `sh -c` strings count). See `rules/K415-apt-key-used/README.md`.

use crate::commands::{run_commands, run_steps};
use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::SupplyChain,
    severity: Severity::Warning,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    // No peer checks this.
    peers: &[],
    fixable: false,
};

pub(crate) struct AptKeyUsed;
pub(crate) static RULE: AptKeyUsed = AptKeyUsed;

const HELP: &str = "store the key in its own keyring and name it on the repository line: \
     `curl -fsSL <key-url> | gpg --dearmor -o /etc/apt/keyrings/<name>.gpg`, then `deb \
     [signed-by=/etc/apt/keyrings/<name>.gpg] <url> <suite> <component>`";

impl Check for AptKeyUsed {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for step in run_steps(cx) {
            for cmd in run_commands(cx, step.instruction).iter() {
                if cmd.name() != "apt-key" {
                    continue;
                }
                let Some(sub) = cmd.operands(&["--keyring"]).into_iter().next() else {
                    continue;
                };
                let Some(verb @ ("add" | "adv")) = sub.literal.as_deref() else {
                    continue;
                };
                out.report(
                    cmd.name_word.span.cover(sub.span),
                    format!(
                        "`apt-key {verb}` puts the key in APT's global keyring, where it is \
                         trusted for every repository: whoever holds that key can sign \
                         packages that replace Debian's or Ubuntu's own (and `apt-key` is \
                         deprecated and gone from current releases)"
                    ),
                )
                .help(HELP);
            }
        }
    }
}
