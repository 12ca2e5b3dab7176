//! Which files keelson lints: recognition by name and, for files named explicitly, by content.

use std::path::Path;

use crate::rule::FileKind;

/// The kind of file `path` is by its name alone, or `None` when the name says nothing.
///
/// Dockerfiles: `Dockerfile`, `Dockerfile.*`, `*.Dockerfile`, `*.dockerfile`, `Containerfile`,
/// `Containerfile.*`, `*.Containerfile`. Compose files: `compose.yaml`, `compose.yml`,
/// `compose.*.y(a)ml`, `docker-compose*.y(a)ml`.
pub fn kind_from_name(path: &Path) -> Option<FileKind> {
    let name = path.file_name()?.to_str()?;
    if is_dockerfile_name(name) {
        Some(FileKind::Dockerfile)
    } else if is_compose_name(name) {
        Some(FileKind::Compose)
    } else {
        None
    }
}

fn is_dockerfile_name(name: &str) -> bool {
    const SKIP_SUFFIXES: [&str; 10] = [
        ".md",
        ".sh",
        ".j2",
        ".jinja",
        ".jinja2",
        ".template",
        ".tmpl",
        ".tpl",
        ".in",
        ".bak",
    ];
    let lower = name.to_ascii_lowercase();
    if SKIP_SUFFIXES.iter().any(|s| lower.ends_with(s)) {
        return false;
    }
    for stem in ["dockerfile", "containerfile"] {
        if lower == stem
            || lower.starts_with(&format!("{stem}."))
            || lower.ends_with(&format!(".{stem}"))
        {
            return true;
        }
    }
    false
}

fn is_compose_name(name: &str) -> bool {
    let Some(stem) = name
        .strip_suffix(".yaml")
        .or_else(|| name.strip_suffix(".yml"))
    else {
        return false;
    };
    stem == "compose" || stem.starts_with("compose.") || stem.starts_with("docker-compose")
}

/// Guesses the kind of a file named explicitly on the command line from its content: a YAML
/// file with a top-level `services:` key is a compose file; a file whose first instruction is
/// `FROM` (or `ARG` before it) is a Dockerfile.
pub fn kind_from_content(text: &str) -> Option<FileKind> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut saw_yaml_top = false;
    for line in text.lines() {
        let trimmed = line.trim_end();
        if trimmed.is_empty() || trimmed.trim_start().starts_with('#') {
            continue;
        }
        if !line.starts_with([' ', '\t']) {
            if trimmed.starts_with("services:") {
                return Some(FileKind::Compose);
            }
            let word = trimmed
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_ascii_uppercase();
            if !saw_yaml_top && (word == "FROM" || word == "ARG") {
                return Some(FileKind::Dockerfile);
            }
            if trimmed.ends_with(':') || trimmed.contains(": ") || trimmed == "---" {
                saw_yaml_top = true;
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dockerfile_names_are_recognised() {
        for name in [
            "Dockerfile",
            "Dockerfile.prod",
            "api.Dockerfile",
            "api.dockerfile",
            "Containerfile",
            "Containerfile.dev",
            "x.Containerfile",
        ] {
            assert_eq!(
                kind_from_name(Path::new(name)),
                Some(FileKind::Dockerfile),
                "{name}"
            );
        }
        for name in [
            "Dockerfile.md",
            "Dockerfile.j2",
            "README",
            "dockerfile-lint.rs",
        ] {
            assert_eq!(kind_from_name(Path::new(name)), None, "{name}");
        }
    }

    #[test]
    fn compose_names_are_recognised() {
        for name in [
            "compose.yaml",
            "compose.yml",
            "compose.prod.yaml",
            "docker-compose.yml",
            "docker-compose.override.yaml",
            "docker-compose-dev.yml",
        ] {
            assert_eq!(
                kind_from_name(Path::new(name)),
                Some(FileKind::Compose),
                "{name}"
            );
        }
        for name in ["composer.yaml", "values.yaml", "compose.json"] {
            assert_eq!(kind_from_name(Path::new(name)), None, "{name}");
        }
    }

    #[test]
    fn content_sniffing_tells_the_kinds_apart() {
        assert_eq!(
            kind_from_content("# hi\nservices:\n  web: {}\n"),
            Some(FileKind::Compose)
        );
        assert_eq!(
            kind_from_content("ARG V=1\nFROM alpine:$V\n"),
            Some(FileKind::Dockerfile)
        );
        assert_eq!(kind_from_content("name: x\nfoo: bar\n"), None);
    }
}
