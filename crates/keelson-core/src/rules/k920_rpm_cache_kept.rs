//! K920 rpm-cache-kept: `yum`/`dnf`/`microdnf`/`zypper install` in a step of the image without
//! cleaning the package manager's cache in the same step. See `rules/K920-rpm-cache-kept/README.md`.


use crate::commands::{run_commands, run_steps, Command};
use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::BestPractice,
    severity: Severity::Info,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    peers: &[
        peer("hadolint", "DL3032"),
        peer("hadolint", "DL3040"),
        peer("hadolint", "DL3036"),
        peer("trivy", "DS-0015"),
        peer("trivy", "DS-0019"),
        peer("trivy", "DS-0020"),
        peer("kics", "Yum Clean All Missing"),
        peer("kics", "Missing Dnf Clean All"),
        peer("kics", "Missing Zypper Clean"),
    ],
    fixable: false,
};

pub(crate) struct RpmCacheKept;
pub(crate) static RULE: RpmCacheKept = RpmCacheKept;

const MANAGERS: &[&str] = &["yum", "dnf", "microdnf", "tdnf", "zypper"];

impl Check for RpmCacheKept {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        let shipped = cx.model.final_lineage();
        for step in run_steps(cx) {
            if !step.ships_in(&shipped) {
                continue;
            }
            if step.uses_cache_mount() {
                continue;
            }
            let cmds = run_commands(cx, step.instruction);
            if cmds.iter().any(cleans_cache) {
                continue;
            }
            let Some((cmd, sub)) = cmds.iter().find_map(|c| install_word(c).map(|w| (c, w))) else {
                continue;
            };
            let tool = cmd.name();
            out.report(
                sub.span,
                format!(
                    "`{tool} install` keeps downloaded packages and repository metadata under \
                     `/var/cache`, and this step does not clean them: they stay in the layer for good"
                ),
            )
            .help(format!(
                "end the same `RUN` with `&& {}` (or `rm -rf /var/cache/{}`)",
                if tool == "zypper" { "zypper clean --all".to_owned() } else { format!("{tool} clean all") },
                if tool == "microdnf" || tool == "tdnf" { "dnf" } else { tool }
            ));
        }
    }
}

/// The `install` word of `yum install …` (options before it allowed).
fn install_word(cmd: &Command) -> Option<&crate::commands::Word> {
    if !MANAGERS.contains(&cmd.name()) {
        return None;
    }
    cmd.args
        .iter()
        .find(|w| !w.text().starts_with('-'))
        .filter(|w| w.is("install") || w.is("in") || w.is("groupinstall"))
}

/// `yum clean all`, `dnf clean packages`, `zypper clean`/`cc`, `rm -rf /var/cache/yum` …
fn cleans_cache(cmd: &Command) -> bool {
    let name = cmd.name();
    if MANAGERS.contains(&name) {
        let sub = cmd.args.iter().find(|w| !w.text().starts_with('-'));
        return sub.is_some_and(|w| w.is("clean") || w.is("cc"));
    }
    name == "rm"
        && cmd.args.iter().any(|w| {
            let t = w.text();
            [
                "/var/cache/yum",
                "/var/cache/dnf",
                "/var/cache/zypp",
                "/var/cache/tdnf",
            ]
            .iter()
            .any(|p| t.starts_with(p))
        })
}
