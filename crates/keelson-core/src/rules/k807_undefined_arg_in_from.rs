//! K807 undefined-arg-in-from: a `FROM` line uses a variable that no `ARG` before the first
//! `FROM` declares (and that BuildKit does not predefine). See
//! `rules/K807-undefined-arg-in-from/README.md`.

use keelson_model::dockerfile::{Expansion, VarRef};
use keelson_syntax::Span;

use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Correctness,
    severity: Severity::Warning,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    peers: &[peer("buildkit", "UndefinedArgInFrom")],
    fixable: false,
};

pub(crate) struct UndefinedArgInFrom;
pub(crate) static RULE: UndefinedArgInFrom = UndefinedArgInFrom;

impl Check for UndefinedArgInFrom {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        let declared: Vec<String> = cx
            .model
            .global_vars()
            .args()
            .map(|(k, _)| k.to_owned())
            .collect();
        for stage in &cx.model.stages {
            let mut words: Vec<(&Expansion, Span, usize)> = Vec::new();
            if let Some(base) = stage.base.image_base() {
                words.push((&base.expansion, base.raw_span, base.raw.len()));
            }
            if let Some(p) = &stage.platform {
                if let Some(span) = p.span {
                    words.push((&p.expansion, span, p.raw.len()));
                }
            }
            for (expansion, span, raw_len) in words {
                let mut seen: Vec<&str> = Vec::new();
                for r in expansion.refs.iter().filter(|r| is_undeclared(r)) {
                    if seen.contains(&r.name.as_str()) {
                        continue;
                    }
                    seen.push(&r.name);
                    let at = ref_span(r, span, raw_len);
                    let finding = out.report(
                        at,
                        format!(
                            "`FROM` uses `${}`, but no `ARG {}` comes before the first `FROM`: \
                             variables of a `FROM` line come only from those `ARG`s, so it expands \
                             to an empty string",
                            r.name, r.name
                        ),
                    );
                    match declared
                        .iter()
                        .find(|d| d.eq_ignore_ascii_case(&r.name) || close(d, &r.name))
                    {
                        Some(d) => finding.help(format!("did you mean `{d}`?")),
                        None => finding.help(format!(
                            "declare it at the top of the file: `ARG {}=<default>`",
                            r.name
                        )),
                    };
                }
            }
        }
    }
}

/// A reference to a variable nobody declared (not an `ARG`, not predefined) whose value is used
/// (`${X:-default}` states what happens when it is unset).
fn is_undeclared(r: &VarRef) -> bool {
    r.origin.is_none() && !r.set && !r.fallback
}

fn close(a: &str, b: &str) -> bool {
    a.len() > 3 && super::k806_copy_from_undefined_stage::edit_distance(a, b) <= 1
}

/// The source span of a reference inside a word, when the word is written on one line without
/// continuation (its raw text has the length of its span); else the whole word.
fn ref_span(r: &VarRef, word: Span, raw_len: usize) -> Span {
    if word.len() == raw_len && r.span.end() <= raw_len {
        r.span.shift(word.start())
    } else {
        word
    }
}
