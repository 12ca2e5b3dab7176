//! Property tests: the shell lexer never panics and keeps every span on character boundaries.

#![allow(clippy::unwrap_used)] // Tests fail loudly on purpose.

use keelson_syntax::shell::{parse_commands, tokenize, Token};
use keelson_syntax::Span;
use proptest::prelude::*;

const TOKENS: &[&str] = &[
    "echo", "sudo", "curl", " ", "\t", "\n", "\\", "\\\n", "'", "\"", "`", "$", "$(", "${", "(",
    ")", "{", "}", "&&", "||", "|", "&", ";", ";;", ">", "<", "<<", "<<-", "<<<", "2>&1", "&>",
    "EOF", "#", "=", "X=1", "é", "😀", "\u{a0}", "-u", "a:b",
];

fn shell_like() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(prop::sample::select(TOKENS), 0..60).prop_map(|v| v.concat()),
        any::<String>(),
    ]
}

fn check(text: &str, span: Span) {
    assert!(
        span.start <= span.end && span.end() <= text.len(),
        "{span:?}"
    );
    assert!(text.is_char_boundary(span.start()) && text.is_char_boundary(span.end()));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn lexer_spans_are_valid(text in shell_like()) {
        for token in tokenize(&text) {
            match token {
                Token::Word(w) => {
                    check(&text, w.span);
                    assert_eq!(w.span.text(&text), w.raw);
                    w.substitutions.iter().for_each(|s| check(&text, *s));
                }
                Token::Operator(s) => check(&text, s.span),
                Token::Redirect(r) => {
                    check(&text, r.span);
                    if let Some(t) = r.target {
                        check(&text, t.span);
                    }
                }
                Token::Comment(s) | Token::HeredocBody(s) => check(&text, s),
            }
        }
        for c in parse_commands(&text).commands {
            check(&text, c.span);
            let _ = (c.name(), c.args());
        }
    }
}

#[test]
fn deep_nesting_does_not_overflow() {
    for text in [
        "\"$(".repeat(100_000),
        "$(".repeat(100_000),
        "${".repeat(100_000),
        "`".repeat(100_001),
        "echo \"".to_string() + &"${x:-\"$(".repeat(50_000),
    ] {
        for c in parse_commands(&text).commands {
            check(&text, c.span);
        }
    }
}
