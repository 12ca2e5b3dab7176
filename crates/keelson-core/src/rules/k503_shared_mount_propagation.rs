//! K503 shared-mount-propagation: a compose bind mount uses `shared` or `rshared` propagation,
//! so mounts made inside the container appear on the host. See
//! `rules/K503-shared-mount-propagation/README.md`.

use keelson_model::compose::VolumeKind;

use super::k203_privileged_container::note_via;
use crate::context::ComposeContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, COMPOSE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Immutability,
    severity: Severity::Warning,
    enabled_by_default: true,
    file_kinds: COMPOSE,
    peers: &[
        peer("kics", "Volume Mounted In Multiple Containers"),
        peer("compose-lint", "CL-0017"),
    ],
    fixable: false,
};

pub(crate) struct SharedMountPropagation;
pub(crate) static RULE: SharedMountPropagation = SharedMountPropagation;

impl Check for SharedMountPropagation {
    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        for service in &cx.project.services {
            for volume in &service.volumes {
                if !volume.determined || volume.kind != VolumeKind::Bind {
                    continue;
                }
                let Some(propagation) = volume.propagation.as_deref() else {
                    continue;
                };
                if !matches!(propagation, "shared" | "rshared") {
                    continue;
                }
                let (file, span) = cx.at(volume.loc);
                let finding = out.report_in(
                    file,
                    span,
                    format!(
                        "service `{}` bind-mounts `{}` with `{propagation}` propagation: mounts \
                         the container makes below `{}` appear on the host too, so a compromised \
                         container can hide or shadow host files",
                        service.name,
                        volume.source.as_deref().unwrap_or("?"),
                        volume.target.as_deref().unwrap_or("?"),
                    ),
                );
                finding.help(
                    "remove the propagation option (the default is `rprivate`); use `rslave` if \
                     the container must see mounts made on the host",
                );
                note_via(cx, finding, volume.via, service);
            }
        }
    }
}
