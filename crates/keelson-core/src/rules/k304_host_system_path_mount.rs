//! K304 host-system-path-mount: a compose service bind-mounts, writable, a host location the
//! host executes or trusts as root (`/usr`, `/boot`, `/lib/modules`, `/etc/cron.d`,
//! `/etc/systemd`, `/etc/ld.so.preload`, …), or, writable or not, a host control socket
//! directory (`/run/dbus`, `/run/systemd`).
//!
//! Complements K302 (credentials and the directories holding them: `/`, `/etc`, `/var`, `/proc`,
//! `/sys`, home directories) and K303 (engine sockets, `/run`, `/var/run`): paths those rules
//! report are left to them. See `rules/K304-host-system-path-mount/README.md`.

use super::k302_host_credentials_mount::{host_mounts, HostPath, HostSource};
use crate::context::ComposeContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, COMPOSE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Credentials,
    severity: Severity::Error,
    enabled_by_default: true,
    file_kinds: COMPOSE,
    peers: &[
        peer("kics", "Volume Has Sensitive Host Directory"),
        peer("compose-lint", "CL-0025"),
        peer("compose-lint", "CL-0013"),
    ],
    fixable: false,
};

pub(crate) struct HostSystemPathMount;
pub(crate) static RULE: HostSystemPathMount = HostSystemPathMount;

/// One sensitive location.
struct Place {
    path: &'static [&'static str],
    holds: &'static str,
    /// Severity of a writable mount.
    severity: Severity,
    /// What a process that writes there can do (`None`: take over the host).
    then: Option<&'static str>,
    /// A socket directory: a read-only mount is just as bad.
    socket: bool,
    /// Only the location itself, not what is inside it (`/var/log/nginx` is application
    /// logs; `/dev/dri` is a GPU).
    exact: bool,
}

const fn place(path: &'static [&'static str], holds: &'static str, severity: Severity) -> Place {
    Place {
        path,
        holds,
        severity,
        then: None,
        socket: false,
        exact: false,
    }
}

/// A location reported only as itself (not what is inside it).
const fn only_error(path: &'static [&'static str], holds: &'static str) -> Place {
    Place {
        path,
        holds,
        severity: Severity::Error,
        then: None,
        socket: false,
        exact: true,
    }
}

/// A socket directory reported only as itself (its other subdirectories are not sockets).
const fn socket_only(path: &'static [&'static str], holds: &'static str) -> Place {
    Place {
        path,
        holds,
        severity: Severity::Error,
        then: None,
        socket: true,
        exact: true,
    }
}

/// A location reported only as itself, with a milder consequence.
const fn only(path: &'static [&'static str], holds: &'static str, then: &'static str) -> Place {
    Place {
        path,
        holds,
        severity: Severity::Warning,
        then: Some(then),
        socket: false,
        exact: true,
    }
}

const fn socket(path: &'static [&'static str], holds: &'static str) -> Place {
    Place {
        path,
        holds,
        severity: Severity::Error,
        then: None,
        socket: true,
        exact: false,
    }
}

const E: Severity = Severity::Error;
const REDIRECT: &str = "can send the host's connections to servers of its choosing";

const BINARIES: &str = "programs and libraries the host runs as root";
const CRON: &str = "jobs the host's cron runs as root";
const BOOT: &str = "services and scripts the host starts as root";
const LOADER: &str = "libraries every host program loads";
const LOGIN: &str = "start-up files and rules every login on the host runs";
const KERNEL: &str = "kernel modules and the settings the host loads them with";

const PLACES: &[Place] = &[
    place(&["boot"], "the host's kernels and boot loader", E),
    place(&["lib", "modules"], KERNEL, E),
    place(&["usr", "lib", "modules"], KERNEL, E),
    only_error(&["usr"], BINARIES),
    place(&["usr", "bin"], BINARIES, E),
    place(&["usr", "sbin"], BINARIES, E),
    place(&["usr", "lib"], BINARIES, E),
    place(&["usr", "lib32"], BINARIES, E),
    place(&["usr", "lib64"], BINARIES, E),
    place(&["usr", "libexec"], BINARIES, E),
    place(&["usr", "local", "bin"], BINARIES, E),
    place(&["usr", "local", "sbin"], BINARIES, E),
    place(&["usr", "local", "lib"], BINARIES, E),
    place(
        &["usr", "src"],
        "kernel headers and the module sources DKMS builds and loads as root",
        E,
    ),
    place(&["bin"], BINARIES, E),
    place(&["sbin"], BINARIES, E),
    place(&["lib"], BINARIES, E),
    place(&["lib32"], BINARIES, E),
    place(&["lib64"], BINARIES, E),
    place(&["libx32"], BINARIES, E),
    place(&["etc", "crontab"], CRON, E),
    place(&["etc", "cron.d"], CRON, E),
    place(&["etc", "cron.hourly"], CRON, E),
    place(&["etc", "cron.daily"], CRON, E),
    place(&["etc", "cron.weekly"], CRON, E),
    place(&["etc", "cron.monthly"], CRON, E),
    place(&["var", "spool", "cron"], CRON, E),
    place(&["etc", "systemd"], BOOT, E),
    place(&["etc", "init.d"], BOOT, E),
    place(&["etc", "rc.local"], BOOT, E),
    place(&["etc", "ld.so.preload"], LOADER, E),
    place(&["etc", "ld.so.conf"], LOADER, E),
    place(&["etc", "ld.so.conf.d"], LOADER, E),
    place(&["etc", "profile"], LOGIN, E),
    place(&["etc", "profile.d"], LOGIN, E),
    place(&["etc", "bash.bashrc"], LOGIN, E),
    place(&["etc", "environment"], LOGIN, E),
    place(&["etc", "pam.d"], LOGIN, E),
    place(&["etc", "security"], LOGIN, E),
    place(&["etc", "modprobe.d"], KERNEL, E),
    place(&["etc", "modules-load.d"], KERNEL, E),
    place(&["etc", "modules"], KERNEL, E),
    place(
        &["etc", "sysctl.conf"],
        "kernel settings applied at boot",
        E,
    ),
    place(&["etc", "sysctl.d"], "kernel settings applied at boot", E),
    place(
        &["etc", "udev"],
        "device rules that run programs as root",
        E,
    ),
    place(
        &["etc", "docker"],
        "the Docker daemon's configuration and trusted certificates",
        E,
    ),
    place(&["etc", "containerd"], "containerd's configuration", E),
    only(&["etc", "hosts"], "the host's name resolution", REDIRECT),
    only(
        &["etc", "resolv.conf"],
        "the host's name resolution",
        REDIRECT,
    ),
    only(
        &["dev"],
        "every host device node",
        "can create and replace the host's device nodes",
    ),
    only(
        &["var", "log"],
        "the host's logs",
        "can erase or forge the trail an investigation needs",
    ),
    socket(
        &["run", "dbus"],
        "the system D-Bus socket, through which root in the container can ask systemd to run any \
         program on the host",
    ),
    socket(
        &["var", "run", "dbus"],
        "the system D-Bus socket, through which root in the container can ask systemd to run any \
         program on the host",
    ),
    socket_only(
        &["run", "systemd"],
        "systemd's control sockets, which start and stop host services",
    ),
    socket_only(
        &["var", "run", "systemd"],
        "systemd's control sockets, which start and stop host services",
    ),
    socket(
        &["run", "systemd", "private"],
        "systemd's control socket, which starts and stops host services",
    ),
    socket(
        &["var", "run", "systemd", "private"],
        "systemd's control socket, which starts and stops host services",
    ),
    place(&["run", "systemd", "system"], BOOT, E),
    place(&["var", "run", "systemd", "system"], BOOT, E),
    socket(
        &["run", "libvirt"],
        "the libvirt socket, which starts virtual machines with host disks",
    ),
    socket(
        &["var", "run", "libvirt"],
        "the libvirt socket, which starts virtual machines with host disks",
    ),
];

/// Directories other rules report as a whole (K302: the root, `/etc`, `/var`, `/var/lib`, home
/// directories; K303: `/run`, `/var/run`).
fn reported_elsewhere(comps: &[&str]) -> bool {
    matches!(
        comps,
        [] | ["etc"] | ["var"] | ["var", "lib"] | ["run"] | ["var", "run"] | ["home" | "Users"]
    ) || comps.first() == Some(&"~")
}

/// The place a host path is, is inside, or (for a directory) contains; with whether the path is
/// a parent of the place.
fn place_of(path: &HostPath) -> Option<(&'static Place, bool)> {
    let comps: Vec<&str> = path.comps.iter().map(String::as_str).collect();
    if reported_elsewhere(&comps) {
        return None;
    }
    // The most specific place the path is in.
    let inside = PLACES
        .iter()
        .filter(|p| comps.starts_with(p.path) && (!p.exact || comps.len() == p.path.len()))
        .max_by_key(|p| p.path.len());
    if let Some(p) = inside {
        return Some((p, false));
    }
    PLACES
        .iter()
        .find(|p| p.path.starts_with(&comps))
        .map(|p| (p, true))
}

impl Check for HostSystemPathMount {
    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        for service in &cx.project.services {
            for mount in host_mounts(service) {
                let HostSource::Known(path) = &mount.source else {
                    continue;
                };
                if mount.npipe {
                    continue;
                }
                // Sockets are K303's.
                if path
                    .name()
                    .is_some_and(super::k303_docker_socket_mount::is_socket_name)
                {
                    continue;
                }
                let Some((place, parent)) = place_of(path) else {
                    continue;
                };
                if !mount.writable && !place.socket {
                    continue;
                }
                let shown = if mount.source_raw == path.display {
                    format!("`{}`", mount.source_raw)
                } else {
                    format!("`{}` (`{}`)", mount.source_raw, path.display)
                };
                let whose = if parent {
                    format!("it contains `/{}`, which holds", place.path.join("/"))
                } else {
                    "it holds".to_string()
                };
                let (message, help) = if place.socket {
                    (
                        format!(
                            "service `{}` mounts {shown} from the host: {whose} {}; `:ro` does not \
                             help, a socket is used by connecting to it",
                            service.name, place.holds
                        ),
                        "remove the mount; if the service needs one host service, give it a \
                         narrower interface (an API proxy that allows only what it needs)",
                    )
                } else {
                    (
                        format!(
                            "service `{}` mounts {shown} from the host read-write: {whose} {}; a \
                             process in the container that writes there {}",
                            service.name,
                            place.holds,
                            place.then.unwrap_or("gets root on the host")
                        ),
                        "mount it read-only (`:ro` / `read_only: true`), or mount only the files \
                         the service needs",
                    )
                };
                let (file, span) = cx.at(mount.source_loc);
                let finding = out.report_in(file, span, message);
                finding.severity(place.severity).help(help);
                if let Some(via) = mount.via {
                    let (vfile, vspan) = cx.at(via);
                    finding.related(
                        vfile,
                        vspan,
                        format!("this brings the volume into service `{}`", service.name),
                    );
                }
            }
        }
    }
}
