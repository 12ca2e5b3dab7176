//! K704 healthcheck-missing: a compose service has no healthcheck, or turns one off
//! (`disable: true`, `test: ["NONE"]`). A service built from a Dockerfile of the project whose
//! final stage has a `HEALTHCHECK` is fine. Off by default. See
//! `rules/K704-healthcheck-missing/README.md`.

use super::k203_privileged_container::is_runnable;
use crate::context::ComposeContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, COMPOSE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Resources,
    severity: Severity::Info,
    enabled_by_default: false,
    file_kinds: COMPOSE,
    peers: &[peer("kics", "Healthcheck Not Set")],
    fixable: false,
};

pub(crate) struct HealthcheckMissing;
pub(crate) static RULE: HealthcheckMissing = HealthcheckMissing;

const RISK: &str = "the engine reports the container healthy as long as its process runs, so a \
                    hung service is never restarted and `depends_on: condition: \
                    service_healthy` cannot wait for it";
const HELP: &str = "add a `healthcheck:` with a `test` that exercises the service (`[\"CMD\", \
                    \"curl\", \"-f\", \"http://localhost:8080/health\"]`), or a `HEALTHCHECK` \
                    to the image";

/// What the Dockerfile a service builds says about its healthcheck.
enum ImageCheck {
    /// The final stage has a `HEALTHCHECK` (not `NONE`).
    Defined,
    /// The final stage has `HEALTHCHECK NONE`.
    Disabled,
    /// The Dockerfile sets none (its base image may).
    Unset,
    /// No Dockerfile was read (the service runs an image, or the build could not be read).
    Unknown,
}

impl Check for HealthcheckMissing {
    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        for (index, service) in cx.project.services.iter().enumerate() {
            if !is_runnable(service) {
                continue;
            }
            if let Some(check) = &service.healthcheck {
                if check.is_disabled() {
                    let at = check
                        .disable
                        .as_ref()
                        .filter(|d| d.is_true())
                        .map(|d| d.loc)
                        .or(check.test.as_ref().map(|t| t.loc))
                        .unwrap_or(check.loc);
                    let (file, span) = cx.at(at);
                    out.report_in(
                        file,
                        span,
                        format!(
                            "service `{}` turns its healthcheck off (also the image's): {RISK}",
                            service.name
                        ),
                    )
                    .help(HELP);
                    continue;
                }
                if check.test.is_some() {
                    continue;
                }
            }
            let image = match cx.build_of(index).and_then(|b| b.model.final_stage()) {
                Some(stage) => match &stage.healthcheck {
                    Some(h) if h.disabled => ImageCheck::Disabled,
                    Some(_) => ImageCheck::Defined,
                    None => ImageCheck::Unset,
                },
                None => ImageCheck::Unknown,
            };
            let why = match image {
                ImageCheck::Defined => continue,
                ImageCheck::Disabled => {
                    "defines no healthcheck, and the Dockerfile it builds turns the image's off \
                     (`HEALTHCHECK NONE`)"
                }
                ImageCheck::Unset => {
                    "defines no healthcheck, and the Dockerfile it builds has no `HEALTHCHECK`"
                }
                ImageCheck::Unknown => {
                    "defines no healthcheck (unless its image has a `HEALTHCHECK`, which \
                     keelson cannot see)"
                }
            };
            let (file, span) = cx.at(service.key_loc);
            out.report_in(
                file,
                span,
                format!("service `{}` {why}: {RISK}", service.name),
            )
            .help(HELP);
        }
    }
}
