//! K801 invalid-dockerfile: the Dockerfile has text BuildKit would reject.

use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Correctness,
    severity: Severity::Error,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    peers: &[
        peer("hadolint", "DL1000"),
        peer("hadolint", "DL3043"),
        peer("buildkit", "parse error"),
    ],
    fixable: false,
};

pub(crate) struct InvalidDockerfile;
pub(crate) static RULE: InvalidDockerfile = InvalidDockerfile;

impl Check for InvalidDockerfile {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for error in &cx.syntax.errors {
            out.report(error.span, format!("{}; BuildKit will refuse to build this file", error.message))
                .help("fix the syntax here; keelson linted the rest of the file as far as it could be read");
        }
    }
}
