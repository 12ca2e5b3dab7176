//! Shell tokens: words, operators, redirections, comments and heredoc bodies.

use super::word::{is_word_break, scan_word};
use crate::span::Span;

/// A shell word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShellWord<'a> {
    /// The word as written (quotes, escapes and expansions kept).
    pub raw: &'a str,
    /// Where the word is in the lexed text.
    pub span: Span,
    /// The value after quote removal, when the word holds no expansion (`$…`, backticks).
    /// Tilde and glob characters are kept as written.
    pub literal: Option<String>,
    /// The inner ranges of `$(…)` and backtick command substitutions in the word, which can
    /// be lexed again to look at the commands inside.
    pub substitutions: Vec<Span>,
}

impl ShellWord<'_> {
    /// The literal value, or the raw text when the word has expansions.
    pub fn text(&self) -> &str {
        self.literal.as_deref().unwrap_or(self.raw)
    }
}

/// A control operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Operator {
    /// `&&`.
    AndIf,
    /// `||`.
    OrIf,
    /// `;`.
    Semi,
    /// `;;` (ends a `case` branch).
    DoubleSemi,
    /// `|`.
    Pipe,
    /// `|&` (pipes standard error too).
    PipeAmp,
    /// `&` (runs in the background).
    Amp,
    /// A newline.
    Newline,
    /// `(`.
    LParen,
    /// `)`.
    RParen,
}

impl Operator {
    /// The operator as written (`"\n"` for a newline).
    pub fn as_str(self) -> &'static str {
        match self {
            Operator::AndIf => "&&",
            Operator::OrIf => "||",
            Operator::Semi => ";",
            Operator::DoubleSemi => ";;",
            Operator::Pipe => "|",
            Operator::PipeAmp => "|&",
            Operator::Amp => "&",
            Operator::Newline => "\n",
            Operator::LParen => "(",
            Operator::RParen => ")",
        }
    }
}

/// An operator with its position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Separator {
    /// Which operator.
    pub op: Operator,
    /// Where it is.
    pub span: Span,
}

/// A redirection such as `>/dev/null`, `2>&1` or `<<EOF`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Redirect<'a> {
    /// From the file descriptor (or operator) to the end of the target.
    pub span: Span,
    /// The file descriptor written before the operator (`2>`).
    pub fd: Option<u32>,
    /// The operator: `<`, `>`, `>>`, `>|`, `<>`, `<&`, `>&`, `&>`, `&>>`, `<<`, `<<-` or `<<<`.
    pub op: &'a str,
    /// The target word (file, descriptor or heredoc delimiter).
    pub target: Option<ShellWord<'a>>,
}

/// A lexical token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Token<'a> {
    /// A word.
    Word(ShellWord<'a>),
    /// A control operator.
    Operator(Separator),
    /// A redirection with its target.
    Redirect(Redirect<'a>),
    /// A `#` comment up to the end of the line.
    Comment(Span),
    /// The body of a heredoc (`cat <<EOF`), lines after the command up to the delimiter line.
    HeredocBody(Span),
}

const REDIRECT_OPS: [&str; 12] = [
    "&>>", "<<<", "<<-", "&>", ">>", ">|", "<>", "<&", ">&", "<<", "<", ">",
];

struct PendingHeredoc {
    delimiter: String,
    strip_tabs: bool,
}

/// Splits shell text into tokens.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut pending: Vec<PendingHeredoc> = Vec::new();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b' ' | b'\t' | b'\r' => i += 1,
            b'\\' if bytes.get(i + 1) == Some(&b'\n') => i += 2,
            b'\n' => {
                tokens.push(Token::Operator(Separator {
                    op: Operator::Newline,
                    span: Span::new(i, i + 1),
                }));
                i += 1;
                for h in pending.drain(..) {
                    let (body, next) = heredoc_body(text, i, &h);
                    tokens.push(Token::HeredocBody(body));
                    i = next;
                }
            }
            b'#' => {
                let end = bytes
                    .get(i..)
                    .and_then(|r| r.iter().position(|&c| c == b'\n'))
                    .map_or(bytes.len(), |p| i + p);
                tokens.push(Token::Comment(Span::new(i, end)));
                i = end;
            }
            _ => {
                if let Some((token, next)) = operator_at(bytes, i) {
                    tokens.push(Token::Operator(token));
                    i = next;
                    continue;
                }
                if let Some((redirect, next)) = redirect_at(text, i) {
                    if let (Some(op), Some(target)) = (Some(redirect.op), &redirect.target) {
                        if op == "<<" || op == "<<-" {
                            pending.push(PendingHeredoc {
                                delimiter: target
                                    .literal
                                    .clone()
                                    .unwrap_or_else(|| target.raw.replace(['\'', '"', '\\'], "")),
                                strip_tabs: op == "<<-",
                            });
                        }
                    }
                    tokens.push(Token::Redirect(redirect));
                    i = next;
                    continue;
                }
                let w = scan_word(text, i);
                let end = if w.end > i { w.end } else { next_char(text, i) };
                tokens.push(Token::Word(ShellWord {
                    raw: text.get(i..end).unwrap_or(""),
                    span: Span::new(i, end),
                    literal: w.literal,
                    substitutions: w.substitutions,
                }));
                i = end;
            }
        }
    }
    tokens
}

fn next_char(text: &str, i: usize) -> usize {
    i + text
        .get(i..)
        .and_then(|r| r.chars().next())
        .map_or(1, char::len_utf8)
}

/// Reads a heredoc body starting at `start`; returns its span and the offset after the
/// delimiter line.
fn heredoc_body(text: &str, start: usize, h: &PendingHeredoc) -> (Span, usize) {
    let mut at = start;
    while at < text.len() {
        let line_end = text
            .get(at..)
            .and_then(|r| r.find('\n'))
            .map_or(text.len(), |p| at + p);
        let mut line = text.get(at..line_end).unwrap_or("");
        line = line.strip_suffix('\r').unwrap_or(line);
        if h.strip_tabs {
            line = line.trim_start_matches('\t');
        }
        let next = (line_end + 1).min(text.len());
        if line == h.delimiter {
            return (Span::new(start, at), next);
        }
        at = next;
        if line_end == text.len() {
            break;
        }
    }
    (Span::new(start, text.len()), text.len())
}

fn operator_at(bytes: &[u8], i: usize) -> Option<(Separator, usize)> {
    let two = bytes.get(i..i + 2);
    let (op, len) = match (bytes.get(i), two) {
        (_, Some(b"&&")) => (Operator::AndIf, 2),
        (_, Some(b"||")) => (Operator::OrIf, 2),
        (_, Some(b";;")) => (Operator::DoubleSemi, 2),
        (_, Some(b"|&")) => (Operator::PipeAmp, 2),
        (Some(b'&'), _) if bytes.get(i + 1) != Some(&b'>') => (Operator::Amp, 1),
        (Some(b';'), _) => (Operator::Semi, 1),
        (Some(b'|'), _) => (Operator::Pipe, 1),
        (Some(b'('), _) => (Operator::LParen, 1),
        (Some(b')'), _) => (Operator::RParen, 1),
        _ => return None,
    };
    Some((
        Separator {
            op,
            span: Span::new(i, i + len),
        },
        i + len,
    ))
}

fn redirect_at(text: &str, i: usize) -> Option<(Redirect<'_>, usize)> {
    let bytes = text.as_bytes();
    let digits = bytes
        .get(i..)
        .map_or(0, |r| r.iter().take_while(|b| b.is_ascii_digit()).count());
    let op_start = i + digits;
    let rest = text.get(op_start..)?;
    let op = REDIRECT_OPS.iter().find(|op| rest.starts_with(**op))?;
    if digits > 0 && op.starts_with('&') {
        return None;
    }
    let fd = if digits > 0 {
        text.get(i..op_start).and_then(|d| d.parse().ok())
    } else {
        None
    };
    let mut j = op_start + op.len();
    while matches!(bytes.get(j), Some(b' ' | b'\t')) {
        j += 1;
    }
    let target = match bytes.get(j) {
        Some(&b) if !is_word_break(b) && b != b'#' => {
            let w = scan_word(text, j);
            let end = if w.end > j { w.end } else { next_char(text, j) };
            Some(ShellWord {
                raw: text.get(j..end).unwrap_or(""),
                span: Span::new(j, end),
                literal: w.literal,
                substitutions: w.substitutions,
            })
        }
        _ => None,
    };
    let end = target
        .as_ref()
        .map_or(op_start + op.len(), |t| t.span.end());
    Some((
        Redirect {
            span: Span::new(i, end),
            fd,
            op: text.get(op_start..op_start + op.len()).unwrap_or(""),
            target,
        },
        end,
    ))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests fail loudly on purpose.
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(&str, Option<String>)> {
        tokenize(text)
            .into_iter()
            .filter_map(|t| match t {
                Token::Word(w) => Some((w.raw, w.literal)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn quotes_and_escapes() {
        assert_eq!(
            words(r#"echo 'a b' "c \"d\"" e\ f g"h"i"#),
            vec![
                ("echo", Some("echo".into())),
                ("'a b'", Some("a b".into())),
                (r#""c \"d\"""#, Some("c \"d\"".into())),
                (r"e\ f", Some("e f".into())),
                (r#"g"h"i"#, Some("ghi".into())),
            ]
        );
    }

    #[test]
    fn expansions_have_no_literal() {
        let toks = words("echo $HOME \"${X:-a b}\" $(id -u) `date` $ 5$");
        assert_eq!(toks[1], ("$HOME", None));
        assert_eq!(toks[2], ("\"${X:-a b}\"", None));
        assert_eq!(toks[3], ("$(id -u)", None));
        assert_eq!(toks[4], ("`date`", None));
        assert_eq!(toks[5], ("$", Some("$".into())));
        assert_eq!(toks[6], ("5$", Some("5$".into())));
    }

    #[test]
    fn substitution_spans() {
        let text = "x=$(curl -u a:b \"$(inner)\") `sudo id`";
        let toks = tokenize(text);
        let Token::Word(w) = &toks[0] else { panic!() };
        assert_eq!(w.substitutions.len(), 1);
        assert_eq!(w.substitutions[0].text(text), "curl -u a:b \"$(inner)\"");
        let Token::Word(w) = &toks[1] else { panic!() };
        assert_eq!(w.substitutions[0].text(text), "sudo id");
    }

    #[test]
    fn operators_and_redirects() {
        let text = "a && b || c; d | e |& f & (g) >out 2>&1 <in &>/dev/null";
        let toks = tokenize(text);
        let ops: Vec<_> = toks
            .iter()
            .filter_map(|t| match t {
                Token::Operator(s) => Some(s.op),
                _ => None,
            })
            .collect();
        assert_eq!(
            ops,
            vec![
                Operator::AndIf,
                Operator::OrIf,
                Operator::Semi,
                Operator::Pipe,
                Operator::PipeAmp,
                Operator::Amp,
                Operator::LParen,
                Operator::RParen
            ]
        );
        let redirects: Vec<_> = toks
            .iter()
            .filter_map(|t| match t {
                Token::Redirect(r) => Some((r.fd, r.op, r.span.text(text))),
                _ => None,
            })
            .collect();
        assert_eq!(
            redirects,
            vec![
                (None, ">", ">out"),
                (Some(2), ">&", "2>&1"),
                (None, "<", "<in"),
                (None, "&>", "&>/dev/null")
            ]
        );
    }

    #[test]
    fn comments_and_heredoc_bodies() {
        let text = "cat <<-'EOF' > f # write\n\tline $x\n\tEOF\necho done\n";
        let toks = tokenize(text);
        assert!(toks
            .iter()
            .any(|t| matches!(t, Token::Comment(s) if s.text(text) == "# write")));
        let body = toks
            .iter()
            .find_map(|t| match t {
                Token::HeredocBody(s) => Some(s.text(text)),
                _ => None,
            })
            .unwrap();
        assert_eq!(body, "\tline $x\n");
        assert!(words(text).iter().any(|w| w.0 == "done"));
        assert!(!words(text).iter().any(|w| w.0 == "line"));
    }

    #[test]
    fn unterminated_constructs_do_not_panic() {
        for text in [
            "echo 'abc",
            "echo \"abc",
            "echo $(abc",
            "echo `abc",
            "echo ${abc",
            "a\\",
            "é'é",
            "<<",
            "2>",
        ] {
            let toks = tokenize(text);
            for t in &toks {
                if let Token::Word(w) = t {
                    assert!(
                        text.is_char_boundary(w.span.start())
                            && text.is_char_boundary(w.span.end())
                    );
                }
            }
        }
    }
}
