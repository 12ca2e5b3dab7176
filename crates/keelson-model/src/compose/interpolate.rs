//! Compose-spec variable interpolation (`12-interpolation.md`), keeping a record of every
//! substitution so rules can say which variable controls a value.
//!
//! Supported forms:
//!
//! | form | result |
//! |---|---|
//! | `$VAR`, `${VAR}` | the value of `VAR`; unset gives `""` and an [`Outcome::Unresolved`] record |
//! | `${VAR:-d}` | `d` when `VAR` is unset or empty |
//! | `${VAR-d}` | `d` when `VAR` is unset |
//! | `${VAR:?e}` | an error when `VAR` is unset or empty |
//! | `${VAR?e}` | an error when `VAR` is unset |
//! | `${VAR:+r}` | `r` when `VAR` is set and non-empty, else `""` |
//! | `${VAR+r}` | `r` when `VAR` is set, else `""` |
//! | `$$` | a literal `$` |
//!
//! Arguments (`d`, `e`, `r`) are interpolated themselves, so `${A:-${B:-x}}` nests. Names are
//! `[_a-zA-Z][_a-zA-Z0-9]*`; a `$` followed by anything else is kept as written. Like compose-go,
//! the closing brace of `${…}` is the first `}` that balances the `${` openings seen so far.
//!
//! All spans are byte ranges into the *raw* value given to [`interpolate`].

use keelson_syntax::Span;

use super::env::{VarLookup, VarOrigin};

/// The result of interpolating one raw value.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Interpolated {
    /// The value after interpolation.
    pub value: String,
    /// Every `$VAR` / `${…}` reference, outer references before the ones nested in their
    /// argument, in source order.
    pub refs: Vec<VarRef>,
    /// Problems: `:?`/`?` on a missing variable, an unterminated `${`, an invalid `${…}`.
    pub errors: Vec<InterpolationError>,
}

impl Interpolated {
    /// Whether no variable was referenced and nothing failed (a `$$` escape may still have
    /// changed the text).
    pub fn is_literal(&self) -> bool {
        self.refs.is_empty() && self.errors.is_empty()
    }

    /// Whether every reference that contributed to the value was resolved (from a variable, a
    /// default or a replacement) and nothing failed. `false` means the value depends on a
    /// variable the model could not see.
    pub fn is_determined(&self) -> bool {
        self.errors.is_empty()
            && self
                .refs
                .iter()
                .all(|r| !r.live || !matches!(r.outcome, Outcome::Unresolved | Outcome::Missing))
    }

    /// The references that contributed to the value but stayed unresolved (or failed).
    pub fn unresolved(&self) -> impl Iterator<Item = &VarRef> {
        self.refs
            .iter()
            .filter(|r| r.live && matches!(r.outcome, Outcome::Unresolved | Outcome::Missing))
    }

    /// The top-level references (not nested inside another reference's argument).
    pub fn top_level(&self) -> impl Iterator<Item = &VarRef> {
        self.refs.iter().filter(|r| r.depth == 0)
    }
}

/// One `$VAR` or `${…}` reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VarRef {
    /// The variable name.
    pub name: String,
    /// The whole reference: `$VAR` or `${…}` including the closing brace.
    pub span: Span,
    /// The name inside the reference.
    pub name_span: Span,
    /// Whether the braced form `${…}` was used.
    pub braced: bool,
    /// The operator after the name, if any.
    pub operator: Option<Operator>,
    /// The literal text after the operator (default, error message or replacement), as written.
    pub argument: Option<Argument>,
    /// Where the variable's value came from, or `None` when the variable is unset.
    pub origin: Option<VarOrigin>,
    /// What this reference expanded to.
    pub value: String,
    /// How the value was chosen.
    pub outcome: Outcome,
    /// 0 for a top-level reference, 1 inside another reference's argument, and so on.
    pub depth: u32,
    /// Whether this reference contributed to the final value (`false` inside an argument that
    /// was not used, for example the default of a variable that is set).
    pub live: bool,
}

/// The operator of a braced reference.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Operator {
    /// `:-`: default when unset or empty.
    DefaultIfUnsetOrEmpty,
    /// `-`: default when unset.
    DefaultIfUnset,
    /// `:?`: error when unset or empty.
    RequiredNonEmpty,
    /// `?`: error when unset.
    Required,
    /// `:+`: replacement when set and non-empty.
    ReplaceIfNonEmpty,
    /// `+`: replacement when set.
    ReplaceIfSet,
}

impl Operator {
    /// The operator as written.
    pub fn as_str(self) -> &'static str {
        match self {
            Operator::DefaultIfUnsetOrEmpty => ":-",
            Operator::DefaultIfUnset => "-",
            Operator::RequiredNonEmpty => ":?",
            Operator::Required => "?",
            Operator::ReplaceIfNonEmpty => ":+",
            Operator::ReplaceIfSet => "+",
        }
    }

    /// Whether the argument is a default value (`:-` or `-`).
    pub fn is_default(self) -> bool {
        matches!(
            self,
            Operator::DefaultIfUnsetOrEmpty | Operator::DefaultIfUnset
        )
    }
}

/// The literal argument text of a braced reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Argument {
    /// The text as written (before its own interpolation).
    pub raw: String,
    /// Where it is in the raw value.
    pub span: Span,
}

/// How a reference's value was chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// The variable's own value (possibly empty).
    Variable,
    /// The default argument (`:-`, `-`).
    Default,
    /// The replacement argument (`:+`, `+`), because the variable is set.
    Replacement,
    /// `:+`/`+` with the variable unset (or empty for `:+`): the empty string, by definition.
    NoReplacement,
    /// The variable is unset and there is no default: Compose warns and uses `""`.
    Unresolved,
    /// `:?`/`?` with the variable missing: Compose refuses the file. The value is `""`.
    Missing,
}

/// A problem found while interpolating.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InterpolationError {
    /// Where the problem is in the raw value.
    pub span: Span,
    /// What went wrong.
    pub kind: InterpolationErrorKind,
    /// A message for people.
    pub message: String,
}

/// Categories of [`InterpolationError`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum InterpolationErrorKind {
    /// `${VAR:?err}` / `${VAR?err}` with the variable missing.
    RequiredVariable,
    /// A `${` without its closing `}`.
    Unterminated,
    /// `${…}` that is not a valid substitution (`${}`, `${1}`, `${VAR/a/b}`, …).
    InvalidSubstitution,
}

/// Interpolates `raw` with the variables of `vars`.
pub fn interpolate(raw: &str, vars: &dyn VarLookup) -> Interpolated {
    let mut out = Interpolated::default();
    let mut st = State {
        vars,
        refs: Vec::new(),
        errors: Vec::new(),
    };
    out.value = st.expand(raw, 0, 0, true);
    out.refs = st.refs;
    out.errors = st.errors;
    out
}

/// Whether `raw` contains a `$` at all (a cheap test before calling [`interpolate`]).
pub fn needs_interpolation(raw: &str) -> bool {
    raw.contains('$')
}

/// Whether `name` is a valid variable name (`[_a-zA-Z][_a-zA-Z0-9]*`).
pub fn is_var_name(name: &str) -> bool {
    let mut bytes = name.bytes();
    matches!(bytes.next(), Some(b) if is_name_start(b)) && bytes.all(is_name_char)
}

fn is_name_start(b: u8) -> bool {
    b == b'_' || b.is_ascii_alphabetic()
}

fn is_name_char(b: u8) -> bool {
    b == b'_' || b.is_ascii_alphanumeric()
}

/// Length of the variable name at the start of `s` (0 when there is none).
fn name_len(s: &[u8]) -> usize {
    match s.first() {
        Some(&b) if is_name_start(b) => {
            1 + s.iter().skip(1).take_while(|&&b| is_name_char(b)).count()
        }
        _ => 0,
    }
}

/// Index (relative to `s`) of the `}` closing a `${` that starts at `s[0..2]`, counting nested
/// `${` openings like compose-go's `getFirstBraceClosingIndex`.
fn closing_brace(s: &[u8]) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(&b) = s.get(i) {
        match b {
            b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(i);
                }
            }
            b'$' if s.get(i + 1) == Some(&b'{') => {
                depth += 1;
                i += 1;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

struct State<'a> {
    vars: &'a dyn VarLookup,
    refs: Vec<VarRef>,
    errors: Vec<InterpolationError>,
}

impl State<'_> {
    /// Expands `text`, which sits at byte `base` of the raw value.
    fn expand(&mut self, text: &str, base: usize, depth: u32, live: bool) -> String {
        let bytes = text.as_bytes();
        let mut out = String::with_capacity(text.len());
        let mut i = 0;
        while i < bytes.len() {
            let Some(rel) = text.get(i..).and_then(|t| t.find('$')) else {
                out.push_str(text.get(i..).unwrap_or(""));
                break;
            };
            out.push_str(text.get(i..i + rel).unwrap_or(""));
            i += rel;
            // bytes[i] == b'$'
            match bytes.get(i + 1) {
                Some(b'$') => {
                    out.push('$');
                    i += 2;
                }
                Some(b'{') => {
                    i = self.braced(text, i, base, depth, live, &mut out);
                }
                Some(&b) if is_name_start(b) => {
                    let len = name_len(bytes.get(i + 1..).unwrap_or_default());
                    let name = text.get(i + 1..i + 1 + len).unwrap_or("");
                    let span = Span::new(base + i, base + i + 1 + len);
                    let name_span = Span::new(base + i + 1, base + i + 1 + len);
                    let (value, origin, outcome) = match self.vars.lookup(name) {
                        Some((v, o)) => (v.to_string(), Some(o), Outcome::Variable),
                        None => (String::new(), None, Outcome::Unresolved),
                    };
                    out.push_str(&value);
                    self.refs.push(VarRef {
                        name: name.to_string(),
                        span,
                        name_span,
                        braced: false,
                        operator: None,
                        argument: None,
                        origin,
                        value,
                        outcome,
                        depth,
                        live,
                    });
                    i += 1 + len;
                }
                _ => {
                    out.push('$');
                    i += 1;
                }
            }
        }
        out
    }

    /// Handles the `${…}` starting at `text[start]`; returns the index just past it.
    fn braced(
        &mut self,
        text: &str,
        start: usize,
        base: usize,
        depth: u32,
        live: bool,
        out: &mut String,
    ) -> usize {
        let bytes = text.as_bytes();
        let Some(close_rel) = closing_brace(bytes.get(start..).unwrap_or_default()) else {
            if live {
                self.errors.push(InterpolationError {
                    span: Span::new(base + start, base + text.len()),
                    kind: InterpolationErrorKind::Unterminated,
                    message: "`${` has no closing `}`".to_string(),
                });
            }
            out.push_str(text.get(start..).unwrap_or(""));
            return text.len();
        };
        let close = start + close_rel;
        let inner_start = start + 2;
        let inner = text.get(inner_start..close).unwrap_or("");
        let whole = Span::new(base + start, base + close + 1);
        let nlen = name_len(inner.as_bytes());
        let invalid = |st: &mut Self, out: &mut String, what: &str| {
            if live {
                st.errors.push(InterpolationError {
                    span: whole,
                    kind: InterpolationErrorKind::InvalidSubstitution,
                    message: format!(
                        "invalid interpolation `{}`: {what}",
                        text.get(start..=close).unwrap_or("")
                    ),
                });
            }
            out.push_str(text.get(start..=close).unwrap_or(""));
            close + 1
        };
        if nlen == 0 {
            return invalid(self, out, "expected a variable name");
        }
        let name = inner.get(..nlen).unwrap_or("");
        let name_span = Span::new(base + inner_start, base + inner_start + nlen);
        let rest = inner.get(nlen..).unwrap_or("");
        let (operator, op_len) = if rest.is_empty() {
            (None, 0)
        } else if rest.starts_with(":-") {
            (Some(Operator::DefaultIfUnsetOrEmpty), 2)
        } else if rest.starts_with(":?") {
            (Some(Operator::RequiredNonEmpty), 2)
        } else if rest.starts_with(":+") {
            (Some(Operator::ReplaceIfNonEmpty), 2)
        } else if rest.starts_with('-') {
            (Some(Operator::DefaultIfUnset), 1)
        } else if rest.starts_with('?') {
            (Some(Operator::Required), 1)
        } else if rest.starts_with('+') {
            (Some(Operator::ReplaceIfSet), 1)
        } else {
            return invalid(
                self,
                out,
                "only `:-`, `-`, `:?`, `?`, `:+` and `+` may follow the name",
            );
        };

        let looked = self.vars.lookup(name).map(|(v, o)| (v.to_string(), o));
        let origin = looked.as_ref().map(|(_, o)| *o);
        let set = looked.is_some();
        let non_empty = looked.as_ref().is_some_and(|(v, _)| !v.is_empty());
        let var_value = looked.map(|(v, _)| v).unwrap_or_default();

        let arg_start = inner_start + nlen + op_len;
        let arg_text = text.get(arg_start..close).unwrap_or("");
        let argument = operator.map(|_| Argument {
            raw: arg_text.to_string(),
            span: Span::new(base + arg_start, base + close),
        });

        // Which branch is taken decides whether the argument contributes.
        let (outcome, uses_arg) = match operator {
            None => (
                if set {
                    Outcome::Variable
                } else {
                    Outcome::Unresolved
                },
                false,
            ),
            Some(Operator::DefaultIfUnsetOrEmpty) => {
                if non_empty {
                    (Outcome::Variable, false)
                } else {
                    (Outcome::Default, true)
                }
            }
            Some(Operator::DefaultIfUnset) => {
                if set {
                    (Outcome::Variable, false)
                } else {
                    (Outcome::Default, true)
                }
            }
            Some(Operator::RequiredNonEmpty) => {
                if non_empty {
                    (Outcome::Variable, false)
                } else {
                    (Outcome::Missing, true)
                }
            }
            Some(Operator::Required) => {
                if set {
                    (Outcome::Variable, false)
                } else {
                    (Outcome::Missing, true)
                }
            }
            Some(Operator::ReplaceIfNonEmpty) => {
                if non_empty {
                    (Outcome::Replacement, true)
                } else {
                    (Outcome::NoReplacement, false)
                }
            }
            Some(Operator::ReplaceIfSet) => {
                if set {
                    (Outcome::Replacement, true)
                } else {
                    (Outcome::NoReplacement, false)
                }
            }
        };

        // Record this reference before the nested ones (outer first).
        let idx = self.refs.len();
        self.refs.push(VarRef {
            name: name.to_string(),
            span: whole,
            name_span,
            braced: true,
            operator,
            argument,
            origin,
            value: String::new(),
            outcome,
            depth,
            live,
        });
        let arg_value = if operator.is_some() {
            self.expand(arg_text, base + arg_start, depth + 1, live && uses_arg)
        } else {
            String::new()
        };
        let value = match outcome {
            Outcome::Variable => var_value,
            Outcome::Default | Outcome::Replacement => arg_value,
            Outcome::NoReplacement | Outcome::Unresolved => String::new(),
            Outcome::Missing => {
                if live {
                    let detail = if arg_value.is_empty() {
                        String::new()
                    } else {
                        format!(": {arg_value}")
                    };
                    self.errors.push(InterpolationError {
                        span: whole,
                        kind: InterpolationErrorKind::RequiredVariable,
                        message: format!("required variable `{name}` is missing a value{detail}"),
                    });
                }
                String::new()
            }
        };
        out.push_str(&value);
        if let Some(r) = self.refs.get_mut(idx) {
            r.value = value;
        }
        close + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compose::env::Environment;

    fn env() -> Environment {
        [
            ("SET", "value"),
            ("EMPTY", ""),
            ("PORT", "8080"),
            ("B", "bee"),
        ]
        .into_iter()
        .collect()
    }

    fn run(raw: &str) -> Interpolated {
        interpolate(raw, &env())
    }

    #[test]
    fn table() {
        let cases: &[(&str, &str)] = &[
            ("plain", "plain"),
            ("$SET", "value"),
            ("${SET}", "value"),
            ("x${SET}y", "xvaluey"),
            ("$SET-suffix", "value-suffix"),
            ("$SETx", ""),
            ("${UNSET}", ""),
            ("$UNSET", ""),
            ("${UNSET:-d}", "d"),
            ("${EMPTY:-d}", "d"),
            ("${SET:-d}", "value"),
            ("${UNSET-d}", "d"),
            ("${EMPTY-d}", ""),
            ("${SET-d}", "value"),
            ("${SET:+r}", "r"),
            ("${EMPTY:+r}", ""),
            ("${UNSET:+r}", ""),
            ("${EMPTY+r}", "r"),
            ("${UNSET+r}", ""),
            ("${SET:?err}", "value"),
            ("${SET?err}", "value"),
            ("${EMPTY?err}", ""),
            ("$$", "$"),
            ("$$SET", "$SET"),
            ("$${SET}", "${SET}"),
            ("$$$SET", "$value"),
            ("a$", "a$"),
            ("$1", "$1"),
            ("$ x", "$ x"),
            ("$-", "$-"),
            ("${UNSET:-${B:-x}}", "bee"),
            ("${UNSET:-${ALSO_UNSET:-x}}", "x"),
            ("${UNSET:-${B}}-tail", "bee-tail"),
            ("${UNSET:-a $$ b}", "a $ b"),
            ("${UNSET:-{x}}", "{x}"),
            ("${PORT}:80", "8080:80"),
            ("é${SET}é", "évalueé"),
            ("${UNSET:-}", ""),
            ("${lower_case}", ""),
        ];
        for (raw, want) in cases {
            let got = run(raw);
            assert_eq!(&got.value, want, "interpolating {raw:?}: {got:?}");
        }
    }

    #[test]
    fn required_missing_is_an_error() {
        let got = run("x${UNSET:?set UNSET please}");
        assert_eq!(got.value, "x");
        assert_eq!(got.errors.len(), 1);
        assert_eq!(got.errors[0].kind, InterpolationErrorKind::RequiredVariable);
        assert_eq!(got.errors[0].span, Span::new(1, 27));
        assert!(got.errors[0].message.contains("set UNSET please"));
        let got = run("${EMPTY:?e}");
        assert_eq!(got.errors.len(), 1);
        assert_eq!(got.refs[0].outcome, Outcome::Missing);
        assert!(!got.is_determined());
    }

    #[test]
    fn unterminated_and_invalid() {
        let got = run("a${SET");
        assert_eq!(got.value, "a${SET");
        assert_eq!(got.errors[0].kind, InterpolationErrorKind::Unterminated);
        assert_eq!(got.errors[0].span, Span::new(1, 6));
        let got = run("${SET/a/b}");
        assert_eq!(got.value, "${SET/a/b}");
        assert_eq!(
            got.errors[0].kind,
            InterpolationErrorKind::InvalidSubstitution
        );
        let got = run("${}");
        assert_eq!(
            got.errors[0].kind,
            InterpolationErrorKind::InvalidSubstitution
        );
    }

    #[test]
    fn records_spans_names_defaults_and_origins() {
        let raw = "ghp=${TOKEN:-ghp_abc} port=$PORT";
        let got = run(raw);
        assert_eq!(got.refs.len(), 2);
        let t = &got.refs[0];
        assert_eq!(t.name, "TOKEN");
        assert_eq!(t.span.text(raw), "${TOKEN:-ghp_abc}");
        assert_eq!(t.name_span.text(raw), "TOKEN");
        assert_eq!(t.operator, Some(Operator::DefaultIfUnsetOrEmpty));
        let arg = t.argument.as_ref().expect("argument");
        assert_eq!(arg.raw, "ghp_abc");
        assert_eq!(arg.span.text(raw), "ghp_abc");
        assert_eq!(t.outcome, Outcome::Default);
        assert_eq!(t.origin, None);
        let p = &got.refs[1];
        assert_eq!(p.span.text(raw), "$PORT");
        assert_eq!(p.origin, Some(VarOrigin::Environment));
        assert_eq!(p.outcome, Outcome::Variable);
        assert!(got.is_determined());
    }

    #[test]
    fn nested_refs_are_recorded_with_depth_and_liveness() {
        let raw = "${SET:-${B}}";
        let got = run(raw);
        assert_eq!(got.value, "value");
        assert_eq!(got.refs.len(), 2);
        assert_eq!(got.refs[0].depth, 0);
        assert_eq!(got.refs[1].depth, 1);
        assert_eq!(got.refs[1].span.text(raw), "${B}");
        assert!(!got.refs[1].live);
        let got = run("${UNSET:-${ALSO}}");
        assert!(got.refs[1].live);
        assert_eq!(got.unresolved().count(), 1);
        assert!(!got.is_determined());
    }

    #[test]
    fn unresolved_records() {
        let got = run("${PRIV}");
        assert_eq!(got.value, "");
        assert_eq!(got.refs[0].outcome, Outcome::Unresolved);
        assert!(!got.is_determined());
        assert!(run("literal").is_literal());
        assert!(run("$$").is_literal());
    }

    #[test]
    fn names() {
        assert!(is_var_name("_A1"));
        assert!(is_var_name("a"));
        assert!(!is_var_name("1A"));
        assert!(!is_var_name(""));
        assert!(!is_var_name("A-B"));
    }
}
