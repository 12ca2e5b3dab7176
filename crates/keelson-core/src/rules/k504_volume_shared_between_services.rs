//! K504 volume-shared-between-services: two or more compose services mount the same named
//! volume or host path writable, so a compromised service can plant files that the other one
//! reads or runs. Off by default. See `rules/K504-volume-shared-between-services/README.md`.

use std::path::{Path, PathBuf};

use keelson_model::compose::{ComposeService, VolumeKind, VolumeMount};
use keelson_model::fs::normalize_path;

use super::k203_privileged_container::{can_run_together, note_via};
use crate::context::ComposeContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, COMPOSE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Immutability,
    severity: Severity::Info,
    enabled_by_default: false,
    file_kinds: COMPOSE,
    peers: &[peer("kics", "Shared Volumes Between Containers")],
    fixable: false,
};

pub(crate) struct VolumeSharedBetweenServices;
pub(crate) static RULE: VolumeSharedBetweenServices = VolumeSharedBetweenServices;

/// What a mount shares: a named volume or a host path.
#[derive(Clone, PartialEq, Eq)]
enum Shared {
    Volume(String),
    HostPath(PathBuf),
}

impl Shared {
    /// `source` is the mount's source as written.
    fn describe(&self, source: &str) -> String {
        match self {
            Shared::Volume(name) => format!("the volume `{name}`"),
            Shared::HostPath(_) => format!("the host path `{}`", source.trim()),
        }
    }
}

/// Host paths that are devices, sockets or host configuration (other rules judge those), not
/// data a service would plant files in.
fn is_system_path(path: &Path) -> bool {
    const SKIP: &[&str] = &[
        "/dev",
        "/proc",
        "/sys",
        "/run",
        "/var/run",
        "/etc/localtime",
        "/etc/timezone",
        "/tmp/.X11-unix",
    ];
    SKIP.iter().any(|p| path.starts_with(p))
}

/// What a writable mount of `service` shares, if it can be shared.
fn shared(cx: &ComposeContext<'_>, mount: &VolumeMount) -> Option<Shared> {
    if !mount.determined || !mount.is_writable() || mount.read_only.as_bool().is_none() {
        return None;
    }
    let source = mount.source.as_deref()?.trim();
    if source.is_empty() {
        return None;
    }
    match mount.kind {
        VolumeKind::Volume => Some(Shared::Volume(source.to_string())),
        VolumeKind::Bind => {
            if source.starts_with('~') || source.contains('\\') {
                return Some(Shared::HostPath(PathBuf::from(source)));
            }
            let path = Path::new(source);
            let full = if path.is_absolute() {
                path.to_path_buf()
            } else {
                // Relative paths are resolved against the file that writes them.
                let dir = cx
                    .project
                    .file(mount.loc.file)
                    .and_then(|f| f.path.parent().map(Path::to_path_buf))
                    .unwrap_or_default();
                dir.join(path)
            };
            let full = normalize_path(&full);
            (!is_system_path(&full)).then_some(Shared::HostPath(full))
        }
        _ => None,
    }
}

/// Whether both services run the same image: one application in several roles (web, worker,
/// scheduler) that shares its data by design and already runs the same code.
fn same_image(a: &ComposeService, b: &ComposeService) -> bool {
    match (&a.image, &b.image) {
        (Some(x), Some(y)) => {
            x.is_determined() && y.is_determined() && x.value.trim() == y.value.trim()
        }
        _ => false,
    }
}

/// A writable mount of a service.
struct Writer<'a> {
    service: &'a ComposeService,
    mount: &'a VolumeMount,
    what: Shared,
}

impl Check for VolumeSharedBetweenServices {
    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        let mut writers: Vec<Writer<'_>> = Vec::new();
        for service in &cx.project.services {
            for mount in &service.volumes {
                let Some(what) = shared(cx, mount) else {
                    continue;
                };
                // One entry per service and source.
                if writers
                    .iter()
                    .any(|w| std::ptr::eq(w.service, service) && w.what == what)
                {
                    continue;
                }
                writers.push(Writer {
                    service,
                    mount,
                    what,
                });
            }
        }
        for (i, later) in writers.iter().enumerate() {
            let Some(first) = writers.get(..i).and_then(|before| {
                before.iter().find(|w| {
                    w.what == later.what
                        && !std::ptr::eq(w.service, later.service)
                        && can_run_together(w.service, later.service)
                        && !same_image(w.service, later.service)
                })
            }) else {
                continue;
            };
            report(cx, out, later, first);
        }
    }
}

fn report(cx: &ComposeContext<'_>, out: &mut Reporter<'_>, later: &Writer<'_>, first: &Writer<'_>) {
    let what = later
        .what
        .describe(later.mount.source.as_deref().unwrap_or_default());
    let (file, span) = cx.at(later.mount.loc);
    let finding = out.report_in(
        file,
        span,
        format!(
            "service `{}` mounts {what} writable, and so does service `{}`: whoever controls \
             one of them can plant or change files that the other reads, serves or runs",
            later.service.name, first.service.name
        ),
    );
    finding.help(
        "mount it read-only (`:ro`, `read_only: true`) in the services that only read it, or \
         give each service its own volume",
    );
    let (ffile, fspan) = cx.at(first.mount.loc);
    finding.related(
        ffile,
        fspan,
        format!("service `{}` mounts it writable here", first.service.name),
    );
    note_via(cx, finding, later.mount.via, later.service);
}
