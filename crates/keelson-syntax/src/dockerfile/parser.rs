//! The line loop: BuildKit's `Parse`, producing lossless items instead of dropping text.

use super::ast::*;
use super::directives::{DirectiveLine, DirectiveScanner};
use super::heredoc::find_heredocs;
use super::instruction::{can_contain_heredoc, parse_instruction};
use super::lines::{continuation_start, is_comment, leading_space_len, split_lines, Line};
use super::logical::LogicalTextBuilder;
use super::views::link_heredoc_sources;
use crate::span::Span;

const BOM: &str = "\u{FEFF}";

struct Parser<'a> {
    source: &'a str,
    lines: Vec<Line>,
    /// Index of the next line to read.
    next: usize,
    escape: char,
    directives: DirectiveScanner,
    /// Reused buffer for logical lines.
    scratch: LogicalTextBuilder,
    items: Vec<Item>,
    errors: Vec<ParseError>,
    warnings: Vec<ParseError>,
}

/// Parses `source`; see [`super::parse`].
pub(crate) fn parse(source: &str) -> Dockerfile {
    let lines = split_lines(source);
    // Reserve about one item per line that does not follow a continuation, so large items are
    // not copied while the list grows.
    let estimate = lines
        .iter()
        .filter(|l| {
            let b = source.as_bytes();
            l.content_end == l.start || !matches!(b.get(l.content_end - 1), Some(b'\\' | b'`'))
        })
        .count();
    let items = Vec::with_capacity(estimate + 2);
    let mut p = Parser {
        source,
        lines,
        next: 0,
        escape: '\\',
        directives: DirectiveScanner::default(),
        scratch: LogicalTextBuilder::new(0),
        items,
        errors: Vec::new(),
        warnings: Vec::new(),
    };
    p.run();
    let has_instruction = p
        .items
        .iter()
        .any(|i| matches!(i.kind, ItemKind::Instruction(_)));
    if !has_instruction {
        p.errors.push(ParseError {
            span: Span::empty(source.len()),
            kind: ParseErrorKind::NoInstructions,
            message: "file with no instructions".to_string(),
        });
    }
    Dockerfile {
        items: p.items,
        escape: p.escape,
        errors: p.errors,
        warnings: p.warnings,
    }
}

impl<'a> Parser<'a> {
    fn text(&self, start: usize, end: usize) -> &'a str {
        self.source.get(start..end).unwrap_or("")
    }

    fn run(&mut self) {
        while let Some(&line) = self.lines.get(self.next) {
            let mut start = line.start;
            if self.next == 0 && self.source.starts_with(BOM) {
                self.items.push(Item {
                    span: Span::new(0, BOM.len()),
                    kind: ItemKind::Bom,
                });
                start = BOM.len();
            }
            self.next += 1;
            let content = self.text(start, line.content_end);
            let t_start = start + leading_space_len(content);
            let t = self.text(t_start, line.content_end);
            let item_span = Span::new(start, line.end);

            if !self.directives.is_done() {
                if let DirectiveLine::Directive(d, err) = self.directives.scan(t, t_start) {
                    if let Some(e) = err {
                        self.errors.push(e);
                    } else if d.kind == DirectiveKind::Escape {
                        match d.value.as_str() {
                            "\\" => self.escape = '\\',
                            "`" => self.escape = '`',
                            _ => self.errors.push(ParseError {
                                span: d.value_span,
                                kind: ParseErrorKind::InvalidEscape,
                                message: format!(
                                    "invalid escape token '{}' does not match ` or \\",
                                    d.value
                                ),
                            }),
                        }
                    }
                    self.items.push(Item {
                        span: item_span,
                        kind: ItemKind::Directive(d),
                    });
                    continue;
                }
            }
            if t.starts_with('#') {
                let comment = self.comment(t_start, line.content_end);
                self.items.push(Item {
                    span: item_span,
                    kind: ItemKind::Comment(comment),
                });
                continue;
            }
            if t.is_empty() {
                self.items.push(Item {
                    span: item_span,
                    kind: ItemKind::Blank,
                });
                continue;
            }
            self.instruction(start, t_start, line);
        }
    }

    fn comment(&self, hash: usize, end: usize) -> Comment {
        let text = self.text(hash, end);
        Comment {
            span: Span::new(hash, end),
            text: text.get(1..).unwrap_or("").trim().to_string(),
        }
    }

    /// Reads an instruction whose first line is `first` (content from `t_start`).
    fn instruction(&mut self, item_start: usize, t_start: usize, first: Line) {
        let mut logical = std::mem::replace(&mut self.scratch, LogicalTextBuilder::new(0));
        logical.reset(t_start);
        let first_text = self.text(t_start, first.content_end);
        let mut continues = match continuation_start(first_text, self.escape) {
            Some(cut) => {
                logical.push(first_text.get(..cut).unwrap_or(""), t_start);
                true
            }
            None => {
                logical.push(first_text, t_start);
                false
            }
        };
        let mut header_end = first.content_end;
        let mut last = first;
        let mut embedded_comments = Vec::new();
        let mut empty_lines = Vec::new();
        while continues {
            let Some(&line) = self.lines.get(self.next) else {
                break;
            };
            self.next += 1;
            last = line;
            let text = self.text(line.start, line.content_end);
            if is_comment(text) {
                let hash = line.start + leading_space_len(text);
                embedded_comments.push(self.comment(hash, line.content_end));
                continue;
            }
            if text.trim_start().is_empty() {
                empty_lines.push(Span::new(line.start, line.content_end));
                continue;
            }
            header_end = line.content_end;
            match continuation_start(text, self.escape) {
                Some(cut) => logical.push(text.get(..cut).unwrap_or(""), line.start),
                None => {
                    logical.push(text, line.start);
                    continues = false;
                }
            }
        }

        let text = logical.build();
        self.scratch = logical;
        if text.as_str().trim().is_empty() {
            let span = Span::new(item_start, last.end);
            self.errors.push(ParseError {
                span: Span::new(t_start, last.content_end.max(t_start)),
                kind: ParseErrorKind::DanglingContinuation,
                message: "line continuation without an instruction".to_string(),
            });
            self.items.push(Item {
                span,
                kind: ItemKind::Unparsed,
            });
            return;
        }

        let mut instr = parse_instruction(text, self.escape, 0, &mut self.errors);
        if !empty_lines.is_empty() {
            self.warnings.push(ParseError {
                span: Span::new(t_start, header_end),
                kind: ParseErrorKind::EmptyContinuationLine,
                message: "Empty continuation line found; empty continuation lines will become \
                          errors in a future release"
                    .to_string(),
            });
        }
        instr.embedded_comments = embedded_comments;
        instr.empty_continuation_lines = empty_lines;

        if can_contain_heredoc(&instr) {
            let mut unterminated = false;
            for (word, marker) in find_heredocs(instr.line.as_str()) {
                let body_start = self
                    .lines
                    .get(self.next)
                    .map_or(self.source.len(), |l| l.start);
                let mut terminator = None;
                while let Some(&line) = self.lines.get(self.next) {
                    self.next += 1;
                    last = line;
                    let mut candidate = self.text(line.start, line.content_end);
                    if word.strip_tabs {
                        candidate = candidate.trim_start_matches('\t');
                    }
                    if candidate == word.name {
                        terminator = Some(line);
                        break;
                    }
                }
                let body_end = terminator.map_or(self.source.len(), |l| l.start);
                if terminator.is_none() && !unterminated {
                    unterminated = true;
                    self.errors.push(ParseError {
                        span: instr.line.source_span(marker.range.clone()),
                        kind: ParseErrorKind::UnterminatedHeredoc,
                        message: format!("unterminated heredoc {:?}", word.name),
                    });
                }
                instr.heredocs.push(Heredoc {
                    marker: marker.text.clone(),
                    marker_span: instr.line.source_span(marker.range.clone()),
                    fd: word.fd,
                    strip_tabs: word.strip_tabs,
                    delimiter: word.name,
                    expand: word.expand,
                    body: self.text(body_start, body_end).to_string(),
                    body_span: Span::new(body_start, body_end),
                    terminator_span: terminator.map(|l| Span::new(l.start, l.content_end)),
                });
            }
            if !instr.heredocs.is_empty() {
                link_heredoc_sources(&mut instr);
            }
        }

        instr.span = Span::new(t_start, last.content_end.max(t_start));
        instr.header_span = Span::new(t_start, header_end.max(t_start));
        self.items.push(Item {
            span: Span::new(item_start, last.end),
            kind: ItemKind::Instruction(instr),
        });
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests fail loudly on purpose.
mod tests {
    use super::super::parse;
    use super::*;

    fn rebuilt(src: &str, df: &Dockerfile) -> String {
        df.items.iter().map(|i| i.span.text(src)).collect()
    }

    fn only_instruction(df: &Dockerfile) -> &Instruction {
        let mut it = df.instructions();
        let first = it.next().expect("an instruction");
        assert!(it.next().is_none());
        first
    }

    #[test]
    fn items_partition_the_source() {
        let src = "\u{FEFF}# syntax=docker/dockerfile:1\n# escape=\\\n\n# note\nFROM a\r\n  RUN x \\\n  # c\n\n  y\nbad";
        let df = parse(src);
        assert_eq!(rebuilt(src, &df), src);
        let kinds: Vec<_> = df
            .items
            .iter()
            .map(|i| match &i.kind {
                ItemKind::Bom => "bom",
                ItemKind::Directive(_) => "directive",
                ItemKind::Comment(_) => "comment",
                ItemKind::Blank => "blank",
                ItemKind::Instruction(_) => "instruction",
                ItemKind::Unparsed => "unparsed",
            })
            .collect();
        assert_eq!(
            kinds,
            vec![
                "bom",
                "directive",
                "directive",
                "blank",
                "comment",
                "instruction",
                "instruction",
                "instruction"
            ]
        );
        assert_eq!(df.items[1].span, Span::new(3, 32));
        let run = df.instructions().nth(1).unwrap();
        assert_eq!(run.span.text(src), "RUN x \\\n  # c\n\n  y");
        assert_eq!(run.line.as_str(), "RUN x   y");
        assert_eq!(run.args.as_str(), "x   y");
        assert_eq!(run.embedded_comments[0].text, "c");
        assert_eq!(run.empty_continuation_lines.len(), 1);
        assert_eq!(df.warnings.len(), 1);
        // "bad" is an unknown instruction, kept with an error.
        assert_eq!(df.errors.len(), 1);
        assert_eq!(df.errors[0].kind, ParseErrorKind::UnknownInstruction);
    }

    #[test]
    fn bom_offsets_are_in_the_original_text() {
        let src = "\u{FEFF}FROM alpine";
        let df = parse(src);
        let from = only_instruction(&df);
        assert_eq!(from.keyword_span, Span::new(3, 7));
        match &from.view {
            InstructionArgs::From(f) => {
                assert_eq!(f.image.as_ref().unwrap().span, Span::new(8, 14));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn crlf_and_no_final_newline() {
        let src = "FROM a\r\nUSER bob\r\nWORKDIR /x";
        let df = parse(src);
        assert_eq!(rebuilt(src, &df), src);
        let user = df.instructions().nth(1).unwrap();
        assert_eq!(user.span, Span::new(8, 16));
        assert_eq!(df.items[1].span, Span::new(8, 18));
        let workdir = df.instructions().nth(2).unwrap();
        assert_eq!(workdir.span.text(src), "WORKDIR /x");
    }

    #[test]
    fn escape_directive_switches_the_continuation_token() {
        let src = "# escape=`\nFROM x\nRUN dir c:\\ `\n  && echo\n";
        let df = parse(src);
        assert_eq!(df.escape, '`');
        let run = df.instructions().nth(1).unwrap();
        assert_eq!(run.args.as_str(), "dir c:\\   && echo");
        let src = "# escape=x\nFROM a\n";
        let df = parse(src);
        assert_eq!(df.escape, '\\');
        assert_eq!(df.errors[0].kind, ParseErrorKind::InvalidEscape);
        assert_eq!(df.errors[0].span.text(src), "x");
    }

    #[test]
    fn directives_only_at_the_top() {
        let df = parse("# syntax=a\n# syntax=b\nFROM x\n# escape=`\n");
        assert_eq!(df.directives().count(), 2);
        assert_eq!(df.errors[0].kind, ParseErrorKind::DuplicateDirective);
        assert_eq!(df.directive(DirectiveKind::Syntax).unwrap().value, "a");
        assert_eq!(df.comments().count(), 1);
        let df = parse("\n# escape=`\nFROM x\n");
        assert_eq!(df.directives().count(), 0);
        assert_eq!(df.escape, '\\');
    }

    #[test]
    fn trailing_escape_at_end_of_file() {
        let src = "FROM a\nRUN echo \\";
        let df = parse(src);
        let run = df.instructions().nth(1).unwrap();
        assert_eq!(run.args.as_str(), "echo");
        assert_eq!(run.line.as_str(), "RUN echo ");
        assert_eq!(run.span.text(src), "RUN echo \\");
        let src = "FROM a\n\\\n# only a comment\n";
        let df = parse(src);
        assert_eq!(rebuilt(src, &df), src);
        assert!(matches!(df.items[1].kind, ItemKind::Unparsed));
        assert_eq!(df.errors[0].kind, ParseErrorKind::DanglingContinuation);
    }

    #[test]
    fn heredocs_are_read_with_exact_spans() {
        let src =
            "FROM a\nRUN cat <<EOF > /f && cat <<-'END'\nhello $X\nEOF\n\tbye\n\tEND\nUSER x\n";
        let df = parse(src);
        assert!(df.errors.is_empty(), "{:?}", df.errors);
        assert_eq!(rebuilt(src, &df), src);
        let run = df.instructions().nth(1).unwrap();
        assert_eq!(run.heredocs.len(), 2);
        let h = &run.heredocs[0];
        assert_eq!(h.marker_span.text(src), "<<EOF");
        assert_eq!(h.delimiter, "EOF");
        assert!(h.expand);
        assert_eq!(h.body, "hello $X\n");
        assert_eq!(h.body_span.text(src), "hello $X\n");
        assert_eq!(h.terminator_span.unwrap().text(src), "EOF");
        let h = &run.heredocs[1];
        assert_eq!(h.marker_span.text(src), "<<-'END'");
        assert!(!h.expand && h.strip_tabs);
        assert_eq!(h.body, "\tbye\n");
        assert_eq!(h.content(), "bye\n");
        assert_eq!(h.terminator_span.unwrap().text(src), "\tEND");
        assert_eq!(
            run.span.text(src),
            "RUN cat <<EOF > /f && cat <<-'END'\nhello $X\nEOF\n\tbye\n\tEND"
        );
        assert_eq!(
            run.header_span.text(src),
            "RUN cat <<EOF > /f && cat <<-'END'"
        );
        assert_eq!(df.instructions().nth(2).unwrap().keyword, "USER");
    }

    #[test]
    fn heredoc_contents_match_buildkit() {
        let src = "FROM a\nUSER <<NOPE\nNOPE\nRUN <<E1\nE1\nRUN 3<<E2\nE2\nRUN \"<<NO\"\n\
                   RUN <<-T1\n\tx\n\tT1\nRUN <<C\n# kept\necho # kept\nC\n\
                   RUN --mount=type=cache,target=/c <<M\nm\nM\nCOPY <<X <<Y /d\nY\nX\nX\nY\n";
        let df = parse(src);
        type Doc = (String, String, bool, Option<u32>);
        let docs: Vec<Vec<Doc>> = df
            .instructions()
            .map(|i| {
                i.heredocs
                    .iter()
                    .map(|h| (h.delimiter.clone(), h.body.clone(), h.strip_tabs, h.fd))
                    .collect()
            })
            .collect();
        let e = |n: &str, b: &str, t: bool, fd: Option<u32>| (n.to_string(), b.to_string(), t, fd);
        assert_eq!(
            docs,
            vec![
                vec![],
                vec![],
                vec![],
                vec![e("E1", "", false, None)],
                vec![e("E2", "", false, Some(3))],
                vec![],
                vec![e("T1", "\tx\n", true, None)],
                vec![e("C", "# kept\necho # kept\n", false, None)],
                vec![e("M", "m\n", false, None)],
                vec![e("X", "Y\n", false, None), e("Y", "X\n", false, None)],
            ]
        );
        // `USER <<NOPE` opens no heredoc, so `NOPE` is an (unknown) instruction.
        assert_eq!(df.errors.len(), 1);
        assert_eq!(df.errors[0].kind, ParseErrorKind::UnknownInstruction);
    }

    #[test]
    fn copy_heredoc_sources_are_linked() {
        let src = "FROM a\nCOPY --chmod=755 <<one <<two /dest/\n1\none\n2\ntwo\n";
        let df = parse(src);
        assert!(df.errors.is_empty(), "{:?}", df.errors);
        let copy = df.instructions().nth(1).unwrap();
        match &copy.view {
            InstructionArgs::Copy(c) => {
                assert_eq!(c.heredoc_sources, vec![Some(0), Some(1)]);
                assert_eq!(c.destination.as_ref().unwrap().raw, "/dest/");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(copy.heredocs[1].body, "2\n");
    }

    #[test]
    fn unterminated_heredoc_keeps_what_was_read() {
        let src = "FROM a\nRUN <<EOF\necho hi\n";
        let df = parse(src);
        assert_eq!(rebuilt(src, &df), src);
        assert_eq!(df.errors.len(), 1);
        assert_eq!(df.errors[0].kind, ParseErrorKind::UnterminatedHeredoc);
        assert_eq!(df.errors[0].span.text(src), "<<EOF");
        let run = df.instructions().nth(1).unwrap();
        assert_eq!(run.heredocs[0].body, "echo hi\n");
        assert_eq!(run.heredocs[0].terminator_span, None);
    }

    #[test]
    fn json_form_has_no_heredocs() {
        let df = parse("FROM a\nRUN [\"cat\", \"<<EOF\"]\nUSER x\n");
        assert_eq!(df.instructions().count(), 3);
        assert!(df.instructions().all(|i| i.heredocs.is_empty()));
    }

    #[test]
    fn onbuild_wraps_an_instruction_with_spans() {
        let src = "FROM a\nONBUILD COPY <<EOF /x\nhi\nEOF\n";
        let df = parse(src);
        assert!(df.errors.is_empty(), "{:?}", df.errors);
        let ob = df.instructions().nth(1).unwrap();
        let inner = ob.onbuild_inner().unwrap();
        assert_eq!(inner.kind, InstructionKind::Copy);
        assert_eq!(inner.keyword_span.text(src), "COPY");
        assert_eq!(inner.span.text(src), "COPY <<EOF /x");
        assert_eq!(ob.heredocs.len(), 1);
        match &inner.view {
            InstructionArgs::Copy(c) => assert_eq!(c.heredoc_sources, vec![Some(0)]),
            other => panic!("{other:?}"),
        }
        let df = parse("FROM a\nONBUILD FROM b\n");
        assert_eq!(df.errors.len(), 1);
    }

    #[test]
    fn env_forms_and_spans() {
        let src =
            "FROM a\nENV A=1 B=\"two words\" \\\n    C=3\nENV PATH /usr/bin:$PATH\nENV PATH\n";
        let df = parse(src);
        let env = df.instructions().nth(1).unwrap();
        match &env.view {
            InstructionArgs::Env(kv) => {
                assert!(!kv.legacy);
                assert_eq!(kv.pairs.len(), 3);
                assert_eq!(kv.pairs[1].key.span.text(src), "B");
                assert_eq!(kv.pairs[1].value.as_ref().unwrap().raw, "\"two words\"");
                assert_eq!(
                    kv.pairs[1].value.as_ref().unwrap().span.text(src),
                    "\"two words\""
                );
                assert_eq!(kv.pairs[2].span.text(src), "C=3");
            }
            other => panic!("{other:?}"),
        }
        let legacy = df.instructions().nth(2).unwrap();
        match &legacy.view {
            InstructionArgs::Env(kv) => {
                assert!(kv.legacy);
                assert_eq!(kv.pairs[0].key.raw, "PATH");
                assert_eq!(
                    kv.pairs[0].value.as_ref().unwrap().span.text(src),
                    "/usr/bin:$PATH"
                );
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(df.errors.len(), 1);
        assert_eq!(df.errors[0].kind, ParseErrorKind::InvalidKeyValue);
        assert_eq!(df.errors[0].span.text(src), "ENV PATH");
    }

    #[test]
    fn arg_label_and_simple_instructions() {
        let src = "ARG V=1 NAME\nFROM a\nLABEL a.b=\"c\"\nUSER 1000:1000\nEXPOSE 80/tcp 443\nSTOPSIGNAL SIGTERM\n";
        let df = parse(src);
        assert!(df.errors.is_empty(), "{:?}", df.errors);
        let arg = df.instructions().next().unwrap();
        match &arg.view {
            InstructionArgs::Arg(a) => {
                assert_eq!(a.args[0].key.span.text(src), "V");
                assert_eq!(a.args[0].value.as_ref().unwrap().span.text(src), "1");
                assert_eq!(a.args[1].value, None);
            }
            other => panic!("{other:?}"),
        }
        let user = df.instructions().nth(3).unwrap();
        match &user.view {
            InstructionArgs::User(u) => {
                assert_eq!(u.value.as_ref().unwrap().span.text(src), "1000:1000")
            }
            other => panic!("{other:?}"),
        }
        let expose = df.instructions().nth(4).unwrap();
        match &expose.view {
            InstructionArgs::Expose(e) => assert_eq!(e.words[0].span.text(src), "80/tcp"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn from_platform_and_stage() {
        let src = "FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nFROM a b\n";
        let df = parse(src);
        let from = df.instructions().next().unwrap();
        match &from.view {
            InstructionArgs::From(f) => {
                assert_eq!(f.image.as_ref().unwrap().span.text(src), "golang:1.22");
                assert_eq!(f.stage_name.as_ref().unwrap().span.text(src), "build");
                assert_eq!(
                    f.platform.as_ref().unwrap().value.as_deref(),
                    Some("$BUILDPLATFORM")
                );
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(df.errors.len(), 1);
        assert_eq!(df.errors[0].kind, ParseErrorKind::WrongArgumentCount);
    }

    #[test]
    fn required_arguments() {
        let df = parse("FROM\nCOPY a\nUSER\nWORKDIR\nRUN --bogus x\nSHELL sh -c\nCMD [1]\n");
        let kinds: Vec<_> = df.errors.iter().map(|e| e.kind).collect();
        assert_eq!(
            kinds,
            vec![
                ParseErrorKind::WrongArgumentCount,
                ParseErrorKind::WrongArgumentCount,
                ParseErrorKind::WrongArgumentCount,
                ParseErrorKind::WrongArgumentCount,
                ParseErrorKind::UnknownFlag,
                ParseErrorKind::InvalidForm,
                ParseErrorKind::InvalidJson,
            ]
        );
    }

    #[test]
    fn shell_form_maps_back_to_the_source() {
        let src = "FROM a\nRUN apt-get update \\\n    # refresh\n    && curl -u u:p x\n";
        let df = parse(src);
        let run = df.instructions().nth(1).unwrap();
        let Some(CommandForm::Shell(shell)) = run.command() else {
            panic!("shell form expected");
        };
        let text = shell.text.as_str();
        assert_eq!(text, "apt-get update     && curl -u u:p x");
        let at = text.find("u:p").unwrap();
        assert_eq!(shell.text.source_span(at..at + 3).text(src), "u:p");
        let whole = shell.text.span();
        assert_eq!(
            whole.text(src),
            "apt-get update \\\n    # refresh\n    && curl -u u:p x"
        );
    }

    #[test]
    fn empty_and_comment_only_files() {
        for src in ["", "# hi\n\n", "\u{FEFF}"] {
            let df = parse(src);
            assert_eq!(rebuilt(src, &df), src);
            assert_eq!(df.errors[0].kind, ParseErrorKind::NoInstructions);
        }
    }
}
