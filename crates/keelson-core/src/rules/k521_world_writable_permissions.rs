//! K521 world-writable-permissions: `chmod 777` / `chmod o+w` in a `RUN` step, or
//! `COPY`/`ADD --chmod` with a world-writable mode. See
//! `rules/K521-world-writable-permissions/README.md`.

use keelson_syntax::dockerfile::InstructionKind;
use keelson_syntax::Span;

use crate::commands::{run_commands, run_steps};
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

pub(crate) struct WorldWritablePermissions;
pub(crate) static RULE: WorldWritablePermissions = WorldWritablePermissions;

impl Check for WorldWritablePermissions {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for ins in cx.syntax.instructions() {
            if !matches!(ins.kind, InstructionKind::Copy | InstructionKind::Add) {
                continue;
            }
            for flag in ins.flags_named("chmod") {
                let Some(mode) = &flag.value else {
                    continue;
                };
                if world_writable(mode) {
                    report(
                        out,
                        flag.value_span.unwrap_or(flag.span),
                        mode,
                        "the copied files",
                    );
                }
            }
        }
        for step in run_steps(cx) {
            for cmd in run_commands(cx, step.instruction).iter() {
                if cmd.name() != "chmod" {
                    continue;
                }
                // The mode is the first operand (options such as `-R` come before it).
                let operands = cmd.operands(&["--reference"]);
                let Some(mode_word) = operands.first() else {
                    continue;
                };
                let Some(mode) = mode_word.literal.as_deref() else {
                    continue;
                };
                if !world_writable(mode) {
                    continue;
                }
                let paths: Vec<&str> = operands.iter().skip(1).map(|w| w.text()).collect();
                if paths.is_empty() || paths.iter().all(|p| is_device_or_socket(p)) {
                    continue;
                }
                report(out, mode_word.span, mode, &format!("`{}`", paths.join(" ")));
            }
        }
    }
}

fn report(out: &mut Reporter<'_>, span: Span, mode: &str, what: &str) {
    out.report(
        span,
        format!(
            "mode `{mode}` makes {what} writable by every user: any process in the container, \
             whatever its uid, can then change these files, which defeats running as an unprivileged \
             user and lets a compromise persist in shared volumes"
        ),
    )
    .help("grant write access to the owner only (`chown app:app` and `chmod 755`/`644`, or `u+w`); shared scratch directories need the sticky bit (`1777`)");
}

/// `/dev/null` and friends: modes on these are the kernel's business.
fn is_device_or_socket(path: &str) -> bool {
    path.starts_with("/dev/") || path.ends_with(".sock")
}

/// Whether a chmod mode grants write permission to others without the sticky bit: octal
/// (`777`, `0666`, `2777`) or symbolic (`o+w`, `a+rwx`, `+w`, `ugo=rwx`, `u+x,o+w`).
pub(super) fn world_writable(mode: &str) -> bool {
    if !mode.is_empty() && mode.bytes().all(|b| (b'0'..=b'7').contains(&b)) {
        let Ok(n) = u32::from_str_radix(mode, 8) else {
            return false;
        };
        let sticky = n & 0o1000 != 0;
        return n & 0o002 != 0 && !sticky;
    }
    let mut writable = false;
    let mut sticky = false;
    for clause in mode.split(',') {
        let who_end = clause
            .find(|c: char| !matches!(c, 'u' | 'g' | 'o' | 'a'))
            .unwrap_or(clause.len());
        let (who, rest) = clause.split_at(who_end);
        let Some(op) = rest.chars().next() else {
            return false;
        };
        if !matches!(op, '+' | '=' | '-') {
            return false;
        }
        let perms = rest.get(1..).unwrap_or("");
        if !perms.chars().all(|c| "rwxXstugo".contains(c)) {
            return false;
        }
        let others = who.is_empty() || who.contains('o') || who.contains('a');
        if op != '-' && others && perms.contains('w') {
            writable = true;
        }
        if op != '-' && perms.contains('t') {
            sticky = true;
        }
    }
    writable && !sticky
}

#[cfg(test)]
mod tests {
    use super::world_writable;

    #[test]
    fn octal_modes() {
        for yes in ["777", "0777", "666", "2777", "757", "0002"] {
            assert!(world_writable(yes), "{yes}");
        }
        for no in ["755", "0644", "1777", "775", "770", "4755"] {
            assert!(!world_writable(no), "{no}");
        }
    }

    #[test]
    fn symbolic_modes() {
        for yes in ["o+w", "a+rwx", "+w", "ugo=rwx", "u+x,o+w", "a=rw"] {
            assert!(world_writable(yes), "{yes}");
        }
        for no in [
            "u+w",
            "g+w",
            "o-w",
            "a+x",
            "+t,o+w",
            "go-w",
            "ug+rw",
            "--reference",
        ] {
            assert!(!world_writable(no), "{no}");
        }
    }
}
