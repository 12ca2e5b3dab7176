//! Turning one logical line into an [`Instruction`]: keyword, flags, arguments, typed view.
//!
//! This is BuildKit's `splitCommand` (trim, split off the keyword at the first run of
//! `[\t\v\f\r ]`, extract leading flags, trim the rest) followed by the per-instruction argument
//! parsers in [`super::views`].

use super::ast::ParseError;
use super::ast::{Instruction, InstructionArgs, InstructionKind};
use super::flags::{check_flags, extract_flags, to_flag};
use super::lines::{is_ascii_split_space, trim_space_range};
use super::logical::LogicalText;
use super::views::{build_view, ViewInput};

/// How deeply `ONBUILD ONBUILD …` is followed before the rest is left unparsed.
pub(crate) const MAX_ONBUILD_DEPTH: usize = 16;

/// Parses the logical line of one instruction. `line` must hold some non-whitespace text.
pub(crate) fn parse_instruction(
    line: LogicalText,
    escape: char,
    depth: usize,
    errors: &mut Vec<ParseError>,
) -> Instruction {
    let s = line.as_str();
    let (a, b) = trim_space_range(s);
    let body = s.get(a..b).unwrap_or("");
    let kw_len = body.find(is_ascii_split_space).unwrap_or(body.len());
    let keyword = body.get(..kw_len).unwrap_or("").to_string();
    let after_kw = body.get(kw_len..).unwrap_or("");
    let rest_start =
        a + kw_len + (after_kw.len() - after_kw.trim_start_matches(is_ascii_split_space).len());
    let kind = InstructionKind::from_keyword(&keyword);

    let rest = s.get(rest_start..b).unwrap_or("");
    let (raw_flags, args_rel) = if rest.is_empty() {
        (Vec::new(), 0)
    } else {
        extract_flags(rest)
    };
    let remaining = rest.get(args_rel..).unwrap_or("");
    let (ra, rb) = trim_space_range(remaining);
    let args_range = if rest.is_empty() {
        b..b
    } else {
        rest_start + args_rel + ra..rest_start + args_rel + rb
    };
    let args = line.slice(args_range);
    let flags: Vec<_> = raw_flags
        .iter()
        .map(|f| to_flag(f, &line, rest_start))
        .collect();
    let keyword_span = line.source_span(a..a + kw_len);
    let header_span = line.source_span(a..b);

    let view = build_view(ViewInput {
        kind,
        keyword: &keyword,
        keyword_span,
        header_span,
        args: &args,
        flags: &flags,
        raw_flags: &raw_flags,
        flags_base: rest_start,
        line: &line,
        escape,
        depth,
        errors,
    });
    let healthcheck_none = matches!(&view, InstructionArgs::Healthcheck(h) if h.is_none());
    if !healthcheck_none {
        check_flags(kind, &flags, errors);
    }
    Instruction {
        span: header_span,
        header_span,
        kind,
        keyword,
        keyword_span,
        flags,
        line,
        args,
        view,
        heredocs: Vec::new(),
        embedded_comments: Vec::new(),
        empty_continuation_lines: Vec::new(),
    }
}

/// Whether BuildKit looks for heredocs on this instruction's line (`RUN`, `COPY`, `ADD` in shell
/// form, possibly wrapped in `ONBUILD`).
pub(crate) fn can_contain_heredoc(instr: &Instruction) -> bool {
    let target = instr.onbuild_inner().unwrap_or(instr);
    match &target.view {
        InstructionArgs::Run(r) => !matches!(r.command, Some(super::ast::CommandForm::Exec(_))),
        InstructionArgs::Copy(c) | InstructionArgs::Add(c) => !c.exec_form,
        _ => false,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests fail loudly on purpose.
mod tests {
    use super::*;
    use crate::span::Span;

    fn parse_line(s: &str) -> (Instruction, Vec<ParseError>) {
        let mut errors = Vec::new();
        let i = parse_instruction(LogicalText::contiguous(s, 0), '\\', 0, &mut errors);
        (i, errors)
    }

    #[test]
    fn splits_keyword_flags_and_args() {
        let (i, errors) = parse_line("  copy --from=build --chmod=755 a b  ");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(i.kind, InstructionKind::Copy);
        assert_eq!(i.keyword, "copy");
        assert_eq!(i.keyword_span, Span::new(2, 6));
        assert_eq!(i.flags.len(), 2);
        assert_eq!(i.flags[1].span, Span::new(20, 31));
        assert_eq!(i.args.as_str(), "a b");
        assert_eq!(i.args.span(), Span::new(32, 35));
        assert_eq!(i.header_span, Span::new(2, 35));
    }

    #[test]
    fn keyword_without_arguments() {
        let (i, _) = parse_line("HEALTHCHECK");
        assert_eq!(i.args.as_str(), "");
        assert_eq!(i.args.span(), Span::new(11, 11));
    }

    #[test]
    fn unknown_instruction_is_reported() {
        let (i, errors) = parse_line("RUNN echo");
        assert_eq!(i.kind, InstructionKind::Unknown);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].span, Span::new(0, 4));
        assert!(parse_line("in x").1[0]
            .message
            .ends_with("unknown instruction: in"));
        assert!(parse_line("FORM x").1[0]
            .message
            .contains("did you mean FROM"));
        assert!(
            errors[0].message.contains("did you mean RUN"),
            "{}",
            errors[0].message
        );
    }
}
