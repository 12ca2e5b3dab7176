//! Code actions (a rule's fix, "ignore here", "ignore in this file") and hovers, computed from an
//! [`Analysis`] of the document's current version.

use std::collections::HashMap;

use keelson_core::suppress_edit;
use keelson_core::{Applicability, Edit, Registry};
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
            let edits = fix.edits.iter().map(|e| text_edit(&map, e)).collect();
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
        let here = suppress_edit::ignore_here(analysis.kind, text, d.span.start(), d.code);
        ignores.push(action(
            format!("Ignore {} ({}) here", d.code, d.name),
            uri,
            vec![text_edit(&map, &here)],
            ld,
            false,
        ));
        if !seen_codes.contains(&d.code) {
            seen_codes.push(d.code);
            let in_file = suppress_edit::ignore_in_file(analysis.kind, text, d.code);
            file_ignores.push(action(
                format!("Ignore {} ({}) in this file", d.code, d.name),
                uri,
                vec![text_edit(&map, &in_file)],
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

fn text_edit(map: &LineMap<'_>, edit: &Edit) -> lsp::TextEdit {
    lsp::TextEdit {
        range: map.range(edit.span),
        new_text: edit.replacement.clone(),
    }
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
