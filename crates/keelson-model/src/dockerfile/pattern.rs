//! Shell patterns for `${VAR#pat}`, `${VAR%pat}` and `${VAR/pat/repl}`: `*`, `?`, `[...]`,
//! `[!...]` and the escape character, matched against whole strings.

/// One element of a shell pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum PatternItem {
    /// A character matched literally.
    Literal(char),
    /// `?`: any one character.
    AnyChar,
    /// `*`: any run of characters.
    AnyRun,
    /// `[...]` or `[!...]` / `[^...]`.
    Class {
        negated: bool,
        ranges: Vec<(char, char)>,
    },
}

impl PatternItem {
    fn matches_one(&self, c: char) -> bool {
        match self {
            PatternItem::Literal(l) => *l == c,
            PatternItem::AnyChar => true,
            PatternItem::AnyRun => false,
            PatternItem::Class { negated, ranges } => {
                ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi) != *negated
            }
        }
    }
}

/// A shell pattern as used by `${X#pat}`, `${X%pat}` and `${X/pat/repl}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Pattern {
    pub(crate) items: Vec<PatternItem>,
}

impl Pattern {
    pub(crate) fn parse(text: &str, escape: char) -> Pattern {
        let chars: Vec<char> = text.chars().collect();
        let mut items = Vec::new();
        let mut i = 0;
        while let Some(&c) = chars.get(i) {
            i += 1;
            if c == escape {
                match chars.get(i) {
                    Some(&next) => {
                        items.push(PatternItem::Literal(next));
                        i += 1;
                    }
                    None => items.push(PatternItem::Literal(c)),
                }
                continue;
            }
            match c {
                '*' => items.push(PatternItem::AnyRun),
                '?' => items.push(PatternItem::AnyChar),
                '[' => match parse_class(&chars, i, escape) {
                    Some((item, next)) => {
                        items.push(item);
                        i = next;
                    }
                    None => items.push(PatternItem::Literal('[')),
                },
                _ => items.push(PatternItem::Literal(c)),
            }
        }
        Pattern { items }
    }

    /// Whether the whole of `text` matches.
    pub(crate) fn matches(&self, text: &[char]) -> bool {
        // Classic wildcard matching with backtracking to the last `*`.
        let (mut p, mut t) = (0usize, 0usize);
        let mut star: Option<(usize, usize)> = None;
        while t < text.len() {
            match self.items.get(p) {
                Some(PatternItem::AnyRun) => {
                    star = Some((p, t));
                    p += 1;
                }
                Some(item) if text.get(t).is_some_and(|&c| item.matches_one(c)) => {
                    p += 1;
                    t += 1;
                }
                _ => match star {
                    Some((sp, st)) => {
                        p = sp + 1;
                        t = st + 1;
                        star = Some((sp, st + 1));
                    }
                    None => return false,
                },
            }
        }
        self.items
            .get(p..)
            .is_some_and(|rest| rest.iter().all(|i| *i == PatternItem::AnyRun))
    }

    pub(crate) fn trim_prefix(&self, value: &str, longest: bool) -> String {
        let chars: Vec<char> = value.chars().collect();
        let n = chars.len();
        let mut ends: Box<dyn Iterator<Item = usize>> = if longest {
            Box::new((0..=n).rev())
        } else {
            Box::new(0..=n)
        };
        match ends.find(|&end| chars.get(..end).is_some_and(|s| self.matches(s))) {
            Some(end) => chars.get(end..).unwrap_or_default().iter().collect(),
            None => value.to_owned(),
        }
    }

    pub(crate) fn trim_suffix(&self, value: &str, longest: bool) -> String {
        let chars: Vec<char> = value.chars().collect();
        let n = chars.len();
        let mut starts: Box<dyn Iterator<Item = usize>> = if longest {
            Box::new(0..=n)
        } else {
            Box::new((0..=n).rev())
        };
        match starts.find(|&start| chars.get(start..).is_some_and(|s| self.matches(s))) {
            Some(start) => chars.get(..start).unwrap_or_default().iter().collect(),
            None => value.to_owned(),
        }
    }

    /// Replaces the leftmost-longest match (or every non-overlapping match with `all`).
    pub(crate) fn replace(&self, value: &str, replacement: &str, all: bool) -> String {
        let chars: Vec<char> = value.chars().collect();
        let n = chars.len();
        let mut out = String::new();
        let mut pos = 0;
        let mut replaced = false;
        // Like Go's regexp, an empty match right after a previous match does not count.
        let mut after_match = false;
        while pos <= n {
            if replaced && !all {
                break;
            }
            let found = (pos..=n).rev().find(|&end| {
                !(after_match && end == pos)
                    && chars
                        .get(pos..end)
                        .is_some_and(|candidate| self.matches(candidate))
            });
            after_match = found.is_some_and(|end| end > pos);
            match found {
                Some(end) => {
                    out.push_str(replacement);
                    replaced = true;
                    if end == pos {
                        // An empty match: keep the next character and move on.
                        if let Some(&c) = chars.get(pos) {
                            out.push(c);
                        }
                        pos += 1;
                    } else {
                        pos = end;
                    }
                }
                None => {
                    if let Some(&c) = chars.get(pos) {
                        out.push(c);
                    }
                    pos += 1;
                }
            }
        }
        if let Some(rest) = chars.get(pos..) {
            out.extend(rest.iter());
        }
        out
    }
}

/// Parses a bracket expression starting after `[` at `start`; returns the item and the index
/// after `]`, or `None` when there is no closing `]`.
fn parse_class(chars: &[char], start: usize, escape: char) -> Option<(PatternItem, usize)> {
    let mut i = start;
    let negated = matches!(chars.get(i), Some('!' | '^'));
    if negated {
        i += 1;
    }
    let mut ranges = Vec::new();
    let mut first = true;
    loop {
        let mut c = *chars.get(i)?;
        if c == ']' && !first {
            return Some((PatternItem::Class { negated, ranges }, i + 1));
        }
        first = false;
        i += 1;
        if c == escape {
            c = *chars.get(i)?;
            i += 1;
        }
        if chars.get(i) == Some(&'-') && chars.get(i + 1).is_some_and(|&h| h != ']') {
            let mut hi = *chars.get(i + 1)?;
            i += 2;
            if hi == escape {
                hi = *chars.get(i)?;
                i += 1;
            }
            ranges.push((c, hi));
        } else {
            ranges.push((c, c));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pattern_matching() {
        let m = |p: &str, t: &str| Pattern::parse(p, '\\').matches(&t.chars().collect::<Vec<_>>());
        assert!(m("*", ""));
        assert!(m("*", "abc"));
        assert!(m("a*c", "abbbc"));
        assert!(!m("a*c", "abbb"));
        assert!(m("a?c", "abc"));
        assert!(m("[a-c]x", "bx"));
        assert!(!m("[!a-c]x", "bx"));
        assert!(m("[]]", "]"));
        assert!(m("[", "["));
        assert!(m("\\*", "*"));
        assert!(!m("\\*", "a"));
        assert!(m("*.*.*", "a.b.c"));
    }
}
