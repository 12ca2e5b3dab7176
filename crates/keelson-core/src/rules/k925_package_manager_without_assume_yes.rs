//! K925 package-manager-without-assume-yes: `yum`/`dnf`/`tdnf install` without `-y`,
//! or `zypper install` without `-n`/`-y`, so it waits for a confirmation a build cannot give.
//! See `rules/K925-package-manager-without-assume-yes/README.md`.

use crate::commands::{run_commands, run_steps, Command, Word};
use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Edit, Fix, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::BestPractice,
    severity: Severity::Warning,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    peers: &[
        peer("hadolint", "DL3030"),
        peer("hadolint", "DL3034"),
        peer("hadolint", "DL3038"),
        peer("kics", "Yum Install Allows Manual Input"),
        peer("kics", "Missing Zypper Non-interactive Switch"),
    ],
    fixable: true,
};

pub(crate) struct PackageManagerWithoutAssumeYes;
pub(crate) static RULE: PackageManagerWithoutAssumeYes = PackageManagerWithoutAssumeYes;

/// The rpm-family managers that ask unless given `-y`. (`microdnf` does not ask: it accepts
/// `-y` only for compatibility, so it is not checked.)
const YUM_LIKE: &[&str] = &["yum", "dnf", "tdnf"];

/// Options of yum/dnf that take a separate value.
const YUM_WITH_VALUE: &[&str] = &[
    "-c",
    "--config",
    "-d",
    "--debuglevel",
    "-e",
    "--errorlevel",
    "-x",
    "--exclude",
    "-R",
    "--randomwait",
    "--installroot",
    "--releasever",
    "--enablerepo",
    "--disablerepo",
    "--repo",
    "--repoid",
    "--setopt",
];

/// Options of zypper (global) that take a separate value.
const ZYPPER_WITH_VALUE: &[&str] = &[
    "-c",
    "--config",
    "-R",
    "--root",
    "-D",
    "--reposd-dir",
    "-C",
    "--cache-dir",
    "-p",
    "--plus-repo",
];

/// Subcommands that ask before changing packages.
const YUM_ASKS: &[&str] = &[
    "install",
    "groupinstall",
    "localinstall",
    "reinstall",
    "remove",
    "erase",
    "autoremove",
    "update",
    "upgrade",
    "downgrade",
    "distro-sync",
    "swap",
];
/// `yum group install`, `dnf module enable`: the second word decides.
const YUM_GROUP_ASKS: &[&str] = &[
    "install", "remove", "upgrade", "update", "enable", "reset", "disable",
];
const ZYPPER_ASKS: &[&str] = &[
    "install",
    "in",
    "remove",
    "rm",
    "update",
    "up",
    "dist-upgrade",
    "dup",
    "patch",
    "source-install",
    "si",
    "install-new-recommends",
    "inr",
];

impl Check for PackageManagerWithoutAssumeYes {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        let configured = assume_yes_configured(cx);
        for step in run_steps(cx) {
            let cmds = run_commands(cx, step.instruction);
            for (i, cmd) in cmds.iter().enumerate() {
                // `yes | yum install …` answers the prompt.
                let yes_piped = i > 0
                    && cmd.pipeline.index > 0
                    && cmds.get(i - 1).is_some_and(|p| p.name() == "yes");
                if yes_piped {
                    continue;
                }
                let name = cmd.name();
                if YUM_LIKE.contains(&name) && !configured {
                    let Some(sub) = yum_prompting(cmd) else {
                        continue;
                    };
                    if yum_assumes_yes(cmd) {
                        continue;
                    }
                    let finding = out.report(
                        sub.span,
                        format!(
                            "`{name} {}` without `-y` asks \"Is this ok [y/N]\"; a build has no \
                             terminal, so the answer is no and the step fails",
                            sub.text()
                        ),
                    );
                    finding.help("add `-y` (or `--assumeyes`)");
                    if sub.exact {
                        finding.fix(Fix::safe(
                            "add `-y`",
                            vec![Edit::insert(sub.span.end(), " -y")],
                        ));
                    }
                } else if name == "zypper" {
                    let Some(sub) = zypper_prompting(cmd) else {
                        continue;
                    };
                    if zypper_non_interactive(cmd, sub) {
                        continue;
                    }
                    let finding = out.report(
                        sub.span,
                        format!(
                            "`zypper {}` without `--non-interactive` asks for confirmation; a build \
                             has no terminal, so it aborts",
                            sub.text()
                        ),
                    );
                    finding.help("add `-n` (`--non-interactive`) right after `zypper`");
                    if cmd.name_word.exact {
                        finding.fix(Fix::safe(
                            "add `-n`",
                            vec![Edit::insert(cmd.name_word.span.end(), " -n")],
                        ));
                    }
                }
            }
        }
    }
}

/// The subcommand word of a yum/dnf command that asks for confirmation.
fn yum_prompting(cmd: &Command) -> Option<&Word> {
    let ops = cmd.operands(YUM_WITH_VALUE);
    let first = ops.first().copied()?;
    if YUM_ASKS.contains(&first.text()) {
        return Some(first);
    }
    if matches!(first.text(), "group" | "groups" | "module") {
        return ops
            .get(1)
            .copied()
            .filter(|w| YUM_GROUP_ASKS.contains(&w.text()));
    }
    None
}

/// `-y`, `--assumeyes`, a cluster holding `y`, `--setopt=assumeyes=1`, `--assumeno` (answers
/// no without asking), and dry runs.
fn yum_assumes_yes(cmd: &Command) -> bool {
    cmd.has_option(&["--assumeyes", "--assumeno", "--downloadonly"])
        .is_some()
        || cmd.has_short('y', "cdexR").is_some()
        || cmd.args.iter().any(|w| sets_assumeyes(w.text()))
}

/// Whether a text sets `assumeyes` to true (`assumeyes=1`, `assumeyes=True`).
fn sets_assumeyes(text: &str) -> bool {
    let t = text.to_ascii_lowercase();
    ["assumeyes=1", "assumeyes=true", "assumeyes=yes"]
        .iter()
        .any(|p| t.contains(p))
}

/// Whether a step of the file writes `assumeyes=1` into the yum/dnf configuration.
fn assume_yes_configured(cx: &DockerfileContext<'_>) -> bool {
    run_steps(cx).any(|step| {
        run_commands(cx, step.instruction).iter().any(|c| {
            matches!(
                c.name(),
                "echo" | "printf" | "sed" | "tee" | "dnf" | "yum" | "crudini"
            ) && c.args.iter().any(|w| sets_assumeyes(w.text()))
        })
    })
}

/// The subcommand word of a zypper command that asks for confirmation.
fn zypper_prompting(cmd: &Command) -> Option<&Word> {
    cmd.operands(ZYPPER_WITH_VALUE)
        .first()
        .copied()
        .filter(|w| ZYPPER_ASKS.contains(&w.text()))
}

/// `-n`/`--non-interactive` before the subcommand, `-y`/`--no-confirm` after it.
fn zypper_non_interactive(cmd: &Command, sub: &Word) -> bool {
    let sub_at = cmd
        .args
        .iter()
        .position(|w| std::ptr::eq(w, sub))
        .unwrap_or(0);
    cmd.args.iter().enumerate().any(|(i, w)| {
        let t = w.text();
        let before = i < sub_at;
        let short_cluster_n = t.strip_prefix('-').is_some_and(|l| {
            !l.starts_with('-') && l.contains('n') && l.chars().all(|c| "nqvtsi".contains(c))
        });
        matches!(t, "--non-interactive" | "-y" | "--no-confirm")
            || (before && short_cluster_n)
            || (!before && t == "--dry-run")
    })
}

#[cfg(test)]
mod tests {
    use crate::fix::FixOptions;
    use crate::test_support::fix_dockerfile;

    fn fixed(text: &str) -> String {
        fix_dockerfile(text, &FixOptions::default())
    }

    #[test]
    fn yum_gets_y_after_the_subcommand() {
        let out = fixed("FROM rockylinux:9\nRUN yum install httpd && yum clean all\n");
        assert!(out.contains("RUN yum install -y httpd"), "{out}");
    }

    #[test]
    fn zypper_gets_n_as_a_global_option() {
        let out = fixed("FROM opensuse/leap:15.6\nRUN zypper in -n git && zypper clean -a\n");
        assert!(out.contains("RUN zypper -n in -n git"), "{out}");
    }
}
