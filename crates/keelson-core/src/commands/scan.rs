//! Walking a `RUN`: lexing its text, following scripts and mapping words back to the source.

use keelson_syntax::dockerfile::{CommandForm, Heredoc, Instruction, LogicalText};
use keelson_syntax::shell::{parse_commands, CommandList, Operator, SimpleCommand};
use keelson_syntax::Span;

use super::wrappers::{script_argument, wrapped_command, SHELLS};
use super::{basename, Command, Origin, Pipeline, Redirect, Word, Wrapper};

/// How deep `sh -c`, `su -c` and `$(…)` are followed.
const MAX_DEPTH: usize = 4;

/// Where the text being lexed lives in the source.
#[derive(Clone, Copy)]
pub(super) enum Map<'a> {
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

/// A word of the lexed text, before it is mapped to the source.
#[derive(Clone, Copy)]
pub(super) struct Lexed<'t> {
    /// The value after quote removal, when it has no expansion.
    pub(super) literal: Option<&'t str>,
    /// As written.
    pub(super) raw: &'t str,
    /// Where it is in the lexed text.
    pub(super) span: Span,
}

/// What the walk is collecting into, and where it is.
struct Walk<'o> {
    out: &'o mut Vec<Command>,
}

/// Where a script being walked comes from.
#[derive(Clone, Copy)]
struct Ctx {
    origin: Origin,
    parent: Option<usize>,
    depth: usize,
    /// The source span of the word holding the substitution being walked.
    in_word: Option<Span>,
}

pub(super) fn scan_run(run: &Instruction, source: &str) -> Vec<Command> {
    scan_run_parsed(run, source, None)
}

/// [`scan_run`], given the shell form's commands when they were parsed already
/// ([`super::shell_commands`]).
pub(super) fn scan_run_parsed(
    run: &Instruction,
    source: &str,
    parsed: Option<&CommandList<'_>>,
) -> Vec<Command> {
    let mut out = Vec::new();
    let mut walk = Walk { out: &mut out };
    match run.command() {
        Some(CommandForm::Shell(shell)) => {
            let text = shell.text.as_str();
            let owned;
            let list = match parsed {
                Some(list) => list,
                None => {
                    owned = parse_commands(text);
                    &owned
                }
            };
            let map = Map::Logical {
                text: &shell.text,
                base: 0,
            };
            let top = Ctx {
                origin: Origin::Shell,
                parent: None,
                depth: 0,
                in_word: None,
            };
            walk.script_list(text, list, map, top);
            for heredoc in &run.heredocs {
                if heredoc_is_script(list, heredoc) {
                    let ctx = Ctx {
                        origin: Origin::Heredoc,
                        parent: None,
                        depth: 1,
                        in_word: None,
                    };
                    walk.script(
                        &heredoc.body,
                        Map::Source {
                            base: heredoc.body_span.start(),
                        },
                        ctx,
                    );
                }
            }
        }
        Some(CommandForm::Exec(exec)) => {
            // Exec-form words carry their own source spans (quotes included).
            let words: Vec<Lexed<'_>> = exec
                .args
                .iter()
                .map(|w| Lexed {
                    literal: Some(w.raw.as_str()),
                    raw: w.span.text(source),
                    span: w.span,
                })
                .collect();
            // A `sh -c` string is JSON-decoded: follow it exactly only when it is verbatim.
            let inner = |w: &Lexed<'_>| -> Map<'static> {
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
            let span = exec.span;
            let ctx = Ctx {
                origin: Origin::Exec,
                parent: None,
                depth: 0,
                in_word: None,
            };
            let pos = Pipeline { index: 0, len: 1 };
            walk.command(
                &words,
                &[],
                Vec::new(),
                span,
                None,
                pos,
                Map::Source { base: 0 },
                ctx,
                &inner,
            );
        }
        None => {}
    }
    out
}

impl Walk<'_> {
    /// Lexes `text` and records every simple command, and those of its substitutions.
    fn script(&mut self, text: &str, map: Map<'_>, ctx: Ctx) {
        if ctx.depth > MAX_DEPTH {
            return;
        }
        self.script_list(text, &parse_commands(text), map, ctx);
    }

    /// [`Walk::script`] for `text` already parsed into `list`.
    fn script_list(&mut self, text: &str, list: &CommandList<'_>, map: Map<'_>, ctx: Ctx) {
        let positions = pipeline_positions(&list.commands);
        // The command reading a process substitution `<(…)` being walked.
        let mut reader: Option<usize> = None;
        for (cmd, pos) in list.commands.iter().zip(positions) {
            let here = match reader {
                Some(p) => Ctx {
                    origin: Origin::ProcessSubstitution,
                    parent: Some(p),
                    depth: ctx.depth + 1,
                    in_word: None,
                },
                None => ctx,
            };
            let index = self.simple(text, cmd, pos, map, here);
            let term = cmd.terminator.map(|t| t.op);
            if term == Some(Operator::RParen) {
                reader = None;
            }
            let opens_process_sub = term == Some(Operator::LParen)
                && cmd
                    .redirects
                    .last()
                    .is_some_and(|r| r.target.is_none() && matches!(r.op, "<" | ">"));
            if opens_process_sub && reader.is_none() {
                reader = index;
            }
        }
    }

    /// Records one simple command (and walks its substitutions and `sh -c` string); returns
    /// its index in the output.
    fn simple(
        &mut self,
        text: &str,
        cmd: &SimpleCommand<'_>,
        pos: Pipeline,
        map: Map<'_>,
        ctx: Ctx,
    ) -> Option<usize> {
        let name_index = cmd.name_index();
        let lexed: Vec<Lexed<'_>> = cmd
            .words
            .iter()
            .map(|w| Lexed {
                literal: w.literal.as_deref(),
                raw: w.raw,
                span: w.span,
            })
            .collect();
        let redirects = cmd
            .redirects
            .iter()
            .map(|r| Redirect {
                op: r.op.to_owned(),
                fd: r.fd,
                target: r.target.as_ref().map(|t| {
                    word(
                        Lexed {
                            literal: t.literal.as_deref(),
                            raw: t.raw,
                            span: t.span,
                        },
                        map,
                    )
                }),
            })
            .collect();
        let index = match name_index {
            Some(start) => {
                let assignments = lexed
                    .get(..start)
                    .unwrap_or(&[])
                    .iter()
                    .filter(|w| w.raw.contains('='))
                    .copied()
                    .collect::<Vec<_>>();
                let words = lexed.get(start..).unwrap_or(&[]);
                self.command(
                    words,
                    &assignments,
                    redirects,
                    map.span(cmd.span),
                    cmd.terminator.map(|t| t.op),
                    pos,
                    map,
                    ctx,
                    &|w: &Lexed<'_>| quoted_map(w, map),
                )
            }
            None => None,
        };
        let parent = index.or(ctx.parent);
        for w in &cmd.words {
            for sub in &w.substitutions {
                if let Some(inner) = text.get(sub.start()..sub.end()) {
                    let sub_ctx = Ctx {
                        origin: Origin::Substitution,
                        parent,
                        depth: ctx.depth + 1,
                        in_word: Some(map.span(w.span)),
                    };
                    self.script(inner, map.shift(sub.start()), sub_ctx);
                }
            }
        }
        index
    }

    /// Records the command whose name is `words[0]` (skipping wrappers) and walks the script of
    /// a `sh -c` / `su -c`; returns its index in the output.
    #[allow(clippy::too_many_arguments)] // One call site per form; a struct would only rename them.
    fn command<'m>(
        &mut self,
        words: &[Lexed<'_>],
        assignments: &[Lexed<'_>],
        redirects: Vec<Redirect>,
        span: Span,
        next: Option<Operator>,
        pipeline: Pipeline,
        map: Map<'m>,
        ctx: Ctx,
        inner_map: &dyn Fn(&Lexed<'_>) -> Map<'m>,
    ) -> Option<usize> {
        let mut i = 0;
        let mut wrappers = Vec::new();
        for _ in 0..8 {
            let Some(next_index) = wrapped_command(words, i) else {
                break;
            };
            let (Some(w), Some(cmd)) = (words.get(i), words.get(next_index)) else {
                break;
            };
            wrappers.push(Wrapper {
                word: word(*w, map),
                options: words
                    .get(i + 1..next_index)
                    .unwrap_or(&[])
                    .iter()
                    .map(|o| word(*o, map))
                    .collect(),
                delete: map
                    .exact()
                    .then(|| map.span(Span::new(w.span.start(), cmd.span.start()))),
            });
            i = next_index;
        }
        let name = words.get(i)?;
        let command = Command {
            assignments: assignments.iter().map(|w| word(*w, map)).collect(),
            wrappers,
            name_word: word(*name, map),
            args: words
                .get(i + 1..)
                .unwrap_or(&[])
                .iter()
                .map(|w| word(*w, map))
                .collect(),
            redirects,
            span,
            next,
            pipeline,
            origin: ctx.origin,
            parent: ctx.parent,
            in_word: ctx.in_word,
        };
        self.out.push(command);
        let index = self.out.len() - 1;
        if let Some(script) = script_argument(words, i) {
            let inner = Ctx {
                origin: Origin::ShellString,
                parent: Some(index),
                depth: ctx.depth + 1,
                in_word: None,
            };
            if inner.depth <= MAX_DEPTH {
                if let Some(text) = script.literal {
                    self.script(text, inner_map(script), inner);
                } else if let Some(text) = double_quoted_inner(script.raw) {
                    // `sh -c "… $VAR …"`: the outer shell expands the variables first; lexing
                    // the text as written keeps them as expansions, which is what rules need.
                    // Escapes (`\"`) make the text differ from the value, so spans are the
                    // whole word then.
                    let inner_text_map = if text.contains('\\') {
                        Map::Whole(map.span(script.span))
                    } else {
                        map.shift(script.span.start() + 1)
                    };
                    self.script(text, inner_text_map, inner);
                }
            }
        }
        Some(index)
    }
}

/// The text inside a word that is one double-quoted string (`"…"`) with variables but no
/// command substitution, without the quotes.
fn double_quoted_inner(raw: &str) -> Option<&str> {
    let inner = raw.strip_prefix('"')?.strip_suffix('"')?;
    // Substitutions are walked from the outer word already (with `in_word`).
    if inner.contains("$(") || inner.contains('`') {
        return None;
    }
    // A `"` left inside means the word is several quoted parts (`"a"$b"c"`).
    let mut escaped = false;
    for c in inner.chars() {
        match c {
            '\\' => escaped = !escaped,
            '"' if !escaped => return None,
            _ => escaped = false,
        }
    }
    Some(inner)
}

/// The position of each command in its pipeline.
fn pipeline_positions(commands: &[SimpleCommand<'_>]) -> Vec<Pipeline> {
    let mut out: Vec<Pipeline> = Vec::with_capacity(commands.len());
    let mut start = 0;
    for (i, cmd) in commands.iter().enumerate() {
        let index = i - start;
        out.push(Pipeline { index, len: 1 });
        if !cmd.pipes_to_next() {
            let len = i + 1 - start;
            for p in out.get_mut(start..).unwrap_or(&mut []) {
                p.len = len;
            }
            start = i + 1;
        }
    }
    let len = commands.len().saturating_sub(start);
    for p in out.get_mut(start..).unwrap_or(&mut []) {
        p.len = len;
    }
    out
}

/// A lexed word mapped to the source.
fn word(w: Lexed<'_>, map: Map<'_>) -> Word {
    Word {
        literal: w.literal.map(str::to_owned),
        raw: w.raw.to_owned(),
        span: map.span(w.span),
        exact: map.exact(),
    }
}

/// The map of the text inside a quoted shell word (`'…'`, or `"…"` without escapes or
/// expansions), else the whole word.
fn quoted_map<'a>(w: &Lexed<'_>, map: Map<'a>) -> Map<'a> {
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

/// Whether `heredoc` is run as a shell script: it is the whole command (`RUN <<EOF`), or the
/// standard input of a shell without `-c` (`RUN bash <<EOF`), and no `#!` names another
/// interpreter.
fn heredoc_is_script(list: &CommandList<'_>, heredoc: &Heredoc) -> bool {
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
            let words: Vec<Lexed<'_>> = cmd
                .words
                .iter()
                .skip(cmd.name_index().unwrap_or(0))
                .map(|w| Lexed {
                    literal: w.literal.as_deref(),
                    raw: w.raw,
                    span: w.span,
                })
                .collect();
            SHELLS.contains(&basename(name)) && script_argument(&words, 0).is_none()
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
            SHELLS.contains(&basename(interpreter))
        }
        None => true,
    }
}
