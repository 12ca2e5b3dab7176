//! BuildKit's word processing: quotes, escapes and `$VAR` expansion in instruction arguments.
//!
//! This follows the rules Docker documents for the instructions BuildKit expands (`ADD`, `COPY`,
//! `ENV`, `ARG`, `EXPOSE`, `FROM`, `LABEL`, `STOPSIGNAL`, `USER`, `VOLUME`, `WORKDIR`, flags such
//! as `--from`):
//!
//! - single quotes keep everything literally; double quotes remove themselves but still expand
//!   `$`; inside double quotes the escape character only escapes `"`, `$` and itself;
//! - outside quotes the escape character (`\`, or `` ` `` after `# escape=``) makes the next
//!   character literal;
//! - `$NAME` and `${NAME}`; `$` not followed by a name stays a literal `$`;
//! - `${NAME:-word}` / `${NAME-word}`: `word` when unset (`:` also when empty);
//! - `${NAME:+word}` / `${NAME+word}`: `word` when set (`:` also requires non-empty), else empty;
//! - `${NAME:?msg}` / `${NAME?msg}`: an error when unset (`:` also when empty);
//! - `${NAME#pat}` / `${NAME##pat}`: remove the shortest / longest prefix matching a shell
//!   pattern; `${NAME%pat}` / `${NAME%%pat}`: the same for suffixes;
//! - `${NAME/pat/repl}` / `${NAME//pat/repl}`: replace the first / every match of `pat`.
//!
//! Words inside modifiers are processed the same way (they can hold quotes and further
//! variables). Patterns understand `*`, `?`, `[...]` / `[!...]` and the escape character.
//!
//! Where BuildKit would stop the build (a missing `}`, an unknown modifier, `${NAME:?}` on an
//! unset variable) the expansion records an [`ExpandError`] and carries on, so a linter still
//! sees a value.
//!
//! Unlike BuildKit, the model does not always know a variable's value: an `ARG` without default
//! may be given at build time, and an `ENV` of the base image is invisible. Each reference is
//! therefore recorded ([`VarRef`]) with whether the result depends on a value the model does not
//! know ([`VarRef::unresolved`]); the text then holds what BuildKit would produce if the variable
//! were really unset (the empty string).

use keelson_syntax::Span;

use super::env::{Env, Var, VarOrigin};
use super::pattern::{Pattern, PatternItem};

/// The result of expanding one word.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Expansion {
    /// The word after quote removal, escapes and expansion (what BuildKit's `ProcessWord` gives).
    pub value: String,
    /// The same text split into fields the way BuildKit's `ProcessWords` splits it (unquoted
    /// whitespace, including whitespace produced by an unquoted variable, separates fields).
    pub fields: Vec<String>,
    /// Every variable looked up, in order of appearance (also those inside defaults that were
    /// used). References inside a modifier word that was not needed are not listed.
    pub refs: Vec<VarRef>,
    /// What BuildKit would have refused.
    pub errors: Vec<ExpandError>,
}

/// One `$NAME` / `${NAME…}` reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VarRef {
    /// The variable name.
    pub name: String,
    /// The reference in the expanded word, `$` to the last character (`}` included); byte
    /// offsets into the word given to [`expand`].
    pub span: Span,
    /// Where the value came from, when the variable is known.
    pub origin: Option<VarOrigin>,
    /// Whether the variable had a value.
    pub set: bool,
    /// Whether the variable was unset and a modifier supplied the result instead (`${X:-word}`,
    /// `${X:+word}`).
    pub fallback: bool,
    /// Whether the expanded text depends on a value the model does not know: the variable is
    /// unset (or computed from something unset) and no fallback decided the result.
    pub unresolved: bool,
}

/// Something BuildKit rejects while expanding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpandError {
    /// Where, in byte offsets into the word.
    pub span: Span,
    /// What.
    pub kind: ExpandErrorKind,
}

/// The kinds of [`ExpandError`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExpandErrorKind {
    /// A quote that is never closed.
    UnterminatedQuote,
    /// `${` without a matching `}`.
    MissingBrace,
    /// `${}`, `${:x}` or another malformed substitution.
    BadSubstitution,
    /// A modifier BuildKit does not know (`${X:#y}`, `${X.y}`).
    UnsupportedModifier(String),
    /// `${X:?message}` / `${X?message}` on an unset (or empty) variable.
    Required {
        /// The variable.
        name: String,
        /// The message, possibly empty.
        message: String,
    },
}

impl Expansion {
    /// Whether every reference was resolved and BuildKit would accept the word: the value is
    /// exactly what BuildKit computes with the given variables.
    pub fn is_resolved(&self) -> bool {
        self.errors.is_empty() && !self.refs.iter().any(|r| r.unresolved)
    }

    /// Whether the word contained any variable reference at all.
    pub fn has_refs(&self) -> bool {
        !self.refs.is_empty()
    }

    /// The names of the unresolved references, in order, without duplicates.
    pub fn unresolved_names(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for r in self.refs.iter().filter(|r| r.unresolved) {
            if !names.contains(&r.name) {
                names.push(r.name.clone());
            }
        }
        names
    }

    /// The value, when it is fully resolved.
    pub fn resolved(&self) -> Option<&str> {
        self.is_resolved().then_some(self.value.as_str())
    }
}

/// Expands `word` as BuildKit does, looking variables up in `env`, with `escape` as the escape
/// character (`\` or `` ` ``, see the parser's `Dockerfile::escape`).
pub fn expand(word: &str, env: &dyn Env, escape: char) -> Expansion {
    let mut lx = Lexer {
        src: word,
        chars: word.char_indices().collect(),
        pos: 0,
        escape,
        env,
        refs: Vec::new(),
        errors: Vec::new(),
    };
    let (sink, _) = lx.process_until(None, false);
    let (value, fields) = sink.finish();
    Expansion {
        value,
        fields,
        refs: lx.refs,
        errors: lx.errors,
    }
}

/// Stands for "any text" in [`matching_candidates`].
const WILDCARD: char = '\u{E000}';

/// Expands `word` with every variable the model cannot resolve standing for any text, and returns
/// the indices of the `candidates` the result could be (compared ASCII case-insensitively). Used
/// to find the stages an unresolved `FROM base-$TARGETARCH` may name.
pub(crate) fn matching_candidates(
    word: &str,
    env: &dyn Env,
    escape: char,
    candidates: &[Option<&str>],
) -> Vec<usize> {
    struct Wild<'e> {
        inner: &'e dyn Env,
        any: Var,
    }
    impl Env for Wild<'_> {
        fn get(&self, name: &str) -> Option<&Var> {
            match self.inner.get(name) {
                Some(v) if v.value.is_some() && !v.tainted => Some(v),
                _ => Some(&self.any),
            }
        }
    }
    let wild = Wild {
        inner: env,
        any: Var::new(WILDCARD.to_string(), super::env::VarKind::Predefined),
    };
    let expanded = expand(word, &wild, escape).value.to_ascii_lowercase();
    let pattern = Pattern {
        items: expanded
            .chars()
            .map(|c| {
                if c == WILDCARD {
                    PatternItem::AnyRun
                } else {
                    PatternItem::Literal(c)
                }
            })
            .collect(),
    };
    candidates
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let name: Vec<char> = (*c)?.to_ascii_lowercase().chars().collect();
            pattern.matches(&name).then_some(i)
        })
        .collect()
}

/// Collects output text and, in parallel, the fields BuildKit would split it into.
#[derive(Default)]
struct Sink {
    text: String,
    fields: Vec<String>,
    current: String,
    in_field: bool,
}

impl Sink {
    /// Text that never splits (quoted or escaped).
    fn raw(&mut self, s: &str) {
        self.text.push_str(s);
        self.current.push_str(s);
        self.in_field = true;
    }

    /// One character that never splits.
    fn raw_char(&mut self, c: char) {
        self.text.push(c);
        self.current.push(c);
        self.in_field = true;
    }

    /// Unquoted text: whitespace separates fields.
    fn splittable(&mut self, s: &str) {
        for c in s.chars() {
            self.splittable_char(c);
        }
    }

    fn splittable_char(&mut self, c: char) {
        self.text.push(c);
        if c.is_whitespace() {
            if self.in_field {
                self.fields.push(std::mem::take(&mut self.current));
                self.in_field = false;
            }
        } else {
            self.current.push(c);
            self.in_field = true;
        }
    }

    fn finish(mut self) -> (String, Vec<String>) {
        if self.in_field {
            self.fields.push(self.current);
        }
        (self.text, self.fields)
    }
}

struct Lexer<'a> {
    src: &'a str,
    chars: Vec<(usize, char)>,
    pos: usize,
    escape: char,
    env: &'a dyn Env,
    refs: Vec<VarRef>,
    errors: Vec<ExpandError>,
}

impl Lexer<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).map(|&(_, c)| c)
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += 1;
        Some(c)
    }

    /// Byte offset of the current position.
    fn offset(&self) -> usize {
        self.chars
            .get(self.pos)
            .map_or(self.src.len(), |&(off, _)| off)
    }

    fn error(&mut self, start: usize, kind: ExpandErrorKind) {
        let end = self.offset().max(start);
        self.errors.push(ExpandError {
            span: Span::new(start, end),
            kind,
        });
    }

    /// Processes text up to the unquoted `stop` character (consumed) or the end. With
    /// `raw_escapes` the escape character is kept in the output (for patterns). Returns the
    /// output and whether `stop` was found.
    fn process_until(&mut self, stop: Option<char>, raw_escapes: bool) -> (Sink, bool) {
        let mut sink = Sink::default();
        while let Some(ch) = self.peek() {
            if Some(ch) == stop {
                self.bump();
                return (sink, true);
            }
            let start = self.offset();
            self.bump();
            if ch == self.escape {
                if raw_escapes {
                    sink.raw_char(ch);
                }
                match self.bump() {
                    Some(next) => sink.raw_char(next),
                    None => break,
                }
            } else if ch == '\'' {
                let s = self.single_quoted(start);
                sink.raw(&s);
            } else if ch == '"' {
                let s = self.double_quoted(start, raw_escapes);
                sink.raw(&s);
            } else if ch == '$' {
                let value = self.dollar(start);
                sink.splittable(&value);
            } else {
                sink.splittable_char(ch);
            }
        }
        (sink, stop.is_none())
    }

    fn single_quoted(&mut self, start: usize) -> String {
        let mut out = String::new();
        loop {
            match self.bump() {
                Some('\'') => return out,
                Some(c) => out.push(c),
                None => {
                    self.error(start, ExpandErrorKind::UnterminatedQuote);
                    return out;
                }
            }
        }
    }

    fn double_quoted(&mut self, start: usize, raw_escapes: bool) -> String {
        let mut out = String::new();
        loop {
            let here = self.offset();
            match self.bump() {
                Some('"') => return out,
                Some('$') => {
                    let value = self.dollar(here);
                    out.push_str(&value);
                }
                Some(c) if c == self.escape => match self.peek() {
                    Some(next) if next == '"' || next == '$' || next == self.escape => {
                        if raw_escapes {
                            out.push(c);
                        }
                        out.push(next);
                        self.bump();
                    }
                    Some(_) => out.push(c),
                    None => {}
                },
                Some(c) => out.push(c),
                None => {
                    self.error(start, ExpandErrorKind::UnterminatedQuote);
                    return out;
                }
            }
        }
    }

    /// A name after `$`: letters, digits and `_`; a leading digit run or a single special
    /// parameter character stands alone.
    fn name(&mut self) -> String {
        let mut name = String::new();
        match self.peek() {
            Some(c) if c.is_ascii_digit() => {
                while let Some(d) = self.peek().filter(char::is_ascii_digit) {
                    name.push(d);
                    self.bump();
                }
                return name;
            }
            Some(c) if matches!(c, '@' | '*' | '#' | '?' | '-' | '$' | '!') => {
                self.bump();
                name.push(c);
                return name;
            }
            _ => {}
        }
        while let Some(c) = self.peek() {
            if c.is_alphanumeric() || c == '_' {
                name.push(c);
                self.bump();
            } else {
                break;
            }
        }
        name
    }

    /// Records a lookup of `name` and returns its value (`None` when unset) and the reference's
    /// index in `self.refs`.
    fn lookup(&mut self, name: String, start: usize) -> (Option<String>, usize) {
        let var = self.env.get(&name);
        let value = var.and_then(|v| v.value.clone());
        let set = value.is_some();
        let tainted = var.is_some_and(|v| v.tainted);
        self.refs.push(VarRef {
            name,
            span: Span::new(start, self.offset().max(start)),
            origin: var.map(|v| v.origin),
            set,
            fallback: false,
            unresolved: !set || tainted,
        });
        (value, self.refs.len() - 1)
    }

    fn set_ref(&mut self, index: usize, end: usize, fallback: bool, unresolved: bool) {
        if let Some(r) = self.refs.get_mut(index) {
            r.span.end = end.max(r.span.start()) as u32;
            r.fallback = fallback;
            r.unresolved = unresolved;
        }
    }

    /// After `$` (already consumed, at byte `start`).
    fn dollar(&mut self, start: usize) -> String {
        if self.peek() != Some('{') {
            let name = self.name();
            if name.is_empty() {
                return "$".to_owned();
            }
            let (value, _) = self.lookup(name, start);
            return value.unwrap_or_default();
        }
        self.bump();
        match self.peek() {
            None => {
                self.error(start, ExpandErrorKind::MissingBrace);
                return String::new();
            }
            Some('{' | '}' | ':') => {
                self.skip_past_brace();
                self.error(start, ExpandErrorKind::BadSubstitution);
                return String::new();
            }
            _ => {}
        }
        let name = self.name();
        if name.is_empty() {
            self.skip_past_brace();
            self.error(start, ExpandErrorKind::BadSubstitution);
            return String::new();
        }
        let Some(modifier) = self.bump() else {
            self.error(start, ExpandErrorKind::MissingBrace);
            let (value, _) = self.lookup(name, start);
            return value.unwrap_or_default();
        };
        match modifier {
            '}' => {
                let (value, _) = self.lookup(name, start);
                value.unwrap_or_default()
            }
            ':' => match self.bump() {
                Some(m @ ('-' | '+' | '?')) => self.default_like(name, start, m, true),
                other => {
                    let shown = other.map_or_else(|| ":".to_owned(), |c| format!(":{c}"));
                    self.skip_past_brace();
                    self.error(start, ExpandErrorKind::UnsupportedModifier(shown));
                    String::new()
                }
            },
            '-' | '+' | '?' => self.default_like(name, start, modifier, false),
            '#' | '%' => {
                let greedy = self.peek() == Some(modifier);
                if greedy {
                    self.bump();
                }
                let (pattern, closed) = self.process_until(Some('}'), true);
                if !closed {
                    self.error(start, ExpandErrorKind::MissingBrace);
                }
                let (value, index) = self.lookup(name, start);
                let end = self.offset();
                let unresolved = self.refs.get(index).is_some_and(|r| r.unresolved);
                self.set_ref(index, end, false, unresolved);
                let value = value.unwrap_or_default();
                let pattern = Pattern::parse(&pattern.text, self.escape);
                if modifier == '#' {
                    pattern.trim_prefix(&value, greedy)
                } else {
                    pattern.trim_suffix(&value, greedy)
                }
            }
            '/' => {
                let all = self.peek() == Some('/');
                if all {
                    self.bump();
                }
                let (pattern, _) = self.process_until(Some('/'), true);
                let (replacement, closed) = self.process_until(Some('}'), false);
                if !closed {
                    self.error(start, ExpandErrorKind::MissingBrace);
                }
                let (value, index) = self.lookup(name, start);
                let end = self.offset();
                let unresolved = self.refs.get(index).is_some_and(|r| r.unresolved);
                self.set_ref(index, end, false, unresolved);
                let value = value.unwrap_or_default();
                let pattern = Pattern::parse(&pattern.text, self.escape);
                pattern.replace(&value, &replacement.text, all)
            }
            other => {
                self.skip_past_brace();
                self.error(
                    start,
                    ExpandErrorKind::UnsupportedModifier(other.to_string()),
                );
                String::new()
            }
        }
    }

    /// `${NAME-word}`, `${NAME+word}`, `${NAME?word}` and their `:` forms (`null_is_unset`).
    fn default_like(
        &mut self,
        name: String,
        start: usize,
        modifier: char,
        null_is_unset: bool,
    ) -> String {
        let refs_before = self.refs.len();
        let (word, closed) = self.process_until(Some('}'), false);
        if !closed {
            self.error(start, ExpandErrorKind::MissingBrace);
        }
        let word_refs: Vec<VarRef> = self.refs.drain(refs_before..).collect();
        let (value, index) = self.lookup(name.clone(), start);
        let end = self.offset();
        let tainted = self.refs.get(index).is_some_and(|r| r.set && r.unresolved);
        let absent = match &value {
            None => true,
            Some(v) => null_is_unset && v.is_empty(),
        };
        let word = word.text;
        match modifier {
            '-' => {
                if absent {
                    self.set_ref(index, end, value.is_none(), tainted);
                    self.refs.extend(word_refs);
                    word
                } else {
                    self.set_ref(index, end, false, tainted);
                    value.unwrap_or_default()
                }
            }
            '+' => {
                if absent {
                    self.set_ref(index, end, value.is_none(), tainted);
                    String::new()
                } else {
                    self.set_ref(index, end, false, false);
                    self.refs.extend(word_refs);
                    word
                }
            }
            _ => {
                if absent {
                    self.set_ref(index, end, false, true);
                    self.refs.extend(word_refs);
                    let message = if !word.is_empty() {
                        word
                    } else if value.is_none() {
                        "is not allowed to be unset".to_owned()
                    } else {
                        "is not allowed to be empty".to_owned()
                    };
                    self.error(start, ExpandErrorKind::Required { name, message });
                    String::new()
                } else {
                    self.set_ref(index, end, false, tainted);
                    value.unwrap_or_default()
                }
            }
        }
    }

    /// Error recovery: skips to just after the next `}` (or to the end).
    fn skip_past_brace(&mut self) {
        while let Some(c) = self.bump() {
            if c == '}' {
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::super::env::{Var, VarKind};
    use super::*;

    fn env() -> BTreeMap<String, Var> {
        let mut m = BTreeMap::new();
        for (k, v) in [
            ("FOO", "foo"),
            ("BAR", "bar baz"),
            ("EMPTY", ""),
            ("PATHV", "/usr/local/bin:/usr/bin:/bin"),
            ("FILE", "archive.tar.gz"),
            ("U", "root"),
        ] {
            m.insert(k.to_owned(), Var::new(v, VarKind::Env));
        }
        m.insert("DECL".to_owned(), Var::declared(VarKind::Arg));
        let mut tainted = Var::new(":/x", VarKind::Env);
        tainted.tainted = true;
        m.insert("TAINTED".to_owned(), tainted);
        m
    }

    /// (input, expected value, expected resolved)
    const CASES: &[(&str, &str, bool)] = &[
        // Literals, quotes and escapes.
        ("plain", "plain", true),
        ("'single $FOO'", "single $FOO", true),
        ("\"double $FOO\"", "double foo", true),
        ("a\\ b", "a b", true),
        ("\\$FOO", "$FOO", true),
        ("\\${FOO}", "${FOO}", true),
        ("\"\\$FOO\"", "$FOO", true),
        ("\"a\\b\"", "a\\b", true),
        ("\"q\\\"q\"", "q\"q", true),
        ("'it''s'", "its", true),
        ("$", "$", true),
        ("a$", "a$", true),
        ("$ x", "$ x", true),
        ("$/x", "$/x", true),
        // Plain references.
        ("$FOO", "foo", true),
        ("${FOO}", "foo", true),
        ("${FOO}_x", "foo_x", true),
        ("$FOO_x", "", false),
        ("pre-$FOO-post", "pre-foo-post", true),
        ("$UNSET", "", false),
        ("$DECL", "", false),
        ("$EMPTY", "", true),
        ("$1x", "x", false),
        ("$TAINTED", ":/x", false),
        // Defaults.
        ("${UNSET:-dflt}", "dflt", true),
        ("${UNSET-dflt}", "dflt", true),
        ("${EMPTY:-dflt}", "dflt", true),
        ("${EMPTY-dflt}", "", true),
        ("${FOO:-dflt}", "foo", true),
        ("${UNSET:-$FOO}", "foo", true),
        ("${UNSET:-${UNSET2:-deep}}", "deep", true),
        ("${UNSET:-$UNSET2}", "", false),
        ("${UNSET:-'a b'}", "a b", true),
        ("${UNSET:-\"x $FOO\"}", "x foo", true),
        ("${FOO:-$UNSET2}", "foo", true),
        // Alternatives.
        ("${FOO:+alt}", "alt", true),
        ("${FOO+alt}", "alt", true),
        ("${EMPTY:+alt}", "", true),
        ("${EMPTY+alt}", "alt", true),
        ("${UNSET:+alt}", "", true),
        ("${UNSET+alt}", "", true),
        ("${FOO:+$UNSET}", "", false),
        // Required.
        ("${FOO:?must}", "foo", true),
        ("${UNSET:?must}", "", false),
        ("${EMPTY:?must}", "", false),
        ("${EMPTY?must}", "", true),
        // Prefix and suffix removal.
        ("${FILE#*.}", "tar.gz", true),
        ("${FILE##*.}", "gz", true),
        ("${FILE%.*}", "archive.tar", true),
        ("${FILE%%.*}", "archive", true),
        ("${FILE#nomatch}", "archive.tar.gz", true),
        ("${FILE%.t?r.gz}", "archive", true),
        ("${FILE#[a-c]}", "rchive.tar.gz", true),
        ("${FILE#[!a]}", "archive.tar.gz", true),
        ("${FILE%\\*}", "archive.tar.gz", true),
        ("${PATHV%%:*}", "/usr/local/bin", true),
        ("${PATHV##*:}", "/bin", true),
        ("${UNSET#x}", "", false),
        // Replacement.
        ("${FILE/a/A}", "Archive.tar.gz", true),
        ("${FILE//a/A}", "Archive.tAr.gz", true),
        ("${FILE/.*/}", "archive", true),
        ("${FILE//./_}", "archive_tar_gz", true),
        ("${FILE/$FOO/x}", "archive.tar.gz", true),
        ("${FILE/zzz/x}", "archive.tar.gz", true),
        ("${PATHV//:/ }", "/usr/local/bin /usr/bin /bin", true),
        // Errors.
        ("${}", "", false),
        ("${:-x}", "", false),
        ("${FOO", "foo", false),
        ("${FOO:#x}", "", false),
        ("${FOO.x}", "", false),
        ("'open", "open", false),
        ("\"open", "open", false),
        ("${FOO:-open", "foo", false),
    ];

    #[test]
    fn table() {
        let env = env();
        for &(input, want, resolved) in CASES {
            let got = expand(input, &env, '\\');
            assert_eq!(got.value, want, "value of {input:?}: {got:?}");
            assert_eq!(
                got.is_resolved(),
                resolved,
                "resolved of {input:?}: {got:?}"
            );
        }
    }

    #[test]
    fn backtick_escape() {
        let env = env();
        let got = expand("C:`$FOO\\dir `\"x`\"", &env, '`');
        assert_eq!(got.value, "C:$FOO\\dir \"x\"");
        let got = expand("${FILE%`*}", &env, '`');
        assert_eq!(got.value, "archive.tar.gz");
    }

    #[test]
    fn fields_split_on_unquoted_whitespace() {
        let env = env();
        let cases: &[(&str, &[&str])] = &[
            ("a b  c", &["a", "b", "c"]),
            ("'a b' c", &["a b", "c"]),
            ("$BAR", &["bar", "baz"]),
            ("\"$BAR\"", &["bar baz"]),
            ("x$BAR", &["xbar", "baz"]),
            ("a\\ b", &["a b"]),
            ("''", &[""]),
            ("  ", &[]),
            ("$UNSET", &[]),
        ];
        for &(input, want) in cases {
            let got = expand(input, &env, '\\');
            assert_eq!(got.fields, want, "{input:?}");
        }
    }

    #[test]
    fn references_record_names_spans_and_fallbacks() {
        let env = env();
        let word = "a${UNSET:-$FOO}b$DECL";
        let got = expand(word, &env, '\\');
        let names: Vec<&str> = got.refs.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["UNSET", "FOO", "DECL"]);
        let unset = &got.refs[0];
        assert!(unset.fallback && !unset.unresolved && !unset.set);
        assert_eq!(unset.span.text(word), "${UNSET:-$FOO}");
        assert_eq!(got.refs[1].span.text(word), "$FOO");
        assert_eq!(got.refs[2].span.text(word), "$DECL");
        assert!(got.refs[2].unresolved);
        assert_eq!(got.unresolved_names(), ["DECL"]);
        assert_eq!(got.resolved(), None);

        // A default that is not needed contributes no reference.
        let got = expand("${FOO:-$OTHER}", &env, '\\');
        assert_eq!(got.refs.len(), 1);
        assert!(got.is_resolved());
    }

    #[test]
    fn required_reports_message() {
        let got = expand("${X:?set X please}", &EmptyEnvForTest, '\\');
        assert_eq!(
            got.errors.first().map(|e| &e.kind),
            Some(&ExpandErrorKind::Required {
                name: "X".into(),
                message: "set X please".into()
            })
        );
    }

    struct EmptyEnvForTest;
    impl Env for EmptyEnvForTest {
        fn get(&self, _: &str) -> Option<&Var> {
            None
        }
    }

    #[test]
    fn candidates_treat_unknown_variables_as_wildcards() {
        let env = env();
        let names = [Some("base-amd64"), None, Some("Base-ARM64"), Some("other")];
        assert_eq!(
            matching_candidates("base-$TARGETARCH", &env, '\\', &names),
            [0, 2]
        );
        assert_eq!(
            matching_candidates("${DECL}-amd64", &env, '\\', &names),
            [0]
        );
        assert!(matching_candidates("$FOO-amd64", &env, '\\', &names).is_empty());
    }

    /// Random words over an alphabet of the characters that matter never panic, and every span
    /// lies inside the word.
    #[test]
    fn random_words_never_panic() {
        let alphabet: Vec<char> = "${}:-+?#%/*[]!^'\"\\` aFé_1".chars().collect();
        let env = env();
        let mut seed: u64 = 0x5eed;
        for _ in 0..20_000 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let len = (seed >> 59) as usize;
            let mut word = String::new();
            for _ in 0..len {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let i = (seed >> 33) as usize % alphabet.len();
                word.push(alphabet[i]);
            }
            for escape in ['\\', '`'] {
                let e = expand(&word, &env, escape);
                for r in &e.refs {
                    assert!(
                        r.span.end() <= word.len() && r.span.start() <= r.span.end(),
                        "{word:?}"
                    );
                }
                for err in &e.errors {
                    assert!(err.span.end() <= word.len(), "{word:?}");
                }
            }
        }
    }

    #[test]
    fn never_panics() {
        let env = env();
        let inputs = [
            "${",
            "${F",
            "${FOO:",
            "${FOO/",
            "${FOO//",
            "${FOO#",
            "\\",
            "\"\\",
            "'",
            "$$",
            "${$}",
            "${#}",
            "${FOO/[/x}",
            "${FOO/[a-/x}",
            "é$FOOé${FOO:-é}",
            "${é}",
            "${FILE/*/}",
            "${FILE//*/x}",
            "${FILE//?/x}",
            "${FILE//[/x}",
            "$\u{301}",
        ];
        for input in inputs {
            let _ = expand(input, &env, '\\');
            let _ = expand(input, &env, '`');
        }
        assert_eq!(expand("${FILE//?/x}", &env, '\\').value, "x".repeat(14));
        assert_eq!(expand("${FILE//*/x}", &env, '\\').value, "x");
    }
}
