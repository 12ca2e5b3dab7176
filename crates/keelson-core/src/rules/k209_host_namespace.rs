//! K209 host-namespace: a compose service shares a namespace with the host (`pid: host`,
//! `ipc: host`, `uts: host`, `userns_mode: host`, `cgroupns_mode: host`), graded by what the
//! container can then see or change. `network_mode: host` is K601. See
//! `rules/K209-host-namespace/README.md`.

use keelson_model::compose::Text;

use super::k203_privileged_container::note_via;
use crate::context::ComposeContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, COMPOSE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Privilege,
    severity: Severity::Error,
    enabled_by_default: true,
    file_kinds: COMPOSE,
    peers: &[
        peer("kics", "Host Namespace is Shared"),
        peer("kics", "Shared Host IPC Namespace"),
        peer("kics", "Shared Host User Namespace"),
        peer("compose-lint", "CL-0010"),
    ],
    fixable: false,
};

pub(crate) struct HostNamespace;
pub(crate) static RULE: HostNamespace = HostNamespace;

impl Check for HostNamespace {
    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        for service in &cx.project.services {
            let cgroupns = service.raw("cgroupns_mode").and_then(Text::from_value);
            let attributes = [
                ("pid", service.pid.as_ref()),
                ("ipc", service.ipc.as_ref()),
                ("userns_mode", service.userns_mode.as_ref()),
                ("uts", service.uts.as_ref()),
                ("cgroupns_mode", cgroupns.as_ref()),
            ];
            for (key, text) in attributes {
                let Some(text) = text else {
                    continue;
                };
                if !text.is_determined() || !text.value.trim().eq_ignore_ascii_case("host") {
                    continue;
                }
                let (severity, what) = match key {
                    "pid" => (
                        Severity::Error,
                        "the container sees every host process, their command lines and \
                         environments, and can signal them (with `SYS_PTRACE`, inject code \
                         into them)",
                    ),
                    "ipc" => (
                        Severity::Warning,
                        "the container can read and write the shared memory and message queues \
                         of host processes",
                    ),
                    "userns_mode" => (
                        Severity::Warning,
                        "the daemon's user-namespace remapping is off for this container, so \
                         its root is root on the host",
                    ),
                    "uts" => (
                        Severity::Info,
                        "the container shares the host's hostname and can change it with \
                         `SYS_ADMIN`",
                    ),
                    _ => (
                        Severity::Info,
                        "the container sees the host's whole cgroup tree",
                    ),
                };
                let (file, span) = cx.at(text.loc);
                let finding = out.report_in(
                    file,
                    span,
                    format!(
                        "service `{}` sets `{key}: {}`, sharing the host's namespace: {what}",
                        service.name,
                        text.raw.trim()
                    ),
                );
                finding.severity(severity).help(format!(
                    "remove `{key}: host`; a monitoring agent that must see the host should be \
                     reviewed and the finding suppressed with a reason"
                ));
                note_via(cx, finding, text.via, service);
            }
        }
    }
}
