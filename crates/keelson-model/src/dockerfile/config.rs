//! Image settings other than the user: `WORKDIR`, `SHELL`, `EXPOSE` and `HEALTHCHECK`.

use keelson_syntax::Span;

use super::expand::Expansion;
use super::InstructionId;

/// The working directory in force.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Workdir {
    /// The `WORKDIR` instruction that set it last; `None` when no `WORKDIR` of this Dockerfile
    /// applies (the base image's directory, `/` for `scratch`).
    pub instruction: Option<InstructionId>,
    /// The absolute path, when known: relative `WORKDIR`s are joined to the previous directory
    /// and the result is cleaned (`.` and `..` removed). `None` when it depends on an unresolved
    /// variable or on the base image's directory.
    pub path: Option<String>,
}

impl Workdir {
    /// The directory of a stage that sets no `WORKDIR`: `/` for `scratch`, unknown otherwise.
    pub(crate) fn default_for(scratch: bool) -> Workdir {
        Workdir {
            instruction: None,
            path: scratch.then(|| "/".to_owned()),
        }
    }

    /// The directory after `WORKDIR <value>` at `instruction`, this being the directory before
    /// it: an absolute value cleaned, a relative one joined to this directory and cleaned.
    pub fn apply(&self, instruction: InstructionId, value: &Expansion) -> Workdir {
        let path = if !value.is_resolved() {
            None
        } else if is_absolute(&value.value) {
            Some(clean_path(&value.value))
        } else {
            self.path
                .as_deref()
                .map(|base| clean_path(&format!("{base}/{}", value.value)))
        };
        Workdir {
            instruction: Some(instruction),
            path,
        }
    }
}

/// Whether `p` is absolute: `/…`, `\…` or a Windows drive (`C:\…`, `C:/…`).
fn is_absolute(p: &str) -> bool {
    let b = p.as_bytes();
    matches!(b.first(), Some(b'/' | b'\\'))
        || (b.len() >= 3
            && b.first().is_some_and(u8::is_ascii_alphabetic)
            && b.get(1) == Some(&b':')
            && matches!(b.get(2), Some(b'/' | b'\\')))
}

/// Removes empty, `.` and `..` components of a `/`-separated path (Windows paths are returned
/// unchanged apart from trailing separators).
fn clean_path(p: &str) -> String {
    if !p.starts_with('/') {
        let trimmed = p.trim_end_matches(['/', '\\']);
        return if trimmed.ends_with(':') {
            format!("{trimmed}\\")
        } else {
            trimmed.to_owned()
        };
    }
    let mut parts: Vec<&str> = Vec::new();
    for part in p.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    format!("/{}", parts.join("/"))
}

/// The `SHELL` in force for shell-form `RUN`, `CMD` and `ENTRYPOINT`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shell {
    /// The `SHELL` instruction that set it; `None` for the default.
    pub instruction: Option<InstructionId>,
    /// The executable and its arguments (`["/bin/sh", "-c"]` by default).
    pub args: Vec<String>,
}

impl Default for Shell {
    /// `["/bin/sh", "-c"]`, the Linux default.
    fn default() -> Shell {
        Shell {
            instruction: None,
            args: vec!["/bin/sh".to_owned(), "-c".to_owned()],
        }
    }
}

impl Shell {
    /// The executable (`/bin/sh`, `powershell`, …).
    pub fn executable(&self) -> Option<&str> {
        self.args.first().map(String::as_str)
    }

    /// The executable's file name, lower-cased, without directory or `.exe` (`sh`, `bash`,
    /// `pwsh`, `cmd`).
    pub fn program(&self) -> Option<String> {
        let exe = self.executable()?;
        let name = exe.rsplit(['/', '\\']).next().unwrap_or(exe);
        let lower = name.to_ascii_lowercase();
        Some(lower.strip_suffix(".exe").unwrap_or(&lower).to_owned())
    }
}

/// One port of an `EXPOSE` instruction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExposedPort {
    /// The `EXPOSE` instruction.
    pub instruction: InstructionId,
    /// The word as written.
    pub raw: String,
    /// Where the word is in the source.
    pub span: Span,
    /// The word after expansion.
    pub expansion: Expansion,
    /// The first port of the range, when the value parses.
    pub port: Option<u16>,
    /// The last port of the range (`port` for a single port).
    pub end_port: Option<u16>,
    /// The protocol, lower-cased (`tcp` when none is written).
    pub protocol: String,
}

impl ExposedPort {
    /// Parses an expanded `EXPOSE` value: `80`, `80/tcp`, `8000-8010/udp`.
    pub(crate) fn new(
        instruction: InstructionId,
        raw: String,
        span: Span,
        expansion: Expansion,
    ) -> ExposedPort {
        let text = expansion.value.trim();
        let (ports, protocol) = match text.split_once('/') {
            Some((p, proto)) => (p, proto.to_ascii_lowercase()),
            None => (text, "tcp".to_owned()),
        };
        let (port, end_port) = if expansion.is_resolved() {
            match ports.split_once('-') {
                Some((a, b)) => match (a.parse::<u16>(), b.parse::<u16>()) {
                    (Ok(a), Ok(b)) if a <= b => (Some(a), Some(b)),
                    _ => (None, None),
                },
                None => match ports.parse::<u16>() {
                    Ok(p) => (Some(p), Some(p)),
                    Err(_) => (None, None),
                },
            }
        } else {
            (None, None)
        };
        ExposedPort {
            instruction,
            raw,
            span,
            expansion,
            port,
            end_port,
            protocol,
        }
    }

    /// Whether `port` lies in the exposed range.
    pub fn covers(&self, port: u16) -> bool {
        matches!((self.port, self.end_port), (Some(a), Some(b)) if a <= port && port <= b)
    }
}

/// A `HEALTHCHECK` in force.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Healthcheck {
    /// The `HEALTHCHECK` instruction.
    pub instruction: InstructionId,
    /// The stage that holds it (an ancestor stage when inherited through `FROM <stage>`).
    pub stage: usize,
    /// Whether it is `HEALTHCHECK NONE` (which disables the base image's check).
    pub disabled: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(clean_path("/a/./b/../c/"), "/a/c");
        assert_eq!(clean_path("/.."), "/");
        assert_eq!(clean_path("//x//y"), "/x/y");
        assert_eq!(clean_path("C:\\app\\"), "C:\\app");
        assert_eq!(clean_path("C:\\"), "C:\\");
        assert_eq!(clean_path("/usr/bin/"), "/usr/bin");
        assert_eq!(clean_path("//etc/./"), "/etc");
        assert_eq!(clean_path("/app/../usr/bin"), "/usr/bin");
        assert_eq!(clean_path("/"), "/");
        assert!(is_absolute("C:/x") && is_absolute("/x") && !is_absolute("x") && !is_absolute(""));
    }

    #[test]
    fn shell_program() {
        let s = Shell {
            instruction: None,
            args: vec!["C:\\Windows\\PowerShell.EXE".into(), "-c".into()],
        };
        assert_eq!(s.program().as_deref(), Some("powershell"));
        assert_eq!(Shell::default().program().as_deref(), Some("sh"));
    }
}
