//! K404 unpinned-os-package: `apt-get install`, `apk add`, `yum`/`dnf`/`microdnf install` or
//! `zypper install` names packages without versions. Off by default (see the README).
//!
//! Packages are the operands of the install subcommand (`crate::commands`), after options and
//! their values; a version held in a variable (`curl=$CURL_VERSION`) counts as a pin, a word
//! that is only a variable (`$PACKAGES`) is not judged, and local files are skipped. One finding
//! per command, spanning its unpinned packages. See `rules/K404-unpinned-os-package/README.md`.

use keelson_syntax::Span;

use crate::commands::{run_commands, run_steps, Command, Word};
use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::SupplyChain,
    severity: Severity::Warning,
    enabled_by_default: false,
    file_kinds: DOCKERFILE,
    peers: &[
        peer("hadolint", "DL3008"),
        peer("hadolint", "DL3018"),
        peer("hadolint", "DL3033"),
        peer("hadolint", "DL3037"),
        peer("hadolint", "DL3041"),
    ],
    fixable: false,
};

pub(crate) struct UnpinnedOsPackage;
pub(crate) static RULE: UnpinnedOsPackage = UnpinnedOsPackage;

impl Check for UnpinnedOsPackage {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for step in run_steps(cx) {
            for cmd in run_commands(cx, step.instruction).iter() {
                let Some(manager) = manager_of(cmd) else {
                    continue;
                };
                let unpinned: Vec<&Word> = packages(cmd, manager)
                    .into_iter()
                    .filter(|w| !pinned(w, manager))
                    .collect();
                let (Some(first), Some(last)) = (unpinned.first(), unpinned.last()) else {
                    continue;
                };
                let span = if first.exact && last.exact {
                    first.span.cover(last.span)
                } else {
                    first.span
                };
                report(out, span, &unpinned, manager);
            }
        }
    }
}

/// The package managers this rule knows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Manager {
    Apt,
    Apk,
    Rpm,
    Zypper,
}

/// The manager of an install command: `apt-get install`, `apk add`, `dnf install`, …
fn manager_of(cmd: &Command) -> Option<Manager> {
    let (manager, subcommands): (Manager, &[&str]) = match cmd.name() {
        "apt-get" | "apt" | "aptitude" => (Manager::Apt, &["install"]),
        "apk" => (Manager::Apk, &["add"]),
        "yum" | "dnf" | "microdnf" | "tdnf" => (Manager::Rpm, &["install"]),
        "zypper" => (Manager::Zypper, &["install", "in"]),
        _ => return None,
    };
    let sub = cmd.operands(value_options(manager)).into_iter().next()?;
    subcommands.iter().any(|s| sub.is(s)).then_some(manager)
}

/// The options of `manager` that take a value as the next word.
fn value_options(manager: Manager) -> &'static [&'static str] {
    match manager {
        Manager::Apt => &[
            "-o",
            "--option",
            "-t",
            "--target-release",
            "-c",
            "--config-file",
        ],
        Manager::Apk => &[
            "-X",
            "--repository",
            "-t",
            "--virtual",
            "-p",
            "--root",
            "--arch",
            "--keys-dir",
            "--cache-dir",
            "--repositories-file",
        ],
        Manager::Rpm => &[
            "-c",
            "--config",
            "--installroot",
            "--releasever",
            "-x",
            "--exclude",
            "--enablerepo",
            "--disablerepo",
            "--repo",
            "--repoid",
            "--setopt",
            "--forcearch",
            "-d",
            "-e",
            "--downloaddir",
            "--destdir",
        ],
        Manager::Zypper => &[
            "-r",
            "--repo",
            "--from",
            "-t",
            "--type",
            "-R",
            "--root",
            "-D",
            "--reposd-dir",
            "-C",
            "--cache-dir",
        ],
    }
}

/// The package words of an install command (operands after the subcommand), without local
/// files, URLs, groups and words that are only variables.
fn packages(cmd: &Command, manager: Manager) -> Vec<&Word> {
    // `zypper install -t pattern x` installs patterns, not packages.
    if manager == Manager::Zypper
        && cmd
            .option_value("--type", Some('t'))
            .is_some_and(|(_, v)| !v.is("package"))
    {
        return Vec::new();
    }
    cmd.operands(value_options(manager))
        .into_iter()
        .skip(1)
        .filter(|w| {
            let t = w.text();
            !(t.starts_with('.')
                || t.starts_with('/')
                || t.starts_with('@')
                || t.starts_with('~')
                || t.contains("://")
                || t.ends_with(".deb")
                || t.ends_with(".apk")
                || t.ends_with(".rpm")
                || t.is_empty()
                // Only a variable: its value is unknown.
                || (w.literal.is_none() && t.starts_with('$') && !t.contains('=')))
        })
        .collect()
}

/// Whether a package word carries a version.
fn pinned(w: &Word, manager: Manager) -> bool {
    let t = w.text();
    match manager {
        Manager::Apt => t.contains('='),
        Manager::Apk => t.contains(['=', '~', '<', '>']),
        Manager::Zypper => t.contains(['=', '<', '>']),
        // `name-version` (`httpd-2.4.6`) or `name-$VERSION`.
        Manager::Rpm => {
            t.contains(['=', '<', '>'])
                || t.split('-')
                    .skip(1)
                    .any(|part| part.starts_with(|c: char| c.is_ascii_digit() || c == '$'))
        }
    }
}

fn report(out: &mut Reporter<'_>, span: Span, unpinned: &[&Word], manager: Manager) {
    let names = name_list(unpinned);
    let (how, example) = match manager {
        Manager::Apt => (
            "`name=version`",
            "`curl=8.5.0-2ubuntu10.6` (see `apt-cache policy curl`)",
        ),
        Manager::Apk => (
            "`name=version` or `name~major.minor`",
            "`curl=8.9.1-r2` or `curl~8.9`",
        ),
        Manager::Rpm => (
            "`name-version`",
            "`curl-7.76.1` (see `dnf list --showduplicates curl`)",
        ),
        Manager::Zypper => ("`name=version`", "`curl=8.6.0`"),
    };
    out.report(
        span,
        format!(
            "{names} installed without a version: each build installs whatever the mirror holds \
             that day, so two builds of this Dockerfile can differ and a package update changes \
             the image without any change here"
        ),
    )
    .help(format!(
        "pin each package as {how}, for example {example}; keep versions in `ARG`s to update \
         them in one place"
    ));
}

/// "`a` is", "`a` and `b` are", "`a`, `b` and 3 more are".
pub(super) fn name_list(words: &[&Word]) -> String {
    let name = |w: &Word| format!("`{}`", w.text());
    match words {
        [one] => format!("{} is", name(one)),
        [a, b] => format!("{} and {} are", name(a), name(b)),
        [a, b, rest @ ..] => format!("{}, {} and {} more are", name(a), name(b), rest.len()),
        [] => "packages are".to_owned(),
    }
}
