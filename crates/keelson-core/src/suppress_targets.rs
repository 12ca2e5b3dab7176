//! Finds what each suppression comment covers, and reports the ones that covered nothing.

use std::collections::BTreeMap;

use keelson_syntax::dockerfile::{Dockerfile, ItemKind};
use keelson_syntax::yaml::{NodeKind, YamlFile};
use keelson_syntax::{LineIndex, Span};

use crate::config::RuleSelection;
use crate::registry::Registry;
use crate::report::Finding;
use crate::source::FileId;
use crate::suppress::{parse_comment, parse_hadolint_comment, Suppression, SuppressionScope};

/// The suppressions of a Dockerfile: a comment covers the next instruction; a comment inside
/// an instruction's continuation lines covers that instruction. With `hadolint`, `# hadolint
/// ignore=…` comments count too.
pub(crate) fn dockerfile_suppressions(
    syntax: &Dockerfile,
    text: &str,
    registry: &Registry,
    hadolint: bool,
) -> Vec<Suppression> {
    let hadolint = hadolint && text.contains("hadolint");
    if !text.contains("keelson-ignore") && !hadolint {
        return Vec::new();
    }
    let parse_comment = |comment: &str, offset: usize, registry: &Registry| {
        parse_comment(comment, offset, registry).or_else(|| {
            hadolint
                .then(|| parse_hadolint_comment(comment, offset, registry))
                .flatten()
        })
    };
    let mut out = Vec::new();
    let mut pending: Vec<Suppression> = Vec::new();
    let whole = Span::new(0, text.len());
    for item in &syntax.items {
        match &item.kind {
            ItemKind::Comment(c) => {
                if let Some(mut s) = parse_comment(c.span.text(text), c.span.start(), registry) {
                    if s.scope == SuppressionScope::File {
                        s.target = whole;
                        out.push(s);
                    } else {
                        pending.push(s);
                    }
                }
            }
            ItemKind::Instruction(ins) => {
                for mut s in pending.drain(..) {
                    s.target = ins.span;
                    out.push(s);
                }
                for c in &ins.embedded_comments {
                    if let Some(mut s) = parse_comment(c.span.text(text), c.span.start(), registry)
                    {
                        s.target = if s.scope == SuppressionScope::File {
                            whole
                        } else {
                            ins.span
                        };
                        out.push(s);
                    }
                }
            }
            _ => {}
        }
    }
    // A trailing suppression with nothing after it covers nothing: keep it so it is reported.
    for mut s in pending {
        s.target = Span::empty(text.len());
        out.push(s);
    }
    out
}

/// The suppressions of a YAML file: a comment on its own line covers the next mapping entry or
/// sequence item (key through value); a comment after content covers the entry on its line.
pub(crate) fn yaml_suppressions(
    tree: &YamlFile,
    text: &str,
    registry: &Registry,
) -> Vec<Suppression> {
    let index = LineIndex::new(text);
    let items = item_spans(tree);
    let mut out = Vec::new();
    for c in &tree.comments {
        let Some(mut s) = parse_comment(c.span.text(text), c.span.start(), registry) else {
            continue;
        };
        if s.scope == SuppressionScope::File {
            s.target = Span::new(0, text.len());
            out.push(s);
            continue;
        }
        let line = index.line_of(c.span.start());
        let line_start = index.line_start(line);
        let own_line = text
            .get(line_start..c.span.start())
            .is_some_and(|before| before.trim().is_empty());
        s.target = if own_line {
            // The outermost item starting first after the comment.
            items
                .iter()
                .filter(|sp| sp.start() >= c.span.end())
                .min_by_key(|sp| (sp.start, std::cmp::Reverse(sp.end)))
                .copied()
                .unwrap_or(Span::empty(text.len()))
        } else {
            // The outermost item that starts on the comment's line, before it.
            items
                .iter()
                .filter(|sp| sp.start() < c.span.start() && index.line_of(sp.start()) == line)
                .min_by_key(|sp| (sp.start, std::cmp::Reverse(sp.end)))
                .copied()
                .unwrap_or(Span::empty(c.span.start()))
        };
        out.push(s);
    }
    out
}

/// The spans of every mapping entry (key start to value end) and sequence item.
pub(crate) fn item_spans(tree: &YamlFile) -> Vec<Span> {
    let mut spans = Vec::new();
    for node in &tree.nodes {
        match &node.kind {
            NodeKind::Mapping(entries) => {
                for e in entries {
                    let (Some(k), Some(v)) = (
                        tree.nodes.get(e.key.index()),
                        tree.nodes.get(e.value.index()),
                    ) else {
                        continue;
                    };
                    spans.push(k.span.cover(v.span));
                }
            }
            NodeKind::Sequence(items) => {
                for id in items {
                    if let Some(n) = tree.nodes.get(id.index()) {
                        spans.push(n.span);
                    }
                }
            }
            _ => {}
        }
    }
    spans
}

/// Findings of the `unused-suppression` rule for one file.
pub(crate) fn unused_suppressions(
    file: FileId,
    list: &[Suppression],
    used: &BTreeMap<(FileId, usize), Vec<bool>>,
    rule: usize,
    selection: &RuleSelection,
    registry: &Registry,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut push = |span: Span, message: String, help: &str| {
        out.push(Finding {
            rule,
            file,
            span,
            message,
            help: Some(help.to_string()),
            fix: None,
            related: Vec::new(),
            severity: None,
        });
    };
    for (si, s) in list.iter().enumerate() {
        if s.hadolint {
            continue;
        }
        let flags = used.get(&(file, si));
        if s.rules.is_empty() {
            if flags.is_none() {
                push(
                    s.comment,
                    "this suppression comment suppresses nothing: no finding is reported where it applies".to_string(),
                    "remove the comment, or name the rule it was meant for",
                );
            }
            continue;
        }
        for (ri, r) in s.rules.iter().enumerate() {
            match r.rule {
                None => push(
                    r.span,
                    format!(
                        "`{}` is not a keelson rule, so this suppression has no effect",
                        r.text
                    ),
                    "use a rule code (K201) or name (root-user); `keelson rules` lists them",
                ),
                Some(idx) => {
                    let hit = flags.and_then(|f| f.get(ri)).copied().unwrap_or(false);
                    // A rule switched off by configuration cannot be judged here.
                    if !hit && selection.is_enabled(idx) {
                        let name = registry.get(idx).map_or("", |r| r.meta().name);
                        push(
                            r.span,
                            format!("`{}` ({name}) reports nothing here, so suppressing it has no effect", r.text),
                            "remove it from the comment; stale suppressions hide future findings",
                        );
                    }
                }
            }
        }
    }
    out
}
