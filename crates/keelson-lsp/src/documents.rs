//! Open documents: their text as the editor has it, their version and what kind of file they are.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use keelson_core::{kind_from_name, FileKind};
use lsp_types as lsp;
use lsp_types::Url;

use crate::convert::{uri_to_path, LineMap};

/// One document the editor has open.
#[derive(Clone, Debug)]
pub struct Document {
    /// Its URI.
    pub uri: Url,
    /// Its path (for `file:` URIs), used for config discovery and for files it references.
    pub path: Option<PathBuf>,
    /// The editor's language id.
    pub language_id: String,
    /// The version the editor gave the current text.
    pub version: i32,
    /// The current text.
    pub text: Arc<str>,
    /// What keelson lints it as, or `None` when it is neither a Dockerfile nor a compose file.
    pub kind: Option<FileKind>,
    /// When the current text arrived (opened or last changed): the start of the server time
    /// reported by `KEELSON_LSP_TIMING`.
    pub edited: Instant,
}

impl Document {
    /// A document as opened by `textDocument/didOpen`.
    pub fn open(item: lsp::TextDocumentItem) -> Self {
        let path = uri_to_path(&item.uri);
        let kind = detect_kind(path.as_deref(), &item.uri, &item.language_id);
        Document {
            uri: item.uri,
            path,
            language_id: item.language_id,
            version: item.version,
            text: Arc::from(item.text),
            kind,
            edited: Instant::now(),
        }
    }

    /// The path keelson lints the document as: its file path, or for unsaved buffers a name
    /// that matches its kind.
    pub fn lint_path(&self) -> PathBuf {
        if let Some(p) = &self.path {
            return p.clone();
        }
        match self.kind {
            Some(FileKind::Compose) => PathBuf::from("compose.yaml"),
            _ => PathBuf::from("Dockerfile"),
        }
    }

    /// Applies `textDocument/didChange` content changes (full or incremental) in order.
    pub fn apply_changes(
        &mut self,
        version: i32,
        changes: Vec<lsp::TextDocumentContentChangeEvent>,
    ) {
        let mut text = self.text.to_string();
        for change in changes {
            match change.range {
                None => text = change.text,
                Some(range) => {
                    let map = LineMap::new(&text);
                    let mut start = map.offset(range.start);
                    let mut end = map.offset(range.end);
                    if start > end {
                        std::mem::swap(&mut start, &mut end);
                    }
                    text.replace_range(start..end, &change.text);
                }
            }
        }
        self.text = Arc::from(text);
        self.version = version;
        self.edited = Instant::now();
    }
}

/// What kind of file a document is: by its name first (every name the CLI recognises), then by
/// its language id (`dockerfile`, `dockercompose`). A `yaml` document is a compose file only
/// when its name says so.
pub fn detect_kind(path: Option<&Path>, uri: &Url, language_id: &str) -> Option<FileKind> {
    let by_name = match path {
        Some(p) => kind_from_name(p),
        None => uri
            .path_segments()
            .and_then(|mut s| s.next_back())
            .and_then(|name| kind_from_name(Path::new(name))),
    };
    by_name.or(match language_id {
        "dockerfile" => Some(FileKind::Dockerfile),
        "dockercompose" => Some(FileKind::Compose),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Option<Document> {
        Some(Document::open(lsp::TextDocumentItem {
            uri: Url::parse("file:///w/Dockerfile").ok()?,
            language_id: "dockerfile".into(),
            version: 1,
            text: text.into(),
        }))
    }

    fn change(
        l0: u32,
        c0: u32,
        l1: u32,
        c1: u32,
        text: &str,
    ) -> lsp::TextDocumentContentChangeEvent {
        lsp::TextDocumentContentChangeEvent {
            range: Some(lsp::Range::new(
                lsp::Position::new(l0, c0),
                lsp::Position::new(l1, c1),
            )),
            range_length: None,
            text: text.into(),
        }
    }

    #[test]
    fn incremental_changes_use_utf16_columns() {
        let Some(mut d) = doc("LABEL x=\"😀\" y=1\nFROM a\n") else {
            panic!("bad uri");
        };
        // `y` is at UTF-16 column 13 (the emoji counts 2).
        d.apply_changes(
            2,
            vec![change(0, 13, 0, 14, "z"), change(1, 5, 1, 6, "b:1")],
        );
        assert_eq!(&*d.text, "LABEL x=\"😀\" z=1\nFROM b:1\n");
        assert_eq!(d.version, 2);
    }

    #[test]
    fn a_full_change_replaces_the_text() {
        let Some(mut d) = doc("FROM a\n") else {
            panic!("bad uri");
        };
        d.apply_changes(
            3,
            vec![lsp::TextDocumentContentChangeEvent {
                range: None,
                range_length: None,
                text: "FROM b\n".into(),
            }],
        );
        assert_eq!(&*d.text, "FROM b\n");
    }

    #[test]
    fn kinds_come_from_names_then_language_ids() {
        let Ok(u) = Url::parse("file:///w/compose.yaml") else {
            panic!("bad uri");
        };
        let Ok(v) = Url::parse("file:///w/values.yaml") else {
            panic!("bad uri");
        };
        let Ok(c) = Url::parse("file:///w/Containerfile.dev") else {
            panic!("bad uri");
        };
        assert_eq!(
            detect_kind(Some(Path::new("/w/compose.yaml")), &u, "yaml"),
            Some(FileKind::Compose)
        );
        assert_eq!(
            detect_kind(Some(Path::new("/w/values.yaml")), &v, "yaml"),
            None
        );
        assert_eq!(
            detect_kind(Some(Path::new("/w/values.yaml")), &v, "dockercompose"),
            Some(FileKind::Compose)
        );
        assert_eq!(
            detect_kind(Some(Path::new("/w/Containerfile.dev")), &c, "plaintext"),
            Some(FileKind::Dockerfile)
        );
    }
}
