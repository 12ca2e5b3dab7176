//! K809 undefined-variable: an instruction that BuildKit expands (`COPY`, `ENV`, `WORKDIR`, …)
//! uses a variable that is not defined there, in one of the cases where that is certainly a
//! mistake: an `ARG` declared before the first `FROM` but not re-declared in the stage, a
//! platform argument without `ARG`, or a misspelling of a defined variable. See
//! `rules/K809-undefined-variable/README.md`.

use keelson_model::dockerfile::env::PLATFORM_ARGS;
use keelson_model::dockerfile::{Stage, VarKind, VarRef, VarsView};
use keelson_syntax::dockerfile::{Instruction, InstructionArgs, Word};
use keelson_syntax::Span;

use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Edit, Fix, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Correctness,
    severity: Severity::Warning,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    peers: &[peer("buildkit", "UndefinedVar")],
    fixable: true,
};

pub(crate) struct UndefinedVariable;
pub(crate) static RULE: UndefinedVariable = UndefinedVariable;

impl Check for UndefinedVariable {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        let global = cx.model.global_vars();
        for stage in &cx.model.stages {
            let mut reported: Vec<String> = Vec::new();
            for (id, ins) in cx.model.stage_instructions(cx.syntax, stage) {
                let Some(vars) = cx.model.vars_at(id) else {
                    continue;
                };
                for word in expanded_words(ins) {
                    let expansion = vars.expand(&word.raw);
                    for r in &expansion.refs {
                        if r.set || r.fallback || r.origin.is_some() || reported.contains(&r.name) {
                            continue;
                        }
                        let Some(kind) = classify(r, &global, &vars) else {
                            continue;
                        };
                        reported.push(r.name.clone());
                        let at = ref_span(r, word);
                        report(cx, out, stage, r, kind, at);
                    }
                }
            }
        }
    }
}

/// Why an undefined reference is certainly a mistake.
enum Kind {
    /// Declared before the first `FROM` (only `FROM` lines see it).
    GlobalOnly(Option<Span>),
    /// A BuildKit platform argument used without `ARG NAME` in the stage.
    Platform,
    /// Close to a variable that is defined here.
    Typo(String),
}

fn classify(r: &VarRef, global: &VarsView, vars: &VarsView) -> Option<Kind> {
    if PLATFORM_ARGS.contains(&r.name.as_str()) {
        return Some(Kind::Platform);
    }
    if let Some(var) = global.var(&r.name) {
        if var.origin.kind == VarKind::Arg || var.origin.kind == VarKind::BuildArg {
            return Some(Kind::GlobalOnly(var.origin.span));
        }
        return None;
    }
    let typo = vars
        .iter()
        .map(|(k, _)| k)
        .find(|k| is_typo_of(&r.name, k))?;
    Some(Kind::Typo(typo.to_owned()))
}

/// `name` differs from the defined `known` only in case, or by one edit in a long name.
fn is_typo_of(name: &str, known: &str) -> bool {
    let letters = |s: &str| {
        s.chars()
            .filter(|c| !c.is_ascii_digit())
            .collect::<String>()
    };
    // `file3` next to `file2` is a numbered series, not a typo.
    if name == known || letters(name) == letters(known) && !name.eq_ignore_ascii_case(known) {
        return false;
    }
    name.eq_ignore_ascii_case(known)
        || (name.len() >= 5
            && known.len() >= 5
            && super::k806_copy_from_undefined_stage::edit_distance(name, known) == 1)
}

fn report(
    cx: &DockerfileContext<'_>,
    out: &mut Reporter<'_>,
    stage: &Stage,
    r: &VarRef,
    kind: Kind,
    at: Span,
) {
    let name = &r.name;
    match kind {
        Kind::GlobalOnly(decl) => {
            let finding = out.report(
                at,
                format!(
                    "`${name}` is empty here: the `ARG {name}` before the first `FROM` is only visible \
                     to `FROM` lines, and this stage does not declare it again"
                ),
            );
            finding.help(format!("add `ARG {name}` (without a value: it inherits the default) at the start of the stage"));
            if let Some(fix) = insert_arg(cx, stage, name) {
                finding.fix(fix);
            }
            if let Some(span) = decl {
                finding.related(cx.file, span, "declared here, outside the stage");
            }
        }
        Kind::Platform => {
            let finding = out.report(
                at,
                format!(
                    "`${name}` is empty here: BuildKit defines `{name}` for `FROM` lines, but a stage \
                     only sees it after an `ARG {name}`"
                ),
            );
            finding.help(format!("add `ARG {name}` at the start of the stage"));
            if let Some(fix) = insert_arg(cx, stage, name) {
                finding.fix(fix);
            }
        }
        Kind::Typo(known) => {
            out.report(
                at,
                format!(
                    "`${name}` is not defined here, but `{known}` is: a misspelt variable expands to an \
                     empty string"
                ),
            )
            .help(format!("did you mean `${known}`?"));
        }
    }
}

/// Inserts `ARG name` after the stage's `FROM` line.
fn insert_arg(cx: &DockerfileContext<'_>, stage: &Stage, name: &str) -> Option<Fix> {
    let from: &Instruction = cx.model.instruction(cx.syntax, stage.from)?;
    let end = from.span.end();
    let newline = if cx.source.get(end..).is_some_and(|r| r.starts_with("\r\n")) {
        "\r\n"
    } else {
        "\n"
    };
    Some(Fix::safe(
        format!("declare `ARG {name}` in the stage"),
        vec![Edit::insert(end, format!("{newline}ARG {name}"))],
    ))
}

/// The words of an instruction that BuildKit expands with the stage's variables.
fn expanded_words(ins: &Instruction) -> Vec<&Word> {
    match &ins.view {
        InstructionArgs::Env(kv) | InstructionArgs::Label(kv) => kv
            .pairs
            .iter()
            .flat_map(|p| std::iter::once(&p.key).chain(p.value.as_ref()))
            .collect(),
        InstructionArgs::Arg(a) => a.args.iter().filter_map(|p| p.value.as_ref()).collect(),
        InstructionArgs::Copy(c) | InstructionArgs::Add(c) => c
            .sources
            .iter()
            .enumerate()
            .filter(|(i, _)| c.heredoc_sources.get(*i).copied().flatten().is_none())
            .map(|(_, w)| w)
            .chain(c.destination.as_ref())
            .collect(),
        InstructionArgs::User(s) | InstructionArgs::Workdir(s) | InstructionArgs::Stopsignal(s) => {
            s.value.iter().collect()
        }
        InstructionArgs::Expose(l) | InstructionArgs::Volume(l) => l.words.iter().collect(),
        _ => Vec::new(),
    }
}

/// The source span of a reference inside `word` when the word is written without continuation
/// lines; else the whole word.
fn ref_span(r: &VarRef, word: &Word) -> Span {
    if word.span.len() == word.raw.len() && r.span.end() <= word.raw.len() {
        r.span.shift(word.span.start())
    } else {
        word.span
    }
}
