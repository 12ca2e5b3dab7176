//! K203 privileged-container: a compose service runs with `privileged: true`.
//!
//! A privileged container gets every capability, every host device and no seccomp, AppArmor or
//! SELinux confinement. The merged model decides (anchors, `<<`, `extends`, override files); the
//! finding points at the value, with the alias, merge key or `extends` that brings it in as a
//! related location. See `rules/K203-privileged-container/README.md`.
//!
//! This file also holds small helpers the other compose privilege rules share.

use keelson_model::compose::{ComposeService, Loc, Text, Truth};

use crate::context::ComposeContext;
use crate::diagnostic::{Category, Severity};
use crate::report::{Finding, Reporter};
use crate::rule::{peer, Check, RuleSpec, COMPOSE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Privilege,
    severity: Severity::Error,
    enabled_by_default: true,
    file_kinds: COMPOSE,
    peers: &[
        peer("kics", "Privileged Containers Enabled"),
        peer("semgrep", "privileged-service"),
        peer("compose-lint", "CL-0002"),
    ],
    fixable: false,
};

pub(crate) struct PrivilegedContainer;
pub(crate) static RULE: PrivilegedContainer = PrivilegedContainer;

impl Check for PrivilegedContainer {
    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        for service in &cx.project.services {
            let Some(flag) = &service.privileged else {
                continue;
            };
            if flag.value != Truth::True {
                continue;
            }
            let written = flag
                .text
                .as_ref()
                .map_or_else(|| "true".to_string(), |t| t.raw.clone());
            let (file, span) = cx.at(flag.loc);
            let finding = out.report_in(
                file,
                span,
                format!(
                    "service `{}` runs privileged (`privileged: {written}`): the container gets \
                     every capability, every host device and no seccomp or AppArmor confinement, \
                     so anything running in it can take over the host",
                    service.name
                ),
            );
            finding.help(
                "remove `privileged`; grant only what the service needs: single capabilities \
                 with `cap_add`, single devices with `devices`",
            );
            note_via(cx, finding, flag.via, service);
        }
    }
}

/// Adds the alias, merge key or `extends` that brought a value into `service` as a related
/// location.
pub(super) fn note_via(
    cx: &ComposeContext<'_>,
    finding: &mut Finding,
    via: Option<Loc>,
    service: &ComposeService,
) {
    if let Some(via) = via {
        let (file, span) = cx.at(via);
        finding.related(
            file,
            span,
            format!("this brings the value into service `{}`", service.name),
        );
    }
}

/// Whether a service can run: Compose refuses one with neither `image` nor `build`, which is
/// usually a fragment for `extends`.
pub(super) fn is_runnable(service: &ComposeService) -> bool {
    service.image.is_some() || service.build.is_some()
}

/// The values of a list attribute that keelson could resolve, upper-cased, with `CAP_` removed
/// (capability names are accepted in either form and any case).
pub(super) fn capability_name(text: &Text) -> String {
    let upper = text.value.trim().to_ascii_uppercase();
    match upper.strip_prefix("CAP_") {
        Some(rest) => rest.to_string(),
        None => upper,
    }
}

/// Whether two services can run at the same time: services without `profiles` always start;
/// two services with profiles only together when they share one.
pub(super) fn can_run_together(a: &ComposeService, b: &ComposeService) -> bool {
    if !a.has_profiles() || !b.has_profiles() {
        return true;
    }
    a.profiles
        .iter()
        .any(|p| b.profiles.iter().any(|q| q.value == p.value))
}
