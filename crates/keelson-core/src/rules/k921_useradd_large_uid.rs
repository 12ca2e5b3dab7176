//! K921 useradd-large-uid: `useradd -u <large uid>` without `-l`, which makes the image grow by
//! a sparse `/var/log/lastlog` as large as the uid. See `rules/K921-useradd-large-uid/README.md`.

use crate::commands::{run_commands, run_steps};
use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Edit, Fix, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::BestPractice,
    severity: Severity::Warning,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    peers: &[peer("hadolint", "DL3046")],
    fixable: true,
};

pub(crate) struct UseraddLargeUid;
pub(crate) static RULE: UseraddLargeUid = UseraddLargeUid;

/// From this uid on, the sparse lastlog/faillog files reach tens of megabytes.
const LARGE_UID: u64 = 65_536;

impl Check for UseraddLargeUid {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for step in run_steps(cx) {
            for cmd in run_commands(cx, step.instruction).iter() {
                if cmd.name() != "useradd" {
                    continue;
                }
                if cmd.has_option(&["--no-log-init"]).is_some()
                    || cmd.has_short('l', "cdefgGkKpsuUZbR").is_some()
                {
                    continue;
                }
                let Some((_, uid)) = cmd.option_value("--uid", Some('u')) else {
                    continue;
                };
                let Some(n) = uid.literal.as_deref().and_then(|u| u.parse::<u64>().ok()) else {
                    continue;
                };
                if n < LARGE_UID {
                    continue;
                }
                let mb = n.saturating_mul(292) / 1_000_000;
                let finding = out.report(
                    cmd.name_word.span,
                    format!(
                        "`useradd` with uid {n} and without `-l` writes the user's slot in the sparse \
                         `/var/log/lastlog` and `faillog`: the layer stores them expanded, about {mb} MB \
                         of zeros"
                    ),
                );
                finding.help("add `-l` (`--no-log-init`)");
                if cmd.name_word.exact {
                    finding.fix(Fix::safe(
                        "add `-l`",
                        vec![Edit::insert(cmd.name_word.span.end(), " -l")],
                    ));
                }
            }
        }
    }
}
