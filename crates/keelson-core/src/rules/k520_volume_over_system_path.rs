//! K520 volume-over-system-path: `VOLUME` declared over `/`, `/etc`, `/usr`, `/bin` or another
//! system directory. See `rules/K520-volume-over-system-path/README.md`.

use keelson_syntax::dockerfile::InstructionArgs;

use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Immutability,
    severity: Severity::Warning,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    peers: &[],
    fixable: false,
};

pub(crate) struct VolumeOverSystemPath;
pub(crate) static RULE: VolumeOverSystemPath = VolumeOverSystemPath;

/// Directories whose contents belong to the image: a volume here replaces them with writable,
/// persistent storage (exact paths).
const EXACT: &[&str] = &[
    "/",
    "/etc",
    "/usr",
    "/usr/local",
    "/var",
    "/opt",
    "/var/lib",
];

/// Directories that hold programs and libraries (and everything below them). `/proc`, `/sys`
/// and `/dev` are left out: they hold no files of the image, and `VOLUME /sys/fs/cgroup` is the
/// documented way to run systemd in a container.
const TREES: &[&str] = &[
    "/bin",
    "/sbin",
    "/lib",
    "/lib32",
    "/lib64",
    "/libx32",
    "/boot",
    "/usr/bin",
    "/usr/sbin",
    "/usr/lib",
    "/usr/lib64",
    "/usr/libexec",
    "/usr/local/bin",
    "/usr/local/sbin",
    "/usr/local/lib",
];

impl Check for VolumeOverSystemPath {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for ins in cx.syntax.instructions() {
            let InstructionArgs::Volume(list) = &ins.view else {
                continue;
            };
            let Some(id) = cx.model.id_of(ins) else {
                continue;
            };
            for word in &list.words {
                let expansion = cx.model.expand_at(id, &word.raw);
                let Some(value) = expansion.resolved() else {
                    continue;
                };
                let fields: Vec<&str> = if list.exec_form {
                    vec![value]
                } else {
                    value.split_whitespace().collect()
                };
                for field in fields.into_iter().filter(|f| f.starts_with('/')) {
                    let path = clean(field);
                    let hit = EXACT.contains(&path.as_str())
                        || TREES.iter().any(|t| {
                            path == *t || path.strip_prefix(t).is_some_and(|r| r.starts_with('/'))
                        });
                    if !hit {
                        continue;
                    }
                    out.report(
                        word.span,
                        format!(
                            "`VOLUME {path}` turns a system directory into a volume: whatever is mounted \
                             there replaces the image's files, and changes made by the container survive \
                             it, so the image is no longer what runs"
                        ),
                    )
                    .help("declare volumes only for data directories (`/data`, `/var/lib/<app>`) and keep programs and configuration in the image");
                }
            }
        }
    }
}

/// `path` without trailing slashes, `.` and empty components (`/usr/` → `/usr`).
fn clean(path: &str) -> String {
    let parts: Vec<&str> = path
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    format!("/{}", parts.join("/"))
}
