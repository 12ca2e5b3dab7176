//! K916 pip-cache-kept: `pip install` without `--no-cache-dir` keeps downloaded wheels in the
//! image. See `rules/K916-pip-cache-kept/README.md`.


use crate::commands::{run_commands, run_steps, Command};
use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Edit, Fix, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::BestPractice,
    severity: Severity::Info,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    peers: &[
        peer("hadolint", "DL3042"),
        peer("kics", "Pip install Keeping Cached Packages"),
    ],
    fixable: true,
};

pub(crate) struct PipCacheKept;
pub(crate) static RULE: PipCacheKept = PipCacheKept;

impl Check for PipCacheKept {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for step in run_steps(cx) {
            if step.uses_cache_mount() {
                continue;
            }
            // `ENV PIP_NO_CACHE_DIR=1` (any value but an empty one) turns the cache off.
            let env_off = step
                .id
                .and_then(|id| cx.model.vars_at(id))
                .is_some_and(|v| v.value("PIP_NO_CACHE_DIR").is_some_and(|x| !x.is_empty()));
            if env_off {
                continue;
            }
            for cmd in run_commands(cx, step.instruction).iter() {
                let Some(install) = pip_install(cmd) else {
                    continue;
                };
                if cmd.has_option(&["--no-cache-dir", "--no-cache"]).is_some()
                    || cmd
                        .assignments
                        .iter()
                        .any(|a| a.text().starts_with("PIP_NO_CACHE_DIR="))
                {
                    continue;
                }
                let finding = out.report(
                    install.span,
                    "`pip install` without `--no-cache-dir` keeps every downloaded package in pip's \
                     cache inside the layer, which only makes the image bigger",
                );
                finding.help(
                    "add `--no-cache-dir` (or set `ENV PIP_NO_CACHE_DIR=1`, or use a cache mount)",
                );
                if install.exact {
                    finding.fix(Fix::safe(
                        "add `--no-cache-dir`",
                        vec![Edit::insert(install.span.end(), " --no-cache-dir")],
                    ));
                }
            }
        }
    }
}

/// The `install` word of `pip install`, `pip3 install`, `python -m pip install`.
fn pip_install(cmd: &Command) -> Option<&crate::commands::Word> {
    let name = cmd.name();
    let is_pip = name == "pip" || name.starts_with("pip3") || name.starts_with("pip2");
    let args: &[crate::commands::Word] = if is_pip {
        &cmd.args
    } else if name.starts_with("python")
        && cmd.args.first().is_some_and(|w| w.is("-m"))
        && cmd.args.get(1).is_some_and(|w| w.is("pip"))
    {
        cmd.args.get(2..).unwrap_or(&[])
    } else {
        return None;
    };
    // The first word that is not an option (pip's global options before the subcommand take no
    // value except a few that are rare in Dockerfiles).
    args.iter()
        .find(|w| !w.text().starts_with('-'))
        .filter(|w| w.is("install"))
}
