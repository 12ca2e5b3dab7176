//! K908 empty-continuation-line: a blank line inside a continued instruction. See
//! `rules/K908-empty-continuation-line/README.md`.

use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Edit, Fix, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};
use keelson_syntax::Span;

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::BestPractice,
    severity: Severity::Warning,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    peers: &[peer("buildkit", "NoEmptyContinuation")],
    fixable: true,
};

pub(crate) struct EmptyContinuationLine;
pub(crate) static RULE: EmptyContinuationLine = EmptyContinuationLine;

impl Check for EmptyContinuationLine {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for ins in cx.syntax.instructions() {
            let Some(first) = ins.empty_continuation_lines.first() else {
                continue;
            };
            let edits: Vec<Edit> = ins
                .empty_continuation_lines
                .iter()
                .map(|s| Edit::delete(with_line_end(cx.source, *s)))
                .collect();
            out.report(
                *first,
                format!(
                    "empty line inside the continued `{}` instruction: it looks like the end of the \
                     instruction but is not, and BuildKit warns that it will become an error",
                    ins.kind.name()
                ),
            )
            .help("delete the empty line, or end the instruction before it")
            .fix(Fix::safe("delete the empty continuation lines", edits));
        }
    }
}

/// `span` extended over the line ending that follows it.
fn with_line_end(source: &str, span: Span) -> Span {
    let rest = source.get(span.end()..).unwrap_or("");
    let extra = if rest.starts_with("\r\n") {
        2
    } else if rest.starts_with('\n') {
        1
    } else {
        0
    };
    Span::new(span.start(), span.end() + extra)
}
