//! The state shared by the message loop and the analysis worker, behind one mutex that is never
//! held while linting.

use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

use crossbeam_channel::Sender;
use keelson_core::{Config, ConfigCache};
use lsp_server::RequestId;
use lsp_types as lsp;
use lsp_types::Url;
use serde_json::Value;

use crate::analysis::Analysis;
use crate::documents::Document;

/// Work for the analysis worker.
#[derive(Debug)]
pub enum Job {
    /// Lint a document and publish its diagnostics (if they are still current).
    Lint(Url),
    /// Answer a request that needs the analysis of a document's current version.
    Request(RequestJob),
}

/// A request waiting for an analysis.
#[derive(Debug)]
pub struct RequestJob {
    /// The request's id.
    pub id: RequestId,
    /// The document it is about.
    pub uri: Url,
    /// What it asks.
    pub kind: RequestKind,
}

/// The requests the worker answers.
#[derive(Debug)]
pub enum RequestKind {
    /// `textDocument/hover`.
    Hover(lsp::Position),
    /// `textDocument/codeAction`.
    CodeAction(lsp::Range, Option<Vec<lsp::CodeActionKind>>),
    /// `textDocument/diagnostic` (pull), with the client's previous result id.
    Diagnostic(Option<String>),
}

/// Which configuration applies, and its generation (bumped whenever it may have changed, so
/// analyses made with an older one are dropped).
#[derive(Debug)]
pub struct ConfigState {
    /// Discovered configs (`keelson.toml` nearest each file), as the CLI finds them.
    pub cache: Arc<ConfigCache>,
    /// `initializationOptions.configPath`, resolved.
    pub explicit_path: Option<PathBuf>,
    /// The explicit config, loaded.
    pub explicit: Option<Result<Arc<Config>, String>>,
    /// Workspace folders (config for documents without a path is looked up from the first).
    pub folders: Vec<PathBuf>,
    /// Bumped on every reload.
    pub generation: u64,
    /// Config errors already shown to the user in this generation.
    pub reported: HashSet<String>,
}

/// Everything the loop and the worker share.
#[derive(Debug)]
pub struct State {
    /// Open documents, as the editor has them.
    pub docs: HashMap<Url, Document>,
    /// The latest current analysis of each document.
    pub results: HashMap<Url, Arc<Analysis>>,
    /// Pending work, in order.
    pub queue: VecDeque<Job>,
    /// Documents with a `Job::Lint` in `queue` (a pending lint is never queued twice: it reads
    /// the newest text when it runs).
    pub queued: HashSet<Url>,
    /// Configuration.
    pub config: ConfigState,
    /// Whether diagnostics are pushed (`publishDiagnostics`); they are always served by pull.
    pub push: bool,
    /// Set when the server exits; the worker stops.
    pub stop: bool,
    /// Whether to log, for each push of diagnostics, the server time since the edit arrived
    /// (`KEELSON_LSP_TIMING` set in the environment; the latency benchmark reads it).
    pub trace_timing: bool,
    /// For each document, the other URIs its last pushed analysis showed findings in
    /// ([`Analysis::elsewhere`]): they are pushed again when its next analysis (or its
    /// closing) changes what they show.
    pub contributed: HashMap<Url, BTreeSet<Url>>,
    /// Bumped whenever findings shown in another document change: part of the pull
    /// diagnostics' result id, since those change without that document's version changing.
    pub elsewhere_epoch: u64,
}

/// The shared state with the worker's wake-up signal and the outgoing message channel.
#[derive(Debug)]
pub struct Shared {
    state: Mutex<State>,
    /// Signalled when work is queued or the server stops.
    pub wake: Condvar,
    /// Messages to the client (JSON values, written in order by the writer thread).
    pub out: Sender<Value>,
}

impl Shared {
    /// Shared state around `state`.
    pub fn new(state: State, out: Sender<Value>) -> Self {
        Shared {
            state: Mutex::new(state),
            wake: Condvar::new(),
            out,
        }
    }

    /// Locks the state (a poisoned lock is taken over: the state stays usable).
    pub fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl State {
    /// Queues a lint of `uri` unless one is already pending.
    pub fn enqueue_lint(&mut self, uri: &Url) {
        if self.queued.insert(uri.clone()) {
            self.queue.push_back(Job::Lint(uri.clone()));
        }
    }

    /// Forgets the analysis of `uri` and queues a new one (used when something other than its
    /// text changed: a file it reads, its config, a save).
    pub fn relint(&mut self, uri: &Url) {
        self.results.remove(uri);
        self.enqueue_lint(uri);
    }

    /// Re-lints every open document whose last analysis read `path`.
    pub fn relint_readers_of(&mut self, path: &Path) {
        let readers: Vec<Url> = self
            .results
            .iter()
            .filter(|(_, a)| a.reads.iter().any(|r| r == path))
            .map(|(u, _)| u.clone())
            .collect();
        for uri in readers {
            self.relint(&uri);
        }
    }

    /// Re-lints every open document.
    pub fn relint_all(&mut self) {
        let uris: Vec<Url> = self.docs.keys().cloned().collect();
        for uri in uris {
            self.relint(&uri);
        }
    }
}
