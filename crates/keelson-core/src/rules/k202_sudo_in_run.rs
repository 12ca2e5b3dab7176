//! K202 sudo-in-run: a `RUN` step calls `sudo` (or `doas`) as a command.
//!
//! Build steps run as the stage's `USER`, so `sudo` is either a no-op with side effects (as
//! root) or proof that an unprivileged user of the image can become root. Only words in
//! command position count: shell form, exec form, heredoc scripts, `sh -c` / `su -c` strings,
//! `$(…)` substitutions and the commands run by `env`, `exec`, `command`, `nohup`, `time` and
//! `nice`. See `rules/K202-sudo-in-run/README.md`.

use keelson_model::dockerfile::{EffectiveUser, RootStatus};
use keelson_syntax::dockerfile::Instruction;
use keelson_syntax::Span;

use crate::commands::{commands_of_run, run_commands, run_steps, Command, Word};
use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Edit, Fix, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Privilege,
    severity: Severity::Warning,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    peers: &[
        peer("hadolint", "DL3004"),
        peer("trivy", "DS-0010"),
        peer("kics", "Run Using Sudo"),
        peer("checkov", "CKV2_DOCKER_1"),
        peer("semgrep", "no-sudo-in-dockerfile"),
    ],
    fixable: true,
};

pub(crate) struct SudoInRun;
pub(crate) static RULE: SudoInRun = SudoInRun;

impl Check for SudoInRun {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for step in run_steps(cx) {
            // An ONBUILD trigger runs in a child image whose user this file does not decide.
            let user = if step.is_onbuild() {
                UserKind::Unknown
            } else {
                step.id
                    .and_then(|id| cx.model.user_at(id))
                    .map(user_kind)
                    .unwrap_or(UserKind::Unknown)
            };
            for hit in hits(&run_commands(cx, step.instruction)) {
                report(hit, &user, out);
            }
        }
    }
}

/// Whether `run` (a `RUN` instruction) calls `sudo` or `doas` in command position.
pub(super) fn calls_sudo(run: &Instruction) -> bool {
    !hits(&commands_of_run(run, "")).is_empty()
}

/// Who a step runs as, for the message and the fix.
enum UserKind {
    /// Root for certain (`USER root`, scratch).
    Root,
    /// A non-root user (`USER app`), by name.
    NotRoot(String),
    /// The base image's default, or an unresolved variable.
    Unknown,
}

fn user_kind(user: &EffectiveUser) -> UserKind {
    match user.root_status() {
        RootStatus::Root => UserKind::Root,
        RootStatus::NotRoot => UserKind::NotRoot(
            user.setting()
                .map(|s| s.expansion.value.clone())
                .unwrap_or_default(),
        ),
        RootStatus::Unknown => UserKind::Unknown,
    }
}

/// A `sudo` found in command position.
struct Hit {
    /// The tool as written (`sudo`, `/usr/bin/sudo`, `doas`).
    tool: String,
    /// The word in the source.
    span: Span,
    /// What deleting the tool and its options would remove (source span), when the text maps
    /// exactly onto the source and the options keep the meaning (see [`parse_sudo_options`]).
    delete: Option<Span>,
    /// A `-u`/`--user` target other than root, when given.
    target_user: Option<String>,
    /// Whether the options were all understood and only switch to root.
    to_root: bool,
}

/// The `sudo`s of a step: as a wrapper of a command, or as a command of its own (`sudo -v`).
fn hits(commands: &[Command]) -> Vec<Hit> {
    let mut out = Vec::new();
    for cmd in commands {
        // Only the outermost sudo of a command is reported (`sudo sudo x` is one finding).
        let wrapper = cmd.wrappers.iter().find(|w| is_sudo(w.name()));
        if let Some(w) = wrapper {
            out.push(hit(&w.word, &w.options, true, w.delete));
        } else if is_sudo(cmd.name()) {
            out.push(hit(&cmd.name_word, &cmd.args, false, None));
        }
    }
    out
}

fn is_sudo(name: &str) -> bool {
    matches!(name, "sudo" | "doas")
}

/// A `sudo` word with its options (and whether it runs a command), and what a fix could delete.
fn hit(word: &Word, options: &[Word], runs_command: bool, delete: Option<Span>) -> Hit {
    let (target_user, understood) = parse_sudo_options(options);
    let to_root = understood
        && runs_command
        && target_user
            .as_deref()
            .is_none_or(|u| u == "root" || u == "0");
    Hit {
        tool: word.text().to_owned(),
        span: word.value_span(),
        delete: delete.filter(|_| to_root),
        target_user: target_user.filter(|u| u != "root" && u != "0"),
        to_root,
    }
}

/// Reads sudo's options: the `-u` user if any, and whether every option was one that keeps the
/// meaning when sudo is removed as root (`-E`, `-H`, `-n`, `-k`, `--preserve-env`,
/// `--non-interactive`, `--set-home`, `-u root`).
fn parse_sudo_options(options: &[Word]) -> (Option<String>, bool) {
    let mut user = None;
    let mut understood = true;
    let mut j = 0;
    while let Some(w) = options.get(j) {
        j += 1;
        let Some(a) = w.literal.as_deref() else {
            understood = false;
            continue;
        };
        match a {
            "--" => {}
            "--preserve-env" | "--non-interactive" | "--set-home" | "--reset-timestamp" => {}
            "-u" | "--user" => {
                let target = options.get(j);
                // An unresolved `-u $NAME` is shown as written; no fix is offered for it.
                if target.is_none_or(|w| w.literal.is_none()) {
                    understood = false;
                }
                user = target.map(|w| w.text().to_owned());
                j += 1;
            }
            _ if a.starts_with("--user=") => user = a.get(7..).map(str::to_owned),
            _ if a.starts_with("-u") && a.len() > 2 => user = a.get(2..).map(str::to_owned),
            _ if is_short_cluster(a)
                && a.bytes()
                    .skip(1)
                    .all(|b| matches!(b, b'E' | b'H' | b'n' | b'k')) => {}
            _ => understood = false,
        }
    }
    (user, understood)
}

/// `-abc`: a cluster of short options.
fn is_short_cluster(a: &str) -> bool {
    a.len() > 1
        && a.starts_with('-')
        && !a.starts_with("--")
        && a.bytes().skip(1).all(|b| b.is_ascii_alphabetic())
}

fn report(hit: Hit, user: &UserKind, out: &mut Reporter<'_>) {
    let tool = hit.tool.rsplit('/').next().unwrap_or(&hit.tool).to_owned();
    let (message, help) = match (user, &hit.target_user) {
        (_, Some(target)) => (
            format!(
                "`{tool}` is used to run a build step as `{target}`: it keeps a privilege-switching setuid \
                 tool in the image, and its environment and terminal handling differ from a normal step"
            ),
            format!(
                "run the step after `USER {target}` (and switch back afterwards), or use a tool made for \
                 dropping privileges such as `setpriv` or `gosu`; then remove `{tool}` from the image"
            ),
        ),
        (UserKind::Root, None) => (
            format!(
                "`{tool}` in a build step that already runs as root: it changes nothing but the environment \
                 (`PATH`, `HOME`), and keeps a setuid tool for becoming root in the image"
            ),
            format!("remove `{tool}`; the step already runs as root"),
        ),
        (UserKind::NotRoot(name), None) => {
            let who = if name.is_empty() {
                "the stage's user".to_owned()
            } else {
                format!("`{name}`")
            };
            (
                format!(
                    "`{tool}` in a build step that runs as {who}: it only works if that user can become root \
                     without a password, which any process in a container of this image can then do too"
                ),
                format!(
                    "put the step after `USER root` and switch back to the unprivileged user after it, then \
                     remove `{tool}` and its configuration from the image"
                ),
            )
        }
        (UserKind::Unknown, None) => (
            format!(
                "`{tool}` in a build step: steps run as root unless a `USER` says otherwise, so either it is \
                 unnecessary, or the image lets an unprivileged user become root through it"
            ),
            format!(
                "remove `{tool}`; if the base image runs as an unprivileged user, put the step after `USER \
                 root` and switch back after it"
            ),
        ),
    };
    let fix = match (user, hit.delete, hit.to_root, &hit.target_user) {
        (UserKind::Root, Some(span), true, None) => Some(Fix::safe(
            format!("remove `{tool}`"),
            vec![Edit::delete(span)],
        )),
        (UserKind::Unknown, Some(span), true, None) => Some(Fix::unsafe_(
            format!("remove `{tool}` (the step then runs as the image's user)"),
            vec![Edit::delete(span)],
        )),
        _ => None,
    };
    let finding = out.report(hit.span, message);
    finding.help(help);
    if let Some(fix) = fix {
        finding.fix(fix);
    }
}
