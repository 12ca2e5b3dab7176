//! K302 host-credentials-mount: a compose service bind-mounts a host location that holds
//! credentials (`~/.ssh`, `~/.aws`, `/etc/shadow`, …) or a directory that contains them (`/`,
//! `/etc`, a home directory).
//!
//! Volumes are read after anchors, override files and `extends` are merged, in both syntaxes.
//! The host path is interpolated, `~`, `$HOME` and `/home/<user>` are read as a home directory,
//! and the result is compared with a table of sensitive locations, graded by what they hold and
//! by whether the mount is writable. See `rules/K302-host-credentials-mount/README.md`.
//!
//! This file also holds the volume reader K303 uses.

use keelson_model::compose::interpolate::Outcome;
use keelson_model::compose::volumes::is_host_path;
use keelson_model::compose::{ComposeService, Loc, Scalar, Text, Truth, Value, ValueKind};
use keelson_syntax::Span;

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
        peer("compose-lint", "CL-0013"),
        peer("compose-lint", "CL-0025"),
    ],
    fixable: false,
};

pub(crate) struct HostCredentialsMount;
pub(crate) static RULE: HostCredentialsMount = HostCredentialsMount;

impl Check for HostCredentialsMount {
    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        for service in &cx.project.services {
            for mount in host_mounts(service) {
                let HostSource::Known(path) = &mount.source else {
                    continue;
                };
                if mount.npipe {
                    continue;
                }
                let Some(verdict) = judge(path, mount.writable) else {
                    continue;
                };
                let (file, span) = cx.at(mount.source_loc);
                let shown = if mount.source_raw == path.display {
                    format!("`{}`", mount.source_raw)
                } else {
                    format!("`{}` (`{}`)", mount.source_raw, path.display)
                };
                let access = if mount.writable {
                    "read-write"
                } else {
                    "read-only"
                };
                let message = format!(
                    "service `{}` mounts {shown} from the host {access}: {}",
                    service.name, verdict.message
                );
                let finding = out.report_in(file, span, message);
                finding.severity(verdict.severity).help(verdict.help);
                if let Some(via) = mount.via {
                    let (vfile, vspan) = cx.at(via);
                    finding.related(vfile, vspan, "the volume is brought into the service here");
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Reading a service's volumes (shared with K303).

/// A host path after interpolation and normalisation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct HostPath {
    /// Normalised components; a home directory (`~`, `$HOME`, `/home/<user>`, `/root`,
    /// `/Users/<user>`) is the single component `~` at the start.
    pub(super) comps: Vec<String>,
    /// The path for messages (`~/.ssh`, `/etc`).
    pub(super) display: String,
}

impl HostPath {
    /// Reads a host path (`~/.ssh`, `/var/run/`, `C:\Users\me\.ssh`, `//var/run/docker.sock`).
    /// `None` for relative paths and volume names.
    pub(super) fn parse(path: &str) -> Option<HostPath> {
        let path = path.replace('\\', "/");
        let mut rest = path.as_str();
        let mut comps: Vec<String> = Vec::new();
        let mut home = false;
        if let Some(r) = rest.strip_prefix('~') {
            // `~` or `~user/…`: a home directory.
            home = true;
            rest = r.split_once('/').map_or("", |(_, after)| after);
        } else if rest.starts_with('/') {
        } else if rest.len() >= 2 && rest.as_bytes().get(1) == Some(&b':') {
            // A Windows drive (`C:/Users/me`).
            rest = rest.get(2..).unwrap_or("");
        } else {
            return None;
        }
        for part in rest.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    if comps.pop().is_none() && home {
                        // `~/..`: above a home directory is `/home`.
                        home = false;
                        comps.push("home".to_string());
                    }
                }
                p => comps.push(p.to_string()),
            }
        }
        if !home {
            // Absolute home directories.
            let first = comps.first().map(|c| c.to_ascii_lowercase());
            let strip = match first.as_deref() {
                Some("root") => 1,
                Some("home" | "users") if comps.len() >= 2 => 2,
                _ => 0,
            };
            if strip > 0 {
                comps.drain(..strip);
                home = true;
            }
        }
        if home {
            comps.insert(0, "~".to_string());
        }
        let display = match comps.split_first() {
            Some((h, rest)) if h == "~" => {
                let mut d = "~".to_string();
                for c in rest {
                    d.push('/');
                    d.push_str(c);
                }
                d
            }
            _ => format!("/{}", comps.join("/")),
        };
        Some(HostPath { comps, display })
    }

    /// The last component.
    pub(super) fn name(&self) -> Option<&str> {
        self.comps.last().map(String::as_str)
    }
}

/// What the host side of a mount is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum HostSource {
    /// A host path.
    Known(HostPath),
    /// A value that depends on a variable keelson cannot see (a named volume is never one).
    Unknown,
}

/// A service volume that binds something from the host (or may, when its source is unknown).
pub(super) struct HostMount {
    /// The host side.
    pub(super) source: HostSource,
    /// The source as written.
    pub(super) source_raw: String,
    /// Where the source is written (the whole item when it cannot be located more precisely).
    pub(super) source_loc: Loc,
    /// The container path, when known.
    pub(super) target: Option<String>,
    /// Whether the mount is writable (not `ro` / `read_only: true`; unknown counts as writable).
    pub(super) writable: bool,
    /// A Windows named pipe (`type: npipe`, `\\.\pipe\…`).
    pub(super) npipe: bool,
    /// The alias, merge key or `extends` that brought the volume into the service.
    pub(super) via: Option<Loc>,
}

/// The service's volumes that bind host paths, after every merge.
pub(super) fn host_mounts(service: &ComposeService) -> Vec<HostMount> {
    let Some(items) = service.raw("volumes").and_then(Value::as_sequence) else {
        return Vec::new();
    };
    items.iter().filter_map(read_mount).collect()
}

fn read_mount(item: &Value) -> Option<HostMount> {
    match &item.kind {
        ValueKind::Scalar(s) => read_short(item, s),
        ValueKind::Mapping(_) => read_long(item),
        _ => None,
    }
}

/// `SOURCE:TARGET[:OPTIONS]`.
fn read_short(item: &Value, s: &Scalar) -> Option<HostMount> {
    let raw = s.raw.as_str();
    let colons = top_level_colons(raw);
    let first = *colons.first()?;
    let source_raw = raw.get(..first)?;
    let target_end = colons.get(1).copied().unwrap_or(raw.len());
    let target_raw = raw.get(first + 1..target_end)?;
    let options = colons.get(1).and_then(|&c| raw.get(c + 1..)).unwrap_or("");
    let source = substitute(s, Span::new(0, first))?;
    let target = match substitute(s, Span::new(first + 1, target_end)) {
        Some(Sub::Text(t)) => Some(t),
        _ if !target_raw.contains('$') => Some(target_raw.to_string()),
        _ => None,
    };
    let read_only = !options.contains('$') && options.split(',').any(|o| o.trim() == "ro");
    let source_loc = Text::from_value(item).map_or(item.loc, |t| t.loc_of(Span::new(0, first)));
    mount_of(
        source, source_raw, source_loc, target, !read_only, None, item.via,
    )
}

fn read_long(item: &Value) -> Option<HostMount> {
    let ty = item.get("type").and_then(Value::as_str);
    let source_value = item.get("source")?;
    let s = source_value.as_scalar()?;
    let source = substitute(s, Span::new(0, s.raw.len()))?;
    let writable = item.get("read_only").map_or(Truth::False, Value::truth) != Truth::True;
    let target = item
        .get("target")
        .and_then(Value::as_str)
        .map(str::to_string);
    mount_of(
        source,
        &s.raw,
        source_value.loc,
        target,
        writable,
        ty,
        item.via.or(source_value.via),
    )
}

fn mount_of(
    source: Sub,
    source_raw: &str,
    source_loc: Loc,
    target: Option<String>,
    writable: bool,
    ty: Option<&str>,
    via: Option<Loc>,
) -> Option<HostMount> {
    let (source, npipe) = match source {
        Sub::Text(t) => {
            let npipe = ty == Some("npipe") || t.replace('\\', "/").starts_with("//./pipe/");
            let bind = match ty {
                Some("bind" | "npipe") => true,
                Some(_) => false,
                None => is_host_path(&t),
            };
            if !bind {
                return None;
            }
            // `None` for a relative project path: never a finding.
            (HostSource::Known(HostPath::parse(&t)?), npipe)
        }
        Sub::Unknown if matches!(ty, Some(t) if t != "bind") => return None,
        Sub::Unknown => (HostSource::Unknown, false),
    };
    Some(HostMount {
        source,
        source_raw: source_raw.to_string(),
        source_loc,
        target,
        writable,
        npipe,
        via,
    })
}

/// Byte offsets of the `:` separators of a short-syntax volume: outside `${…}`, not a `$$`, not
/// a Windows drive letter's colon.
fn top_level_colons(raw: &str) -> Vec<usize> {
    let bytes = raw.as_bytes();
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    let mut field_start = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'$' if bytes.get(i + 1) == Some(&b'$') => i += 1,
            b'$' if bytes.get(i + 1) == Some(&b'{') => {
                depth += 1;
                i += 1;
            }
            b'}' if depth > 0 => depth -= 1,
            b':' if depth == 0 => {
                let drive = i == field_start + 1
                    && bytes.get(field_start).is_some_and(u8::is_ascii_alphabetic)
                    && matches!(bytes.get(i + 1), Some(b'\\' | b'/'));
                if !drive {
                    out.push(i);
                    field_start = i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// The result of interpolating part of a scalar.
enum Sub {
    Text(String),
    Unknown,
}

/// The interpolated text of `range` of the scalar's raw value. An unresolved `$HOME` /
/// `$USERPROFILE` at the start reads as `~`; any other unresolved variable makes the text
/// unknown. `None` when the range is empty.
fn substitute(s: &Scalar, range: Span) -> Option<Sub> {
    let raw = s.raw.get(range.start()..range.end())?;
    if raw.is_empty() {
        return None;
    }
    let Some(interp) = s.interpolation.as_deref() else {
        return Some(Sub::Text(raw.to_string()));
    };
    if interp.refs.is_empty() && interp.errors.is_empty() {
        return Some(Sub::Text(raw.replace("$$", "$")));
    }
    let mut refs: Vec<_> = interp
        .top_level()
        .filter(|r| r.span.start() >= range.start() && r.span.end() <= range.end())
        .collect();
    refs.sort_by_key(|r| r.span.start());
    let mut text = String::new();
    let mut pos = range.start();
    for r in refs {
        text.push_str(&s.raw.get(pos..r.span.start())?.replace("$$", "$"));
        match r.outcome {
            Outcome::Unresolved | Outcome::Missing => {
                let home = matches!(r.name.as_str(), "HOME" | "USERPROFILE") && text.is_empty();
                if !home {
                    return Some(Sub::Unknown);
                }
                text.push('~');
            }
            _ => text.push_str(&r.value),
        }
        pos = r.span.end();
    }
    text.push_str(&s.raw.get(pos..range.end())?.replace("$$", "$"));
    if interp
        .errors
        .iter()
        .any(|e| e.span.start() < range.end() && e.span.end() > range.start())
    {
        return Some(Sub::Unknown);
    }
    Some(Sub::Text(text))
}

// ---------------------------------------------------------------------------------------------
// The table of sensitive host locations.

/// What one location holds, and how bad mounting it is.
struct Entry {
    /// The path: `~` first for a home directory.
    path: &'static [&'static str],
    /// What it holds, for messages.
    holds: &'static str,
    /// Severity of a writable mount.
    rw: Severity,
    /// Severity of a read-only mount; `None`: a read-only mount is harmless.
    ro: Option<Severity>,
}

const fn entry(
    path: &'static [&'static str],
    holds: &'static str,
    rw: Severity,
    ro: Option<Severity>,
) -> Entry {
    Entry {
        path,
        holds,
        rw,
        ro,
    }
}

const E: Severity = Severity::Error;
const W: Severity = Severity::Warning;

/// Locations whose content is credentials (reading them is the leak, so `:ro` does not help) or
/// host state a writable mount can take over.
const TABLE: &[Entry] = &[
    entry(&["~", ".ssh"], "SSH private keys", E, Some(E)),
    entry(&["~", ".aws"], "AWS access keys", E, Some(E)),
    entry(&["~", ".docker"], "Docker registry credentials", E, Some(E)),
    entry(
        &["~", ".kube"],
        "Kubernetes cluster credentials",
        E,
        Some(E),
    ),
    entry(&["~", ".gnupg"], "GnuPG private keys", E, Some(E)),
    entry(
        &["~", ".config", "gcloud"],
        "Google Cloud credentials",
        E,
        Some(E),
    ),
    entry(&["~", ".azure"], "Azure CLI access tokens", E, Some(E)),
    entry(&["~", ".config", "gh"], "a GitHub CLI token", E, Some(E)),
    entry(&["~", ".oci"], "Oracle Cloud API keys", E, Some(E)),
    entry(&["~", ".password-store"], "a password store", E, Some(E)),
    entry(&["~", ".terraform.d"], "Terraform Cloud tokens", E, Some(E)),
    entry(&["~", ".netrc"], "login passwords", E, Some(E)),
    entry(
        &["~", ".git-credentials"],
        "plain-text Git tokens",
        E,
        Some(E),
    ),
    entry(&["~", ".pypirc"], "PyPI upload credentials", E, Some(E)),
    entry(&["~", ".pgpass"], "PostgreSQL passwords", E, Some(E)),
    entry(
        &["~", ".vault-token"],
        "a HashiCorp Vault token",
        E,
        Some(E),
    ),
    entry(&["~", ".s3cfg"], "AWS keys", E, Some(E)),
    entry(&["~", ".npmrc"], "npm registry tokens, usually", W, Some(W)),
    entry(&["etc", "shadow"], "the host's password hashes", E, Some(E)),
    entry(
        &["etc", "gshadow"],
        "the host's password hashes",
        E,
        Some(E),
    ),
    entry(
        &["etc", "ssh"],
        "the host's SSH host private keys",
        E,
        Some(E),
    ),
    entry(
        &["etc", "kubernetes"],
        "Kubernetes control-plane credentials",
        E,
        Some(E),
    ),
    entry(
        &["var", "lib", "kubelet"],
        "the kubelet's credentials and every pod's secrets",
        E,
        Some(W),
    ),
    entry(
        &["var", "lib", "docker"],
        "every container's files, volumes and configuration",
        E,
        Some(W),
    ),
    entry(
        &["var", "lib", "containerd"],
        "every container's files",
        E,
        Some(W),
    ),
    entry(
        &["proc"],
        "the environment and command line of every host process",
        E,
        Some(W),
    ),
    entry(&["etc", "sudoers"], "the host's sudo rules", E, None),
    entry(&["etc", "sudoers.d"], "the host's sudo rules", E, None),
    entry(&["etc", "passwd"], "the host's accounts", E, None),
    entry(&["etc", "group"], "the host's groups", E, None),
    entry(&["sys"], "kernel and cgroup settings", E, None),
];

/// A verdict on one mount.
struct Verdict {
    severity: Severity,
    message: String,
    help: &'static str,
}

const HELP_CREDENTIALS: &str =
    "do not hand the host's credentials to a container: give the service only the secret it \
     needs through compose `secrets:` (a file kept outside your home directory, mounted at \
     /run/secrets/<name>), or use a dedicated, narrowly scoped credential";
const HELP_BROAD: &str =
    "mount only the files the service needs, read-only (`:ro`), instead of a whole host \
     directory; if this is a monitoring agent that must see the host, keep it read-only and \
     suppress the finding with a reason";
const HELP_WRITABLE: &str =
    "mount it read-only (`:ro` / `read_only: true`), or better, not at all: a container \
     that can write here can take over the host";

fn judge(path: &HostPath, writable: bool) -> Option<Verdict> {
    let comps: Vec<&str> = path.comps.iter().map(String::as_str).collect();
    // Sockets are K303's.
    if path
        .name()
        .is_some_and(super::k303_docker_socket_mount::is_socket_name)
    {
        return None;
    }
    // The location itself, or something inside it.
    if let Some(e) = TABLE.iter().find(|e| starts_with(&comps, e.path)) {
        let inside = comps.get(e.path.len()..).unwrap_or(&[]);
        if harmless_inside(e.path, inside, writable) {
            return None;
        }
        let severity = if writable { e.rw } else { e.ro? };
        let place = if inside.is_empty() {
            "it".to_string()
        } else {
            format!("it is inside `{}`, which", display(e.path))
        };
        let (consequence, help) = match (e.ro, writable) {
            (Some(Severity::Error), false) => (
                "anything running in the container can read and copy them, and `:ro` does not \
                 change that",
                HELP_CREDENTIALS,
            ),
            (Some(Severity::Error), true) => (
                "anything running in the container can read, copy and replace them",
                HELP_CREDENTIALS,
            ),
            (_, true) => (
                "a container that can write there controls the host",
                HELP_WRITABLE,
            ),
            (_, false) => (
                "anything running in the container can read them",
                HELP_BROAD,
            ),
        };
        return Some(Verdict {
            severity,
            message: format!("{place} holds {}; {consequence}", e.holds),
            help,
        });
    }
    // A directory that contains such locations.
    let mut holds: Vec<&str> = Vec::new();
    for e in TABLE.iter().filter(|e| contains(&comps, e.path)) {
        if !holds.contains(&e.holds) {
            holds.push(e.holds);
        }
    }
    if holds.is_empty() {
        return None;
    }
    let what = match comps.as_slice() {
        [] => "it is the host's whole file system, with its password hashes, SSH host keys and \
               every user's credentials"
            .to_string(),
        ["~"] => {
            "it is a home directory, with its SSH keys, cloud credentials and tokens".to_string()
        }
        [home] if home.eq_ignore_ascii_case("home") || home.eq_ignore_ascii_case("users") => {
            "it holds every user's home directory, with their SSH keys and cloud credentials"
                .to_string()
        }
        _ => {
            holds.truncate(3);
            format!("it contains {}", holds.join(", "))
        }
    };
    Some(if writable {
        Verdict {
            severity: Severity::Error,
            message: format!(
                "{what}; a container that can write there can take over the host, and can read \
                 every credential in it"
            ),
            help: HELP_WRITABLE,
        }
    } else {
        Verdict {
            severity: Severity::Warning,
            message: format!(
                "{what}; anything running in the container can read the credentials in it"
            ),
            help: HELP_BROAD,
        }
    })
}

/// Files inside a sensitive location that are harmless to mount.
fn harmless_inside(entry: &[&str], inside: &[&str], writable: bool) -> bool {
    let Some(first) = inside.first() else {
        return false;
    };
    let public = first.ends_with(".pub") || matches!(*first, "known_hosts" | "ssh_known_hosts");
    match entry {
        ["~", ".ssh"] => {
            public
                || (!writable
                    && matches!(*first, "config" | "authorized_keys" | "authorized_keys2"))
        }
        // Only the host keys are secret; `ssh_config`, `moduli` and the public keys are not.
        ["etc", "ssh"] => public || (!writable && !first.ends_with("_key")),
        // One named volume's data (`/var/lib/docker/volumes/<name>/_data`).
        ["var", "lib", "docker"] => *first == "volumes" && inside.len() >= 2,
        // A single file such as `/proc/cpuinfo`, read-only.
        ["proc"] => !writable,
        // Writable `/sys` matters for the cgroup and kernel trees, not for GPIO or device files.
        ["sys"] => !matches!(*first, "fs" | "kernel"),
        ["etc", "passwd" | "group"] => true,
        _ => false,
    }
}

/// Whether host path `dir` is a directory that strictly contains location `path`.
fn contains(dir: &[&str], path: &[&str]) -> bool {
    if dir.len() >= path.len() {
        return false;
    }
    match (dir.first(), path.first()) {
        (Some(&"~"), Some(&"~")) => starts_with(path, dir),
        // An absolute directory that holds home directories.
        (_, Some(&"~")) => match dir {
            [] => true,
            [d] => d.eq_ignore_ascii_case("home") || d.eq_ignore_ascii_case("users"),
            _ => false,
        },
        (Some(&"~"), _) => false,
        _ => starts_with(path, dir),
    }
}

fn starts_with(path: &[&str], prefix: &[&str]) -> bool {
    path.len() >= prefix.len() && path.iter().zip(prefix).all(|(a, b)| a == b)
}

fn display(path: &[&str]) -> String {
    match path.split_first() {
        Some((&"~", rest)) => std::iter::once("~")
            .chain(rest.iter().copied())
            .collect::<Vec<_>>()
            .join("/"),
        _ => format!("/{}", path.join("/")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(path: &str, writable: bool) -> Option<Severity> {
        HostPath::parse(path)
            .and_then(|p| judge(&p, writable))
            .map(|v| v.severity)
    }

    #[test]
    fn host_paths() {
        let d = |p: &str| HostPath::parse(p).map(|h| h.display);
        assert_eq!(d("~/.ssh/"), Some("~/.ssh".into()));
        assert_eq!(d("/home/alice/.aws"), Some("~/.aws".into()));
        assert_eq!(d("/root"), Some("~".into()));
        assert_eq!(d("/home"), Some("/home".into()));
        assert_eq!(d("C:\\Users\\me\\.ssh"), Some("~/.ssh".into()));
        assert_eq!(
            d("//var/run/docker.sock"),
            Some("/var/run/docker.sock".into())
        );
        assert_eq!(d("/etc/../etc/./shadow"), Some("/etc/shadow".into()));
        assert_eq!(d("/"), Some("/".into()));
        assert_eq!(d("./data"), None);
        assert_eq!(d("data"), None);
    }

    #[test]
    fn table() {
        assert_eq!(verdict("~/.ssh", false), Some(E));
        assert_eq!(verdict("~/.ssh/known_hosts", false), None);
        assert_eq!(verdict("~/.ssh/id_rsa", false), Some(E));
        assert_eq!(verdict("/etc/shadow", false), Some(E));
        assert_eq!(verdict("/etc/passwd", false), None);
        assert_eq!(verdict("/etc/passwd", true), Some(E));
        assert_eq!(verdict("/etc/localtime", true), None);
        assert_eq!(verdict("/", false), Some(W));
        assert_eq!(verdict("/", true), Some(E));
        assert_eq!(verdict("/etc", false), Some(W));
        assert_eq!(verdict("/home", false), Some(W));
        assert_eq!(verdict("/home/bob", true), Some(E));
        assert_eq!(verdict("/var/lib/docker/containers", false), Some(W));
        assert_eq!(verdict("/var/lib/docker/volumes/db/_data", true), None);
        assert_eq!(verdict("/proc", false), Some(W));
        assert_eq!(verdict("/sys", false), None);
        assert_eq!(verdict("/sys/class/gpio", true), None);
        assert_eq!(verdict("/var/run/docker.sock", true), None);
        assert_eq!(verdict("/var/log", false), None);
        assert_eq!(verdict("/etc/ssh/sshd_config", false), None);
        assert_eq!(verdict("/etc/ssh", false), Some(E));
        assert_eq!(verdict("~/.config", false), Some(W));
        assert_eq!(verdict("/opt/app/data", true), None);
    }
}
