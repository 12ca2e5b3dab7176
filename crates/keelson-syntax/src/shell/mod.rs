//! A small POSIX-shell lexer for `RUN` bodies, `sh -c` strings and heredoc scripts.
//!
//! It splits text into words, operators, redirections and comments ([`tokenize`]), and groups
//! them into simple commands with the operators that separate them ([`parse_commands`]). It
//! does not parse the shell grammar (`if`, loops, functions); reserved words stay words, and
//! [`SimpleCommand::name`] skips them, which is what rules such as "uses `sudo`" or
//! "`curl -u user:pass`" need. It never fails: unterminated quotes or substitutions run to the
//! end of the input.
//!
//! Spans are byte offsets into the text given to the lexer. For a `RUN` in shell form, map them
//! back to the Dockerfile with [`LogicalText::source_span`](crate::dockerfile::LogicalText::source_span).
//!
//! ```
//! use keelson_syntax::shell::{parse_commands, Operator};
//!
//! let list = parse_commands("apt-get update && sudo curl -u me:pw https://x | sh");
//! let names: Vec<_> = list.commands.iter().filter_map(|c| c.name()).map(|w| w.raw).collect();
//! assert_eq!(names, ["apt-get", "sudo", "sh"]);
//! assert_eq!(list.commands[0].terminator.map(|t| t.op), Some(Operator::AndIf));
//! assert_eq!(list.commands[1].words[3].literal.as_deref(), Some("me:pw"));
//! ```

mod command;
mod lexer;
mod word;

pub use command::{parse_commands, CommandList, SimpleCommand};
pub use lexer::{tokenize, Operator, Redirect, Separator, ShellWord, Token};
