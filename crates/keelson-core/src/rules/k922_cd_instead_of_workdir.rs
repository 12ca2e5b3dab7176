//! K922 cd-instead-of-workdir: a `RUN` that starts by changing directory with `cd`, where a
//! `WORKDIR` says the same thing once. See `rules/K922-cd-instead-of-workdir/README.md`.

use crate::commands::{run_commands, run_steps, Command, Origin};
use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::BestPractice,
    severity: Severity::Info,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    peers: &[
        peer("hadolint", "DL3003"),
        peer("trivy", "DS-0013"),
        peer("kics", "Run Command cd Instead of WORKDIR"),
    ],
    fixable: false,
};

pub(crate) struct CdInsteadOfWorkdir;
pub(crate) static RULE: CdInsteadOfWorkdir = CdInsteadOfWorkdir;

/// Commands that only set up the shell and may come before the `cd`.
const PREAMBLE: &[&str] = &["set", "shopt", "umask", "export", "true", ":"];

impl Check for CdInsteadOfWorkdir {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for step in run_steps(cx) {
            let cmds = run_commands(cx, step.instruction);
            let mut top = cmds
                .iter()
                .filter(|c| c.parent.is_none())
                .filter(|c| matches!(c.origin, Origin::Shell | Origin::Heredoc | Origin::Exec));
            let Some(first) = top.by_ref().find(|c| !PREAMBLE.contains(&c.name())) else {
                continue;
            };
            let Some(target) = cd_target(first) else {
                continue;
            };
            // `(cd dir && make)` keeps the move inside a subshell on purpose.
            if opens_subshell(cx.source, first.span.start()) {
                continue;
            }
            let alone = top.next().is_none() && first.next.is_none();
            if alone {
                out.report(
                    first.span,
                    format!(
                        "`cd {target}` is the whole step and has no effect: the directory change \
                         ends with the `RUN`, and the next instruction starts in the `WORKDIR` again"
                    ),
                )
                .severity(Severity::Warning)
                .help(format!("replace the step with `WORKDIR {target}`"));
            } else {
                out.report(
                    first.span,
                    format!(
                        "the step starts with `cd {target}`: the change lasts only for this `RUN`, \
                         so later steps that need the directory must repeat the `cd`, and readers \
                         must look inside shell commands to know where files go"
                    ),
                )
                .help(format!(
                    "put `WORKDIR {target}` before the `RUN` and drop the `cd`"
                ));
            }
        }
    }
}

/// The directory of a `cd` that a `WORKDIR` could name instead: not `cd -`, not `cd` alone,
/// not a temporary directory (`/tmp/…`, `$(mktemp -d)`), whose contents a step usually
/// deletes again.
fn cd_target(cmd: &Command) -> Option<String> {
    if cmd.name() != "cd" || !cmd.wrappers.is_empty() {
        return None;
    }
    let operands = cmd.operands(&[]);
    let target = operands.first()?;
    let text = target.text();
    if text == "-" || text.is_empty() {
        return None;
    }
    let literal = target.literal.as_deref();
    let temp = text.contains("mktemp")
        || text.contains("TMPDIR")
        || text.starts_with("$TMP")
        || text.starts_with("${TMP");
    // `${DIR%/php}` and other modified expansions name a directory that cannot be known here.
    let modified =
        target.literal.is_none() && ["%", "#", ":-", ":="].iter().any(|m| text.contains(m));
    if temp || modified || literal.is_some_and(system_dir) {
        return None;
    }
    Some(text.to_owned())
}

/// Whether `dir` is a system directory (or inside one that holds no application): a step
/// that goes there does a one-off edit (`cd /etc/ssl && …`, `cd /usr/local/bin && ln -s …`),
/// and a `WORKDIR` there would be wrong for the steps after it.
fn system_dir(dir: &str) -> bool {
    let dir = dir.trim_end_matches('/');
    const EXACT: &[&str] = &[
        "",
        "/usr",
        "/usr/local",
        "/usr/src",
        "/usr/local/src",
        "/opt",
        "/srv",
        "/var",
        "/root",
        "/home",
        "/mnt",
        "/media",
        "/var/www",
    ];
    const INSIDE: &[&str] = &[
        "/etc",
        "/tmp",
        "/bin",
        "/sbin",
        "/lib",
        "/lib32",
        "/lib64",
        "/usr/bin",
        "/usr/sbin",
        "/usr/lib",
        "/usr/lib64",
        "/usr/libexec",
        "/usr/include",
        "/usr/share",
        "/usr/local/bin",
        "/usr/local/sbin",
        "/usr/local/lib",
        "/usr/local/etc",
        "/usr/local/include",
        "/usr/local/share",
        "/var/lib",
        "/var/cache",
        "/var/log",
        "/var/run",
        "/var/spool",
        "/proc",
        "/sys",
        "/dev",
        "/run",
        "/boot",
    ];
    // A hidden directory (`/root/.ssh`, `~/.config/app`) holds configuration, not an application.
    let hidden = dir
        .split('/')
        .any(|part| part.len() > 1 && part.starts_with('.') && part != "..");
    hidden
        || EXACT.contains(&dir)
        || INSIDE
            .iter()
            .any(|p| dir == *p || dir.strip_prefix(p).is_some_and(|r| r.starts_with('/')))
}

/// Whether the text before `at` (spaces skipped) ends with `(`: the command opens a subshell.
fn opens_subshell(source: &str, at: usize) -> bool {
    source
        .get(..at)
        .and_then(|s| s.trim_end().chars().last())
        .is_some_and(|c| c == '(')
}
