//! The typed views of instruction arguments, built the way BuildKit's line parsers split them,
//! plus the argument checks BuildKit's `instructions` package makes.

use std::ops::Range;

use super::ast::*;
use super::flags::{parse_mount, RawFlag};
use super::heredoc::parse_heredoc_word;
use super::instruction::{parse_instruction, MAX_ONBUILD_DEPTH};
use super::json::{parse_json_array, JsonArray};
use super::lines::is_go_space;
use super::logical::LogicalText;
use super::words::{parse_words, split_whitespace};
use crate::span::Span;

/// Everything a view builder needs.
pub(crate) struct ViewInput<'a> {
    pub kind: InstructionKind,
    pub keyword: &'a str,
    pub keyword_span: Span,
    pub header_span: Span,
    pub args: &'a LogicalText,
    pub flags: &'a [Flag],
    pub raw_flags: &'a [RawFlag],
    /// Offset in `line` that the raw flag offsets are relative to.
    pub flags_base: usize,
    pub line: &'a LogicalText,
    pub escape: char,
    pub depth: usize,
    pub errors: &'a mut Vec<ParseError>,
}

impl ViewInput<'_> {
    fn error(&mut self, span: Span, kind: ParseErrorKind, message: impl Into<String>) {
        self.errors.push(ParseError {
            span,
            kind,
            message: message.into(),
        });
    }

    /// An error about the argument count, pointing at the whole instruction line.
    fn count_error(&mut self, message: impl Into<String>) {
        let span = self.header_span;
        self.error(span, ParseErrorKind::WrongArgumentCount, message);
    }

    fn word(&self, range: Range<usize>) -> Word {
        Word {
            raw: self
                .args
                .as_str()
                .get(range.clone())
                .unwrap_or("")
                .to_string(),
            span: self.args.source_span(range),
        }
    }

    fn name(&self) -> &'static str {
        self.kind.name()
    }
}

/// Builds the typed view for an instruction and records argument errors.
pub(crate) fn build_view(mut input: ViewInput<'_>) -> InstructionArgs {
    match input.kind {
        InstructionKind::From => InstructionArgs::From(from_args(&mut input)),
        InstructionKind::Run => {
            let command = maybe_json(&mut input);
            let mounts = input
                .raw_flags
                .iter()
                .zip(input.flags)
                .filter(|(_, f)| f.name == "mount")
                .filter_map(|(raw, _)| parse_mount(raw, input.line, input.flags_base))
                .collect();
            InstructionArgs::Run(RunArgs { command, mounts })
        }
        InstructionKind::Cmd => InstructionArgs::Cmd(CommandArgs {
            command: maybe_json(&mut input),
        }),
        InstructionKind::Entrypoint => InstructionArgs::Entrypoint(CommandArgs {
            command: maybe_json(&mut input),
        }),
        InstructionKind::Shell => InstructionArgs::Shell(shell_args(&mut input)),
        InstructionKind::Copy => InstructionArgs::Copy(copy_args(&mut input)),
        InstructionKind::Add => InstructionArgs::Add(copy_args(&mut input)),
        InstructionKind::Env => InstructionArgs::Env(name_val(&mut input)),
        InstructionKind::Label => InstructionArgs::Label(name_val(&mut input)),
        InstructionKind::Arg => InstructionArgs::Arg(arg_args(&mut input)),
        InstructionKind::User => InstructionArgs::User(string_arg(&mut input)),
        InstructionKind::Workdir => InstructionArgs::Workdir(string_arg(&mut input)),
        InstructionKind::Stopsignal => InstructionArgs::Stopsignal(string_arg(&mut input)),
        InstructionKind::Maintainer => InstructionArgs::Maintainer(string_arg(&mut input)),
        InstructionKind::Expose => {
            let words: Vec<Word> = split_whitespace(input.args.as_str())
                .into_iter()
                .map(|r| input.word(r))
                .collect();
            if words.is_empty() {
                input.count_error("EXPOSE requires at least one argument");
            }
            InstructionArgs::Expose(WordList {
                words,
                exec_form: false,
            })
        }
        InstructionKind::Volume => {
            let list = maybe_json_to_list(&mut input);
            if let Some(list) = &list {
                if list.words.is_empty() {
                    input.count_error("VOLUME requires at least one argument");
                }
                for w in &list.words {
                    if w.raw.trim().is_empty() && list.exec_form {
                        input.error(
                            w.span,
                            ParseErrorKind::WrongArgumentCount,
                            "VOLUME specified can not be an empty string",
                        );
                    }
                }
            }
            InstructionArgs::Volume(list.unwrap_or_default())
        }
        InstructionKind::Healthcheck => InstructionArgs::Healthcheck(healthcheck_args(&mut input)),
        InstructionKind::Onbuild => InstructionArgs::Onbuild(onbuild_args(&mut input)),
        InstructionKind::Unknown => {
            let mut message = format!("unknown instruction: {}", input.keyword);
            if let Some(s) = suggest_keyword(input.keyword) {
                message.push_str(&format!(" (did you mean {s}?)"));
            }
            let span = input.keyword_span;
            input.error(span, ParseErrorKind::UnknownInstruction, message);
            InstructionArgs::Unknown
        }
    }
}

/// The closest known keyword, when the unknown one is a likely typo.
fn suggest_keyword(keyword: &str) -> Option<&'static str> {
    let max = match keyword.chars().count() {
        0..=2 | 17.. => return None,
        3 => 1,
        _ => 2,
    };
    let upper = keyword.to_ascii_uppercase();
    InstructionKind::ALL
        .iter()
        .map(|k| (edit_distance(&upper, k.name()), k.name()))
        .filter(|(d, _)| *d <= max)
        .min_by_key(|(d, _)| *d)
        .map(|(_, name)| name)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev.last().copied().unwrap_or(0)
}

/// BuildKit's `parseMaybeJSON`: a JSON array of strings, else shell form.
fn maybe_json(input: &mut ViewInput<'_>) -> Option<CommandForm> {
    maybe_json_text(input, &input.args.clone())
}

fn maybe_json_text(input: &mut ViewInput<'_>, text: &LogicalText) -> Option<CommandForm> {
    if text.is_empty() {
        return None;
    }
    match parse_json_array(text.as_str()) {
        JsonArray::Strings(strings, whole) => Some(CommandForm::Exec(ExecForm {
            args: strings
                .into_iter()
                .map(|(raw, range)| Word {
                    raw,
                    span: text.source_span(range),
                })
                .collect(),
            span: text.source_span(whole),
        })),
        JsonArray::NotStringArray => {
            input.error(
                text.span(),
                ParseErrorKind::InvalidJson,
                "when using JSON array syntax, arrays must be comprised of strings only",
            );
            None
        }
        JsonArray::NotJson => Some(CommandForm::Shell(ShellForm { text: text.clone() })),
    }
}

/// BuildKit's `parseMaybeJSONToList`: a JSON array of strings, else whitespace-separated words.
/// `None` after a JSON error.
fn maybe_json_to_list(input: &mut ViewInput<'_>) -> Option<WordList> {
    match parse_json_array(input.args.as_str()) {
        JsonArray::Strings(strings, _) => Some(WordList {
            words: strings
                .into_iter()
                .map(|(raw, range)| Word {
                    raw,
                    span: input.args.source_span(range),
                })
                .collect(),
            exec_form: true,
        }),
        JsonArray::NotStringArray => {
            let span = input.args.span();
            input.error(
                span,
                ParseErrorKind::InvalidJson,
                "when using JSON array syntax, arrays must be comprised of strings only",
            );
            None
        }
        JsonArray::NotJson => Some(WordList {
            words: split_whitespace(input.args.as_str())
                .into_iter()
                .map(|r| input.word(r))
                .collect(),
            exec_form: false,
        }),
    }
}

fn from_args(input: &mut ViewInput<'_>) -> FromArgs {
    let words: Vec<Word> = split_whitespace(input.args.as_str())
        .into_iter()
        .map(|r| input.word(r))
        .collect();
    let mut out = FromArgs {
        image: words.first().cloned(),
        platform: input.flags.iter().find(|f| f.name == "platform").cloned(),
        ..FromArgs::default()
    };
    if words.len() == 3 && words[1].raw.eq_ignore_ascii_case("as") {
        out.as_keyword = Some(words[1].clone());
        let name = &words[2];
        let lower = name.raw.to_lowercase();
        let valid = lower.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && lower
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c));
        if !valid {
            input.error(
                name.span,
                ParseErrorKind::InvalidStageName,
                format!(
                    "invalid name for build stage: {:?}, name can't start with a number or contain symbols",
                    name.raw
                ),
            );
        }
        out.stage_name = Some(name.clone());
    } else if words.len() != 1 {
        input.count_error("FROM requires either one or three arguments");
    }
    out.words = words;
    out
}

fn shell_args(input: &mut ViewInput<'_>) -> CommandArgs {
    let command = maybe_json(input);
    match &command {
        Some(CommandForm::Shell(s)) => {
            let span = s.text.span();
            input.error(
                span,
                ParseErrorKind::InvalidForm,
                "SHELL requires the arguments to be in JSON form",
            );
        }
        Some(CommandForm::Exec(e)) if e.args.is_empty() => {
            input.count_error("SHELL requires at least one argument");
        }
        None if input.args.is_empty() => input.count_error("SHELL requires at least one argument"),
        _ => {}
    }
    CommandArgs { command }
}

fn copy_args(input: &mut ViewInput<'_>) -> CopyArgs {
    let Some(list) = maybe_json_to_list(input) else {
        return CopyArgs {
            exec_form: true,
            ..CopyArgs::default()
        };
    };
    let mut words = list.words;
    if words.len() < 2 {
        let name = input.name();
        input.count_error(format!(
            "{name} requires at least two arguments, but only {} provided. Destination could not be determined",
            if words.is_empty() { "none was" } else { "one was" }
        ));
    }
    let destination = if words.len() >= 2 { words.pop() } else { None };
    if let Some(dest) = &destination {
        if !list.exec_form && parse_heredoc_word(&dest.raw).is_some() {
            let name = input.name();
            input.error(
                dest.span,
                ParseErrorKind::InvalidForm,
                format!("{name} cannot accept a heredoc as a destination"),
            );
        }
    }
    CopyArgs {
        heredoc_sources: vec![None; words.len()],
        sources: words,
        destination,
        exec_form: list.exec_form,
    }
}

/// BuildKit's `parseNameVal` for `ENV` and `LABEL`: `key=value …`, or the legacy `key value`.
fn name_val(input: &mut ViewInput<'_>) -> KeyValueArgs {
    let args = input.args.clone();
    let text = args.as_str();
    let words = parse_words(text, input.escape);
    let name = input.name();
    let Some(first) = words.first() else {
        input.count_error(format!("{name} requires at least one argument"));
        return KeyValueArgs::default();
    };
    if !first.text(text).contains('=') {
        let parts = split_whitespace(text);
        let key_range = parts.first().cloned().unwrap_or(0..0);
        let Some(second) = parts.get(1) else {
            let span = input.header_span;
            input.error(
                span,
                ParseErrorKind::InvalidKeyValue,
                format!("{name} must have two arguments"),
            );
            return KeyValueArgs {
                pairs: vec![KeyValue {
                    span: input.args.source_span(key_range.clone()),
                    key: input.word(key_range),
                    value: None,
                }],
                legacy: true,
            };
        };
        let value_range = second.start..text.len();
        return KeyValueArgs {
            pairs: vec![KeyValue {
                span: input.args.source_span(key_range.start..value_range.end),
                key: input.word(key_range),
                value: Some(input.word(value_range)),
            }],
            legacy: true,
        };
    }
    let mut pairs = Vec::with_capacity(words.len());
    for w in &words {
        let span = input.args.source_span(w.range.clone());
        let w_text = w.text(text);
        let Some(eq) = w_text.find('=') else {
            input.error(
                span,
                ParseErrorKind::InvalidKeyValue,
                format!(
                    "Syntax error - can't find = in {w_text:?}. Must be of the form: name=value"
                ),
            );
            continue;
        };
        let key = Word {
            raw: w_text.get(..eq).unwrap_or("").to_string(),
            span: input.args.source_span(w.range.start..w.range.start + eq),
        };
        let value = Word {
            raw: w_text.get(eq + 1..).unwrap_or("").to_string(),
            span: input
                .args
                .source_span((w.range.start + eq + 1).min(w.range.end)..w.range.end),
        };
        if key.raw.is_empty() {
            input.error(
                span,
                ParseErrorKind::BlankName,
                format!("{name} names can not be blank"),
            );
        }
        pairs.push(KeyValue {
            span,
            key,
            value: Some(value),
        });
    }
    KeyValueArgs {
        pairs,
        legacy: false,
    }
}

fn arg_args(input: &mut ViewInput<'_>) -> ArgArgs {
    let args = input.args.clone();
    let text = args.as_str();
    let words = parse_words(text, input.escape);
    if words.is_empty() {
        input.count_error("ARG requires at least one argument");
    }
    let mut args = Vec::with_capacity(words.len());
    for w in words {
        let span = input.args.source_span(w.range.clone());
        let w_text = w.text(text);
        let (key, value) = match w_text.find('=') {
            Some(eq) => (
                Word {
                    raw: w_text.get(..eq).unwrap_or("").to_string(),
                    span: input.args.source_span(w.range.start..w.range.start + eq),
                },
                Some(Word {
                    raw: w_text.get(eq + 1..).unwrap_or("").to_string(),
                    span: input
                        .args
                        .source_span((w.range.start + eq + 1).min(w.range.end)..w.range.end),
                }),
            ),
            None => (
                Word {
                    raw: w_text.to_string(),
                    span,
                },
                None,
            ),
        };
        if key.raw.is_empty() {
            input.error(
                span,
                ParseErrorKind::BlankName,
                "ARG names can not be blank",
            );
        }
        args.push(KeyValue { span, key, value });
    }
    ArgArgs { args }
}

fn string_arg(input: &mut ViewInput<'_>) -> StringArg {
    if input.args.is_empty() {
        let name = input.name();
        input.count_error(format!("{name} requires exactly one argument"));
        return StringArg { value: None };
    }
    StringArg {
        value: Some(input.word(0..input.args.len())),
    }
}

fn healthcheck_args(input: &mut ViewInput<'_>) -> HealthcheckArgs {
    let args = input.args.clone();
    let text = args.as_str();
    if text.is_empty() {
        input.count_error("HEALTHCHECK requires at least one argument");
        return HealthcheckArgs::default();
    }
    let sep = text.find(is_go_space).unwrap_or(text.len());
    let rest = text.get(sep..).unwrap_or("");
    let next = sep + (rest.len() - rest.trim_start_matches(is_go_space).len());
    let kind = input.word(0..sep);
    let command = maybe_json_text(input, &args.slice(next..text.len()));
    let typ = kind.raw.to_ascii_uppercase();
    match typ.as_str() {
        "NONE" => {
            if command.is_some() {
                input.count_error("HEALTHCHECK NONE takes no arguments");
            }
        }
        "CMD" => {
            let empty = match &command {
                None => true,
                Some(CommandForm::Exec(e)) => e.args.is_empty(),
                Some(CommandForm::Shell(_)) => false,
            };
            if empty {
                input.count_error("Missing command after HEALTHCHECK CMD");
            }
        }
        _ => {
            input.error(
                kind.span,
                ParseErrorKind::InvalidForm,
                format!("Unknown type {:?} in HEALTHCHECK (try CMD)", typ),
            );
        }
    }
    HealthcheckArgs {
        kind: Some(kind),
        command,
    }
}

fn onbuild_args(input: &mut ViewInput<'_>) -> OnbuildArgs {
    if input.args.is_empty() {
        input.count_error("ONBUILD requires at least one argument");
        return OnbuildArgs { inner: None };
    }
    if input.depth >= MAX_ONBUILD_DEPTH {
        input.count_error("ONBUILD is nested too deeply");
        return OnbuildArgs { inner: None };
    }
    let inner = parse_instruction(
        input.args.clone(),
        input.escape,
        input.depth + 1,
        input.errors,
    );
    match inner.kind {
        InstructionKind::Onbuild => input.error(
            inner.keyword_span,
            ParseErrorKind::InvalidForm,
            "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed",
        ),
        InstructionKind::From | InstructionKind::Maintainer => input.error(
            inner.keyword_span,
            ParseErrorKind::InvalidForm,
            format!("{} isn't allowed as an ONBUILD trigger", inner.kind.name()),
        ),
        _ => {}
    }
    OnbuildArgs {
        inner: Some(Box::new(inner)),
    }
}

/// Points the heredoc sources of `COPY`/`ADD` at the heredocs read for the instruction.
pub(crate) fn link_heredoc_sources(instr: &mut Instruction) {
    let heredocs = instr.heredocs.clone();
    // BuildKit looks heredocs up by name; with duplicates the last one wins.
    let by_name: std::collections::HashMap<&str, usize> = heredocs
        .iter()
        .enumerate()
        .map(|(i, h)| (h.delimiter.as_str(), i))
        .collect();
    let target = match &mut instr.view {
        InstructionArgs::Onbuild(o) => match o.inner.as_deref_mut() {
            Some(inner) => {
                inner.heredocs = heredocs.clone();
                &mut inner.view
            }
            None => return,
        },
        view => view,
    };
    if let InstructionArgs::Copy(c) | InstructionArgs::Add(c) = target {
        if c.exec_form {
            return;
        }
        for (slot, src) in c.heredoc_sources.iter_mut().zip(&c.sources) {
            *slot =
                parse_heredoc_word(&src.raw).and_then(|h| by_name.get(h.name.as_str()).copied());
        }
    }
}
