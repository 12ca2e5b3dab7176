//! K206 dangerous-capability: a compose service adds a Linux capability with `cap_add`, graded
//! by what the capability lets a compromised process do to the host.
//!
//! Capabilities the engine grants by default are not reported (adding them back after
//! `cap_drop: [ALL]` is the recommended pattern). The tiers are in `tier`; see
//! `rules/K206-dangerous-capability/README.md`.

use super::k203_privileged_container::{capability_name, note_via};
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
        peer("kics", "Container Capabilities Unrestricted"),
        peer("compose-lint", "CL-0011"),
        peer("compose-lint", "CL-0024"),
        peer("compose-lint", "CL-0027"),
        peer("compose-lint", "CL-0028"),
        peer("compose-lint", "CL-0029"),
        peer("compose-lint", "CL-0030"),
    ],
    fixable: false,
};

pub(crate) struct DangerousCapability;
pub(crate) static RULE: DangerousCapability = DangerousCapability;

/// The capabilities the Docker engine grants a container by default.
const DEFAULTS: &[&str] = &[
    "CHOWN",
    "DAC_OVERRIDE",
    "FSETID",
    "FOWNER",
    "MKNOD",
    "NET_RAW",
    "SETGID",
    "SETUID",
    "SETFCAP",
    "SETPCAP",
    "NET_BIND_SERVICE",
    "SYS_CHROOT",
    "KILL",
    "AUDIT_WRITE",
];

/// The severity of adding a capability, and what it gives a compromised process.
fn tier(name: &str) -> Option<(Severity, &'static str)> {
    use Severity::{Error as E, Info as I, Warning as W};
    Some(match name {
        "ALL" => (
            E,
            "every capability, which is root on the host in all but name",
        ),
        "SYS_ADMIN" => (
            E,
            "mount, namespace and device administration, the classic way out of a container",
        ),
        "SYS_MODULE" => (
            E,
            "loading kernel modules, that is code running in the host's kernel",
        ),
        "SYS_RAWIO" => (
            E,
            "raw I/O ports and memory, bypassing the kernel's protections",
        ),
        "SYS_PTRACE" => (
            E,
            "tracing and injecting code into other processes (the host's, with `pid: host`)",
        ),
        "DAC_READ_SEARCH" => (
            E,
            "opening any host file by handle (`open_by_handle_at`), the known way to read the \
             host's files from a container",
        ),
        "BPF" => (E, "loading eBPF programs into the host's kernel"),
        "MAC_ADMIN" => (
            E,
            "changing or unloading the AppArmor/SELinux policy that confines it",
        ),
        "NET_ADMIN" => (
            W,
            "reconfiguring interfaces, routes and firewall rules of its network namespace (the \
             host's with `network_mode: host`)",
        ),
        "SYS_TIME" => (W, "setting the host's clock, which is not namespaced"),
        "SYSLOG" => (W, "reading the kernel log, which leaks kernel addresses"),
        "PERFMON" => (
            W,
            "kernel performance monitoring, a source of kernel information leaks",
        ),
        "SYS_BOOT" => (
            W,
            "loading a new kernel with `kexec_load` where seccomp allows it",
        ),
        "AUDIT_CONTROL" => (W, "turning the host's audit log off"),
        "MAC_OVERRIDE" => (W, "overriding the mandatory access control policy"),
        "CHECKPOINT_RESTORE" => (W, "checkpoint/restore operations on other processes"),
        "IPC_OWNER" => (
            W,
            "bypassing permission checks on shared memory and message queues",
        ),
        "LINUX_IMMUTABLE" => (I, "changing immutable and append-only file attributes"),
        "SYS_RESOURCE" => (I, "overriding resource limits and quotas"),
        "SYS_NICE" => (I, "raising its scheduling priority over other workloads"),
        "IPC_LOCK" => (I, "locking memory"),
        "LEASE" => (I, "taking file leases"),
        "WAKE_ALARM" | "BLOCK_SUSPEND" => (I, "keeping the host from suspending"),
        "AUDIT_READ" => (I, "reading the audit log"),
        "SYS_PACCT" => (I, "process accounting"),
        "SYS_TTY_CONFIG" => (I, "configuring terminals"),
        "NET_BROADCAST" => (I, "broadcast and multicast networking"),
        _ => return None,
    })
}

impl Check for DangerousCapability {
    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        for service in &cx.project.services {
            for cap in &service.cap_add {
                if !cap.is_determined() {
                    continue;
                }
                let name = capability_name(cap);
                if DEFAULTS.contains(&name.as_str()) {
                    continue;
                }
                let Some((severity, gives)) = tier(&name) else {
                    continue;
                };
                let (file, span) = cx.at(cap.loc);
                let finding = out.report_in(
                    file,
                    span,
                    format!(
                        "service `{}` adds the capability `{}`: it allows {gives}",
                        service.name,
                        cap.value.trim()
                    ),
                );
                finding.severity(severity).help(if name == "ALL" {
                    "list only the capabilities the service needs instead of `ALL`"
                } else {
                    "remove the capability unless the service cannot work without it; if it \
                     must stay, keep the service unprivileged otherwise (`cap_drop: [ALL]`, \
                     `no-new-privileges`, a non-root user) and suppress the finding with a reason"
                });
                note_via(cx, finding, cap.via, service);
            }
        }
    }
}
