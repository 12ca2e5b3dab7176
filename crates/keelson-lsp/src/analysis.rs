//! Linting one open document: the editor's text, the editor's view of the files it references,
//! and the configuration that applies to it. All lint logic is keelson-core's.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use keelson_core::{
    Config, Diagnostic, FileKind, FileSource, LintOptions, LintRequest, Linter, OsFileSource,
};
use lsp_types as lsp;
use lsp_types::Url;

use crate::convert::{self, LineMap};

/// The unsaved texts of open documents, read before the disk: a compose file sees the editor's
/// text of the Dockerfile it builds, of its `.env` and of the files it extends.
#[derive(Clone, Debug, Default)]
pub struct Overlay {
    files: HashMap<PathBuf, Arc<str>>,
}

impl Overlay {
    /// An overlay of the given open documents.
    pub fn new(files: HashMap<PathBuf, Arc<str>>) -> Self {
        Overlay { files }
    }
}

impl FileSource for Overlay {
    fn read_to_string(&self, path: &Path) -> io::Result<Arc<str>> {
        match self.files.get(path) {
            Some(text) => Ok(text.clone()),
            None => OsFileSource.read_to_string(path),
        }
    }

    fn is_file(&self, path: &Path) -> bool {
        self.files.contains_key(path) || OsFileSource.is_file(path)
    }
}

/// The result of linting one version of one document.
#[derive(Debug)]
pub struct Analysis {
    /// The document version that was linted.
    pub version: i32,
    /// The configuration generation it was linted with.
    pub generation: u64,
    /// The text that was linted.
    pub text: Arc<str>,
    /// The path it was linted as.
    pub path: PathBuf,
    /// What it was linted as.
    pub kind: FileKind,
    /// keelson's diagnostics located in this document, in order.
    pub diagnostics: Vec<Diagnostic>,
    /// Whether the diagnostics carry their machine fixes (see [`Input::fixes`]).
    pub with_fixes: bool,
    /// The same diagnostics in protocol form (same order).
    pub lsp: Vec<lsp::Diagnostic>,
    /// The lint's findings located in other files (the base file of an `extends`), in
    /// protocol form, by the URI of their file: they are shown there
    /// ([`crate::publish::diagnostics_for`]).
    pub elsewhere: HashMap<Url, Vec<lsp::Diagnostic>>,
    /// Every other file the lint read (a change to one of them re-lints this document).
    pub reads: Vec<PathBuf>,
}

/// What to lint.
pub struct Input<'a> {
    /// The document's text.
    pub text: Arc<str>,
    /// Its version.
    pub version: i32,
    /// The path to lint it as.
    pub path: &'a Path,
    /// Dockerfile or compose.
    pub kind: FileKind,
    /// The configuration in force.
    pub config: &'a Config,
    /// Open documents' texts.
    pub overlay: &'a Overlay,
    /// The configuration generation.
    pub generation: u64,
    /// Whether to compute machine fixes. Publishing diagnostics does not need them; code
    /// actions do. Some fixes are costly to check (a compose fix is verified by loading the
    /// edited file again), so the lint on each edit leaves them out.
    pub fixes: bool,
}

/// Lints one document.
pub fn analyze(linter: &Linter, input: Input<'_>) -> Analysis {
    let out = linter.lint(&LintRequest {
        path: input.path,
        text: &input.text,
        kind: input.kind,
        config: input.config,
        extra: None,
        files: input.overlay,
        options: &LintOptions {
            without_fixes: !input.fixes,
            ..LintOptions::default()
        },
    });
    let map = LineMap::new(&input.text);
    let (diagnostics, others): (Vec<Diagnostic>, Vec<Diagnostic>) = out
        .diagnostics
        .into_iter()
        .partition(|d| d.file.as_path() == input.path);
    let lsp = diagnostics
        .iter()
        .map(|d| convert::diagnostic(d, &map, input.path, &out.files))
        .collect();
    let mut elsewhere: HashMap<Url, Vec<lsp::Diagnostic>> = HashMap::new();
    // Sorted by file, so each other file's line map is built once.
    for group in others.chunk_by(|a, b| a.file == b.file) {
        let Some(path) = group.first().map(|d| d.file.as_path()) else {
            continue;
        };
        let Some(file) = out.files.id_of(path).and_then(|id| out.files.get(id)) else {
            continue;
        };
        let Some(uri) = convert::path_to_uri(path) else {
            continue;
        };
        let map = LineMap::new(&file.text);
        elsewhere.entry(uri).or_default().extend(
            group
                .iter()
                .map(|d| convert::diagnostic(d, &map, path, &out.files)),
        );
    }
    let reads = out
        .files
        .iter()
        .map(|(_, f)| f.path.as_path().to_path_buf())
        .filter(|p| p != input.path)
        .collect();
    Analysis {
        version: input.version,
        generation: input.generation,
        text: input.text.clone(),
        path: input.path.to_path_buf(),
        kind: input.kind,
        with_fixes: input.fixes,
        diagnostics,
        lsp,
        elsewhere,
        reads,
    }
}
