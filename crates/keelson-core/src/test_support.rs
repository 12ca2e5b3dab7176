//! Helpers for unit tests that lint or fix a text with the built-in rules and the default
//! configuration, as a file at a given path with no other files around it.

use std::path::Path;

use crate::fix::FixOptions;
use crate::{
    kind_from_name, Config, Diagnostic, FileKind, LintOptions, LintRequest, Linter, NoFiles,
};

/// Runs `run` on a request for `text` as the file `path` (its name decides the kind).
fn with_request<R>(
    path: &str,
    text: &str,
    options: &LintOptions,
    run: impl FnOnce(&LintRequest<'_>) -> R,
) -> R {
    let config = Config::default();
    let path = Path::new(path);
    run(&LintRequest {
        path,
        text,
        kind: kind_from_name(path).unwrap_or(FileKind::Dockerfile),
        config: &config,
        extra: None,
        files: &NoFiles,
        options,
    })
}

/// The diagnostics of `text` linted as the file `path` with `options`.
pub(crate) fn lint(path: &str, text: &str, options: &LintOptions) -> Vec<Diagnostic> {
    with_request(path, text, options, |r| Linter::new().lint(r).diagnostics)
}

/// `text` after `keelson check --fix` (with `fix`) as a Dockerfile.
pub(crate) fn fix_dockerfile(text: &str, fix: &FixOptions) -> String {
    with_request("Dockerfile", text, &LintOptions::default(), |r| {
        Linter::new().fix(r, fix).text
    })
}
