//! Heredoc detection on `RUN`, `COPY` and `ADD` lines, following BuildKit.
//!
//! BuildKit splits the whole instruction line into words with its shell lexer (keeping quotes
//! and escapes, leaving unset variables as written, and joining `<<` with the whitespace after
//! it), and every word matching `^(\d*)<<(-?)\s*([^<]*)$` opens a heredoc. The delimiter is the
//! rest of the word lexed again: it must be a single word, and any quoting turns expansion off.
//! The escape character of this lexer is always `\`, whatever the `# escape=` directive says.

use std::ops::Range;

/// A word produced by [`process_words`], with the input range it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LexWord {
    /// The word text.
    pub text: String,
    /// The input range from its first to its last contributing character.
    pub range: Range<usize>,
}

/// Nesting limit for `${…}` inside `${…}`, so hostile input cannot exhaust the stack.
const MAX_DEPTH: usize = 64;

/// The lexing failed (BuildKit returns an error, and heredoc detection then finds nothing).
#[derive(Debug)]
struct LexError;

#[derive(Default)]
struct Words {
    word: String,
    in_word: bool,
    start: Option<usize>,
    end: usize,
    words: Vec<LexWord>,
}

impl Words {
    fn flush(&mut self) {
        let start = self.start.take().unwrap_or(self.end);
        self.words.push(LexWord {
            text: std::mem::take(&mut self.word),
            range: start..self.end.max(start),
        });
        self.in_word = false;
    }

    fn add_char(&mut self, ch: char, range: Range<usize>) {
        if ch.is_whitespace() {
            if self.in_word && !self.word.is_empty() {
                self.flush();
            }
        } else {
            self.add_raw_char(ch, range);
        }
    }

    fn add_raw_char(&mut self, ch: char, range: Range<usize>) {
        self.start.get_or_insert(range.start);
        self.end = range.end;
        self.word.push(ch);
        self.in_word = true;
    }

    fn add_string(&mut self, s: &str, range: Range<usize>) {
        for ch in s.chars() {
            self.add_char(ch, range.clone());
        }
    }

    fn add_raw_string(&mut self, s: &str, range: Range<usize>) {
        self.start.get_or_insert(range.start);
        self.end = range.end;
        self.word.push_str(s);
        self.in_word = true;
    }

    fn finish(mut self) -> Vec<LexWord> {
        if !self.word.is_empty() {
            self.flush();
        }
        self.words
    }
}

struct Lexer<'a> {
    s: &'a str,
    pos: usize,
    raw_quotes: bool,
    raw_escapes: bool,
}

fn is_name_digit(c: char) -> bool {
    c.is_ascii_digit() || (!c.is_ascii() && c.is_numeric())
}

impl Lexer<'_> {
    fn peek(&self) -> Option<char> {
        self.s.get(self.pos..).and_then(|r| r.chars().next())
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn process_stop_on(
        &mut self,
        stop: Option<char>,
        raw_escapes: bool,
        depth: usize,
    ) -> Result<(String, Vec<LexWord>), LexError> {
        if depth > MAX_DEPTH {
            return Err(LexError);
        }
        let saved = self.raw_escapes;
        self.raw_escapes = raw_escapes;
        let out = self.stop_on_inner(stop, depth);
        self.raw_escapes = saved;
        out
    }

    fn stop_on_inner(
        &mut self,
        stop: Option<char>,
        depth: usize,
    ) -> Result<(String, Vec<LexWord>), LexError> {
        let mut result = String::new();
        let mut words = Words::default();
        while let Some(ch) = self.peek() {
            let at = self.pos;
            if Some(ch) == stop {
                self.next();
                return Ok((result, words.finish()));
            }
            match ch {
                '$' => {
                    let tmp = self.process_dollar(depth)?;
                    result.push_str(&tmp);
                    words.add_string(&tmp, at..self.pos);
                }
                '\'' | '"' | '<' => {
                    let tmp = match ch {
                        '\'' => self.single_quote()?,
                        '"' => self.double_quote(depth)?,
                        _ => self.possible_heredoc(),
                    };
                    result.push_str(&tmp);
                    words.add_raw_string(&tmp, at..self.pos);
                }
                _ => {
                    self.next();
                    if ch == '\\' {
                        if self.raw_escapes {
                            words.add_raw_char(ch, at..self.pos);
                            result.push(ch);
                        }
                        match self.next() {
                            Some(c) => {
                                words.add_raw_char(c, at..self.pos);
                                result.push(c);
                            }
                            None => break,
                        }
                    } else {
                        words.add_char(ch, at..self.pos);
                        result.push(ch);
                    }
                }
            }
        }
        if stop.is_some() {
            return Err(LexError);
        }
        Ok((result, words.finish()))
    }

    fn single_quote(&mut self) -> Result<String, LexError> {
        let mut out = String::new();
        let open = self.next().ok_or(LexError)?;
        if self.raw_quotes {
            out.push(open);
        }
        loop {
            match self.next() {
                None => return Err(LexError),
                Some('\'') => {
                    if self.raw_quotes {
                        out.push('\'');
                    }
                    return Ok(out);
                }
                Some(c) => out.push(c),
            }
        }
    }

    fn double_quote(&mut self, depth: usize) -> Result<String, LexError> {
        let mut out = String::new();
        let open = self.next().ok_or(LexError)?;
        if self.raw_quotes {
            out.push(open);
        }
        loop {
            match self.peek() {
                None => return Err(LexError),
                Some('"') => {
                    self.next();
                    if self.raw_quotes {
                        out.push('"');
                    }
                    return Ok(out);
                }
                Some('$') => {
                    let v = self.process_dollar(depth)?;
                    out.push_str(&v);
                }
                Some(_) => {
                    let mut ch = self.next().ok_or(LexError)?;
                    if ch == '\\' {
                        if self.raw_escapes {
                            out.push(ch);
                        }
                        match self.peek() {
                            None => continue,
                            Some('"' | '$' | '\\') => ch = self.next().ok_or(LexError)?,
                            Some(_) => {}
                        }
                    }
                    out.push(ch);
                }
            }
        }
    }

    fn possible_heredoc(&mut self) -> String {
        self.next();
        if self.peek() != Some('<') {
            return "<".to_string();
        }
        self.next();
        let mut out = "<<".to_string();
        while let Some(c) = self.peek().filter(|c| c.is_whitespace()) {
            out.push(c);
            self.next();
        }
        out
    }

    fn process_name(&mut self) -> String {
        let mut name = String::new();
        while let Some(ch) = self.peek() {
            if name.is_empty() && is_name_digit(ch) {
                while let Some(d) = self.peek().filter(|c| is_name_digit(*c)) {
                    name.push(d);
                    self.next();
                }
                return name;
            }
            if name.is_empty() && matches!(ch, '@' | '*' | '#' | '?' | '-' | '$' | '!' | '0') {
                self.next();
                return ch.to_string();
            }
            if !ch.is_alphabetic() && !is_name_digit(ch) && ch != '_' {
                break;
            }
            name.push(ch);
            self.next();
        }
        name
    }

    /// `$name`, `${name}` and `${name<op>word}` with every variable unset: the text is kept.
    fn process_dollar(&mut self, depth: usize) -> Result<String, LexError> {
        self.next();
        if self.peek() != Some('{') {
            let name = self.process_name();
            return Ok(format!("${name}"));
        }
        self.next();
        match self.peek() {
            None | Some('{' | '}' | ':') => return Err(LexError),
            Some(_) => {}
        }
        let name = self.process_name();
        let ch = self.next();
        match ch {
            Some('}') => Ok(format!("${{{name}}}")),
            Some(':' | '+' | '-' | '?' | '#' | '%') => {
                let mut op = String::new();
                let mut modifier = ch;
                if ch == Some(':') {
                    op.push(':');
                    modifier = self.next();
                    op.push(modifier.unwrap_or('\u{FFFD}'));
                } else {
                    op.extend(ch);
                }
                let raw = matches!(modifier, Some('#' | '%'));
                let (word, _) = self.process_stop_on(Some('}'), raw, depth + 1)?;
                Ok(format!("${{{name}{op}{word}}}"))
            }
            Some('/') => {
                if self.peek() == Some('/') {
                    self.next();
                }
                let (pattern, _) = self.process_stop_on(Some('/'), true, depth + 1)?;
                let (replacement, _) = self.process_stop_on(Some('}'), true, depth + 1)?;
                Ok(format!("${{{name}/{pattern}/{replacement}}}"))
            }
            _ => Err(LexError),
        }
    }
}

/// BuildKit's `Lex.ProcessWords` with no variables set and unset variables kept as written.
/// `None` when the lexer reports an error (an unterminated quote, a bad `${…}`).
pub(crate) fn process_words(s: &str, raw_quotes: bool, raw_escapes: bool) -> Option<Vec<LexWord>> {
    let mut lexer = Lexer {
        s,
        pos: 0,
        raw_quotes,
        raw_escapes,
    };
    lexer
        .process_stop_on(None, raw_escapes, 0)
        .ok()
        .map(|(_, words)| words)
}

/// A heredoc word's parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct HeredocWord {
    /// The file descriptor prefix.
    pub fd: Option<u32>,
    /// `<<-`.
    pub strip_tabs: bool,
    /// The delimiter, unquoted.
    pub name: String,
    /// Whether the body is expanded (no quoting in the delimiter).
    pub expand: bool,
}

fn is_re_space(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\u{0C}' | '\r' | ' ')
}

fn count_quotes(s: &str) -> usize {
    s.chars().filter(|&c| c == '\'' || c == '"').count()
}

/// BuildKit's `ParseHeredoc`: whether `word` opens a heredoc, and how.
pub(crate) fn parse_heredoc_word(word: &str) -> Option<HeredocWord> {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    let after_fd = word.get(digits..)?.strip_prefix("<<")?;
    let (strip_tabs, rest) = match after_fd.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, after_fd),
    };
    let rest = rest.trim_start_matches(is_re_space);
    if rest.is_empty() || rest.contains('<') {
        return None;
    }
    let fd = if digits > 0 {
        word.get(..digits).and_then(|d| d.parse().ok())
    } else {
        None
    };
    let words = process_words(rest, false, false)?;
    let [name] = words.as_slice() else {
        return None;
    };
    let raw = process_words(rest, true, false)?;
    let [raw_name] = raw.as_slice() else {
        return None;
    };
    Some(HeredocWord {
        fd,
        strip_tabs,
        name: name.text.clone(),
        expand: count_quotes(&name.text) == count_quotes(&raw_name.text),
    })
}

/// Every heredoc opened on an instruction line, with the range of its marker word.
pub(crate) fn find_heredocs(line: &str) -> Vec<(HeredocWord, LexWord)> {
    if !line.contains("<<") {
        return Vec::new();
    }
    let Some(words) = process_words(line, true, true) else {
        return Vec::new();
    };
    words
        .into_iter()
        .filter_map(|w| parse_heredoc_word(&w.text).map(|h| (h, w)))
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests fail loudly on purpose.
mod tests {
    use super::*;

    fn names(line: &str) -> Vec<(String, bool, bool, Option<u32>)> {
        find_heredocs(line)
            .into_iter()
            .map(|(h, _)| (h.name, h.expand, h.strip_tabs, h.fd))
            .collect()
    }

    #[test]
    fn buildkit_heredoc_cases() {
        assert_eq!(names("RUN <<EOF"), vec![("EOF".into(), true, false, None)]);
        assert_eq!(names("RUN <<-EOF"), vec![("EOF".into(), true, true, None)]);
        assert_eq!(
            names("RUN cat <<EOF > f"),
            vec![("EOF".into(), true, false, None)]
        );
        assert_eq!(
            names("RUN 3<<EOF"),
            vec![("EOF".into(), true, false, Some(3))]
        );
        assert_eq!(
            names("RUN <<  EOF  > foo"),
            vec![("EOF".into(), true, false, None)]
        );
        assert_eq!(
            names("RUN <<'EOF'"),
            vec![("EOF".into(), false, false, None)]
        );
        assert_eq!(
            names("RUN <<\"EOF\""),
            vec![("EOF".into(), false, false, None)]
        );
        assert_eq!(
            names("RUN <<eo\\'f"),
            vec![("eo'f".into(), true, false, None)]
        );
        assert_eq!(
            names("RUN <<eo'f'"),
            vec![("eof".into(), false, false, None)]
        );
        assert_eq!(
            names("RUN <<'e'o\\'f"),
            vec![("eo'f".into(), false, false, None)]
        );
        assert_eq!(
            names("RUN <<$EOF"),
            vec![("$EOF".into(), true, false, None)]
        );
        assert_eq!(
            names("RUN <<'one two'"),
            vec![("one two".into(), false, false, None)]
        );
        assert_eq!(
            names("COPY <<X <<Y /dest"),
            vec![
                ("X".into(), true, false, None),
                ("Y".into(), true, false, None)
            ]
        );
    }

    #[test]
    fn non_heredocs() {
        assert!(names("RUN echo \"<<NOHEREDOC\"").is_empty());
        assert!(names("RUN cat <<<\"here string\"").is_empty());
        assert!(names("RUN a<<EOF").is_empty());
        assert!(names("RUN <<- EOF").is_empty());
        assert!(names("RUN <<").is_empty());
        // A lexer error (unterminated quote) means no heredocs, as in BuildKit.
        assert!(names("RUN <<EOF 'x").is_empty());
    }

    #[test]
    fn marker_ranges() {
        let found = find_heredocs("RUN cat 3<<-'EOF' > out");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].1.range, 8..17);
        let found = find_heredocs("RUN <<  EOF  > foo");
        assert_eq!(found[0].1.range, 4..11);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let s = format!("RUN <<EOF {}", "${a:-".repeat(10_000));
        assert!(names(&s).is_empty());
    }
}
