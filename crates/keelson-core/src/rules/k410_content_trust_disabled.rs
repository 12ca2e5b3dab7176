//! K410 content-trust-disabled: `DOCKER_CONTENT_TRUST` is set to `0`/`false` in a Dockerfile
//! (`ENV`, `ARG`, `RUN` assignments) or a compose `environment`, turning off image signature
//! verification for the docker CLI that sees it.
//!
//! Variables are read with the shared [`crate::commands::env_settings`]. See
//! `rules/K410-content-trust-disabled/README.md`.

use crate::context::{ComposeContext, DockerfileContext};
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{Check, RuleSpec, BOTH};

use crate::commands::env_settings;

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::SupplyChain,
    severity: Severity::Warning,
    enabled_by_default: true,
    file_kinds: BOTH,
    peers: &[],
    fixable: false,
};

pub(crate) struct ContentTrustDisabled;
pub(crate) static RULE: ContentTrustDisabled = ContentTrustDisabled;

const MESSAGE: &str = "`DOCKER_CONTENT_TRUST` is turned off: the docker CLI that sees it pulls, \
     runs and pushes images without checking their signatures, even where the user's policy \
     requires signed images";
const HELP: &str = "remove the setting (or set `DOCKER_CONTENT_TRUST=1`) and sign the images \
     you need; an unsigned image can be pinned by digest instead";

/// Whether a value turns content trust off (the CLI enables it only for `1`/`true`).
fn off(value: &str) -> bool {
    matches!(
        value.trim().to_ascii_lowercase().as_str(),
        "0" | "false" | "no" | "off"
    )
}

impl Check for ContentTrustDisabled {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for setting in env_settings(cx).iter() {
            if setting.name == "DOCKER_CONTENT_TRUST" && off(&setting.value) {
                out.report(setting.span, MESSAGE).help(HELP);
            }
        }
    }

    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        for service in &cx.project.services {
            for kv in &service.environment {
                let Some(value) = &kv.value else {
                    continue;
                };
                if kv.key == "DOCKER_CONTENT_TRUST" && off(&value.value) {
                    let (file, span) = cx.at(value.loc);
                    out.report_in(file, span, format!("service `{}`: {MESSAGE}", service.name))
                        .help(HELP);
                }
            }
        }
    }
}
