//! Scanning one shell word: quotes, escapes, `$(…)`, `${…}` and backticks.

use crate::span::Span;

/// What scanning a word found.
pub(crate) struct ScannedWord {
    /// Offset after the word.
    pub end: usize,
    /// The unquoted value, when the word holds no expansion.
    pub literal: Option<String>,
    /// Inner ranges of `$(…)` and backtick substitutions.
    pub substitutions: Vec<Span>,
}

/// How deeply quotes and substitutions may nest before the rest of the input is taken as one
/// unterminated construct (keeps hostile input from exhausting the stack).
const MAX_NESTING: usize = 256;

/// Characters that end an unquoted word.
pub(crate) fn is_word_break(b: u8) -> bool {
    matches!(
        b,
        b' ' | b'\t' | b'\n' | b'|' | b'&' | b';' | b'(' | b')' | b'<' | b'>'
    )
}

fn is_name_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

/// Whether `$` at `i` starts an expansion (rather than being a literal dollar sign).
fn dollar_expands(bytes: &[u8], i: usize) -> bool {
    match bytes.get(i + 1) {
        Some(&b) => {
            is_name_start(b)
                || b.is_ascii_digit()
                || matches!(
                    b,
                    b'{' | b'(' | b'\'' | b'"' | b'@' | b'*' | b'#' | b'?' | b'-' | b'$' | b'!'
                )
        }
        None => false,
    }
}

/// Skips a `$(…)` / `$((…))` starting at the `(` at `open`; returns the offset of the matching
/// `)` (or the end of the input).
fn skip_parens(bytes: &[u8], open: usize, nesting: usize) -> usize {
    if nesting > MAX_NESTING {
        return bytes.len();
    }
    let mut depth = 0usize;
    let mut i = open;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'(' => depth += 1,
            b')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i;
                }
            }
            b'\\' => i += 1,
            b'\'' => i = skip_single(bytes, i),
            b'"' => i = skip_double(bytes, i, nesting + 1),
            b'`' => i = skip_backtick(bytes, i),
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

/// Skips `${…}` starting at the `{` at `open`; returns the offset of the matching `}`.
fn skip_braces(bytes: &[u8], open: usize, nesting: usize) -> usize {
    if nesting > MAX_NESTING {
        return bytes.len();
    }
    let mut depth = 0usize;
    let mut i = open;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'{' => depth += 1,
            b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i;
                }
            }
            b'\\' => i += 1,
            b'\'' => i = skip_single(bytes, i),
            b'"' => i = skip_double(bytes, i, nesting + 1),
            b'$' if bytes.get(i + 1) == Some(&b'(') => i = skip_parens(bytes, i + 1, nesting + 1),
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

/// Returns the offset of the closing `'` of a quote opened at `open`.
fn skip_single(bytes: &[u8], open: usize) -> usize {
    match bytes
        .get(open + 1..)
        .and_then(|r| r.iter().position(|&b| b == b'\''))
    {
        Some(p) => open + 1 + p,
        None => bytes.len(),
    }
}

/// Returns the offset of the closing `"` of a quote opened at `open`.
fn skip_double(bytes: &[u8], open: usize, nesting: usize) -> usize {
    if nesting > MAX_NESTING {
        return bytes.len();
    }
    let mut i = open + 1;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => return i,
            b'\\' => i += 1,
            b'$' if bytes.get(i + 1) == Some(&b'(') => i = skip_parens(bytes, i + 1, nesting + 1),
            b'$' if bytes.get(i + 1) == Some(&b'{') => i = skip_braces(bytes, i + 1, nesting + 1),
            b'`' => i = skip_backtick(bytes, i),
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

/// Returns the offset of the closing backtick of a substitution opened at `open`.
fn skip_backtick(bytes: &[u8], open: usize) -> usize {
    let mut i = open + 1;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'`' => return i,
            b'\\' => i += 1,
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

/// A span from `start` to `end`, empty when `end` comes first.
fn span_between(start: usize, end: usize) -> Span {
    Span::new(start, end.max(start))
}

/// Scans the word starting at `start` (which is not a break character).
pub(crate) fn scan_word(text: &str, start: usize) -> ScannedWord {
    let bytes = text.as_bytes();
    let mut literal = Some(String::new());
    let mut substitutions = Vec::new();
    let mut i = start;
    // Appends text[from..to] to the literal value.
    let push = |lit: &mut Option<String>, from: usize, to: usize| {
        if let (Some(l), Some(s)) = (lit.as_mut(), text.get(from..to)) {
            l.push_str(s);
        }
    };
    let mut run_start = i;
    while let Some(&b) = bytes.get(i) {
        if is_word_break(b) {
            break;
        }
        match b {
            b'\\' => {
                push(&mut literal, run_start, i);
                match bytes.get(i + 1) {
                    // A backslash-newline joins lines.
                    Some(b'\n') => i += 2,
                    Some(_) => {
                        let ch_len = text
                            .get(i + 1..)
                            .and_then(|r| r.chars().next())
                            .map_or(1, char::len_utf8);
                        push(&mut literal, i + 1, i + 1 + ch_len);
                        i += 1 + ch_len;
                    }
                    None => i += 1,
                }
                run_start = i;
                continue;
            }
            b'\'' => {
                push(&mut literal, run_start, i);
                let close = skip_single(bytes, i);
                push(&mut literal, i + 1, close);
                i = (close + 1).min(bytes.len());
                run_start = i;
                continue;
            }
            b'"' => {
                push(&mut literal, run_start, i);
                let close = skip_double(bytes, i, 0);
                // Literal inside double quotes: backslash escapes of $ ` " \ and newline.
                let mut j = i + 1;
                let mut seg = j;
                while j < close {
                    match bytes.get(j) {
                        Some(b'\\')
                            if matches!(
                                bytes.get(j + 1),
                                Some(b'$' | b'`' | b'"' | b'\\' | b'\n')
                            ) =>
                        {
                            push(&mut literal, seg, j);
                            if bytes.get(j + 1) != Some(&b'\n') {
                                push(&mut literal, j + 1, j + 2);
                            }
                            j += 2;
                            seg = j;
                        }
                        Some(b'$') if dollar_expands(bytes, j) => {
                            literal = None;
                            if bytes.get(j + 1) == Some(&b'(') {
                                let end = skip_parens(bytes, j + 1, 0);
                                substitutions.push(span_between(j + 2, end.min(close)));
                                j = end + 1;
                            } else if bytes.get(j + 1) == Some(&b'{') {
                                j = skip_braces(bytes, j + 1, 0) + 1;
                            } else {
                                j += 1;
                            }
                            seg = j;
                        }
                        Some(b'`') => {
                            literal = None;
                            let end = skip_backtick(bytes, j);
                            substitutions.push(span_between(j + 1, end.min(close)));
                            j = end + 1;
                            seg = j;
                        }
                        _ => j += 1,
                    }
                }
                push(&mut literal, seg.min(close), close);
                i = (close + 1).min(bytes.len());
                run_start = i;
                continue;
            }
            b'`' => {
                literal = None;
                let close = skip_backtick(bytes, i);
                substitutions.push(span_between(i + 1, close));
                i = (close + 1).min(bytes.len());
                run_start = i;
                continue;
            }
            b'$' if dollar_expands(bytes, i) => {
                literal = None;
                match bytes.get(i + 1) {
                    Some(b'(') => {
                        let close = skip_parens(bytes, i + 1, 0);
                        substitutions.push(span_between(i + 2, close));
                        i = (close + 1).min(bytes.len());
                    }
                    Some(b'{') => i = (skip_braces(bytes, i + 1, 0) + 1).min(bytes.len()),
                    Some(b'\'') => i = (skip_single(bytes, i + 1) + 1).min(bytes.len()),
                    Some(b'"') => i = (skip_double(bytes, i + 1, 0) + 1).min(bytes.len()),
                    _ => i += 2,
                }
                run_start = i;
                continue;
            }
            _ => i += 1,
        }
    }
    let end = i.min(bytes.len());
    push(&mut literal, run_start, end);
    // Keep every offset on a character boundary of the input.
    let end = crate::span::floor_char_boundary(text, end).max(start);
    substitutions.retain(|s| {
        s.start <= s.end && text.is_char_boundary(s.start()) && text.is_char_boundary(s.end())
    });
    ScannedWord {
        end,
        literal,
        substitutions,
    }
}
