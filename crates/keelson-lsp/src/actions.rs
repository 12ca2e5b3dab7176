//! Code actions (a rule's fix, "ignore here", "ignore in this file") and hovers, computed from an
//! [`Analysis`] of the document's current version.

use std::collections::HashMap;

use keelson_core::{Applicability, Diagnostic, FileKind, Registry};
use keelson_syntax::dockerfile::ItemKind;
use keelson_syntax::yaml::NodeKind;
use keelson_syntax::Span;
use lsp_types as lsp;
use lsp_types::Url;

use crate::analysis::Analysis;
use crate::convert::LineMap;

/// The code actions for the diagnostics of `analysis` that touch `range`.
pub fn code_actions(
    analysis: &Analysis,
    uri: &Url,
    range: lsp::Range,
    only: Option<&[lsp::CodeActionKind]>,
) -> Vec<lsp::CodeActionOrCommand> {
    // Every action here is a quick fix; `only` may ask for that kind or for all (`""`).
    let wants_quickfix = only.is_none_or(|kinds| {
        kinds
            .iter()
            .any(|k| k.as_str().is_empty() || *k == lsp::CodeActionKind::QUICKFIX)
    });
    if !wants_quickfix {
        return Vec::new();
    }
    let text = &*analysis.text;
    let map = LineMap::new(text);
    let (from, to) = (map.offset(range.start), map.offset(range.end));
    let mut fixes = Vec::new();
    let mut ignores = Vec::new();
    let mut file_ignores = Vec::new();
    let mut seen_codes = Vec::new();
    for (d, ld) in analysis.diagnostics.iter().zip(&analysis.lsp) {
        if d.span.end() < from || d.span.start() > to {
            continue;
        }
        if let Some(fix) = &d.fix {
            let edits = fix
                .edits
                .iter()
                .map(|e| lsp::TextEdit {
                    range: map.range(e.span),
                    new_text: e.replacement.clone(),
                })
                .collect();
            let unsafe_fix = fix.applicability == Applicability::Unsafe;
            fixes.push(action(
                if unsafe_fix {
                    format!("{} (unsafe: review the change)", fix.description)
                } else {
                    fix.description.clone()
                },
                uri,
                edits,
                ld,
                !unsafe_fix,
            ));
        }
        if let Some(edit) = ignore_here(analysis, &map, d) {
            ignores.push(action(
                format!("Ignore {} ({}) here", d.code, d.name),
                uri,
                vec![edit],
                ld,
                false,
            ));
        }
        if !seen_codes.contains(&d.code) {
            seen_codes.push(d.code);
            let at = file_ignore_offset(analysis);
            file_ignores.push(action(
                format!("Ignore {} ({}) in this file", d.code, d.name),
                uri,
                vec![lsp::TextEdit {
                    range: map.range(Span::empty(at)),
                    new_text: format!("# keelson-ignore-file: {}{}", d.code, eol(text)),
                }],
                ld,
                false,
            ));
        }
    }
    fixes
        .into_iter()
        .chain(ignores)
        .chain(file_ignores)
        .collect()
}

fn action(
    title: String,
    uri: &Url,
    edits: Vec<lsp::TextEdit>,
    diagnostic: &lsp::Diagnostic,
    preferred: bool,
) -> lsp::CodeActionOrCommand {
    let mut changes = HashMap::new();
    changes.insert(uri.clone(), edits);
    lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
        title,
        kind: Some(lsp::CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic.clone()]),
        edit: Some(lsp::WorkspaceEdit {
            changes: Some(changes),
            ..lsp::WorkspaceEdit::default()
        }),
        is_preferred: preferred.then_some(true),
        ..lsp::CodeAction::default()
    })
}

/// The line ending the file uses.
fn eol(text: &str) -> &'static str {
    if text.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    }
}

/// `# keelson-ignore: KNNN` on its own line above the instruction (Dockerfile) or the YAML node
/// (compose) that holds the diagnostic, indented like it.
fn ignore_here(analysis: &Analysis, map: &LineMap<'_>, d: &Diagnostic) -> Option<lsp::TextEdit> {
    let text = &*analysis.text;
    let offset = d.span.start();
    let anchor = match analysis.kind {
        FileKind::Dockerfile => dockerfile_anchor(text, offset),
        FileKind::Compose => yaml_anchor(text, offset),
    }
    .unwrap_or(offset);
    let line_start = map.line_start_of(anchor);
    let indent: String = text
        .get(line_start..)?
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    Some(lsp::TextEdit {
        range: map.range(Span::empty(line_start)),
        new_text: format!("{indent}# keelson-ignore: {}{}", d.code, eol(text)),
    })
}

/// The start of the instruction that holds `offset`.
fn dockerfile_anchor(text: &str, offset: usize) -> Option<usize> {
    let syntax = keelson_syntax::dockerfile::parse(text);
    syntax.items.iter().find_map(|item| match &item.kind {
        ItemKind::Instruction(ins) if ins.span.contains(offset) || ins.span.start() == offset => {
            Some(ins.span.start())
        }
        _ => None,
    })
}

/// The start of the innermost mapping entry or sequence item that holds `offset` and begins
/// its line (after indentation and `- ` markers), so that a comment above it covers it.
fn yaml_anchor(text: &str, offset: usize) -> Option<usize> {
    let tree = keelson_syntax::yaml::parse(text);
    let map = LineMap::new(text);
    let mut spans = Vec::new();
    for node in &tree.nodes {
        match &node.kind {
            NodeKind::Mapping(entries) => {
                for e in entries {
                    if let (Some(k), Some(v)) = (
                        tree.nodes.get(e.key.index()),
                        tree.nodes.get(e.value.index()),
                    ) {
                        spans.push(k.span.cover(v.span));
                    }
                }
            }
            NodeKind::Sequence(items) => {
                spans.extend(
                    items
                        .iter()
                        .filter_map(|id| tree.nodes.get(id.index()).map(|n| n.span)),
                );
            }
            _ => {}
        }
    }
    spans
        .into_iter()
        .filter(|s| s.start() <= offset && offset <= s.end())
        .filter(|s| {
            text.get(map.line_start_of(s.start())..s.start())
                .is_some_and(|before| before.chars().all(|c| matches!(c, ' ' | '\t' | '-')))
        })
        .map(|s| s.start())
        .max()
}

/// Where `# keelson-ignore-file:` goes: the top of the file, after a byte-order mark and, in a
/// Dockerfile, after the parser directives (which must stay first).
fn file_ignore_offset(analysis: &Analysis) -> usize {
    let text = &*analysis.text;
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    if analysis.kind != FileKind::Dockerfile {
        return bom;
    }
    let syntax = keelson_syntax::dockerfile::parse(text);
    let last_directive = syntax
        .items
        .iter()
        .take_while(|i| matches!(i.kind, ItemKind::Bom | ItemKind::Directive(_)))
        .filter(|i| matches!(i.kind, ItemKind::Directive(_)))
        .map(|i| i.span.start())
        .last();
    match last_directive {
        Some(start) => LineMap::new(text).next_line_start(start),
        None => bom,
    }
}

/// The hover at `pos`: the documentation of every rule whose diagnostic covers it.
pub fn hover(analysis: &Analysis, registry: &Registry, pos: lsp::Position) -> Option<lsp::Hover> {
    let map = LineMap::new(&analysis.text);
    let offset = map.offset(pos);
    let mut parts = Vec::new();
    let mut range: Option<lsp::Range> = None;
    for (d, ld) in analysis.diagnostics.iter().zip(&analysis.lsp) {
        if !(d.span.start() <= offset && offset <= d.span.end()) {
            continue;
        }
        let docs = registry
            .find(d.code)
            .and_then(|i| registry.get(i))
            .map(|r| r.meta().docs)
            .unwrap_or("");
        let mut part = format!(
            "**{}** `{}` ({}, {})\n\n{}",
            d.code, d.name, d.category, d.severity, d.message
        );
        if let Some(help) = &d.help {
            part.push_str(&format!("\n\n*Fix:* {help}"));
        }
        if !docs.is_empty() {
            part.push_str("\n\n---\n\n");
            part.push_str(docs.trim());
        }
        parts.push(part);
        range.get_or_insert(ld.range);
    }
    if parts.is_empty() {
        return None;
    }
    Some(lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent {
            kind: lsp::MarkupKind::Markdown,
            value: parts.join("\n\n---\n\n"),
        }),
        range,
    })
}
