//! K303 docker-socket-mount: a compose service mounts a container-engine API socket (Docker,
//! Podman, containerd, CRI-O, BuildKit) or the directory holding it, which hands the container
//! root on the host, read-only or not.
//!
//! Volumes are read with K302's reader (both syntaxes, after every merge, interpolated). A
//! Dockerfile `VOLUME` on a socket path is reported as information: it cannot mount the host's
//! socket itself, but says the image expects it. See `rules/K303-docker-socket-mount/README.md`.

use keelson_syntax::dockerfile::InstructionArgs;

use super::k302_host_credentials_mount::{host_mounts, HostMount, HostPath, HostSource};
use crate::context::{ComposeContext, DockerfileContext};
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, BOTH};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Credentials,
    severity: Severity::Error,
    enabled_by_default: true,
    file_kinds: BOTH,
    peers: &[
        peer("kics", "Docker Socket Mounted In Container"),
        peer("semgrep", "exposing-docker-socket-volume"),
        peer("semgrep", "dockerfile-dockerd-socket-mount"),
        peer("compose-lint", "CL-0001"),
    ],
    fixable: false,
};

pub(crate) struct DockerSocketMount;
pub(crate) static RULE: DockerSocketMount = DockerSocketMount;

const CONSEQUENCE: &str =
    "any process in the container can tell the engine to start a privileged container \
     with the host's file system mounted, which is root on the host";
const HELP: &str =
    "remove the mount; if the service must talk to the engine (container discovery, a CI \
     runner), put an API-filtering socket proxy in front of it that allows only the calls the \
     service needs, or run a rootless engine";

impl Check for DockerSocketMount {
    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        for service in &cx.project.services {
            for mount in host_mounts(service) {
                let Some((message, severity)) = judge(&mount) else {
                    continue;
                };
                let (file, span) = cx.at(mount.source_loc);
                let finding =
                    out.report_in(file, span, format!("service `{}` {message}", service.name));
                finding.severity(severity).help(HELP);
                if let Some(via) = mount.via {
                    let (vfile, vspan) = cx.at(via);
                    finding.related(vfile, vspan, "the volume is brought into the service here");
                }
            }
        }
    }

    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for ins in cx.syntax.instructions() {
            let InstructionArgs::Volume(list) = &ins.view else {
                continue;
            };
            let Some(id) = cx.model.id_of(ins) else {
                continue;
            };
            for word in &list.words {
                let value = cx.model.expand_at(id, &word.raw).value;
                // Only a socket file: `VOLUME /run` is runtime state, not a socket mount.
                let Some(socket) = HostPath::parse(&value)
                    .and_then(|p| socket_of(&p, false))
                    .filter(|s| !s.dir)
                else {
                    continue;
                };
                out.report(
                    word.span,
                    format!(
                        "`VOLUME {value}` declares the path of {} as a volume: the image is meant to \
                         run with the host's socket mounted there, and then {CONSEQUENCE}",
                        socket.what
                    ),
                )
                .severity(Severity::Info)
                .help(
                    "remove the path from VOLUME (it only creates an empty anonymous volume); if the \
                     image needs the engine's API, document a filtering socket proxy instead",
                );
            }
        }
    }
}

/// What a mount of a socket exposes.
struct Socket {
    /// "the Docker Engine API socket".
    what: &'static str,
    /// Whether the mount is a directory that holds the socket.
    dir: bool,
}

/// Whether `name` is the file name of a container-engine API socket.
pub(super) fn is_socket_name(name: &str) -> bool {
    socket_name(name).is_some()
}

fn socket_name(name: &str) -> Option<&'static str> {
    Some(match name {
        "docker.sock" | "docker.sock.raw" => "the Docker Engine API socket",
        "podman.sock" => "the Podman API socket",
        "containerd.sock" => "the containerd API socket",
        "crio.sock" => "the CRI-O API socket",
        "dockershim.sock" | "cri-dockerd.sock" => "a Kubernetes container-runtime socket",
        "buildkitd.sock" => "the BuildKit daemon socket",
        _ => return None,
    })
}

fn socket_of(path: &HostPath, npipe: bool) -> Option<Socket> {
    let comps: Vec<&str> = path.comps.iter().map(String::as_str).collect();
    if npipe {
        let name = path.name()?;
        let docker = name.starts_with("docker_engine") || name.starts_with("podman");
        return docker.then_some(Socket {
            what: "the Docker Engine named pipe",
            dir: false,
        });
    }
    if let Some(what) = path.name().and_then(socket_name) {
        return Some(Socket { what, dir: false });
    }
    match comps.as_slice() {
        ["var", "run"] | ["run"] => Some(Socket {
            what: "the Docker Engine API socket (`/var/run/docker.sock`)",
            dir: true,
        }),
        ["run" | "var", "run", "podman"] | ["run", "podman"] => Some(Socket {
            what: "the Podman API socket",
            dir: true,
        }),
        ["run", "containerd"] | ["var", "run", "containerd"] => Some(Socket {
            what: "the containerd API socket",
            dir: true,
        }),
        _ => None,
    }
}

fn judge(mount: &HostMount) -> Option<(String, Severity)> {
    let ro_note = if mount.writable {
        ""
    } else {
        "; `:ro` does not help: it stops the socket file from being replaced, not the API from being used"
    };
    match &mount.source {
        HostSource::Known(path) => {
            let socket = socket_of(path, mount.npipe)?;
            let message = if socket.dir {
                format!(
                    "mounts the host's `{}`, which holds {}: {CONSEQUENCE}{ro_note}",
                    path.display, socket.what
                )
            } else {
                format!(
                    "mounts {} `{}`: {CONSEQUENCE}{ro_note}",
                    socket.what, mount.source_raw
                )
            };
            Some((message, Severity::Error))
        }
        HostSource::Unknown => {
            // `${DOCKER_SOCK}:/var/run/docker.sock`: the host side is hidden, the container side
            // says what it is.
            let target = mount.target.as_deref()?;
            let name = target.trim_end_matches('/').rsplit('/').next()?;
            let what = socket_name(name)?;
            Some((
                format!(
                    "mounts `{}` at `{target}`, the path of {what}; keelson cannot resolve the \
                     variable, but a mount there is almost always the host's socket, and then \
                     {CONSEQUENCE}",
                    mount.source_raw
                ),
                Severity::Warning,
            ))
        }
    }
}
