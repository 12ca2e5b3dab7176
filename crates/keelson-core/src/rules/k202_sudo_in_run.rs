//! K202 sudo-in-run: a `RUN` step calls `sudo` (or `doas`) as a command.
//!
//! Build steps run as the stage's `USER`, so `sudo` is either a no-op with side effects (as
//! root) or proof that an unprivileged user of the image can become root. Only words in
//! command position count: shell form, exec form, heredoc scripts, `sh -c` / `su -c` strings,
//! `$(…)` substitutions and the commands run by `env`, `exec`, `command`, `nohup`, `time` and
//! `nice`. See `rules/K202-sudo-in-run/README.md`.

use keelson_model::dockerfile::{EffectiveUser, RootStatus};
use keelson_syntax::dockerfile::{CommandForm, Heredoc, Instruction, InstructionKind, LogicalText};
use keelson_syntax::shell::{parse_commands, SimpleCommand};
use keelson_syntax::Span;

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

/// How deep `sh -c`, `su -c` and `$(…)` are followed.
const MAX_DEPTH: usize = 4;

/// The shells whose `-c` string (or heredoc on stdin) is a script.
const SHELLS: [&str; 8] = [
    "sh",
    "bash",
    "dash",
    "ash",
    "zsh",
    "ksh",
    "mksh",
    "busybox-sh",
];

impl Check for SudoInRun {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for ins in cx.syntax.instructions() {
            let (run, user) = match ins.kind {
                InstructionKind::Run => {
                    let user = cx
                        .model
                        .id_of(ins)
                        .and_then(|id| cx.model.user_at(id))
                        .map(user_kind)
                        .unwrap_or(UserKind::Unknown);
                    (ins, user)
                }
                // An ONBUILD trigger runs in a child image whose user this file does not decide.
                InstructionKind::Onbuild => match ins.onbuild_inner() {
                    Some(inner) if inner.kind == InstructionKind::Run => (inner, UserKind::Unknown),
                    _ => continue,
                },
                _ => continue,
            };
            if windows_shell(cx, ins) {
                continue;
            }
            let mut hits = Vec::new();
            scan_run(run, cx.source, &mut hits);
            for hit in hits {
                report(hit, &user, out);
            }
        }
    }
}

/// Whether `run` (a `RUN` instruction) calls `sudo` or `doas` in command position.
pub(super) fn calls_sudo(run: &Instruction) -> bool {
    let mut hits = Vec::new();
    scan_run(run, "", &mut hits);
    !hits.is_empty()
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

/// Whether the step runs under `cmd` or PowerShell (a Windows image: no POSIX shell).
fn windows_shell(cx: &DockerfileContext<'_>, ins: &Instruction) -> bool {
    cx.model
        .id_of(ins)
        .and_then(|id| cx.model.shell_at(id))
        .and_then(|s| s.program())
        .is_some_and(|p| matches!(p.as_str(), "cmd" | "powershell" | "pwsh"))
}

/// A `sudo` found in command position.
struct Hit {
    /// The tool as written (`sudo`, `/usr/bin/sudo`, `doas`).
    tool: String,
    /// The word in the source.
    span: Span,
    /// What deleting the tool and its options would remove (source span), when the text maps
    /// exactly onto the source and the options keep the meaning (see [`removable_prefix`]).
    delete: Option<Span>,
    /// A `-u`/`--user` target other than root, when given.
    target_user: Option<String>,
    /// Whether the options were all understood and only switch to root.
    to_root: bool,
}

/// Where the text being lexed lives in the source.
#[derive(Clone, Copy)]
enum Map<'a> {
    /// Offsets are logical offsets of a `RUN` line (plus `base`).
    Logical { text: &'a LogicalText, base: usize },
    /// Offsets are source offsets (plus `base`).
    Source { base: usize },
    /// The text is not a verbatim copy of the source: everything maps to this span.
    Whole(Span),
}

impl Map<'_> {
    fn span(&self, s: Span) -> Span {
        match *self {
            Map::Logical { text, base } => text.source_span(s.start() + base..s.end() + base),
            Map::Source { base } => s.shift(base),
            Map::Whole(span) => span,
        }
    }

    fn exact(&self) -> bool {
        !matches!(self, Map::Whole(_))
    }

    fn shift(self, by: usize) -> Self {
        match self {
            Map::Logical { text, base } => Map::Logical {
                text,
                base: base + by,
            },
            Map::Source { base } => Map::Source { base: base + by },
            whole => whole,
        }
    }
}

/// One word of a command: its literal value (quotes removed; `None` when it has expansions),
/// its raw text and where it is in the lexed text.
struct CmdWord<'t> {
    literal: Option<&'t str>,
    raw: &'t str,
    span: Span,
}

fn scan_run(run: &Instruction, source: &str, hits: &mut Vec<Hit>) {
    match run.command() {
        Some(CommandForm::Shell(shell)) => {
            let text = shell.text.as_str();
            let map = Map::Logical {
                text: &shell.text,
                base: 0,
            };
            scan_script(text, map, 0, hits);
            for heredoc in &run.heredocs {
                if heredoc_is_script(text, heredoc) {
                    scan_script(
                        &heredoc.body,
                        Map::Source {
                            base: heredoc.body_span.start(),
                        },
                        1,
                        hits,
                    );
                }
            }
        }
        Some(CommandForm::Exec(exec)) => {
            // Exec-form words carry their own source spans (quotes included).
            let words: Vec<CmdWord<'_>> = exec
                .args
                .iter()
                .map(|w| CmdWord {
                    literal: Some(w.raw.as_str()),
                    raw: w.span.text(source),
                    span: w.span,
                })
                .collect();
            // A `sh -c` string is JSON-decoded: follow it exactly only when it is verbatim.
            let inner = |w: &CmdWord<'_>| -> Map<'static> {
                let verbatim =
                    w.span.text(source).get(1..w.span.len().saturating_sub(1)) == w.literal;
                if verbatim {
                    Map::Source {
                        base: w.span.start() + 1,
                    }
                } else {
                    Map::Whole(w.span)
                }
            };
            scan_command(&words, Map::Source { base: 0 }, 0, hits, &inner);
        }
        None => {}
    }
}

/// Lexes `text` and looks at every simple command, and into `$(…)` substitutions.
fn scan_script(text: &str, map: Map<'_>, depth: usize, hits: &mut Vec<Hit>) {
    if depth > MAX_DEPTH {
        return;
    }
    let list = parse_commands(text);
    for cmd in &list.commands {
        scan_simple(text, cmd, map, depth, hits);
    }
}

fn scan_simple(
    text: &str,
    cmd: &SimpleCommand<'_>,
    map: Map<'_>,
    depth: usize,
    hits: &mut Vec<Hit>,
) {
    for w in &cmd.words {
        for sub in &w.substitutions {
            if let Some(inner) = text.get(sub.start()..sub.end()) {
                scan_script(inner, map.shift(sub.start()), depth + 1, hits);
            }
        }
    }
    let Some(start) = cmd.name_index() else {
        return;
    };
    let words: Vec<CmdWord<'_>> = cmd
        .words
        .iter()
        .skip(start)
        .map(|w| CmdWord {
            literal: w.literal.as_deref(),
            raw: w.raw,
            span: w.span,
        })
        .collect();
    scan_command(&words, map, depth, hits, &|w: &CmdWord<'_>| {
        quoted_map(w, map)
    });
}

/// The map of the text inside a quoted shell word (`'…'`, or `"…"` without escapes or
/// expansions), else the whole word.
fn quoted_map<'a>(w: &CmdWord<'_>, map: Map<'a>) -> Map<'a> {
    let raw = w.raw;
    let Some(literal) = w.literal else {
        return Map::Whole(map.span(w.span));
    };
    if raw == literal {
        return map.shift(w.span.start());
    }
    let quoted = raw.len() >= 2
        && ((raw.starts_with('\'') && raw.ends_with('\''))
            || (raw.starts_with('"') && raw.ends_with('"')));
    if quoted && raw.get(1..raw.len() - 1) == Some(literal) {
        return map.shift(w.span.start() + 1);
    }
    Map::Whole(map.span(w.span))
}

/// Looks at one command (`words[0]` is its name): `sudo`, wrappers, `sh -c`, `su -c`.
fn scan_command<'m>(
    words: &[CmdWord<'_>],
    map: Map<'m>,
    depth: usize,
    hits: &mut Vec<Hit>,
    inner_map: &dyn Fn(&CmdWord<'_>) -> Map<'m>,
) {
    let mut i = 0;
    // Wrappers that run the rest of the line as a command.
    for _ in 0..8 {
        let Some(name) = words.get(i).and_then(|w| w.literal) else {
            return;
        };
        let Some(next) = wrapped_command(name, words, i) else {
            break;
        };
        i = next;
    }
    let Some(word) = words.get(i) else {
        return;
    };
    let Some(name) = word.literal else {
        return;
    };
    let base = name.rsplit('/').next().unwrap_or(name);
    match base {
        "sudo" | "doas" => {
            hits.push(sudo_hit(name, words, i, map));
        }
        _ if SHELLS.contains(&base) || base == "su" => {
            if let Some(script) = script_argument(base, words, i) {
                if let Some(text) = script.literal {
                    scan_script(text, inner_map(script), depth + 1, hits);
                }
            }
        }
        _ => {}
    }
}

/// For a wrapper command at `words[i]`, the index of the command it runs.
fn wrapped_command(name: &str, words: &[CmdWord<'_>], i: usize) -> Option<usize> {
    let base = name.rsplit('/').next().unwrap_or(name);
    let mut j = i + 1;
    let lit = |k: usize| words.get(k).and_then(|w| w.literal);
    match base {
        "exec" => {
            while let Some(a) = lit(j) {
                match a {
                    "-c" | "-l" | "-cl" | "-lc" => j += 1,
                    "-a" => j += 2,
                    "--" => return Some(j + 1),
                    _ => break,
                }
            }
        }
        "command" => match lit(j) {
            // `command -v sudo` looks the name up; it does not run it.
            Some(a) if a.starts_with('-') && a != "-p" && a != "--" => return None,
            Some("-p" | "--") => j += 1,
            _ => {}
        },
        "env" => {
            while let Some(a) = lit(j) {
                if a == "--" {
                    j += 1;
                    break;
                }
                if a == "-u" || a == "--unset" || a == "-C" || a == "--chdir" {
                    j += 2;
                } else if a.starts_with('-') || a.contains('=') {
                    j += 1;
                } else {
                    break;
                }
            }
        }
        "nohup" => {}
        "time" => {
            if lit(j) == Some("-p") {
                j += 1;
            }
        }
        "nice" => {
            if lit(j) == Some("-n") {
                j += 2;
            } else if lit(j).is_some_and(|a| a.starts_with('-')) {
                j += 1;
            }
        }
        _ => return None,
    }
    (j < words.len()).then_some(j)
}

/// The script word of `sh -c SCRIPT` (options before it, possibly clustered: `-ec`, `-xc`) or
/// `su [user] -c SCRIPT` / `su --command=SCRIPT` (inline form is not followed).
fn script_argument<'w, 't>(
    base: &str,
    words: &'w [CmdWord<'t>],
    i: usize,
) -> Option<&'w CmdWord<'t>> {
    let mut j = i + 1;
    if base == "su" {
        while let Some(w) = words.get(j) {
            let a = w.literal?;
            if a == "-c" || a == "--command" || (is_short_cluster(a) && a.ends_with('c')) {
                return words.get(j + 1);
            }
            j += 1;
        }
        return None;
    }
    let mut has_c = false;
    while let Some(w) = words.get(j) {
        let a = w.literal?;
        if a == "--" {
            j += 1;
            break;
        }
        if a == "-o" || a == "+o" || a == "-O" || a == "+O" {
            j += 2;
            continue;
        }
        if a.starts_with("--") {
            j += 1;
            continue;
        }
        if is_short_cluster(a) || (a.len() > 1 && a.starts_with('+')) {
            has_c |= a.starts_with('-') && a.contains('c');
            j += 1;
            continue;
        }
        break;
    }
    if has_c {
        words.get(j)
    } else {
        None
    }
}

/// `-abc`: a cluster of short options.
fn is_short_cluster(a: &str) -> bool {
    a.len() > 1
        && a.starts_with('-')
        && !a.starts_with("--")
        && a.bytes().skip(1).all(|b| b.is_ascii_alphabetic())
}

/// A `sudo` at `words[i]`: its span, and what a fix could delete.
fn sudo_hit(name: &str, words: &[CmdWord<'_>], i: usize, map: Map<'_>) -> Hit {
    // Point inside the quotes of `"sudo"` (exec form, or a quoted shell word).
    let span = words.get(i).map_or(Span::default(), |w| {
        let quoted = w.raw.len() >= 2
            && ((w.raw.starts_with('"') && w.raw.ends_with('"'))
                || (w.raw.starts_with('\'') && w.raw.ends_with('\'')));
        if quoted && w.raw.get(1..w.raw.len() - 1) == w.literal && map.exact() {
            map.span(Span::new(w.span.start() + 1, w.span.end() - 1))
        } else {
            map.span(w.span)
        }
    });
    let (command_index, target_user, understood) = parse_sudo_options(words, i);
    let to_root = understood
        && target_user
            .as_deref()
            .is_none_or(|u| u == "root" || u == "0");
    let delete = match (command_index.and_then(|k| words.get(k)), words.get(i)) {
        (Some(cmd), Some(sudo)) if map.exact() && to_root => {
            Some(map.span(Span::new(sudo.span.start(), cmd.span.start())))
        }
        _ => None,
    };
    Hit {
        tool: name.to_owned(),
        span,
        delete,
        target_user: target_user.filter(|u| u != "root" && u != "0"),
        to_root,
    }
}

/// Reads sudo's options after `words[i]`: the index of the command it runs, the `-u` user if
/// any, and whether every option was one that keeps the meaning when sudo is removed as root
/// (`-E`, `-H`, `-n`, `-k`, `--preserve-env`, `--non-interactive`, `--set-home`, `-u root`).
fn parse_sudo_options(words: &[CmdWord<'_>], i: usize) -> (Option<usize>, Option<String>, bool) {
    let mut j = i + 1;
    let mut user = None;
    let mut understood = true;
    while let Some(w) = words.get(j) {
        let Some(a) = w.literal else {
            return (Some(j), user, understood);
        };
        if a == "--" {
            j += 1;
            break;
        }
        if !a.starts_with('-') || a == "-" {
            break;
        }
        match a {
            "--preserve-env" | "--non-interactive" | "--set-home" | "--reset-timestamp" => {}
            "-u" | "--user" => {
                let target = words.get(j + 1);
                // An unresolved `-u $NAME` is shown as written; no fix is offered for it.
                if target.is_none_or(|w| w.literal.is_none()) {
                    understood = false;
                }
                user = target.map(|w| w.literal.unwrap_or(w.raw).to_owned());
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
        j += 1;
    }
    let command = (j < words.len()).then_some(j);
    (command, user, understood && command.is_some())
}

/// Whether `heredoc` is run as a shell script: it is the whole command (`RUN <<EOF`), or the
/// standard input of a shell without `-c` (`RUN bash <<EOF`), and no `#!` names another
/// interpreter.
fn heredoc_is_script(text: &str, heredoc: &Heredoc) -> bool {
    let list = parse_commands(text);
    let carrier = list.commands.iter().find(|c| {
        c.redirects.iter().any(|r| {
            r.op.starts_with("<<")
                && r.op != "<<<"
                && r.target
                    .as_ref()
                    .is_some_and(|t| t.text().trim_matches(['"', '\'']) == heredoc.delimiter)
        })
    });
    let Some(cmd) = carrier else {
        return false;
    };
    let runs_as_script = match cmd.name().and_then(|w| w.literal.as_deref()) {
        None => cmd.name_index().is_none(),
        Some(name) => {
            let base = name.rsplit('/').next().unwrap_or(name);
            let words: Vec<CmdWord<'_>> = cmd
                .words
                .iter()
                .skip(cmd.name_index().unwrap_or(0))
                .map(|w| CmdWord {
                    literal: w.literal.as_deref(),
                    raw: w.raw,
                    span: w.span,
                })
                .collect();
            SHELLS.contains(&base) && script_argument(base, &words, 0).is_none()
        }
    };
    if !runs_as_script {
        return false;
    }
    match heredoc
        .content()
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("#!"))
    {
        Some(shebang) => {
            let mut parts = shebang.split_whitespace();
            let interpreter = parts.next().unwrap_or("");
            let interpreter = if interpreter.ends_with("/env") {
                parts.find(|p| !p.starts_with('-')).unwrap_or("")
            } else {
                interpreter
            };
            let base = interpreter.rsplit('/').next().unwrap_or(interpreter);
            SHELLS.contains(&base)
        }
        None => true,
    }
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
