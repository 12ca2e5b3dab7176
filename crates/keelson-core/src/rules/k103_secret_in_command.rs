//! K103 secret-in-command: a literal credential on a command line (Dockerfile `RUN`, `CMD`,
//! `ENTRYPOINT`, `HEALTHCHECK`; compose `command`, `entrypoint`, `healthcheck.test`):
//! `docker login -p`, `curl -u user:pass`, `Authorization:` headers, `mysql -p…`, `sshpass -p`,
//! `echo 'u:p' | chpasswd`, `.npmrc` tokens, passwords in URLs, `export TOKEN=…`.
//!
//! Command lines are split with keelson's shell lexer (`sh -c` strings, `$(…)` and `RUN <<EOF`
//! scripts included) and judged by [`secrets::scan_shell_words`]; passwords in URLs and `.npmrc`
//! lines on a command line come from [`secrets::scan_text`]. Provider-format tokens are K102's.
//! See `rules/K103-secret-in-command/README.md`.
//!
//! This file also tells K102 which parts of a file are command lines ([`dockerfile_regions`],
//! [`compose_regions`]), so that each finding belongs to one rule.

use std::collections::HashSet;
use std::ops::Range;

use keelson_model::compose::{CommandLine, ComposeProject, Loc, Text};
use keelson_syntax::dockerfile::{
    CommandForm, Dockerfile, Heredoc, Instruction, InstructionKind, Word,
};
use keelson_syntax::shell::{parse_commands, CommandList, ShellWord as LexedWord, SimpleCommand};
use keelson_syntax::Span;

use super::k101_secret_in_variable::{
    has_escaped_reference, names_a_secret, overlaps, place_of, placeholder_password,
    redact, Place,
};
use crate::commands::{basename, shell_commands};
use crate::context::{ComposeContext, DockerfileContext};
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, BOTH};
use crate::secrets::{self, SecretMatch};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Secrets,
    severity: Severity::Error,
    enabled_by_default: true,
    file_kinds: BOTH,
    peers: &[peer("checkov", "CKV2_DOCKER_17")],
    fixable: false,
};

pub(crate) struct SecretInCommand;
pub(crate) static RULE: SecretInCommand = SecretInCommand;

/// How deep `sh -c '…'` strings and `$(…)` substitutions are followed.
const MAX_DEPTH: u32 = 4;

impl Check for SecretInCommand {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        let tokens = cx.secret_tokens();
        let lineage = cx.model.final_lineage();
        for instruction in cx.syntax.instructions() {
            let place = cx
                .model
                .id_of(instruction)
                .map_or(Place::Final, |id| place_of(cx.model, id, &lineage));
            check_instruction(cx, instruction, &place, &tokens, out);
            if let Some(inner) = instruction.onbuild_inner() {
                check_instruction(cx, inner, &Place::Onbuild, &tokens, out);
            }
        }
    }

    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        let mut seen: HashSet<Loc> = HashSet::new();
        for service in &cx.project.services {
            let lines = [
                (service.command.as_ref(), CommandKey::Command),
                (service.entrypoint.as_ref(), CommandKey::Entrypoint),
                (
                    service.healthcheck.as_ref().and_then(|h| h.test.as_ref()),
                    CommandKey::Healthcheck,
                ),
            ];
            for (line, key) in lines {
                let Some(line) = line else {
                    continue;
                };
                let Some(file) = cx.project.file(line.loc.file) else {
                    continue;
                };
                let source: &str = &file.text;
                let file_tokens = cx.secret_tokens(line.loc.file);
                let mut found = Vec::new();
                scan_command_line(source, line, key, &mut found);
                add_generic(&file_tokens, source, &[line.loc.span], &mut found);
                for f in settle(found, &file_tokens) {
                    if has_escaped_reference(&f.secret)
                        || !plausible(&f)
                        || cx.secret_allowed(&f.secret)
                    {
                        continue;
                    }
                    let loc = Loc::new(line.loc.file, refine(source, f.span, &f.secret));
                    if !seen.insert(loc) {
                        continue;
                    }
                    let message = format!(
                        "{} in {}: it is committed with the compose file, and anyone who can list \
                         the container's processes or run `docker inspect` reads it",
                        subject(&f),
                        key.phrase()
                    );
                    let (fid, span) = cx.at(loc);
                    let finding = out.report_in(fid, span, message);
                    finding.help(
                        "read the secret inside the container from a file compose mounts \
                         (`secrets:`, at `/run/secrets/<name>`), or let the container's shell \
                         expand a variable (`$$TOKEN`) set from an `.env` file that is not \
                         committed; then change the secret",
                    );
                    if let Some(via) = line.via {
                        let (vfile, vspan) = cx.at(via);
                        finding.related(vfile, vspan, "brought into the service here");
                    }
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// What counts as a command line (shared with K102)

/// Kinds of [`secrets::scan_text`] that are generic formats rather than provider tokens: a
/// password in a URL, an `.npmrc` credential, a random-looking value assigned to a secret name.
/// On a command line they are K103's; in a value K101 reports, K101's; elsewhere K102's.
pub(super) fn is_generic_kind(kind: &str) -> bool {
    matches!(
        kind,
        "url-credentials" | "npmrc-auth-token" | "generic-secret-assignment"
    )
}

/// The source spans of a Dockerfile that are command lines: the command of every `RUN`, `CMD`,
/// `ENTRYPOINT` and `HEALTHCHECK` (`ONBUILD` ones included) and the `RUN` heredocs that are shell
/// scripts.
pub(super) fn dockerfile_regions(syntax: &Dockerfile) -> Vec<Span> {
    let mut regions = Vec::new();
    for instruction in syntax.instructions() {
        regions.extend(instruction_regions(instruction));
        if let Some(inner) = instruction.onbuild_inner() {
            regions.extend(instruction_regions(inner));
        }
    }
    regions
}

fn instruction_regions(instruction: &Instruction) -> Vec<Span> {
    let mut regions = Vec::new();
    if !is_command_instruction(instruction) {
        return regions;
    }
    match instruction.command() {
        Some(CommandForm::Shell(s)) => regions.push(s.text.span()),
        Some(CommandForm::Exec(e)) => regions.push(e.span),
        None => {}
    }
    regions.extend(script_heredocs(instruction).map(|h| h.body_span));
    regions
}

/// The compose command lines (`command`, `entrypoint`, `healthcheck.test`) of every service.
pub(super) fn compose_regions(project: &ComposeProject) -> Vec<Loc> {
    let mut regions = Vec::new();
    for service in &project.services {
        let lines = [
            service.command.as_ref(),
            service.entrypoint.as_ref(),
            service.healthcheck.as_ref().and_then(|h| h.test.as_ref()),
        ];
        regions.extend(lines.into_iter().flatten().map(|l| l.loc));
    }
    regions
}

fn is_command_instruction(instruction: &Instruction) -> bool {
    matches!(
        instruction.kind,
        InstructionKind::Run
            | InstructionKind::Cmd
            | InstructionKind::Entrypoint
            | InstructionKind::Healthcheck
    )
}

/// The heredocs of a `RUN` that are shell scripts: `RUN <<EOF` alone, or fed to a shell
/// (`RUN bash -e <<EOF`), unless a `#!` line names another interpreter. Heredocs fed to other
/// commands (`cat <<EOF > file`, `python3 <<EOF`) are data.
fn script_heredocs(instruction: &Instruction) -> impl Iterator<Item = &Heredoc> + '_ {
    // Lexing the header is only needed when there is a heredoc to classify.
    let is_run = instruction.kind == InstructionKind::Run && !instruction.heredocs.is_empty();
    let header_is_script = is_run
        && match instruction.command() {
            Some(CommandForm::Shell(s)) => {
                let list = parse_commands(s.text.as_str());
                list.commands.iter().all(|c| match command_name(c) {
                    None => true,
                    Some(name) => SHELLS.contains(&name),
                })
            }
            _ => false,
        };
    instruction.heredocs.iter().filter(move |h| {
        header_is_script && {
            let first = h.body.lines().next().unwrap_or("").trim();
            match first.strip_prefix("#!") {
                Some(interpreter) => {
                    let program = interpreter
                        .split_whitespace()
                        .find(|w| !w.ends_with("/env") && !w.starts_with('-'))
                        .unwrap_or("");
                    let program = program.rsplit('/').next().unwrap_or(program);
                    SHELLS.contains(&program)
                }
                None => true,
            }
        }
    })
}

const SHELLS: &[&str] = &["sh", "bash", "ash", "dash", "zsh", "ksh", "mksh"];

// ---------------------------------------------------------------------------------------------
// Scanning

/// A secret found on a command line.
struct Found {
    /// Where it is in the file.
    span: Span,
    /// The secret text (for the allowlist and the message).
    secret: String,
    kind: &'static str,
    description: &'static str,
}

/// Which compose key a command line is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CommandKey {
    Command,
    Entrypoint,
    Healthcheck,
}

impl CommandKey {
    fn phrase(self) -> &'static str {
        match self {
            CommandKey::Command => "a compose `command`",
            CommandKey::Entrypoint => "a compose `entrypoint`",
            CommandKey::Healthcheck => "a compose healthcheck `test`",
        }
    }
}

fn check_instruction<'a>(
    cx: &DockerfileContext<'a>,
    instruction: &'a Instruction,
    place: &Place,
    tokens: &[SecretMatch],
    out: &mut Reporter<'_>,
) {
    if !is_command_instruction(instruction) {
        return;
    }
    let mut found = Vec::new();
    match instruction.command() {
        Some(CommandForm::Shell(s)) => {
            let text = &s.text;
            if let Some(list) = shell_commands(cx, instruction) {
                scan_list(text.as_str(), &list, &|r| text.source_span(r), 0, &mut found);
            }
        }
        Some(CommandForm::Exec(e)) => {
            let words: Vec<ArgWord<'_>> = e.args.iter().map(|w| exec_word(cx.source, w)).collect();
            scan_argv(cx.source, &words, 0, &mut found);
        }
        None => {}
    }
    for h in script_heredocs(instruction) {
        let base = h.body_span.start();
        scan_script(&h.body, &|r| Span::new(base + r.start, base + r.end), 0, &mut found);
    }
    add_generic(tokens, cx.source, &instruction_regions(instruction), &mut found);
    let keyword = instruction.kind.name();
    for f in settle(found, tokens) {
        if !plausible(&f) || cx.secret_allowed(&f.secret) {
            continue;
        }
        let why = match (place, instruction.kind) {
            (Place::Builder(_), _) => {
                "that stage does not ship, but the command line is committed with the Dockerfile \
                 and kept in the build cache and the stage's history"
            }
            (Place::Onbuild, _) => {
                "every image built `FROM` this one runs it and records it in its history"
            }
            (Place::Final, InstructionKind::Run) => {
                "BuildKit records the command line in the image history, where anyone who can \
                 pull the image reads it with `docker history`"
            }
            (Place::Final, _) => {
                "it is stored in the image configuration (`docker inspect`) and visible in the \
                 process list of every container"
            }
        };
        let message = format!("{} in `{keyword}`{}: {why}", subject(&f), place.phrase());
        out.report(refine(cx.source, f.span, &f.secret), message)
            .severity(place.severity())
            .help(dockerfile_help(f.kind));
    }
}

/// Adds the generic text-format matches (URL passwords, `.npmrc` tokens) inside `regions`.
fn add_generic(tokens: &[SecretMatch], source: &str, regions: &[Span], found: &mut Vec<Found>) {
    for t in tokens {
        let inside = regions
            .iter()
            .any(|r| r.start() <= t.span.start() && t.span.end() <= r.end());
        if is_generic_kind(t.kind) && inside {
            found.push(Found {
                span: t.span,
                secret: t.span.text(source).to_string(),
                kind: t.kind,
                description: t.description,
            });
        }
    }
}

/// Whether a finding of one of the weakly structured kinds (a secret-named option, assignment or
/// `--env NAME=value`) is plausibly a secret: not a value that names a secret instead of being
/// one (`--aes-pwd proxy-secret` names a file, `--api-key top-secret`), and not a
/// `user:password` pair whose password part is a placeholder.
fn plausible(f: &Found) -> bool {
    let weak = matches!(
        f.kind,
        "cli-secret-flag" | "cli-secret-env" | "shell-secret-assignment" | "generic-secret-assignment"
    );
    !weak || !(names_a_secret(&f.secret) || placeholder_password(&f.secret))
}

/// Narrows a span that covers more than the secret (a value that could not be mapped byte for
/// byte, such as a folded YAML scalar) to the secret's only occurrence inside it.
fn refine(source: &str, span: Span, secret: &str) -> Span {
    if secret.is_empty() || span.len() == secret.len() {
        return span;
    }
    let region = span.text(source);
    let mut hits = region.match_indices(secret);
    match (hits.next(), hits.next()) {
        (Some((i, _)), None) => Span::new(span.start() + i, span.start() + i + secret.len()),
        _ => span,
    }
}

/// Drops findings that overlap a provider-format token (K102's) or an earlier finding, and sorts
/// them by position.
fn settle(mut found: Vec<Found>, tokens: &[SecretMatch]) -> Vec<Found> {
    found.retain(|f| {
        !tokens
            .iter()
            .any(|t| !is_generic_kind(t.kind) && overlaps(t.span, f.span))
    });
    // Shell-argument matches first at equal positions: their message is more precise.
    found.sort_by_key(|f| (f.span.start(), f.span.end(), is_generic_kind(f.kind)));
    let mut kept: Vec<Found> = Vec::with_capacity(found.len());
    for f in found {
        if kept.iter().any(|k| overlaps(k.span, f.span) || k.span == f.span) {
            continue;
        }
        kept.push(f);
    }
    kept
}

/// One argv word of an exec-form command.
struct ArgWord<'a> {
    /// The argument as the program receives it.
    text: &'a str,
    /// The whole word in the source (quotes included).
    span: Span,
    /// Source offset of `text[0]` when the text is a verbatim copy of the source.
    inner: Option<usize>,
}

impl ArgWord<'_> {
    fn map(&self, r: Range<usize>) -> Span {
        match self.inner {
            Some(o) if r.end <= self.text.len() => Span::new(o + r.start, o + r.end),
            _ => self.span,
        }
    }
}

fn exec_word<'a>(source: &str, w: &'a Word) -> ArgWord<'a> {
    let written = w.span.text(source);
    let inner = (written.len() == w.raw.len() + 2 && written.get(1..written.len() - 1) == Some(w.raw.as_str()))
        .then(|| w.span.start() + 1);
    ArgWord {
        text: &w.raw,
        span: w.span,
        inner,
    }
}

/// Scans an exec-form argv whose word spans point into `source`.
fn scan_argv(source: &str, words: &[ArgWord<'_>], depth: u32, found: &mut Vec<Found>) {
    let list: Vec<(&str, Span)> = words.iter().map(|w| (w.text, w.span)).collect();
    let mut matches = secrets::scan_shell_words(source, &list);
    matches.extend(redis_passwords(source, &list));
    for m in matches {
        push_match(&m, m.span.text(source), m.span, found);
    }
    let texts: Vec<&str> = words.iter().map(|w| w.text).collect();
    if let Some(i) = script_argument(&texts) {
        if let Some(w) = words.get(i) {
            scan_script(w.text, &|r| w.map(r), depth + 1, found);
        }
    }
}

/// Redis passwords on command lines, which [`secrets::scan_shell_words`] does not know:
/// `--requirepass X` / `--masterauth X` (redis-server, valkey-server, keydb-server, or the
/// arguments compose appends to their image's entrypoint) and `redis-cli -a X` / `--pass X`.
fn redis_passwords<W: secrets::ShellWord>(source: &str, words: &[W]) -> Vec<SecretMatch> {
    let mut out = Vec::new();
    let cli = words.iter().any(|w| {
        let t = w.text();
        let name = basename(t);
        matches!(name, "redis-cli" | "valkey-cli" | "keydb-cli")
    });
    for (i, w) in words.iter().enumerate() {
        let t = w.text();
        let flag = |f: &str| t.strip_prefix(f).is_some_and(|rest| rest.is_empty() || rest.starts_with(['=', ' ']));
        let is_server_flag = flag("--requirepass") || flag("--masterauth");
        let is_cli_flag = cli && (t == "-a" || flag("--pass"));
        if !is_server_flag && !is_cli_flag {
            continue;
        }
        // The value: after `=` or a space in the same word, else the next word.
        let inline = t.find(['=', ' ']).map(|p| p + 1);
        let (word, range) = match inline {
            Some(start) => (w, start..t.len()),
            None => match words.get(i + 1) {
                Some(next) => (next, 0..next.text().len()),
                None => continue,
            },
        };
        let Some(value) = word.text().get(range.clone()) else {
            continue;
        };
        let value_ok = match secrets::classify_value(value) {
            secrets::ValueClass::Literal => true,
            secrets::ValueClass::Number => value.len() >= 4,
            _ => false,
        };
        if !value_ok {
            continue;
        }
        out.push(SecretMatch {
            kind: "redis-password",
            description: "Redis password on the command line",
            span: locate(source, word.text(), word.span(), range),
            confidence: secrets::Confidence::Medium,
        });
    }
    out
}

/// The span of `range` of a word's `text` in `source`: exact when the word is written verbatim
/// or in one pair of quotes, else the whole word.
fn locate(source: &str, text: &str, span: Span, range: Range<usize>) -> Span {
    let written = span.text(source);
    let offset = if written == text {
        Some(0)
    } else if written.len() == text.len() + 2 && written.get(1..written.len() - 1) == Some(text) {
        Some(1)
    } else {
        None
    };
    match offset {
        Some(o) if range.end <= text.len() => Span::new(span.start() + o + range.start, span.start() + o + range.end),
        _ => span,
    }
}

/// Scans shell text; `map` turns a byte range of `text` into a source span.
fn scan_script(text: &str, map: &dyn Fn(Range<usize>) -> Span, depth: u32, found: &mut Vec<Found>) {
    if depth > MAX_DEPTH || text.trim().is_empty() {
        return;
    }
    scan_list(text, &parse_commands(text), map, depth, found);
}

/// [`scan_script`] for `text` already parsed into `list`.
fn scan_list(
    text: &str,
    list: &CommandList<'_>,
    map: &dyn Fn(Range<usize>) -> Span,
    depth: u32,
    found: &mut Vec<Found>,
) {
    let mut words: Vec<(String, Span)> = Vec::new();
    for cmd in &list.commands {
        for w in &cmd.words {
            words.push((w.text().to_string(), w.span));
            for sub in &w.substitutions {
                let start = sub.start();
                if let Some(inner) = text.get(sub.start()..sub.end()) {
                    scan_script(inner, &|r| map(start + r.start..start + r.end), depth + 1, found);
                }
            }
        }
        let texts: Vec<&str> = cmd.words.iter().map(|w| w.text()).collect();
        if let Some(w) = script_argument(&texts).and_then(|i| cmd.words.get(i)) {
            nested_script(w, map, depth, found);
        }
        if cmd.pipes_to_next() {
            if let Some(t) = cmd.terminator {
                words.push((t.op.as_str().to_string(), t.span));
                continue;
            }
        }
        flush(text, &mut words, map, found);
    }
    flush(text, &mut words, map, found);
}

/// Scans the script of `sh -c SCRIPT`, mapping its offsets through the quoted word.
fn nested_script(w: &LexedWord<'_>, map: &dyn Fn(Range<usize>) -> Span, depth: u32, found: &mut Vec<Found>) {
    let raw = w.raw;
    let start = w.span.start();
    let quoted = raw.len() >= 2
        && matches!(raw.as_bytes().first(), Some(b'\'' | b'"'))
        && raw.as_bytes().first() == raw.as_bytes().last();
    let (script, offset): (&str, Option<usize>) = match &w.literal {
        Some(lit) if lit == raw => (raw, Some(0)),
        Some(lit) if quoted && raw.get(1..raw.len() - 1) == Some(lit.as_str()) => (lit, Some(1)),
        Some(lit) => (lit, None),
        // Expansions inside: scan the text between the quotes as written.
        None if quoted => (raw.get(1..raw.len() - 1).unwrap_or(""), Some(1)),
        None => (raw, Some(0)),
    };
    let whole = w.span;
    scan_script(
        script,
        &|r| match offset {
            Some(o) => map(start + o + r.start..start + o + r.end),
            None => map(whole.start()..whole.end()),
        },
        depth + 1,
        found,
    );
}

fn flush(text: &str, words: &mut Vec<(String, Span)>, map: &dyn Fn(Range<usize>) -> Span, found: &mut Vec<Found>) {
    if words.is_empty() {
        return;
    }
    let mut matches = secrets::scan_shell_words(text, words);
    matches.extend(redis_passwords(text, words));
    for m in matches {
        let secret = m.span.text(text);
        let span = map(m.span.start()..m.span.end());
        push_match(&m, secret, span, found);
    }
    words.clear();
}

fn push_match(m: &SecretMatch, secret: &str, span: Span, found: &mut Vec<Found>) {
    found.push(Found {
        span,
        secret: secret.to_string(),
        kind: m.kind,
        description: m.description,
    });
}

/// The index of the script word of `sh -c SCRIPT` / `su -c SCRIPT` (after `sudo`, `env`, …).
fn script_argument(words: &[&str]) -> Option<usize> {
    let mut i = skip_wrappers(words, 0);
    let name = words.get(i).map(|w| basename(w))?;
    i += 1;
    if matches!(name, "su" | "runuser") {
        while i < words.len() {
            let w = words.get(i)?;
            if *w == "-c" || *w == "--command" {
                return (i + 1 < words.len()).then_some(i + 1);
            }
            i += 1;
        }
        return None;
    }
    if !SHELLS.contains(&name) {
        return None;
    }
    let mut saw_c = false;
    while let Some(w) = words.get(i) {
        if *w == "--" {
            i += 1;
            break;
        }
        if let Some(flags) = w.strip_prefix('-').filter(|f| !f.starts_with('-') && !f.is_empty()) {
            if flags.contains('c') {
                saw_c = true;
            }
            if flags.ends_with('o') {
                i += 1; // `-o pipefail`
            }
            i += 1;
            continue;
        }
        if let Some(flags) = w.strip_prefix('+') {
            if flags.ends_with('o') {
                i += 1;
            }
            i += 1;
            continue;
        }
        if w.starts_with("--") {
            i += 1;
            continue;
        }
        break;
    }
    (saw_c && i < words.len()).then_some(i)
}

/// Skips `sudo [-u user]`, `env [NAME=value]`, `exec`, `nohup`, `time`, `nice`, `gosu user`,
/// `su-exec user`, `timeout 10`, and leading `NAME=value` assignments.
fn skip_wrappers(words: &[&str], mut i: usize) -> usize {
    while let Some(w) = words.get(i) {
        let name = basename(w);
        if is_assignment(w) {
            i += 1;
            continue;
        }
        match name {
            "exec" | "nohup" | "time" | "command" | "builtin" | "then" | "do" | "!" => i += 1,
            "sudo" | "env" | "nice" | "timeout" | "doas" => {
                i += 1;
                while let Some(a) = words.get(i) {
                    if a.starts_with('-') {
                        let takes = matches!(
                            (name, *a),
                            ("sudo" | "doas", "-u" | "-g" | "-C" | "-D" | "-h" | "-p" | "-U")
                                | ("env", "-u" | "-C" | "-S")
                                | ("nice", "-n")
                                | ("timeout", "-s" | "-k")
                        );
                        i += if takes { 2 } else { 1 };
                    } else if name == "env" && is_assignment(a) {
                        i += 1;
                    } else {
                        break;
                    }
                }
                if name == "timeout" {
                    i += 1;
                }
            }
            "gosu" | "su-exec" | "chpst" => i += 2,
            _ => break,
        }
    }
    i
}

fn is_assignment(w: &str) -> bool {
    match w.split_once('=') {
        Some((name, _)) => {
            let mut b = name.bytes();
            b.next().is_some_and(|c| c.is_ascii_alphabetic() || c == b'_')
                && b.all(|c| c.is_ascii_alphanumeric() || c == b'_')
        }
        None => false,
    }
}

/// The name of a simple command, looking through wrappers (`sudo bash` is `bash`).
fn command_name<'a>(cmd: &'a SimpleCommand<'_>) -> Option<&'a str> {
    let texts: Vec<&str> = cmd.words.iter().map(|w| w.text()).collect();
    let start = cmd.name_index()?;
    let i = skip_wrappers(&texts, start);
    let w = cmd.words.get(i)?.text();
    Some(basename(w))
}

/// The compose command line's words: the string form is a shell command; the list form is an
/// argv (`healthcheck.test` starts with `CMD` or `CMD-SHELL`).
fn scan_command_line(source: &str, line: &CommandLine, key: CommandKey, found: &mut Vec<Found>) {
    let args: &[Text] = &line.args;
    if line.shell_form {
        for text in args {
            scan_text_script(text, found);
        }
        return;
    }
    let args = if key == CommandKey::Healthcheck {
        match args.first().map(|a| a.value.as_str()) {
            Some("CMD-SHELL") => {
                for text in args.get(1..).unwrap_or(&[]) {
                    scan_text_script(text, found);
                }
                return;
            }
            Some("CMD") => args.get(1..).unwrap_or(&[]),
            _ => return,
        }
    } else {
        args
    };
    let words: Vec<ArgWord<'_>> = args
        .iter()
        .filter(|t| t.loc.file == line.loc.file)
        .map(|t| {
            let full = t.loc_of(Span::new(0, t.raw.len())).span;
            ArgWord {
                text: &t.raw,
                span: full,
                inner: (full.text(source) == t.raw).then(|| full.start()),
            }
        })
        .collect();
    scan_argv(source, &words, 0, found);
}

fn scan_text_script(text: &Text, found: &mut Vec<Found>) {
    scan_script(&text.raw, &|r| text.loc_of(Span::new(r.start, r.end)).span, 0, found);
}

// ---------------------------------------------------------------------------------------------
// Messages

fn subject(f: &Found) -> String {
    let shown = redact(&f.secret);
    match f.kind {
        "docker-login-password" => format!("registry password `{shown}` passed to `login`"),
        "curl-credentials" => format!("password `{shown}` passed to `curl --user`"),
        "http-auth-header" => format!("credential `{shown}` in an HTTP authorization header"),
        "mysql-password" => format!("MySQL password `{shown}` passed with `-p`/`--password`"),
        "sshpass-password" => format!("password `{shown}` passed to `sshpass -p`"),
        "htpasswd-password" => format!("password `{shown}` passed to `htpasswd -b`"),
        "openssl-password" => format!("password `{shown}` passed to `openssl`"),
        "chpasswd-password" => format!("account password `{shown}` piped to `chpasswd`/`passwd`"),
        "npmrc-auth-token" => format!("npm registry token `{shown}` written out"),
        "cli-config-secret" => format!("secret `{shown}` stored with `configure set`"),
        "cli-secret-flag" => format!("secret `{shown}` passed in a command-line option"),
        "cli-secret-env" => format!("secret `{shown}` passed as `NAME=value` to `--env`/`--build-arg`"),
        "shell-secret-assignment" => format!("secret `{shown}` assigned to a secret-named shell variable"),
        "redis-password" => format!("Redis password `{shown}` passed on the command line"),
        "url-credentials" => format!("password `{shown}` written into a URL"),
        _ => format!("{} `{shown}`", f.description),
    }
}

fn dockerfile_help(kind: &str) -> &'static str {
    match kind {
        "docker-login-password" => {
            "log in with `--password-stdin` and a build secret: `RUN --mount=type=secret,id=registry \
             docker login -u <user> --password-stdin < /run/secrets/registry`; then change the \
             password"
        }
        "curl-credentials" | "http-auth-header" => {
            "mount the credential as a build secret and read it there: `RUN \
             --mount=type=secret,id=netrc,target=/root/.netrc curl --netrc …` or `-H \"@/run/secrets/auth_header\"`; \
             then change the credential"
        }
        "mysql-password" => {
            "pass the password in an option file mounted as a build secret \
             (`--mount=type=secret,id=mycnf` and `mysql --defaults-extra-file=/run/secrets/mycnf`); \
             then change the password"
        }
        "sshpass-password" => {
            "use key authentication through `RUN --mount=type=ssh`, or `sshpass -f /run/secrets/<id>` \
             with a build secret; then change the password"
        }
        "chpasswd-password" => {
            "do not give accounts in an image a known password: lock them (`passwd -l`), or set \
             the password when the container starts from a secret (`chpasswd < /run/secrets/<id>`)"
        }
        "npmrc-auth-token" => {
            "mount the `.npmrc` as a build secret instead of writing it: `RUN \
             --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci`; then revoke the token"
        }
        "url-credentials" => {
            "take the credential from a build secret (`RUN --mount=type=secret,id=git_token …` \
             and `$(cat /run/secrets/git_token)` in the URL), or use `RUN --mount=type=ssh` for \
             git; then change the password"
        }
        _ => {
            "read the value from a build secret (`RUN --mount=type=secret,id=<id>`, then \
             `$(cat /run/secrets/<id>)` or `--mount=type=secret,id=<id>,env=<NAME>`) or from a \
             variable set when the container starts, never from a literal; then change the secret"
        }
    }
}
