//! K953 build-and-image-both-set: a compose service has both `build` and `image` and no
//! `pull_policy` that stops Compose from pulling the name. Off by default. See
//! `rules/K953-build-and-image-both-set/README.md`.

use keelson_model::compose::Text;

use super::k203_privileged_container::note_via;
use crate::context::ComposeContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, COMPOSE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::BestPractice,
    severity: Severity::Info,
    enabled_by_default: false,
    file_kinds: COMPOSE,
    peers: &[peer("dclint", "no-build-and-image")],
    fixable: false,
};

pub(crate) struct BuildAndImageBothSet;
pub(crate) static RULE: BuildAndImageBothSet = BuildAndImageBothSet;

impl Check for BuildAndImageBothSet {
    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        for service in &cx.project.services {
            let (Some(image), Some(_)) = (&service.image, &service.build) else {
                continue;
            };
            if !image.is_determined() || image.value.trim().is_empty() {
                continue;
            }
            // `build` always builds; `never` never pulls; an unknown policy may be either.
            let policy = service.raw("pull_policy").and_then(Text::from_value);
            if let Some(policy) = &policy {
                if !policy.is_determined() || matches!(policy.value.trim(), "build" | "never") {
                    continue;
                }
            }
            let (file, span) = cx.at(image.loc);
            let finding = out.report_in(
                file,
                span,
                format!(
                    "service `{}` has both `build` and `image: {}`: `docker compose pull` and \
                     `up` try to pull that name before building, so a registry image with the \
                     same name (someone else's, or an old push) can run instead of the local \
                     build, or a pull can replace what was built",
                    service.name,
                    image.value.trim()
                ),
            );
            finding.help(
                "add `pull_policy: build` so the service is always built (keep `image` to name \
                 the result), or remove `image` (or `build`) if the service is only built (or \
                 only pulled)",
            );
            note_via(cx, finding, image.via, service);
        }
    }
}
