//! Parser directives (`# syntax=…`, `# escape=…`, `# check=…`) at the top of a Dockerfile.
//!
//! BuildKit looks at lines until the first one that is not a directive (a blank line, another
//! comment, an instruction). A directive is `#`, optional whitespace, a name matching
//! `[a-zA-Z][a-zA-Z0-9]*`, optional whitespace, `=`, and a value; names are case-insensitive
//! and each may appear once.

use super::ast::{Directive, DirectiveKind, ParseError, ParseErrorKind};
use crate::span::Span;

/// Go's regexp `\s`: `[\t\n\f\r ]`.
fn is_re_space(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\u{0C}' | '\r' | ' ')
}

/// The directive-looking parts of a comment line.
#[derive(Debug, PartialEq, Eq)]
struct DirectiveMatch<'a> {
    name: &'a str,
    name_start: usize,
    value: &'a str,
    value_start: usize,
}

/// Matches `line` (leading whitespace already removed) against BuildKit's directive pattern.
fn match_directive(line: &str) -> Option<DirectiveMatch<'_>> {
    let after_hash = line.strip_prefix('#')?;
    let name_start = 1 + super::lines::leading_space_len(after_hash);
    let rest = line.get(name_start..)?;
    let first = rest.chars().next()?;
    if !first.is_ascii_alphabetic() {
        return None;
    }
    let name_len = rest
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    let name = rest.get(..name_len)?;
    let after_name = rest.get(name_len..)?;
    let eq_rel = after_name.len() - after_name.trim_start_matches(is_re_space).len();
    let after_eq = after_name.get(eq_rel..)?.strip_prefix('=')?;
    if after_eq.is_empty() {
        return None;
    }
    // `\s*(.+?)\s*$`: leading spaces go to the first `\s*` while at least one character is left.
    let lead = after_eq.len() - after_eq.trim_start_matches(is_re_space).len();
    let lead = if lead == after_eq.len() {
        after_eq.char_indices().next_back().map_or(0, |(i, _)| i)
    } else {
        lead
    };
    let body = after_eq.get(lead..)?;
    let trimmed = body.trim_end_matches(is_re_space);
    let value = if trimmed.is_empty() { body } else { trimmed };
    let value_start = name_start + name_len + eq_rel + 1 + lead;
    Some(DirectiveMatch {
        name,
        name_start,
        value,
        value_start,
    })
}

/// What the directive scanner decided about one line.
pub(crate) enum DirectiveLine {
    /// The line is a directive (possibly with an error, e.g. a duplicate).
    Directive(Directive, Option<ParseError>),
    /// Not a directive; directive scanning is over.
    NotDirective,
}

/// Directive scanning state.
#[derive(Default)]
pub(crate) struct DirectiveScanner {
    done: bool,
    seen: Vec<DirectiveKind>,
}

impl DirectiveScanner {
    /// Whether scanning has finished.
    pub(crate) fn is_done(&self) -> bool {
        self.done
    }

    /// Looks at a line (`line` is its content without leading whitespace, starting at source
    /// offset `offset`). Call it for every line until it returns `NotDirective`.
    pub(crate) fn scan(&mut self, line: &str, offset: usize) -> DirectiveLine {
        if self.done {
            return DirectiveLine::NotDirective;
        }
        let Some(m) = match_directive(line) else {
            self.done = true;
            return DirectiveLine::NotDirective;
        };
        let kind = match m.name.to_ascii_lowercase().as_str() {
            "syntax" => DirectiveKind::Syntax,
            "escape" => DirectiveKind::Escape,
            "check" => DirectiveKind::Check,
            _ => {
                self.done = true;
                return DirectiveLine::NotDirective;
            }
        };
        let directive = Directive {
            span: Span::new(offset, offset + line.len()),
            kind,
            name: m.name.to_string(),
            name_span: Span::new(offset + m.name_start, offset + m.name_start + m.name.len()),
            value: m.value.to_string(),
            value_span: Span::new(
                offset + m.value_start,
                offset + m.value_start + m.value.len(),
            ),
        };
        let error = if self.seen.contains(&kind) {
            Some(ParseError {
                span: directive.span,
                kind: ParseErrorKind::DuplicateDirective,
                message: format!(
                    "only one {} parser directive can be used",
                    m.name.to_ascii_lowercase()
                ),
            })
        } else {
            self.seen.push(kind);
            None
        };
        DirectiveLine::Directive(directive, error)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests fail loudly on purpose.
mod tests {
    use super::*;

    fn scan_one(line: &str) -> Option<Directive> {
        match DirectiveScanner::default().scan(line, 10) {
            DirectiveLine::Directive(d, _) => Some(d),
            DirectiveLine::NotDirective => None,
        }
    }

    #[test]
    fn recognises_directives_with_exact_spans() {
        let d = scan_one("# syntax = docker/dockerfile:1  ").unwrap();
        assert_eq!(d.kind, DirectiveKind::Syntax);
        assert_eq!(d.name_span, Span::new(12, 18));
        assert_eq!(d.value, "docker/dockerfile:1");
        assert_eq!(d.value_span, Span::new(21, 40));
        let d = scan_one("#ESCAPE=`").unwrap();
        assert_eq!(d.kind, DirectiveKind::Escape);
        assert_eq!(d.value, "`");
        assert_eq!(d.value_span, Span::new(18, 19));
    }

    #[test]
    fn whitespace_only_value_keeps_one_character() {
        let d = scan_one("# escape=  ").unwrap();
        assert_eq!(d.value, " ");
    }

    #[test]
    fn non_directives_end_scanning() {
        assert!(scan_one("# escape=").is_none());
        assert!(scan_one("# foo=bar").is_none());
        assert!(scan_one("# just a comment").is_none());
        assert!(scan_one("FROM x").is_none());
        let mut s = DirectiveScanner::default();
        assert!(matches!(s.scan("# hello", 0), DirectiveLine::NotDirective));
        assert!(matches!(
            s.scan("# escape=`", 0),
            DirectiveLine::NotDirective
        ));
    }

    #[test]
    fn duplicates_are_errors() {
        let mut s = DirectiveScanner::default();
        assert!(matches!(
            s.scan("# syntax=a", 0),
            DirectiveLine::Directive(_, None)
        ));
        assert!(matches!(
            s.scan("# Syntax=b", 0),
            DirectiveLine::Directive(_, Some(_))
        ));
    }
}
