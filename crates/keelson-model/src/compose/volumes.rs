//! Service `volumes`: short syntax (`./src:/app:ro,z`, `data:/var/lib/x`, `~/.ssh:/root/.ssh`,
//! `/anonymous`) and long syntax (`type`, `source`, `target`, `read_only`, `bind`, `tmpfs`),
//! normalised to [`VolumeMount`] the way compose-go's `ParseVolume` reads them.

use super::issue::{ComposeIssue, IssueKind};
use super::loc::Loc;
use super::text::Text;
use super::value::{Truth, Value, ValueKind};

/// The mount types of the compose spec.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum VolumeKind {
    /// A host path (`./src`, `/var/run/docker.sock`, `~/.ssh`, `C:\data`).
    Bind,
    /// A named or anonymous volume.
    Volume,
    /// A tmpfs mount.
    Tmpfs,
    /// A Windows named pipe.
    Npipe,
    /// A cluster volume.
    Cluster,
    /// An image mounted as a volume.
    Image,
    /// Any other `type:` value.
    Other(String),
}

impl VolumeKind {
    fn from_type(t: &str) -> VolumeKind {
        match t {
            "bind" => VolumeKind::Bind,
            "volume" => VolumeKind::Volume,
            "tmpfs" => VolumeKind::Tmpfs,
            "npipe" => VolumeKind::Npipe,
            "cluster" => VolumeKind::Cluster,
            "image" => VolumeKind::Image,
            other => VolumeKind::Other(other.to_string()),
        }
    }
}

/// One entry of a service's `volumes`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VolumeMount {
    /// The mount type.
    pub kind: VolumeKind,
    /// The host path (bind) or volume name (volume); `None` for an anonymous volume or tmpfs.
    pub source: Option<String>,
    /// The path in the container.
    pub target: Option<String>,
    /// `ro` / `read_only: true`. [`Truth::False`] when not set.
    pub read_only: Truth,
    /// Bind propagation (`shared`, `rshared`, `slave`, `rslave`, `private`, `rprivate`).
    pub propagation: Option<String>,
    /// SELinux relabelling: `z` or `Z`.
    pub selinux: Option<String>,
    /// Short-syntax options after the second `:` as written (`ro`, `z`, `cached`, `nocopy`, …).
    pub options: Vec<String>,
    /// Long syntax `tmpfs.mode`.
    pub tmpfs_mode: Option<String>,
    /// Long syntax `tmpfs.size`.
    pub tmpfs_size: Option<String>,
    /// Long syntax `bind.create_host_path` (the short syntax creates host paths).
    pub create_host_path: Option<Truth>,
    /// The whole item (the string, or the long-syntax mapping).
    pub loc: Loc,
    /// The alias, merge key or `extends` that brought the item in, if any.
    pub via: Option<Loc>,
    /// The short-syntax string, when the short syntax was used.
    pub text: Option<Text>,
    /// Whether every variable the item depends on was resolved.
    pub determined: bool,
}

impl VolumeMount {
    /// Whether the mount is writable from the container (not read-only).
    pub fn is_writable(&self) -> bool {
        self.read_only != Truth::True
    }
}

/// Whether a short-syntax source is a host path rather than a volume name (compose-go's
/// `isFilePath`): it starts with `.`, `/` or `~`, is a `\\` pipe, or a Windows drive `C:`.
pub fn is_host_path(source: &str) -> bool {
    let mut chars = source.chars();
    match chars.next() {
        None => false,
        Some('.' | '/' | '~') => true,
        Some('\\') => source.starts_with("\\\\"),
        Some(c) => c.is_alphabetic() && chars.next() == Some(':'),
    }
}

/// The parts of a short-syntax volume.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ShortVolume {
    /// Source (host path or volume name); `None` for an anonymous volume.
    pub source: Option<String>,
    /// Target path.
    pub target: String,
    /// Options after the second colon, split on `,`.
    pub options: Vec<String>,
}

/// Splits a short-syntax volume `[SOURCE:]TARGET[:OPTIONS]`, keeping Windows drive letters
/// (`C:\data:/data`) together.
pub fn parse_short_volume(spec: &str) -> Result<ShortVolume, String> {
    if spec.is_empty() {
        return Err("empty volume".to_string());
    }
    if spec.chars().count() <= 2 {
        return Ok(ShortVolume {
            source: None,
            target: spec.to_string(),
            options: Vec::new(),
        });
    }
    let mut fields: Vec<String> = Vec::new();
    let mut buffer = String::new();
    for c in spec.chars() {
        let drive =
            c == ':' && buffer.chars().count() == 1 && buffer.chars().all(char::is_alphabetic);
        if c == ':' && !drive {
            if buffer.is_empty() {
                return Err(format!("`{spec}`: empty section between colons"));
            }
            fields.push(std::mem::take(&mut buffer));
        } else {
            buffer.push(c);
        }
    }
    if buffer.is_empty() {
        return Err(format!("`{spec}`: ends with a colon"));
    }
    fields.push(buffer);
    let mut it = fields.into_iter();
    match (it.next(), it.next(), it.next(), it.next()) {
        (Some(t), None, None, None) => Ok(ShortVolume {
            source: None,
            target: t,
            options: Vec::new(),
        }),
        (Some(s), Some(t), None, None) => Ok(ShortVolume {
            source: Some(s),
            target: t,
            options: Vec::new(),
        }),
        (Some(s), Some(t), Some(o), None) => Ok(ShortVolume {
            source: Some(s),
            target: t,
            options: o.split(',').map(str::to_string).collect(),
        }),
        _ => Err(format!("`{spec}`: too many colons")),
    }
}

const PROPAGATIONS: [&str; 6] = [
    "shared", "rshared", "slave", "rslave", "private", "rprivate",
];

/// Reads one item of `volumes`.
pub(crate) fn volume_mount(item: &Value, issues: &mut Vec<ComposeIssue>) -> Option<VolumeMount> {
    match &item.kind {
        ValueKind::Scalar(s) => {
            let determined = s.is_determined();
            let short = match parse_short_volume(&s.value) {
                Ok(v) => v,
                Err(message) => {
                    if determined {
                        issues.push(ComposeIssue::new(
                            IssueKind::WrongType,
                            item.loc,
                            format!("invalid volume {message}"),
                        ));
                    }
                    return None;
                }
            };
            let mut read_only = Truth::False;
            let mut propagation = None;
            let mut selinux = None;
            for o in &short.options {
                match o.as_str() {
                    "ro" => read_only = Truth::True,
                    "rw" => read_only = Truth::False,
                    "z" | "Z" => selinux = Some(o.clone()),
                    p if PROPAGATIONS.contains(&p) => propagation = Some(o.clone()),
                    _ => {}
                }
            }
            let kind = match &short.source {
                Some(src) if is_host_path(src) => VolumeKind::Bind,
                _ => VolumeKind::Volume,
            };
            let create_host_path = (kind == VolumeKind::Bind).then_some(Truth::True);
            Some(VolumeMount {
                kind,
                source: short.source,
                target: Some(short.target),
                read_only,
                propagation,
                selinux,
                options: short.options,
                tmpfs_mode: None,
                tmpfs_size: None,
                create_host_path,
                loc: item.loc,
                via: item.via,
                text: Text::from_value(item),
                determined,
            })
        }
        ValueKind::Mapping(_) => {
            let field = |path: &[&str]| item.path(path).and_then(Text::from_value);
            let ty = field(&["type"]);
            let source = field(&["source"]);
            let target = field(&["target"]);
            let determined = [&ty, &source, &target]
                .iter()
                .all(|t| t.as_ref().is_none_or(Text::is_determined));
            let kind = match ty.as_ref().map(Text::as_str) {
                Some(t) => VolumeKind::from_type(t),
                // compose-go requires `type`; infer it like the short syntax does.
                None => match source.as_ref().map(Text::as_str) {
                    Some(s) if is_host_path(s) => VolumeKind::Bind,
                    _ => VolumeKind::Volume,
                },
            };
            let read_only = item.get("read_only").map_or(Truth::False, Value::truth);
            Some(VolumeMount {
                kind,
                source: source.map(|t| t.value).filter(|s| !s.is_empty()),
                target: target.map(|t| t.value),
                read_only,
                propagation: field(&["bind", "propagation"]).map(|t| t.value),
                selinux: field(&["bind", "selinux"]).map(|t| t.value),
                options: Vec::new(),
                tmpfs_mode: field(&["tmpfs", "mode"]).map(|t| t.value),
                tmpfs_size: field(&["tmpfs", "size"]).map(|t| t.value),
                create_host_path: item.path(&["bind", "create_host_path"]).map(Value::truth),
                loc: item.loc,
                via: item.via,
                text: None,
                determined,
            })
        }
        ValueKind::Null => None,
        ValueKind::Sequence(_) => {
            issues.push(ComposeIssue::new(
                IssueKind::WrongType,
                item.loc,
                "a volume must be a string or a mapping, not a sequence",
            ));
            None
        }
    }
}

/// The merge key Compose uses for `volumes` (the target path) of an item, if it has one.
pub(crate) fn volume_target(item: &Value) -> Option<String> {
    match &item.kind {
        ValueKind::Scalar(s) => parse_short_volume(&s.value).ok().map(|v| v.target),
        ValueKind::Mapping(_) => item
            .get("target")
            .and_then(Value::as_str)
            .map(str::to_string),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_syntax_table() {
        let ok = |s: &str| parse_short_volume(s).unwrap_or_else(|e| panic!("{s}: {e}"));
        let v = ok("./src:/app:ro,z");
        assert_eq!(v.source.as_deref(), Some("./src"));
        assert_eq!(v.target, "/app");
        assert_eq!(v.options, ["ro", "z"]);
        let v = ok("/data");
        assert_eq!((v.source, v.target.as_str()), (None, "/data"));
        let v = ok("data:/var/lib/x");
        assert_eq!(v.source.as_deref(), Some("data"));
        let v = ok("~/.ssh:/root/.ssh");
        assert_eq!(v.source.as_deref(), Some("~/.ssh"));
        let v = ok("C:\\data:/data:rw");
        assert_eq!(v.source.as_deref(), Some("C:\\data"));
        assert_eq!(v.target, "/data");
        assert!(parse_short_volume("ab::c").is_err());
        assert!(parse_short_volume("ab:cd:ef:gh").is_err());
        assert!(parse_short_volume("").is_err());
    }

    #[test]
    fn host_paths() {
        for p in ["./x", "/x", "~/x", ".", "C:\\x", "\\\\.\\pipe\\x"] {
            assert!(is_host_path(p), "{p}");
        }
        for p in ["data", "my_vol", "", "\\x"] {
            assert!(!is_host_path(p), "{p}");
        }
    }
}
