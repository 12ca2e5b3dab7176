//! Property tests: the Dockerfile parser never panics, its items partition the input, and every
//! span it reports lies on character boundaries inside the input.

#![allow(clippy::unwrap_used)] // Tests fail loudly on purpose.

use keelson_syntax::dockerfile::*;
use keelson_syntax::Span;
use proptest::prelude::*;

const TOKENS: &[&str] = &[
    "FROM",
    "from",
    "RUN",
    "COPY",
    "ADD",
    "ONBUILD",
    "ENV",
    "LABEL",
    "ARG",
    "HEALTHCHECK",
    "CMD",
    "SHELL",
    "USER",
    "WORKDIR",
    "EXPOSE",
    "VOLUME",
    "NONE",
    "AS",
    "CMD",
    " ",
    "  ",
    "\t",
    "\n",
    "\n",
    "\r\n",
    "\r",
    "\\",
    "\\\n",
    "`",
    "`\n",
    "<<EOF",
    "<<-EOF",
    "<<'E'",
    "3<<X",
    "<<",
    "EOF",
    "\tEOF",
    "X",
    "E",
    "[",
    "]",
    "[\"a\"]",
    "\"",
    "'",
    "=",
    "a=b",
    "--mount=type=secret,id=x",
    "--from=a",
    "--",
    "--link",
    "--platform=$P",
    "#",
    "# escape=`\n",
    "# syntax=x\n",
    "# escape=\\\n",
    "\u{FEFF}",
    "é",
    "😀",
    "\u{a0}",
    "\u{85}",
    "$",
    "${",
    "}",
    "{",
    ":-",
    "x",
    ",",
    "&&",
    "|",
    ";",
    "$(",
    ")",
    "\u{0}",
];

fn dockerfile_like() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(prop::sample::select(TOKENS), 0..60).prop_map(|v| v.concat()),
        ".{0,200}",
        prop::collection::vec(
            prop_oneof![
                prop::sample::select(TOKENS).prop_map(str::to_string),
                ".{0,8}"
            ],
            0..40
        )
        .prop_map(|v| v.concat()),
    ]
}

fn check_span(src: &str, span: Span, what: &str) {
    assert!(span.start <= span.end, "{what}: reversed span {span:?}");
    assert!(
        span.end() <= src.len(),
        "{what}: {span:?} past end {}",
        src.len()
    );
    assert!(
        src.is_char_boundary(span.start()) && src.is_char_boundary(span.end()),
        "{what}: {span:?} not on char boundaries"
    );
}

fn check_word(src: &str, w: &Word) {
    check_span(src, w.span, "word");
}

fn check_text(src: &str, t: &LogicalText) {
    check_span(src, t.span(), "logical text");
    for i in 0..=t.len() {
        if t.as_str().is_char_boundary(i) {
            let o = t.source_offset(i);
            assert!(
                o <= src.len() && src.is_char_boundary(o),
                "logical offset {i} -> {o}"
            );
        }
    }
}

fn check_command(src: &str, c: &Option<CommandForm>) {
    match c {
        Some(CommandForm::Exec(e)) => {
            check_span(src, e.span, "exec");
            e.args.iter().for_each(|w| check_word(src, w));
        }
        Some(CommandForm::Shell(s)) => check_text(src, &s.text),
        None => {}
    }
}

fn check_instruction(src: &str, i: &Instruction) {
    for s in [i.span, i.header_span, i.keyword_span] {
        check_span(src, s, "instruction");
    }
    check_text(src, &i.line);
    check_text(src, &i.args);
    for f in &i.flags {
        check_span(src, f.span, "flag");
        check_span(src, f.name_span, "flag name");
        if let Some(v) = f.value_span {
            check_span(src, v, "flag value");
        }
    }
    for h in &i.heredocs {
        check_span(src, h.marker_span, "heredoc marker");
        check_span(src, h.body_span, "heredoc body");
        assert_eq!(h.body_span.text(src), h.body);
        if let Some(t) = h.terminator_span {
            check_span(src, t, "terminator");
        }
    }
    for c in &i.embedded_comments {
        check_span(src, c.span, "comment");
    }
    match &i.view {
        InstructionArgs::From(f) => f.words.iter().for_each(|w| check_word(src, w)),
        InstructionArgs::Run(r) => {
            check_command(src, &r.command);
            for m in &r.mounts {
                check_span(src, m.span, "mount");
                for f in &m.fields {
                    check_span(src, f.key_span, "mount key");
                    if let Some(v) = f.value_span {
                        check_span(src, v, "mount value");
                    }
                }
            }
        }
        InstructionArgs::Cmd(c) | InstructionArgs::Entrypoint(c) | InstructionArgs::Shell(c) => {
            check_command(src, &c.command)
        }
        InstructionArgs::Copy(c) | InstructionArgs::Add(c) => {
            c.sources
                .iter()
                .chain(&c.destination)
                .for_each(|w| check_word(src, w));
            assert_eq!(c.sources.len(), c.heredoc_sources.len());
        }
        InstructionArgs::Env(kv) | InstructionArgs::Label(kv) => {
            for p in &kv.pairs {
                check_span(src, p.span, "pair");
                check_word(src, &p.key);
                p.value.iter().for_each(|w| check_word(src, w));
            }
        }
        InstructionArgs::Arg(a) => {
            for p in &a.args {
                check_span(src, p.span, "arg");
                check_word(src, &p.key);
                p.value.iter().for_each(|w| check_word(src, w));
            }
        }
        InstructionArgs::User(s)
        | InstructionArgs::Workdir(s)
        | InstructionArgs::Stopsignal(s)
        | InstructionArgs::Maintainer(s) => s.value.iter().for_each(|w| check_word(src, w)),
        InstructionArgs::Expose(l) | InstructionArgs::Volume(l) => {
            l.words.iter().for_each(|w| check_word(src, w))
        }
        InstructionArgs::Healthcheck(h) => {
            h.kind.iter().for_each(|w| check_word(src, w));
            check_command(src, &h.command);
        }
        InstructionArgs::Onbuild(o) => {
            if let Some(inner) = &o.inner {
                check_instruction(src, inner);
            }
        }
        InstructionArgs::Unknown => {}
    }
}

fn check_all(src: &str) {
    let df = parse(src);
    let mut at = 0;
    for item in &df.items {
        assert_eq!(item.span.start(), at, "items must be contiguous");
        check_span(src, item.span, "item");
        at = item.span.end();
        match &item.kind {
            ItemKind::Instruction(i) => {
                check_instruction(src, i);
                assert!(item.span.start <= i.span.start && i.span.end <= item.span.end);
            }
            ItemKind::Directive(d) => {
                for s in [d.span, d.name_span, d.value_span] {
                    check_span(src, s, "directive");
                }
            }
            ItemKind::Comment(c) => check_span(src, c.span, "comment"),
            _ => {}
        }
    }
    assert_eq!(at, src.len(), "items must cover the input");
    let rebuilt: String = df.items.iter().map(|i| i.span.text(src)).collect();
    assert_eq!(rebuilt, src);
    for e in df.errors.iter().chain(&df.warnings) {
        check_span(src, e.span, "error");
    }
    let _ = df.dump();
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn parse_is_lossless_and_spans_are_valid(src in dockerfile_like()) {
        check_all(&src);
    }

    #[test]
    fn any_string_is_fine(src in any::<String>()) {
        check_all(&src);
    }
}

/// Large inputs must parse in roughly linear time (a quadratic step would take minutes here).
#[test]
fn large_inputs_are_linear() {
    let inputs = [
        "RUN a \\\n".repeat(20_000),
        "COPY ".to_string()
            + &(0..5_000).map(|i| format!("<<A{i} ")).collect::<String>()
            + "/d\nx\n",
        "RUN ".to_string() + &"--mount=type=cache,target=/x ".repeat(5_000) + "true",
        "ENV ".to_string() + &"a=b ".repeat(20_000),
        "FROM a\n".repeat(20_000),
        "RUN <<EOF\n".to_string() + &"line\n".repeat(50_000),
    ];
    for src in inputs {
        let start = std::time::Instant::now();
        let df = parse(&src);
        let rebuilt: String = df.items.iter().map(|i| i.span.text(&src)).collect();
        assert_eq!(rebuilt.len(), src.len());
        assert!(
            start.elapsed() < std::time::Duration::from_secs(20),
            "{} bytes took {:?}",
            src.len(),
            start.elapsed()
        );
    }
}

#[test]
fn pathological_inputs() {
    for src in [
        "\\".repeat(10_000),
        "ONBUILD ".repeat(5_000) + "RUN x",
        "RUN [".to_string() + &"[".repeat(50_000),
        "RUN <<EOF ".to_string() + &"${a:-".repeat(5_000),
        "FROM a\n".repeat(2_000) + "RUN <<EOF\n",
        "\u{FEFF}\u{FEFF}\r\r\n\\\r\n".to_string(),
    ] {
        check_all(&src);
    }
}
