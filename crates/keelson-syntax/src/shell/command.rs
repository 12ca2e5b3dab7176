//! Grouping tokens into simple commands.

use super::lexer::{tokenize, Operator, Redirect, Separator, ShellWord, Token};
use crate::span::Span;

/// Words that open or close compound commands; [`SimpleCommand::name`] skips them.
const RESERVED: [&str; 12] = [
    "!", "{", "}", "if", "then", "else", "elif", "fi", "do", "done", "while", "until",
];

/// Words that start a compound command whose first line is not a command.
const NOT_A_COMMAND: [&str; 6] = ["for", "case", "select", "esac", "function", "in"];

/// A simple command: words and redirections up to a control operator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SimpleCommand<'a> {
    /// The words, in order (assignments and reserved words included).
    pub words: Vec<ShellWord<'a>>,
    /// The redirections, in order.
    pub redirects: Vec<Redirect<'a>>,
    /// From the first to the last word or redirection.
    pub span: Span,
    /// The operator that ends the command (`&&`, `|`, `;`, a newline, …), if any.
    pub terminator: Option<Separator>,
}

impl<'a> SimpleCommand<'a> {
    /// Index in [`SimpleCommand::words`] of the command name: the first word that is not a
    /// variable assignment (`FOO=bar`) or a reserved word (`if`, `then`, `do`, `!`, …).
    /// `None` for `for`/`case` headers and commands made only of assignments.
    pub fn name_index(&self) -> Option<usize> {
        for (i, w) in self.words.iter().enumerate() {
            let text = w.text();
            if RESERVED.contains(&text) {
                continue;
            }
            if NOT_A_COMMAND.contains(&text) {
                return None;
            }
            if is_assignment(w.raw) {
                continue;
            }
            return Some(i);
        }
        None
    }

    /// The command name (see [`SimpleCommand::name_index`]).
    pub fn name(&self) -> Option<&ShellWord<'a>> {
        self.name_index().and_then(|i| self.words.get(i))
    }

    /// The words after the command name.
    pub fn args(&self) -> &[ShellWord<'a>] {
        match self.name_index() {
            Some(i) => self.words.get(i + 1..).unwrap_or(&[]),
            None => &[],
        }
    }

    /// Whether the command's output is piped into the next command.
    pub fn pipes_to_next(&self) -> bool {
        matches!(
            self.terminator.map(|t| t.op),
            Some(Operator::Pipe | Operator::PipeAmp)
        )
    }
}

/// `NAME=…` with a valid variable name.
fn is_assignment(raw: &str) -> bool {
    match raw.split_once('=') {
        Some((name, _)) => {
            let mut chars = name.chars();
            chars
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        }
        None => false,
    }
}

/// The simple commands of a shell text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CommandList<'a> {
    /// The commands, in order. Commands inside `( … )` appear in line; substitutions
    /// (`$(…)`) are not split out (see [`ShellWord::substitutions`]).
    pub commands: Vec<SimpleCommand<'a>>,
    /// Comments, in order.
    pub comments: Vec<Span>,
    /// Heredoc bodies, in order.
    pub heredoc_bodies: Vec<Span>,
}

/// Tokenizes `text` and groups the tokens into simple commands.
pub fn parse_commands(text: &str) -> CommandList<'_> {
    let mut list = CommandList::default();
    let mut current = SimpleCommand {
        words: Vec::new(),
        redirects: Vec::new(),
        span: Span::empty(0),
        terminator: None,
    };
    let extend = |cmd: &mut SimpleCommand<'_>, span: Span| {
        cmd.span = if cmd.words.is_empty() && cmd.redirects.is_empty() {
            span
        } else {
            cmd.span.cover(span)
        };
    };
    for token in tokenize(text) {
        match token {
            Token::Word(w) => {
                extend(&mut current, w.span);
                current.words.push(w);
            }
            Token::Redirect(r) => {
                extend(&mut current, r.span);
                current.redirects.push(r);
            }
            Token::Operator(sep) => {
                if !current.words.is_empty() || !current.redirects.is_empty() {
                    current.terminator = Some(sep);
                    list.commands.push(std::mem::replace(
                        &mut current,
                        SimpleCommand {
                            words: Vec::new(),
                            redirects: Vec::new(),
                            span: Span::empty(sep.span.end()),
                            terminator: None,
                        },
                    ));
                }
            }
            Token::Comment(span) => list.comments.push(span),
            Token::HeredocBody(span) => list.heredoc_bodies.push(span),
        }
    }
    if !current.words.is_empty() || !current.redirects.is_empty() {
        list.commands.push(current);
    }
    list
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests fail loudly on purpose.
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<Option<&str>> {
        parse_commands(text)
            .commands
            .iter()
            .map(|c| c.name().map(|w| w.raw))
            .collect()
    }

    #[test]
    fn groups_commands_and_names() {
        assert_eq!(
            names("DEBIAN_FRONTEND=noninteractive apt-get install -y x && rm -rf /var/lib/apt"),
            vec![Some("apt-get"), Some("rm")]
        );
        assert_eq!(
            names("if [ -f x ]; then sudo rm x; fi"),
            vec![Some("["), Some("sudo"), None]
        );
        assert_eq!(
            names("for f in a b; do echo $f; done"),
            vec![None, Some("echo"), None]
        );
        assert_eq!(names("X=1"), vec![None]);
    }

    #[test]
    fn spans_and_terminators() {
        let text = "curl -fsSL https://x | sh\nwget -qO- y";
        let list = parse_commands(text);
        assert_eq!(list.commands.len(), 3);
        assert_eq!(list.commands[0].span.text(text), "curl -fsSL https://x");
        assert!(list.commands[0].pipes_to_next());
        assert_eq!(
            list.commands[1].terminator.map(|t| t.op),
            Some(Operator::Newline)
        );
        assert_eq!(list.commands[2].args()[0].raw, "-qO-");
    }

    #[test]
    fn redirects_belong_to_their_command() {
        let list = parse_commands("echo hi >/tmp/x 2>&1; cat <<EOF\nbody\nEOF\n");
        assert_eq!(list.commands[0].redirects.len(), 2);
        assert_eq!(list.commands[1].redirects[0].op, "<<");
        assert_eq!(list.heredoc_bodies.len(), 1);
    }
}
