//! Conversions between keelson's byte offsets and paths and the protocol's UTF-16 positions and
//! URIs, and from keelson diagnostics to protocol diagnostics.

use std::path::{Path, PathBuf};

use keelson_core::{Diagnostic, Severity, SourceFiles};
use keelson_syntax::{LineIndex, Span};
use lsp_types as lsp;
use lsp_types::Url;

/// Where each rule's documentation lives: `<DOCS_BASE>/<CODE>-<name>/README.md`.
pub const DOCS_BASE: &str = "https://github.com/keelson-lint/keelson/blob/main/rules";

/// The `source` field of every diagnostic keelson publishes.
pub const SOURCE: &str = "keelson";

/// A text with its line index, for converting between byte offsets and UTF-16 positions.
pub struct LineMap<'a> {
    text: &'a str,
    index: LineIndex,
}

impl<'a> LineMap<'a> {
    /// Indexes `text`.
    pub fn new(text: &'a str) -> Self {
        LineMap {
            text,
            index: LineIndex::new(text),
        }
    }

    /// The protocol position (0-based line, UTF-16 column) of byte `offset`.
    pub fn position(&self, offset: usize) -> lsp::Position {
        let (line, character) = self.index.utf16_position(self.text, offset);
        lsp::Position { line, character }
    }

    /// The protocol range of a byte span.
    pub fn range(&self, span: Span) -> lsp::Range {
        lsp::Range {
            start: self.position(span.start()),
            end: self.position(span.end()),
        }
    }

    /// The byte offset of a protocol position (columns past the end of a line clamp to it).
    pub fn offset(&self, pos: lsp::Position) -> usize {
        self.index
            .offset_of_utf16(self.text, pos.line, pos.character)
    }

    /// The byte offset where the line holding `offset` starts.
    pub fn line_start_of(&self, offset: usize) -> usize {
        self.index.line_start(self.index.line_of(offset))
    }

    /// The byte offset where the line after the one holding `offset` starts (or the text's end).
    pub fn next_line_start(&self, offset: usize) -> usize {
        let line = self.index.line_of(offset);
        if line + 1 >= self.index.line_count() {
            return self.text.len();
        }
        self.index.line_start(line + 1)
    }
}

/// The file-system path of a `file:` URI.
pub fn uri_to_path(uri: &Url) -> Option<PathBuf> {
    if uri.scheme() != "file" {
        return None;
    }
    uri.to_file_path().ok()
}

/// The `file:` URI of a path (relative paths are taken from the current directory).
pub fn path_to_uri(path: &Path) -> Option<Url> {
    let abs = std::path::absolute(path).ok()?;
    Url::from_file_path(abs).ok()
}

/// The documentation link of a rule.
pub fn docs_url(code: &str, name: &str) -> Option<Url> {
    Url::parse(&format!("{DOCS_BASE}/{code}-{name}/README.md")).ok()
}

/// The protocol severity of a keelson severity.
pub fn severity(s: Severity) -> lsp::DiagnosticSeverity {
    match s {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
    }
}

/// Converts a keelson diagnostic located in the document indexed by `map`. Related locations
/// in other files are converted with the texts the lint run read (`files`).
pub fn diagnostic(
    d: &Diagnostic,
    map: &LineMap<'_>,
    doc_path: &Path,
    files: &SourceFiles,
) -> lsp::Diagnostic {
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let related: Vec<lsp::DiagnosticRelatedInformation> = d
        .related
        .iter()
        .filter_map(|r| {
            let range = if r.file.as_path() == doc_path {
                map.range(r.span)
            } else {
                let id = files.id_of(r.file.as_path())?;
                let file = files.get(id)?;
                LineMap::new(&file.text).range(r.span)
            };
            Some(lsp::DiagnosticRelatedInformation {
                location: lsp::Location {
                    uri: path_to_uri(r.file.as_path())?,
                    range,
                },
                message: r.message.clone(),
            })
        })
        .collect();
    lsp::Diagnostic {
        range: map.range(d.span),
        severity: Some(severity(d.severity)),
        code: Some(lsp::NumberOrString::String(d.code.to_string())),
        code_description: docs_url(d.code, d.name).map(|href| lsp::CodeDescription { href }),
        source: Some(SOURCE.to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_columns_count_surrogate_pairs_and_multibyte_chars() {
        // `é` is 2 bytes / 1 UTF-16 unit; `😀` is 4 bytes / 2 UTF-16 units.
        let text = "LABEL a=\"é😀\" b=x\nRUN y\n";
        let map = LineMap::new(text);
        let b = text.find("b=").unwrap_or(0);
        assert_eq!(
            map.position(b),
            lsp::Position {
                line: 0,
                character: 14
            }
        );
        assert_eq!(
            map.offset(lsp::Position {
                line: 0,
                character: 14
            }),
            b
        );
        let run = text.find("RUN").unwrap_or(0);
        assert_eq!(
            map.position(run),
            lsp::Position {
                line: 1,
                character: 0
            }
        );
    }

    #[test]
    fn positions_past_the_end_of_a_line_clamp_to_it() {
        let map = LineMap::new("ab\ncd\n");
        assert_eq!(
            map.offset(lsp::Position {
                line: 0,
                character: 99
            }),
            2
        );
        assert_eq!(
            map.offset(lsp::Position {
                line: 9,
                character: 0
            }),
            6
        );
    }

    #[test]
    fn docs_links_name_the_rule_folder() {
        let url = docs_url("K201", "root-user").map(|u| u.to_string());
        assert_eq!(
            url.as_deref(),
            Some(
                "https://github.com/keelson-lint/keelson/blob/main/rules/K201-root-user/README.md"
            )
        );
    }
}
