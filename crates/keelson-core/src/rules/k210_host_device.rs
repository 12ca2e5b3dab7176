//! K210 host-device: a compose service is given a host device that reaches the host's memory,
//! disks or kernel (`devices: [/dev/mem]`, `/dev/sda`, `/dev/kvm`, …), or a
//! `device_cgroup_rules` entry that allows every device of a kind. Ordinary hardware
//! pass-through (GPUs, sound, video, serial and USB adapters) is not reported. See
//! `rules/K210-host-device/README.md`.

use keelson_model::compose::{Device, Text, Value};

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
    peers: &[peer("compose-lint", "CL-0016")],
    fixable: false,
};

pub(crate) struct HostDevice;
pub(crate) static RULE: HostDevice = HostDevice;

/// Whether `name` is `prefix` followed by something that starts with a digit or a letter
/// (`sda`, `nvme0n1`, `loop3`).
fn numbered(name: &str, prefix: &str) -> bool {
    name.strip_prefix(prefix).is_some_and(|rest| {
        rest.chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric())
    })
}

/// The severity of handing the host device at `path` to a container, and what it gives.
pub(super) fn judge_device(path: &str) -> Option<(Severity, &'static str)> {
    use Severity::{Error as E, Info as I, Warning as W};
    let path = path.trim().trim_end_matches('/');
    let rel = path.strip_prefix("/dev/")?;
    let name = rel.rsplit('/').next().unwrap_or(rel);
    Some(match rel {
        "mem" | "kmem" | "port" => (E, "raw access to the host's physical memory or I/O ports"),
        _ if rel.starts_with("cpu/") && name == "msr" => {
            (E, "the host CPU's model-specific registers")
        }
        _ if rel.starts_with("disk/") || rel.starts_with("mapper/") => {
            (E, "a host disk: every file on it, past all permissions")
        }
        _ if ["sd", "hd", "vd", "xvd", "nvme", "mmcblk", "dm-", "md", "sg"]
            .iter()
            .any(|p| numbered(name, p))
            && !rel.contains('/') =>
        {
            (E, "a host disk: every file on it, past all permissions")
        }
        "kvm" => (W, "the host's hypervisor, a large kernel attack surface"),
        "loop-control" => (W, "attaching files as block devices"),
        _ if numbered(name, "loop") && !rel.contains('/') => {
            (W, "a loop block device, which may hold a host disk image")
        }
        "vhost-net" | "vhost-vsock" => (W, "kernel virtio back-ends"),
        "watchdog" | "watchdog0" => (W, "the host's watchdog, which reboots it"),
        _ if rel.starts_with("input/") => (W, "the host's keyboards and mice (keystrokes)"),
        "console" | "tty0" => (W, "the host's console"),
        "fuse" => (
            I,
            "FUSE file systems (mounting them also needs `SYS_ADMIN`)",
        ),
        "net/tun" => (I, "creating network tunnels"),
        _ => return None,
    })
}

impl Check for HostDevice {
    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        for service in &cx.project.services {
            for device in &service.devices {
                report_device(cx, out, service, device);
            }
            report_cgroup_rules(cx, out, service);
        }
    }
}

fn report_device(
    cx: &ComposeContext<'_>,
    out: &mut Reporter<'_>,
    service: &keelson_model::compose::ComposeService,
    device: &Device,
) {
    if device.text.as_ref().is_some_and(|t| !t.is_determined()) {
        return;
    }
    let Some(source) = &device.source else {
        return;
    };
    let Some((severity, gives)) = judge_device(source) else {
        return;
    };
    let (file, span) = cx.at(device.loc);
    let finding = out.report_in(
        file,
        span,
        format!(
            "service `{}` is given the host device `{}`: {gives}",
            service.name,
            source.trim()
        ),
    );
    finding.severity(severity).help(
        "remove the device; if the service must manage disks or hardware, run it on a \
         dedicated host and suppress the finding with a reason",
    );
    note_via(cx, finding, device.via, service);
}

/// `device_cgroup_rules: ['a *:* rwm']`: every device of a kind is allowed.
fn report_cgroup_rules(
    cx: &ComposeContext<'_>,
    out: &mut Reporter<'_>,
    service: &keelson_model::compose::ComposeService,
) {
    let Some(items) = service
        .raw("device_cgroup_rules")
        .and_then(Value::as_sequence)
    else {
        return;
    };
    for item in items {
        let Some(text) = Text::from_value(item) else {
            continue;
        };
        if !text.is_determined() {
            continue;
        }
        let mut words = text.value.split_whitespace();
        let (Some(kind), Some(numbers)) = (words.next(), words.next()) else {
            continue;
        };
        let major_any = numbers.split(':').next() == Some("*");
        let (severity, what) = match kind {
            "a" => (Severity::Error, "every host device"),
            "b" if major_any => (Severity::Error, "every host block device (the disks)"),
            "c" if major_any => (
                Severity::Warning,
                "every host character device (including `/dev/mem`)",
            ),
            _ => continue,
        };
        let (file, span) = cx.at(text.loc);
        let finding = out.report_in(
            file,
            span,
            format!(
                "service `{}` allows {what} with the device cgroup rule `{}`: a device node \
                 created in the container reaches the host's hardware",
                service.name,
                text.value.trim()
            ),
        );
        finding
            .severity(severity)
            .help("allow only the device numbers the service needs (`c 189:* rwm` for USB, say)");
        note_via(cx, finding, text.via, service);
    }
}
