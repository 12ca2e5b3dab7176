//! K914 apt-install-recommends: `apt-get install` without `--no-install-recommends`. See
//! `rules/K914-apt-install-recommends/README.md`.

use crate::commands::{run_commands, run_steps};
use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Edit, Fix, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

use super::k913_apt_get_without_yes::apt_install;

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::BestPractice,
    severity: Severity::Info,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    peers: &[
        peer("hadolint", "DL3015"),
        peer("trivy", "DS-0029"),
        peer("kics", "Apt Get Install Doesn't Use No-Install-Recommends"),
    ],
    fixable: true,
};

pub(crate) struct AptInstallRecommends;
pub(crate) static RULE: AptInstallRecommends = AptInstallRecommends;

impl Check for AptInstallRecommends {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for step in run_steps(cx) {
            for cmd in run_commands(cx, step.instruction).iter() {
                let Some(sub) = apt_install(cmd) else {
                    continue;
                };
                let off = cmd.has_option(&["--no-install-recommends"]).is_some()
                    || cmd.args.iter().any(|w| {
                        w.literal.as_deref().is_some_and(|a| {
                            let a = a.to_ascii_lowercase();
                            a.contains("install-recommends=false")
                                || a.contains("install-recommends=0")
                        })
                    });
                if off {
                    continue;
                }
                let finding = out.report(
                    sub.span,
                    format!(
                        "`{} install` without `--no-install-recommends` also installs every recommended \
                         package: often hundreds of megabytes of software nobody asked for, each a \
                         possible vulnerability",
                        cmd.name()
                    ),
                );
                finding.help(
                    "add `--no-install-recommends` and list the packages the image really needs",
                );
                if sub.exact {
                    finding.fix(Fix::unsafe_(
                        "add `--no-install-recommends`",
                        vec![Edit::insert(sub.span.end(), " --no-install-recommends")],
                    ));
                }
            }
        }
    }
}
