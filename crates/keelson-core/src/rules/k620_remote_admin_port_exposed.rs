//! K620 remote-admin-port-exposed: the image `EXPOSE`s a remote-administration port (SSH,
//! telnet, RDP, VNC, WinRM, the Docker API). See `rules/K620-remote-admin-port-exposed/README.md`.

use keelson_model::dockerfile::{Base, Stage};

use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Network,
    severity: Severity::Warning,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    peers: &[peer("trivy", "DS-0004"), peer("checkov", "CKV_DOCKER_1")],
    fixable: false,
};

pub(crate) struct RemoteAdminPortExposed;
pub(crate) static RULE: RemoteAdminPortExposed = RemoteAdminPortExposed;

/// Ports of remote-administration services, with what listens there.
const ADMIN_PORTS: &[(u16, &str)] = &[
    (22, "SSH"),
    (23, "telnet"),
    (2375, "the unencrypted Docker API"),
    (2376, "the Docker API"),
    (3389, "RDP (Windows remote desktop)"),
    (5900, "VNC"),
    (5901, "VNC"),
    (5985, "WinRM over HTTP"),
    (5986, "WinRM"),
];

impl Check for RemoteAdminPortExposed {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        let Some(last) = cx.model.final_stage() else {
            return;
        };
        for stage in chain(cx, last) {
            for port in &stage.exposed_ports {
                if port.protocol != "tcp" {
                    continue;
                }
                let Some((p, what)) = ADMIN_PORTS.iter().find(|(p, _)| port.covers(*p)) else {
                    continue;
                };
                let shown = if port.port == port.end_port {
                    format!("port {p}")
                } else {
                    format!("port range `{}`, which includes {p}", port.expansion.value)
                };
                out.report(
                    port.span,
                    format!(
                        "the image exposes {shown}, used by {what}: a remote-administration service in \
                         a container is a way in for attackers and a second way to change it besides \
                         rebuilding the image"
                    ),
                )
                .help("remove the port and the service; use `docker exec` (or `kubectl exec`) to get into a running container");
            }
        }
    }
}

/// The final stage and the stages it is built `FROM` (their `EXPOSE`s are inherited).
fn chain<'a>(cx: &DockerfileContext<'a>, last: &'a Stage) -> Vec<&'a Stage> {
    let mut out = vec![last];
    let mut current = last;
    while let Base::Stage(parent) = current.base {
        if parent >= current.index || out.len() > cx.model.stages.len() {
            break;
        }
        let Some(p) = cx.model.stage(parent) else {
            break;
        };
        out.push(p);
        current = p;
    }
    out
}
