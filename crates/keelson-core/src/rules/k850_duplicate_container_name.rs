//! K850 duplicate-container-name: two compose services set the same `container_name`; the
//! engine allows one container per name, so the second fails to start. Services that cannot
//! run together (disjoint `profiles`) are not compared. See
//! `rules/K850-duplicate-container-name/README.md`.

use keelson_model::compose::Text;

use super::k203_privileged_container::{can_run_together, note_via};
use crate::context::ComposeContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, COMPOSE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Correctness,
    severity: Severity::Error,
    enabled_by_default: true,
    file_kinds: COMPOSE,
    peers: &[peer("dclint", "no-duplicate-container-names")],
    fixable: false,
};

pub(crate) struct DuplicateContainerName;
pub(crate) static RULE: DuplicateContainerName = DuplicateContainerName;

impl Check for DuplicateContainerName {
    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        let names: Vec<(usize, Text)> = cx
            .project
            .services
            .iter()
            .enumerate()
            .filter_map(|(i, s)| {
                let t = s.raw("container_name").and_then(Text::from_value)?;
                (t.is_determined() && !t.value.trim().is_empty()).then_some((i, t))
            })
            .collect();
        for (n, (index, name)) in names.iter().enumerate() {
            let Some(service) = cx.project.services.get(*index) else {
                continue;
            };
            let first = names.get(..n).and_then(|before| {
                before.iter().find(|(other, text)| {
                    text.value.trim() == name.value.trim()
                        && cx
                            .project
                            .services
                            .get(*other)
                            .is_some_and(|o| can_run_together(o, service))
                })
            });
            let Some((other, first_name)) = first else {
                continue;
            };
            let other_name = cx
                .project
                .services
                .get(*other)
                .map_or("", |s| s.name.as_str());
            let (file, span) = cx.at(name.loc);
            let finding = out.report_in(
                file,
                span,
                format!(
                    "service `{}` sets `container_name: {}`, which service `{other_name}` \
                     already uses: the engine allows one container per name, so `docker compose \
                     up` fails with a name conflict",
                    service.name,
                    name.value.trim()
                ),
            );
            finding.help(
                "give each service its own `container_name`, or remove it and let Compose name \
                 the containers",
            );
            let (ffile, fspan) = cx.at(first_name.loc);
            finding.related(ffile, fspan, "the name is first used here");
            note_via(cx, finding, name.via, service);
        }
    }
}
