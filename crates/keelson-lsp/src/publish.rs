//! What is shown for a URI: its own analysis's diagnostics, plus the findings other open
//! documents' analyses located in it (a compose file's finding about a service it takes from an
//! `extends` base is located in the base file, which may not even be open).

use std::collections::BTreeSet;

use lsp_server::{Message, Notification};
use lsp_types as lsp;
use lsp_types::notification::Notification as _;
use lsp_types::Url;

use crate::state::{Shared, State};
use crate::transport::to_value;

/// The diagnostics to show for `uri`, without repeats: its own (when it is open and analysed)
/// first, then those of other documents' analyses, in the order of their URIs.
pub fn diagnostics_for(state: &State, uri: &Url) -> Vec<lsp::Diagnostic> {
    let mut out: Vec<lsp::Diagnostic> = state
        .results
        .get(uri)
        .map(|a| a.lsp.clone())
        .unwrap_or_default();
    let mut sources: Vec<&Url> = state.results.keys().filter(|u| *u != uri).collect();
    sources.sort();
    for source in sources {
        let Some(found) = state.results.get(source).and_then(|a| a.elsewhere.get(uri)) else {
            continue;
        };
        for d in found {
            if !out.contains(d) {
                out.push(d.clone());
            }
        }
    }
    out
}

/// The URIs to push again after `uri`'s analysis changed: those it showed findings in before
/// (`old`) and those it shows findings in now (`new`, the keys of its
/// [`crate::analysis::Analysis::elsewhere`]), other than `uri` itself.
pub fn targets<'a>(
    uri: &Url,
    old: impl IntoIterator<Item = &'a Url>,
    new: impl IntoIterator<Item = &'a Url>,
) -> BTreeSet<Url> {
    old.into_iter()
        .chain(new)
        .filter(|u| *u != uri)
        .cloned()
        .collect()
}

/// Pushes what is shown for `uri` ([`diagnostics_for`]), with the version of its own analysis
/// when it has one.
pub fn publish(shared: &Shared, state: &State, uri: &Url) {
    let params = lsp::PublishDiagnosticsParams {
        uri: uri.clone(),
        diagnostics: diagnostics_for(state, uri),
        version: state.results.get(uri).map(|a| a.version),
    };
    let note = Notification::new(
        lsp::notification::PublishDiagnostics::METHOD.to_string(),
        params,
    );
    let _ = shared.out.send(to_value(Message::Notification(note)));
}
