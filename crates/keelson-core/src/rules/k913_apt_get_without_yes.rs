//! K913 apt-get-without-yes: `apt-get install` without `-y`, so it waits for a confirmation that
//! never comes. See `rules/K913-apt-get-without-yes/README.md`.

use crate::commands::{run_commands, run_steps, Command};
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
        peer("hadolint", "DL3014"),
        peer("trivy", "DS-0021"),
        peer("kics", "APT-GET Missing Flags To Avoid Manual Input"),
    ],
    fixable: true,
};

pub(crate) struct AptGetWithoutYes;
pub(crate) static RULE: AptGetWithoutYes = AptGetWithoutYes;

/// Options of apt-get that take a value.
pub(super) const APT_WITH_VALUE: &[&str] = &[
    "-o",
    "-c",
    "-t",
    "--target-release",
    "--option",
    "--config-file",
];

impl Check for AptGetWithoutYes {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for step in run_steps(cx) {
            let cmds = run_commands(cx, step.instruction);
            for (i, cmd) in cmds.iter().enumerate() {
                let Some(sub) = apt_install(cmd) else {
                    continue;
                };
                if assumes_yes(cmd) {
                    continue;
                }
                // `yes | apt-get install …` answers the prompt.
                if i > 0
                    && cmd.pipeline.index > 0
                    && cmds.get(i - 1).is_some_and(|p| p.name() == "yes")
                {
                    continue;
                }
                let finding = out.report(
                    sub.span,
                    format!(
                        "`{} install` without `-y` asks for confirmation; a build has no terminal, so it \
                         aborts (or, for some packages, hangs)",
                        cmd.name()
                    ),
                );
                finding.help("add `-y` (or `--yes`)");
                if sub.exact {
                    finding.fix(Fix::safe(
                        "add `-y`",
                        vec![Edit::insert(sub.span.end(), " -y")],
                    ));
                }
            }
        }
    }
}

/// The `install` word of `apt-get install …` / `apt install …`.
pub(super) fn apt_install(cmd: &Command) -> Option<&crate::commands::Word> {
    if !matches!(cmd.name(), "apt-get" | "apt") {
        return None;
    }
    if simulates(cmd) {
        return None;
    }
    cmd.operands(APT_WITH_VALUE)
        .first()
        .copied()
        .filter(|w| w.is("install"))
}

/// `-s`, `--simulate`, `--dry-run` and their aliases: nothing is installed and nothing asked.
fn simulates(cmd: &Command) -> bool {
    cmd.has_option(&[
        "--simulate",
        "--dry-run",
        "--just-print",
        "--no-act",
        "--recon",
    ])
    .is_some()
        || cmd.has_short('s', "oct").is_some()
}

/// `-y`, `--yes`, `--assume-yes`, `-qq` (implies `-y`), `-o APT::Get::Assume-Yes=true`.
fn assumes_yes(cmd: &Command) -> bool {
    cmd.has_option(&[
        "--yes",
        "--assume-yes",
        "--force-yes",
        "-qq",
        "--quiet=2",
        "-q=2",
    ])
    .is_some()
        || cmd.has_short('y', "oct").is_some()
        || cmd.args.iter().any(|w| {
            w.literal
                .as_deref()
                .is_some_and(|a| a.to_ascii_lowercase().contains("assume-yes=true"))
        })
}
