//! Leading `--name[=value]` options (BuildKit's `extractBuilderFlags` and `BFlags`), and the
//! `--mount` option's comma-separated fields.

use super::ast::{Flag, InstructionKind, MountField, MountSpec, ParseError, ParseErrorKind};
use super::lines::is_go_space;
use super::logical::LogicalText;

/// A flag word as BuildKit's extractor read it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RawFlag {
    /// Byte offset of the word in the text given to [`extract_flags`].
    pub start: usize,
    /// Byte offset after the word.
    pub end: usize,
    /// Each kept character with the byte range it came from (quotes and backslashes removed).
    pub chars: Vec<(char, usize, usize)>,
}

impl RawFlag {
    /// The word after BuildKit removed quotes and backslashes.
    #[cfg(test)]
    fn processed(&self) -> String {
        self.chars.iter().map(|c| c.0).collect()
    }
}

/// Reads the leading flag words of `s`. Returns them and the offset where the arguments start
/// (`s.len()` when nothing follows the flags).
pub(crate) fn extract_flags(s: &str) -> (Vec<RawFlag>, usize) {
    #[derive(PartialEq)]
    enum Phase {
        Spaces,
        Word,
        Quote(char),
    }
    let mut flags = Vec::new();
    let mut phase = Phase::Spaces;
    let mut cur = RawFlag {
        start: 0,
        end: 0,
        chars: Vec::new(),
    };
    let mut blank_ok = false;
    let is_dashdash = |f: &RawFlag| f.chars.len() == 2 && f.chars.iter().all(|c| c.0 == '-');
    let mut it = s.char_indices().peekable();
    while let Some((pos, ch)) = it.next() {
        let next_pos = pos + ch.len_utf8();
        if phase == Phase::Spaces {
            if is_go_space(ch) {
                continue;
            }
            if ch != '-' || s.as_bytes().get(pos + 1) != Some(&b'-') {
                return (flags, pos);
            }
            phase = Phase::Word;
            let word_len = s
                .get(pos..)
                .and_then(|r| r.find(is_go_space))
                .unwrap_or(s.len() - pos);
            cur = RawFlag {
                start: pos,
                end: pos,
                chars: Vec::with_capacity(word_len),
            };
        }
        match phase {
            Phase::Word => {
                if is_go_space(ch) {
                    phase = Phase::Spaces;
                    if is_dashdash(&cur) {
                        return (flags, pos);
                    }
                    if blank_ok || !cur.chars.is_empty() {
                        flags.push(std::mem::replace(
                            &mut cur,
                            RawFlag {
                                start: 0,
                                end: 0,
                                chars: Vec::new(),
                            },
                        ));
                    }
                    blank_ok = false;
                    continue;
                }
                cur.end = next_pos;
                if ch == '\'' || ch == '"' {
                    phase = Phase::Quote(ch);
                    blank_ok = true;
                    continue;
                }
                if ch == '\\' {
                    match it.next() {
                        Some((p2, c2)) => {
                            cur.end = p2 + c2.len_utf8();
                            cur.chars.push((c2, pos, cur.end));
                        }
                        None => continue,
                    }
                    continue;
                }
                cur.chars.push((ch, pos, next_pos));
            }
            Phase::Quote(quote) => {
                cur.end = next_pos;
                if ch == quote {
                    phase = Phase::Word;
                    continue;
                }
                if ch == '\\' {
                    match it.next() {
                        Some((p2, c2)) => {
                            cur.end = p2 + c2.len_utf8();
                            cur.chars.push((c2, pos, cur.end));
                        }
                        None => phase = Phase::Word,
                    }
                    continue;
                }
                cur.chars.push((ch, pos, next_pos));
            }
            Phase::Spaces => {}
        }
    }
    if phase != Phase::Spaces && !is_dashdash(&cur) && (blank_ok || !cur.chars.is_empty()) {
        flags.push(cur);
    }
    (flags, s.len())
}

/// Builds the public [`Flag`] for a raw flag found at offset `base` of `text`.
pub(crate) fn to_flag(raw: &RawFlag, text: &LogicalText, base: usize) -> Flag {
    let eq = raw.chars.iter().position(|c| c.0 == '=');
    let name_chars = raw
        .chars
        .get(2..eq.unwrap_or(raw.chars.len()))
        .unwrap_or(&[]);
    let name: String = name_chars.iter().map(|c| c.0).collect();
    let name_start = raw.chars.get(2).map_or(raw.end, |c| c.1);
    let name_end = eq
        .and_then(|i| raw.chars.get(i))
        .map_or(raw.end, |c| c.1)
        .max(name_start);
    let (value, value_span) = match eq.and_then(|i| raw.chars.get(i).map(|c| (i, c))) {
        Some((i, &(_, _, eq_end))) => {
            let v: String = raw
                .chars
                .get(i + 1..)
                .unwrap_or(&[])
                .iter()
                .map(|c| c.0)
                .collect();
            (
                Some(v),
                Some(text.source_span(base + eq_end..base + raw.end.max(eq_end))),
            )
        }
        None => (None, None),
    };
    Flag {
        span: text.source_span(base + raw.start..base + raw.end),
        raw: text
            .as_str()
            .get(base + raw.start..base + raw.end)
            .unwrap_or("")
            .to_string(),
        name,
        name_span: text.source_span(base + name_start..base + name_end),
        value,
        value_span,
    }
}

/// How BuildKit reads a flag's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FlagType {
    /// `--name=value`, once.
    String,
    /// `--name`, `--name=true` or `--name=false`.
    Bool,
    /// `--name=value`, repeatable.
    Strings,
}

/// The options each instruction accepts.
fn allowed_flags(kind: InstructionKind) -> &'static [(&'static str, FlagType)] {
    use FlagType::*;
    match kind {
        InstructionKind::Add => &[
            ("chown", String),
            ("chmod", String),
            ("link", Bool),
            ("keep-git-dir", Bool),
            ("checksum", String),
            ("unpack", Bool),
            ("exclude", Strings),
        ],
        InstructionKind::Copy => &[
            ("chown", String),
            ("from", String),
            ("chmod", String),
            ("link", Bool),
            ("exclude", Strings),
            ("parents", Bool),
        ],
        InstructionKind::From => &[("platform", String)],
        InstructionKind::Healthcheck => &[
            ("interval", String),
            ("timeout", String),
            ("start-period", String),
            ("start-interval", String),
            ("retries", String),
        ],
        InstructionKind::Run => &[
            ("mount", Strings),
            ("network", String),
            ("security", String),
            ("device", Strings),
        ],
        _ => &[],
    }
}

/// Checks the flags of an instruction against BuildKit's rules, reporting every problem.
pub(crate) fn check_flags(kind: InstructionKind, flags: &[Flag], errors: &mut Vec<ParseError>) {
    if kind == InstructionKind::Unknown {
        return;
    }
    let allowed = allowed_flags(kind);
    let mut used = [false; 8];
    for flag in flags {
        let error = |kind, message: String| ParseError {
            span: flag.span,
            kind,
            message,
        };
        let Some((index, &(_, ty))) = allowed
            .iter()
            .enumerate()
            .find(|(_, (n, _))| *n == flag.name)
        else {
            let mut message = format!("unknown flag: {}", flag.name);
            if !allowed.is_empty() {
                let names: Vec<String> = allowed.iter().map(|(n, _)| format!("--{n}")).collect();
                message.push_str(&format!(" ({} accepts {})", kind.name(), names.join(", ")));
            } else {
                message.push_str(&format!(" ({} accepts no flags)", kind.name()));
            }
            errors.push(error(ParseErrorKind::UnknownFlag, message));
            continue;
        };
        let seen = used.get(index).copied().unwrap_or(false);
        if ty != FlagType::Strings && seen {
            errors.push(error(
                ParseErrorKind::DuplicateFlag,
                format!("duplicate flag specified: {}", flag.name),
            ));
            continue;
        }
        if let Some(u) = used.get_mut(index) {
            *u = true;
        }
        match (ty, flag.value.as_deref()) {
            (FlagType::Bool, Some("")) | (FlagType::String | FlagType::Strings, None) => {
                errors.push(error(
                    ParseErrorKind::InvalidFlagValue,
                    format!("missing a value on flag: {}", flag.name),
                ));
            }
            (FlagType::Bool, Some(v))
                if !v.eq_ignore_ascii_case("true") && !v.eq_ignore_ascii_case("false") =>
            {
                errors.push(error(
                    ParseErrorKind::InvalidFlagValue,
                    format!("expecting boolean value for flag {}, not: {v}", flag.name),
                ));
            }
            _ => {}
        }
    }
}

/// Splits a `--mount` value (after BuildKit removed flag quoting) into its CSV fields.
pub(crate) fn parse_mount(raw: &RawFlag, text: &LogicalText, base: usize) -> Option<MountSpec> {
    let eq = raw.chars.iter().position(|c| c.0 == '=')?;
    let chars = raw.chars.get(eq + 1..)?;
    let value_start = raw.chars.get(eq).map_or(raw.end, |c| c.2);
    let span = text.source_span(base + value_start..base + raw.end.max(value_start));
    let mut fields = Vec::new();
    let mut text_chars: Vec<(char, usize, usize)> = Vec::with_capacity(chars.len());
    // Each field: a run of characters up to an unquoted comma; `"` quotes as in CSV.
    let mut i = 0;
    while i <= chars.len() {
        let field_start = i;
        let mut in_quotes = false;
        text_chars.clear();
        while let Some(&c) = chars.get(i) {
            if in_quotes {
                if c.0 == '"' {
                    if chars.get(i + 1).is_some_and(|n| n.0 == '"') {
                        text_chars.push(c);
                        i += 2;
                        continue;
                    }
                    in_quotes = false;
                    i += 1;
                    continue;
                }
                text_chars.push(c);
            } else if c.0 == ',' {
                break;
            } else if c.0 == '"' {
                in_quotes = true;
            } else {
                text_chars.push(c);
            }
            i += 1;
        }
        let field_end = i;
        if field_end > field_start {
            let raw_start = chars.get(field_start).map_or(raw.end, |c| c.1);
            let raw_end = chars
                .get(field_end.saturating_sub(1))
                .map_or(raw.end, |c| c.2);
            let eq_pos = text_chars.iter().position(|c| c.0 == '=');
            let key_chars = &text_chars[..eq_pos.unwrap_or(text_chars.len())];
            let key: String = key_chars.iter().map(|c| c.0.to_ascii_lowercase()).collect();
            let key_end = eq_pos
                .and_then(|p| text_chars.get(p))
                .map_or(raw_end, |c| c.1);
            let (value, value_span) = match eq_pos.and_then(|p| text_chars.get(p)) {
                Some(&(_, _, eq_end)) => {
                    let v: String = text_chars
                        .get(eq_pos.unwrap_or(0) + 1..)
                        .unwrap_or(&[])
                        .iter()
                        .map(|c| c.0)
                        .collect();
                    (
                        Some(v),
                        Some(text.source_span(base + eq_end..base + raw_end.max(eq_end))),
                    )
                }
                None => (None, None),
            };
            fields.push(MountField {
                key,
                key_span: text.source_span(base + raw_start..base + key_end.max(raw_start)),
                value,
                value_span,
            });
        }
        i += 1;
    }
    Some(MountSpec { span, fields })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests fail loudly on purpose.
mod tests {
    use super::*;
    use crate::span::Span;

    fn names(s: &str) -> (Vec<String>, usize) {
        let (f, rest) = extract_flags(s);
        (f.iter().map(|f| f.processed()).collect(), rest)
    }

    #[test]
    fn extracts_leading_flags_like_buildkit() {
        assert_eq!(
            names("--a=1 --b x y"),
            (vec!["--a=1".into(), "--b".into()], 10)
        );
        assert_eq!(names("--a -- --b x"), (vec!["--a".into()], 6));
        assert_eq!(names("-- foo"), (vec![], 2));
        assert_eq!(names("--from='a b' x"), (vec!["--from=a b".into()], 13));
        assert_eq!(names(r"--x=a\ b y"), (vec!["--x=a b".into()], 9));
        assert_eq!(names("--x"), (vec!["--x".into()], 3));
        assert_eq!(names("--"), (vec![], 2));
        assert_eq!(names("x --y"), (vec![], 0));
        assert_eq!(names("-x"), (vec![], 0));
    }

    #[test]
    fn flag_spans_are_exact() {
        let text = LogicalText::contiguous("RUN --mount=\"type=secret,id=a\" x", 0);
        let (raw, _) = extract_flags(&text.as_str()[4..]);
        let flag = to_flag(&raw[0], &text, 4);
        assert_eq!(flag.span, Span::new(4, 30));
        assert_eq!(flag.name, "mount");
        assert_eq!(flag.name_span, Span::new(6, 11));
        assert_eq!(flag.value.as_deref(), Some("type=secret,id=a"));
        assert_eq!(flag.value_span, Some(Span::new(12, 30)));
        let mount = parse_mount(&raw[0], &text, 4).unwrap();
        assert_eq!(mount.fields.len(), 2);
        assert_eq!(mount.fields[0].key, "type");
        assert_eq!(mount.fields[0].key_span, Span::new(13, 17));
        assert_eq!(mount.fields[0].value_span, Some(Span::new(18, 24)));
        assert_eq!(mount.fields[1].value.as_deref(), Some("a"));
        assert_eq!(mount.fields[1].value_span, Some(Span::new(28, 29)));
        assert_eq!(mount.mount_type(), "secret");
    }

    #[test]
    fn mount_fields_with_bare_keys_and_quotes() {
        let text = LogicalText::contiguous("--mount=type=cache,target=/x,ro,'\"id=a,b\"'", 0);
        let (raw, _) = extract_flags(text.as_str());
        let mount = parse_mount(&raw[0], &text, 0).unwrap();
        let keys: Vec<_> = mount.fields.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(keys, vec!["type", "target", "ro", "id"]);
        assert_eq!(mount.fields[2].value, None);
        assert_eq!(mount.get("id"), Some("a,b"));
    }

    #[test]
    fn checks_allowed_flags() {
        let text = LogicalText::contiguous("--link=maybe --from --nope --from=x", 0);
        let (raw, _) = extract_flags(text.as_str());
        let flags: Vec<_> = raw.iter().map(|r| to_flag(r, &text, 0)).collect();
        let mut errors = Vec::new();
        check_flags(InstructionKind::Copy, &flags, &mut errors);
        let kinds: Vec<_> = errors.iter().map(|e| e.kind).collect();
        assert_eq!(
            kinds,
            vec![
                ParseErrorKind::InvalidFlagValue,
                ParseErrorKind::InvalidFlagValue,
                ParseErrorKind::UnknownFlag,
                ParseErrorKind::DuplicateFlag
            ]
        );
        assert_eq!(errors[2].span, Span::new(20, 26));
    }
}
