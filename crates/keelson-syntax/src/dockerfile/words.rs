//! BuildKit's word splitters for instruction arguments.
//!
//! Both return byte ranges into the text they were given, so callers can map them to the source.

use std::ops::Range;

use super::lines::{is_ascii_split_space, is_go_space};

/// A word found by [`parse_words`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RawWord {
    /// Where the word is in the input.
    pub range: Range<usize>,
    /// Where the text BuildKit keeps ends: `range.end`, or before a lone escape token at the
    /// very end of the input, which BuildKit drops.
    pub text_end: usize,
}

impl RawWord {
    /// The word as BuildKit keeps it (quotes and escapes kept).
    pub(crate) fn text<'a>(&self, input: &'a str) -> &'a str {
        input.get(self.range.start..self.text_end).unwrap_or("")
    }
}

/// Splits on runs of `[\t\v\f\r ]` (BuildKit's `reWhitespace.Split`); empty input gives nothing.
pub(crate) fn split_whitespace(s: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if s.is_empty() {
        return out;
    }
    let mut start = 0;
    let mut in_space = false;
    for (i, c) in s.char_indices() {
        if is_ascii_split_space(c) {
            if !in_space {
                out.push(start..i);
                in_space = true;
            }
        } else if in_space {
            start = i;
            in_space = false;
        }
    }
    out.push(if in_space {
        s.len()..s.len()
    } else {
        start..s.len()
    });
    out
}

/// BuildKit's `parseWords`: splits on Unicode whitespace, keeping quoted runs and escaped
/// characters inside words. Quotes and escape tokens stay in the words.
///
/// A BuildKit word is always the input text from its first to its last character, except that a
/// lone escape token at the very end of the input is dropped; so only ranges are returned.
pub(crate) fn parse_words(s: &str, escape: char) -> Vec<RawWord> {
    #[derive(PartialEq)]
    enum Phase {
        Spaces,
        Word,
        Quote(char),
    }
    let mut words = Vec::new();
    let mut phase = Phase::Spaces;
    let mut start = 0;
    let mut text_end = 0;
    let mut end = 0;
    let mut blank_ok = false;
    let mut chars = s.char_indices();
    while let Some((pos, ch)) = chars.next() {
        let next_pos = pos + ch.len_utf8();
        if phase == Phase::Spaces {
            if is_go_space(ch) {
                continue;
            }
            phase = Phase::Word;
            start = pos;
            text_end = pos;
        }
        match phase {
            Phase::Word => {
                if is_go_space(ch) {
                    if blank_ok || text_end > start {
                        words.push(RawWord {
                            range: start..end,
                            text_end,
                        });
                    }
                    blank_ok = false;
                    phase = Phase::Spaces;
                    continue;
                }
                if ch == '\'' || ch == '"' {
                    phase = Phase::Quote(ch);
                    blank_ok = true;
                }
            }
            Phase::Quote(quote) => {
                if ch == quote {
                    phase = Phase::Word;
                }
            }
            Phase::Spaces => {}
        }
        let escapes = match phase {
            Phase::Word => true,
            Phase::Quote(q) => q != '\'',
            Phase::Spaces => false,
        };
        if ch == escape && escapes {
            if next_pos == s.len() {
                // A lone escape token at the end is dropped.
                end = next_pos;
                if matches!(phase, Phase::Quote(_)) {
                    phase = Phase::Word;
                }
                continue;
            }
            if let Some((p2, c2)) = chars.next() {
                end = p2 + c2.len_utf8();
                text_end = end;
            }
            continue;
        }
        end = next_pos;
        text_end = end;
    }
    if phase != Phase::Spaces && (blank_ok || text_end > start) {
        words.push(RawWord {
            range: start..end,
            text_end,
        });
    }
    words
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests fail loudly on purpose.
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        parse_words(s, '\\')
            .into_iter()
            .map(|w| w.text(s).to_string())
            .collect()
    }

    #[test]
    fn whitespace_split_ranges() {
        assert_eq!(split_whitespace("a  b\tc"), vec![0..1, 3..4, 5..6]);
        assert_eq!(split_whitespace("a "), vec![0..1, 2..2]);
        assert!(split_whitespace("").is_empty());
        // NBSP is not in BuildKit's class.
        assert_eq!(split_whitespace("a\u{a0}b c"), vec![0..4, 5..6]);
    }

    #[test]
    fn words_keep_quotes_and_escapes() {
        assert_eq!(
            texts(r#"a=b c="d e" f=g\ h"#),
            vec!["a=b", r#"c="d e""#, r"f=g\ h"]
        );
        assert_eq!(texts(r#"x='a\'b'"#), vec![r"x='a\'b'"]);
        assert_eq!(texts(r#"x="a\"b""#), vec![r#"x="a\"b""#]);
        assert_eq!(texts("x=''"), vec!["x=''"]);
        assert_eq!(texts("a\\"), vec!["a"]);
    }

    #[test]
    fn word_ranges_are_exact() {
        let w = parse_words("  ab=\"c d\"  e", '\\');
        assert_eq!(w[0].range, 2..10);
        assert_eq!(w[1].range, 12..13);
        let w = parse_words("a=é\\", '\\');
        assert_eq!(w[0].range, 0..5);
        assert_eq!(w[0].text("a=é\\"), "a=é");
    }
}
