//! The analysis worker: takes jobs from the shared queue, lints outside the lock, and keeps or
//! publishes a result only if the document has not changed meanwhile (a newer edit supersedes a
//! running analysis: its result is dropped, and the edit's own lint is already queued).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use keelson_core::{Config, Linter};
use lsp_server::{Message, Notification, Response};
use lsp_types as lsp;
use lsp_types::notification::Notification as _;
use lsp_types::Url;

use crate::actions;
use crate::analysis::{analyze, Analysis, Input, Overlay};
use crate::publish;
use crate::state::{Job, RequestJob, RequestKind, Shared, State};
use crate::transport::to_value;

/// Runs jobs until the server stops.
pub fn run(shared: Arc<Shared>, linter: Linter) {
    loop {
        let job = {
            let mut state = shared.lock();
            loop {
                if state.stop {
                    return;
                }
                if let Some(job) = state.queue.pop_front() {
                    if let Job::Lint(uri) = &job {
                        state.queued.remove(uri);
                    }
                    break job;
                }
                state = shared.wake.wait(state).unwrap_or_else(|e| e.into_inner());
            }
        };
        match job {
            Job::Lint(uri) => {
                current_analysis(&shared, &linter, &uri, false);
            }
            Job::Request(req) => answer(&shared, &linter, req),
        }
    }
}

/// The analysis of `uri`'s current text and config, with machine fixes when `fixes`: the stored
/// one, or a new one (stored, and pushed unless the stored one already had these diagnostics).
/// `None` when the document is not open or is not a file keelson lints.
fn current_analysis(
    shared: &Shared,
    linter: &Linter,
    uri: &Url,
    fixes: bool,
) -> Option<Arc<Analysis>> {
    // A few attempts: each one that loses a race with a newer edit is dropped and retried.
    for _ in 0..8 {
        let (doc, overlay, cache, explicit, generation, folders) = {
            let state = shared.lock();
            let doc = state.docs.get(uri)?.clone();
            doc.kind?;
            if let Some(a) = state.results.get(uri) {
                if a.version == doc.version
                    && a.generation == state.config.generation
                    && (a.with_fixes || !fixes)
                {
                    return Some(a.clone());
                }
            }
            let overlay: HashMap<PathBuf, Arc<str>> = state
                .docs
                .values()
                .filter_map(|d| Some((d.path.clone()?, d.text.clone())))
                .collect();
            (
                doc,
                Overlay::new(overlay),
                state.config.cache.clone(),
                state.config.explicit.clone(),
                state.config.generation,
                state.config.folders.clone(),
            )
        };
        let kind = doc.kind?;
        let path = doc.lint_path();
        let config: Result<Arc<Config>, String> = match explicit {
            Some(c) => c,
            None => {
                let lookup = match (&doc.path, folders.first()) {
                    (None, Some(folder)) => folder.join(&path),
                    _ => path.clone(),
                };
                cache
                    .config_for(&lookup, linter.registry())
                    .map_err(|e| e.to_string())
            }
        };
        let config = config.unwrap_or_else(|e| {
            report_config_error(shared, generation, e);
            Arc::new(Config::default())
        });
        let analysis = Arc::new(analyze(
            linter,
            Input {
                text: doc.text.clone(),
                version: doc.version,
                path: &path,
                kind,
                config: &config,
                overlay: &overlay,
                generation,
                fixes,
            },
        ));
        let mut state = shared.lock();
        let current = state.docs.get(uri).map(|d| d.version) == Some(doc.version)
            && state.config.generation == generation;
        if current {
            // Only fixes were missing from the stored analysis: its diagnostics, here and in
            // other files, are out already.
            let published = state
                .results
                .get(uri)
                .is_some_and(|a| a.version == doc.version && a.generation == generation);
            state.results.insert(uri.clone(), analysis.clone());
            if published {
                return Some(analysis);
            }
            let before = state.contributed.remove(uri).unwrap_or_default();
            let targets = publish::targets(uri, &before, analysis.elsewhere.keys());
            if !targets.is_empty() {
                state.elsewhere_epoch += 1;
                state
                    .contributed
                    .insert(uri.clone(), analysis.elsewhere.keys().cloned().collect());
            }
            if state.push {
                for target in &targets {
                    publish::publish(shared, &state, target);
                }
                publish::publish(shared, &state, uri);
                if state.trace_timing {
                    eprintln!(
                        "keelson-lsp: timing: {uri} version {} published {} us after the edit",
                        analysis.version,
                        doc.edited.elapsed().as_micros()
                    );
                }
            }
            return Some(analysis);
        }
        // Stale: a newer edit or config arrived while linting. Its lint is queued; a request
        // waiting on this analysis tries again with the newer text.
    }
    None
}

/// Tells the user (once per config generation) that a config file could not be used.
fn report_config_error(shared: &Shared, generation: u64, error: String) {
    let mut state: std::sync::MutexGuard<'_, State> = shared.lock();
    if state.config.generation != generation || !state.config.reported.insert(error.clone()) {
        return;
    }
    eprintln!("keelson-lsp: {error} (using the default configuration)");
    let note = Notification::new(
        lsp::notification::ShowMessage::METHOD.to_string(),
        lsp::ShowMessageParams {
            typ: lsp::MessageType::ERROR,
            message: format!("keelson: {error} (using the default configuration)"),
        },
    );
    let _ = shared.out.send(to_value(Message::Notification(note)));
}

fn answer(shared: &Shared, linter: &Linter, req: RequestJob) {
    let fixes = matches!(req.kind, RequestKind::CodeAction(..));
    let analysis = current_analysis(shared, linter, &req.uri, fixes);
    let result = match req.kind {
        RequestKind::Hover(pos) => {
            let hover = analysis
                .as_deref()
                .and_then(|a| actions::hover(a, linter.registry(), pos));
            serde_json::to_value(hover)
        }
        RequestKind::CodeAction(range, only) => {
            let list = analysis
                .as_deref()
                .map(|a| actions::code_actions(a, &req.uri, range, only.as_deref()))
                .unwrap_or_default();
            serde_json::to_value(list)
        }
        RequestKind::Diagnostic(previous) => {
            let (generation, epoch, items) = {
                let state = shared.lock();
                let items = publish::diagnostics_for(&state, &req.uri);
                (state.config.generation, state.elsewhere_epoch, items)
            };
            let result_id = analysis
                .as_deref()
                .map(|a| format!("{}:{}:{epoch}", a.generation, a.version))
                .unwrap_or_else(|| format!("{generation}:none:{epoch}"));
            let report = if previous.as_deref() == Some(result_id.as_str()) {
                lsp::DocumentDiagnosticReport::Unchanged(
                    lsp::RelatedUnchangedDocumentDiagnosticReport {
                        related_documents: None,
                        unchanged_document_diagnostic_report:
                            lsp::UnchangedDocumentDiagnosticReport { result_id },
                    },
                )
            } else {
                lsp::DocumentDiagnosticReport::Full(lsp::RelatedFullDocumentDiagnosticReport {
                    related_documents: None,
                    full_document_diagnostic_report: lsp::FullDocumentDiagnosticReport {
                        result_id: Some(result_id),
                        items,
                    },
                })
            };
            serde_json::to_value(lsp::DocumentDiagnosticReportResult::Report(report))
        }
    };
    let response = match result {
        Ok(value) => Response::new_ok(req.id, value),
        Err(e) => Response::new_err(
            req.id,
            lsp_server::ErrorCode::InternalError as i32,
            e.to_string(),
        ),
    };
    let _ = shared.out.send(to_value(Message::Response(response)));
}
