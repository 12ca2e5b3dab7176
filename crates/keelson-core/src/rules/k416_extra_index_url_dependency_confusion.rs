//! K416 extra-index-url-dependency-confusion: pip is given a second package index
//! (`--extra-index-url`, `PIP_EXTRA_INDEX_URL`, `pip config set global.extra-index-url`), so
//! for every requirement it takes the highest version found on any index, and a package
//! published on the public index under a private package's name wins.
//!
//! `uv` is not reported unless `--index-strategy unsafe-best-match` (its default takes the
//! first index that has the package), nor is a pip call that pins hashes (`--require-hashes`).
//! See `rules/K416-extra-index-url-dependency-confusion/README.md`.

use crate::commands::env_settings;
use super::k414_insecure_transport_url::is_pip;
use crate::commands::{run_commands, run_steps, Command, Word};
use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::SupplyChain,
    severity: Severity::Warning,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    // No peer checks this.
    peers: &[],
    fixable: false,
};

pub(crate) struct ExtraIndexUrlDependencyConfusion;
pub(crate) static RULE: ExtraIndexUrlDependencyConfusion = ExtraIndexUrlDependencyConfusion;

const WHY: &str = "pip looks every requirement up on all indexes and installs the highest \
     version it finds anywhere, so whoever publishes a package with the same name and a higher \
     version on the other index (dependency confusion) gets their code into the image";
const HELP: &str = "use one `--index-url` that serves both private and public packages with a \
     fixed precedence (a proxy such as devpi, Artifactory or Nexus), install the packages of \
     each index in separate `pip install --index-url …` steps, or pin every requirement with \
     `--require-hashes`";

impl Check for ExtraIndexUrlDependencyConfusion {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for step in run_steps(cx) {
            for cmd in run_commands(cx, step.instruction).iter() {
                if let Some(word) = extra_index(cmd) {
                    let what = if word.text().starts_with("--") {
                        "`--extra-index-url`"
                    } else {
                        "setting pip's `extra-index-url`"
                    };
                    out.report(
                        word.value_span(),
                        format!("{what} adds a second package index: {WHY}"),
                    )
                    .help(HELP);
                }
            }
        }
        for setting in env_settings(cx).iter() {
            if setting.name.eq_ignore_ascii_case("PIP_EXTRA_INDEX_URL")
                && !setting.value.trim().is_empty()
            {
                out.report(
                    setting.span,
                    format!(
                        "`{}` adds a second package index to every pip call: {WHY}",
                        setting.name
                    ),
                )
                .help(HELP);
            }
        }
    }
}

/// The word of `cmd` that adds an extra index to a resolver that picks the best match across
/// indexes.
fn extra_index(cmd: &Command) -> Option<&Word> {
    if cmd.name() == "uv" || cmd.wrappers.iter().any(|w| w.name() == "uv") {
        let unsafe_strategy = cmd
            .option_value("--index-strategy", None)
            .is_some_and(|(_, v)| v.is("unsafe-best-match"));
        if !unsafe_strategy {
            return None;
        }
        return cmd.has_option(&["--extra-index-url"]);
    }
    if !is_pip(cmd) {
        return None;
    }
    if cmd
        .has_option(&["--require-hashes", "--no-index"])
        .is_some()
    {
        return None;
    }
    if let Some(w) = cmd.has_option(&["--extra-index-url"]) {
        return Some(w);
    }
    // `pip config set global.extra-index-url URL`.
    let set = cmd.args.iter().position(|w| w.is("set"))?;
    cmd.args.get(set + 1..)?.iter().find(|w| {
        w.literal
            .as_deref()
            .is_some_and(|l| l.ends_with(".extra-index-url"))
    })
}
