//! Physical lines and BuildKit's per-line rules (comments, continuations, whitespace).

/// One physical line of the source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Line {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset after the content, before the trailing `\r`/`\n` characters BuildKit trims.
    pub content_end: usize,
    /// Offset after the line ending (the start of the next line).
    pub end: usize,
}

/// Splits `source` into lines ending at `\n` (the last line may have no ending).
pub(crate) fn split_lines(source: &str) -> Vec<Line> {
    let bytes = source.as_bytes();
    let mut lines = Vec::with_capacity(bytes.len() / 32 + 1);
    let mut start = 0;
    while start < bytes.len() {
        let end = match bytes[start..].iter().position(|&b| b == b'\n') {
            Some(i) => start + i + 1,
            None => bytes.len(),
        };
        let mut content_end = end;
        while content_end > start && matches!(bytes[content_end - 1], b'\n' | b'\r') {
            content_end -= 1;
        }
        lines.push(Line {
            start,
            content_end,
            end,
        });
        start = end;
    }
    lines
}

/// Go's `unicode.IsSpace` (the same set as Rust's `char::is_whitespace`).
pub(crate) fn is_go_space(c: char) -> bool {
    c.is_whitespace()
}

/// The characters of BuildKit's `[\t\v\f\r ]` whitespace class.
pub(crate) fn is_ascii_split_space(c: char) -> bool {
    matches!(c, '\t' | '\u{0B}' | '\u{0C}' | '\r' | ' ')
}

/// Byte length of the leading Unicode whitespace of `s`.
pub(crate) fn leading_space_len(s: &str) -> usize {
    s.len() - s.trim_start_matches(is_go_space).len()
}

/// Go's `strings.TrimSpace` as a byte range of `s`.
pub(crate) fn trim_space_range(s: &str) -> (usize, usize) {
    let start = leading_space_len(s);
    let end = s.trim_end_matches(is_go_space).len().max(start);
    (start, end)
}

/// Whether BuildKit treats the line as a comment (`#` after leading whitespace).
pub(crate) fn is_comment(line: &str) -> bool {
    line.trim_start_matches(is_go_space).starts_with('#')
}

/// Where a line continuation starts in `line` (its content, without line ending), if the line
/// ends with one.
///
/// BuildKit's rule: the escape token followed only by spaces and tabs at the end of the line,
/// and either alone on the line or preceded by a character other than the escape token.
pub(crate) fn continuation_start(line: &str, escape: char) -> Option<usize> {
    let trimmed = line.trim_end_matches([' ', '\t']);
    let before = trimmed.strip_suffix(escape)?;
    match before.chars().next_back() {
        None => Some(0),
        Some(c) if c == escape => None,
        Some(_) => Some(before.len()),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests fail loudly on purpose.
mod tests {
    use super::*;

    #[test]
    fn lines_keep_offsets_and_trim_crlf() {
        let src = "a\r\nbc\n\nd";
        let lines = split_lines(src);
        assert_eq!(
            lines,
            vec![
                Line {
                    start: 0,
                    content_end: 1,
                    end: 3
                },
                Line {
                    start: 3,
                    content_end: 5,
                    end: 6
                },
                Line {
                    start: 6,
                    content_end: 6,
                    end: 7
                },
                Line {
                    start: 7,
                    content_end: 8,
                    end: 8
                },
            ]
        );
    }

    #[test]
    fn continuation_rules_match_buildkit() {
        assert_eq!(continuation_start("RUN a \\", '\\'), Some(6));
        assert_eq!(continuation_start("RUN a\\ \t", '\\'), Some(5));
        assert_eq!(continuation_start("\\", '\\'), Some(0));
        assert_eq!(continuation_start("  \\", '\\'), Some(2));
        assert_eq!(continuation_start("a\\\\", '\\'), None);
        assert_eq!(continuation_start("a\\x", '\\'), None);
        assert_eq!(continuation_start("a `", '`'), Some(2));
        assert_eq!(continuation_start("a \\", '`'), None);
        assert_eq!(continuation_start("é\\", '\\'), Some(2));
    }

    #[test]
    fn comments_and_space() {
        assert!(is_comment("  # x"));
        assert!(!is_comment("RUN # x"));
        assert_eq!(trim_space_range("  ab \t"), (2, 4));
        assert_eq!(trim_space_range("   "), (3, 3));
    }
}
