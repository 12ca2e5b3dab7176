//! What a `RUN` step runs: every command, with its arguments mapped back into the Dockerfile.
//!
//! Rules that look at commands (`sudo`, `curl … | sh`, `apt-get install` without versions, …)
//! must look at command names and their arguments, never at raw substrings. This module lexes a
//! `RUN` once with the shell lexer and hands rules a flat list of [`Command`]s.
//!
//! # Using it from a rule
//!
//! ```ignore
//! use crate::commands::{run_commands, run_steps};
//!
//! for step in run_steps(cx) {                      // every RUN (and ONBUILD RUN), with its stage
//!     for cmd in run_commands(cx, step.instruction) {
//!         if cmd.name() == "apt-get" && cmd.operands(&[]).first().is_some_and(|w| w.is("install")) {
//!             out.report(cmd.name_word.span, "…");
//!         }
//!     }
//! }
//! ```
//!
//! - [`run_steps`] yields every `RUN` and `ONBUILD RUN` with its [`InstructionId`] and
//!   [`Stage`]; steps run by `cmd`/PowerShell (a Windows `SHELL`) are skipped.
//! - [`run_commands`] lists the commands of one step (a `RUN`, or an `ONBUILD RUN`); for use
//!   without a model (no Windows-shell check) there is [`commands_of_run`].
//! - A [`Command`] has the command [`name`](Command::name) (basename, after wrappers), the
//!   [`wrappers`](Command::wrappers) that ran it (`sudo`, `env VAR=x`, `nice`, `xargs`, `time`,
//!   `exec`, `command`, `nohup`, `timeout`, `gosu`, `su-exec`, `doas`, `chroot`), its
//!   [`args`](Command::args), the `VAR=x` [`assignments`](Command::assignments) written before
//!   it, its redirections, the [`next`](Command::next) operator (`|`, `&&`, `||`, `;`, newline),
//!   its [`pipeline`](Command::pipeline) position and its [`origin`](Command::origin).
//! - A [`Word`] has its `literal` value (quotes removed; `None` when it holds `$VAR` or `$(…)`),
//!   its `raw` text and its `span` **in the Dockerfile**. Inside a string that is not a verbatim
//!   copy of the source (a JSON-escaped `sh -c` string in exec form, a `"…"` string with escapes),
//!   every word's span is the whole enclosing string and `exact` is `false`: point at it, but do
//!   not offer edits there.
//! - Followed: shell form (continuation lines, `&&`/`||`/`;`/`|` lists, `if`/`for`/`while`
//!   bodies, subshells), exec form, heredoc scripts (`RUN <<EOF`, `RUN bash <<EOF`, unless a `#!`
//!   names another interpreter), the string of `sh -c '…'` / `bash -ec "…"` / `su user -c '…'`,
//!   `$(…)` and backtick substitutions, and process substitutions `<(…)`. Nested commands record
//!   their [`parent`](Command::parent) (index in the same list): the shell of a `sh -c` string,
//!   the command whose word holds the `$(…)`, the command reading the `<(…)`.
//! - Option helpers: [`Command::has_option`] (exact words such as `--insecure`),
//!   [`Command::has_short`] (a letter in a `-fsSLk` cluster, stopping at letters that take a
//!   value), [`Command::option_value`] (`--index-url=x`, `--index-url x`, `-i x`) and
//!   [`Command::operands`] (the non-option words, given which options take a value).
//!
//! Nothing here panics on input, and the depth of `sh -c` / `$(…)` nesting followed is bounded.

mod env;
mod scan;
mod wrappers;

#[cfg(test)]
mod tests;

use keelson_model::dockerfile::{InstructionId, Stage};
use keelson_syntax::dockerfile::{CommandForm, Instruction, InstructionKind};
use keelson_syntax::shell::{parse_commands, CommandList, Operator};
use keelson_syntax::Span;
use std::rc::Rc;

use crate::context::DockerfileContext;

pub(crate) use env::{env_settings, EnvCache};
pub(crate) use wrappers::SHELLS;

/// One word of a command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Word {
    /// The value after quote removal; `None` when the word holds an expansion (`$V`, `$(…)`).
    pub(crate) literal: Option<String>,
    /// The word as written in the lexed text (quotes and escapes kept).
    pub(crate) raw: String,
    /// Where the word is in the Dockerfile (quotes included); the enclosing string's span when
    /// `exact` is `false`.
    pub(crate) span: Span,
    /// Whether `span` is exactly this word (so edits may be offered there).
    pub(crate) exact: bool,
}

impl Word {
    /// The literal value, else the raw text.
    pub(crate) fn text(&self) -> &str {
        self.literal.as_deref().unwrap_or(&self.raw)
    }

    /// Whether the literal value is `s`.
    pub(crate) fn is(&self, s: &str) -> bool {
        self.literal.as_deref() == Some(s)
    }

    /// The span of the value: inside the quotes of a simply quoted literal (`"sudo"`,
    /// `'x'`), else [`Word::span`].
    pub(crate) fn value_span(&self) -> Span {
        let raw = self.raw.as_str();
        let quoted = raw.len() >= 2
            && ((raw.starts_with('"') && raw.ends_with('"'))
                || (raw.starts_with('\'') && raw.ends_with('\'')));
        if self.exact && quoted && raw.get(1..raw.len() - 1) == self.literal.as_deref() {
            Span::new(self.span.start() + 1, self.span.end().saturating_sub(1))
        } else {
            self.span
        }
    }
}

/// A command that runs another command (`sudo`, `env`, `nice`, `xargs`, …).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Wrapper {
    /// The wrapper's own word (`sudo`, `/usr/bin/env`).
    pub(crate) word: Word,
    /// Its options and arguments before the wrapped command (`-u`, `app`, `VAR=x`).
    pub(crate) options: Vec<Word>,
    /// From the wrapper word up to the wrapped command's name: what deleting the wrapper would
    /// remove. `None` when the text does not map exactly onto the source.
    pub(crate) delete: Option<Span>,
}

impl Wrapper {
    /// The wrapper's name without its directory (`sudo` for `/usr/bin/sudo`).
    pub(crate) fn name(&self) -> &str {
        basename(self.word.text())
    }
}

/// Where a command was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Origin {
    /// The shell form of the `RUN`.
    Shell,
    /// The exec form `RUN ["…", …]`.
    Exec,
    /// A heredoc run as a shell script (`RUN <<EOF`, `RUN bash <<EOF`).
    Heredoc,
    /// The script string of `sh -c '…'` or `su -c '…'`.
    ShellString,
    /// A `$(…)` or backtick command substitution.
    Substitution,
    /// A process substitution `<(…)` / `>(…)`.
    ProcessSubstitution,
}

/// A redirection of a command (`> /dev/null`, `2>&1`, `<<EOF`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Redirect {
    /// The operator (`>`, `>>`, `<`, `<<`, `2>` has `fd` 2 and op `>`, …).
    pub(crate) op: String,
    /// The file descriptor written before the operator.
    pub(crate) fd: Option<u32>,
    /// The target word; `None` for a process substitution `<(…)`.
    pub(crate) target: Option<Word>,
}

/// The position of a command in its pipeline (`a | b | c`: `b` is index 1 of 3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Pipeline {
    /// 0-based position.
    pub(crate) index: usize,
    /// Number of commands in the pipeline (1 when the command is not piped).
    pub(crate) len: usize,
}

/// One simple command found in a `RUN`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Command {
    /// `VAR=value` words written before the command (or before its wrappers).
    pub(crate) assignments: Vec<Word>,
    /// The wrappers that run it, outermost first (`sudo env X=1 cmd`: `sudo`, `env`).
    pub(crate) wrappers: Vec<Wrapper>,
    /// The command name as written (`/usr/bin/curl`); see [`Command::name`].
    pub(crate) name_word: Word,
    /// The words after the name.
    pub(crate) args: Vec<Word>,
    /// The redirections.
    pub(crate) redirects: Vec<Redirect>,
    /// The whole simple command in the Dockerfile (assignments, wrappers and redirections
    /// included).
    pub(crate) span: Span,
    /// The operator that joins it to the next command, if any.
    pub(crate) next: Option<Operator>,
    /// Its position in its pipeline.
    pub(crate) pipeline: Pipeline,
    /// Where it was found.
    pub(crate) origin: Origin,
    /// Index (in the same list) of the command it is nested in: the `sh` of a `sh -c` string,
    /// the command holding a `$(…)`, the command reading a `<(…)`.
    pub(crate) parent: Option<usize>,
    /// For a command inside a `$(…)` substitution: the source span of the word that holds the
    /// substitution (compare it with the parent's words: `sh -c "$(curl …)"`).
    pub(crate) in_word: Option<Span>,
}

impl Command {
    /// The command name without its directory (`curl` for `/usr/bin/curl`); empty when the
    /// name holds an expansion (`$PKG install`).
    pub(crate) fn name(&self) -> &str {
        self.name_word.literal.as_deref().map_or("", basename)
    }

    /// The first wrapper called `name` (`sudo`, `env`, …).
    #[allow(dead_code)] // API for command rules; not every part is used by a rule yet.
    pub(crate) fn wrapper(&self, name: &str) -> Option<&Wrapper> {
        self.wrappers.iter().find(|w| w.name() == name)
    }

    /// Whether the command's output goes into the next command (`|`, `|&`).
    pub(crate) fn pipes_to_next(&self) -> bool {
        matches!(self.next, Some(Operator::Pipe | Operator::PipeAmp))
    }

    /// Whether the command is part of a pipeline of two or more commands.
    #[allow(dead_code)] // API for command rules; not every part is used by a rule yet.
    pub(crate) fn in_pipeline(&self) -> bool {
        self.pipeline.len > 1
    }

    /// The arguments before `--` (where options can be).
    fn option_words(&self) -> impl Iterator<Item = &Word> + '_ {
        self.args.iter().take_while(|w| !w.is("--"))
    }

    /// The first argument (before `--`) whose literal is one of `names` (`-k`, `--insecure`),
    /// or that starts with `name=` for a long option in `names`.
    pub(crate) fn has_option(&self, names: &[&str]) -> Option<&Word> {
        self.option_words().find(|w| {
            w.literal.as_deref().is_some_and(|a| {
                names.iter().any(|n| {
                    a == *n
                        || (n.starts_with("--")
                            && a.strip_prefix(n).is_some_and(|r| r.starts_with('=')))
                })
            })
        })
    }

    /// The first short-option cluster (before `--`) that contains the letter `c` (`-fsSLk` for
    /// `k`). Letters in `with_value` take a value, so what follows them in the cluster is not
    /// options (`-ofile` does not contain `-f`).
    pub(crate) fn has_short(&self, c: char, with_value: &str) -> Option<&Word> {
        self.option_words().find(|w| {
            let Some(a) = w.literal.as_deref() else {
                return false;
            };
            let Some(letters) = a.strip_prefix('-') else {
                return false;
            };
            if letters.is_empty() || letters.starts_with('-') {
                return false;
            }
            for l in letters.chars() {
                if l == c {
                    return true;
                }
                if with_value.contains(l) || !l.is_ascii_alphanumeric() {
                    return false;
                }
            }
            false
        })
    }

    /// The value of option `long` (`--name=value` or `--name value`) or of the short option
    /// `short` (`-x value`, `-xvalue`): the option word and the value (a part of it for the
    /// attached forms, so its span is the option word's).
    pub(crate) fn option_value(&self, long: &str, short: Option<char>) -> Option<(&Word, Word)> {
        let words: Vec<&Word> = self.option_words().collect();
        for (i, w) in words.iter().enumerate() {
            let Some(a) = w.literal.as_deref() else {
                continue;
            };
            let part = |v: &str| Word {
                literal: Some(v.to_owned()),
                raw: v.to_owned(),
                span: w.span,
                exact: false,
            };
            if a == long {
                return words.get(i + 1).map(|v| (*w, (*v).clone()));
            }
            if let Some(v) = a.strip_prefix(long).and_then(|r| r.strip_prefix('=')) {
                return Some((w, part(v)));
            }
            if let Some(s) = short {
                let mut chars = a.chars();
                if chars.next() == Some('-') && chars.next() == Some(s) {
                    let rest = chars.as_str();
                    if rest.is_empty() {
                        return words.get(i + 1).map(|v| (*w, (*v).clone()));
                    }
                    if !a.starts_with("--") {
                        return Some((w, part(rest)));
                    }
                }
            }
        }
        None
    }

    /// The operands: arguments that are not options. Options listed in `with_value` (`-o`,
    /// `--index-url`) take the next word as their value unless written `--name=value`; every
    /// word after `--` is an operand. A short cluster whose last letter takes a value
    /// (`-fo file`) is recognised when that letter is listed as `-o`.
    pub(crate) fn operands(&self, with_value: &[&str]) -> Vec<&Word> {
        let mut out = Vec::new();
        let mut i = 0;
        let mut after_dashdash = false;
        while let Some(w) = self.args.get(i) {
            i += 1;
            if after_dashdash {
                out.push(w);
                continue;
            }
            let Some(a) = w.literal.as_deref() else {
                out.push(w);
                continue;
            };
            if a == "--" {
                after_dashdash = true;
                continue;
            }
            if a.len() > 1 && a.starts_with('-') {
                let takes = with_value.contains(&a)
                    || (!a.starts_with("--")
                        && a.len() > 2
                        && a.chars().all(|c| c == '-' || c.is_ascii_alphabetic())
                        && a.get(a.len() - 1..)
                            .is_some_and(|last| with_value.contains(&format!("-{last}").as_str())));
                if takes {
                    i += 1;
                }
                continue;
            }
            out.push(w);
        }
        out
    }
}

/// Whether `text` contains `needle` (ASCII letters in any case), without lower-casing a copy:
/// the cheap test that rules out most words before a rule parses one.
pub(crate) fn contains_ignore_case(text: &str, needle: &str) -> bool {
    let needle = needle.as_bytes();
    needle.is_empty()
        || text
            .as_bytes()
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle))
}

/// `name` without its directory.
pub(crate) fn basename(name: &str) -> &str {
    // A byte scan: command names are short, and rules ask for every command's name, so the
    // general string searcher's set-up cost showed in profiles.
    match name.bytes().rposition(|b| b == b'/') {
        Some(i) => name.get(i + 1..).unwrap_or(name),
        None => name,
    }
}

/// A `RUN` step of the Dockerfile.
#[derive(Clone, Copy)]
pub(crate) struct RunStep<'a> {
    /// The instruction as written: the `RUN`, or the `ONBUILD` that holds it.
    pub(crate) instruction: &'a Instruction,
    /// The `RUN` itself.
    pub(crate) run: &'a Instruction,
    /// The id of [`RunStep::instruction`] in the model.
    pub(crate) id: Option<InstructionId>,
    /// The stage that holds it (`None` before the first `FROM`).
    pub(crate) stage: Option<&'a Stage>,
}

impl RunStep<'_> {
    /// Whether the step is an `ONBUILD RUN` trigger (it runs in a child image, whose user and
    /// variables this file does not decide).
    pub(crate) fn is_onbuild(&self) -> bool {
        self.instruction.kind == InstructionKind::Onbuild
    }

    /// Whether the step runs in this build, in a stage of `lineage` (the stages that end up in
    /// the image, [`keelson_model::dockerfile::DockerfileModel::final_lineage`]): builder
    /// stages are thrown away, and an `ONBUILD` step runs in another build.
    pub(crate) fn ships_in(&self, lineage: &[usize]) -> bool {
        !self.is_onbuild() && self.stage.is_some_and(|s| lineage.contains(&s.index))
    }

    /// Whether the `RUN` mounts a build cache (`--mount=type=cache`), which keeps a package
    /// manager's cache out of the image on purpose.
    pub(crate) fn uses_cache_mount(&self) -> bool {
        match &self.run.view {
            keelson_syntax::dockerfile::InstructionArgs::Run(r) => {
                r.mounts.iter().any(|m| m.mount_type() == "cache")
            }
            _ => false,
        }
    }
}

/// Every `RUN` and `ONBUILD RUN` of the file in order, with its stage; steps run by `cmd` or
/// PowerShell (a Windows `SHELL`) are skipped.
pub(crate) fn run_steps<'a>(cx: &DockerfileContext<'a>) -> impl Iterator<Item = RunStep<'a>> + 'a {
    let steps = steps_of(cx);
    (0..steps.len()).filter_map(move |i| steps.get(i).copied())
}

/// The steps of [`run_steps`], found once per lint and kept in the context.
fn steps_of<'a>(cx: &DockerfileContext<'a>) -> Rc<[RunStep<'a>]> {
    let syntax = cx.syntax;
    let model = cx.model;
    let steps = cx.run_cache.steps.get_or_init(|| {
        syntax
            .instructions()
            .filter_map(|ins| {
                let run = run_of(ins)?;
                let id = model.id_of(ins);
                if id.is_some_and(|id| windows_shell(model, id)) {
                    return None;
                }
                Some(RunStep {
                    instruction: ins,
                    run,
                    id,
                    stage: id.and_then(|id| model.stage_of(id)),
                })
            })
            .collect()
    });
    Rc::clone(steps)
}

/// The commands of `ins`, a `RUN` or an `ONBUILD RUN` (empty for other instructions and for
/// steps run by a Windows shell).
///
/// The result is computed once per step and kept in the context: some thirty rules look at
/// the commands of every `RUN`, and lexing each one again per rule dominated the time of a
/// lint.
pub(crate) fn run_commands(cx: &DockerfileContext<'_>, ins: &Instruction) -> Rc<[Command]> {
    let steps = steps_of(cx);
    let Ok(i) = steps.binary_search_by_key(&ins.span.start(), |s| s.instruction.span.start())
    else {
        // Not a step of the file: another instruction, a step under a Windows shell, or the
        // `RUN` inside an `ONBUILD` passed on its own.
        return match run_of(ins) {
            Some(run)
                if !cx
                    .model
                    .id_of(ins)
                    .is_some_and(|id| windows_shell(cx.model, id)) =>
            {
                commands_of_run(run, cx.source).into()
            }
            _ => Rc::from(Vec::new()),
        };
    };
    cx.run_cache
        .commands
        .get_or_compute(i, || match steps.get(i) {
            Some(step) => {
                let parsed = shell_commands(cx, step.run);
                scan::scan_run_parsed(step.run, cx.source, parsed.as_deref()).into()
            }
            None => Rc::from(Vec::new()),
        })
}

/// The simple commands of the shell form of `ins` (a `RUN`, `CMD`, `ENTRYPOINT`, ...), lexed
/// once per lint and shared: the RUN commands above and K103, which reads the words as
/// lexed, both start from them. `None` for the exec form and instructions without a command.
pub(crate) fn shell_commands<'a>(
    cx: &DockerfileContext<'a>,
    ins: &'a Instruction,
) -> Option<Rc<CommandList<'a>>> {
    let Some(CommandForm::Shell(shell)) = ins.command() else {
        return None;
    };
    let key = ins.span.start();
    if let Some(hit) = cx.run_cache.shell.borrow().get(&key) {
        return Some(Rc::clone(hit));
    }
    let list = Rc::new(parse_commands(shell.text.as_str()));
    cx.run_cache
        .shell
        .borrow_mut()
        .insert(key, Rc::clone(&list));
    Some(list)
}

/// The per-file memo of [`run_steps`], [`run_commands`] and [`shell_commands`]: the steps in
/// source order, the commands of each step (by its index) once lexed, and the parsed shell
/// form of instructions by their start offset.
#[derive(Default)]
pub(crate) struct RunCache<'a> {
    steps: std::cell::OnceCell<Rc<[RunStep<'a>]>>,
    commands: crate::memo::IndexMemo<[Command]>,
    shell: std::cell::RefCell<std::collections::HashMap<usize, Rc<CommandList<'a>>>>,
}

/// The commands of a `RUN` instruction (`source` is the Dockerfile text, used for exec-form
/// words), without looking at the model.
pub(crate) fn commands_of_run(run: &Instruction, source: &str) -> Vec<Command> {
    scan::scan_run(run, source)
}

/// The `RUN` of `ins`: itself, or the trigger of an `ONBUILD RUN`.
fn run_of(ins: &Instruction) -> Option<&Instruction> {
    match ins.kind {
        InstructionKind::Run => Some(ins),
        InstructionKind::Onbuild => ins
            .onbuild_inner()
            .filter(|i| i.kind == InstructionKind::Run),
        _ => None,
    }
}

/// Whether the step runs under `cmd` or PowerShell (a Windows image: no POSIX shell).
fn windows_shell(model: &keelson_model::dockerfile::DockerfileModel, id: InstructionId) -> bool {
    model
        .shell_at(id)
        .and_then(|s| s.program())
        .is_some_and(|p| matches!(p.as_str(), "cmd" | "powershell" | "pwsh"))
}
