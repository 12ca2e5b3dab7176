//! K411 package-upgrade-in-image: a build step upgrades every installed package
//! (`apt-get upgrade`/`dist-upgrade`, `apk upgrade`, `yum`/`dnf update` with no package,
//! `zypper update`). Off by default (see the README).
//!
//! Subcommands are read with `crate::commands`; an update of named packages (`dnf update
//! openssl`, `apk upgrade openssl`, `apk add --upgrade x`) is not reported. See
//! `rules/K411-package-upgrade-in-image/README.md`.

use crate::commands::{run_commands, run_steps, Command, Word};
use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::SupplyChain,
    severity: Severity::Info,
    enabled_by_default: false,
    file_kinds: DOCKERFILE,
    peers: &[peer("trivy", "DS-0024"), peer("hadolint", "DL3005")],
    fixable: false,
};

pub(crate) struct PackageUpgradeInImage;
pub(crate) static RULE: PackageUpgradeInImage = PackageUpgradeInImage;

impl Check for PackageUpgradeInImage {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for step in run_steps(cx) {
            for cmd in run_commands(cx, step.instruction).iter() {
                let Some(sub) = upgrade_all(cmd) else {
                    continue;
                };
                out.report(
                    sub.value_span(),
                    format!(
                        "`{} {}` upgrades every installed package to whatever the mirror holds \
                         today: the image no longer matches its base image, two builds differ, \
                         and a bad update lands without any change here",
                        cmd.name(),
                        sub.text()
                    ),
                )
                .help(
                    "take updates by moving to a newer (digest-pinned) base image; upgrade only \
                     the packages that need a fix (`apt-get install --only-upgrade openssl`)",
                );
            }
        }
    }
}

/// The subcommand word of a command that upgrades all packages.
fn upgrade_all(cmd: &Command) -> Option<&Word> {
    let (value_options, subs): (&[&str], &[&str]) = match cmd.name() {
        "apt-get" | "apt" | "aptitude" => (
            &[
                "-o",
                "--option",
                "-t",
                "--target-release",
                "-c",
                "--config-file",
            ],
            &["upgrade", "dist-upgrade", "full-upgrade", "safe-upgrade"],
        ),
        "apk" => (
            &["-X", "--repository", "-p", "--root", "--cache-dir"],
            &["upgrade"],
        ),
        "yum" | "dnf" | "microdnf" | "tdnf" => (
            &[
                "-c",
                "--config",
                "--installroot",
                "--releasever",
                "-x",
                "--exclude",
                "--enablerepo",
                "--disablerepo",
                "--setopt",
            ],
            &[
                "update",
                "upgrade",
                "distro-sync",
                "update-minimal",
                "upgrade-minimal",
            ],
        ),
        "zypper" => (
            &["-r", "--repo", "--from", "-t", "--type", "-R", "--root"],
            &["update", "up", "dist-upgrade", "dup", "patch"],
        ),
        _ => return None,
    };
    let operands = cmd.operands(value_options);
    let (sub, rest) = operands.split_first()?;
    if !subs.iter().any(|s| sub.is(s)) {
        return None;
    }
    // With package names, only those are upgraded.
    let all = rest.is_empty();
    all.then_some(*sub)
}
