//! The JSON (exec) form: a JSON array of strings, decoded the way Go's `encoding/json` does.
//!
//! BuildKit decodes the *first* JSON value after the arguments' leading whitespace, so text after
//! the closing `]` is ignored. A syntax error means "not JSON" (the arguments are then shell
//! form); a valid array holding anything but strings is an error.

use std::ops::Range;

use super::lines::is_go_space;

/// The outcome of reading arguments as a JSON array.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum JsonArray {
    /// Not a JSON array: BuildKit falls back to shell form.
    NotJson,
    /// A valid JSON array with an element that is not a string.
    NotStringArray,
    /// The decoded strings with the byte range of each literal, and the range of the array.
    Strings(Vec<(String, Range<usize>)>, Range<usize>),
}

fn is_json_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// A container being scanned.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Frame {
    /// In an array; `true` once a value was read (expects `,` or `]`).
    Array(bool),
    /// In an object: 0 expects a key or `}`, 1 expects `:`, 2 a value, 3 `,` or `}`,
    /// 4 a key after `,`.
    Object(u8),
}

/// Reads `s` as BuildKit's `parseJSON` does.
pub(crate) fn parse_json_array(s: &str) -> JsonArray {
    let start = s.len() - s.trim_start_matches(is_go_space).len();
    let bytes = s.as_bytes();
    if bytes.get(start) != Some(&b'[') {
        return JsonArray::NotJson;
    }
    let mut strings = Vec::new();
    let mut all_strings = true;
    let mut stack = vec![Frame::Array(false)];
    let mut pos = start + 1;
    loop {
        while bytes.get(pos).is_some_and(|&b| is_json_space(b)) {
            pos += 1;
        }
        let Some(&b) = bytes.get(pos) else {
            return JsonArray::NotJson;
        };
        let depth = stack.len();
        let Some(top) = stack.last_mut() else {
            return JsonArray::NotJson;
        };
        // Decide whether a value is expected here, or a punctuation character.
        let expect_value = match *top {
            Frame::Array(false) => {
                if b == b']' {
                    stack.pop();
                    pos += 1;
                    if !close_value(&mut stack) {
                        break;
                    }
                    continue;
                }
                true
            }
            Frame::Array(true) => {
                match b {
                    b',' => *top = Frame::Array(false),
                    b']' => {
                        stack.pop();
                        pos += 1;
                        if !close_value(&mut stack) {
                            break;
                        }
                        continue;
                    }
                    _ => return JsonArray::NotJson,
                }
                pos += 1;
                // After a comma a value is required (no trailing comma).
                while bytes.get(pos).is_some_and(|&b| is_json_space(b)) {
                    pos += 1;
                }
                if bytes.get(pos) == Some(&b']') {
                    return JsonArray::NotJson;
                }
                continue;
            }
            Frame::Object(0) | Frame::Object(4) => {
                if b == b'}' && *top == Frame::Object(0) {
                    stack.pop();
                    pos += 1;
                    if !close_value(&mut stack) {
                        break;
                    }
                    continue;
                }
                if b != b'"' {
                    return JsonArray::NotJson;
                }
                match scan_string(s, pos) {
                    Some((_, end)) => pos = end,
                    None => return JsonArray::NotJson,
                }
                *top = Frame::Object(1);
                continue;
            }
            Frame::Object(1) => {
                if b != b':' {
                    return JsonArray::NotJson;
                }
                *top = Frame::Object(2);
                pos += 1;
                continue;
            }
            Frame::Object(2) => true,
            Frame::Object(_) => {
                match b {
                    b',' => *top = Frame::Object(4),
                    b'}' => {
                        stack.pop();
                        pos += 1;
                        if !close_value(&mut stack) {
                            break;
                        }
                        continue;
                    }
                    _ => return JsonArray::NotJson,
                }
                pos += 1;
                continue;
            }
        };
        debug_assert!(expect_value);
        let top_level = depth == 1;
        match b {
            b'"' => {
                let Some((value, end)) = scan_string(s, pos) else {
                    return JsonArray::NotJson;
                };
                if top_level {
                    strings.push((value, pos..end));
                }
                pos = end;
                mark_value(&mut stack);
            }
            b'[' | b'{' => {
                if top_level {
                    all_strings = false;
                }
                if stack.len() >= 10_000 {
                    return JsonArray::NotJson;
                }
                stack.push(if b == b'[' {
                    Frame::Array(false)
                } else {
                    Frame::Object(0)
                });
                pos += 1;
            }
            _ => {
                let Some(end) = scan_scalar(bytes, pos) else {
                    return JsonArray::NotJson;
                };
                if top_level {
                    all_strings = false;
                }
                pos = end;
                mark_value(&mut stack);
            }
        }
    }
    if all_strings {
        JsonArray::Strings(strings, start..pos)
    } else {
        JsonArray::NotStringArray
    }
}

/// Records that the innermost container received a value.
fn mark_value(stack: &mut [Frame]) {
    if let Some(top) = stack.last_mut() {
        *top = match *top {
            Frame::Array(_) => Frame::Array(true),
            Frame::Object(_) => Frame::Object(3),
        };
    }
}

/// After a container closed: marks the parent as having a value. Returns `false` when the
/// outermost array just closed.
fn close_value(stack: &mut [Frame]) -> bool {
    if stack.is_empty() {
        return false;
    }
    mark_value(stack);
    true
}

/// Scans a number, `true`, `false` or `null` starting at `pos`; returns the end offset.
fn scan_scalar(bytes: &[u8], pos: usize) -> Option<usize> {
    for lit in [&b"true"[..], b"false", b"null"] {
        if bytes.get(pos..pos + lit.len()) == Some(lit) {
            return Some(pos + lit.len());
        }
    }
    let mut i = pos;
    if bytes.get(i) == Some(&b'-') {
        i += 1;
    }
    match bytes.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => {
            while bytes.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
        }
        _ => return None,
    }
    if bytes.get(i) == Some(&b'.') {
        i += 1;
        if !bytes.get(i).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(bytes.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !bytes.get(i).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
    }
    Some(i)
}

fn hex4(s: &str, at: usize) -> Option<u32> {
    let h = s.get(at..at + 4)?;
    if !h.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(h, 16).ok()
}

/// Scans the string literal starting with `"` at `pos`. Returns the decoded value and the
/// offset after the closing quote.
fn scan_string(s: &str, pos: usize) -> Option<(String, usize)> {
    let mut out = String::new();
    let rest = s.get(pos + 1..)?;
    let mut chars = rest.char_indices();
    while let Some((off, c)) = chars.next() {
        let at = pos + 1 + off;
        match c {
            '"' => return Some((out, at + 1)),
            '\\' => {
                let (_, e) = chars.next()?;
                match e {
                    '"' => out.push('"'),
                    '\\' => out.push('\\'),
                    '/' => out.push('/'),
                    'b' => out.push('\u{8}'),
                    'f' => out.push('\u{c}'),
                    'n' => out.push('\n'),
                    'r' => out.push('\r'),
                    't' => out.push('\t'),
                    'u' => {
                        let hi = hex4(s, at + 2)?;
                        for _ in 0..4 {
                            chars.next();
                        }
                        let after = at + 6;
                        if (0xD800..0xDC00).contains(&hi) {
                            // A high surrogate must be followed by `\u` and a low surrogate.
                            if s.get(after..after + 2) == Some("\\u") {
                                if let Some(lo) = hex4(s, after + 2) {
                                    if (0xDC00..0xE000).contains(&lo) {
                                        let cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                                        out.push(char::from_u32(cp).unwrap_or('\u{FFFD}'));
                                        for _ in 0..6 {
                                            chars.next();
                                        }
                                        continue;
                                    }
                                }
                            }
                            out.push('\u{FFFD}');
                        } else {
                            out.push(char::from_u32(hi).unwrap_or('\u{FFFD}'));
                        }
                    }
                    _ => return None,
                }
            }
            c if (c as u32) < 0x20 => return None,
            c => out.push(c),
        }
    }
    None
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests fail loudly on purpose.
mod tests {
    use super::*;

    fn strings(s: &str) -> Vec<String> {
        match parse_json_array(s) {
            JsonArray::Strings(v, _) => v.into_iter().map(|(s, _)| s).collect(),
            other => panic!("{s:?} gave {other:?}"),
        }
    }

    #[test]
    fn decodes_like_go() {
        assert_eq!(strings("[]"), Vec::<String>::new());
        assert_eq!(strings(r#"[ "a", "b" ]"#), vec!["a", "b"]);
        assert_eq!(
            strings(r#"["\" \\ \/ \b \f \n \r \t \u0000 \u2665 \ud83d\ude00 \ud800x"]"#),
            vec!["\" \\ / \u{8} \u{c} \n \r \t \u{0} ♥ 😀 \u{FFFD}x"]
        );
        assert_eq!(strings(r#"["a"] trailing junk"#), vec!["a"]);
        assert_eq!(strings(" \t[\"x\"]"), vec!["x"]);
    }

    #[test]
    fn ranges_cover_literals() {
        match parse_json_array(r#" ["ab", "c"] x"#) {
            JsonArray::Strings(v, whole) => {
                assert_eq!(v[0].1, 2..6);
                assert_eq!(v[1].1, 8..11);
                assert_eq!(whole, 1..12);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn syntax_errors_are_not_json() {
        for s in [
            "['a']",
            r#"["a""#,
            r#"["a",]"#,
            r#"["a" "b"]"#,
            r#"["\x"]"#,
            "[\"a\u{1}\"]",
            r#""[]""#,
            "[01]",
            r#"[{"a" 1}]"#,
            "[",
        ] {
            assert_eq!(parse_json_array(s), JsonArray::NotJson, "{s}");
        }
    }

    #[test]
    fn non_strings_are_rejected() {
        for s in [
            r#"["a", ["b"]]"#,
            "[1]",
            "[null]",
            r#"[{"a": [1, {"b": true}]}]"#,
            "[-1.5e+3]",
        ] {
            assert_eq!(parse_json_array(s), JsonArray::NotStringArray, "{s}");
        }
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let s = "[".repeat(100_000);
        assert_eq!(parse_json_array(&s), JsonArray::NotJson);
        let s = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
        assert_eq!(parse_json_array(&s), JsonArray::NotStringArray);
    }
}
