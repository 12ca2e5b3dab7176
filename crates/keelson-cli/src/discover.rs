//! Which files a `check` run lints.

use std::path::{Path, PathBuf};

use keelson_core::{kind_from_name, FileKind};

/// A file to lint and how it was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// The path as given or found.
    pub path: PathBuf,
    /// The kind, when the name tells it (explicit files may need their content sniffed).
    pub kind: Option<FileKind>,
    /// Whether the user named this file explicitly.
    pub explicit: bool,
}

/// Expands paths into lint targets: files as given, directories searched recursively (honouring
/// `.gitignore`, `.ignore` and the global git excludes; hidden directories such as
/// `.devcontainer` are searched, `.git` is not). Results are sorted and deduplicated.
pub fn discover(paths: &[PathBuf]) -> (Vec<Target>, Vec<(PathBuf, String)>) {
    let mut targets = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.is_dir() {
            let walker = ignore::WalkBuilder::new(path)
                .hidden(false)
                .require_git(false)
                .filter_entry(|e| e.file_name() != ".git")
                .build();
            for entry in walker {
                match entry {
                    Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                        if let Some(kind) = kind_from_name(e.path()) {
                            if !is_covered_override(e.path()) {
                                targets.push(Target {
                                    path: clean(e.path()),
                                    kind: Some(kind),
                                    explicit: false,
                                });
                            }
                        }
                    }
                    Ok(_) => {}
                    Err(err) => errors.push((path.clone(), err.to_string())),
                }
            }
        } else if path.exists() {
            targets.push(Target {
                path: path.clone(),
                kind: kind_from_name(path),
                explicit: true,
            });
        } else {
            errors.push((path.clone(), "no such file or directory".to_string()));
        }
    }
    targets.sort_by(|a, b| a.path.cmp(&b.path));
    targets.dedup_by(|a, b| a.path == b.path);
    (targets, errors)
}

/// `./x` → `x`, so paths print the way users type them.
fn clean(path: &Path) -> PathBuf {
    path.strip_prefix("./").unwrap_or(path).to_path_buf()
}

/// An override file (`compose.override.yaml`) whose base file sits beside it is linted as part
/// of the base project, not on its own (alone it is a fragment).
fn is_covered_override(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    for (over, bases) in [
        (
            "compose.override.yaml",
            &["compose.yaml", "compose.yml"][..],
        ),
        ("compose.override.yml", &["compose.yml", "compose.yaml"][..]),
        (
            "docker-compose.override.yml",
            &["docker-compose.yml", "docker-compose.yaml"][..],
        ),
        (
            "docker-compose.override.yaml",
            &["docker-compose.yaml", "docker-compose.yml"][..],
        ),
    ] {
        if name == over {
            return bases.iter().any(|b| dir.join(b).is_file());
        }
    }
    false
}
