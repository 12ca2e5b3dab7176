//! The `.env` file format Compose reads (compose-go's `dotenv` package).
//!
//! - `KEY=VALUE` statements, one per line; `KEY: VALUE` is accepted too. An `export ` prefix is
//!   ignored. Keys are letters, digits, `_`, `.`, `-`, `[` and `]`; keys starting with a digit
//!   are ignored (as Compose does).
//! - A bare `KEY` takes its value from the caller's environment, and is unset when it is not
//!   there.
//! - Unquoted values run to the end of the line; ` #` (a space then `#`) starts a comment;
//!   trailing whitespace is trimmed. They are interpolated.
//! - `'single'` values are literal (`\'` is a quote). `"double"` values process `\n`, `\r`,
//!   `\t`, `\\`, `\"`, `\$`, `\a`, `\b`, `\f`, `\v` and `\0NNN` octal escapes, then are
//!   interpolated. Both may span several lines.
//! - Interpolation sees the caller's environment first, then the keys defined earlier in the
//!   file.
//! - Lines whose first non-blank character is `#` are comments. A UTF-8 BOM is skipped.
//!
//! Compose stops at the first bad line; this parser records an error for it and goes on with
//! the next line, so a linter can still see the rest.

use std::collections::BTreeMap;

use keelson_syntax::Span;

use super::env::{ProjectEnv, VarLookup, VarOrigin};
use super::interpolate::{interpolate, needs_interpolation, Interpolated};
use super::loc::{FileIdx, Loc};

/// A parsed `.env` file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DotEnv {
    /// Statements in file order (later ones win when a key repeats).
    pub entries: Vec<DotEnvEntry>,
    /// Lines that could not be read.
    pub errors: Vec<DotEnvError>,
}

/// How a `.env` value was quoted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DotEnvQuote {
    /// Unquoted.
    None,
    /// `'…'`: literal.
    Single,
    /// `"…"`: escapes and interpolation.
    Double,
}

/// One `KEY=VALUE` (or bare `KEY`) statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DotEnvEntry {
    /// The key.
    pub key: String,
    /// Where the key is.
    pub key_span: Span,
    /// The final value: `None` for a bare `KEY` the environment does not define.
    pub value: Option<String>,
    /// The value as written, quotes included (empty for a bare `KEY`).
    pub value_span: Span,
    /// The whole statement, from the key (or `export`) to the end of the value.
    pub span: Span,
    /// How the value was quoted.
    pub quote: DotEnvQuote,
    /// Whether this was a bare `KEY` taking its value from the environment.
    pub inherited: bool,
    /// The interpolation records of the value, when it contained a `$` and was not
    /// single-quoted. Spans are relative to the value after quote and escape processing, which
    /// for values without escapes starts one byte after `value_span.start` when quoted.
    pub interpolation: Option<Interpolated>,
}

/// A `.env` line that could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DotEnvError {
    /// Where the problem is.
    pub span: Span,
    /// What went wrong.
    pub message: String,
}

impl DotEnv {
    /// The variables defined by the file, each with the location of its statement in `file`.
    /// Later statements win; bare keys with no value are left out.
    pub fn to_project_env(&self, file: FileIdx) -> ProjectEnv {
        let mut env = ProjectEnv::new();
        for e in &self.entries {
            if let Some(v) = &e.value {
                env.set(
                    e.key.clone(),
                    v.clone(),
                    VarOrigin::EnvFile(Loc::new(file, e.span)),
                );
            }
        }
        env
    }

    /// The last value of `key`, if defined.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.entries
            .iter()
            .rev()
            .find(|e| e.key == key)
            .and_then(|e| e.value.as_deref())
    }
}

/// Parses a `.env` text. `file` is used for the origins of the variables that later values
/// interpolate; `env` is the caller's explicit environment (it wins over earlier keys of the file
/// during interpolation, and supplies bare `KEY` statements).
pub fn parse_dotenv(text: &str, file: FileIdx, env: &dyn VarLookup) -> DotEnv {
    let mut p = Parser {
        text,
        pos: if text.starts_with('\u{feff}') { 3 } else { 0 },
        file,
        env,
        defined: BTreeMap::new(),
        out: DotEnv::default(),
    };
    p.run();
    p.out
}

/// Space characters that are not line breaks (compose-go's `isSpace`).
fn is_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{85}' | '\u{a0}'
    )
}

fn is_key_char(c: char) -> bool {
    matches!(c, '_' | '.' | '-' | '[' | ']') || c.is_alphanumeric()
}

/// Earlier keys of the file, behind the caller's environment.
struct Layered<'a> {
    env: &'a dyn VarLookup,
    defined: &'a BTreeMap<String, (String, Span)>,
    file: FileIdx,
}

impl VarLookup for Layered<'_> {
    fn lookup(&self, name: &str) -> Option<(&str, VarOrigin)> {
        if let Some(found) = self.env.lookup(name) {
            return Some(found);
        }
        self.defined
            .get(name)
            .map(|(v, span)| (v.as_str(), VarOrigin::EnvFile(Loc::new(self.file, *span))))
    }
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
    file: FileIdx,
    env: &'a dyn VarLookup,
    defined: BTreeMap<String, (String, Span)>,
    out: DotEnv,
}

impl Parser<'_> {
    fn rest(&self) -> &str {
        self.text.get(self.pos..).unwrap_or("")
    }

    fn skip_to_line_end(&mut self) {
        match self.rest().find('\n') {
            Some(i) => self.pos += i + 1,
            None => self.pos = self.text.len(),
        }
    }

    fn error(&mut self, span: Span, message: String) {
        self.out.errors.push(DotEnvError { span, message });
    }

    fn run(&mut self) {
        loop {
            // Statement start: skip whitespace (newlines included) and comment lines.
            let skip = self
                .rest()
                .find(|c: char| !c.is_whitespace())
                .unwrap_or(self.rest().len());
            self.pos += skip;
            if self.pos >= self.text.len() {
                break;
            }
            if self.rest().starts_with('#') {
                self.skip_to_line_end();
                continue;
            }
            self.statement();
        }
    }

    fn statement(&mut self) {
        let start = self.pos;
        // `export` followed by whitespace is ignored.
        if let Some(after) = self.rest().strip_prefix("export") {
            if after.starts_with(|c: char| c.is_whitespace() && c != '\n') {
                self.pos += "export".len();
                let skip = self.rest().find(|c: char| !is_space(c)).unwrap_or(0);
                self.pos += skip;
            }
        }
        let key_start = self.pos;
        // Scan the key up to `=`, `:` or the end of the line.
        let mut term: Option<(usize, char)> = None;
        let mut bad: Option<(usize, char)> = None;
        for (i, c) in self.rest().char_indices() {
            if is_space(c) {
                continue;
            }
            match c {
                '=' | ':' | '\n' => {
                    term = Some((i, c));
                    break;
                }
                c if is_key_char(c) => {}
                c => {
                    bad = Some((i, c));
                    break;
                }
            }
        }
        if let Some((i, c)) = bad {
            let at = key_start + i;
            self.error(
                Span::new(at, at + c.len_utf8()),
                format!("unexpected character {c:?} in variable name"),
            );
            self.skip_to_line_end();
            return;
        }
        let (key_end_rel, term_char) = match term {
            Some((i, c)) => (i, Some(c)),
            None => (self.rest().len(), None),
        };
        let raw_key = self
            .text
            .get(key_start..key_start + key_end_rel)
            .unwrap_or("");
        let key = raw_key.trim_end_matches(|c: char| c.is_whitespace());
        let key_span = Span::new(key_start, key_start + key.len());
        if key.contains(' ') || key.contains('\t') {
            self.error(key_span, "a key cannot contain a space".to_string());
            self.skip_to_line_end();
            return;
        }
        if key.is_empty() {
            self.error(
                Span::new(key_start, key_start + key_end_rel + 1),
                "a statement needs a key before `=`".to_string(),
            );
            self.skip_to_line_end();
            return;
        }
        let ignored = key.starts_with(|c: char| c.is_ascii_digit());
        let key = key.to_string();

        if matches!(term_char, None | Some('\n')) {
            // Bare `KEY`: inherited from the environment.
            self.pos = key_start + key_end_rel;
            let value = self.env.lookup(&key).map(|(v, _)| v.to_string());
            let span = Span::new(start, key_span.end());
            if !ignored {
                if let Some(v) = &value {
                    self.defined.insert(key.clone(), (v.clone(), span));
                }
                self.out.entries.push(DotEnvEntry {
                    key,
                    key_span,
                    value,
                    value_span: Span::empty(key_span.end()),
                    span,
                    quote: DotEnvQuote::None,
                    inherited: true,
                    interpolation: None,
                });
            }
            return;
        }

        // Past the separator and the spaces after it.
        self.pos = key_start + key_end_rel + 1;
        let skip = self
            .rest()
            .find(|c: char| !is_space(c))
            .unwrap_or(self.rest().len());
        self.pos += skip;
        let value_start = self.pos;

        let (text_value, quote, value_end) = match self.rest().chars().next() {
            Some(q @ ('"' | '\'')) => match extract_quoted(self.rest(), q) {
                Some((v, len)) => (
                    v,
                    if q == '"' {
                        DotEnvQuote::Double
                    } else {
                        DotEnvQuote::Single
                    },
                    value_start + len,
                ),
                None => {
                    let line_end = self.rest().find('\n').unwrap_or(self.rest().len());
                    self.error(
                        Span::new(value_start, value_start + line_end),
                        "unterminated quoted value".to_string(),
                    );
                    self.skip_to_line_end();
                    return;
                }
            },
            _ => {
                let line_end = self.rest().find('\n').unwrap_or(self.rest().len());
                let line = self.rest().get(..line_end).unwrap_or("");
                let cut = line.find(" #").unwrap_or(line.len());
                let v = line
                    .get(..cut)
                    .unwrap_or("")
                    .trim_end_matches(|c: char| c.is_whitespace());
                (v.to_string(), DotEnvQuote::None, value_start + v.len())
            }
        };
        let value_span = Span::new(value_start, value_end);
        let span = Span::new(start, value_end);
        self.pos = match quote {
            DotEnvQuote::None => {
                let line_end = self
                    .rest()
                    .find('\n')
                    .map_or(self.text.len(), |i| self.pos + i);
                line_end
            }
            _ => value_end,
        };

        let (value, interpolation) = match quote {
            DotEnvQuote::Single => (text_value, None),
            DotEnvQuote::Double | DotEnvQuote::None => {
                let processed = if quote == DotEnvQuote::Double {
                    expand_escapes(&text_value)
                } else {
                    text_value
                };
                if needs_interpolation(&processed) {
                    let lookup = Layered {
                        env: self.env,
                        defined: &self.defined,
                        file: self.file,
                    };
                    let interp = interpolate(&processed, &lookup);
                    (interp.value.clone(), Some(interp))
                } else {
                    (processed, None)
                }
            }
        };
        if ignored {
            return;
        }
        self.defined.insert(key.clone(), (value.clone(), span));
        self.out.entries.push(DotEnvEntry {
            key,
            key_span,
            value: Some(value),
            value_span,
            span,
            quote,
            inherited: false,
            interpolation,
        });
    }
}

/// Reads a quoted value at the start of `s` (which starts with `quote`). Returns the value with
/// escaped quotes unescaped (other backslashes kept) and the byte length consumed, closing quote
/// included; `None` when the quote is not closed.
fn extract_quoted(s: &str, quote: char) -> Option<(String, usize)> {
    let mut out = String::new();
    let mut escaped = false;
    for (i, c) in s.char_indices().skip(1) {
        if escaped {
            escaped = false;
            if c != quote {
                out.push('\\');
            }
            out.push(c);
            continue;
        }
        if c == '\\' {
            escaped = true;
        } else if c == quote {
            return Some((out, i + c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    None
}

/// Double-quote escape processing: `\n \r \t \\ \" \a \b \f \v \0NNN`, and `\$` becomes `$$`
/// so interpolation keeps a literal `$`. Other backslashes are kept.
fn expand_escapes(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.peek().copied() {
            Some(e @ ('a' | 'b' | 'f' | 'n' | 'r' | 't' | 'v' | '\\' | '"' | '$')) => {
                chars.next();
                match e {
                    'a' => out.push('\u{7}'),
                    'b' => out.push('\u{8}'),
                    'f' => out.push('\u{c}'),
                    'n' => out.push('\n'),
                    'r' => out.push('\r'),
                    't' => out.push('\t'),
                    'v' => out.push('\u{b}'),
                    '$' => out.push_str("$$"),
                    other => out.push(other),
                }
            }
            Some('0') => {
                chars.next();
                let mut digits = String::new();
                while digits.len() < 3 {
                    match chars.peek() {
                        Some(d) if d.is_ascii_digit() => {
                            digits.push(*d);
                            chars.next();
                        }
                        _ => break,
                    }
                }
                match u32::from_str_radix(if digits.is_empty() { "0" } else { &digits }, 8)
                    .ok()
                    .and_then(char::from_u32)
                {
                    Some(ch) => out.push(ch),
                    None => {
                        out.push_str("\\0");
                        out.push_str(&digits);
                    }
                }
            }
            _ => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compose::env::{Environment, NoVars};

    fn parse(text: &str) -> DotEnv {
        parse_dotenv(text, FileIdx(0), &NoVars)
    }

    #[test]
    fn table() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            ("A=1", "A", Some("1")),
            ("A = 1", "A", Some("1")),
            ("export A=1", "A", Some("1")),
            ("export\tA=1", "A", Some("1")),
            ("A: 1", "A", Some("1")),
            ("A=", "A", Some("")),
            ("A=VAL # comment", "A", Some("VAL")),
            ("A=VAL# not a comment", "A", Some("VAL# not a comment")),
            (
                "A=\"VAL # not a comment\"",
                "A",
                Some("VAL # not a comment"),
            ),
            ("A=\"VAL\" # comment", "A", Some("VAL")),
            ("A='$OTHER'", "A", Some("$OTHER")),
            ("A='${OTHER}'", "A", Some("${OTHER}")),
            ("A='Let\\'s go!'", "A", Some("Let's go!")),
            (
                "A=\"{\\\"hello\\\": \\\"json\\\"}\"",
                "A",
                Some("{\"hello\": \"json\"}"),
            ),
            ("A=\"some\\tvalue\"", "A", Some("some\tvalue")),
            ("A='some\\tvalue'", "A", Some("some\\tvalue")),
            ("A=some\\tvalue", "A", Some("some\\tvalue")),
            ("A=\"a\\nb\"", "A", Some("a\nb")),
            ("A=\"\\$HOME\"", "A", Some("$HOME")),
            ("A=\"\\0123\"", "A", Some("S")),
            ("A=trailing   ", "A", Some("trailing")),
            ("A=crlf\r\n", "A", Some("crlf")),
            ("\u{feff}A=bom", "A", Some("bom")),
            ("A.B-C=1", "A.B-C", Some("1")),
            ("A=$$x", "A", Some("$x")),
            ("BARE", "BARE", None),
        ];
        for (text, key, want) in cases {
            let env = parse(text);
            assert!(env.errors.is_empty(), "{text:?}: {:?}", env.errors);
            let e = env.entries.iter().find(|e| e.key == *key);
            let e = e.unwrap_or_else(|| panic!("{text:?}: no key {key}"));
            assert_eq!(e.value.as_deref(), *want, "{text:?}");
        }
    }

    #[test]
    fn multi_line_and_comments() {
        let text = "# comment\n\nA='first\nsecond'\n  # indented comment\nB=\"x\ny\"\nC=3\n";
        let env = parse(text);
        assert!(env.errors.is_empty(), "{:?}", env.errors);
        assert_eq!(env.get("A"), Some("first\nsecond"));
        assert_eq!(env.get("B"), Some("x\ny"));
        assert_eq!(env.get("C"), Some("3"));
        assert_eq!(env.entries.len(), 3);
    }

    #[test]
    fn interpolation_uses_earlier_keys_and_environment_first() {
        let text = "HOST=db\nURL=postgres://${HOST}:${PORT:-5432}/x\nQ='${HOST}'\nOVER=1\nO2=$OVER";
        let env = parse(text);
        assert_eq!(env.get("URL"), Some("postgres://db:5432/x"));
        assert_eq!(env.get("Q"), Some("${HOST}"));
        let url = env.entries.iter().find(|e| e.key == "URL").expect("URL");
        let interp = url.interpolation.as_ref().expect("interpolation");
        assert_eq!(interp.refs[0].name, "HOST");
        assert_eq!(
            interp.refs[0].origin,
            Some(VarOrigin::EnvFile(Loc::new(FileIdx(0), Span::new(0, 7))))
        );
        let mut explicit = Environment::new();
        explicit.insert("OVER", "env");
        let env = parse_dotenv(text, FileIdx(0), &explicit);
        assert_eq!(env.get("O2"), Some("env"));
        assert_eq!(env.get("OVER"), Some("1"));
    }

    #[test]
    fn bare_key_is_inherited_when_present() {
        let mut explicit = Environment::new();
        explicit.insert("TOKEN", "t");
        let env = parse_dotenv("TOKEN\nMISSING\n", FileIdx(0), &explicit);
        assert_eq!(env.get("TOKEN"), Some("t"));
        assert_eq!(env.get("MISSING"), None);
        assert!(env.entries.iter().all(|e| e.inherited));
    }

    #[test]
    fn errors_do_not_stop_the_parse() {
        let env = parse("GOOD=1\nBAD KEY=2\nA$B=3\nQ=\"open\nLAST=ok\n");
        assert_eq!(env.get("GOOD"), Some("1"));
        assert_eq!(env.get("LAST"), Some("ok"));
        assert!(env.errors.len() >= 2, "{:?}", env.errors);
    }

    #[test]
    fn spans() {
        let text = "export KEY=\"value\" # c\n";
        let env = parse(text);
        let e = &env.entries[0];
        assert_eq!(e.key_span.text(text), "KEY");
        assert_eq!(e.value_span.text(text), "\"value\"");
        assert_eq!(e.span.text(text), "export KEY=\"value\"");
        assert_eq!(e.quote, DotEnvQuote::Double);
    }

    #[test]
    fn digit_keys_are_ignored() {
        let env = parse("1A=x\nB=y");
        assert_eq!(env.entries.len(), 1);
    }
}
