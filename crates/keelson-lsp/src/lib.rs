//! The keelson language server (`keelson lsp`): a thin front-end over `keelson-core` that lints
//! Dockerfiles and compose files as the editor has them. It holds no lint logic of its own.
//!
//! # What it offers
//!
//! - Full and incremental text sync; diagnostics pushed (`textDocument/publishDiagnostics`) on
//!   open, change and save, and served by pull (`textDocument/diagnostic`).
//! - Diagnostics with the rule code, a link to the rule's documentation, severity, an exact
//!   range in UTF-16 columns, and related locations.
//! - Code actions: the rule's fix, "ignore this rule here" (`# keelson-ignore: KNNN` above the
//!   instruction or YAML node) and "ignore this rule in this file" (`# keelson-ignore-file:`).
//! - Hover on a diagnostic shows the rule's documentation.
//! - Configuration found as the CLI finds it (the nearest `keelson.toml`), or
//!   `initializationOptions.configPath`; re-read on `workspace/didChangeWatchedFiles`.
//! - A compose file sees the unsaved text of the other open documents it reads (the Dockerfile
//!   of a `build:`, `extends` files, `.env`).
//! - A finding located in another file (a compose file's finding about a service it takes from
//!   an `extends` base) is shown in that file, open or not, and withdrawn when the lint that
//!   found it no longer does ([`publish`]).
//!
//! # Why `lsp-server` + `lsp-types`
//!
//! The stack is rust-analyzer's: `lsp-types` for the protocol types and `lsp-server` for the
//! message types and JSON-RPC plumbing, with no async runtime. keelson's analysis is CPU-bound
//! and synchronous (a lint is a function call), so an async framework (`tower-lsp`,
//! `async-lsp`) would add a runtime, `Send + 'static` futures and a dependency tree without
//! buying concurrency we need: one message loop that never lints plus a worker thread is
//! simpler to reason about, keeps message order explicit (an edit is applied before the next
//! message is read) and makes "a newer edit supersedes a pending analysis" a version check.
//! `lsp-types` 0.95 is used for its `url::Url` URIs (exact `file:` path conversion).
//!
//! We frame messages ourselves ([`transport`]) instead of `lsp_server::Connection::stdio`, whose
//! reader thread stops at the first malformed message: here a malformed message is logged,
//! answered with a JSON-RPC error, and the server keeps serving.
//!
//! # Work model
//!
//! The message loop ([`server`]) applies edits and queues work; one worker thread ([`worker`])
//! lints outside the shared lock. A pending lint of a document is queued once and reads the
//! newest text when it runs; a lint that finishes after a newer edit (or config change) is
//! dropped. Requests that need an analysis (hover, code actions, pull diagnostics) are answered
//! by the worker from the analysis of the document's current version.

pub mod actions;
pub mod analysis;
pub mod convert;
pub mod documents;
pub mod publish;
pub mod server;
pub mod state;
pub mod transport;
pub mod worker;

use std::io::{BufRead, Write};

use keelson_core::Linter;

/// Runs the server over stdin/stdout until `exit`; returns the process exit code.
pub fn run_stdio() -> i32 {
    run(std::io::BufReader::new(std::io::stdin()), std::io::stdout())
}

/// Runs the server over the given streams until `exit` or the end of `input`; returns the
/// process exit code (0 after `shutdown` then `exit`).
pub fn run(input: impl BufRead + Send + 'static, output: impl Write + Send + 'static) -> i32 {
    let (to_client, from_server) = crossbeam_channel::unbounded();
    let (to_server, incoming) = crossbeam_channel::unbounded();
    let writer = std::thread::spawn(move || transport::write_loop(output, from_server));
    let reader_out = to_client.clone();
    std::thread::spawn(move || transport::read_loop(input, to_server, reader_out));
    let linter = Linter::new();
    let mut server = server::Server::new(to_client.clone(), linter.clone());
    let shared = server.shared();
    let worker_shared = shared.clone();
    std::thread::spawn(move || worker::run(worker_shared, linter));
    let code = server.serve(&incoming);
    shared.lock().stop = true;
    shared.wake.notify_all();
    // A null value tells the writer to stop after what is already queued.
    let _ = to_client.send(serde_json::Value::Null);
    let _ = writer.join();
    code
}
