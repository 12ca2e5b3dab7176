//! K409 package-signature-check-disabled: a build step installs packages without checking
//! their signatures (`apk --allow-untrusted`, `apt-get --allow-unauthenticated` /
//! `--force-yes` / `--allow-insecure-repositories`, `[trusted=yes]` sources, `yum`/`dnf`
//! `--nogpgcheck`, `gpgcheck=0`, `rpm --nosignature` / `--nodigest`, `zypper
//! --no-gpg-checks`).
//!
//! Options are matched as arguments of the package manager (see `crate::commands`); repository
//! lines are matched in the words `echo`/`printf`/`sed`/`tee` write. See
//! `rules/K409-package-signature-check-disabled/README.md`.

use std::collections::HashSet;

use keelson_syntax::Span;

use crate::commands::{basename, run_commands, run_steps, Command, Word};
use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

use super::k408_tls_verification_disabled::{sets_key_off, written_text};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::SupplyChain,
    severity: Severity::Error,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    peers: &[
        peer("checkov", "CKV2_DOCKER_7"),
        peer("checkov", "CKV2_DOCKER_8"),
        peer("checkov", "CKV2_DOCKER_9"),
        peer("checkov", "CKV2_DOCKER_10"),
        peer("checkov", "CKV2_DOCKER_11"),
    ],
    fixable: false,
};

pub(crate) struct PackageSignatureCheckDisabled;
pub(crate) static RULE: PackageSignatureCheckDisabled = PackageSignatureCheckDisabled;

const WHY: &str = "packages are then installed whether or not their distributor signed them, \
     so a mirror, proxy or attacker on the network path can substitute their own";
const HELP: &str = "remove the option and import the repository's signing key instead (`apk \
     add` with the key in /etc/apk/keys, `signed-by=` in the apt source, `rpm --import KEY` or \
     `gpgkey=` in the repo file)";

impl Check for PackageSignatureCheckDisabled {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        let steps: Vec<std::rc::Rc<[Command]>> = run_steps(cx)
            .map(|step| run_commands(cx, step.instruction))
            .collect();
        // Files whose signature a `gpg --verify` / `gpgv` in the file checks.
        let verified: HashSet<&str> = steps
            .iter()
            .flat_map(|cmds| cmds.iter())
            .filter(|c| {
                c.name() == "gpgv" || (c.name() == "gpg" && c.has_option(&["--verify"]).is_some())
            })
            .flat_map(|c| c.args.iter().filter_map(|w| w.literal.as_deref()))
            .map(basename)
            .collect();
        for cmd in steps.iter().flat_map(|cmds| cmds.iter()) {
            if cmd.name() == "apk" && local_packages_verified(cmd, &verified) {
                continue;
            }
            if let Some((span, what)) = unsigned(cmd) {
                out.report(span, format!("{what}: {WHY}")).help(HELP);
            }
        }
    }
}

/// Whether `apk add --allow-untrusted` only installs local `.apk` files whose signatures a
/// `gpg --verify` checked (the way Microsoft ships its Alpine packages), from no extra
/// repository.
fn local_packages_verified(cmd: &Command, verified: &HashSet<&str>) -> bool {
    const VALUE_OPTIONS: &[&str] = &["-X", "--repository", "-t", "--virtual", "-p", "--root"];
    if cmd.has_option(&["-X", "--repository"]).is_some() {
        return false;
    }
    let operands = cmd.operands(VALUE_OPTIONS);
    let local: Vec<&str> = operands
        .iter()
        .skip(1)
        .map(|w| w.text())
        .filter(|t| t.ends_with(".apk"))
        .collect();
    !local.is_empty() && local.iter().all(|t| verified.contains(basename(t)))
}

/// The word that turns signature checks off in `cmd`, and what it does.
fn unsigned(cmd: &Command) -> Option<(Span, String)> {
    let found = |w: &Word, what: String| Some((w.value_span(), what));
    match cmd.name() {
        "apk" => {
            let w = cmd.has_option(&["--allow-untrusted"])?;
            // `apk index --allow-untrusted` indexes packages the step just built.
            if cmd
                .operands(&["-X", "--repository", "-p", "--root"])
                .first()
                .is_some_and(|w| w.is("index"))
            {
                return None;
            }
            found(
                w,
                "`apk --allow-untrusted` installs packages without a valid signature".into(),
            )
        }
        "apt-get" | "apt" | "aptitude" => {
            if let Some(w) = cmd.has_option(&[
                "--allow-unauthenticated",
                "--force-yes",
                "--allow-insecure-repositories",
            ]) {
                let opt = w.text().split('=').next().unwrap_or("").to_owned();
                return found(
                    w,
                    format!(
                        "`{} {opt}` accepts unsigned packages or repositories",
                        cmd.name()
                    ),
                );
            }
            let w = cmd.args.iter().find(|w| {
                w.literal.as_deref().is_some_and(|l| {
                    let l = l.to_ascii_lowercase();
                    (l.contains("allowunauthenticated") || l.contains("allowinsecurerepositories"))
                        && l.split('=')
                            .nth(1)
                            .is_some_and(|v| is_true(v.trim_matches('"')))
                })
            })?;
            found(
                w,
                format!(
                    "this `{}` option accepts unsigned packages or repositories",
                    cmd.name()
                ),
            )
        }
        "yum" | "dnf" | "microdnf" | "tdnf" | "yum-config-manager" | "dnf-config-manager" => {
            if let Some(w) = cmd.has_option(&["--nogpgcheck", "--no-gpgchecks"]) {
                return found(
                    w,
                    format!(
                        "`{} --nogpgcheck` installs packages without checking their signatures",
                        cmd.name()
                    ),
                );
            }
            let w = cmd
                .args
                .iter()
                .find(|w| w.literal.as_deref().is_some_and(sets_gpgcheck_off))?;
            found(
                w,
                "`gpgcheck=0` installs packages without checking their signatures".into(),
            )
        }
        "zypper" => {
            let w = cmd.has_option(&["--no-gpg-checks", "--no-gpg-check"])?;
            found(
                w,
                "`zypper --no-gpg-checks` installs packages without checking their signatures"
                    .into(),
            )
        }
        "rpm" => {
            let w = cmd.has_option(&["--nosignature", "--nodigest", "--nosig"])?;
            let opt = w.text().to_owned();
            found(
                w,
                format!("`rpm {opt}` installs the package without verifying it"),
            )
        }
        "echo" | "printf" | "sed" | "tee" => {
            if let Some(w) = cmd
                .args
                .iter()
                .find(|w| written_text(cmd, w).is_some_and(sets_gpgcheck_off))
            {
                return found(
                    w,
                    "writing `gpgcheck=0` into a repository file turns off signature checks for it"
                        .into(),
                );
            }
            let deb_line = cmd.args.iter().any(|w| {
                w.literal
                    .as_deref()
                    .is_some_and(|l| l.trim_start().starts_with("deb ") || l == "deb")
            });
            let w = cmd.args.iter().find(|w| {
                w.literal.as_deref().is_some_and(|l| {
                    let l = l.to_ascii_lowercase();
                    (l.contains("trusted=yes") || l.contains("allow-insecure=yes"))
                        && (deb_line || l.trim_start().starts_with("deb"))
                })
            })?;
            found(
                w,
                "an apt source marked `[trusted=yes]` is used without checking its signature"
                    .into(),
            )
        }
        _ => None,
    }
}

fn is_true(v: &str) -> bool {
    matches!(v.to_ascii_lowercase().as_str(), "true" | "1" | "yes" | "on")
}

/// `gpgcheck=0` (any case, also `false`/`no`) in a word, not `repo_gpgcheck` or
/// `localpkg_gpgcheck`: `--setopt=gpgcheck=0` and `*.gpgcheck=0` count.
fn sets_gpgcheck_off(text: &str) -> bool {
    sets_key_off(text, "gpgcheck", |c| {
        c.is_ascii_alphanumeric() || c == '_' || c == '-'
    })
}
