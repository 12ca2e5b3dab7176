//! The message loop: keeps documents and configuration up to date, queues analyses and requests
//! for the worker, and answers everything that needs no analysis itself. It never lints.

use std::collections::HashMap;
use std::collections::{HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crossbeam_channel::{Receiver, Sender};
use keelson_core::config::CONFIG_FILE_NAMES;
use keelson_core::{Config, ConfigCache, Linter};
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types as lsp;
use lsp_types::notification::{self as note, Notification as _};
use lsp_types::request::{self as req, Request as _};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::convert::uri_to_path;
use crate::documents::Document;
use crate::publish;
use crate::state::{ConfigState, Job, RequestJob, RequestKind, Shared, State};
use crate::transport::{to_value, Incoming};

/// `initializationOptions` the server understands.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct InitOptions {
    /// A config file to use instead of the nearest `keelson.toml` (relative paths are taken
    /// from the first workspace folder).
    pub config_path: Option<PathBuf>,
    /// Whether to push diagnostics (default true). Clients that pull can turn pushing off.
    pub push_diagnostics: Option<bool>,
}

#[derive(Debug, PartialEq, Eq)]
enum Phase {
    Uninitialized,
    Running,
    ShuttingDown,
}

/// The message loop's own state.
pub struct Server {
    shared: Arc<Shared>,
    linter: Linter,
    phase: Phase,
    watch_registration: bool,
}

impl Server {
    /// A server that sends through `out`.
    pub fn new(out: Sender<Value>, linter: Linter) -> Self {
        let state = State {
            docs: HashMap::new(),
            results: HashMap::new(),
            queue: VecDeque::new(),
            queued: HashSet::new(),
            config: ConfigState {
                cache: Arc::new(ConfigCache::new()),
                explicit_path: None,
                explicit: None,
                folders: Vec::new(),
                generation: 0,
                reported: HashSet::new(),
            },
            push: true,
            stop: false,
            trace_timing: std::env::var_os("KEELSON_LSP_TIMING").is_some(),
            contributed: HashMap::new(),
            elsewhere_epoch: 0,
        };
        Server {
            shared: Arc::new(Shared::new(state, out)),
            linter,
            phase: Phase::Uninitialized,
            watch_registration: false,
        }
    }

    /// The state shared with the worker.
    pub fn shared(&self) -> Arc<Shared> {
        self.shared.clone()
    }

    /// Handles messages until `exit` or the end of input; returns the process exit code
    /// (0 after a `shutdown` request, 1 otherwise, as the protocol asks).
    pub fn serve(&mut self, incoming: &Receiver<Incoming>) -> i32 {
        for msg in incoming {
            match msg {
                Incoming::Malformed => {}
                Incoming::Message(Message::Request(r)) => self.on_request(r),
                Incoming::Message(Message::Notification(n)) => {
                    if n.method == note::Exit::METHOD {
                        return if self.phase == Phase::ShuttingDown {
                            0
                        } else {
                            1
                        };
                    }
                    self.on_notification(n);
                }
                Incoming::Message(Message::Response(_)) => {}
            }
        }
        1
    }

    fn send(&self, msg: Message) {
        let _ = self.shared.out.send(to_value(msg));
    }

    fn reply_err(&self, id: RequestId, code: ErrorCode, message: String) {
        eprintln!("keelson-lsp: {message}");
        self.send(Message::Response(Response::new_err(
            id,
            code as i32,
            message,
        )));
    }

    fn on_request(&mut self, r: Request) {
        match (&self.phase, r.method.as_str()) {
            (Phase::Uninitialized, req::Initialize::METHOD) => self.initialize(r),
            (Phase::Uninitialized, _) => self.reply_err(
                r.id,
                ErrorCode::ServerNotInitialized,
                format!("`{}` before `initialize`", r.method),
            ),
            (_, req::Initialize::METHOD) => self.reply_err(
                r.id,
                ErrorCode::InvalidRequest,
                "`initialize` sent twice".into(),
            ),
            (Phase::ShuttingDown, _) => self.reply_err(
                r.id,
                ErrorCode::InvalidRequest,
                format!("`{}` after `shutdown`", r.method),
            ),
            (Phase::Running, req::Shutdown::METHOD) => {
                self.phase = Phase::ShuttingDown;
                self.send(Message::Response(Response::new_ok(r.id, Value::Null)));
            }
            (Phase::Running, req::HoverRequest::METHOD) => {
                if let Some(p) = self.params::<lsp::HoverParams>(&r) {
                    let pos = p.text_document_position_params;
                    self.queue_request(
                        r.id,
                        pos.text_document.uri,
                        RequestKind::Hover(pos.position),
                    );
                }
            }
            (Phase::Running, req::CodeActionRequest::METHOD) => {
                if let Some(p) = self.params::<lsp::CodeActionParams>(&r) {
                    let kind = RequestKind::CodeAction(p.range, p.context.only);
                    self.queue_request(r.id, p.text_document.uri, kind);
                }
            }
            (Phase::Running, req::DocumentDiagnosticRequest::METHOD) => {
                if let Some(p) = self.params::<lsp::DocumentDiagnosticParams>(&r) {
                    let kind = RequestKind::Diagnostic(p.previous_result_id);
                    self.queue_request(r.id, p.text_document.uri, kind);
                }
            }
            (Phase::Running, _) => self.reply_err(
                r.id,
                ErrorCode::MethodNotFound,
                format!("unknown request `{}`", r.method),
            ),
        }
    }

    /// The request's params, or `None` after answering with `InvalidParams`.
    fn params<P: DeserializeOwned>(&self, r: &Request) -> Option<P> {
        match serde_json::from_value(r.params.clone()) {
            Ok(p) => Some(p),
            Err(e) => {
                self.reply_err(
                    r.id.clone(),
                    ErrorCode::InvalidParams,
                    format!("invalid params for `{}`: {e}", r.method),
                );
                None
            }
        }
    }

    fn queue_request(&self, id: RequestId, uri: lsp::Url, kind: RequestKind) {
        let mut state = self.shared.lock();
        state
            .queue
            .push_back(Job::Request(RequestJob { id, uri, kind }));
        self.shared.wake.notify_one();
    }

    fn initialize(&mut self, r: Request) {
        let Some(params) = self.params::<lsp::InitializeParams>(&r) else {
            return;
        };
        let options: InitOptions = params
            .initialization_options
            .clone()
            .and_then(|v| match serde_json::from_value(v) {
                Ok(o) => Some(o),
                Err(e) => {
                    eprintln!("keelson-lsp: ignoring invalid initializationOptions: {e}");
                    None
                }
            })
            .unwrap_or_default();
        let mut folders: Vec<PathBuf> = params
            .workspace_folders
            .iter()
            .flatten()
            .filter_map(|f| uri_to_path(&f.uri))
            .collect();
        #[allow(deprecated)]
        if folders.is_empty() {
            folders.extend(params.root_uri.as_ref().and_then(uri_to_path));
        }
        self.watch_registration = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false);
        {
            let mut state = self.shared.lock();
            state.push = options.push_diagnostics.unwrap_or(true);
            state.config.folders = folders.clone();
            state.config.explicit_path = options.config_path.map(|p| match folders.first() {
                Some(f) if p.is_relative() => f.join(p),
                _ => p,
            });
        }
        self.reload_config();
        let result = lsp::InitializeResult {
            capabilities: capabilities(),
            server_info: Some(lsp::ServerInfo {
                name: "keelson".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        };
        self.phase = Phase::Running;
        self.send(Message::Response(Response::new_ok(r.id, result)));
    }

    /// Drops every cached config, reloads the explicit one, and re-lints every open document.
    fn reload_config(&self) {
        let mut state = self.shared.lock();
        let explicit = state.config.explicit_path.clone().map(|p| {
            Config::load(&p, self.linter.registry())
                .map(Arc::new)
                .map_err(|e| e.to_string())
        });
        state.config.cache = Arc::new(ConfigCache::new());
        state.config.explicit = explicit;
        state.config.generation += 1;
        state.config.reported.clear();
        state.relint_all();
        self.shared.wake.notify_one();
    }

    fn is_config_file(&self, path: &Path) -> bool {
        let named = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| CONFIG_FILE_NAMES.contains(&n));
        named || self.shared.lock().config.explicit_path.as_deref() == Some(path)
    }

    fn on_notification(&mut self, n: Notification) {
        if self.phase == Phase::Uninitialized {
            eprintln!("keelson-lsp: ignoring `{}` before `initialize`", n.method);
            return;
        }
        match n.method.as_str() {
            note::Initialized::METHOD => self.register_watchers(),
            note::DidOpenTextDocument::METHOD => {
                if let Some(p) = notification_params::<lsp::DidOpenTextDocumentParams>(&n) {
                    let doc = Document::open(p.text_document);
                    let mut state = self.shared.lock();
                    let (uri, path) = (doc.uri.clone(), doc.path.clone());
                    state.docs.insert(uri.clone(), doc);
                    state.relint(&uri);
                    if let Some(path) = path {
                        state.relint_readers_of(&path);
                    }
                    self.shared.wake.notify_one();
                }
            }
            note::DidChangeTextDocument::METHOD => {
                if let Some(p) = notification_params::<lsp::DidChangeTextDocumentParams>(&n) {
                    self.did_change(p);
                }
            }
            note::DidSaveTextDocument::METHOD => {
                if let Some(p) = notification_params::<lsp::DidSaveTextDocumentParams>(&n) {
                    let path = uri_to_path(&p.text_document.uri);
                    if path.as_deref().is_some_and(|p| self.is_config_file(p)) {
                        self.reload_config();
                        return;
                    }
                    let mut state = self.shared.lock();
                    if state.docs.contains_key(&p.text_document.uri) {
                        state.relint(&p.text_document.uri);
                        self.shared.wake.notify_one();
                    }
                }
            }
            note::DidCloseTextDocument::METHOD => {
                if let Some(p) = notification_params::<lsp::DidCloseTextDocumentParams>(&n) {
                    let uri = p.text_document.uri;
                    let mut state = self.shared.lock();
                    let Some(doc) = state.docs.remove(&uri) else {
                        eprintln!("keelson-lsp: `didClose` for {uri}, which is not open");
                        return;
                    };
                    state.results.remove(&uri);
                    if let Some(path) = &doc.path {
                        state.relint_readers_of(path);
                    }
                    // What it showed in other files goes; what others show in it stays.
                    let targets = state.contributed.remove(&uri).unwrap_or_default();
                    if !targets.is_empty() {
                        state.elsewhere_epoch += 1;
                    }
                    if state.push {
                        if doc.kind.is_some() {
                            publish::publish(&self.shared, &state, &uri);
                        }
                        for target in &targets {
                            publish::publish(&self.shared, &state, target);
                        }
                    }
                    self.shared.wake.notify_one();
                }
            }
            note::DidChangeWatchedFiles::METHOD => {
                if let Some(p) = notification_params::<lsp::DidChangeWatchedFilesParams>(&n) {
                    let paths: Vec<PathBuf> = p
                        .changes
                        .iter()
                        .filter_map(|c| uri_to_path(&c.uri))
                        .collect();
                    if paths.iter().any(|p| self.is_config_file(p)) {
                        self.reload_config();
                    } else {
                        let mut state = self.shared.lock();
                        for path in &paths {
                            state.relint_readers_of(path);
                        }
                        self.shared.wake.notify_one();
                    }
                }
            }
            note::DidChangeWorkspaceFolders::METHOD => {
                if let Some(p) = notification_params::<lsp::DidChangeWorkspaceFoldersParams>(&n) {
                    {
                        let mut state = self.shared.lock();
                        let removed: Vec<PathBuf> = p
                            .event
                            .removed
                            .iter()
                            .filter_map(|f| uri_to_path(&f.uri))
                            .collect();
                        state.config.folders.retain(|f| !removed.contains(f));
                        state
                            .config
                            .folders
                            .extend(p.event.added.iter().filter_map(|f| uri_to_path(&f.uri)));
                    }
                    self.reload_config();
                }
            }
            note::DidChangeConfiguration::METHOD => self.reload_config(),
            note::Cancel::METHOD => {
                if let Some(p) = notification_params::<lsp::CancelParams>(&n) {
                    self.cancel(p.id);
                }
            }
            other if other.starts_with("$/") => {}
            other => eprintln!("keelson-lsp: ignoring unknown notification `{other}`"),
        }
    }

    fn did_change(&self, p: lsp::DidChangeTextDocumentParams) {
        let uri = p.text_document.uri;
        let mut state = self.shared.lock();
        let Some(doc) = state.docs.get_mut(&uri) else {
            eprintln!("keelson-lsp: `didChange` for {uri}, which is not open; ignored");
            return;
        };
        if p.text_document.version <= doc.version {
            eprintln!(
                "keelson-lsp: out-of-order `didChange` for {uri} (version {} after {}); ignored",
                p.text_document.version, doc.version
            );
            return;
        }
        doc.apply_changes(p.text_document.version, p.content_changes);
        let path = doc.path.clone();
        state.enqueue_lint(&uri);
        if let Some(path) = path {
            state.relint_readers_of(&path);
        }
        self.shared.wake.notify_one();
    }

    fn cancel(&self, id: lsp::NumberOrString) {
        let id: RequestId = match id {
            lsp::NumberOrString::Number(n) => n.into(),
            lsp::NumberOrString::String(s) => s.into(),
        };
        let mut state = self.shared.lock();
        let before = state.queue.len();
        state
            .queue
            .retain(|j| !matches!(j, Job::Request(r) if r.id == id));
        if state.queue.len() < before {
            self.send(Message::Response(Response::new_err(
                id,
                ErrorCode::RequestCanceled as i32,
                "cancelled".into(),
            )));
        }
    }

    /// Asks the client to tell us when config files change (if it supports registering).
    fn register_watchers(&self) {
        if !self.watch_registration {
            return;
        }
        let mut watchers: Vec<lsp::FileSystemWatcher> = CONFIG_FILE_NAMES
            .iter()
            .map(|n| lsp::FileSystemWatcher {
                glob_pattern: lsp::GlobPattern::String(format!("**/{n}")),
                kind: None,
            })
            .collect();
        for glob in ["**/.env", "**/Dockerfile*", "**/*compose*.y*ml"] {
            watchers.push(lsp::FileSystemWatcher {
                glob_pattern: lsp::GlobPattern::String(glob.into()),
                kind: None,
            });
        }
        if let Some(p) = &self.shared.lock().config.explicit_path {
            watchers.push(lsp::FileSystemWatcher {
                glob_pattern: lsp::GlobPattern::String(p.display().to_string()),
                kind: None,
            });
        }
        let params = lsp::RegistrationParams {
            registrations: vec![lsp::Registration {
                id: "keelson-watch".into(),
                method: note::DidChangeWatchedFiles::METHOD.into(),
                register_options: serde_json::to_value(
                    lsp::DidChangeWatchedFilesRegistrationOptions { watchers },
                )
                .ok(),
            }],
        };
        self.send(Message::Request(Request::new(
            RequestId::from("keelson-register-watchers".to_string()),
            req::RegisterCapability::METHOD.into(),
            params,
        )));
    }
}

fn notification_params<P: DeserializeOwned>(n: &Notification) -> Option<P> {
    match serde_json::from_value(n.params.clone()) {
        Ok(p) => Some(p),
        Err(e) => {
            eprintln!(
                "keelson-lsp: invalid params for `{}`: {e}; ignored",
                n.method
            );
            None
        }
    }
}

/// What the server offers.
pub fn capabilities() -> lsp::ServerCapabilities {
    lsp::ServerCapabilities {
        position_encoding: Some(lsp::PositionEncodingKind::UTF16),
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(
            lsp::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lsp::TextDocumentSyncKind::INCREMENTAL),
                save: Some(lsp::TextDocumentSyncSaveOptions::SaveOptions(
                    lsp::SaveOptions {
                        include_text: Some(false),
                    },
                )),
                ..lsp::TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
            lsp::CodeActionOptions {
                code_action_kinds: Some(vec![lsp::CodeActionKind::QUICKFIX]),
                resolve_provider: Some(false),
                ..lsp::CodeActionOptions::default()
            },
        )),
        diagnostic_provider: Some(lsp::DiagnosticServerCapabilities::Options(
            lsp::DiagnosticOptions {
                identifier: Some("keelson".into()),
                inter_file_dependencies: true,
                workspace_diagnostics: false,
                ..lsp::DiagnosticOptions::default()
            },
        )),
        workspace: Some(lsp::WorkspaceServerCapabilities {
            workspace_folders: Some(lsp::WorkspaceFoldersServerCapabilities {
                supported: Some(true),
                change_notifications: Some(lsp::OneOf::Left(true)),
            }),
            file_operations: None,
        }),
        ..lsp::ServerCapabilities::default()
    }
}
