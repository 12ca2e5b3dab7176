//! Where a suppression comment goes: the edits that add `# keelson-ignore: CODE` above the
//! instruction or YAML entry holding a finding, or `# keelson-ignore-file: CODE` at the top of a
//! file. They are placed exactly where [`crate::suppress`] will read them back, so editors (the
//! LSP's "ignore" code actions) need no knowledge of how suppressions are matched.

use keelson_syntax::dockerfile::ItemKind;
use keelson_syntax::Span;

use crate::diagnostic::Edit;
use crate::rule::FileKind;
use crate::suppress_targets::item_spans;

/// The edit that adds `# keelson-ignore: CODE` on its own line above the Dockerfile instruction,
/// or the innermost compose mapping entry or sequence item that begins its line, holding byte
/// `offset`, indented like that line. Outside any instruction or entry, the comment goes above
/// the line of `offset`.
pub fn ignore_here(kind: FileKind, text: &str, offset: usize, code: &str) -> Edit {
    let anchor = match kind {
        FileKind::Dockerfile => dockerfile_anchor(text, offset),
        FileKind::Compose => yaml_anchor(text, offset),
    }
    .unwrap_or(offset);
    let start = line_start(text, anchor);
    let indent: String = text
        .get(start..)
        .unwrap_or_default()
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    Edit::insert(
        start,
        format!("{indent}# keelson-ignore: {code}{}", eol(text)),
    )
}

/// The edit that adds `# keelson-ignore-file: CODE` at the top of the file: after a byte-order
/// mark and, in a Dockerfile, after the parser directives (which must stay first).
pub fn ignore_in_file(kind: FileKind, text: &str, code: &str) -> Edit {
    Edit::insert(
        file_comment_offset(kind, text),
        format!("# keelson-ignore-file: {code}{}", eol(text)),
    )
}

/// The line ending the file uses.
fn eol(text: &str) -> &'static str {
    if text.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    }
}

/// The start of the line holding `offset`.
fn line_start(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1)
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
    item_spans(&tree)
        .into_iter()
        .filter(|s: &Span| s.start() <= offset && offset <= s.end())
        .filter(|s| {
            text.get(line_start(text, s.start())..s.start())
                .is_some_and(|before| before.chars().all(|c| matches!(c, ' ' | '\t' | '-')))
        })
        .map(|s| s.start())
        .max()
}

/// Where a file-wide comment goes.
fn file_comment_offset(kind: FileKind, text: &str) -> usize {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    if kind != FileKind::Dockerfile {
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
        Some(start) => text
            .get(start..)
            .and_then(|t| t.find('\n'))
            .map_or(text.len(), |i| start + i + 1),
        None => bom,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::Linter;
    use crate::FileKind;

    fn apply(text: &str, edit: &Edit) -> String {
        let mut out = text.to_string();
        out.replace_range(edit.span.start()..edit.span.end(), &edit.replacement);
        out
    }

    #[test]
    fn ignore_here_goes_above_the_whole_instruction_of_a_continued_run() {
        let text = "FROM alpine:3.20\nRUN apk add curl && \\\n    sudo make install\n";
        let offset = text.find("sudo").unwrap_or_default();
        let edit = ignore_here(FileKind::Dockerfile, text, offset, "K202");
        assert_eq!(
            apply(text, &edit),
            "FROM alpine:3.20\n# keelson-ignore: K202\nRUN apk add curl && \\\n    sudo make install\n"
        );
    }

    #[test]
    fn ignore_here_in_compose_is_indented_like_the_entry_and_silences_it() {
        let text = "services:\n  web:\n    image: nginx:1.27\n    privileged: true\n";
        let offset = text.find("true").unwrap_or_default();
        let edit = ignore_here(FileKind::Compose, text, offset, "K203");
        let fixed = apply(text, &edit);
        assert_eq!(
            fixed,
            "services:\n  web:\n    image: nginx:1.27\n    # keelson-ignore: K203\n    privileged: true\n"
        );
        let diags = Linter::new().lint_str(
            &fixed,
            "compose.yaml".as_ref(),
            FileKind::Compose,
            &crate::Config::default(),
        );
        assert!(diags.iter().any(|d| d.code == "K204"), "{diags:?}");
        assert!(diags.iter().all(|d| d.code != "K203"), "{diags:?}");
    }

    #[test]
    fn ignore_in_file_goes_after_parser_directives_and_keeps_crlf() {
        let text = "# syntax=docker/dockerfile:1\r\nFROM alpine:3.20\r\n";
        let edit = ignore_in_file(FileKind::Dockerfile, text, "K201");
        assert_eq!(
            apply(text, &edit),
            "# syntax=docker/dockerfile:1\r\n# keelson-ignore-file: K201\r\nFROM alpine:3.20\r\n"
        );
    }
}
