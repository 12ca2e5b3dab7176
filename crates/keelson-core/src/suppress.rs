//! Inline suppressions: `# keelson-ignore: K101, root-user` (the next instruction or YAML node)
//! and `# keelson-ignore-file: …` (the whole file). A bare `# keelson-ignore` suppresses every
//! rule. A suppression that suppresses nothing is itself reported (rule `unused-suppression`).

use keelson_syntax::Span;

use crate::registry::Registry;

/// Where a suppression applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SuppressionScope {
    /// The next instruction (Dockerfile) or node (YAML) after the comment, or the node the
    /// comment trails on the same line.
    Next,
    /// The whole file.
    File,
}

/// One rule named in a suppression comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SuppressedRule {
    /// The text as written (`K101`, `root-user`).
    pub text: String,
    /// Its span in the file.
    pub span: Span,
    /// The rule's registry index, or `None` for a name no rule has.
    pub rule: Option<usize>,
}

/// A parsed suppression comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suppression {
    /// The span of the whole comment.
    pub comment: Span,
    /// Next item or whole file.
    pub scope: SuppressionScope,
    /// The rules it names; empty means every rule.
    pub rules: Vec<SuppressedRule>,
    /// The byte range of the item it covers (the whole file for file scope). Set by the engine.
    pub target: Span,
    /// Whether it is a `# hadolint ignore=…` comment (never reported as unused: see
    /// [`parse_hadolint_comment`]).
    pub hadolint: bool,
}

/// Parses one comment (`text` starts at `#`, `offset` is its position in the file).
/// Returns `None` for comments that are not keelson suppressions.
pub fn parse_comment(text: &str, offset: usize, registry: &Registry) -> Option<Suppression> {
    let body = text.strip_prefix('#')?;
    let lead = body.len() - body.trim_start().len();
    let body_trimmed = body.trim_start();
    let (scope, rest, consumed) = if let Some(r) = body_trimmed.strip_prefix("keelson-ignore-file")
    {
        (SuppressionScope::File, r, "keelson-ignore-file".len())
    } else if let Some(r) = body_trimmed.strip_prefix("keelson-ignore") {
        (SuppressionScope::Next, r, "keelson-ignore".len())
    } else {
        return None;
    };
    // `keelson-ignore` must be followed by end, whitespace or `:`.
    if !(rest.is_empty() || rest.starts_with(':') || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    let mut rules = Vec::new();
    if let Some(list) = rest.trim_start().strip_prefix(':') {
        let list_start = offset + 1 + lead + consumed + (rest.len() - rest.trim_start().len()) + 1;
        let mut pos = 0;
        for piece in list.split(|c: char| c == ',' || c.is_whitespace()) {
            let start = pos;
            pos += piece.len() + 1;
            if piece.is_empty() {
                continue;
            }
            // Stop at a trailing free-text reason: `-- because …` or `#`.
            if piece.starts_with("--") || piece.starts_with('#') {
                break;
            }
            rules.push(SuppressedRule {
                text: piece.to_string(),
                span: Span::new(list_start + start, list_start + start + piece.len()),
                rule: registry.find(piece),
            });
        }
    }
    Some(Suppression {
        comment: Span::new(offset, offset + text.len()),
        scope,
        rules,
        target: Span::default(),
        hadolint: false,
    })
}

/// Parses a hadolint suppression comment: `# hadolint ignore=DL3008,DL3015` (the next
/// instruction) or `# hadolint global ignore=…` (the whole file). Each hadolint code becomes
/// the keelson rules that list it as a peer; codes no keelson rule covers (most ShellCheck
/// `SC` codes, say) are skipped. Returns `None` for other comments, and for a hadolint comment
/// that names no covered code, so it can never turn into a suppress-everything comment.
///
/// These comments are never reported as unused (K901): they were written for hadolint, whose
/// checks do not fire where keelson's do, and keelson has no business asking for them to be
/// removed while hadolint may still run.
pub fn parse_hadolint_comment(
    text: &str,
    offset: usize,
    registry: &Registry,
) -> Option<Suppression> {
    let body = text.strip_prefix('#')?;
    let rest = body.trim_start().strip_prefix("hadolint")?;
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let rest = rest.trim_start();
    let (scope, rest) = match rest.strip_prefix("global") {
        Some(r) if r.starts_with(char::is_whitespace) => (SuppressionScope::File, r.trim_start()),
        _ => (SuppressionScope::Next, rest),
    };
    let list = rest
        .strip_prefix("ignore")?
        .trim_start()
        .strip_prefix('=')?;
    let list_start = offset + text.len() - list.len();
    let mut rules = Vec::new();
    let mut pos = 0;
    for piece in list.split(',') {
        let start = pos + (piece.len() - piece.trim_start().len());
        pos += piece.len() + 1;
        let code = piece.trim();
        // The list ends at the first word that is not a code (`# hadolint ignore=DL3008 why`).
        let code = code.split_whitespace().next().unwrap_or("");
        if code.is_empty() {
            continue;
        }
        let span = Span::new(list_start + start, list_start + start + code.len());
        for rule in crate::config::rules_for_hadolint_code(registry, code) {
            rules.push(SuppressedRule {
                text: code.to_string(),
                span,
                rule: Some(rule),
            });
        }
        if piece.trim().contains(char::is_whitespace) {
            break;
        }
    }
    if rules.is_empty() {
        return None;
    }
    Some(Suppression {
        comment: Span::new(offset, offset + text.len()),
        scope,
        rules,
        target: Span::default(),
        hadolint: true,
    })
}

impl Suppression {
    /// Whether this suppression covers rule `rule` at byte `offset`.
    pub fn covers(&self, rule: usize, offset: usize) -> bool {
        let in_range = match self.scope {
            SuppressionScope::File => true,
            SuppressionScope::Next => self.target.contains(offset) || self.target.start() == offset,
        };
        in_range && (self.rules.is_empty() || self.rules.iter().any(|r| r.rule == Some(rule)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes_and_names_with_exact_spans() {
        let registry = Registry::builtin();
        let text = "# keelson-ignore: K999, some-name";
        let s = parse_comment(text, 10, &registry).expect("a suppression");
        assert_eq!(s.scope, SuppressionScope::Next);
        let spans: Vec<_> = s.rules.iter().map(|r| (r.text.as_str(), r.span)).collect();
        assert_eq!(
            spans,
            vec![
                ("K999", Span::new(28, 32)),
                ("some-name", Span::new(34, 43))
            ]
        );
        assert_eq!(
            s.rules[0].span.shift(0).start() - 10,
            text.find("K999").unwrap_or(0)
        );
    }

    #[test]
    fn file_scope_and_bare_form() {
        let registry = Registry::builtin();
        let s = parse_comment("#keelson-ignore-file", 0, &registry).expect("a suppression");
        assert_eq!(s.scope, SuppressionScope::File);
        assert!(s.rules.is_empty());
    }

    #[test]
    fn other_comments_are_not_suppressions() {
        let registry = Registry::builtin();
        assert!(parse_comment("# keelson-ignored", 0, &registry).is_none());
        assert!(parse_comment("# hadolint ignore=DL3008", 0, &registry).is_none());
        assert!(parse_comment("# a comment", 0, &registry).is_none());
    }

    #[test]
    fn hadolint_comments_map_codes_and_skip_unknown_ones() {
        let registry = Registry::builtin();
        let text = "# hadolint ignore=SC2086,DL3004, DL9999";
        let s = parse_hadolint_comment(text, 5, &registry).expect("a suppression");
        assert_eq!(s.scope, SuppressionScope::Next);
        assert!(s.hadolint);
        assert_eq!(s.rules.len(), 1);
        assert_eq!(s.rules[0].rule, registry.find("K202"));
        assert_eq!(s.rules[0].span, Span::new(5 + 25, 5 + 31));
        let g = parse_hadolint_comment("#hadolint global ignore=DL3004", 0, &registry)
            .expect("a suppression");
        assert_eq!(g.scope, SuppressionScope::File);
        // Nothing keelson covers: not a suppression at all (never a bare ignore-everything).
        assert!(parse_hadolint_comment("# hadolint ignore=SC2086", 0, &registry).is_none());
        assert!(parse_hadolint_comment("# hadolint ignore=", 0, &registry).is_none());
        assert!(parse_hadolint_comment("# hadolinter ignore=DL3004", 0, &registry).is_none());
        assert!(parse_hadolint_comment("# keelson-ignore: K202", 0, &registry).is_none());
        let reason = parse_hadolint_comment("# hadolint ignore=DL3004 we need it", 0, &registry)
            .expect("a suppression");
        assert_eq!(reason.rules.len(), 1);
    }

    #[test]
    fn a_reason_after_double_dash_is_not_a_rule() {
        let registry = Registry::builtin();
        let s = parse_comment(
            "# keelson-ignore: K201 -- runs as root by design",
            0,
            &registry,
        )
        .expect("a suppression");
        assert_eq!(s.rules.len(), 1);
    }
}
