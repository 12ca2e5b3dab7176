//! Compose file names: which files are compose files, and which override file goes with one.

use std::path::{Path, PathBuf};

/// The default file names Compose looks for, in its order of preference.
pub const DEFAULT_FILE_NAMES: [&str; 4] = [
    "compose.yaml",
    "compose.yml",
    "docker-compose.yml",
    "docker-compose.yaml",
];

/// The override file names Compose merges onto a default file, in compose-go's order.
pub const OVERRIDE_FILE_NAMES: [&str; 4] = [
    "compose.override.yml",
    "compose.override.yaml",
    "docker-compose.override.yml",
    "docker-compose.override.yaml",
];

/// Whether `name` (a file name, not a path) is a compose file name: `compose.yaml`,
/// `compose.yml`, `compose.<anything>.y(a)ml`, or `docker-compose<anything>.y(a)ml`.
///
/// Case-sensitive, like Compose on Linux (it looks these names up exactly; `Compose.yaml` is not
/// found by `docker compose` there).
pub fn is_compose_file_name(name: &str) -> bool {
    let Some(stem) = name
        .strip_suffix(".yaml")
        .or_else(|| name.strip_suffix(".yml"))
    else {
        return false;
    };
    stem == "compose"
        || (stem.starts_with("compose.") && stem.len() > "compose.".len())
        || stem.starts_with("docker-compose")
}

/// Whether `text` looks like a compose file: a top-level `services:` key (or `include:`, which
/// a compose file may have instead). For files named explicitly whose name says nothing.
pub fn looks_like_compose(text: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.lines().any(|line| {
        let line = line.trim_end();
        ["services", "include"].iter().any(|key| {
            line.strip_prefix(key).is_some_and(|rest| {
                let rest = rest.trim_start_matches([' ', '\t']);
                rest.strip_prefix(':').is_some_and(|after| {
                    after
                        .chars()
                        .next()
                        .is_none_or(|c| c == ' ' || c == '\t' || c == '#')
                })
            }) || line
                .strip_prefix(['"', '\''])
                .and_then(|l| l.strip_prefix(key))
                .is_some_and(|rest| rest.starts_with(['"', '\'']))
        })
    })
}

/// The override files Compose would merge onto `path`, most likely first: only when `path` is
/// one of the [`DEFAULT_FILE_NAMES`]; the override with the same stem and extension comes first,
/// then the others in compose-go's order.
pub fn override_candidates(path: &Path) -> Vec<PathBuf> {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return Vec::new();
    };
    if !DEFAULT_FILE_NAMES.contains(&name) {
        return Vec::new();
    }
    let dir = path.parent().unwrap_or(Path::new(""));
    let matching = name
        .rsplit_once('.')
        .map(|(stem, ext)| format!("{stem}.override.{ext}"));
    let mut out = Vec::new();
    if let Some(m) = &matching {
        out.push(dir.join(m));
    }
    for o in OVERRIDE_FILE_NAMES {
        if matching.as_deref() != Some(o) {
            out.push(dir.join(o));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compose_names() {
        for n in [
            "compose.yaml",
            "compose.yml",
            "compose.prod.yaml",
            "compose.override.yml",
            "docker-compose.yml",
            "docker-compose.yaml",
            "docker-compose.dev.yml",
            "docker-compose-prod.yml",
        ] {
            assert!(is_compose_file_name(n), "{n}");
        }
        for n in [
            "Compose.yaml",
            "compose.json",
            "compose.",
            "compose..yml",
            "mycompose.yml",
            "docker-compose",
            "values.yaml",
        ] {
            assert!(!is_compose_file_name(n), "{n}");
        }
    }

    #[test]
    fn sniffing() {
        assert!(looks_like_compose("version: '3'\nservices:\n  web:\n"));
        assert!(looks_like_compose("services: {}\n"));
        assert!(looks_like_compose("include:\n  - a.yml\n"));
        assert!(!looks_like_compose("apiVersion: v1\nkind: Pod\n"));
        assert!(!looks_like_compose("  services:\n"));
        assert!(!looks_like_compose("servicesx: 1\n"));
    }

    #[test]
    fn overrides() {
        let c = override_candidates(Path::new("/p/docker-compose.yml"));
        assert_eq!(c[0], Path::new("/p/docker-compose.override.yml"));
        assert_eq!(c.len(), 4);
        assert!(override_candidates(Path::new("/p/compose.prod.yml")).is_empty());
        assert!(override_candidates(Path::new("/p/compose.override.yml")).is_empty());
    }
}
