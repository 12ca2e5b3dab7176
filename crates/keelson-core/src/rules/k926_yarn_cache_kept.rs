//! K926 yarn-cache-kept: `yarn install`/`yarn add` in a shipped stage without `yarn cache clean`
//! in the same step. See `rules/K926-yarn-cache-kept/README.md`.


use crate::commands::{run_commands, run_steps, Command, Word};
use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::BestPractice,
    severity: Severity::Info,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    peers: &[peer("hadolint", "DL3060")],
    fixable: false,
};

pub(crate) struct YarnCacheKept;
pub(crate) static RULE: YarnCacheKept = YarnCacheKept;

/// Options of yarn that take a separate value.
const YARN_WITH_VALUE: &[&str] = &[
    "--cwd",
    "--cache-folder",
    "--modules-folder",
    "--network-timeout",
    "--mutex",
    "--registry",
];

impl Check for YarnCacheKept {
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
            let Some((cmd, word)) = cmds.iter().find_map(|c| installs(c).map(|w| (c, w))) else {
                continue;
            };
            let what = if word.span == cmd.name_word.span {
                "`yarn`".to_owned()
            } else {
                format!("`yarn {}`", word.text())
            };
            out.report(
                word.span,
                format!(
                    "{what} stores every downloaded package in yarn's cache as well as in \
                     `node_modules`, and this step does not clean it: the copies stay in the layer"
                ),
            )
            .help("end the same `RUN` with `&& yarn cache clean`, or use `RUN --mount=type=cache,target=/usr/local/share/.cache/yarn`");
        }
    }
}

/// The word that makes `cmd` fill yarn's cache: the subcommand of `yarn install|add` (`yarn
/// global add`), or the name of a bare `yarn` (which installs).
fn installs(cmd: &Command) -> Option<&Word> {
    if cmd.name() != "yarn" {
        return None;
    }
    // A cache folder of its own (`--cache-folder /tmp/x`) is the user's choice; `yarn
    // --version` and `yarn --help` install nothing.
    if cmd
        .has_option(&["--cache-folder", "--version", "-v", "--help", "-h"])
        .is_some()
    {
        return None;
    }
    let ops = cmd.operands(YARN_WITH_VALUE);
    match ops.first() {
        None => Some(&cmd.name_word),
        Some(w) if w.is("install") || w.is("add") => Some(w),
        Some(w) if w.is("global") => ops.get(1).copied().filter(|s| s.is("add")),
        _ => None,
    }
}

/// `yarn cache clean`, or `rm -rf` of yarn's cache directory.
fn cleans_cache(cmd: &Command) -> bool {
    match cmd.name() {
        "yarn" => {
            let ops = cmd.operands(YARN_WITH_VALUE);
            ops.first().is_some_and(|w| w.is("cache")) && ops.get(1).is_some_and(|w| w.is("clean"))
        }
        "rm" => cmd.args.iter().any(|w| {
            let t = w.text();
            t.contains(".cache/yarn")
                || t.contains("/yarn-cache")
                || t.contains(".yarn-cache")
                || t.contains(".yarn/cache")
                || t.contains(".yarn/berry/cache")
        }),
        _ => false,
    }
}
