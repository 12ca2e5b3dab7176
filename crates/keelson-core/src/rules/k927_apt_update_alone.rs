//! K927 apt-update-alone: `apt-get update` (or `apk update`) in a step that installs nothing, so
//! a later step installs from an index the build cache may have kept for months. See
//! `rules/K927-apt-update-alone/README.md`.

use crate::commands::{run_commands, run_steps, Command, SHELLS};
use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

use super::k913_apt_get_without_yes::APT_WITH_VALUE;

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::BestPractice,
    severity: Severity::Warning,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    peers: &[
        peer("trivy", "DS-0017"),
        peer("kics", "Update Instruction Alone"),
    ],
    fixable: false,
};

pub(crate) struct AptUpdateAlone;
pub(crate) static RULE: AptUpdateAlone = AptUpdateAlone;

/// apt subcommands that read the package index.
const APT_USES_INDEX: &[&str] = &[
    "install",
    "upgrade",
    "dist-upgrade",
    "full-upgrade",
    "build-dep",
    "source",
    "download",
    "reinstall",
    "satisfy",
];

/// Commands (besides apt-get/apt/apk) that install packages from the index.
const INSTALLERS: &[&str] = &[
    "aptitude",
    "apt-cache",
    "apt-fast",
    "install_packages",
    "apt-install",
    "gdebi",
    "mk-build-deps",
    "add-apt-repository",
    "dpkg-reconfigure",
];

impl Check for AptUpdateAlone {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        let steps: Vec<_> = run_steps(cx).collect();
        for (n, step) in steps.iter().enumerate() {
            let cmds = run_commands(cx, step.instruction);
            let Some((update, tool)) = cmds.iter().find_map(|c| update_of(c).map(|t| (c, t)))
            else {
                continue;
            };
            if cmds.iter().any(|c| uses_index(c, tool) || may_install(c)) {
                continue;
            }
            let install = match tool {
                "apk" => "apk add",
                "apt" => "apt install",
                _ => "apt-get install",
            };
            // A later step of the stage that installs without updating first reads this index.
            let stage = step.stage.map(|s| s.index);
            let reader = steps.iter().skip(n + 1).find(|later| {
                if later.stage.map(|s| s.index) != stage || later.is_onbuild() {
                    return false;
                }
                let cmds = run_commands(cx, later.instruction);
                cmds.iter().any(|c| uses_index(c, tool))
                    && !cmds.iter().any(|c| update_of(c).is_some())
            });
            if let Some(reader) = reader {
                out.report(
                    update.span,
                    format!(
                        "`{tool} update` runs in a step that installs nothing: the build cache \
                         keeps this step, and a later step installs from the index it stored, \
                         however old, so packages are missing or out of date"
                    ),
                )
                .help(format!(
                    "run `{tool} update && {install} …` in one `RUN`, and drop this step"
                ))
                .related(
                    cx.file,
                    reader.instruction.keyword_span,
                    "this step installs from that index",
                );
            } else {
                out.report(
                    update.span,
                    format!(
                        "`{tool} update` runs in a step that installs nothing, and no later step \
                         of the stage uses its index: it only adds package lists to the image"
                    ),
                )
                .severity(Severity::Info)
                .help(format!(
                    "drop the update, or move it into the `RUN` that runs `{install}`"
                ));
            }
        }
    }
}

/// `apt-get update`, `apt update` or `apk update`: the tool's name.
fn update_of(cmd: &Command) -> Option<&'static str> {
    let tool = match cmd.name() {
        "apt-get" => "apt-get",
        "apt" => "apt",
        "apk" => "apk",
        _ => return None,
    };
    let sub = cmd
        .operands(APT_WITH_VALUE)
        .first()
        .map(|w| w.text().to_owned());
    (sub.as_deref() == Some("update")).then_some(tool)
}

/// Whether `cmd` reads the index `tool update` wrote.
fn uses_index(cmd: &Command, tool: &str) -> bool {
    let name = cmd.name();
    if tool == "apk" {
        return name == "apk"
            && cmd
                .operands(&["-X", "--repository", "-p", "--root", "-t", "--virtual"])
                .first()
                .is_some_and(|w| matches!(w.text(), "add" | "upgrade" | "fix" | "fetch"));
    }
    if matches!(name, "apt-get" | "apt") {
        // `apt-get -f install` has no package operand but still installs.
        return cmd
            .operands(APT_WITH_VALUE)
            .first()
            .is_some_and(|w| APT_USES_INDEX.contains(&w.text()));
    }
    INSTALLERS.contains(&name)
}

/// Whether `cmd` may install packages in a way that cannot be seen here: a name held in a
/// variable, a script (`./setup.sh`, `ash setup.sh`, `. lib.sh`, `make deps`), or a shell
/// string that mentions installing.
fn may_install(cmd: &Command) -> bool {
    let name = cmd.name();
    if name.is_empty() || name.ends_with(".sh") || cmd.name_word.text().starts_with("./") {
        return true;
    }
    if SHELLS.contains(&name) && cmd.has_short('c', "").is_some() {
        // The string's commands are scanned too; this catches strings the scanner could not
        // follow (nested quoting).
        return cmd
            .args
            .iter()
            .any(|w| w.text().contains("install") || w.text().contains("upgrade"));
    }
    let runs_script = SHELLS.contains(&name) || matches!(name, "source" | "." | "make");
    runs_script && cmd.args.iter().any(|w| !w.text().starts_with('-'))
}
