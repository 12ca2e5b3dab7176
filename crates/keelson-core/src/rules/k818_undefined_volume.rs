//! K818 undefined-volume: a service mounts a named volume that the project does not declare
//! under top-level `volumes:`; Compose refuses to load the project. See
//! `rules/K818-undefined-volume/README.md`.

use keelson_model::compose::volumes::is_host_path;
use keelson_model::compose::VolumeKind;

use super::k203_privileged_container::note_via;
use super::k816_undefined_service_reference::{declared, did_you_mean, should_report};
use crate::context::ComposeContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{Check, RuleSpec, COMPOSE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Correctness,
    severity: Severity::Error,
    enabled_by_default: true,
    file_kinds: COMPOSE,
    peers: &[],
    fixable: false,
};

pub(crate) struct UndefinedVolume;
pub(crate) static RULE: UndefinedVolume = UndefinedVolume;

impl Check for UndefinedVolume {
    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        let volumes = declared(cx, "volumes");
        let section = cx.project.top_level("volumes").is_some();
        for service in &cx.project.services {
            for mount in &service.volumes {
                if mount.kind != VolumeKind::Volume || !mount.determined {
                    continue;
                }
                let Some(name) = mount.source.as_deref().map(str::trim) else {
                    continue;
                };
                if name.is_empty()
                    || name.contains('$')
                    || is_host_path(name)
                    || volumes.iter().any(|v| v == name)
                    // A `/` cannot be in a volume name: a host path was meant, whatever the
                    // rest of the file looks like.
                    || !(name.contains('/') || should_report(cx, name, &volumes, section))
                {
                    continue;
                }
                let (file, span) = cx.at(mount.loc);
                let finding = out.report_in(
                    file,
                    span,
                    format!(
                        "service `{}` mounts the named volume `{name}`, which is not declared \
                         under the top-level `volumes:`: Compose refuses to load the project \
                         (a host directory needs a path such as `./{name}`)",
                        service.name
                    ),
                );
                finding.help(format!(
                    "correct the name{}, declare `{name}` under the top-level `volumes:` (with \
                     `external: true` if it is created outside the project), or write `./{name}` \
                     to mount a host directory",
                    did_you_mean(name, &volumes)
                ));
                note_via(cx, finding, mount.via, service);
            }
        }
    }
}
